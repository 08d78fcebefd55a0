//! The question of the day and answers. An answer is sealed: its owner sees it at once,
//! the partner only once both have answered — the moment the second answer is saved,
//! both are unsealed in the same transaction.

use sqlx::Row as _;

use super::Db;
use super::visibility::{Scope, predicate};
use crate::secret::new_id;

/// An answer as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub owner_id: String,
    pub body: String,
    pub updated_at_ms: i64,
}

/// The prompt id a couple got on `day`, if chosen already.
pub async fn prompt_on(db: &Db, couple_id: &str, day: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT prompt_id FROM daily_questions WHERE couple_id = $1 AND day = $2")
        .bind(couple_id)
        .bind(day)
        .fetch_optional(db.pool())
        .await
}

/// Every prompt id the couple has been asked.
pub async fn asked(db: &Db, couple_id: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT prompt_id FROM daily_questions WHERE couple_id = $1")
        .bind(couple_id)
        .fetch_all(db.pool())
        .await
}

/// Records the couple's prompt for `day` unless one is there already, and returns the
/// one that stands (so two partners opening the app at once get the same question).
pub async fn settle(
    db: &Db,
    couple_id: &str,
    day: &str,
    prompt_id: &str,
    now: i64,
) -> Result<String, sqlx::Error> {
    sqlx::query(
        "INSERT INTO daily_questions (couple_id, day, prompt_id, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (couple_id, day) DO NOTHING",
    )
    .bind(couple_id)
    .bind(day)
    .bind(prompt_id)
    .bind(now)
    .execute(db.pool())
    .await?;
    prompt_on(db, couple_id, day)
        .await?
        .ok_or(sqlx::Error::RowNotFound)
}

/// Whether the couple was ever asked this prompt.
pub async fn was_asked(db: &Db, couple_id: &str, prompt_id: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM daily_questions WHERE couple_id = $1 AND prompt_id = $2",
    )
    .bind(couple_id)
    .bind(prompt_id)
    .fetch_one(db.pool())
    .await?;
    Ok(n > 0)
}

/// Saves (or replaces) the person's answer; unseals both answers once both exist, as of
/// `now` (the application's clock, the same one reads are scoped by). Once revealed an
/// answer is kept as it was, so it never changes under the partner's reply and heart:
/// then nothing is written and `Ok(false)` comes back.
pub async fn answer(
    db: &Db,
    couple_id: &str,
    owner_id: &str,
    prompt_id: &str,
    body: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    // The WHERE on the update is checked inside the write transaction, so a reveal
    // racing this edit cannot slip a changed answer in after it.
    let saved: Option<String> = sqlx::query_scalar(
        "INSERT INTO answers (id, owner_id, couple_id, prompt_id, body, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) \
         ON CONFLICT (couple_id, prompt_id, owner_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at \
         WHERE answers.unsealed_at IS NULL RETURNING id",
    )
    .bind(new_id())
    .bind(owner_id)
    .bind(couple_id)
    .bind(prompt_id)
    .bind(body)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    if saved.is_none() {
        return Ok(false);
    }
    let both: i64 = sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM answers WHERE couple_id = $1 AND prompt_id = $2",
    )
    .bind(couple_id)
    .bind(prompt_id)
    .fetch_one(&mut *tx)
    .await?;
    if both >= 2 {
        sqlx::query(
            "UPDATE answers SET unsealed_at = $1 WHERE couple_id = $2 AND prompt_id = $3 AND unsealed_at IS NULL",
        )
        .bind(now)
        .bind(couple_id)
        .bind(prompt_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The answers to a prompt in the couple that the viewer may see.
pub async fn answers(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    prompt_id: &str,
) -> Result<Vec<Answer>, sqlx::Error> {
    let sql = format!(
        "SELECT a.owner_id, a.body, a.updated_at FROM answers a \
         WHERE a.couple_id = $4 AND a.prompt_id = $5 AND {} ORDER BY a.created_at",
        predicate("a", 1)
    );
    scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(couple_id)
        .bind(prompt_id)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(Answer {
                owner_id: r.try_get("owner_id")?,
                body: r.try_get("body")?,
                updated_at_ms: r.try_get("updated_at")?,
            })
        })
        .collect()
}

/// A reply in a question's thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub owner_id: String,
    pub body: String,
}

/// Adds a reply (shared) to a question's thread.
pub async fn add_reply(
    db: &Db,
    couple_id: &str,
    prompt_id: &str,
    owner_id: &str,
    body: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO answer_replies (id, couple_id, prompt_id, owner_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(new_id())
    .bind(couple_id)
    .bind(prompt_id)
    .bind(owner_id)
    .bind(body)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The replies the viewer may see, oldest first.
pub async fn replies(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    prompt_id: &str,
) -> Result<Vec<Reply>, sqlx::Error> {
    let sql = format!(
        "SELECT r.owner_id, r.body FROM answer_replies r WHERE r.couple_id = $4 AND r.prompt_id = $5 AND {} \
         ORDER BY r.created_at, r.id",
        predicate("r", 1)
    );
    scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(couple_id)
        .bind(prompt_id)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| {
            Ok(Reply {
                owner_id: r.try_get("owner_id")?,
                body: r.try_get("body")?,
            })
        })
        .collect()
}

/// Sets or clears the person's heart on a question.
pub async fn set_heart(
    db: &Db,
    couple_id: &str,
    prompt_id: &str,
    owner_id: &str,
    on: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    if on {
        sqlx::query(
            "INSERT INTO answer_hearts (couple_id, prompt_id, owner_id, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (couple_id, prompt_id, owner_id) DO NOTHING",
        )
        .bind(couple_id)
        .bind(prompt_id)
        .bind(owner_id)
        .bind(now)
        .execute(db.pool())
        .await?;
    } else {
        sqlx::query(
            "DELETE FROM answer_hearts WHERE couple_id = $1 AND prompt_id = $2 AND owner_id = $3",
        )
        .bind(couple_id)
        .bind(prompt_id)
        .bind(owner_id)
        .execute(db.pool())
        .await?;
    }
    Ok(())
}

/// Who (owner ids) hearted a question, as far as the viewer may see.
pub async fn hearts(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    prompt_id: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let sql = format!(
        "SELECT h.owner_id FROM answer_hearts h WHERE h.couple_id = $4 AND h.prompt_id = $5 AND {}",
        predicate("h", 1)
    );
    scope
        .bind(sqlx::query(sqlx::AssertSqlSafe(sql)))
        .bind(couple_id)
        .bind(prompt_id)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|r| r.try_get("owner_id"))
        .collect()
}

/// The couple's questions before `day`, newest first: (day, prompt id).
pub async fn history(
    db: &Db,
    couple_id: &str,
    before_day: &str,
    limit: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query(
        "SELECT day, prompt_id FROM daily_questions WHERE couple_id = $1 AND day < $2 ORDER BY day DESC LIMIT $3",
    )
    .bind(couple_id)
    .bind(before_day)
    .bind(limit)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|r| Ok((r.try_get("day")?, r.try_get("prompt_id")?)))
    .collect()
}
