//! The schema's migrations, applied in order, each in its own transaction. The record
//! of what ran is the `_sqlx_migrations` table the first releases created (through
//! sqlx), kept as it is so those databases upgrade in place: the version, a
//! description, success, the SHA-384 of the file and how long it took. A migration
//! that was applied is never run again, and one whose file changed since is refused.

use sha2::{Digest as _, Sha384};

use super::{Backend, Conn, Error};
use crate::params;

/// One migration: its file name (without `.sql`) and its text for each engine.
pub struct Migration {
    pub name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

macro_rules! migration {
    ($name:literal) => {
        Migration {
            name: $name,
            sqlite: include_str!(concat!("../../migrations/sqlite/", $name, ".sql")),
            postgres: include_str!(concat!("../../migrations/postgres/", $name, ".sql")),
        }
    };
}

/// Every migration, oldest first. A test checks this list against the folders.
pub const MIGRATIONS: &[Migration] = &[
    migration!("0001_accounts_and_couples"),
    migration!("0002_checkins"),
    migration!("0003_state_of_us"),
    migration!("0004_questions"),
    migration!("0005_question_threads"),
    migration!("0006_love_map"),
    migration!("0007_listening"),
    migration!("0008_device_tokens_and_short_invite_codes"),
    migration!("0009_talk_together"),
    migration!("0010_dates"),
    migration!("0011_fair_split"),
    migration!("0012_compromise"),
    migration!("0013_touch_and_notes"),
    migration!("0014_journal_and_keys"),
    migration!("0015_reports"),
];

impl Migration {
    /// The number before the first `_`.
    fn version(&self) -> i64 {
        self.name
            .split('_')
            .next()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }

    /// The rest of the name, in words (as sqlx recorded it).
    fn description(&self) -> String {
        self.name
            .split_once('_')
            .map_or("", |(_, d)| d)
            .replace('_', " ")
    }

    fn sql(&self, backend: Backend) -> &'static str {
        match backend {
            Backend::Sqlite => self.sqlite,
            Backend::Postgres => self.postgres,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Why the schema could not be brought up to date.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("migration {0} failed partway in an earlier run; restore a backup")]
    Dirty(i64),
    #[error("migration {0} was changed after it was applied")]
    Changed(i64),
    #[error(transparent)]
    Db(#[from] Error),
}

/// The record table, as sqlx made it on each engine.
fn record_table(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => {
            "CREATE TABLE IF NOT EXISTS _sqlx_migrations (version BIGINT PRIMARY KEY, \
             description TEXT NOT NULL, installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, \
             success BOOLEAN NOT NULL, checksum BLOB NOT NULL, execution_time BIGINT NOT NULL)"
        }
        Backend::Postgres => {
            "CREATE TABLE IF NOT EXISTS _sqlx_migrations (version BIGINT PRIMARY KEY, \
             description TEXT NOT NULL, installed_on TIMESTAMPTZ NOT NULL DEFAULT now(), \
             success BOOLEAN NOT NULL, checksum BYTEA NOT NULL, execution_time BIGINT NOT NULL)"
        }
    }
}

/// The applied migrations: (version, success, checksum in hex).
fn applied(c: &mut Conn, backend: Backend) -> Result<Vec<(i64, bool, String)>, Error> {
    let sql = match backend {
        Backend::Sqlite => "SELECT version, success, lower(hex(checksum)) FROM _sqlx_migrations",
        Backend::Postgres => {
            "SELECT version, success, encode(checksum, 'hex') FROM _sqlx_migrations"
        }
    };
    c.query(sql, params![], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
}

/// The newest migration's version: what a database this build made is at.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, Migration::version)
}

/// The tables the migrations up to `version` create, in the order they create them —
/// an order in which every foreign key points backwards (PostgreSQL refuses a
/// reference to a table that does not exist yet, and the folders are identical).
pub fn tables_until(version: i64) -> Vec<&'static str> {
    MIGRATIONS
        .iter()
        .filter(|m| m.version() <= version)
        .flat_map(|m| {
            m.sqlite.split("CREATE TABLE ").skip(1).filter_map(|rest| {
                let rest = rest.strip_prefix("IF NOT EXISTS ").unwrap_or(rest);
                rest.split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                    .next()
                    .filter(|name| !name.is_empty())
            })
        })
        .collect()
}

/// Applies every migration not yet applied; checks the ones that were.
pub fn run(c: &mut Conn, backend: Backend) -> Result<(), MigrateError> {
    run_until(c, backend, latest_version())
}

/// Applies the migrations up to `version` that are not yet applied; checks the ones
/// that were (a restore brings a database to its backup's version first).
pub fn run_until(c: &mut Conn, backend: Backend, version: i64) -> Result<(), MigrateError> {
    c.batch(record_table(backend))?;
    let done = applied(c, backend)?;
    for m in MIGRATIONS.iter().filter(|m| m.version() <= version) {
        let sql = m.sql(backend);
        let checksum = hex(&Sha384::digest(sql.as_bytes()));
        if let Some((version, success, stored)) = done.iter().find(|d| d.0 == m.version()) {
            if !success {
                return Err(MigrateError::Dirty(*version));
            }
            if !stored.eq_ignore_ascii_case(&checksum) {
                return Err(MigrateError::Changed(*version));
            }
            continue;
        }
        let started = std::time::Instant::now();
        c.batch(match backend {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        })?;
        let record = match backend {
            Backend::Sqlite => {
                "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
                 VALUES ($1, $2, TRUE, unhex($3), $4)"
            }
            Backend::Postgres => {
                "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
                 VALUES ($1, $2, TRUE, decode($3, 'hex'), $4)"
            }
        };
        let applied = c.batch(sql).and_then(|()| {
            let nanos = i64::try_from(started.elapsed().as_nanos()).unwrap_or(i64::MAX);
            c.execute(
                record,
                params![m.version(), m.description(), &checksum, nanos],
            )
        });
        match applied {
            Ok(_) => c.batch("COMMIT")?,
            Err(err) => {
                let _ = c.batch("ROLLBACK");
                return Err(err.into());
            }
        }
    }
    Ok(())
}
