//! Planned dates (shared), each person's private rating after a date, and the shared
//! memories that form the couple's timeline. Moving a date raises its `sequence`, so
//! calendar apps replace the event; cancelling keeps the row, so feeds can say so.

use crate::db::visibility::{Scope, predicate};
use crate::db::{Conn, Db, Error, Row};
use crate::params;

/// A planned date, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedDate {
    pub id: String,
    pub owner_id: String,
    pub title: String,
    pub place: Option<String>,
    pub idea_id: Option<String>,
    pub tradition_id: Option<String>,
    pub starts_at: i64,
    pub ends_at: Option<i64>,
    pub planner_id: Option<String>,
    pub phones_away: bool,
    pub sequence: i64,
    pub cancelled_at: Option<i64>,
    pub updated_at: i64,
}

/// What a person sets when planning or changing a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanFields {
    pub title: String,
    pub place: Option<String>,
    pub idea_id: Option<String>,
    pub tradition_id: Option<String>,
    pub starts_at: i64,
    pub ends_at: Option<i64>,
    pub planner_id: Option<String>,
    pub phones_away: bool,
}

/// The viewer's own rating of a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rating {
    pub date_id: String,
    pub enjoyment: i64,
    pub closeness: i64,
}

/// A memory of a date, shared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Memory {
    pub date_id: String,
    pub owner_id: String,
    pub body: String,
    pub updated_at: i64,
}

const DATE_COLUMNS: &str = "d.id, d.owner_id, d.title, d.place, d.idea_id, d.tradition_id, \
     d.starts_at, d.ends_at, d.planner_id, d.phones_away, d.sequence, d.cancelled_at, d.updated_at";

