//! Fair splits: a couple's list of chores or things (shared) and each partner's points
//! (sealed). The moment the second partner's points are saved, both are unsealed in
//! the same transaction; after that the points stay as they are.

use super::visibility::{Scope, predicate};
use super::{Conn, Db, Error, Row};
use crate::params;

/// A split as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitRow {
    pub id: String,
    pub owner_id: String,
    pub title: String,
    pub mode: String,
    /// The items in order.
    pub items: Vec<String>,
    pub revealed: bool,
    pub rota_from: Option<String>,
    pub created_at: i64,
}

/// Someone's points on a split, as the viewer may see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointsRow {
    pub owner_id: String,
    pub points: Vec<i64>,
}

/// What saving points did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Saved; still sealed (the other's are not in yet, or nothing tells).
    Sealed,
    /// Saved, and both are now open.
    Revealed,
    /// Already revealed: nothing changed.
    AlreadyRevealed,
}

const SPLIT_COLUMNS: &str =
    "s.id, s.owner_id, s.title, s.mode, s.items, s.revealed_at, s.rota_from, s.created_at";

fn split_from(r: &Row<'_>) -> Result<SplitRow, Error> {
    let items: String = r.get(4)?;
    Ok(SplitRow {
        id: r.get(0)?,
        owner_id: r.get(1)?,
        title: r.get(2)?,
        mode: r.get(3)?,
        items: items
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        revealed: r.get::<Option<i64>>(5)?.is_some(),
        rota_from: r.get(6)?,
        created_at: r.get(7)?,
    })
}

/// The couple's splits, newest first, at most `limit`.
pub async fn list(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    limit: i64,
) -> Result<Vec<SplitRow>, Error> {
    let sql = format!(
        "SELECT {SPLIT_COLUMNS} FROM fair_splits s WHERE s.couple_id = $4 AND {} \
         ORDER BY s.created_at DESC, s.id LIMIT $5",
        predicate("s", 1)
    );
    let (scope, couple_id) = (scope.clone(), couple_id.to_owned());
    db.read(move |c| c.query(&sql, &scope.with(params![&couple_id, limit]), split_from))
        .await
}

fn points_of(c: &mut Conn, scope: &Scope, split_id: &str) -> Result<Vec<PointsRow>, Error> {
    let sql = format!(
        "SELECT p.owner_id, p.points FROM fair_split_points p WHERE p.split_id = $4 AND {}",
        predicate("p", 1)
    );
    c.query(&sql, &scope.with(params![split_id]), |r| {
        let text: String = r.get(1)?;
        Ok(PointsRow {
            owner_id: r.get(0)?,
            points: text.split(',').filter_map(|p| p.parse().ok()).collect(),
        })
    })
}

/// One split of the couple with the points the viewer may see, in one trip.
pub async fn one(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    id: &str,
) -> Result<Option<(SplitRow, Vec<PointsRow>)>, Error> {
    let sql = format!(
        "SELECT {SPLIT_COLUMNS} FROM fair_splits s WHERE s.couple_id = $4 AND s.id = $5 AND {}",
        predicate("s", 1)
    );
    let (scope, couple_id, id) = (scope.clone(), couple_id.to_owned(), id.to_owned());
    db.read(move |c| {
        let Some(split) = c.query_opt(&sql, &scope.with(params![&couple_id, &id]), split_from)?
        else {
            return Ok(None);
        };
        let points = points_of(c, &scope, &id)?;
        Ok(Some((split, points)))
    })
    .await
}

/// Starts a split; returns its id.
pub async fn create(
    db: &Db,
    couple_id: &str,
    owner_id: &str,
    title: &str,
    mode: &str,
    items: &[String],
    now: i64,
) -> Result<String, Error> {
    let id = crate::secret::new_id();
    let args = [
        id.as_str(),
        couple_id,
        owner_id,
        title,
        mode,
        &items.join("\n"),
    ]
    .map(str::to_owned);
    db.write(move |c| {
        let [id, couple_id, owner_id, title, mode, items] = &args;
        c.execute(
            "INSERT INTO fair_splits (id, couple_id, owner_id, title, mode, items, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
            params![id, couple_id, owner_id, title, mode, items, now],
        )?;
        Ok::<_, Error>(())
    })
    .await?;
    Ok(id)
}

