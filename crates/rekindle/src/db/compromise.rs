//! The compromise workspace's storage: topics (shared), stances (sealed until both
//! are in), options (shared), ratings (sealed until both have rated every option) and
//! look-backs (shared). Each unsealing happens inside the write that completes it.

use super::visibility::{Scope, predicate};
use super::{Conn, Db, Error, Row};
use crate::params;

/// A topic as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicRow {
    pub id: String,
    pub owner_id: String,
    pub title: String,
    pub stances_open: bool,
    pub ranked: bool,
    pub chosen_option_id: Option<String>,
    pub trial_until: Option<String>,
    pub review_on: Option<String>,
    pub reviewed: bool,
    pub created_at: i64,
}

/// A stance the viewer may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StanceRow {
    pub owner_id: String,
    pub core: String,
    pub flex: String,
    pub feel: String,
}

/// An option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionRow {
    pub id: String,
    pub owner_id: String,
    pub body: String,
}

/// A rating the viewer may see: (option id, owner id, rating).
pub type RatingRow = (String, String, i64);

/// A look back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    pub owner_id: String,
    pub body: String,
}

/// A topic with everything the viewer may see of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    pub row: TopicRow,
    pub stances: Vec<StanceRow>,
    pub options: Vec<OptionRow>,
    pub ratings: Vec<RatingRow>,
    pub reviews: Vec<ReviewRow>,
}

/// What a sealed write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sealed {
    /// Saved, still sealed.
    Kept,
    /// Saved, and both sides are now open.
    Opened,
    /// Already open: nothing changed.
    TooLate,
}

/// Why an option could not be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionRefused {
    NoTopic,
    /// The stances are not both in yet.
    TooEarly,
    /// Ranked already.
    TooLate,
}

const TOPIC_COLUMNS: &str = "t.id, t.owner_id, t.title, t.stances_revealed_at, t.ranked_at, \
     t.chosen_option_id, t.trial_until, t.review_on, t.reviewed_at, t.created_at";

fn topic_from(r: &Row<'_>) -> Result<TopicRow, Error> {
    Ok(TopicRow {
        id: r.get(0)?,
        owner_id: r.get(1)?,
        title: r.get(2)?,
        stances_open: r.get::<Option<i64>>(3)?.is_some(),
        ranked: r.get::<Option<i64>>(4)?.is_some(),
        chosen_option_id: r.get(5)?,
        trial_until: r.get(6)?,
        review_on: r.get(7)?,
        reviewed: r.get::<Option<i64>>(8)?.is_some(),
        created_at: r.get(9)?,
    })
}

/// The couple's topics, newest first, at most `limit`.
pub async fn list(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    limit: i64,
) -> Result<Vec<TopicRow>, Error> {
    let (scope, couple_id) = (scope.clone(), couple_id.to_owned());
    db.read(move |c| topics(c, &scope, &couple_id, limit)).await
}

/// The couple's topics, in a unit of work already running.
pub fn topics(
    c: &mut Conn,
    scope: &Scope,
    couple_id: &str,
    limit: i64,
) -> Result<Vec<TopicRow>, Error> {
    let sql = format!(
        "SELECT {TOPIC_COLUMNS} FROM compromise_topics t WHERE t.couple_id = $4 AND {} \
         ORDER BY t.created_at DESC, t.id LIMIT $5",
        predicate("t", 1)
    );
    c.query(&sql, &scope.with(params![couple_id, limit]), topic_from)
}

