//! Listening sessions: the session (shared), its numbered moves (shared, each owned by
//! the person whose role made it), the felt-heard ratings (shared) and private notes.
//! A move is checked against the moves already there inside the write transaction, so
//! two phones pressing at once cannot both take the same step.

use rekindle_core::listening::MoveKind;
use sqlx::Row as _;

use super::visibility::{Scope, predicate};
use super::{Db, is_unique_violation};
use crate::secret::new_id;

/// A session as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub id: String,
    pub owner_id: String,
    pub topic: String,
    pub one_phone: bool,
    pub first_speaker_id: String,
    pub day: String,
    pub ended: bool,
    pub created_at_ms: i64,
}

/// One move of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveRow {
    pub owner_id: String,
    pub kind: MoveKind,
    pub body: Option<String>,
    pub created_at_ms: i64,
}

/// What `create` found.
#[derive(Debug)]
pub enum Created {
    New(String),
    /// The couple already has a session going: its id.
    AlreadyOpen(String),
}

fn session_sql(filter: &str) -> String {
    format!(
        "SELECT s.id, s.owner_id, s.topic, s.one_phone, s.first_speaker_id, s.day, s.ended_at, s.created_at \
         FROM listening_sessions s WHERE {} AND s.couple_id = $4 AND {filter}",
        predicate("s", 1)
    )
}

fn session_from(r: &sqlx::any::AnyRow) -> Result<SessionRow, sqlx::Error> {
    Ok(SessionRow {
        id: r.try_get("id")?,
        owner_id: r.try_get("owner_id")?,
        topic: r.try_get("topic")?,
        one_phone: r.try_get::<i64, _>("one_phone")? == 1,
        first_speaker_id: r.try_get("first_speaker_id")?,
        day: r.try_get("day")?,
        ended: r.try_get::<Option<i64>, _>("ended_at")?.is_some(),
        created_at_ms: r.try_get("created_at")?,
    })
}

/// The couple's session that is still going, if any.
pub async fn open_session(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
) -> Result<Option<SessionRow>, sqlx::Error> {
    scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(session_sql(
            "s.ended_at IS NULL",
        ))))
        .bind(couple_id)
        .fetch_optional(db.pool())
        .await?
        .as_ref()
        .map(session_from)
        .transpose()
}

/// One of the couple's sessions.
pub async fn session(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    id: &str,
) -> Result<Option<SessionRow>, sqlx::Error> {
    scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(session_sql("s.id = $5"))))
        .bind(couple_id)
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .as_ref()
        .map(session_from)
        .transpose()
}

/// The couple's sessions, newest first.
pub async fn sessions(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    limit: i64,
) -> Result<Vec<SessionRow>, sqlx::Error> {
    let sql = format!(
        "{} ORDER BY s.created_at DESC, s.id LIMIT $5",
        session_sql("1 = 1")
    );
    scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(couple_id)
        .bind(limit)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(session_from)
        .collect()
}

/// The fields of a new session.
pub struct NewSession<'a> {
    pub couple_id: &'a str,
    pub owner_id: &'a str,
    pub topic: &'a str,
    pub one_phone: bool,
    pub first_speaker_id: &'a str,
    pub day: &'a str,
}

