//! The affection log and wishes. A moment is the couple's ("we hugged today": one row
//! per couple, day and kind, whoever tapped), so there is nothing to compare; wishes
//! are their owner's, private until shared.

use super::visibility::{Scope, predicate};
use super::{Db, Error};
use crate::params;

/// A wish as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wish {
    pub id: String,
    pub owner_id: String,
    pub body: String,
    pub shared: bool,
}

/// The couple's moments since a day (day, kind) and the wishes the viewer may see, in
/// one trip.
pub async fn log(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    since_day: &str,
) -> Result<(Vec<(String, String)>, Vec<Wish>), Error> {
    let moments_sql = format!(
        "SELECT m.day, m.kind FROM affection_moments m \
         WHERE m.couple_id = $4 AND m.day >= $5 AND {}",
        predicate("m", 1)
    );
    let wishes_sql = format!(
        "SELECT w.id, w.owner_id, w.body, w.visibility FROM affection_wishes w \
         WHERE w.couple_id = $4 AND {} ORDER BY w.created_at, w.id",
        predicate("w", 1)
    );
    let (scope, couple_id, since_day) = (scope.clone(), couple_id.to_owned(), since_day.to_owned());
    db.read(move |c| {
        let moments = c.query(
            &moments_sql,
            &scope.with(&[(&couple_id).into(), (&since_day).into()]),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let wishes = c.query(&wishes_sql, &scope.with(&[(&couple_id).into()]), |r| {
            Ok(Wish {
                id: r.get(0)?,
                owner_id: r.get(1)?,
                body: r.get(2)?,
                shared: r.get::<String>(3)? == "shared",
            })
        })?;
        Ok((moments, wishes))
    })
    .await
}

/// Records a moment for the couple's day (a second tap of the same kind changes
/// nothing), or takes it back.
pub async fn set_moment(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    day: &str,
    kind: &str,
    on: bool,
) -> Result<(), Error> {
    let args = [couple_id, day, kind].map(str::to_owned);
    let scope = scope.clone();
    db.write(move |c| {
        let [couple_id, day, kind] = &args;
        if on {
            c.execute(
                "INSERT INTO affection_moments (id, couple_id, owner_id, day, kind, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (couple_id, day, kind) DO NOTHING",
                params![
                    &crate::secret::new_id(),
                    couple_id,
                    &scope.viewer_id,
                    day,
                    kind,
                    scope.now_ms
                ],
            )?;
        } else {
            c.execute(
                "DELETE FROM affection_moments WHERE couple_id = $1 AND day = $2 AND kind = $3",
                params![couple_id, day, kind],
            )?;
        }
        Ok::<_, Error>(())
    })
    .await
}

/// How many wishes a person keeps.
pub async fn count_wishes(db: &Db, scope: &Scope, couple_id: &str) -> Result<i64, Error> {
    let sql = format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM affection_wishes w \
         WHERE w.owner_id = $1 AND w.couple_id = $4 AND {}",
        predicate("w", 1)
    );
    let (scope, couple_id) = (scope.clone(), couple_id.to_owned());
    db.read(move |c| c.scalar(&sql, &scope.with(&[(&couple_id).into()])))
        .await
}

/// Adds a wish under `id` (its words sealed by the caller while private).
pub async fn add_wish(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    id: &str,
    body: &str,
    shared: bool,
) -> Result<(), Error> {
    let args = [id, couple_id, body].map(str::to_owned);
    let scope = scope.clone();
    db.write(move |c| {
        let [id, couple_id, body] = &args;
        c.execute(
            "INSERT INTO affection_wishes (id, couple_id, owner_id, visibility, body, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
            params![
                id,
                couple_id,
                &scope.viewer_id,
                if shared { "shared" } else { "private" },
                body,
                scope.now_ms
            ],
        )?;
        Ok::<_, Error>(())
    })
    .await
}

/// Changes the viewer's own wish (its words, and whether it is shared). `false` if
/// they have no such wish.
pub async fn update_wish(
    db: &Db,
    scope: &Scope,
    id: &str,
    body: &str,
    shared: bool,
) -> Result<bool, Error> {
    let args = [id, body].map(str::to_owned);
    let scope = scope.clone();
    let changed = db
        .write(move |c| {
            let [id, body] = &args;
            c.execute(
                "UPDATE affection_wishes SET body = $3, visibility = $4, updated_at = $5 \
                 WHERE id = $1 AND owner_id = $2",
                params![
                    id,
                    &scope.viewer_id,
                    body,
                    if shared { "shared" } else { "private" },
                    scope.now_ms
                ],
            )
        })
        .await?;
    Ok(changed > 0)
}

/// Removes the viewer's own wish. `false` if they have no such wish.
pub async fn remove_wish(db: &Db, scope: &Scope, id: &str) -> Result<bool, Error> {
    let (scope, id) = (scope.clone(), id.to_owned());
    let changed = db
        .write(move |c| {
            c.execute(
                "DELETE FROM affection_wishes WHERE id = $1 AND owner_id = $2",
                params![&id, &scope.viewer_id],
            )
        })
        .await?;
    Ok(changed > 0)
}
