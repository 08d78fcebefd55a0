//! Backups and restores (`rekindle backup FILE`, `rekindle restore FILE`).
//!
//! A backup is taken while the server runs and is consistent: SQLite writes a copy of
//! the database file with `VACUUM INTO` (one read snapshot); PostgreSQL writes a
//! *logical* backup — every table's rows as JSON lines, read in one `REPEATABLE READ`
//! snapshot — which either engine can restore. A restore takes either kind of file
//! into an EMPTY database of either kind, so a couple can move from SQLite to
//! PostgreSQL and back. Rows are copied whole, ids and sealed text unchanged, so
//! encrypted writing opens after a move exactly as before (the seal's associated data
//! is the row's place, never the engine).
//!
//! The logical format, one JSON value per line:
//! ```text
//! {"format":"rekindle-backup","version":1,"migrations":[1,2,…],"created_at":MS}
//! {"table":"users","columns":["id","email",…]}
//! ["01J…","ana@example.com",…]          one line per row
//! {"table":"couples","columns":[…]}
//! …
//! {"end":{"tables":54,"rows":1234}}
//! ```
//! The closing line is how a restore knows the file is whole; without it nothing is
//! restored.

use std::fs::File;
use std::io::{BufRead as _, BufReader, BufWriter, Read as _, Write as _};
use std::path::{Path, PathBuf};

use super::migrate::{self, MigrateError};
use super::{Backend, Cell, Conn, Db, Error, Value};

const FORMAT: &str = "rekindle-backup";
const FORMAT_VERSION: i64 = 1;
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Rows per `INSERT` on restore: few round trips, well under both engines' limits on
/// parameters in one statement (SQLite 32,766; PostgreSQL 65,535).
const PARAMS_PER_INSERT: usize = 4_000;