/// One topic of the couple with all the viewer may see of it: five statements, one trip.
pub async fn one(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    id: &str,
) -> Result<Option<Topic>, Error> {
    let topic_sql = format!(
        "SELECT {TOPIC_COLUMNS} FROM compromise_topics t WHERE t.couple_id = $4 AND t.id = $5 AND {}",
        predicate("t", 1)
    );
    let stance_sql = format!(
        "SELECT s.owner_id, s.core, s.flex, s.feel FROM compromise_stances s WHERE s.topic_id = $4 AND {}",
        predicate("s", 1)
    );
    let option_sql = format!(
        "SELECT o.id, o.owner_id, o.body FROM compromise_options o WHERE o.topic_id = $4 AND {} \
         ORDER BY o.created_at, o.id",
        predicate("o", 1)
    );
    let rating_sql = format!(
        "SELECT r.option_id, r.owner_id, r.rating FROM compromise_ratings r WHERE r.topic_id = $4 AND {}",
        predicate("r", 1)
    );
    let review_sql = format!(
        "SELECT v.owner_id, v.body FROM compromise_reviews v WHERE v.topic_id = $4 AND {} \
         ORDER BY v.created_at, v.owner_id",
        predicate("v", 1)
    );
    let (scope, couple_id, id) = (scope.clone(), couple_id.to_owned(), id.to_owned());
    db.read(move |c| {
        let Some(row) = c.query_opt(
            &topic_sql,
            &scope.with(params![&couple_id, &id]),
            topic_from,
        )?
        else {
            return Ok(None);
        };
        let with_id = scope.with(params![&id]);
        Ok(Some(Topic {
            stances: c.query(&stance_sql, &with_id, |r| {
                Ok(StanceRow {
                    owner_id: r.get(0)?,
                    core: r.get(1)?,
                    flex: r.get(2)?,
                    feel: r.get(3)?,
                })
            })?,
            options: c.query(&option_sql, &with_id, |r| {
                Ok(OptionRow {
                    id: r.get(0)?,
                    owner_id: r.get(1)?,
                    body: r.get(2)?,
                })
            })?,
            ratings: c.query(&rating_sql, &with_id, |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?,
            reviews: c.query(&review_sql, &with_id, |r| {
                Ok(ReviewRow {
                    owner_id: r.get(0)?,
                    body: r.get(1)?,
                })
            })?,
            row,
        }))
    })
    .await
}

/// Starts a topic; returns its id.
pub async fn create(
    db: &Db,
    couple_id: &str,
    owner_id: &str,
    title: &str,
    now: i64,
) -> Result<String, Error> {
    let id = crate::secret::new_id();
    let args = [id.as_str(), couple_id, owner_id, title].map(str::to_owned);
    db.write(move |c| {
        let [id, couple_id, owner_id, title] = &args;
        c.execute(
            "INSERT INTO compromise_topics (id, couple_id, owner_id, title, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5)",
            params![id, couple_id, owner_id, title, now],
        )?;
        Ok::<_, Error>(())
    })
    .await?;
    Ok(id)
}

/// Saves (or changes) the viewer's stance and, when both are in, opens both.
pub async fn save_stance(
    db: &Db,
    couple_id: &str,
    topic_id: &str,
    owner_id: &str,
    stance: [String; 3],
    now: i64,
) -> Result<Sealed, Error> {
    let args = [couple_id, topic_id, owner_id].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, topic_id, owner_id] = &args;
        let open: Option<i64> = c.scalar(
            "SELECT stances_revealed_at FROM compromise_topics WHERE id = $1 AND couple_id = $2",
            params![topic_id, couple_id],
        )?;
        if open.is_some() {
            return Ok(Sealed::TooLate);
        }
        let [core, flex, feel] = &stance;
        c.execute(
            "INSERT INTO compromise_stances (topic_id, owner_id, couple_id, core, flex, feel, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (topic_id, owner_id) \
             DO UPDATE SET core = excluded.core, flex = excluded.flex, feel = excluded.feel, updated_at = excluded.updated_at",
            params![topic_id, owner_id, couple_id, core, flex, feel, now],
        )?;
        let given: i64 = c.scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM compromise_stances WHERE topic_id = $1",
            params![topic_id],
        )?;
        if given < 2 {
            return Ok(Sealed::Kept);
        }
        c.execute(
            "UPDATE compromise_stances SET unsealed_at = $2 WHERE topic_id = $1",
            params![topic_id, now],
        )?;
        c.execute(
            "UPDATE compromise_topics SET stances_revealed_at = $2, updated_at = $2 WHERE id = $1",
            params![topic_id, now],
        )?;
        Ok::<_, Error>(Sealed::Opened)
    })
    .await
}

