//! "Things my partner loves": a person's private list of gift ideas (never shown to the
//! partner — the point is the surprise).

use super::visibility::{Scope, predicate};
use super::{Db, Error};
use crate::params;

/// One entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Love {
    pub id: String,
    pub body: String,
}

/// The viewer's own list, oldest first.
pub async fn loves(db: &Db, scope: &Scope) -> Result<Vec<Love>, Error> {
    let sql = format!(
        "SELECT l.id, l.body FROM partner_loves l WHERE l.owner_id = $1 AND {} \
         ORDER BY l.created_at, l.id",
        predicate("l", 1)
    );
    let scope = scope.clone();
    db.read(move |c| {
        c.query(&sql, &scope.with(&[]), |r| {
            Ok(Love {
                id: r.get(0)?,
                body: r.get(1)?,
            })
        })
    })
    .await
}

/// How many entries the viewer's list has (sealed or not).
pub async fn count(db: &Db, scope: &Scope) -> Result<usize, Error> {
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM partner_loves l WHERE l.owner_id = $1 AND {}",
        predicate("l", 1)
    );
    let scope = scope.clone();
    let n: i64 = db
        .read(move |c| c.query_one(&sql, &scope.with(&[]), |r| r.get(0)))
        .await?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

/// Adds an entry (sealed by the caller for its id) to the viewer's list.
pub async fn add(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    id: &str,
    sealed: &str,
) -> Result<(), Error> {
    let args = [id, couple_id, sealed].map(str::to_owned);
    let scope = scope.clone();
    db.write(move |c| {
        let [id, couple_id, body] = &args;
        c.execute(
            "INSERT INTO partner_loves (id, couple_id, owner_id, body, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
            params![id, couple_id, &scope.viewer_id, body, scope.now_ms],
        )?;
        Ok::<_, Error>(())
    })
    .await
}

/// Removes one of the viewer's own. `false` if there is no such entry of theirs.
pub async fn remove(db: &Db, scope: &Scope, id: &str) -> Result<bool, Error> {
    let (scope, id) = (scope.clone(), id.to_owned());
    let changed = db
        .write(move |c| {
            c.execute(
                "DELETE FROM partner_loves WHERE id = $1 AND owner_id = $2",
                params![&id, &scope.viewer_id],
            )
        })
        .await?;
    Ok(changed > 0)
}
