//! Device tokens: proof that a browser or client signed in to an account before. They
//! grant nothing by themselves — only a separate throttle bucket at sign-in
//! (`auth/device.rs`). Stored in the database rather than in memory so they survive a
//! restart (the owner would otherwise be back among the waits a partner on the same
//! network causes, right when the process came back). Only the SHA-256 is kept.

use super::Db;
use crate::secret::{hash_token, new_token};

/// A device token unused this long stops counting (browsers keep cookies 400 days).
pub const DEVICE_LIFETIME_MS: i64 = 400 * 24 * 60 * 60 * 1000;
/// The newest this many devices of an account are kept; older ones are forgotten.
const MAX_DEVICES_PER_ACCOUNT: i64 = 20;

/// Makes a device token for the account; returns the secret (shown once).
pub async fn create(db: &Db, user_id: &str, now: i64) -> Result<String, sqlx::Error> {
    let token = new_token();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO device_tokens (token_hash, user_id, created_at, last_used_at) \
         VALUES ($1, $2, $3, $3)",
    )
    .bind(hash_token(&token))
    .bind(user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "DELETE FROM device_tokens WHERE user_id = $1 AND (last_used_at <= $2 OR token_hash NOT IN \
         (SELECT token_hash FROM device_tokens WHERE user_id = $1 \
          ORDER BY last_used_at DESC, created_at DESC LIMIT $3))",
    )
    .bind(user_id)
    .bind(now - DEVICE_LIFETIME_MS)
    .bind(MAX_DEVICES_PER_ACCOUNT)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The account a live device token belongs to.
pub async fn owner(db: &Db, token: &str, now: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT user_id FROM device_tokens WHERE token_hash = $1 AND last_used_at > $2",
    )
    .bind(hash_token(token))
    .bind(now - DEVICE_LIFETIME_MS)
    .fetch_optional(db.pool())
    .await
}

/// Notes that the device signed in again, keeping it alive.
pub async fn touch(db: &Db, token: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE device_tokens SET last_used_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(hash_token(token))
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Forgets every device of the account except `keep` (after a password change: a
/// lost phone should not keep its own bucket).
pub async fn forget_others(db: &Db, user_id: &str, keep: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM device_tokens WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep.map(hash_token).unwrap_or_default())
        .execute(db.pool())
        .await?;
    Ok(())
}
