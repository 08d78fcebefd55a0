//! A person's wrapped data key (`user_keys`), and the one list of private prose that is
//! stored sealed with it. Nothing here ever holds an unwrapped key at rest.

use super::visibility::{Scope, predicate};
use super::{Db, Error};
use crate::params;
use crate::vault::{DataKey, Place};

/// One column of private prose that only its owner ever reads, stored sealed with the
/// owner's data key. Journal entries are sealed by `db/journal.rs` itself.
pub struct SealedColumn {
    pub table: &'static str,
    /// The column that names the row (bound into the seal with the owner).
    pub id: &'static str,
    pub column: &'static str,
    /// Rows that stay plain: a wish its owner shared is for the partner to read.
    pub only_private: bool,
}

/// Private prose sealed with its owner's key, besides the journal (issue 13): private
/// check-in notes, listening-session notes, the private list of things the partner
/// loves, and touch wishes while they are private. What the server must compare
/// between partners (mutual-yes answers, sealed answers) stays plain, behind the
/// visibility rule.
pub const SEALED_PROSE: &[SealedColumn] = &[
    SealedColumn {
        table: "checkin_notes",
        id: "checkin_id",
        column: "body",
        only_private: false,
    },
    SealedColumn {
        table: "listening_notes",
        id: "session_id",
        column: "body",
        only_private: false,
    },
    SealedColumn {
        table: "partner_loves",
        id: "id",
        column: "body",
        only_private: false,
    },
    SealedColumn {
        table: "affection_wishes",
        id: "id",
        column: "body",
        only_private: true,
    },
];

/// The seal's place for a row of one of [`SEALED_PROSE`]'s tables.
pub fn place<'a>(table: &'static str, id: &'a str, owner: &'a str) -> Place<'a> {
    Place { table, id, owner }
}

/// What is stored about a person's data key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredKeys {
    pub password_salt: String,
    /// `None` after an operator's reset: locked until the recovery code is given.
    pub by_password: Option<String>,
    pub recovery_salt: Option<String>,
    /// `None` until a recovery code is made (accounts from before the journal).
    pub by_recovery: Option<String>,
}

/// The person's stored keys; `None` for an account from before encryption at rest.
pub async fn get(db: &Db, user_id: &str) -> Result<Option<StoredKeys>, Error> {
    let user_id = user_id.to_owned();
    db.read(move |c| {
        c.query_opt(
            "SELECT password_salt, by_password, recovery_salt, by_recovery FROM user_keys \
             WHERE user_id = $1",
            params![&user_id],
            |r| {
                Ok(StoredKeys {
                    password_salt: r.get(0)?,
                    by_password: r.get(1)?,
                    recovery_salt: r.get(2)?,
                    by_recovery: r.get(3)?,
                })
            },
        )
    })
    .await
}

/// Stores a new account's keys.
pub async fn create(db: &Db, user_id: &str, keys: &StoredKeys, now: i64) -> Result<(), Error> {
    let (user_id, keys) = (user_id.to_owned(), keys.clone());
    db.write(move |c| {
        insert(c, &user_id, &keys, now)?;
        Ok::<_, Error>(())
    })
    .await
}

fn insert(c: &mut super::Conn, user_id: &str, keys: &StoredKeys, now: i64) -> Result<u64, Error> {
    c.execute(
        "INSERT INTO user_keys (user_id, password_salt, by_password, recovery_salt, \
         by_recovery, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) \
         ON CONFLICT (user_id) DO NOTHING",
        params![
            user_id,
            &keys.password_salt,
            keys.by_password.as_deref(),
            keys.recovery_salt.as_deref(),
            keys.by_recovery.as_deref(),
            now
        ],
    )
}

/// Gives an account from before encryption at rest its first key, and seals every
/// piece of its private prose in the same transaction (they were stored plain until
/// now). `false` when another sign-in got there first (nothing changed).
pub async fn adopt(
    db: &Db,
    user_id: &str,
    keys: &StoredKeys,
    key: &DataKey,
    now: i64,
) -> Result<bool, Error> {
    let (user_id, keys, key) = (user_id.to_owned(), keys.clone(), key.clone());
    db.write(move |c| {
        if insert(c, &user_id, &keys, now)? == 0 {
            return Ok(false);
        }
        let scope = Scope::new(&user_id, None, now);
        for col in SEALED_PROSE {
            let private = if col.only_private {
                " AND t.visibility = 'private'"
            } else {
                ""
            };
            let read = format!(
                "SELECT t.{}, t.{} FROM {} t WHERE t.owner_id = $1 AND {}{private}",
                col.id,
                col.column,
                col.table,
                predicate("t", 1)
            );
            let rows: Vec<(String, String)> =
                c.query(&read, &scope.with(&[]), |r| Ok((r.get(0)?, r.get(1)?)))?;
            let write = format!(
                "UPDATE {} SET {} = $1 WHERE {} = $2 AND owner_id = $3",
                col.table, col.column, col.id
            );
            for (id, plain) in rows {
                let sealed = key.seal(&place(col.table, &id, &user_id), &plain);
                c.execute(&write, params![&sealed, &id, &user_id])?;
            }
        }
        Ok::<_, Error>(true)
    })
    .await
}

