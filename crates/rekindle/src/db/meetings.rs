//! "State of Us" meetings: one per couple and day, with shared notes. Notes are read
//! through the visibility rule like every other piece of content.

use sqlx::Row as _;

use super::visibility::{Scope, predicate};
use super::{Db, now_ms};
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
pub async fn open(db: &Db, couple_id: &str, day: &str) -> Result<Meeting, sqlx::Error> {
    sqlx::query(
        "INSERT INTO meetings (id, couple_id, day, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (couple_id, day) DO NOTHING",
    )
    .bind(new_id())
    .bind(couple_id)
    .bind(day)
    .bind(now_ms())
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
    .bind(now_ms())
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

/// Marks a meeting of the couple as held.
pub async fn mark_done(db: &Db, couple_id: &str, meeting_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE meetings SET done_at = $1 WHERE id = $2 AND couple_id = $3 AND done_at IS NULL",
    )
    .bind(now_ms())
    .bind(meeting_id)
    .bind(couple_id)
    .execute(db.pool())
    .await?;
    Ok(())
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
