//! Storage: connecting, migrating, and one file per aggregate. All SQL is portable
//! between SQLite and PostgreSQL (`$1` placeholders, `RETURNING`, BIGINT epoch
//! milliseconds, TEXT ids, INTEGER 0/1) and runs through [`Conn`] (rusqlite or tokio-postgres) on a small blocking pool. Row structs
//! stay private to this module tree; callers get plain domain values.

pub mod affection;
pub mod archive;
pub mod backup;
pub mod checkins;
pub mod compromise;
mod conn;
pub mod couples;
pub mod dashboard;
pub mod dates;
pub mod devices;
pub mod export;
pub mod fair_split;
pub mod gestures;
mod group_commit;
pub mod journal;
pub mod keys;
pub mod listening;
pub mod love_map;
pub mod migrate;
pub mod mutual;
pub mod notes;
pub mod notifications;
pub mod outbox;
mod pool;
pub mod questions;
pub mod reminders;
pub mod reports;
pub mod safety;
pub mod sessions;
pub mod state_of_us;
pub mod users;
mod value;
pub mod visibility;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Context as _;

pub use conn::{Conn, Row};
pub use value::{Cell, FromCol, Value};

use crate::config::DatabaseUrl;
use conn::PgConn;
use pool::Pool;

/// Which engine is behind the pool; a few statements differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A storage failure. Messages name the engine's error, never a row's content.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Shown by its SQLSTATE code only: PostgreSQL's message and detail can quote the
    /// row's values, and errors are logged.
    #[error("postgres: {}", .0.code().map_or("connection", tokio_postgres::error::SqlState::code))]
    Postgres(#[from] tokio_postgres::Error),
    #[error("no such row")]
    NotFound,
    #[error("unexpected column value: {0}")]
    Decode(String),
    #[error("the database is closed")]
    Closed,
    #[error("database work panicked")]
    Panicked,
    /// SQLite ended a group of writes' transaction before its commit (a full disk, an
    /// I/O error): none of the group was kept.
    #[error("the transaction ended before its commit")]
    Aborted,
    /// Private prose would have to be written without its owner's data key (locked
    /// after an operator's reset): refused, never stored plain.
    #[error("private writing is locked")]
    Locked,
}

impl Error {
    /// The same failure again, for each writer of a group that shares it (rusqlite's
    /// and tokio-postgres's errors cannot be cloned; SQLite's code and message can).
    pub(super) fn again(&self) -> Error {
        match self {
            Error::Sqlite(rusqlite::Error::SqliteFailure(e, message)) => {
                Error::Sqlite(rusqlite::Error::SqliteFailure(*e, message.clone()))
            }
            Error::NotFound => Error::NotFound,
            Error::Decode(what) => Error::Decode(what.clone()),
            Error::Closed => Error::Closed,
            Error::Panicked => Error::Panicked,
            Error::Locked => Error::Locked,
            _ => Error::Aborted,
        }
    }

    /// Whether this is a unique-constraint violation (on either engine).
    pub fn is_unique_violation(&self) -> bool {
        match self {
            Error::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
            }
            Error::Postgres(e) => {
                e.code() == Some(&tokio_postgres::error::SqlState::UNIQUE_VIOLATION)
            }
            _ => false,
        }
    }

    /// Whether SQLite gave up waiting for a lock (answered as "busy, try again").
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            Error::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if matches!(e.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    }
}

/// The shared handle to the database: readers, and the connection(s) that write. On
/// SQLite one connection does all the writing, so writers queue in order here instead
/// of sleeping on the file lock; WAL lets the readers go on meanwhile.
#[derive(Clone)]
pub struct Db {
    backend: Backend,
    readers: Arc<Pool>,
    writers: Arc<Pool>,
    /// SQLite's writes waiting to be committed together (`group_commit.rs`).
    queued_writes: Arc<group_commit::Queue>,
    /// Statements run through this pool (not `BEGIN`/`COMMIT`), for tests.
    statements: Arc<AtomicU64>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("backend", &self.backend)
            .finish_non_exhaustive()
    }
}

/// The pragmas every SQLite connection gets: WAL for concurrent readers, foreign keys
/// on, a wait instead of an instant SQLITE_BUSY, and `synchronous=FULL` so an
/// acknowledged write survives a power cut (PRIVACY.md promise 1); `secure_delete` so
/// deleted rows (a deleted account, plain text replaced by its sealed form) are
/// overwritten in the file rather than left in free pages. A page cache of 512 KiB a
/// connection instead of SQLite's 2 MB: one request's queries touch far fewer pages,
/// and a write in WAL mode empties the readers' caches anyway. Measured (BENCHMARKS.md):
/// about 2 MB less resident under load, no change in speed; at 256 KiB the 30-day
/// check-ins read at 10,000 couples (60 rows on as many pages) got 25% slower.
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
     PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON; \
     PRAGMA cache_size = -512;";

