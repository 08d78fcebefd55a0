//! People: accounts and their profiles.

use sqlx::Row as _;

use super::{Db, is_unique_violation};
use crate::secret::new_id;

/// A person as the rest of the application sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub timezone: String,
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
    Db(#[from] sqlx::Error),
}

fn user_from_row(row: &sqlx::any::AnyRow) -> Result<User, sqlx::Error> {
    Ok(User {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        timezone: row.try_get("timezone")?,
    })
}

/// Creates an account.
pub async fn create(db: &Db, new: &NewUser<'_>, now: i64) -> Result<User, CreateUserError> {
    let id = new_id();
    let result = sqlx::query(
        "INSERT INTO users (id, email, password_hash, display_name, timezone, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&id)
    .bind(new.email)
    .bind(new.password_hash)
    .bind(new.display_name)
    .bind(new.timezone)
    .bind(now)
    .execute(db.pool())
    .await;
    match result {
        Ok(_) => Ok(User {
            id,
            email: new.email.to_owned(),
            display_name: new.display_name.to_owned(),
            timezone: new.timezone.to_owned(),
        }),
        Err(err) if is_unique_violation(&err) => Err(CreateUserError::EmailTaken),
        Err(err) => Err(err.into()),
    }
}

/// An account and its password hash, by normalised e-mail, for signing in.
pub async fn find_for_login(db: &Db, email: &str) -> Result<Option<(User, String)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, email, display_name, timezone, password_hash FROM users WHERE email = $1",
    )
    .bind(email)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| Ok((user_from_row(&r)?, r.try_get("password_hash")?)))
        .transpose()
}

/// The stored password hash of a person.
pub async fn password_hash(db: &Db, user_id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(db.pool())
        .await
}

/// Changes name and time zone (already validated).
pub async fn update_profile(
    db: &Db,
    user_id: &str,
    display_name: &str,
    timezone: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET display_name = $1, timezone = $2 WHERE id = $3")
        .bind(display_name)
        .bind(timezone)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Replaces the password hash.
pub async fn set_password_hash(db: &Db, user_id: &str, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Every account, oldest first (for the operator's `user list`).
pub async fn list(db: &Db) -> Result<Vec<User>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT id, email, display_name, timezone FROM users ORDER BY created_at, id")
            .fetch_all(db.pool())
            .await?;
    rows.iter().map(user_from_row).collect()
}
