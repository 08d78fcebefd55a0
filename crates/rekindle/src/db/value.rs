//! The values a query binds and the column types it reads, for both engines. Storage
//! uses three shapes only (see ARCHITECTURE.md): BIGINT (epoch milliseconds, counts,
//! 0/1 flags), TEXT, and NULL.

use std::borrow::Cow;
use std::error::Error as StdError;

use bytes::BytesMut;
use rusqlite::types::{ToSqlOutput, ValueRef};
use tokio_postgres::types::{IsNull, ToSql, Type, to_sql_checked};

use super::Error;

/// One bound parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Text(Cow<'a, str>),
}

impl Value<'_> {
    /// The same value, owning its text.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Null => Value::Null,
            Value::Int(i) => Value::Int(i),
            Value::Text(t) => Value::Text(Cow::Owned(t.into_owned())),
        }
    }
}

/// `params![a, b, c]`: a slice of [`Value`]s from anything that converts into one.
#[macro_export]
macro_rules! params {
    () => { &[] as &[$crate::db::Value<'_>] };
    ($($p:expr),+ $(,)?) => { &[$($crate::db::Value::from($p)),+] as &[$crate::db::Value<'_>] };
}

impl From<i64> for Value<'_> {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<u8> for Value<'_> {
    fn from(v: u8) -> Self {
        Value::Int(i64::from(v))
    }
}

impl From<u32> for Value<'_> {
    fn from(v: u32) -> Self {
        Value::Int(i64::from(v))
    }
}

impl From<bool> for Value<'_> {
    fn from(v: bool) -> Self {
        Value::Int(i64::from(v))
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(v: &'a str) -> Self {
        Value::Text(Cow::Borrowed(v))
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(v: &'a String) -> Self {
        Value::Text(Cow::Borrowed(v))
    }
}

impl From<String> for Value<'_> {
    fn from(v: String) -> Self {
        Value::Text(Cow::Owned(v))
    }
}

impl<'a, T: Into<Value<'a>>> From<Option<T>> for Value<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

impl rusqlite::ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
        }))
    }
}

/// PostgreSQL infers each parameter's type from the statement; an integer goes into
/// whichever integer column width it meets (checked), text into any text type.
impl ToSql for Value<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn StdError + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                _ => i.to_sql(ty, out),
            },
            Value::Text(s) => s.as_ref().to_sql(ty, out),
        }
    }

    fn accepts(ty: &Type) -> bool {
        <i64 as ToSql>::accepts(ty)
            || <i32 as ToSql>::accepts(ty)
            || <i16 as ToSql>::accepts(ty)
            || <bool as ToSql>::accepts(ty)
            || <&str as ToSql>::accepts(ty)
    }

    to_sql_checked!();
}

