//! "State of Us" meetings: one per couple and day, with shared notes. Notes are read
//! through the visibility rule like every other piece of content.

use sqlx::Row as _;

use super::Db;
use super::visibility::{Scope, predicate};
use crate::secret::new_id;

/// A meeting of a couple.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: String,
    pub day: String,
    pub done_at_ms: Option<i64>,
}

/// A note in a meeting, as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingNote {
    pub id: String,
    pub owner_id: String,
    pub section: String,
    pub body: String,
}

fn meeting_from(r: &sqlx::any::AnyRow) -> Result<Meeting, sqlx::Error> {
    Ok(Meeting {
        id: r.try_get("id")?,
        day: r.try_get("day")?,
        done_at_ms: r.try_get("done_at")?,
    })
}

/// The couple's meeting on `day`, if it was ever opened.
pub async fn find(db: &Db, couple_id: &str, day: &str) -> Result<Option<Meeting>, sqlx::Error> {
    let row =
        sqlx::query("SELECT id, day, done_at FROM meetings WHERE couple_id = $1 AND day = $2")
            .bind(couple_id)
            .bind(day)
            .fetch_optional(db.pool())
            .await?;
    row.as_ref().map(meeting_from).transpose()
}

/// The couple's meeting on `day`, opened now if needed.
pub async fn open(db: &Db, couple_id: &str, day: &str, now: i64) -> Result<Meeting, sqlx::Error> {
    sqlx::query(
        "INSERT INTO meetings (id, couple_id, day, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (couple_id, day) DO NOTHING",
    )
    .bind(new_id())
    .bind(couple_id)
    .bind(day)
    .bind(now)
    .execute(db.pool())
    .await?;
    find(db, couple_id, day)
        .await?
        .ok_or(sqlx::Error::RowNotFound)
}

/// Adds a shared note to a meeting of the writer's couple.
pub async fn add_note(
    db: &Db,
    meeting: &Meeting,
    owner_id: &str,
    couple_id: &str,
    section: &str,
    body: &str,
    now: i64,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO meeting_notes (id, meeting_id, owner_id, couple_id, section, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(&meeting.id)
    .bind(owner_id)
    .bind(couple_id)
    .bind(section)
    .bind(body)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(id)
}

/// The notes of a meeting the viewer may see, oldest first.
pub async fn notes(
    db: &Db,
    scope: &Scope,
    meeting_id: &str,
) -> Result<Vec<MeetingNote>, sqlx::Error> {
    let sql = format!(
        "SELECT n.id, n.owner_id, n.section, n.body FROM meeting_notes n \
         WHERE n.meeting_id = $4 AND {} ORDER BY n.created_at, n.id",
        predicate("n", 1)
    );
    let rows = scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(meeting_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            Ok(MeetingNote {
                id: r.try_get("id")?,
                owner_id: r.try_get("owner_id")?,
                section: r.try_get("section")?,
                body: r.try_get("body")?,
            })
        })
        .collect()
}

/// The couple's earlier meetings (before `day`), newest first, at most `limit`.
pub async fn past(
    db: &Db,
    couple_id: &str,
    day: &str,
    limit: i64,
) -> Result<Vec<Meeting>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, day, done_at FROM meetings WHERE couple_id = $1 AND day < $2 ORDER BY day DESC LIMIT $3",
    )
    .bind(couple_id)
    .bind(day)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(meeting_from).collect()
}