/// Replaces the password's wrap (a password change, or unlocking with the recovery
/// code).
pub async fn set_password_wrap(
    db: &Db,
    user_id: &str,
    salt: &str,
    wrapped: &str,
    now: i64,
) -> Result<(), Error> {
    let args = [user_id, salt, wrapped].map(str::to_owned);
    db.write(move |c| {
        let [user_id, salt, wrapped] = &args;
        write_password_wrap(c, user_id, salt, wrapped, now)
    })
    .await
}

fn write_password_wrap(
    c: &mut super::Conn,
    user_id: &str,
    salt: &str,
    wrapped: &str,
    now: i64,
) -> Result<(), Error> {
    c.execute(
        "UPDATE user_keys SET password_salt = $2, by_password = $3, updated_at = $4 \
         WHERE user_id = $1",
        params![user_id, salt, wrapped, now],
    )?;
    Ok(())
}

/// A new password: its hash, and the data key wrapped by it (`None` while the key is
/// locked — only the recovery code opens it then), in one transaction.
pub async fn set_password(
    db: &Db,
    user_id: &str,
    hash: &str,
    wrap: Option<(String, String)>,
    now: i64,
) -> Result<(), Error> {
    let (user_id, hash) = (user_id.to_owned(), hash.to_owned());
    db.write(move |c| {
        c.execute(
            "UPDATE users SET password_hash = $2 WHERE id = $1",
            params![&user_id, &hash],
        )?;
        if let Some((salt, wrapped)) = &wrap {
            write_password_wrap(c, &user_id, salt, wrapped, now)?;
        }
        Ok::<_, Error>(())
    })
    .await
}

/// Replaces the recovery code's wrap (a new code; the old one stops working).
pub async fn set_recovery_wrap(
    db: &Db,
    user_id: &str,
    salt: &str,
    wrapped: &str,
    now: i64,
) -> Result<(), Error> {
    let args = [user_id, salt, wrapped].map(str::to_owned);
    db.write(move |c| {
        let [user_id, salt, wrapped] = &args;
        c.execute(
            "UPDATE user_keys SET recovery_salt = $2, by_recovery = $3, updated_at = $4 \
             WHERE user_id = $1",
            params![user_id, salt, wrapped, now],
        )?;
        Ok::<_, Error>(())
    })
    .await
}

/// An operator's password reset: the old password's wrap is useless to the new one, so
/// the key is locked until its owner gives the recovery code.
pub async fn lock(db: &Db, user_id: &str, now: i64) -> Result<(), Error> {
    let user_id = user_id.to_owned();
    db.write(move |c| {
        c.execute(
            "UPDATE user_keys SET by_password = NULL, updated_at = $2 WHERE user_id = $1",
            params![&user_id, now],
        )?;
        Ok::<_, Error>(())
    })
    .await
}

/// Starting afresh after the recovery code is lost: every sealed piece of the person's
/// private prose and journal is deleted (nobody can read it any more) and the new
/// key's wraps replace the old, in one transaction.
pub async fn start_afresh(
    db: &Db,
    user_id: &str,
    keys: &StoredKeys,
    now: i64,
) -> Result<(), Error> {
    let (user_id, keys) = (user_id.to_owned(), keys.clone());
    db.write(move |c| {
        for col in SEALED_PROSE {
            let private = if col.only_private {
                " AND visibility = 'private'"
            } else {
                ""
            };
            let sql = format!("DELETE FROM {} WHERE owner_id = $1{private}", col.table);
            c.execute(&sql, params![&user_id])?;
        }
        c.execute(
            "DELETE FROM journal_entries WHERE owner_id = $1",
            params![&user_id],
        )?;
        c.execute(
            "DELETE FROM user_keys WHERE user_id = $1",
            params![&user_id],
        )?;
        insert(c, &user_id, &keys, now)?;
        c.execute(
            "UPDATE sessions SET key_wrap = NULL WHERE user_id = $1",
            params![&user_id],
        )?;
        Ok::<_, Error>(())
    })
    .await
}