/// Why a backup or restore did not happen. Messages name files and tables, never a
/// row's values.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0} already exists; choose a new file name")]
    Exists(PathBuf),
    #[error("reading or writing {0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0} is not a Rekindle backup (neither a SQLite file nor a logical backup)")]
    NotABackup(PathBuf),
    #[error("the backup is cut short or damaged ({0}); nothing was restored")]
    Damaged(String),
    #[error(
        "the backup comes from a newer Rekindle (schema {0}, this one knows {1}); upgrade first"
    )]
    Newer(i64, i64),
    #[error("the database is not empty (table {0} has rows); restore only into a new database")]
    NotEmpty(&'static str),
    #[error(transparent)]
    Migrate(#[from] MigrateError),
    #[error(transparent)]
    Db(#[from] Error),
}

/// What a backup or restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// `"sqlite"` (a copy of the database file) or `"logical"` (JSON lines).
    pub kind: &'static str,
    pub tables: usize,
    /// Rows written or restored (a file copy does not count them: 0).
    pub rows: u64,
}

/// Writes a consistent backup of the live database to `path` (which must not exist).
pub async fn backup(db: &Db, path: &Path) -> Result<Summary, BackupError> {
    if path.exists() {
        return Err(BackupError::Exists(path.to_owned()));
    }
    let path = path.to_owned();
    match db.backend() {
        Backend::Sqlite => {
            let target = path.clone();
            db.readers.run(move |c| sqlite_copy(c, &target)).await?;
            sync(&path)?;
            let tables = migrate::tables_until(migrate::latest_version()).len();
            Ok(Summary {
                kind: "sqlite",
                tables,
                rows: 0,
            })
        }
        Backend::Postgres => db.readers.run(move |c| logical_backup(c, &path)).await,
    }
}

/// `VACUUM INTO` reads one snapshot and writes a compact, whole database file.
fn sqlite_copy(c: &mut Conn, target: &Path) -> Result<(), BackupError> {
    let name = target
        .to_str()
        .ok_or_else(|| BackupError::NotABackup(target.to_owned()))?;
    c.execute("VACUUM INTO $1", &[Value::from(name)])?;
    Ok(())
}

fn sync(path: &Path) -> Result<(), BackupError> {
    let io = |e| BackupError::Io(path.to_owned(), e);
    File::open(path).and_then(|f| f.sync_all()).map_err(io)
}

fn cell_json(cell: Cell) -> serde_json::Value {
    match cell {
        Cell::Null => serde_json::Value::Null,
        Cell::Int(i) => i.into(),
        Cell::Text(t) => t.into(),
    }
}

/// Every table in one read-only snapshot, to `path` through a temporary file that is
/// renamed only once whole and on disk.
fn logical_backup(c: &mut Conn, path: &Path) -> Result<Summary, BackupError> {
    let partial = path.with_extension("partial");
    let io = |e| BackupError::Io(path.to_owned(), e);
    c.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
    let written = (|| {
        let versions: Vec<i64> = c.query(
            "SELECT version FROM _sqlx_migrations ORDER BY version",
            &[],
            |r| r.get(0),
        )?;
        let latest = versions.last().copied().unwrap_or(0);
        let mut out = BufWriter::new(File::create(&partial).map_err(io)?);
        let header = serde_json::json!({
            "format": FORMAT, "version": FORMAT_VERSION, "migrations": versions,
            "created_at": super::now_ms(),
        });
        writeln!(out, "{header}").map_err(io)?;
        let tables = migrate::tables_until(latest);
        let mut rows = 0u64;
        for table in &tables {
            let mut columns: Option<Vec<String>> = None;
            let body: Vec<Vec<Cell>> = c.query(&format!("SELECT * FROM {table}"), &[], |r| {
                if columns.is_none() {
                    columns = Some(r.column_names());
                }
                (0..r.column_names().len())
                    .map(|i| r.get::<Cell>(i))
                    .collect()
            })?;
            let line = serde_json::json!({"table": table, "columns": columns.unwrap_or_default()});
            writeln!(out, "{line}").map_err(io)?;
            for row in body {
                let values: Vec<_> = row.into_iter().map(cell_json).collect();
                writeln!(out, "{}", serde_json::Value::Array(values)).map_err(io)?;
                rows += 1;
            }
        }
        let end = serde_json::json!({"end": {"tables": tables.len(), "rows": rows}});
        writeln!(out, "{end}").map_err(io)?;
        let file = out.into_inner().map_err(|e| io(e.into_error()))?;
        file.sync_all().map_err(io)?;
        Ok::<_, BackupError>(Summary {
            kind: "logical",
            tables: tables.len(),
            rows,
        })
    })();
    let _ = c.batch("COMMIT");
    match written {
        Ok(summary) => {
            std::fs::rename(&partial, path).map_err(io)?;
            Ok(summary)
        }
        Err(err) => {
            let _ = std::fs::remove_file(&partial);
            Err(err)
        }
    }
}

/// One table's rows as read from a backup.
struct TableRows {
    name: String,
    columns: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

/// A backup opened for reading: which schema it has, then its tables in order.
enum Source {
    Sqlite(Conn, std::vec::IntoIter<&'static str>),
    Logical(
        std::io::Lines<BufReader<File>>,
        Option<String>,
        Option<(usize, u64)>,
    ),
}

impl Source {
    /// Opens `path` as whichever kind of backup it is; the schema version it is at.
    fn open(path: &Path) -> Result<(Self, i64), BackupError> {
        let io = |e| BackupError::Io(path.to_owned(), e);
        let mut head = [0u8; 16];
        let mut file = File::open(path).map_err(io)?;
        let read = file.read(&mut head).map_err(io)?;
        if read == head.len() && &head == SQLITE_HEADER {
            let conn = rusqlite::Connection::open_with_flags(
                path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(Error::from)?;
            let mut conn = Conn::Sqlite(conn);
            let version: i64 = conn
                .scalar(
                    "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success",
                    &[],
                )
                .map_err(|_| BackupError::NotABackup(path.to_owned()))?;
            let tables = migrate::tables_until(version).into_iter();
            return Ok((Source::Sqlite(conn, tables), version));
        }
        let mut lines = BufReader::new(File::open(path).map_err(io)?).lines();
        let header: serde_json::Value = lines
            .next()
            .and_then(Result::ok)
            .and_then(|l| serde_json::from_str(&l).ok())
            .ok_or_else(|| BackupError::NotABackup(path.to_owned()))?;
        if header["format"] != FORMAT || header["version"] != FORMAT_VERSION {
            return Err(BackupError::NotABackup(path.to_owned()));
        }
        let version = header["migrations"]
            .as_array()
            .and_then(|v| v.iter().filter_map(serde_json::Value::as_i64).max())
            .unwrap_or(0);
        Ok((Source::Logical(lines, None, None), version))
    }

    /// The next table, or `None` after the last (a logical file must then have ended
    /// with its closing line).
    fn next_table(&mut self) -> Result<Option<TableRows>, BackupError> {
        match self {
            Source::Sqlite(conn, tables) => {
                let Some(name) = tables.next() else {
                    return Ok(None);
                };
                let mut columns = Vec::new();
                let rows = conn.query(&format!("SELECT * FROM {name}"), &[], |r| {
                    if columns.is_empty() {
                        columns = r.column_names();
                    }
                    (0..columns.len()).map(|i| r.get::<Cell>(i)).collect()
                })?;
                Ok(Some(TableRows {
                    name: name.to_owned(),
                    columns,
                    rows,
                }))
            }
            Source::Logical(lines, pending, end) => {
                let damaged = |why: &str| BackupError::Damaged(why.to_owned());
                let line = match pending.take() {
                    Some(line) => line,
                    None => match lines.next() {
                        Some(line) => line.map_err(|_| damaged("unreadable line"))?,
                        None => {
                            return if end.is_some() {
                                Ok(None)
                            } else {
                                Err(damaged("no closing line"))
                            };
                        }
                    },
                };
                let head: serde_json::Value =
                    serde_json::from_str(&line).map_err(|_| damaged("a line is not JSON"))?;
                if let Some(closing) = head.get("end") {
                    let tables = closing["tables"].as_u64().unwrap_or(u64::MAX);
                    let rows = closing["rows"].as_u64().unwrap_or(u64::MAX);
                    *end = Some((usize::try_from(tables).unwrap_or(usize::MAX), rows));
                    if lines.next().is_some() {
                        return Err(damaged("lines after the closing line"));
                    }
                    return Ok(None);
                }
                let name = head["table"]
                    .as_str()
                    .ok_or_else(|| damaged("a table line without a name"))?
                    .to_owned();
                let columns: Vec<String> = head["columns"]
                    .as_array()
                    .ok_or_else(|| damaged("a table line without columns"))?
                    .iter()
                    .map(|c| c.as_str().map(str::to_owned))
                    .collect::<Option<_>>()
                    .ok_or_else(|| damaged("a column name is not text"))?;
                let mut rows = Vec::new();
                for line in lines.by_ref() {
                    let line = line.map_err(|_| damaged("unreadable line"))?;
                    if line.starts_with('{') {
                        *pending = Some(line);
                        break;
                    }
                    let values: Vec<serde_json::Value> =
                        serde_json::from_str(&line).map_err(|_| damaged("a row is not JSON"))?;
                    if values.len() != columns.len() {
                        return Err(damaged("a row has the wrong number of values"));
                    }
                    rows.push(
                        values
                            .into_iter()
                            .map(|v| match v {
                                serde_json::Value::Null => Some(Cell::Null),
                                serde_json::Value::Number(n) => n.as_i64().map(Cell::Int),
                                serde_json::Value::String(s) => Some(Cell::Text(s)),
                                _ => None,
                            })
                            .collect::<Option<Vec<_>>>()
                            .ok_or_else(|| damaged("a value is neither text nor a whole number"))?,
                    );
                }
                Ok(Some(TableRows {
                    name,
                    columns,
                    rows,
                }))
            }
        }
    }

    /// For a logical file: the closing line's counts match what was read.
    fn check_end(&self, tables: usize, rows: u64) -> Result<(), BackupError> {
        match self {
            Source::Logical(_, _, Some(end)) if *end != (tables, rows) => Err(
                BackupError::Damaged("the closing line's counts differ from the rows".into()),
            ),
            _ => Ok(()),
        }
    }
}

/// A column name safe to put in SQL: the backup is a file, and a file can be edited.
fn plain_identifier(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Restores the backup at `path` into this database, which must hold no rows: the
/// schema is brought to the backup's version, every row goes in within ONE
/// transaction (all or nothing), then the newer migrations run.
pub async fn restore(db: &Db, path: &Path) -> Result<Summary, BackupError> {
    let (_, version) = Source::open(path)?;
    let latest = migrate::latest_version();
    if version > latest {
        return Err(BackupError::Newer(version, latest));
    }
    db.migrate_until(version)
        .await
        .map_err(|e| match e.downcast::<MigrateError>() {
            Ok(m) => BackupError::Migrate(m),
            Err(other) => BackupError::Damaged(format!("{other:#}")),
        })?;
    let path = path.to_owned();
    let summary = db
        .write(move |c| {
            let (mut source, _) = Source::open(&path)?;
            let known = migrate::tables_until(latest);
            for table in &known {
                let any: Option<i64> =
                    c.query_opt(&format!("SELECT 1 FROM {table} LIMIT 1"), &[], |r| r.get(0))?;
                if any.is_some() {
                    return Err(BackupError::NotEmpty(table));
                }
            }
            let (mut tables, mut rows) = (0usize, 0u64);
            while let Some(table) = source.next_table()? {
                let Some(name) = known.iter().find(|t| **t == table.name) else {
                    return Err(BackupError::Damaged(format!(
                        "unknown table {}",
                        table.name
                    )));
                };
                if !table.columns.iter().all(|c| plain_identifier(c)) {
                    return Err(BackupError::Damaged(format!("a column name in {name}")));
                }
                rows += insert_rows(c, name, &table.columns, &table.rows)?;
                tables += 1;
            }
            source.check_end(tables, rows)?;
            Ok::<_, BackupError>(Summary {
                kind: match source {
                    Source::Sqlite(..) => "sqlite",
                    Source::Logical(..) => "logical",
                },
                tables,
                rows,
            })
        })
        .await?;
    db.migrate()
        .await
        .map_err(|e| match e.downcast::<MigrateError>() {
            Ok(m) => BackupError::Migrate(m),
            Err(other) => BackupError::Damaged(format!("{other:#}")),
        })?;
    Ok(summary)
}

/// Inserts `rows` into `table` in multi-row statements; how many went in.
fn insert_rows(
    c: &mut Conn,
    table: &str,
    columns: &[String],
    rows: &[Vec<Cell>],
) -> Result<u64, BackupError> {
    if rows.is_empty() || columns.is_empty() {
        return Ok(0);
    }
    let per_statement = (PARAMS_PER_INSERT / columns.len()).max(1);
    let mut done = 0u64;
    for chunk in rows.chunks(per_statement) {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        let mut params = Vec::with_capacity(chunk.len() * columns.len());
        for (i, row) in chunk.iter().enumerate() {
            sql.push_str(if i == 0 { "(" } else { ", (" });
            for (j, cell) in row.iter().enumerate() {
                if j > 0 {
                    sql.push_str(", ");
                }
                params.push(match cell {
                    Cell::Null => Value::Null,
                    Cell::Int(n) => Value::Int(*n),
                    Cell::Text(t) => Value::from(t.as_str()),
                });
                sql.push_str(&format!("${}", params.len()));
            }
            sql.push(')');
        }
        done += c.execute(&sql, &params)?;
    }
    Ok(done)
}
