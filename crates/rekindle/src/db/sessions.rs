//! Sessions: browser sessions (cookie) and API tokens (bearer) share one table. The
//! secret goes to the client once; only its SHA-256 is stored.

use sqlx::Row as _;

use super::Db;
use super::users::User;
use crate::secret::{hash_token, new_id, new_token};

/// How a session is carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Web,
    Api,
}

impl SessionKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Web => "web",
            Self::Api => "api",
        }
    }
}

/// A session stays alive this long after it was last used.
pub const IDLE_LIFETIME_MS: i64 = 30 * 24 * 60 * 60 * 1000;
/// Last-used is written at most this often, so reads do not become writes.
const TOUCH_EVERY_MS: i64 = 5 * 60 * 1000;

/// One of a person's sessions, as listed in their settings.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub id: String,
    pub kind: SessionKind,
    pub created_at_ms: i64,
    pub last_seen_at_ms: i64,
    /// The browser and system it came from ("Firefox on Android"), when known.
    pub device: Option<String>,
}

/// Starts a session and returns its id and the secret token (shown once).
pub async fn create(
    db: &Db,
    user_id: &str,
    kind: SessionKind,
    now: i64,
) -> Result<(String, String), sqlx::Error> {
    let id = new_id();
    let token = new_token();
    sqlx::query(
        "INSERT INTO sessions (id, user_id, token_hash, kind, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $5, $6)",
    )
    .bind(&id)
    .bind(user_id)
    .bind(hash_token(&token))
    .bind(kind.as_str())
    .bind(now)
    .bind(now + IDLE_LIFETIME_MS)
    .execute(db.pool())
    .await?;
    Ok((id, token))
}

/// The person behind a live token of the given kind, and the session's id. Refreshes
/// last-used (and so the idle expiry) at most every few minutes.
pub async fn authenticate(
    db: &Db,
    token: &str,
    kind: SessionKind,
    now: i64,
) -> Result<Option<(User, String)>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT s.id AS session_id, s.last_seen_at, u.id, u.email, u.display_name, u.timezone \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.kind = $2 AND s.expires_at > $3",
    )
    .bind(hash_token(token))
    .bind(kind.as_str())
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let session_id: String = row.try_get("session_id")?;
    let last_seen: i64 = row.try_get("last_seen_at")?;
    if now - last_seen > TOUCH_EVERY_MS {
        sqlx::query("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id = $3")
            .bind(now)
            .bind(now + IDLE_LIFETIME_MS)
            .bind(&session_id)
            .execute(db.pool())
            .await?;
    }
    let user = User {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        timezone: row.try_get("timezone")?,
    };
    Ok(Some((user, session_id)))
}

/// A person's live sessions, most recently used first.
pub async fn list_for_user(
    db: &Db,
    user_id: &str,
    now: i64,
) -> Result<Vec<SessionInfo>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, kind, created_at, last_seen_at, device FROM sessions \
         WHERE user_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC, id",
    )
    .bind(user_id)
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let kind: String = r.try_get("kind")?;
            Ok(SessionInfo {
                id: r.try_get("id")?,
                kind: if kind == "api" {
                    SessionKind::Api
                } else {
                    SessionKind::Web
                },
                created_at_ms: r.try_get("created_at")?,
                last_seen_at_ms: r.try_get("last_seen_at")?,
                device: r.try_get("device")?,
            })
        })
        .collect()
}

/// Ends one of the person's own sessions. `false` when there is no such session of
/// theirs (which callers answer as not found).
pub async fn end(db: &Db, user_id: &str, session_id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM sessions WHERE id = $1 AND user_id = $2")
        .bind(session_id)
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Ends every session of the person except `keep` (after a password change).
pub async fn end_others(db: &Db, user_id: &str, keep: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
        .bind(user_id)
        .bind(keep)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Ends every session of the person (an operator's password reset).
pub async fn end_all(db: &Db, user_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Names a new session by the User-Agent it signed in with ("Firefox on Android"); only
/// that short name is stored. Nothing happens when the agent is not recognised.
pub async fn name_from_user_agent(
    db: &Db,
    session_id: &str,
    headers: &axum::http::HeaderMap,
) -> Result<(), sqlx::Error> {
    let Some(name) = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .and_then(rekindle_core::user_agent::describe)
    else {
        return Ok(());
    };
    sqlx::query("UPDATE sessions SET device = $1 WHERE id = $2")
        .bind(name)
        .bind(session_id)
        .execute(db.pool())
        .await?;
    Ok(())
}
