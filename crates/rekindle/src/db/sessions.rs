//! Sessions: browser sessions (cookie) and API tokens (bearer) share one table. The
//! secret goes to the client once; only its SHA-256 is stored.

use super::couples::{COUPLE_COLUMNS, COUPLE_JOINS, Couple, couple_of};
use super::users::{USER_COLUMNS, User, user_from_row};
use super::{Db, Error, Value};
use std::net::IpAddr;

use crate::params;
use crate::secret::{hash_token, new_id, new_token};
use crate::vault::{DataKey, Kek, Purpose};

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
    /// The network address it signed in from, and the one it was last used from.
    pub created_from: Option<String>,
    pub last_seen_from: Option<String>,
}

/// Someone signed in: who, by which session, and their current couple (if any).
#[derive(Debug, Clone)]
pub struct Signed {
    pub user: User,
    pub session_id: String,
    pub couple: Option<Couple>,
    /// The person's data key, unwrapped with the secret only this session's token
    /// gives; `None` while their private writing is locked.
    pub key: Option<DataKey>,
}

/// Starts a session and returns its id and the secret token (shown once). The data
/// key, when there is one, is stored wrapped by a key only the token gives (the
/// server keeps the token's hash, never the token).
pub async fn create(
    db: &Db,
    user_id: &str,
    kind: SessionKind,
    key: Option<&DataKey>,
    from: IpAddr,
    now: i64,
) -> Result<(String, String), Error> {
    let (id, token) = (new_id(), new_token());
    let wrapped = key.map(|k| Kek::of_session(&token).wrap(k, user_id, Purpose::Session(&id)));
    let (session_id, hash, user_id) = (id.clone(), hash_token(&token), user_id.to_owned());
    let from = from.to_string();
    db.write(move |c| {
        c.execute(
            "INSERT INTO sessions (id, user_id, token_hash, kind, created_at, last_seen_at, \
             expires_at, key_wrap, created_from, last_seen_from) \
             VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8, $8)",
            params![
                &session_id,
                &user_id,
                &hash,
                kind.as_str(),
                now,
                now + IDLE_LIFETIME_MS,
                wrapped.as_deref(),
                &from
            ],
        )?;
        Ok::<_, Error>(())
    })
    .await?;
    Ok((id, token))
}

/// The person behind a live token of the given kind, the session's id, and the
/// person's current couple with its members — one statement (one row per member).
/// Refreshes last-used (and so the idle expiry) and where from at most every few
/// minutes.
pub async fn authenticate(
    db: &Db,
    token: &str,
    kind: SessionKind,
    from: IpAddr,
    now: i64,
) -> Result<Option<Signed>, Error> {
    let hash = hash_token(token);
    let sql = format!(
        "SELECT s.id, s.last_seen_at, {USER_COLUMNS}, {COUPLE_COLUMNS}, mm.seat, \
         (SELECT CAST(COUNT(*) AS BIGINT) FROM notifications n \
          WHERE n.user_id = u.id AND n.read_at IS NULL), s.key_wrap \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         LEFT JOIN couple_members m ON m.user_id = u.id AND m.left_at IS NULL \
         {} \
         WHERE s.token_hash = $1 AND s.kind = $2 AND s.expires_at > $3",
        COUPLE_JOINS.replace("JOIN ", "LEFT JOIN ")
    );
    let found = db
        .read(move |c| {
            let mut found: Option<(String, i64, User, Option<String>)> = None;
            let mut couple: Option<(String, String, i64)> = None;
            let mut members = Vec::new();
            c.query(&sql, params![&hash, kind.as_str(), now], |r| {
                if found.is_none() {
                    let mut user = user_from_row(r, 2)?;
                    user.unread_notifications = r.get(13)?;
                    found = Some((r.get(0)?, r.get(1)?, user, r.get(14)?));
                    let couple_id: Option<String> = r.get(6)?;
                    if let Some(id) = couple_id {
                        couple = Some((id, r.get(7)?, r.get(8)?));
                    }
                }
                if couple.is_some() {
                    let seat: i64 = r.get(12)?;
                    members.push((seat, (r.get(9)?, r.get(10)?, r.get(11)?)));
                }
                Ok(())
            })?;
            // Seat order, without asking SQLite to sort two rows.
            members.sort_by_key(|m| m.0);
            let members = members.into_iter().map(|m| m.1).collect();
            Ok::<_, Error>(found.map(|(session_id, last_seen, user, wrapped)| {
                let couple = couple.map(|(id, tz, weekday)| couple_of(id, tz, weekday, members));
                (last_seen, session_id, user, couple, wrapped)
            }))
        })
        .await?;
    let Some((last_seen, session_id, user, couple, wrapped)) = found else {
        return Ok(None);
    };
    let key = wrapped.and_then(|w| {
        Kek::of_session(token)
            .unwrap(&w, &user.id, Purpose::Session(&session_id))
            .inspect_err(|e| tracing::warn!(error = %e, "a session's key wrap does not open"))
            .ok()
    });
    let signed = Signed {
        user,
        session_id,
        couple,
        key,
    };
    if now - last_seen > TOUCH_EVERY_MS {
        let session_id = signed.session_id.clone();
        let from = from.to_string();
        db.write(move |c| {
            c.execute(
                "UPDATE sessions SET last_seen_at = $1, expires_at = $2, last_seen_from = $4 \
                 WHERE id = $3",
                params![now, now + IDLE_LIFETIME_MS, &session_id, &from],
            )?;
            Ok::<_, Error>(())
        })
        .await?;
    }
    Ok(Some(signed))
}