/// SQLite connections that read (beside the one that writes). More than the cores
/// only adds thread switches: a read never waits on the disk for long (WAL, page cache).
const READERS: usize = 4;

/// PostgreSQL connections. Each busy one is a server process and a blocking thread
/// here; on a small machine a few keep the cores busy without queueing behind the
/// scheduler (16 gave a long latency tail on 2 cores: BENCHMARKS.md).
const POSTGRES_CONNECTIONS: usize = 4;

/// Statements kept prepared per SQLite connection (rusqlite's cache; the default 16
/// is fewer than the app's distinct queries).
const SQLITE_STATEMENT_CACHE: usize = 128;

/// Runs `work` and adds the statements it ran (on this thread) to `counter`.
fn counted<T>(counter: &AtomicU64, work: impl FnOnce() -> T) -> T {
    let before = conn::statements_on_this_thread();
    let out = work();
    counter.fetch_add(
        conn::statements_on_this_thread().wrapping_sub(before),
        Ordering::Relaxed,
    );
    out
}

fn open_sqlite(path: &std::path::Path) -> Result<Conn, Error> {
    let conn = rusqlite::Connection::open(path)?;
    conn.execute_batch(SQLITE_PRAGMAS)?;
    // Plans that never look at the bound values. Without this SQLite re-prepares a
    // cached statement on every run whose `LIMIT` (or range) is a parameter, to fit
    // the plan to the values — a fifth of the home page's time went to parsing SQL
    // again. The same choice as PostgreSQL's `force_generic_plan` below.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    conn.set_prepared_statement_cache_capacity(SQLITE_STATEMENT_CACHE);
    Ok(Conn::Sqlite(conn))
}

fn open_postgres(url: &str, runtime: &tokio::runtime::Handle) -> Result<Conn, Error> {
    let (client, connection) =
        runtime.block_on(tokio_postgres::connect(url, tokio_postgres::NoTls))?;
    runtime.spawn(connection);
    // Plan each prepared statement once. By default PostgreSQL re-plans a statement
    // with its values for the first executions and keeps doing so when the generic
    // plan looks costlier — for the dashboard's `UNION ALL` that was 1 ms of planning
    // on every view. Our statements are driven by equality on indexed ids, which a
    // generic plan serves as well (PostgreSQL 12+).
    runtime.block_on(client.batch_execute("SET plan_cache_mode = force_generic_plan"))?;
    Ok(Conn::Postgres(PgConn {
        client,
        runtime: runtime.clone(),
        statements: HashMap::new(),
    }))
}

