//! Argon2id password hashing. Hashing is deliberately slow, so it runs on the blocking
//! pool and never stalls the async workers.

use std::sync::OnceLock;

use anyhow::Context as _;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};

use crate::secret::salt_bytes;

/// Hashes a password with Argon2id (the crate's defaults follow OWASP: 19 MiB, t=2).
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .context("password hashing task")?
}

fn hash_now(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::encode_b64(&salt_bytes()).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let hashed = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))?;
    Ok(hashed.to_string())
}

/// Checks a password against a stored hash. With no stored hash (no such account) it
/// still spends the same effort on a dummy hash, so timing tells nothing.
pub async fn verify(password: String, stored: Option<String>) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        let dummy;
        let (stored, real) = match stored.as_deref() {
            Some(s) => (s, true),
            None => {
                dummy = dummy_hash()?;
                (dummy.as_str(), false)
            }
        };
        let parsed = PasswordHash::new(stored).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?;
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(ok && real)
    })
    .await
    .context("password verification task")?
}

fn dummy_hash() -> anyhow::Result<String> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return Ok(h.clone());
    }
    let h = hash_now("not a real password, only for timing")?;
    Ok(DUMMY.get_or_init(|| h).clone())
}
