//! Storage: connecting, migrating, and one file per aggregate. All SQL is portable
//! between SQLite and PostgreSQL (`$1` placeholders, `RETURNING`, BIGINT epoch
//! milliseconds, TEXT ids, INTEGER 0/1) and runs through sqlx's `AnyPool`. Row structs
//! stay private to this module tree; callers get plain domain values.

pub mod archive;
pub mod checkins;
pub mod couples;
pub mod devices;
pub mod listening;
pub mod love_map;
pub mod questions;
pub mod sessions;
pub mod state_of_us;
pub mod users;
pub mod visibility;

use std::time::Duration;

use anyhow::Context as _;
use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{Any, AnyPool, Executor as _, Transaction};

use crate::config::DatabaseUrl;

/// Which engine is behind the pool; a few statements differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The shared handle to the database.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

/// The pragmas every SQLite connection gets: WAL for concurrent readers, foreign keys
/// on, a wait instead of an instant SQLITE_BUSY, and `synchronous=FULL` so an
/// acknowledged write survives a power cut (PRIVACY.md promise 1).
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
     PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL;";

impl Db {
    /// Opens the pool (creating the SQLite file and its folder when needed).
    pub async fn connect(url: &DatabaseUrl) -> anyhow::Result<Self> {
        install_default_drivers();
        let (conn_url, backend) = match url {
            DatabaseUrl::Sqlite(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("creating the data folder {}", dir.display()))?;
                }
                (
                    format!("sqlite://{}?mode=rwc", path.display()),
                    Backend::Sqlite,
                )
            }
            DatabaseUrl::Postgres(raw) => (raw.clone(), Backend::Postgres),
        };
        let mut options = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(10));
        if backend == Backend::Sqlite {
            options = options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute(SQLITE_PRAGMAS).await?;
                    Ok(())
                })
            });
        }
        let pool = options
            .connect(&conn_url)
            .await
            .with_context(|| format!("connecting to {url}"))?;
        Ok(Self { pool, backend })
    }

    /// Brings the schema up to date. Safe to run repeatedly.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&self.pool)
            .await
            .context("running migrations")?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Starts a transaction that will write. SQLite takes the write lock up front
    /// (`BEGIN IMMEDIATE`), which avoids SQLITE_BUSY between concurrent writers.
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    /// Whether the database answers a trivial query.
    pub async fn is_healthy(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    /// Closes the pool, waiting for connections to be returned.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Whether an error is a unique-constraint violation (on either engine).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .is_some_and(sqlx::error::DatabaseError::is_unique_violation)
}

/// The current time as UTC epoch milliseconds, the only way times are stored.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}