/// A column type rows can be read as.
pub trait FromCol: Sized {
    fn from_sqlite(row: &rusqlite::Row<'_>, at: usize) -> Result<Self, Error>;
    fn from_postgres(row: &tokio_postgres::Row, at: usize) -> Result<Self, Error>;
}

/// PostgreSQL's integer columns come in three widths; all read as `i64`.
fn pg_int(row: &tokio_postgres::Row, at: usize) -> Result<Option<i64>, Error> {
    let ty = row
        .columns()
        .get(at)
        .ok_or_else(|| Error::Decode(format!("no column {at}")))?
        .type_()
        .clone();
    Ok(match ty {
        Type::INT2 => row.try_get::<_, Option<i16>>(at)?.map(i64::from),
        Type::INT4 => row.try_get::<_, Option<i32>>(at)?.map(i64::from),
        Type::BOOL => row.try_get::<_, Option<bool>>(at)?.map(i64::from),
        _ => row.try_get::<_, Option<i64>>(at)?,
    })
}

impl FromCol for Option<i64> {
    fn from_sqlite(row: &rusqlite::Row<'_>, at: usize) -> Result<Self, Error> {
        Ok(row.get(at)?)
    }
    fn from_postgres(row: &tokio_postgres::Row, at: usize) -> Result<Self, Error> {
        pg_int(row, at)
    }
}

impl FromCol for i64 {
    fn from_sqlite(row: &rusqlite::Row<'_>, at: usize) -> Result<Self, Error> {
        Ok(row.get(at)?)
    }
    fn from_postgres(row: &tokio_postgres::Row, at: usize) -> Result<Self, Error> {
        pg_int(row, at)?.ok_or_else(|| Error::Decode(format!("column {at} is NULL")))
    }
}

impl FromCol for u8 {
    fn from_sqlite(row: &rusqlite::Row<'_>, at: usize) -> Result<Self, Error> {
        narrow(i64::from_sqlite(row, at)?)
    }
    fn from_postgres(row: &tokio_postgres::Row, at: usize) -> Result<Self, Error> {
        narrow(i64::from_postgres(row, at)?)
    }
}

impl FromCol for u32 {
    fn from_sqlite(row: &rusqlite::Row<'_>, at: usize) -> Result<Self, Error> {
        narrow(i64::from_sqlite(row, at)?)
    }
    fn from_postgres(row: &tokio_postgres::Row, at: usize) -> Result<Self, Error> {
        narrow(i64::from_postgres(row, at)?)
    }
}

impl FromCol for bool {
    fn from_sqlite(row: &rusqlite::Row<'_>, at: usize) -> Result<Self, Error> {
        Ok(i64::from_sqlite(row, at)? != 0)
    }
    fn from_postgres(row: &tokio_postgres::Row, at: usize) -> Result<Self, Error> {
        Ok(i64::from_postgres(row, at)? != 0)
    }
}

fn narrow<T: TryFrom<i64>>(v: i64) -> Result<T, Error> {
    T::try_from(v).map_err(|_| Error::Decode(format!("{v} is out of range")))
}

impl FromCol for String {
    fn from_sqlite(row: &rusqlite::Row<'_>, at: usize) -> Result<Self, Error> {
        Ok(row.get(at)?)
    }
    fn from_postgres(row: &tokio_postgres::Row, at: usize) -> Result<Self, Error> {
        Ok(row.try_get(at)?)
    }
}

impl FromCol for Option<String> {
    fn from_sqlite(row: &rusqlite::Row<'_>, at: usize) -> Result<Self, Error> {
        Ok(row.get(at)?)
    }
    fn from_postgres(row: &tokio_postgres::Row, at: usize) -> Result<Self, Error> {
        Ok(row.try_get(at)?)
    }
}

/// Any stored value, for reading whole rows without knowing their columns (the
/// export): storage has three shapes only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Null,
    Int(i64),
    Text(String),
}

impl FromCol for Cell {
    fn from_sqlite(row: &rusqlite::Row<'_>, at: usize) -> Result<Self, Error> {
        Ok(match row.get_ref(at)? {
            ValueRef::Null => Cell::Null,
            ValueRef::Integer(i) => Cell::Int(i),
            ValueRef::Real(f) => Cell::Text(f.to_string()),
            ValueRef::Text(t) | ValueRef::Blob(t) => {
                Cell::Text(String::from_utf8_lossy(t).into_owned())
            }
        })
    }
    fn from_postgres(row: &tokio_postgres::Row, at: usize) -> Result<Self, Error> {
        let ty = row
            .columns()
            .get(at)
            .ok_or_else(|| Error::Decode(format!("no column {at}")))?
            .type_()
            .clone();
        Ok(match ty {
            Type::INT2 | Type::INT4 | Type::INT8 | Type::BOOL => {
                pg_int(row, at)?.map_or(Cell::Null, Cell::Int)
            }
            _ => row
                .try_get::<_, Option<String>>(at)?
                .map_or(Cell::Null, Cell::Text),
        })
    }
}