fn date_from(r: &Row<'_>) -> Result<PlannedDate, Error> {
    Ok(PlannedDate {
        id: r.get(0)?,
        owner_id: r.get(1)?,
        title: r.get(2)?,
        place: r.get(3)?,
        idea_id: r.get(4)?,
        tradition_id: r.get(5)?,
        starts_at: r.get(6)?,
        ends_at: r.get(7)?,
        planner_id: r.get(8)?,
        phones_away: r.get(9)?,
        sequence: r.get(10)?,
        cancelled_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

/// The couple's dates that are not cancelled, newest first, at most `limit`.
pub fn recent(
    c: &mut Conn,
    scope: &Scope,
    couple_id: &str,
    limit: i64,
) -> Result<Vec<PlannedDate>, Error> {
    let sql = format!(
        "SELECT {DATE_COLUMNS} FROM planned_dates d \
         WHERE d.couple_id = $4 AND d.cancelled_at IS NULL AND {} \
         ORDER BY d.starts_at DESC, d.id LIMIT $5",
        predicate("d", 1)
    );
    c.query(&sql, &scope.with(params![couple_id, limit]), date_from)
}

/// The couple's dates that are not cancelled and start between `from` and `until`,
/// soonest first, at most `limit`.
pub fn between(
    c: &mut Conn,
    scope: &Scope,
    couple_id: &str,
    from: i64,
    until: i64,
    limit: i64,
) -> Result<Vec<PlannedDate>, Error> {
    let sql = format!(
        "SELECT {DATE_COLUMNS} FROM planned_dates d \
         WHERE d.couple_id = $4 AND d.cancelled_at IS NULL AND d.starts_at >= $5 AND d.starts_at < $6 AND {} \
         ORDER BY d.starts_at, d.id LIMIT $7",
        predicate("d", 1)
    );
    c.query(
        &sql,
        &scope.with(params![couple_id, from, until, limit]),
        date_from,
    )
}

/// The couple's dates for a calendar: everything starting from `since`, cancelled ones
/// included (so calendar apps remove them), in time order, at most `limit`.
pub async fn for_calendar(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    since: i64,
    limit: i64,
) -> Result<Vec<PlannedDate>, Error> {
    let sql = format!(
        "SELECT {DATE_COLUMNS} FROM planned_dates d \
         WHERE d.couple_id = $4 AND d.starts_at >= $5 AND {} \
         ORDER BY d.starts_at, d.id LIMIT $6",
        predicate("d", 1)
    );
    let (scope, couple_id) = (scope.clone(), couple_id.to_owned());
    db.read(move |c| {
        c.query(
            &sql,
            &scope.with(params![&couple_id, since, limit]),
            date_from,
        )
    })
    .await
}

/// One date of the couple with the viewer's rating and its memories, in one trip.
pub async fn one(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    id: &str,
) -> Result<Option<(PlannedDate, Option<Rating>, Vec<Memory>)>, Error> {
    let sql = format!(
        "SELECT {DATE_COLUMNS} FROM planned_dates d WHERE d.couple_id = $4 AND d.id = $5 AND {}",
        predicate("d", 1)
    );
    let (scope, couple_id, id) = (scope.clone(), couple_id.to_owned(), id.to_owned());
    db.read(move |c| {
        let Some(date) = c.query_opt(&sql, &scope.with(params![&couple_id, &id]), date_from)?
        else {
            return Ok(None);
        };
        let rating = my_ratings_of(c, &scope, &couple_id, Some(&id))?
            .into_iter()
            .next();
        let memories = memories(c, &scope, &couple_id, Some(&id))?;
        Ok(Some((date, rating, memories)))
    })
    .await
}

/// How many dates the couple has planned (cancelled ones too): whose turn it is.
pub fn count(c: &mut Conn, couple_id: &str) -> Result<i64, Error> {
    c.scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM planned_dates WHERE couple_id = $1",
        params![couple_id],
    )
}

/// Plans a date; returns its id.
pub async fn add(
    db: &Db,
    couple_id: &str,
    owner_id: &str,
    f: PlanFields,
    now: i64,
) -> Result<String, Error> {
    let id = crate::secret::new_id();
    let args = [id.as_str(), couple_id, owner_id].map(str::to_owned);
    db.write(move |c| {
        let [id, couple_id, owner_id] = &args;
        c.execute(
            "INSERT INTO planned_dates (id, couple_id, owner_id, title, place, idea_id, tradition_id, \
             starts_at, ends_at, planner_id, phones_away, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)",
            params![
                id,
                couple_id,
                owner_id,
                &f.title,
                f.place.as_ref(),
                f.idea_id.as_ref(),
                f.tradition_id.as_ref(),
                f.starts_at,
                f.ends_at,
                f.planner_id.as_ref(),
                f.phones_away,
                now
            ],
        )?;
        remind_of(c, couple_id, id, Some(f.starts_at), now)
    })
    .await?;
    Ok(id)
}

/// Changes a date that is not cancelled (its words are then the editor's); its
/// sequence rises, so calendar apps take the change. `false` if there is no such open
/// date.
pub async fn update(
    db: &Db,
    couple_id: &str,
    id: &str,
    editor_id: &str,
    f: PlanFields,
    now: i64,
) -> Result<bool, Error> {
    let args = [couple_id, id, editor_id].map(str::to_owned);
    let changed = db
        .write(move |c| {
            let [couple_id, id, editor_id] = &args;
            let changed = c.execute(
                "UPDATE planned_dates SET title = $3, place = $4, starts_at = $5, ends_at = $6, \
                 planner_id = $7, phones_away = $8, sequence = sequence + 1, updated_at = $9, owner_id = $10 \
                 WHERE couple_id = $1 AND id = $2 AND cancelled_at IS NULL",
                params![
                    couple_id,
                    id,
                    &f.title,
                    f.place.as_ref(),
                    f.starts_at,
                    f.ends_at,
                    f.planner_id.as_ref(),
                    f.phones_away,
                    now,
                    editor_id
                ],
            )?;
            if changed > 0 {
                remind_of(c, couple_id, id, Some(f.starts_at), now)?;
            }
            Ok::<_, Error>(changed)
        })
        .await?;
    Ok(changed > 0)
}

/// Cancels a date (kept, marked, its sequence raised). `false` if there is no such open
/// date.
pub async fn cancel(db: &Db, couple_id: &str, id: &str, now: i64) -> Result<bool, Error> {
    let args = [couple_id, id].map(str::to_owned);
    let changed = db
        .write(move |c| {
            let [couple_id, id] = &args;
            let changed = c.execute(
                "UPDATE planned_dates SET cancelled_at = $3, sequence = sequence + 1, updated_at = $3 \
                 WHERE couple_id = $1 AND id = $2 AND cancelled_at IS NULL",
                params![couple_id, id, now],
            )?;
            if changed > 0 {
                remind_of(c, couple_id, id, None, now)?;
            }
            Ok::<_, Error>(changed)
        })
        .await?;
    Ok(changed > 0)
}

/// How long before a date its reminder comes.
pub const REMINDER_LEAD_MS: i64 = 2 * 60 * 60 * 1000;

/// Re-queues a date's reminders for both partners (none once it is cancelled, or when
/// the moment has passed), dropping any for its old time.
fn remind_of(
    c: &mut Conn,
    couple_id: &str,
    id: &str,
    starts_at: Option<i64>,
    now: i64,
) -> Result<(), Error> {
    crate::db::outbox::drop_for_subject(c, "date", id)?;
    let Some(starts_at) = starts_at else {
        return Ok(());
    };
    let due = starts_at - REMINDER_LEAD_MS;
    if due <= now {
        return Ok(());
    }
    let members: Vec<String> = c.query(
        "SELECT user_id FROM couple_members WHERE couple_id = $1 AND left_at IS NULL",
        params![couple_id],
        |r| r.get(0),
    )?;
    for user in members {
        crate::db::outbox::enqueue(
            c,
            &user,
            "date",
            Some(id),
            &format!("date:{id}:{starts_at}:{user}"),
            due,
            now,
        )?;
    }
    Ok(())
}

/// When a date the viewer may see starts, and whether it is cancelled (the worker's
/// check before a reminder).
pub fn reminder_state(c: &mut Conn, scope: &Scope, id: &str) -> Result<Option<(i64, bool)>, Error> {
    let sql = format!(
        "SELECT d.starts_at, d.cancelled_at FROM planned_dates d WHERE d.id = $4 AND {}",
        predicate("d", 1)
    );
    c.query_opt(&sql, &scope.with(&[id.into()]), |r| {
        Ok((r.get(0)?, r.get::<Option<i64>>(1)?.is_some()))
    })
}

fn my_ratings_of(
    c: &mut Conn,
    scope: &Scope,
    couple_id: &str,
    date_id: Option<&str>,
) -> Result<Vec<Rating>, Error> {
    let sql = format!(
        "SELECT r.date_id, r.enjoyment, r.closeness FROM date_ratings r \
         WHERE r.couple_id = $4 AND r.owner_id = $1 AND (CAST($5 AS TEXT) IS NULL OR r.date_id = $5) AND {}",
        predicate("r", 1)
    );
    c.query(&sql, &scope.with(params![couple_id, date_id]), |r| {
        Ok(Rating {
            date_id: r.get(0)?,
            enjoyment: r.get(1)?,
            closeness: r.get(2)?,
        })
    })
}

/// The viewer's own ratings in this couple.
pub fn my_ratings(c: &mut Conn, scope: &Scope, couple_id: &str) -> Result<Vec<Rating>, Error> {
    my_ratings_of(c, scope, couple_id, None)
}

/// For each date both partners rated, the sum of their four numbers (a named
/// exception: the recommender's input, never shown, and nothing for a date only one
/// rated).
pub fn joint_ratings(
    c: &mut Conn,
    couple_id: &str,
    viewer_id: &str,
) -> Result<Vec<(String, i64)>, Error> {
    c.query(
        "SELECT a.date_id, CAST(a.enjoyment + a.closeness + b.enjoyment + b.closeness AS BIGINT) \
         FROM date_ratings a JOIN date_ratings b ON b.date_id = a.date_id AND b.owner_id <> a.owner_id \
         WHERE a.couple_id = $1 AND b.couple_id = $1 AND a.owner_id = $2",
        params![couple_id, viewer_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Saves (or changes) the viewer's private rating of a date.
pub async fn rate(
    db: &Db,
    couple_id: &str,
    date_id: &str,
    owner_id: &str,
    enjoyment: i64,
    closeness: i64,
    now: i64,
) -> Result<(), Error> {
    let args = [couple_id, date_id, owner_id].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, date_id, owner_id] = &args;
        c.execute(
            "INSERT INTO date_ratings (date_id, owner_id, couple_id, enjoyment, closeness, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) \
             ON CONFLICT (date_id, owner_id) \
             DO UPDATE SET enjoyment = excluded.enjoyment, closeness = excluded.closeness, updated_at = excluded.updated_at",
            params![date_id, owner_id, couple_id, enjoyment, closeness, now],
        )?;
        Ok::<_, Error>(())
    })
    .await
}

/// The memories the viewer may see (of one date, or all), oldest date first.
pub fn memories(
    c: &mut Conn,
    scope: &Scope,
    couple_id: &str,
    date_id: Option<&str>,
) -> Result<Vec<Memory>, Error> {
    let sql = format!(
        "SELECT m.date_id, m.owner_id, m.body, m.updated_at FROM date_memories m \
         WHERE m.couple_id = $4 AND (CAST($5 AS TEXT) IS NULL OR m.date_id = $5) AND {} \
         ORDER BY m.created_at, m.owner_id",
        predicate("m", 1)
    );
    c.query(&sql, &scope.with(params![couple_id, date_id]), |r| {
        Ok(Memory {
            date_id: r.get(0)?,
            owner_id: r.get(1)?,
            body: r.get(2)?,
            updated_at: r.get(3)?,
        })
    })
}

/// Saves (or changes) the viewer's memory of a date; an empty body removes it.
pub async fn remember(
    db: &Db,
    couple_id: &str,
    date_id: &str,
    owner_id: &str,
    body: &str,
    now: i64,
) -> Result<(), Error> {
    let args = [couple_id, date_id, owner_id, body].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, date_id, owner_id, body] = &args;
        if body.is_empty() {
            c.execute(
                "DELETE FROM date_memories WHERE date_id = $1 AND owner_id = $2",
                params![date_id, owner_id],
            )?;
        } else {
            c.execute(
                "INSERT INTO date_memories (date_id, owner_id, couple_id, body, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $5) \
                 ON CONFLICT (date_id, owner_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                params![date_id, owner_id, couple_id, body, now],
            )?;
        }
        Ok::<_, Error>(())
    })
    .await
}
