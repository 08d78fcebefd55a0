//! Love-map rounds, their entries and marks. A round's answers (by the person it is
//! about) and guesses (by the partner) are sealed; the moment the second set is saved,
//! every entry of the round is unsealed in the same transaction. Marks are shared.

use sqlx::Row as _;

use super::visibility::{Scope, predicate};
use super::{Db, is_unique_violation};
use crate::secret::new_id;

/// A round as stored (the couple's, not anyone's content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundRow {
    pub id: String,
    pub subject_id: String,
    pub guesser_id: String,
    pub question_ids: Vec<String>,
    pub day: String,
    pub revealed: bool,
}

/// An answer or a guess, as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub owner_id: String,
    pub position: usize,
    pub body: String,
}

/// What `create` found.
#[derive(Debug)]
pub enum Created {
    New(String),
    /// A round about this person is still open: its id.
    AlreadyOpen(String),
}

const ROUND_COLUMNS: &str = "id, subject_id, guesser_id, question_ids, day, revealed_at";

fn round_from(r: &sqlx::any::AnyRow) -> Result<RoundRow, sqlx::Error> {
    let ids: String = r.try_get("question_ids")?;
    Ok(RoundRow {
        id: r.try_get("id")?,
        subject_id: r.try_get("subject_id")?,
        guesser_id: r.try_get("guesser_id")?,
        question_ids: ids.split(',').map(str::to_owned).collect(),
        day: r.try_get("day")?,
        revealed: r.try_get::<Option<i64>, _>("revealed_at")?.is_some(),
    })
}

/// The open round about `subject_id`, if there is one.
pub async fn open_about(
    db: &Db,
    couple_id: &str,
    subject_id: &str,
) -> Result<Option<RoundRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {ROUND_COLUMNS} FROM love_map_rounds WHERE couple_id = $1 AND subject_id = $2 AND revealed_at IS NULL"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(couple_id)
        .bind(subject_id)
        .fetch_optional(db.pool())
        .await?
        .as_ref()
        .map(round_from)
        .transpose()
}

/// Starts a round unless one about the same person is open (the schema allows one).
pub async fn create(
    db: &Db,
    couple_id: &str,
    subject_id: &str,
    guesser_id: &str,
    question_ids: &[&str],
    day: &str,
    now: i64,
) -> Result<Created, sqlx::Error> {
    let id = new_id();
    let inserted = sqlx::query(
        "INSERT INTO love_map_rounds (id, couple_id, subject_id, guesser_id, question_ids, day, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(couple_id)
    .bind(subject_id)
    .bind(guesser_id)
    .bind(question_ids.join(","))
    .bind(day)
    .bind(now)
    .execute(db.pool())
    .await;
    match inserted {
        Ok(_) => Ok(Created::New(id)),
        Err(e) if is_unique_violation(&e) => open_about(db, couple_id, subject_id)
            .await?
            .map(|r| Created::AlreadyOpen(r.id))
            .ok_or(e),
        Err(e) => Err(e),
    }
}

/// Every question id already asked about a person in this couple.
pub async fn asked_about(
    db: &Db,
    couple_id: &str,
    subject_id: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let lists: Vec<String> = sqlx::query_scalar(
        "SELECT question_ids FROM love_map_rounds WHERE couple_id = $1 AND subject_id = $2",
    )
    .bind(couple_id)
    .bind(subject_id)
    .fetch_all(db.pool())
    .await?;
    Ok(lists
        .iter()
        .flat_map(|l| l.split(',').map(str::to_owned))
        .collect())
}

/// How many rounds the couple has started.
pub async fn count(db: &Db, couple_id: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM love_map_rounds WHERE couple_id = $1")
        .bind(couple_id)
        .fetch_one(db.pool())
        .await
}

/// One of the couple's rounds.
pub async fn round(db: &Db, couple_id: &str, id: &str) -> Result<Option<RoundRow>, sqlx::Error> {
    let sql =
        format!("SELECT {ROUND_COLUMNS} FROM love_map_rounds WHERE couple_id = $1 AND id = $2");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(couple_id)
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .as_ref()
        .map(round_from)
        .transpose()
}

/// The couple's rounds, newest first.
pub async fn rounds(db: &Db, couple_id: &str, limit: i64) -> Result<Vec<RoundRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {ROUND_COLUMNS} FROM love_map_rounds WHERE couple_id = $1 ORDER BY created_at DESC, id LIMIT $2"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(couple_id)
        .bind(limit)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(round_from)
        .collect()
}