/// Starts a session unless the couple has one going (the schema allows one).
pub async fn create(
    db: &Db,
    scope: &Scope,
    new: &NewSession<'_>,
    now: i64,
) -> Result<Created, sqlx::Error> {
    let id = new_id();
    let inserted = sqlx::query(
        "INSERT INTO listening_sessions (id, couple_id, owner_id, topic, one_phone, first_speaker_id, day, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(new.couple_id)
    .bind(new.owner_id)
    .bind(new.topic)
    .bind(i64::from(new.one_phone))
    .bind(new.first_speaker_id)
    .bind(new.day)
    .bind(now)
    .execute(db.pool())
    .await;
    match inserted {
        Ok(_) => Ok(Created::New(id)),
        Err(e) if is_unique_violation(&e) => open_session(db, scope, new.couple_id)
            .await?
            .map(|s| Created::AlreadyOpen(s.id))
            .ok_or(e),
        Err(e) => Err(e),
    }
}

fn move_from(r: &sqlx::any::AnyRow) -> Option<Result<(String, MoveRow), sqlx::Error>> {
    let kind: String = match r.try_get("kind") {
        Ok(k) => k,
        Err(e) => return Some(Err(e)),
    };
    MoveKind::parse(&kind).map(|kind| {
        Ok((
            r.try_get("session_id")?,
            MoveRow {
                owner_id: r.try_get("owner_id")?,
                kind,
                body: r.try_get("body")?,
                created_at_ms: r.try_get("created_at")?,
            },
        ))
    })
}

const MOVE_COLUMNS: &str = "m.session_id, m.owner_id, m.kind, m.body, m.created_at";

/// The moves of a session the viewer may see, in order.
pub async fn moves(db: &Db, scope: &Scope, session_id: &str) -> Result<Vec<MoveRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {MOVE_COLUMNS} FROM listening_moves m WHERE m.session_id = $4 AND {} ORDER BY m.seq",
        predicate("m", 1)
    );
    scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(session_id)
        .fetch_all(db.pool())
        .await?
        .iter()
        .filter_map(move_from)
        .map(|r| r.map(|(_, m)| m))
        .collect()
}

/// The ids of the couple's newest sessions, as a subquery on `$4` (couple) and `$5`
/// (how many), so a list page reads everything in a fixed number of queries.
fn newest_sessions() -> &'static str {
    "(SELECT n.id FROM listening_sessions n WHERE n.couple_id = $4 ORDER BY n.created_at DESC, n.id LIMIT $5)"
}

/// How many pieces were shared in each of the couple's newest `limit` sessions.
pub async fn recent_piece_counts(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    limit: i64,
) -> Result<Vec<(String, usize)>, sqlx::Error> {
    let sql = format!(
        "SELECT m.session_id, CAST(COUNT(*) AS BIGINT) AS pieces FROM listening_moves m \
         WHERE m.session_id IN {} AND m.kind = 'piece' AND {} GROUP BY m.session_id",
        newest_sessions(),
        predicate("m", 1)
    );
    scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(couple_id)
        .bind(limit)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| {
            let n: i64 = r.try_get("pieces")?;
            Ok((r.try_get("session_id")?, usize::try_from(n).unwrap_or(0)))
        })
        .collect()
}

/// The ratings of the couple's newest `limit` sessions: (session id, owner id, value).
pub async fn recent_ratings(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    limit: i64,
) -> Result<Vec<(String, String, u8)>, sqlx::Error> {
    let sql = format!(
        "SELECT r.session_id, r.owner_id, r.felt_heard FROM listening_ratings r WHERE r.session_id IN {} AND {}",
        newest_sessions(),
        predicate("r", 1)
    );
    scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(couple_id)
        .bind(limit)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get("session_id")?,
                r.try_get("owner_id")?,
                small(r, "felt_heard")?,
            ))
        })
        .collect()
}

