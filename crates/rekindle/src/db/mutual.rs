//! Mutual yes: each partner's answers and settings are private rows; the one read that
//! looks at both (`matches`, a named visibility exception) returns only the items both
//! said yes to — or yes/maybe when both count maybes — so a "no" and no answer never
//! leave the database, and cannot be told apart (PRIVACY.md, promise 4).

use std::collections::HashMap;

use rekindle_core::mutual::Answer;

use super::visibility::{Scope, predicate};
use super::{Db, Error};
use crate::params;

/// A person's own choices for the list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Choices {
    /// Show the intimate section (and let it match).
    pub intimate: bool,
    /// Count "maybe" as yes — only when both partners have turned it on.
    pub count_maybe: bool,
}

/// The viewer's own answers and choices, in one trip.
pub async fn mine(db: &Db, scope: &Scope) -> Result<(HashMap<String, Answer>, Choices), Error> {
    let answers_sql = format!(
        "SELECT a.item_id, a.answer FROM mutual_answers a \
         WHERE a.owner_id = $1 AND a.couple_id = $2 AND {}",
        predicate("a", 1)
    );
    let choices_sql = format!(
        "SELECT s.show_intimate, s.count_maybe FROM mutual_settings s \
         WHERE s.owner_id = $1 AND s.couple_id = $2 AND {}",
        predicate("s", 1)
    );
    let scope = scope.clone();
    db.read(move |c| {
        let answers = c.query(&answers_sql, &scope.with(&[]), |r| {
            Ok((r.get::<String>(0)?, r.get::<String>(1)?))
        })?;
        let choices = c
            .query_opt(&choices_sql, &scope.with(&[]), |r| {
                Ok(Choices {
                    intimate: r.get::<i64>(0)? == 1,
                    count_maybe: r.get::<i64>(1)? == 1,
                })
            })?
            .unwrap_or_default();
        let answers = answers
            .into_iter()
            .filter_map(|(id, a)| Answer::parse(&a).map(|a| (id, a)))
            .collect();
        Ok((answers, choices))
    })
    .await
}

/// Saves the viewer's answer to an item.
pub async fn answer(db: &Db, scope: &Scope, item_id: &str, answer: Answer) -> Result<(), Error> {
    let (scope, item_id) = (scope.clone(), item_id.to_owned());
    db.write(move |c| {
        c.execute(
            "INSERT INTO mutual_answers (couple_id, owner_id, item_id, answer, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (couple_id, owner_id, item_id) \
             DO UPDATE SET answer = $4, updated_at = $5",
            params![
                scope.couple_id.as_ref(),
                &scope.viewer_id,
                &item_id,
                answer.as_str(),
                scope.now_ms
            ],
        )?;
        Ok::<_, Error>(())
    })
    .await
}

/// Saves the viewer's choices.
pub async fn choose(db: &Db, scope: &Scope, choices: Choices) -> Result<(), Error> {
    let scope = scope.clone();
    db.write(move |c| {
        c.execute(
            "INSERT INTO mutual_settings (couple_id, owner_id, show_intimate, count_maybe, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (couple_id, owner_id) \
             DO UPDATE SET show_intimate = $3, count_maybe = $4, updated_at = $5",
            params![
                scope.couple_id.as_ref(),
                &scope.viewer_id,
                i64::from(choices.intimate),
                i64::from(choices.count_maybe),
                scope.now_ms
            ],
        )?;
        Ok::<_, Error>(())
    })
    .await
}

/// The matches: items both partners said yes to (or yes/maybe, when both count
/// maybes), each with whether both show the intimate section. Nothing else comes out.
pub async fn matches(db: &Db, scope: &Scope) -> Result<Vec<(String, bool)>, Error> {
    let scope = scope.clone();
    db.read(move |c| {
        c.query(
            "SELECT a.item_id, CASE WHEN COALESCE(sa.show_intimate, 0) = 1 \
               AND COALESCE(sb.show_intimate, 0) = 1 THEN 1 ELSE 0 END \
             FROM mutual_answers a JOIN mutual_answers b \
               ON b.couple_id = a.couple_id AND b.item_id = a.item_id AND b.owner_id <> a.owner_id \
             LEFT JOIN mutual_settings sa ON sa.couple_id = a.couple_id AND sa.owner_id = a.owner_id \
             LEFT JOIN mutual_settings sb ON sb.couple_id = b.couple_id AND sb.owner_id = b.owner_id \
             WHERE a.owner_id = $1 AND a.couple_id = $2 AND ( \
               (a.answer = 'yes' AND b.answer = 'yes') OR \
               (a.answer IN ('yes', 'maybe') AND b.answer IN ('yes', 'maybe') \
                AND COALESCE(sa.count_maybe, 0) = 1 AND COALESCE(sb.count_maybe, 0) = 1)) \
             ORDER BY a.item_id",
            params![&scope.viewer_id, scope.couple_id.as_ref()],
            |r| Ok((r.get(0)?, r.get::<i64>(1)? == 1)),
        )
    })
    .await
}
