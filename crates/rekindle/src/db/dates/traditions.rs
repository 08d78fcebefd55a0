//! The couple's traditions: shared, changed by either partner, each with its rhythm
//! and the day it was last done.

use crate::db::visibility::{Scope, predicate};
use crate::db::{Conn, Db, Error};
use crate::params;

/// A tradition, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraditionRow {
    pub id: String,
    pub owner_id: String,
    pub title: String,
    /// `weekly`, `monthly`, `yearly` or `on_date`.
    pub rhythm: String,
    /// `MM-DD`, for `on_date`.
    pub on_day: Option<String>,
    /// The local day it was last done.
    pub last_done: Option<String>,
}

/// What a person sets when writing a tradition down or changing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraditionFields {
    pub title: String,
    pub rhythm: String,
    pub on_day: Option<String>,
    pub last_done: Option<String>,
}

/// The couple's traditions the viewer may see, oldest first.
pub fn all(c: &mut Conn, scope: &Scope, couple_id: &str) -> Result<Vec<TraditionRow>, Error> {
    let sql = format!(
        "SELECT t.id, t.owner_id, t.title, t.rhythm, t.on_day, t.last_done FROM traditions t \
         WHERE t.couple_id = $4 AND {} ORDER BY t.created_at, t.id",
        predicate("t", 1)
    );
    c.query(&sql, &scope.with(params![couple_id]), |r| {
        Ok(TraditionRow {
            id: r.get(0)?,
            owner_id: r.get(1)?,
            title: r.get(2)?,
            rhythm: r.get(3)?,
            on_day: r.get(4)?,
            last_done: r.get(5)?,
        })
    })
}

/// The couple's traditions, on their own.
pub async fn list(db: &Db, scope: &Scope, couple_id: &str) -> Result<Vec<TraditionRow>, Error> {
    let (scope, couple_id) = (scope.clone(), couple_id.to_owned());
    db.read(move |c| all(c, &scope, &couple_id)).await
}

/// Writes a tradition down; returns its id.
pub async fn add(
    db: &Db,
    couple_id: &str,
    owner_id: &str,
    f: TraditionFields,
    now: i64,
) -> Result<String, Error> {
    let id = crate::secret::new_id();
    let args = [id.as_str(), couple_id, owner_id].map(str::to_owned);
    db.write(move |c| {
        let [id, couple_id, owner_id] = &args;
        c.execute(
            "INSERT INTO traditions (id, couple_id, owner_id, title, rhythm, on_day, last_done, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
            params![
                id,
                couple_id,
                owner_id,
                &f.title,
                &f.rhythm,
                f.on_day.as_ref(),
                f.last_done.as_ref(),
                now
            ],
        )?;
        Ok::<_, Error>(())
    })
    .await?;
    Ok(id)
}

/// Changes a tradition of the couple (its words are then the editor's, so it becomes
/// theirs); `false` if there is none with this id.
pub async fn update(
    db: &Db,
    couple_id: &str,
    id: &str,
    editor_id: &str,
    f: TraditionFields,
    now: i64,
) -> Result<bool, Error> {
    let args = [couple_id, id, editor_id].map(str::to_owned);
    let changed = db
        .write(move |c| {
            let [couple_id, id, editor_id] = &args;
            c.execute(
                "UPDATE traditions SET title = $3, rhythm = $4, on_day = $5, last_done = $6, updated_at = $7, \
                 owner_id = $8 WHERE couple_id = $1 AND id = $2",
                params![
                    couple_id,
                    id,
                    &f.title,
                    &f.rhythm,
                    f.on_day.as_ref(),
                    f.last_done.as_ref(),
                    now,
                    editor_id
                ],
            )
        })
        .await?;
    Ok(changed > 0)
}

/// Marks a tradition done on `day` (a later day only moves forward); `false` if there
/// is none with this id.
pub async fn done(db: &Db, couple_id: &str, id: &str, day: &str, now: i64) -> Result<bool, Error> {
    let args = [couple_id, id, day].map(str::to_owned);
    let changed = db
        .write(move |c| {
            let [couple_id, id, day] = &args;
            c.execute(
                "UPDATE traditions SET last_done = CASE WHEN last_done IS NULL OR last_done < $3 \
                 THEN $3 ELSE last_done END, updated_at = $4 WHERE couple_id = $1 AND id = $2",
                params![couple_id, id, day, now],
            )
        })
        .await?;
    Ok(changed > 0)
}

/// Removes a tradition; `false` if there is none with this id.
pub async fn remove(db: &Db, couple_id: &str, id: &str) -> Result<bool, Error> {
    let args = [couple_id, id].map(str::to_owned);
    let gone = db
        .write(move |c| {
            let [couple_id, id] = &args;
            c.execute(
                "DELETE FROM traditions WHERE couple_id = $1 AND id = $2",
                params![couple_id, id],
            )
        })
        .await?;
    Ok(gone > 0)
}
