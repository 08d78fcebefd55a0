//! Check-ins: one per person per local day. The scores and the appreciation are shared;
//! the note is a separate private item. Every read goes through the visibility rule.

use rekindle_core::checkin::CheckIn;
use sqlx::Row as _;

use super::Db;
use super::visibility::{Scope, predicate};
use crate::secret::new_id;

/// A check-in as a viewer may see it: `note` is only ever filled for its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInRow {
    pub owner_id: String,
    pub day: String,
    pub closeness: u8,
    pub mood: u8,
    pub felt_heard: u8,
    pub appreciation: Option<String>,
    pub note: Option<String>,
    pub updated_at_ms: i64,
}

fn small(row: &sqlx::any::AnyRow, col: &str) -> Result<u8, sqlx::Error> {
    let v: i64 = row.try_get(col)?;
    u8::try_from(v).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// Writes (or rewrites) the person's check-in for `day`, in their current couple.
pub async fn save(
    db: &Db,
    owner_id: &str,
    couple_id: Option<&str>,
    day: &str,
    checkin: &CheckIn,
    now: i64,
) -> Result<CheckInRow, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let id: String = sqlx::query_scalar(
        "INSERT INTO checkins (id, owner_id, couple_id, day, closeness, mood, felt_heard, appreciation, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
         ON CONFLICT (owner_id, day) DO UPDATE SET couple_id = excluded.couple_id, closeness = excluded.closeness, \
         mood = excluded.mood, felt_heard = excluded.felt_heard, appreciation = excluded.appreciation, \
         updated_at = excluded.updated_at \
         RETURNING id",
    )
    .bind(new_id())
    .bind(owner_id)
    .bind(couple_id)
    .bind(day)
    .bind(i64::from(checkin.closeness))
    .bind(i64::from(checkin.mood))
    .bind(i64::from(checkin.felt_heard))
    .bind(checkin.appreciation.as_deref())
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    match &checkin.note {
        Some(note) => {
            sqlx::query(
                "INSERT INTO checkin_notes (checkin_id, owner_id, couple_id, body) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (checkin_id) DO UPDATE SET body = excluded.body, couple_id = excluded.couple_id",
            )
            .bind(&id)
            .bind(owner_id)
            .bind(couple_id)
            .bind(note)
            .execute(&mut *tx)
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM checkin_notes WHERE checkin_id = $1")
                .bind(&id)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(CheckInRow {
        owner_id: owner_id.to_owned(),
        day: day.to_owned(),
        closeness: checkin.closeness,
        mood: checkin.mood,
        felt_heard: checkin.felt_heard,
        appreciation: checkin.appreciation.clone(),
        note: checkin.note.clone(),
        updated_at_ms: now,
    })
}

/// The check-ins of `owner_id` from `from` to `to` (local days, both included) that the
/// scope's viewer may see, oldest first. Bounded by the day range and the
/// `(owner_id, day)` index.
pub async fn list(
    db: &Db,
    scope: &Scope,
    owner_id: &str,
    from: &str,
    to: &str,
) -> Result<Vec<CheckInRow>, sqlx::Error> {
    let sql = format!(
        "SELECT c.owner_id, c.day, c.closeness, c.mood, c.felt_heard, c.appreciation, c.updated_at, n.body AS note \
         FROM checkins c LEFT JOIN checkin_notes n ON n.checkin_id = c.id AND {} \
         WHERE {} AND c.owner_id = $7 AND c.day >= $8 AND c.day <= $9 ORDER BY c.day",
        predicate("n", 1),
        predicate("c", 4)
    );
    let query = scope.bind(scope.bind(sqlx::query(sqlx::AssertSqlSafe(sql))));
    let rows = query
        .bind(owner_id)
        .bind(from)
        .bind(to)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| {
            Ok(CheckInRow {
                owner_id: r.try_get("owner_id")?,
                day: r.try_get("day")?,
                closeness: small(r, "closeness")?,
                mood: small(r, "mood")?,
                felt_heard: small(r, "felt_heard")?,
                appreciation: r.try_get("appreciation")?,
                note: r.try_get("note")?,
                updated_at_ms: r.try_get("updated_at")?,
            })
        })
        .collect()
}

/// Just the days (no content) of `owner_id`'s check-ins the viewer may see, for
/// counting streaks over long spans cheaply.
pub async fn days(
    db: &Db,
    scope: &Scope,
    owner_id: &str,
    from: &str,
    to: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let sql = format!(
        "SELECT c.day FROM checkins c WHERE {} AND c.owner_id = $4 AND c.day >= $5 AND c.day <= $6",
        predicate("c", 1)
    );
    scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(owner_id)
        .bind(from)
        .bind(to)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| r.try_get("day"))
        .collect()
}

/// The latest day since `since` on which both partners checked in within their couple
/// — the shared activity drift detection looks at (more kinds join as features
/// arrive). Bounded by `since`, so it reads a few weeks of rows, never a history.
pub async fn last_shared_day(
    db: &Db,
    couple_id: &str,
    first: &str,
    second: &str,
    since: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT MAX(a.day) FROM checkins a JOIN checkins b ON b.owner_id = $2 AND b.day = a.day \
         WHERE a.owner_id = $1 AND a.day >= $4 AND b.day >= $4 AND a.couple_id = $3 AND b.couple_id = $3",
    )
    .bind(first)
    .bind(second)
    .bind(couple_id)
    .bind(since)
    .fetch_one(db.pool())
    .await
}
