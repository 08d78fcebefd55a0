//! Listening sessions: the session (shared), its numbered moves (shared, each owned by
//! the person whose role made it), the felt-heard ratings (shared) and private notes.
//! A move is checked against the moves already there inside the write transaction, so
//! two phones pressing at once cannot both take the same step.

use super::visibility::{Scope, predicate};
use super::{Db, Error, Row};
use crate::params;
use crate::secret::new_id;
use rekindle_core::listening::MoveKind;

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

fn session_from(r: &Row<'_>) -> Result<SessionRow, Error> {
    Ok(SessionRow {
        id: r.get(0)?,
        owner_id: r.get(1)?,
        topic: r.get(2)?,
        one_phone: r.get::<i64>(3)? == 1,
        first_speaker_id: r.get(4)?,
        day: r.get(5)?,
        ended: r.get::<Option<i64>>(6)?.is_some(),
        created_at_ms: r.get(7)?,
    })
}

/// The couple's session that is still going, if any.
pub async fn open_session(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
) -> Result<Option<SessionRow>, Error> {
    let sql = session_sql("s.ended_at IS NULL");
    let (scope, couple_id) = (scope.clone(), couple_id.to_owned());
    db.read(move |c| c.query_opt(&sql, &scope.with(params![&couple_id]), session_from))
        .await
}

/// One of the couple's sessions.
pub async fn session(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    id: &str,
) -> Result<Option<SessionRow>, Error> {
    let sql = session_sql("s.id = $5");
    let (scope, args) = (scope.clone(), [couple_id, id].map(str::to_owned));
    db.read(move |c| {
        let [couple_id, id] = &args;
        c.query_opt(&sql, &scope.with(params![couple_id, id]), session_from)
    })
    .await
}

/// The couple's sessions, newest first.
pub async fn sessions(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    limit: i64,
) -> Result<Vec<SessionRow>, Error> {
    let sql = format!(
        "{} ORDER BY s.created_at DESC, s.id LIMIT $5",
        session_sql("1 = 1")
    );
    let (scope, couple_id) = (scope.clone(), couple_id.to_owned());
    db.read(move |c| c.query(&sql, &scope.with(params![&couple_id, limit]), session_from))
        .await
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
) -> Result<Created, Error> {
    let id = new_id();
    let args = [
        id.as_str(),
        new.couple_id,
        new.owner_id,
        new.topic,
        new.first_speaker_id,
        new.day,
    ]
    .map(str::to_owned);
    let one_phone = new.one_phone;
    let inserted = db
        .write(move |c| {
            let [id, couple_id, owner_id, topic, first_speaker_id, day] = &args;
            c.execute(
                "INSERT INTO listening_sessions (id, couple_id, owner_id, topic, one_phone, first_speaker_id, day, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                params![id, couple_id, owner_id, topic, one_phone, first_speaker_id, day, now],
            )
        })
        .await;
    match inserted {
        Ok(_) => Ok(Created::New(id)),
        Err(e) if e.is_unique_violation() => open_session(db, scope, new.couple_id)
            .await?
            .map(|s| Created::AlreadyOpen(s.id))
            .ok_or(e),
        Err(e) => Err(e),
    }
}

const MOVE_COLUMNS: &str = "m.owner_id, m.kind, m.body, m.created_at";

/// The moves of a session the viewer may see, in order.
pub async fn moves(db: &Db, scope: &Scope, session_id: &str) -> Result<Vec<MoveRow>, Error> {
    let sql = format!(
        "SELECT {MOVE_COLUMNS} FROM listening_moves m WHERE m.session_id = $4 AND {} ORDER BY m.seq",
        predicate("m", 1)
    );
    let (scope, session_id) = (scope.clone(), session_id.to_owned());
    let moves = db
        .read(move |c| {
            c.query(&sql, &scope.with(params![&session_id]), |r| {
                let kind: String = r.get(1)?;
                Ok(MoveKind::parse(&kind).map(|kind| {
                    Ok::<_, Error>(MoveRow {
                        owner_id: r.get(0)?,
                        kind,
                        body: r.get(2)?,
                        created_at_ms: r.get(3)?,
                    })
                }))
            })
        })
        .await?;
    moves.into_iter().flatten().collect()
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
) -> Result<Vec<(String, usize)>, Error> {
    let sql = format!(
        "SELECT m.session_id, CAST(COUNT(*) AS BIGINT) AS pieces FROM listening_moves m \
         WHERE m.session_id IN {} AND m.kind = 'piece' AND {} GROUP BY m.session_id",
        newest_sessions(),
        predicate("m", 1)
    );
    let (scope, couple_id) = (scope.clone(), couple_id.to_owned());
    db.read(move |c| {
        c.query(&sql, &scope.with(params![&couple_id, limit]), |r| {
            Ok((r.get(0)?, usize::try_from(r.get::<i64>(1)?).unwrap_or(0)))
        })
    })
    .await
}