/// Saves (or replaces) one person's five entries in an open round and, when both sets
/// are in, unseals the round. Returns `false` (saving nothing) if it was already
/// revealed by the time the write lock was held.
pub async fn save_entries(
    db: &Db,
    couple_id: &str,
    round_id: &str,
    owner_id: &str,
    bodies: &[String],
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let revealed: Option<i64> = sqlx::query_scalar(
        "SELECT revealed_at FROM love_map_rounds WHERE id = $1 AND couple_id = $2",
    )
    .bind(round_id)
    .bind(couple_id)
    .fetch_one(&mut *tx)
    .await?;
    if revealed.is_some() {
        return Ok(false);
    }
    sqlx::query("DELETE FROM love_map_entries WHERE round_id = $1 AND owner_id = $2")
        .bind(round_id)
        .bind(owner_id)
        .execute(&mut *tx)
        .await?;
    for (position, body) in bodies.iter().enumerate() {
        sqlx::query(
            "INSERT INTO love_map_entries (round_id, position, owner_id, couple_id, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(round_id)
        .bind(i64::try_from(position).unwrap_or(0))
        .bind(owner_id)
        .bind(couple_id)
        .bind(body.as_str())
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    let people: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(DISTINCT owner_id) AS BIGINT) FROM love_map_entries WHERE round_id = $1",
    )
    .bind(round_id)
    .fetch_one(&mut *tx)
    .await?;
    if people >= 2 {
        sqlx::query("UPDATE love_map_entries SET unsealed_at = $1 WHERE round_id = $2")
            .bind(now)
            .bind(round_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE love_map_rounds SET revealed_at = $1 WHERE id = $2")
            .bind(now)
            .bind(round_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The entries of a round the viewer may see, in position order.
pub async fn entries(db: &Db, scope: &Scope, round_id: &str) -> Result<Vec<Entry>, sqlx::Error> {
    let sql = format!(
        "SELECT e.owner_id, e.position, e.body FROM love_map_entries e \
         WHERE e.round_id = $4 AND {} ORDER BY e.position",
        predicate("e", 1)
    );
    scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(round_id)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(Entry {
                owner_id: r.try_get("owner_id")?,
                position: usize::try_from(r.try_get::<i64, _>("position")?).unwrap_or(0),
                body: r.try_get("body")?,
            })
        })
        .collect()
}

/// Sets the marks (position, stored spelling) of a revealed round.
pub async fn set_marks(
    db: &Db,
    couple_id: &str,
    round_id: &str,
    owner_id: &str,
    marks: &[(usize, &str)],
    now: i64,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    for (position, mark) in marks {
        sqlx::query(
            "INSERT INTO love_map_marks (round_id, position, owner_id, couple_id, mark, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (round_id, position) DO UPDATE SET mark = excluded.mark",
        )
        .bind(round_id)
        .bind(i64::try_from(*position).unwrap_or(0))
        .bind(owner_id)
        .bind(couple_id)
        .bind(*mark)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// Which marks to read.
#[derive(Debug, Clone, Copy)]
pub enum MarksOf<'a> {
    /// One round's.
    Round(&'a str),
    /// The newest `listed` rounds' and the first `first` revealed rounds' — what the list
    /// shows, and where the couple began (for the reflection over time).
    ListedAndFirst { listed: i64, first: i64 },
}

/// Marks the viewer may see, as (round id, position, mark), oldest round first.
pub async fn marks(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    which: MarksOf<'_>,
) -> Result<Vec<(String, usize, String)>, sqlx::Error> {
    let rounds = match which {
        MarksOf::Round(_) => "m.round_id = $5".to_owned(),
        MarksOf::ListedAndFirst { .. } => "(m.round_id IN (SELECT n.id FROM love_map_rounds n \
             WHERE n.couple_id = $4 ORDER BY n.created_at DESC, n.id LIMIT $5) \
             OR m.round_id IN (SELECT f.id FROM love_map_rounds f WHERE f.couple_id = $4 \
             AND f.revealed_at IS NOT NULL ORDER BY f.created_at, f.id LIMIT $6))"
            .to_owned(),
    };
    let sql = format!(
        "SELECT m.round_id, m.position, m.mark FROM love_map_marks m \
         JOIN love_map_rounds r ON r.id = m.round_id \
         WHERE m.couple_id = $4 AND {rounds} AND {} ORDER BY r.created_at, r.id, m.position",
        predicate("m", 1)
    );
    let query = scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(couple_id);
    let query = match which {
        MarksOf::Round(id) => query.bind(id),
        MarksOf::ListedAndFirst { listed, first } => query.bind(listed).bind(first),
    };
    query
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get("round_id")?,
                usize::try_from(r.try_get::<i64, _>("position")?).unwrap_or(0),
                r.try_get("mark")?,
            ))
        })
        .collect()
}