impl Db {
    /// Opens the pool (creating the SQLite file and its folder when needed).
    pub async fn connect(url: &DatabaseUrl) -> anyhow::Result<Self> {
        let runtime = tokio::runtime::Handle::current();
        let (backend, readers, writers) = match url {
            DatabaseUrl::Sqlite(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("creating the data folder {}", dir.display()))?;
                }
                let (read_path, write_path) = (path.clone(), path.clone());
                (
                    Backend::Sqlite,
                    Pool::new(READERS, Box::new(move || open_sqlite(&read_path))),
                    Pool::new(1, Box::new(move || open_sqlite(&write_path))),
                )
            }
            DatabaseUrl::Postgres(raw) => {
                let (url, rt) = (raw.clone(), runtime.clone());
                let pool = Pool::new(
                    POSTGRES_CONNECTIONS,
                    Box::new(move || open_postgres(&url, &rt)),
                );
                (Backend::Postgres, Arc::clone(&pool), pool)
            }
        };
        let db = Self {
            backend,
            readers,
            writers,
            queued_writes: Arc::default(),
            statements: Arc::new(AtomicU64::new(0)),
        };
        // Open one connection now, so a wrong address fails at start, not at first use.
        db.read(|c| c.batch("SELECT 1"))
            .await
            .with_context(|| format!("connecting to {url}"))?;
        Ok(db)
    }

    /// Brings the schema up to date. Safe to run repeatedly.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        let backend = self.backend;
        self.writers
            .run(move |c| migrate::run(c, backend))
            .await
            .context("running migrations")?;
        Ok(())
    }

    /// Brings the schema up to `version` only (a restore matches its backup first).
    pub async fn migrate_until(&self, version: i64) -> anyhow::Result<()> {
        let backend = self.backend;
        self.writers
            .run(move |c| migrate::run_until(c, backend, version))
            .await
            .context("running migrations")?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// `work`, adding the statements it runs to [`Db::statements_run`] (for the tests that
    /// hold each page to a fixed number).
    fn counting<T, E, F>(&self, work: F) -> impl FnOnce(&mut Conn) -> Result<T, E> + Send + 'static
    where
        F: FnOnce(&mut Conn) -> Result<T, E> + Send + 'static,
    {
        let counter = Arc::clone(&self.statements);
        move |c: &mut Conn| counted(&counter, || work(c))
    }

    /// Runs `work` (bounded reads: what one page or answer needs) on a connection. On
    /// SQLite it runs in place (see `Pool::run_here`); PostgreSQL's client waits on the
    /// network, so there it runs on a blocking thread.
    pub async fn read<T, F>(&self, work: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(&mut Conn) -> Result<T, Error> + Send + 'static,
    {
        match self.backend {
            Backend::Sqlite => {
                let counter = &self.statements;
                self.readers
                    .run_here(|c| counted(counter, || work(c)))
                    .await
            }
            Backend::Postgres => self.read_bulk(work).await,
        }
    }

    /// Runs `work` (reads of any size: an export, an archive) on a connection, on a
    /// blocking thread, so a long read never holds up an async worker.
    pub async fn read_bulk<T, F>(&self, work: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(&mut Conn) -> Result<T, Error> + Send + 'static,
    {
        self.readers.run(self.counting(work)).await
    }

    /// Runs `work` in one transaction on a writing connection: kept when it returns
    /// `Ok`, rolled back when it returns an error (a storage error or the caller's own
    /// refusal), and answered only once committed. On SQLite the writes waiting at the
    /// same moment share one transaction, each in its own savepoint, and one commit
    /// (`group_commit.rs`); on PostgreSQL each is its own transaction.
    pub async fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<Error> + Send + 'static,
        F: FnOnce(&mut Conn) -> Result<T, E> + Send + 'static,
    {
        let work = self.counting(work);
        match self.backend {
            Backend::Sqlite => self.queued_writes.write(&self.writers, work).await,
            Backend::Postgres => {
                self.writers
                    .run(move |c| {
                        c.batch("BEGIN")?;
                        match work(c) {
                            Ok(out) => {
                                if let Err(err) = c.batch("COMMIT") {
                                    let _ = c.batch("ROLLBACK");
                                    return Err(err.into());
                                }
                                Ok(out)
                            }
                            Err(err) => {
                                let _ = c.batch("ROLLBACK");
                                Err(err)
                            }
                        }
                    })
                    .await
            }
        }
    }

    /// Runs each of `works` as [`Db::write`] would, in order, each in its own
    /// transaction (or savepoint) with its own answer; on SQLite they are queued at once,
    /// so they share a commit instead of waiting for one each.
    pub async fn write_each<T, E, F>(&self, works: Vec<F>) -> Vec<Result<T, E>>
    where
        T: Send + 'static,
        E: From<Error> + Send + 'static,
        F: FnOnce(&mut Conn) -> Result<T, E> + Send + 'static,
    {
        match self.backend {
            Backend::Sqlite => {
                let works = works.into_iter().map(|work| self.counting(work)).collect();
                self.queued_writes.write_each(&self.writers, works).await
            }
            Backend::Postgres => {
                let mut out = Vec::with_capacity(works.len());
                for work in works {
                    out.push(self.write(work).await);
                }
                out
            }
        }
    }

    /// Runs one statement with owned parameters in its own transaction (for tests and
    /// operator tools; the app's writes live in the files of this module).
    pub async fn execute(&self, sql: &str, params: Vec<Value<'static>>) -> Result<u64, Error> {
        let sql = sql.to_owned();
        self.write(move |c| c.execute(&sql, &params)).await
    }

    /// The first column of every row of one statement (for tests and operator tools).
    pub async fn column<T: FromCol + Send + 'static>(
        &self,
        sql: &str,
        params: Vec<Value<'static>>,
    ) -> Result<Vec<T>, Error> {
        let sql = sql.to_owned();
        self.read(move |c| c.query(&sql, &params, |r| r.get(0)))
            .await
    }

    /// How many statements have run through this pool (each `query`, `execute` and the
    /// like; not transaction control). Tests hold pages to a fixed number.
    pub fn statements_run(&self) -> u64 {
        self.statements.load(Ordering::Relaxed)
    }

    /// Whether the database answers a trivial query.
    pub async fn is_healthy(&self) -> bool {
        self.read(|c| c.batch("SELECT 1")).await.is_ok()
    }

    /// Closes the pools, letting the idle connections go.
    pub async fn close(&self) {
        self.readers.close();
        self.writers.close();
    }
}

/// Whether an error is a unique-constraint violation (on either engine).
pub fn is_unique_violation(err: &Error) -> bool {
    err.is_unique_violation()
}

/// The current time as UTC epoch milliseconds, the only way times are stored.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}