/// The ratings of the couple's newest `limit` sessions: (session id, owner id, value).
pub async fn recent_ratings(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    limit: i64,
) -> Result<Vec<(String, String, u8)>, Error> {
    let sql = format!(
        "SELECT r.session_id, r.owner_id, r.felt_heard FROM listening_ratings r WHERE r.session_id IN {} AND {}",
        newest_sessions(),
        predicate("r", 1)
    );
    let (scope, couple_id) = (scope.clone(), couple_id.to_owned());
    db.read(move |c| {
        c.query(&sql, &scope.with(params![&couple_id, limit]), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
    })
    .await
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
    decide: impl FnOnce(&[MoveKind]) -> Option<String> + Send + 'static,
) -> Result<bool, Error> {
    let args = [couple_id, session_id].map(str::to_owned);
    let body = body.map(str::to_owned);
    db.write(move |c| {
        let [couple_id, session_id] = &args;
        let ended: Option<Option<i64>> = c.query_opt(
            "SELECT ended_at FROM listening_sessions WHERE id = $1 AND couple_id = $2",
            params![session_id, couple_id],
            |r| r.get(0),
        )?;
        if !matches!(ended, Some(None)) {
            return Ok(false);
        }
        let kinds: Vec<String> = c.query(
            "SELECT kind FROM listening_moves WHERE session_id = $1 ORDER BY seq",
            params![session_id],
            |r| r.get(0),
        )?;
        let kinds: Vec<MoveKind> = kinds.iter().filter_map(|k| MoveKind::parse(k)).collect();
        let Some(owner_id) = decide(&kinds) else {
            return Ok(false);
        };
        // On PostgreSQL a refused insert ends the transaction; nothing else was
        // written in it, so committing what is left is the same as rolling back.
        let inserted = c.execute(
            "INSERT INTO listening_moves (id, session_id, couple_id, owner_id, seq, kind, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            params![
                new_id(),
                session_id,
                couple_id,
                &owner_id,
                i64::try_from(kinds.len()).unwrap_or(i64::MAX),
                kind.as_str(),
                body.as_deref(),
                now
            ],
        );
        match inserted {
            Ok(_) => Ok(true),
            Err(e) if e.is_unique_violation() => Ok(false),
            Err(e) => Err(e),
        }
    })
    .await
}

/// Ends a session; `false` if it had ended already.
pub async fn end(db: &Db, couple_id: &str, id: &str, now: i64) -> Result<bool, Error> {
    let args = [couple_id, id].map(str::to_owned);
    let done = db
        .write(move |c| {
            let [couple_id, id] = &args;
            c.execute(
                "UPDATE listening_sessions SET ended_at = $1 WHERE id = $2 AND couple_id = $3 AND ended_at IS NULL",
                params![now, id, couple_id],
            )
        })
        .await?;
    Ok(done > 0)
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
) -> Result<(), Error> {
    let args = [couple_id, session_id, owner_id, day].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, session_id, owner_id, day] = &args;
        c.execute(
            "INSERT INTO listening_ratings (session_id, owner_id, couple_id, felt_heard, day, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (session_id, owner_id) DO UPDATE SET felt_heard = excluded.felt_heard",
            params![session_id, owner_id, couple_id, felt_heard, day, now],
        )?;
        Ok(())
    })
    .await
}

/// The ratings of a session the viewer may see: (owner id, felt heard).
pub async fn ratings(db: &Db, scope: &Scope, session_id: &str) -> Result<Vec<(String, u8)>, Error> {
    let sql = format!(
        "SELECT r.owner_id, r.felt_heard FROM listening_ratings r WHERE r.session_id = $4 AND {}",
        predicate("r", 1)
    );
    let (scope, session_id) = (scope.clone(), session_id.to_owned());
    db.read(move |c| {
        c.query(&sql, &scope.with(params![&session_id]), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    })
    .await
}

/// Saves the person's private note on a session (an empty one removes it).
pub async fn set_note(
    db: &Db,
    couple_id: &str,
    session_id: &str,
    owner_id: &str,
    body: &str,
    now: i64,
) -> Result<(), Error> {
    let args = [couple_id, session_id, owner_id, body].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, session_id, owner_id, body] = &args;
        if body.is_empty() {
            c.execute(
                "DELETE FROM listening_notes WHERE session_id = $1 AND owner_id = $2",
                params![session_id, owner_id],
            )?;
        } else {
            c.execute(
                "INSERT INTO listening_notes (session_id, owner_id, couple_id, body, updated_at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (session_id, owner_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                params![session_id, owner_id, couple_id, body, now],
            )?;
        }
        Ok(())
    })
    .await
}

/// The viewer's own note on a session (private: nobody else's is ever read).
pub async fn my_note(db: &Db, scope: &Scope, session_id: &str) -> Result<Option<String>, Error> {
    let sql = format!(
        "SELECT n.body FROM listening_notes n WHERE n.session_id = $4 AND n.owner_id = $1 AND {}",
        predicate("n", 1)
    );
    let (scope, session_id) = (scope.clone(), session_id.to_owned());
    db.read(move |c| c.query_opt(&sql, &scope.with(params![&session_id]), |r| r.get(0)))
        .await
}