/// Replaces the list (the words become the editor's) until the points are revealed.
/// Points already given no longer match the list, so they are cleared — both
/// partners', which also keeps anyone from learning that the other had given theirs.
/// `None` if there is no such split, `Some(false)` once revealed.
pub async fn set_items(
    db: &Db,
    couple_id: &str,
    id: &str,
    editor_id: &str,
    items: &[String],
    now: i64,
) -> Result<Option<bool>, Error> {
    let args = [couple_id, id, editor_id, &items.join("\n")].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, id, editor_id, items] = &args;
        let revealed: Option<Option<i64>> = c.query_opt(
            "SELECT revealed_at FROM fair_splits WHERE couple_id = $1 AND id = $2",
            params![couple_id, id],
            |r| r.get(0),
        )?;
        match revealed {
            None => return Ok(None),
            Some(Some(_)) => return Ok(Some(false)),
            Some(None) => {}
        }
        c.execute(
            "DELETE FROM fair_split_points WHERE split_id = $1",
            params![id],
        )?;
        c.execute(
            "UPDATE fair_splits SET items = $3, owner_id = $4, updated_at = $5 WHERE couple_id = $1 AND id = $2",
            params![couple_id, id, items, editor_id, now],
        )?;
        Ok::<_, Error>(Some(true))
    })
    .await
}

/// Saves (or changes) the viewer's points and, when both are in, opens both.
pub async fn save_points(
    db: &Db,
    couple_id: &str,
    split_id: &str,
    owner_id: &str,
    points: &[u32],
    now: i64,
) -> Result<Saved, Error> {
    let text = points
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let args = [couple_id, split_id, owner_id, &text].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, split_id, owner_id, text] = &args;
        let revealed: Option<i64> = c.scalar(
            "SELECT revealed_at FROM fair_splits WHERE id = $1 AND couple_id = $2",
            params![split_id, couple_id],
        )?;
        if revealed.is_some() {
            return Ok(Saved::AlreadyRevealed);
        }
        c.execute(
            "INSERT INTO fair_split_points (split_id, owner_id, couple_id, points, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) \
             ON CONFLICT (split_id, owner_id) DO UPDATE SET points = excluded.points, updated_at = excluded.updated_at",
            params![split_id, owner_id, couple_id, text, now],
        )?;
        let given: i64 = c.scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM fair_split_points WHERE split_id = $1",
            params![split_id],
        )?;
        if given < 2 {
            return Ok(Saved::Sealed);
        }
        c.execute(
            "UPDATE fair_split_points SET unsealed_at = $2 WHERE split_id = $1",
            params![split_id, now],
        )?;
        c.execute(
            "UPDATE fair_splits SET revealed_at = $2, updated_at = $2 WHERE id = $1",
            params![split_id, now],
        )?;
        Ok::<_, Error>(Saved::Revealed)
    })
    .await
}

/// Starts (a Monday, `YYYY-MM-DD`) or stops (`None`) the weekly rota of a split;
/// `false` if there is no such split.
pub async fn set_rota(
    db: &Db,
    couple_id: &str,
    id: &str,
    from: Option<&str>,
    now: i64,
) -> Result<bool, Error> {
    let args = [couple_id, id].map(str::to_owned);
    let from = from.map(str::to_owned);
    let changed = db
        .write(move |c| {
            let [couple_id, id] = &args;
            c.execute(
                "UPDATE fair_splits SET rota_from = $3, updated_at = $4 WHERE couple_id = $1 AND id = $2",
                params![couple_id, id, from.as_ref(), now],
            )
        })
        .await?;
    Ok(changed > 0)
}
