//! The question of the day and answers. An answer is sealed: its owner sees it at once,
//! the partner only once both have answered — the moment the second answer is saved,
//! both are unsealed in the same transaction.

use super::visibility::{Scope, predicate};
use super::{Db, Error};
use crate::params;
use crate::secret::new_id;

/// An answer as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub owner_id: String,
    pub body: String,
    pub updated_at_ms: i64,
}

/// The couple's prompt on `day`, if chosen already, with the answers to it the viewer
/// may see — one statement.
pub async fn on_day(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    day: &str,
) -> Result<Option<(String, Vec<Answer>)>, Error> {
    let sql = format!(
        "SELECT q.prompt_id, a.owner_id, a.body, a.updated_at FROM daily_questions q \
         LEFT JOIN answers a ON a.couple_id = q.couple_id AND a.prompt_id = q.prompt_id AND {} \
         WHERE q.couple_id = $4 AND q.day = $5 ORDER BY a.created_at",
        predicate("a", 1)
    );
    let (scope, args) = (scope.clone(), [couple_id, day].map(str::to_owned));
    db.read(move |c| {
        let [couple_id, day] = &args;
        let mut found: Option<(String, Vec<Answer>)> = None;
        c.query(&sql, &scope.with(params![couple_id, day]), |r| {
            let asked = found.get_or_insert_with(|| (String::new(), Vec::new()));
            asked.0 = r.get(0)?;
            if let Some(owner_id) = r.get::<Option<String>>(1)? {
                asked.1.push(Answer {
                    owner_id,
                    body: r.get(2)?,
                    updated_at_ms: r.get(3)?,
                });
            }
            Ok(())
        })?;
        Ok(found)
    })
    .await
}

/// Every prompt id the couple has been asked.
pub async fn asked(db: &Db, couple_id: &str) -> Result<Vec<String>, Error> {
    let couple_id = couple_id.to_owned();
    db.read(move |c| {
        c.query(
            "SELECT prompt_id FROM daily_questions WHERE couple_id = $1",
            params![&couple_id],
            |r| r.get(0),
        )
    })
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
) -> Result<String, Error> {
    let args = [couple_id, day, prompt_id].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, day, prompt_id] = &args;
        c.execute(
            "INSERT INTO daily_questions (couple_id, day, prompt_id, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (couple_id, day) DO NOTHING",
            params![couple_id, day, prompt_id, now],
        )?;
        c.scalar(
            "SELECT prompt_id FROM daily_questions WHERE couple_id = $1 AND day = $2",
            params![couple_id, day],
        )
    })
    .await
}

/// Whether the couple was ever asked this prompt.
pub async fn was_asked(db: &Db, couple_id: &str, prompt_id: &str) -> Result<bool, Error> {
    let args = [couple_id, prompt_id].map(str::to_owned);
    let n: i64 = db
        .read(move |c| {
            let [couple_id, prompt_id] = &args;
            c.scalar(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM daily_questions WHERE couple_id = $1 AND prompt_id = $2",
                params![couple_id, prompt_id],
            )
        })
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
) -> Result<bool, Error> {
    let args = [couple_id, owner_id, prompt_id, body].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, owner_id, prompt_id, body] = &args;
        // The WHERE on the update is checked inside the write transaction, so a reveal
        // racing this edit cannot slip a changed answer in after it.
        let saved: Option<String> = c.query_opt(
            "INSERT INTO answers (id, owner_id, couple_id, prompt_id, body, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) \
             ON CONFLICT (couple_id, prompt_id, owner_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at \
             WHERE answers.unsealed_at IS NULL RETURNING id",
            params![new_id(), owner_id, couple_id, prompt_id, body, now],
            |r| r.get(0),
        )?;
        if saved.is_none() {
            return Ok(false);
        }
        let both: i64 = c.scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM answers WHERE couple_id = $1 AND prompt_id = $2",
            params![couple_id, prompt_id],
        )?;
        if both >= 2 {
            c.execute(
                "UPDATE answers SET unsealed_at = $1 WHERE couple_id = $2 AND prompt_id = $3 AND unsealed_at IS NULL",
                params![now, couple_id, prompt_id],
            )?;
        }
        Ok(true)
    })
    .await
}