/// A person's live sessions, most recently used first.
pub async fn list_for_user(db: &Db, user_id: &str, now: i64) -> Result<Vec<SessionInfo>, Error> {
    let user_id = user_id.to_owned();
    db.read(move |c| {
        c.query(
            "SELECT id, kind, created_at, last_seen_at, device, created_from, last_seen_from \
             FROM sessions \
             WHERE user_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC, id",
            params![&user_id, now],
            |r| {
                let kind: String = r.get(1)?;
                Ok(SessionInfo {
                    id: r.get(0)?,
                    kind: if kind == "api" {
                        SessionKind::Api
                    } else {
                        SessionKind::Web
                    },
                    created_at_ms: r.get(2)?,
                    last_seen_at_ms: r.get(3)?,
                    device: r.get(4)?,
                    created_from: r.get(5)?,
                    last_seen_from: r.get(6)?,
                })
            },
        )
    })
    .await
}

/// Runs one statement that changes sessions, with text parameters.
async fn change<const N: usize>(db: &Db, sql: &'static str, args: [&str; N]) -> Result<u64, Error> {
    let args = args.map(str::to_owned);
    db.write(move |c| {
        let values: Vec<Value<'_>> = args.iter().map(Value::from).collect();
        c.execute(sql, &values)
    })
    .await
}

/// Ends one of the person's own sessions. `false` when there is no such session of
/// theirs (which callers answer as not found).
pub async fn end(db: &Db, user_id: &str, session_id: &str) -> Result<bool, Error> {
    let done = change(
        db,
        "DELETE FROM sessions WHERE id = $1 AND user_id = $2",
        [session_id, user_id],
    )
    .await?;
    Ok(done > 0)
}

/// Ends the session of a kind that `token` belongs to, if any.
pub async fn end_by_token(db: &Db, token: &str, kind: SessionKind) -> Result<(), Error> {
    let hash = hash_token(token);
    change(
        db,
        "DELETE FROM sessions WHERE token_hash = $1 AND kind = $2",
        [hash.as_str(), kind.as_str()],
    )
    .await?;
    Ok(())
}

/// Ends every session of the person except `keep` (after a password change).
pub async fn end_others(db: &Db, user_id: &str, keep: &str) -> Result<(), Error> {
    change(
        db,
        "DELETE FROM sessions WHERE user_id = $1 AND id <> $2",
        [user_id, keep],
    )
    .await?;
    Ok(())
}

/// Wraps the data key for a live session again (after unlocking with the recovery
/// code, or starting afresh), with the secret its token gives.
pub async fn wrap_key(
    db: &Db,
    user_id: &str,
    session_id: &str,
    token: &str,
    key: &DataKey,
) -> Result<(), Error> {
    let wrapped = Kek::of_session(token).wrap(key, user_id, Purpose::Session(session_id));
    change(
        db,
        "UPDATE sessions SET key_wrap = $1 WHERE id = $2 AND user_id = $3",
        [wrapped.as_str(), session_id, user_id],
    )
    .await?;
    Ok(())
}

/// Ends every session of the person (an operator's password reset).
pub async fn end_all(db: &Db, user_id: &str) -> Result<(), Error> {
    change(db, "DELETE FROM sessions WHERE user_id = $1", [user_id]).await?;
    Ok(())
}

/// Names a new session by the User-Agent it signed in with ("Firefox on Android"); only
/// that short name is stored. Nothing happens when the agent is not recognised.
pub async fn name_from_user_agent(
    db: &Db,
    session_id: &str,
    headers: &axum::http::HeaderMap,
) -> Result<(), Error> {
    let Some(name) = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .and_then(rekindle_core::user_agent::describe)
    else {
        return Ok(());
    };
    change(
        db,
        "UPDATE sessions SET device = $1 WHERE id = $2",
        [name.as_str(), session_id],
    )
    .await?;
    Ok(())
}
