//! Love-map rounds, their entries and marks. A round's answers (by the person it is
//! about) and guesses (by the partner) are sealed; the moment the second set is saved,
//! every entry of the round is unsealed in the same transaction. Marks are shared.

use super::visibility::{Scope, predicate};
use super::{Db, Error, Row, Value};
use crate::params;
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

fn round_from(r: &Row<'_>) -> Result<RoundRow, Error> {
    let ids: String = r.get(3)?;
    Ok(RoundRow {
        id: r.get(0)?,
        subject_id: r.get(1)?,
        guesser_id: r.get(2)?,
        question_ids: ids.split(',').map(str::to_owned).collect(),
        day: r.get(4)?,
        revealed: r.get::<Option<i64>>(5)?.is_some(),
    })
}

fn position(r: &Row<'_>, at: usize) -> Result<usize, Error> {
    Ok(usize::try_from(r.get::<i64>(at)?).unwrap_or(0))
}

/// The open round about `subject_id`, if there is one.
pub async fn open_about(
    db: &Db,
    couple_id: &str,
    subject_id: &str,
) -> Result<Option<RoundRow>, Error> {
    let sql = format!(
        "SELECT {ROUND_COLUMNS} FROM love_map_rounds WHERE couple_id = $1 AND subject_id = $2 AND revealed_at IS NULL"
    );
    let args = [couple_id, subject_id].map(str::to_owned);
    db.read(move |c| {
        let [couple_id, subject_id] = &args;
        c.query_opt(&sql, params![couple_id, subject_id], round_from)
    })
    .await
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
) -> Result<Created, Error> {
    let id = new_id();
    let args = [
        id.as_str(),
        couple_id,
        subject_id,
        guesser_id,
        &question_ids.join(","),
        day,
    ]
    .map(str::to_owned);
    let inserted = db
        .write(move |c| {
            let [id, couple_id, subject_id, guesser_id, question_ids, day] = &args;
            c.execute(
                "INSERT INTO love_map_rounds (id, couple_id, subject_id, guesser_id, question_ids, day, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                params![id, couple_id, subject_id, guesser_id, question_ids, day, now],
            )
        })
        .await;
    match inserted {
        Ok(_) => Ok(Created::New(id)),
        Err(e) if e.is_unique_violation() => open_about(db, couple_id, subject_id)
            .await?
            .map(|r| Created::AlreadyOpen(r.id))
            .ok_or(e),
        Err(e) => Err(e),
    }
}

/// Every question id already asked about a person in this couple.
pub async fn asked_about(db: &Db, couple_id: &str, subject_id: &str) -> Result<Vec<String>, Error> {
    let args = [couple_id, subject_id].map(str::to_owned);
    let lists: Vec<String> = db
        .read(move |c| {
            let [couple_id, subject_id] = &args;
            c.query(
                "SELECT question_ids FROM love_map_rounds WHERE couple_id = $1 AND subject_id = $2",
                params![couple_id, subject_id],
                |r| r.get(0),
            )
        })
        .await?;
    Ok(lists
        .iter()
        .flat_map(|l| l.split(',').map(str::to_owned))
        .collect())
}

/// How many rounds the couple has started.
pub async fn count(db: &Db, couple_id: &str) -> Result<i64, Error> {
    let couple_id = couple_id.to_owned();
    db.read(move |c| {
        c.scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM love_map_rounds WHERE couple_id = $1",
            params![&couple_id],
        )
    })
    .await
}

/// One of the couple's rounds.
pub async fn round(db: &Db, couple_id: &str, id: &str) -> Result<Option<RoundRow>, Error> {
    let sql =
        format!("SELECT {ROUND_COLUMNS} FROM love_map_rounds WHERE couple_id = $1 AND id = $2");
    let args = [couple_id, id].map(str::to_owned);
    db.read(move |c| {
        let [couple_id, id] = &args;
        c.query_opt(&sql, params![couple_id, id], round_from)
    })
    .await
}

