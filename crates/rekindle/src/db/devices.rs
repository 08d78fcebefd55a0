//! Device tokens: proof that a browser or client signed in to an account before. They
//! grant nothing by themselves — only a separate throttle bucket at sign-in
//! (`auth/device.rs`). Stored in the database rather than in memory so they survive a
//! restart (the owner would otherwise be back among the waits a partner on the same
//! network causes, right when the process came back). Only the SHA-256 is kept.

use super::{Db, Error};
use crate::params;
use crate::secret::{hash_token, new_token};

/// A device token unused this long stops counting (browsers keep cookies 400 days).
pub const DEVICE_LIFETIME_MS: i64 = 400 * 24 * 60 * 60 * 1000;
/// The newest this many devices of an account are kept; older ones are forgotten.
const MAX_DEVICES_PER_ACCOUNT: i64 = 20;

/// Makes a device token for the account; returns the secret (shown once).
pub async fn create(db: &Db, user_id: &str, now: i64) -> Result<String, Error> {
    let token = new_token();
    let (hash, user_id) = (hash_token(&token), user_id.to_owned());
    db.write(move |c| {
        c.execute(
            "INSERT INTO device_tokens (token_hash, user_id, created_at, last_used_at) \
             VALUES ($1, $2, $3, $3)",
            params![&hash, &user_id, now],
        )?;
        c.execute(
            "DELETE FROM device_tokens WHERE user_id = $1 AND (last_used_at <= $2 OR token_hash NOT IN \
             (SELECT token_hash FROM device_tokens WHERE user_id = $1 \
              ORDER BY last_used_at DESC, created_at DESC LIMIT $3))",
            params![&user_id, now - DEVICE_LIFETIME_MS, MAX_DEVICES_PER_ACCOUNT],
        )?;
        Ok::<_, Error>(())
    })
    .await?;
    Ok(token)
}

/// The account a live device token belongs to.
pub async fn owner(db: &Db, token: &str, now: i64) -> Result<Option<String>, Error> {
    let hash = hash_token(token);
    db.read(move |c| {
        c.query_opt(
            "SELECT user_id FROM device_tokens WHERE token_hash = $1 AND last_used_at > $2",
            params![&hash, now - DEVICE_LIFETIME_MS],
            |r| r.get(0),
        )
    })
    .await
}

/// Notes that the device signed in again, keeping it alive.
pub async fn touch(db: &Db, token: &str, now: i64) -> Result<(), Error> {
    let hash = hash_token(token);
    db.write(move |c| {
        c.execute(
            "UPDATE device_tokens SET last_used_at = $1 WHERE token_hash = $2",
            params![now, &hash],
        )?;
        Ok(())
    })
    .await
}

/// Forgets every device of the account except `keep` (after a password change: a
/// lost phone should not keep its own bucket).
pub async fn forget_others(db: &Db, user_id: &str, keep: Option<&str>) -> Result<(), Error> {
    let (user_id, keep) = (user_id.to_owned(), keep.map(hash_token).unwrap_or_default());
    db.write(move |c| {
        c.execute(
            "DELETE FROM device_tokens WHERE user_id = $1 AND token_hash <> $2",
            params![&user_id, &keep],
        )?;
        Ok(())
    })
    .await
}