/// Adds an option once both stances are open and until the ranking opens.
pub async fn add_option(
    db: &Db,
    couple_id: &str,
    topic_id: &str,
    owner_id: &str,
    body: &str,
    now: i64,
) -> Result<Result<String, OptionRefused>, Error> {
    let id = crate::secret::new_id();
    let args = [id.as_str(), couple_id, topic_id, owner_id, body].map(str::to_owned);
    db.write(move |c| {
        let [id, couple_id, topic_id, owner_id, body] = &args;
        let state: Option<(Option<i64>, Option<i64>)> = c.query_opt(
            "SELECT stances_revealed_at, ranked_at FROM compromise_topics WHERE id = $1 AND couple_id = $2",
            params![topic_id, couple_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        match state {
            None => return Ok(Err(OptionRefused::NoTopic)),
            Some((None, _)) => return Ok(Err(OptionRefused::TooEarly)),
            Some((_, Some(_))) => return Ok(Err(OptionRefused::TooLate)),
            Some((Some(_), None)) => {}
        }
        c.execute(
            "INSERT INTO compromise_options (id, topic_id, couple_id, owner_id, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            params![id, topic_id, couple_id, owner_id, body, now],
        )?;
        Ok::<_, Error>(Ok(id.clone()))
    })
    .await
}

/// Saves the viewer's ratings of every current option (`ratings` by option id) and,
/// when both have rated every option, opens all ratings (the ranking). `None`: the
/// options changed meanwhile (rate again).
pub async fn save_ratings(
    db: &Db,
    couple_id: &str,
    topic_id: &str,
    owner_id: &str,
    ratings: Vec<(String, i64)>,
    now: i64,
) -> Result<Option<Sealed>, Error> {
    let args = [couple_id, topic_id, owner_id].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, topic_id, owner_id] = &args;
        let ranked: Option<i64> = c.scalar(
            "SELECT ranked_at FROM compromise_topics WHERE id = $1 AND couple_id = $2",
            params![topic_id, couple_id],
        )?;
        if ranked.is_some() {
            return Ok(Some(Sealed::TooLate));
        }
        let mut current: Vec<String> = c.query(
            "SELECT id FROM compromise_options WHERE topic_id = $1 ORDER BY created_at, id",
            params![topic_id],
            |r| r.get(0),
        )?;
        let mut given: Vec<String> = ratings.iter().map(|(id, _)| id.clone()).collect();
        current.sort();
        given.sort();
        if current.is_empty() || current != given {
            return Ok(None);
        }
        for (option_id, rating) in &ratings {
            c.execute(
                "INSERT INTO compromise_ratings (option_id, topic_id, owner_id, couple_id, rating, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (option_id, owner_id) \
                 DO UPDATE SET rating = excluded.rating, updated_at = excluded.updated_at",
                params![option_id, topic_id, owner_id, couple_id, *rating, now],
            )?;
        }
        // Opened once two people have rated every current option.
        let complete: i64 = c.scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM (SELECT owner_id FROM compromise_ratings \
             WHERE topic_id = $1 GROUP BY owner_id HAVING COUNT(*) = $2) done",
            params![topic_id, i64::try_from(current.len()).unwrap_or(i64::MAX)],
        )?;
        if complete < 2 {
            return Ok(Some(Sealed::Kept));
        }
        c.execute(
            "UPDATE compromise_ratings SET unsealed_at = $2 WHERE topic_id = $1",
            params![topic_id, now],
        )?;
        c.execute(
            "UPDATE compromise_topics SET ranked_at = $2, updated_at = $2 WHERE id = $1",
            params![topic_id, now],
        )?;
        Ok::<_, Error>(Some(Sealed::Opened))
    })
    .await
}

/// Sets the chosen option, its trial and its review day; `false` if there is no such
/// ranked topic.
pub async fn choose(
    db: &Db,
    couple_id: &str,
    topic_id: &str,
    option_id: &str,
    trial_until: &str,
    review_on: &str,
    now: i64,
) -> Result<bool, Error> {
    let args = [couple_id, topic_id, option_id, trial_until, review_on].map(str::to_owned);
    let changed = db
        .write(move |c| {
            let [couple_id, topic_id, option_id, trial_until, review_on] = &args;
            c.execute(
                "UPDATE compromise_topics SET chosen_option_id = $3, trial_until = $4, review_on = $5, \
                 reviewed_at = NULL, updated_at = $6 WHERE couple_id = $1 AND id = $2 AND ranked_at IS NOT NULL",
                params![couple_id, topic_id, option_id, trial_until, review_on, now],
            )
        })
        .await?;
    Ok(changed > 0)
}

/// Saves the viewer's look back and marks the topic looked back on.
pub async fn review(
    db: &Db,
    couple_id: &str,
    topic_id: &str,
    owner_id: &str,
    body: &str,
    now: i64,
) -> Result<(), Error> {
    let args = [couple_id, topic_id, owner_id, body].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, topic_id, owner_id, body] = &args;
        c.execute(
            "INSERT INTO compromise_reviews (topic_id, owner_id, couple_id, body, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (topic_id, owner_id) \
             DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![topic_id, owner_id, couple_id, body, now],
        )?;
        c.execute(
            "UPDATE compromise_topics SET reviewed_at = COALESCE(reviewed_at, $3), updated_at = $3 \
             WHERE couple_id = $1 AND id = $2",
            params![couple_id, topic_id, now],
        )?;
        Ok::<_, Error>(())
    })
    .await
}
