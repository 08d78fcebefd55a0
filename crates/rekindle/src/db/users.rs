//! People: accounts and their profiles.

use super::{Db, Error, Row};
use crate::params;
use crate::secret::new_id;

/// A person as the rest of the application sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub timezone: String,
    /// In-app notifications not yet read. Only the session lookup fills it (in the
    /// same statement), so every page's header can show it at no cost; 0 elsewhere.
    pub unread_notifications: i64,
}

/// What a new account needs (already validated).
pub struct NewUser<'a> {
    pub email: &'a str,
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub timezone: &'a str,
}

/// Why an account could not be created.
#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("e-mail taken")]
    EmailTaken,
    #[error(transparent)]
    Db(#[from] Error),
}

/// The columns [`user_from_row`] reads, for a query with `u` the user.
pub(super) const USER_COLUMNS: &str = "u.id, u.email, u.display_name, u.timezone";

/// A user from the columns of [`USER_COLUMNS`], starting at column `at`.
pub(super) fn user_from_row(row: &Row<'_>, at: usize) -> Result<User, Error> {
    Ok(User {
        id: row.get(at)?,
        email: row.get(at + 1)?,
        display_name: row.get(at + 2)?,
        timezone: row.get(at + 3)?,
        unread_notifications: 0,
    })
}

/// Creates an account.
pub async fn create(db: &Db, new: &NewUser<'_>, now: i64) -> Result<User, CreateUserError> {
    let user = User {
        id: new_id(),
        email: new.email.to_owned(),
        display_name: new.display_name.to_owned(),
        timezone: new.timezone.to_owned(),
        unread_notifications: 0,
    };
    let password_hash = new.password_hash.to_owned();
    db.write(move |c| {
        let result = c.execute(
            "INSERT INTO users (id, email, password_hash, display_name, timezone, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            params![
                &user.id,
                &user.email,
                &password_hash,
                &user.display_name,
                &user.timezone,
                now
            ],
        );
        match result {
            Ok(_) => Ok(user),
            Err(err) if err.is_unique_violation() => Err(CreateUserError::EmailTaken),
            Err(err) => Err(err.into()),
        }
    })
    .await
}

/// An account and its password hash, by normalised e-mail, for signing in.
pub async fn find_for_login(db: &Db, email: &str) -> Result<Option<(User, String)>, Error> {
    let email = email.to_owned();
    db.read(move |c| {
        c.query_opt(
            &format!("SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.email = $1"),
            params![&email],
            |r| Ok((user_from_row(r, 0)?, r.get(4)?)),
        )
    })
    .await
}

/// The stored password hash of a person.
pub async fn password_hash(db: &Db, user_id: &str) -> Result<Option<String>, Error> {
    let user_id = user_id.to_owned();
    db.read(move |c| {
        c.query_opt(
            "SELECT password_hash FROM users WHERE id = $1",
            params![&user_id],
            |r| r.get(0),
        )
    })
    .await
}

/// Changes name and time zone (already validated).
pub async fn update_profile(
    db: &Db,
    user_id: &str,
    display_name: &str,
    timezone: &str,
) -> Result<(), Error> {
    let args = [display_name, timezone, user_id].map(str::to_owned);
    db.write(move |c| {
        let [display_name, timezone, user_id] = &args;
        c.execute(
            "UPDATE users SET display_name = $1, timezone = $2 WHERE id = $3",
            params![display_name, timezone, user_id],
        )?;
        Ok(())
    })
    .await
}

/// Every account, oldest first (for the operator's `user list`).
pub async fn list(db: &Db) -> Result<Vec<User>, Error> {
    db.read(|c| {
        c.query(
            &format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.created_at, u.id"),
            params![],
            |r| user_from_row(r, 0),
        )
    })
    .await
}

/// Deletes an account at once, in one transaction: leaving its couple first (as
/// `couples::leave` does: the partner's access ends and notes still to come are
/// cancelled both ways), then the person and, by the foreign keys' cascades, every
/// row they own — sessions, keys, everything they wrote, and what hangs from it.
/// `false` if there was no such account.
pub async fn delete(db: &Db, user_id: &str, now: i64) -> Result<bool, Error> {
    let user_id = user_id.to_owned();
    db.write(move |c| {
        if let Some(couple_id) = super::couples::current_couple_id(c, &user_id)? {
            super::couples::end_couple(c, &couple_id, &user_id, now)?;
        }
        let gone = c.execute("DELETE FROM users WHERE id = $1", params![&user_id])?;
        Ok(gone > 0)
    })
    .await
}
