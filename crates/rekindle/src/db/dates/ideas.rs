//! A couple's own date ideas (shared, editable by both) and each person's private
//! votes. Matches are the one read that looks at both partners' votes: it returns only
//! ideas both said yes to, so a "no" and a missing vote look the same from outside.

use crate::db::visibility::{Scope, predicate};
use crate::db::{Conn, Db, Error, Row};
use crate::params;

/// One of the couple's own ideas, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnIdea {
    pub id: String,
    pub owner_id: String,
    pub title: String,
    pub how: String,
    pub setting: String,
    pub cost: String,
    pub minutes: i64,
    pub energy: String,
    pub novelty: i64,
    /// `any`, or seasons separated by commas.
    pub seasons: String,
    /// Tags separated by commas.
    pub tags: String,
}

/// The traits of an idea the couple writes (everything but who and when).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdeaFields {
    pub title: String,
    pub how: String,
    pub setting: String,
    pub cost: String,
    pub minutes: i64,
    pub energy: String,
    pub novelty: i64,
    pub seasons: String,
    pub tags: String,
}

/// An idea both partners said yes to, with both votes (the viewer's first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub idea_id: String,
    pub mine: String,
    pub partners: String,
}

fn own_idea_from(r: &Row<'_>) -> Result<OwnIdea, Error> {
    Ok(OwnIdea {
        id: r.get(0)?,
        owner_id: r.get(1)?,
        title: r.get(2)?,
        how: r.get(3)?,
        setting: r.get(4)?,
        cost: r.get(5)?,
        minutes: r.get(6)?,
        energy: r.get(7)?,
        novelty: r.get(8)?,
        seasons: r.get(9)?,
        tags: r.get(10)?,
    })
}

/// The couple's own ideas the viewer may see, oldest first.
pub fn own_ideas(c: &mut Conn, scope: &Scope, couple_id: &str) -> Result<Vec<OwnIdea>, Error> {
    let sql = format!(
        "SELECT i.id, i.owner_id, i.title, i.how, i.setting, i.cost, i.minutes, i.energy, \
         i.novelty, i.seasons, i.tags FROM date_ideas i \
         WHERE i.couple_id = $4 AND {} ORDER BY i.created_at, i.id",
        predicate("i", 1)
    );
    c.query(&sql, &scope.with(params![couple_id]), own_idea_from)
}

/// The viewer's own votes in this couple: (idea id, vote).
pub fn my_votes(
    c: &mut Conn,
    scope: &Scope,
    couple_id: &str,
) -> Result<Vec<(String, String)>, Error> {
    let sql = format!(
        "SELECT v.idea_id, v.vote FROM date_votes v \
         WHERE v.couple_id = $4 AND v.owner_id = $1 AND {}",
        predicate("v", 1)
    );
    c.query(&sql, &scope.with(params![couple_id]), |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
}

/// Ideas both said yes to (a named exception to the visibility rule: nothing about a
/// "no" or a missing vote can come out of it).
pub fn matches(
    c: &mut Conn,
    couple_id: &str,
    viewer_id: &str,
    partner_id: &str,
) -> Result<Vec<Match>, Error> {
    c.query(
        "SELECT a.idea_id, a.vote, b.vote FROM date_votes a JOIN date_votes b \
         ON b.couple_id = a.couple_id AND b.idea_id = a.idea_id AND b.owner_id = $3 \
         WHERE a.couple_id = $1 AND a.owner_id = $2 AND a.vote <> 'no' AND b.vote <> 'no'",
        params![couple_id, viewer_id, partner_id],
        |r| {
            Ok(Match {
                idea_id: r.get(0)?,
                mine: r.get(1)?,
                partners: r.get(2)?,
            })
        },
    )
}

/// Sets (or changes) the viewer's vote on an idea.
pub async fn vote(
    db: &Db,
    couple_id: &str,
    owner_id: &str,
    idea_id: &str,
    vote: &str,
    now: i64,
) -> Result<(), Error> {
    let args = [couple_id, owner_id, idea_id, vote].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, owner_id, idea_id, vote] = &args;
        c.execute(
            "INSERT INTO date_votes (idea_id, owner_id, couple_id, vote, updated_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (couple_id, owner_id, idea_id) \
             DO UPDATE SET vote = excluded.vote, updated_at = excluded.updated_at",
            params![idea_id, owner_id, couple_id, vote, now],
        )?;
        Ok::<_, Error>(())
    })
    .await
}

/// Adds an idea of the couple's own; returns its id.
pub async fn add(
    db: &Db,
    couple_id: &str,
    owner_id: &str,
    f: IdeaFields,
    now: i64,
) -> Result<String, Error> {
    let id = format!("own_{}", crate::secret::new_id());
    let args = [id.as_str(), couple_id, owner_id].map(str::to_owned);
    db.write(move |c| {
        let [id, couple_id, owner_id] = &args;
        c.execute(
            "INSERT INTO date_ideas (id, couple_id, owner_id, title, how, setting, cost, minutes, \
             energy, novelty, seasons, tags, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
            params![
                id, couple_id, owner_id, &f.title, &f.how, &f.setting, &f.cost, f.minutes,
                &f.energy, f.novelty, &f.seasons, &f.tags, now
            ],
        )?;
        Ok::<_, Error>(())
    })
    .await?;
    Ok(id)
}

/// Changes one of the couple's own ideas (either partner may; the words are then the
/// editor's, so the idea becomes theirs — "Before" keeps each person's own words);
/// `false` if there is no such idea in the couple.
pub async fn update(
    db: &Db,
    couple_id: &str,
    id: &str,
    editor_id: &str,
    f: IdeaFields,
    now: i64,
) -> Result<bool, Error> {
    let args = [couple_id, id, editor_id].map(str::to_owned);
    let changed = db
        .write(move |c| {
            let [couple_id, id, editor_id] = &args;
            c.execute(
                "UPDATE date_ideas SET title = $3, how = $4, setting = $5, cost = $6, minutes = $7, \
                 energy = $8, novelty = $9, seasons = $10, tags = $11, updated_at = $12, owner_id = $13 \
                 WHERE couple_id = $1 AND id = $2",
                params![
                    couple_id, id, &f.title, &f.how, &f.setting, &f.cost, f.minutes, &f.energy,
                    f.novelty, &f.seasons, &f.tags, now, editor_id
                ],
            )
        })
        .await?;
    Ok(changed > 0)
}

/// Removes one of the couple's own ideas and every vote on it; `false` if there is no
/// such idea in the couple. Dates planned from it keep their own title.
pub async fn remove(db: &Db, couple_id: &str, id: &str) -> Result<bool, Error> {
    let args = [couple_id, id].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, id] = &args;
        c.execute(
            "DELETE FROM date_votes WHERE couple_id = $1 AND idea_id = $2",
            params![couple_id, id],
        )?;
        let gone = c.execute(
            "DELETE FROM date_ideas WHERE couple_id = $1 AND id = $2",
            params![couple_id, id],
        )?;
        Ok::<_, Error>(gone > 0)
    })
    .await
}
