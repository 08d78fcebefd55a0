//! Private calendar feeds: one per person, found by the SHA-256 of its token (the token
//! is shown once and never stored).

use crate::db::couples::{Couple, current_in};
use crate::db::users::{USER_COLUMNS, User, user_from_row};
use crate::db::{Db, Error};
use crate::params;

/// Sets the person's feed to a new token hash, replacing (and so revoking) any old one.
pub async fn replace(db: &Db, owner_id: &str, token_hash: &str, now: i64) -> Result<(), Error> {
    let args = [owner_id, token_hash].map(str::to_owned);
    db.write(move |c| {
        let [owner_id, token_hash] = &args;
        c.execute(
            "INSERT INTO calendar_feeds (owner_id, token_hash, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (owner_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
            params![owner_id, token_hash, now],
        )?;
        Ok::<_, Error>(())
    })
    .await
}

/// Revokes the person's feed; `false` if there was none.
pub async fn revoke(db: &Db, owner_id: &str) -> Result<bool, Error> {
    let owner_id = owner_id.to_owned();
    let gone = db
        .write(move |c| {
            c.execute(
                "DELETE FROM calendar_feeds WHERE owner_id = $1",
                params![&owner_id],
            )
        })
        .await?;
    Ok(gone > 0)
}

/// When the person's feed was made, if they have one.
pub async fn created_at(db: &Db, owner_id: &str) -> Result<Option<i64>, Error> {
    let owner_id = owner_id.to_owned();
    db.read(move |c| {
        c.query_opt(
            "SELECT created_at FROM calendar_feeds WHERE owner_id = $1",
            params![&owner_id],
            |r| r.get(0),
        )
    })
    .await
}

/// The owner of the feed with this token hash, with their current couple (none after
/// leaving: the feed is then empty), in one trip.
pub async fn owner(db: &Db, token_hash: &str) -> Result<Option<(User, Option<Couple>)>, Error> {
    let token_hash = token_hash.to_owned();
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM calendar_feeds f JOIN users u ON u.id = f.owner_id \
         WHERE f.token_hash = $1"
    );
    db.read(move |c| {
        let Some(user) = c.query_opt(&sql, params![&token_hash], |r| user_from_row(r, 0))? else {
            return Ok(None);
        };
        let couple = current_in(c, &user.id)?;
        Ok(Some((user, couple)))
    })
    .await
}
