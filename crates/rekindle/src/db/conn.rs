//! One synchronous connection to either engine, with one way to run SQL on it. Every
//! query in `db/` is written once, in the portable dialect (`$1` placeholders), and
//! runs through [`Conn`]: rusqlite for SQLite (placeholders become `?1`), tokio-postgres
//! for PostgreSQL (driven from the blocking thread the work runs on; see `pool.rs`).
//! Statements are prepared once per connection and cached.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;

use tokio::runtime::Handle;

use super::Error;
use super::value::{FromCol, Value};

thread_local! {
    /// Statements run on this thread so far; `Db` turns the difference around a unit
    /// of work into its own count (tests hold pages to a fixed number of statements).
    static STATEMENTS: Cell<u64> = const { Cell::new(0) };
}

fn count_statement() {
    STATEMENTS.with(|n| n.set(n.get().wrapping_add(1)));
}

/// Statements run on this thread so far (see [`STATEMENTS`]).
pub(super) fn statements_on_this_thread() -> u64 {
    STATEMENTS.with(Cell::get)
}

/// A connection of either engine.
pub enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(PgConn),
}

/// A PostgreSQL client, the runtime its connection task runs on, and its prepared
/// statements by SQL text.
pub struct PgConn {
    pub(super) client: tokio_postgres::Client,
    pub(super) runtime: Handle,
    pub(super) statements: HashMap<String, tokio_postgres::Statement>,
}

/// One row, read by column index or name.
pub enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Postgres(&'a tokio_postgres::Row),
}

/// A column by position (from 0) or by name.
pub trait ColumnIndex: Copy {
    fn position(self, row: &Row<'_>) -> Result<usize, Error>;
}

impl ColumnIndex for usize {
    fn position(self, _row: &Row<'_>) -> Result<usize, Error> {
        Ok(self)
    }
}

impl ColumnIndex for &str {
    fn position(self, row: &Row<'_>) -> Result<usize, Error> {
        let found = match row {
            Row::Sqlite(r) => r.as_ref().column_index(self).ok(),
            Row::Postgres(r) => r.columns().iter().position(|c| c.name() == self),
        };
        found.ok_or_else(|| Error::Decode(format!("no column {self}")))
    }
}

impl Row<'_> {
    /// The names of the row's columns, in order.
    pub fn column_names(&self) -> Vec<String> {
        match self {
            Row::Sqlite(r) => r
                .as_ref()
                .column_names()
                .iter()
                .map(|n| (*n).to_owned())
                .collect(),
            Row::Postgres(r) => r.columns().iter().map(|c| c.name().to_owned()).collect(),
        }
    }

    /// The value of a column as `T` (integers of any width become `i64`).
    pub fn get<T: FromCol>(&self, column: impl ColumnIndex) -> Result<T, Error> {
        let at = column.position(self)?;
        match self {
            Row::Sqlite(r) => T::from_sqlite(r, at),
            Row::Postgres(r) => T::from_postgres(r, at),
        }
    }
}

/// `$1` → `?1`, outside quoted text, for SQLite (where `$1` would be a *named*
/// parameter numbered by first appearance, not by its digits).
fn sqlite_placeholders(sql: &str) -> Cow<'_, str> {
    if !sql.contains('$') {
        return Cow::Borrowed(sql);
    }
    // Bytes, not chars: `$`, `'` and digits are ASCII, and UTF-8 never reuses them.
    let mut out = sql.as_bytes().to_vec();
    let mut quoted = false;
    for i in 0..out.len() {
        match out[i] {
            b'\'' => quoted = !quoted,
            b'$' if !quoted && out.get(i + 1).is_some_and(u8::is_ascii_digit) => out[i] = b'?',
            _ => {}
        }
    }
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| sql.to_owned()))
}