/// The answers to a prompt in the couple that the viewer may see.
pub async fn answers(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    prompt_id: &str,
) -> Result<Vec<Answer>, Error> {
    let sql = format!(
        "SELECT a.owner_id, a.body, a.updated_at FROM answers a \
         WHERE a.couple_id = $4 AND a.prompt_id = $5 AND {} ORDER BY a.created_at",
        predicate("a", 1)
    );
    let (scope, args) = (scope.clone(), [couple_id, prompt_id].map(str::to_owned));
    db.read(move |c| {
        let [couple_id, prompt_id] = &args;
        c.query(&sql, &scope.with(params![couple_id, prompt_id]), |r| {
            Ok(Answer {
                owner_id: r.get(0)?,
                body: r.get(1)?,
                updated_at_ms: r.get(2)?,
            })
        })
    })
    .await
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
) -> Result<(), Error> {
    let args = [couple_id, prompt_id, owner_id, body].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, prompt_id, owner_id, body] = &args;
        c.execute(
            "INSERT INTO answer_replies (id, couple_id, prompt_id, owner_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            params![new_id(), couple_id, prompt_id, owner_id, body, now],
        )?;
        Ok(())
    })
    .await
}

/// Sets or clears the person's heart on a question.
pub async fn set_heart(
    db: &Db,
    couple_id: &str,
    prompt_id: &str,
    owner_id: &str,
    on: bool,
    now: i64,
) -> Result<(), Error> {
    let args = [couple_id, prompt_id, owner_id].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, prompt_id, owner_id] = &args;
        if on {
            c.execute(
                "INSERT INTO answer_hearts (couple_id, prompt_id, owner_id, created_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (couple_id, prompt_id, owner_id) DO NOTHING",
                params![couple_id, prompt_id, owner_id, now],
            )?;
        } else {
            c.execute(
                "DELETE FROM answer_hearts WHERE couple_id = $1 AND prompt_id = $2 AND owner_id = $3",
                params![couple_id, prompt_id, owner_id],
            )?;
        }
        Ok(())
    })
    .await
}

/// The replies (oldest first) and the hearts (owner ids) of a question's thread that
/// the viewer may see, in one statement.
pub async fn thread(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    prompt_id: &str,
) -> Result<(Vec<Reply>, Vec<String>), Error> {
    let sql = format!(
        "SELECT 'reply' AS part, r.owner_id, r.body, r.created_at, r.id FROM answer_replies r \
         WHERE r.couple_id = $4 AND r.prompt_id = $5 AND {} \
         UNION ALL \
         SELECT 'heart', h.owner_id, CAST(NULL AS TEXT), h.created_at, '' FROM answer_hearts h \
         WHERE h.couple_id = $4 AND h.prompt_id = $5 AND {} \
         ORDER BY 1, 4, 5",
        predicate("r", 1),
        predicate("h", 1)
    );
    let (scope, args) = (scope.clone(), [couple_id, prompt_id].map(str::to_owned));
    db.read(move |c| {
        let [couple_id, prompt_id] = &args;
        let (mut replies, mut hearts) = (Vec::new(), Vec::new());
        c.query(&sql, &scope.with(params![couple_id, prompt_id]), |r| {
            let part: String = r.get(0)?;
            if part == "reply" {
                replies.push(Reply {
                    owner_id: r.get(1)?,
                    body: r.get(2)?,
                });
            } else {
                hearts.push(r.get(1)?);
            }
            Ok(())
        })?;
        Ok((replies, hearts))
    })
    .await
}

/// The couple's questions before `day`, newest first: (day, prompt id).
pub async fn history(
    db: &Db,
    couple_id: &str,
    before_day: &str,
    limit: i64,
) -> Result<Vec<(String, String)>, Error> {
    let args = [couple_id, before_day].map(str::to_owned);
    db.read(move |c| {
        let [couple_id, before_day] = &args;
        c.query(
            "SELECT day, prompt_id FROM daily_questions WHERE couple_id = $1 AND day < $2 ORDER BY day DESC LIMIT $3",
            params![couple_id, before_day, limit],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    })
    .await
}