/// Sets the couple's meeting weekday (ISO number).
pub async fn set_weekday(db: &Db, couple_id: &str, weekday: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE couples SET meeting_weekday = $1 WHERE id = $2")
        .bind(weekday)
        .bind(couple_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Takes the meeting's row lock for the rest of the transaction (a no-op update, so the
/// same SQL works on both engines; SQLite's `BEGIN IMMEDIATE` already serialises
/// writers). A confirmation and a take-back then never interleave: each sees the
/// other's result whole.
async fn lock_meeting(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    meeting_id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE meetings SET done_at = done_at WHERE id = $1")
        .bind(meeting_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records the viewer's "we've had our talk"; once both partners have, the meeting is
/// held. Both happen in one write, so two taps at once still hold it exactly once.
/// Returns whether the meeting is held now.
pub async fn confirm(
    db: &Db,
    meeting_id: &str,
    couple_id: &str,
    owner_id: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    lock_meeting(&mut tx, meeting_id).await?;
    sqlx::query(
        "INSERT INTO meeting_confirmations (meeting_id, owner_id, couple_id, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (meeting_id, owner_id) DO NOTHING",
    )
    .bind(meeting_id)
    .bind(owner_id)
    .bind(couple_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let n: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM meeting_confirmations WHERE meeting_id = $1",
    )
    .bind(meeting_id)
    .fetch_one(&mut *tx)
    .await?;
    if n >= 2 {
        sqlx::query("UPDATE meetings SET done_at = $1 WHERE id = $2 AND done_at IS NULL")
            .bind(now)
            .bind(meeting_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(n >= 2)
}

/// Takes back the viewer's confirmation while the meeting is not held yet; `false`
/// when it already is (then nothing changes).
pub async fn unconfirm(db: &Db, meeting_id: &str, owner_id: &str) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    lock_meeting(&mut tx, meeting_id).await?;
    let held: Option<Option<i64>> =
        sqlx::query_scalar("SELECT done_at FROM meetings WHERE id = $1")
            .bind(meeting_id)
            .fetch_optional(&mut *tx)
            .await?;
    if held.flatten().is_some() {
        return Ok(false);
    }
    sqlx::query("DELETE FROM meeting_confirmations WHERE meeting_id = $1 AND owner_id = $2")
        .bind(meeting_id)
        .bind(owner_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// Who has said "we've had our talk" for a meeting, as the viewer may see it.
pub async fn confirmations(
    db: &Db,
    scope: &Scope,
    meeting_id: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let sql = format!(
        "SELECT c.owner_id FROM meeting_confirmations c WHERE c.meeting_id = $4 AND {}",
        predicate("c", 1)
    );
    scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(meeting_id)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| r.try_get(0))
        .collect()
}

/// A note of the viewer's own, with its meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnNote {
    pub meeting_id: String,
    pub meeting_day: String,
    pub held: bool,
}

/// The viewer's own note `note_id` in their current couple, if there is one.
pub async fn own_note(
    db: &Db,
    scope: &Scope,
    note_id: &str,
) -> Result<Option<OwnNote>, sqlx::Error> {
    let sql = format!(
        "SELECT m.id, m.day, m.done_at FROM meeting_notes n JOIN meetings m ON m.id = n.meeting_id \
         WHERE n.id = $4 AND n.owner_id = $1 AND m.couple_id = $2 AND {}",
        predicate("n", 1)
    );
    let row = scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(note_id)
        .fetch_optional(db.pool())
        .await?;
    row.map(|r| {
        Ok(OwnNote {
            meeting_id: r.try_get(0)?,
            meeting_day: r.try_get(1)?,
            held: r.try_get::<Option<i64>, _>(2)?.is_some(),
        })
    })
    .transpose()
}

/// Changes (`Some(body)`) or withdraws (`None`) the owner's note while its meeting is
/// not held; `false` when the meeting was held in the meantime.
pub async fn change_note(
    db: &Db,
    note_id: &str,
    owner_id: &str,
    body: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let not_held = "meeting_id IN (SELECT id FROM meetings WHERE done_at IS NULL)";
    let done =
        match body {
            Some(body) => sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE meeting_notes SET body = $1 WHERE id = $2 AND owner_id = $3 AND {not_held}"
            )))
            .bind(body)
            .bind(note_id)
            .bind(owner_id)
            .execute(db.pool())
            .await?,
            None => {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DELETE FROM meeting_notes WHERE id = $1 AND owner_id = $2 AND {not_held}"
                )))
                .bind(note_id)
                .bind(owner_id)
                .execute(db.pool())
                .await?
            }
        };
    Ok(done.rows_affected() == 1)
}