/// Adds a move if it fits. `decide` sees the kinds already made and answers who the
/// move belongs to, or `None` when it does not fit; so does an ended session or a
/// concurrent move that took the same place. Returns whether the move was added.
pub async fn add_move(
    db: &Db,
    couple_id: &str,
    session_id: &str,
    kind: MoveKind,
    body: Option<&str>,
    now: i64,
    decide: impl FnOnce(&[MoveKind]) -> Option<String>,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let ended: Option<Option<i64>> = sqlx::query_scalar(
        "SELECT ended_at FROM listening_sessions WHERE id = $1 AND couple_id = $2",
    )
    .bind(session_id)
    .bind(couple_id)
    .fetch_optional(&mut *tx)
    .await?;
    if !matches!(ended, Some(None)) {
        return Ok(false);
    }
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT kind FROM listening_moves WHERE session_id = $1 ORDER BY seq")
            .bind(session_id)
            .fetch_all(&mut *tx)
            .await?;
    let kinds: Vec<MoveKind> = kinds.iter().filter_map(|k| MoveKind::parse(k)).collect();
    let Some(owner_id) = decide(&kinds) else {
        return Ok(false);
    };
    let inserted = sqlx::query(
        "INSERT INTO listening_moves (id, session_id, couple_id, owner_id, seq, kind, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id())
    .bind(session_id)
    .bind(couple_id)
    .bind(owner_id)
    .bind(i64::try_from(kinds.len()).unwrap_or(i64::MAX))
    .bind(kind.as_str())
    .bind(body)
    .bind(now)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {
            tx.commit().await?;
            Ok(true)
        }
        Err(e) if is_unique_violation(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Ends a session; `false` if it had ended already.
pub async fn end(db: &Db, couple_id: &str, id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE listening_sessions SET ended_at = $1 WHERE id = $2 AND couple_id = $3 AND ended_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .bind(couple_id)
    .execute(db.pool())
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Saves (or replaces) a person's felt-heard rating for a session.
pub async fn rate(
    db: &Db,
    couple_id: &str,
    session_id: &str,
    owner_id: &str,
    felt_heard: u8,
    day: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO listening_ratings (session_id, owner_id, couple_id, felt_heard, day, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (session_id, owner_id) DO UPDATE SET felt_heard = excluded.felt_heard",
    )
    .bind(session_id)
    .bind(owner_id)
    .bind(couple_id)
    .bind(i64::from(felt_heard))
    .bind(day)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

fn small(r: &sqlx::any::AnyRow, column: &str) -> Result<u8, sqlx::Error> {
    let v: i64 = r.try_get(column)?;
    u8::try_from(v).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// The ratings of a session the viewer may see: (owner id, felt heard).
pub async fn ratings(
    db: &Db,
    scope: &Scope,
    session_id: &str,
) -> Result<Vec<(String, u8)>, sqlx::Error> {
    let sql = format!(
        "SELECT r.owner_id, r.felt_heard FROM listening_ratings r WHERE r.session_id = $4 AND {}",
        predicate("r", 1)
    );
    scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(session_id)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| Ok((r.try_get("owner_id")?, small(r, "felt_heard")?)))
        .collect()
}

/// A person's felt-heard ratings between two days (both included): (day, value).
pub async fn ratings_between(
    db: &Db,
    scope: &Scope,
    owner_id: &str,
    from: &str,
    to: &str,
) -> Result<Vec<(String, u8)>, sqlx::Error> {
    let sql = format!(
        "SELECT r.day, r.felt_heard FROM listening_ratings r \
         WHERE r.owner_id = $4 AND r.day >= $5 AND r.day <= $6 AND {} ORDER BY r.day",
        predicate("r", 1)
    );
    scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(owner_id)
        .bind(from)
        .bind(to)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| Ok((r.try_get("day")?, small(r, "felt_heard")?)))
        .collect()
}

/// Saves the person's private note on a session (an empty one removes it).
pub async fn set_note(
    db: &Db,
    couple_id: &str,
    session_id: &str,
    owner_id: &str,
    body: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    if body.is_empty() {
        sqlx::query("DELETE FROM listening_notes WHERE session_id = $1 AND owner_id = $2")
            .bind(session_id)
            .bind(owner_id)
            .execute(db.pool())
            .await?;
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO listening_notes (session_id, owner_id, couple_id, body, updated_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (session_id, owner_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
    )
    .bind(session_id)
    .bind(owner_id)
    .bind(couple_id)
    .bind(body)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The viewer's own note on a session (private: nobody else's is ever read).
pub async fn my_note(
    db: &Db,
    scope: &Scope,
    session_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    let sql = format!(
        "SELECT n.body FROM listening_notes n WHERE n.session_id = $4 AND n.owner_id = $1 AND {}",
        predicate("n", 1)
    );
    scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(session_id)
        .fetch_optional(db.pool())
        .await?
        .map(|r| r.try_get("body"))
        .transpose()
}