/// The parameters as tokio-postgres takes them.
fn pg_refs<'a>(params: &'a [Value<'_>]) -> Vec<&'a (dyn tokio_postgres::types::ToSql + Sync)> {
    params
        .iter()
        .map(|p| p as &(dyn tokio_postgres::types::ToSql + Sync))
        .collect()
}

impl PgConn {
    fn statement(&mut self, sql: &str) -> Result<tokio_postgres::Statement, Error> {
        if let Some(found) = self.statements.get(sql) {
            return Ok(found.clone());
        }
        let prepared = self.runtime.block_on(self.client.prepare(sql))?;
        self.statements.insert(sql.to_owned(), prepared.clone());
        Ok(prepared)
    }

    fn rows(&mut self, sql: &str, params: &[Value<'_>]) -> Result<Vec<tokio_postgres::Row>, Error> {
        let statement = self.statement(sql)?;
        Ok(self
            .runtime
            .block_on(self.client.query(&statement, &pg_refs(params)))?)
    }
}

impl Conn {
    /// Every row of `sql`, each turned into a `T` by `map`.
    pub fn query<T>(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        mut map: impl FnMut(&Row<'_>) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error> {
        count_statement();
        match self {
            Conn::Sqlite(c) => {
                let mut statement = c.prepare_cached(&sqlite_placeholders(sql))?;
                let mut rows = statement.query(rusqlite::params_from_iter(params))?;
                let mut out = Vec::new();
                while let Some(r) = rows.next()? {
                    out.push(map(&Row::Sqlite(r))?);
                }
                Ok(out)
            }
            Conn::Postgres(c) => c
                .rows(sql, params)?
                .iter()
                .map(|r| map(&Row::Postgres(r)))
                .collect(),
        }
    }

    /// The first row of `sql`, if there is one.
    pub fn query_opt<T>(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        mut map: impl FnMut(&Row<'_>) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        count_statement();
        match self {
            Conn::Sqlite(c) => {
                let mut statement = c.prepare_cached(&sqlite_placeholders(sql))?;
                let mut rows = statement.query(rusqlite::params_from_iter(params))?;
                rows.next()?.map(|r| map(&Row::Sqlite(r))).transpose()
            }
            Conn::Postgres(c) => c
                .rows(sql, params)?
                .first()
                .map(|r| map(&Row::Postgres(r)))
                .transpose(),
        }
    }

    /// The first row of `sql`; [`Error::NotFound`] when there is none.
    pub fn query_one<T>(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        map: impl FnMut(&Row<'_>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.query_opt(sql, params, map)?.ok_or(Error::NotFound)
    }

    /// The first column of the first row (`COUNT`, `MAX`, a `RETURNING` id).
    pub fn scalar<T: FromCol>(&mut self, sql: &str, params: &[Value<'_>]) -> Result<T, Error> {
        self.query_one(sql, params, |r| r.get(0))
    }

    /// Runs a statement that returns no rows; the number of rows it changed.
    pub fn execute(&mut self, sql: &str, params: &[Value<'_>]) -> Result<u64, Error> {
        count_statement();
        match self {
            Conn::Sqlite(c) => {
                let mut statement = c.prepare_cached(&sqlite_placeholders(sql))?;
                let changed = statement.execute(rusqlite::params_from_iter(params))?;
                Ok(u64::try_from(changed).unwrap_or(u64::MAX))
            }
            Conn::Postgres(c) => {
                let statement = c.statement(sql)?;
                Ok(c.runtime
                    .block_on(c.client.execute(&statement, &pg_refs(params)))?)
            }
        }
    }

    /// Runs statements without parameters (pragmas, `BEGIN`, `COMMIT`).
    pub fn batch(&mut self, sql: &str) -> Result<(), Error> {
        match self {
            Conn::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Conn::Postgres(c) => Ok(c.runtime.block_on(c.client.batch_execute(sql))?),
        }
    }

    /// Whether a transaction is open on a SQLite connection (PostgreSQL's client does
    /// not say; there it is always `false`).
    pub(super) fn in_transaction(&self) -> bool {
        matches!(self, Conn::Sqlite(c) if !c.is_autocommit())
    }

    /// Whether the connection can no longer be used (and must not go back to the pool).
    pub(super) fn is_broken(&self) -> bool {
        match self {
            // Still inside a transaction means a COMMIT or ROLLBACK failed.
            Conn::Sqlite(_) => self.in_transaction(),
            Conn::Postgres(c) => c.client.is_closed(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sqlite_placeholders;

    #[test]
    fn placeholders_become_numbered_question_marks_outside_quotes() {
        assert_eq!(
            sqlite_placeholders("SELECT $2, '$1', $10 WHERE a = $1"),
            "SELECT ?2, '$1', ?10 WHERE a = ?1"
        );
        assert_eq!(sqlite_placeholders("SELECT 1"), "SELECT 1");
    }
}