/// The couple's rounds, newest first.
pub async fn rounds(db: &Db, couple_id: &str, limit: i64) -> Result<Vec<RoundRow>, Error> {
    let sql = format!(
        "SELECT {ROUND_COLUMNS} FROM love_map_rounds WHERE couple_id = $1 ORDER BY created_at DESC, id LIMIT $2"
    );
    let couple_id = couple_id.to_owned();
    db.read(move |c| c.query(&sql, params![&couple_id, limit], round_from))
        .await
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
) -> Result<bool, Error> {
    let args = [couple_id, round_id, owner_id].map(str::to_owned);
    let bodies = bodies.to_vec();
    db.write(move |c| {
        let [couple_id, round_id, owner_id] = &args;
        let revealed: Option<i64> = c.scalar(
            "SELECT revealed_at FROM love_map_rounds WHERE id = $1 AND couple_id = $2",
            params![round_id, couple_id],
        )?;
        if revealed.is_some() {
            return Ok(false);
        }
        c.execute(
            "DELETE FROM love_map_entries WHERE round_id = $1 AND owner_id = $2",
            params![round_id, owner_id],
        )?;
        for (position, body) in bodies.iter().enumerate() {
            c.execute(
                "INSERT INTO love_map_entries (round_id, position, owner_id, couple_id, body, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
                params![
                    round_id,
                    i64::try_from(position).unwrap_or(0),
                    owner_id,
                    couple_id,
                    body,
                    now
                ],
            )?;
        }
        let people: i64 = c.scalar(
            "SELECT CAST(COUNT(DISTINCT owner_id) AS BIGINT) FROM love_map_entries WHERE round_id = $1",
            params![round_id],
        )?;
        if people >= 2 {
            c.execute(
                "UPDATE love_map_entries SET unsealed_at = $1 WHERE round_id = $2",
                params![now, round_id],
            )?;
            c.execute(
                "UPDATE love_map_rounds SET revealed_at = $1 WHERE id = $2",
                params![now, round_id],
            )?;
        }
        Ok(true)
    })
    .await
}

/// The entries of a round the viewer may see, in position order.
pub async fn entries(db: &Db, scope: &Scope, round_id: &str) -> Result<Vec<Entry>, Error> {
    let sql = format!(
        "SELECT e.owner_id, e.position, e.body FROM love_map_entries e \
         WHERE e.round_id = $4 AND {} ORDER BY e.position",
        predicate("e", 1)
    );
    let (scope, round_id) = (scope.clone(), round_id.to_owned());
    db.read(move |c| {
        c.query(&sql, &scope.with(params![&round_id]), |r| {
            Ok(Entry {
                owner_id: r.get(0)?,
                position: position(r, 1)?,
                body: r.get(2)?,
            })
        })
    })
    .await
}

/// Sets the marks (position, stored spelling) of a revealed round.
pub async fn set_marks(
    db: &Db,
    couple_id: &str,
    round_id: &str,
    owner_id: &str,
    marks: &[(usize, &str)],
    now: i64,
) -> Result<(), Error> {
    let args = [couple_id, round_id, owner_id].map(str::to_owned);
    let marks: Vec<(i64, String)> = marks
        .iter()
        .map(|(p, m)| (i64::try_from(*p).unwrap_or(0), (*m).to_owned()))
        .collect();
    db.write(move |c| {
        let [couple_id, round_id, owner_id] = &args;
        for (position, mark) in &marks {
            c.execute(
                "INSERT INTO love_map_marks (round_id, position, owner_id, couple_id, mark, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (round_id, position) DO UPDATE SET mark = excluded.mark",
                params![round_id, *position, owner_id, couple_id, mark, now],
            )?;
        }
        Ok(())
    })
    .await
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
) -> Result<Vec<(String, usize, String)>, Error> {
    let rounds = match which {
        MarksOf::Round(_) => "m.round_id = $5",
        MarksOf::ListedAndFirst { .. } => {
            "(m.round_id IN (SELECT n.id FROM love_map_rounds n \
             WHERE n.couple_id = $4 ORDER BY n.created_at DESC, n.id LIMIT $5) \
             OR m.round_id IN (SELECT f.id FROM love_map_rounds f WHERE f.couple_id = $4 \
             AND f.revealed_at IS NOT NULL ORDER BY f.created_at, f.id LIMIT $6))"
        }
    };
    let sql = format!(
        "SELECT m.round_id, m.position, m.mark FROM love_map_marks m \
         JOIN love_map_rounds r ON r.id = m.round_id \
         WHERE m.couple_id = $4 AND {rounds} AND {} ORDER BY r.created_at, r.id, m.position",
        predicate("m", 1)
    );
    let mut args: Vec<Value<'static>> = vec![Value::from(couple_id.to_owned())];
    match which {
        MarksOf::Round(id) => args.push(Value::from(id.to_owned())),
        MarksOf::ListedAndFirst { listed, first } => {
            args.extend([Value::from(listed), Value::from(first)]);
        }
    }
    let scope = scope.clone();
    db.read(move |c| {
        c.query(&sql, &scope.with(&args), |r| {
            Ok((r.get(0)?, position(r, 1)?, r.get(2)?))
        })
    })
    .await
}
