//! A person's private word that they feel afraid of their partner: one private row,
//! theirs alone (PRIVACY.md). While it stands, nothing nudges them towards compromise.

use super::visibility::{Scope, predicate};
use super::{Conn, Db, Error};
use crate::params;

/// Whether the viewer has said so (read through the visibility rule: theirs only).
pub async fn feels_afraid(db: &Db, scope: &Scope) -> Result<bool, Error> {
    let scope = scope.clone();
    db.read(move |c| feels_afraid_in(c, &scope)).await
}

/// The same, inside a unit of work (the outbox worker's).
pub fn feels_afraid_in(c: &mut Conn, scope: &Scope) -> Result<bool, Error> {
    let sql = format!(
        "SELECT f.created_at FROM safety_flags f WHERE f.owner_id = $1 AND {}",
        predicate("f", 1)
    );
    let found: Option<i64> = c.query_opt(&sql, &scope.with(&[]), |r| r.get(0))?;
    Ok(found.is_some())
}

/// Records it (or takes it back with `afraid = false`).
pub async fn set(
    db: &Db,
    owner_id: &str,
    couple_id: Option<&str>,
    afraid: bool,
    now: i64,
) -> Result<(), Error> {
    let (owner_id, couple_id) = (owner_id.to_owned(), couple_id.map(str::to_owned));
    db.write(move |c| {
        if afraid {
            c.execute(
                "INSERT INTO safety_flags (owner_id, couple_id, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (owner_id) DO NOTHING",
                params![&owner_id, couple_id.as_ref(), now],
            )?;
        } else {
            c.execute(
                "DELETE FROM safety_flags WHERE owner_id = $1",
                params![&owner_id],
            )?;
        }
        Ok::<_, Error>(())
    })
    .await
}
