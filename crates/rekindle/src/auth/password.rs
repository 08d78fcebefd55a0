//! Argon2id password hashing. Hashing is deliberately slow and takes about 19 MiB, so
//! it runs on the blocking pool (never stalling the async workers) and — for requests
//! — only a few at once: [`PasswordWork`] holds a semaphore sized to the machine.
//! Without that bound, a burst of sign-ins with made-up addresses ran one hash per
//! request in parallel and took the server from 13 MiB to 8.85 GB (issue 8).
//! Requests that cannot start within a short wait are told to come back
//! ([`PasswordError::Busy`], answered as 503 with `Retry-After`).

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use anyhow::Context as _;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use tokio::sync::Semaphore;

use crate::secret::salt_bytes;

/// How long a request waits for a free slot before it is told to come back.
pub const BUSY_WAIT: Duration = Duration::from_secs(2);

/// Why password work did not give an answer.
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    /// Every slot stayed taken for [`BUSY_WAIT`]; try again shortly.
    #[error("password work is busy")]
    Busy,
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// The bounded password work every request goes through.
pub struct PasswordWork {
    slots: Arc<Semaphore>,
    wait: Duration,
}

impl Default for PasswordWork {
    fn default() -> Self {
        Self::sized_to_machine()
    }
}

impl PasswordWork {
    /// At most `slots` hashes at once; others wait up to `wait`.
    pub fn new(slots: usize, wait: Duration) -> Self {
        Self {
            slots: Arc::new(Semaphore::new(slots.max(1))),
            wait,
        }
    }

    /// Half the cores (at least one): sign-ins stay quick, and the other half keeps
    /// answering ordinary requests during a burst. Peak memory is then about
    /// 19 MiB × slots.
    pub fn sized_to_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        Self::new(cores.div_ceil(2), BUSY_WAIT)
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> anyhow::Result<T> + Send + 'static,
    ) -> Result<T, PasswordError> {
        let permit = tokio::time::timeout(self.wait, self.slots.clone().acquire_owned())
            .await
            .map_err(|_| PasswordError::Busy)?
            .map_err(|_| PasswordError::Busy)?;
        // The slot goes with the work, so a request that is cancelled (the client went
        // away) still holds it until the hash is really done.
        let result = tokio::task::spawn_blocking(move || {
            let result = work();
            drop(permit);
            result
        })
        .await
        .context("password task")?;
        Ok(result?)
    }

    /// [`hash`], within the bound.
    pub async fn hash(&self, password: String) -> Result<String, PasswordError> {
        self.run(move || hash_now(&password)).await
    }

    /// [`verify`], within the bound.
    pub async fn verify(
        &self,
        password: String,
        stored: Option<String>,
    ) -> Result<bool, PasswordError> {
        self.run(move || verify_now(&password, stored.as_deref()))
            .await
    }
}

/// Hashes a password with Argon2id (the crate's defaults follow OWASP: 19 MiB, t=2).
/// Unbounded: for the command line; requests use [`PasswordWork`].
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
/// Unbounded: for the command line; requests use [`PasswordWork`].
pub async fn verify(password: String, stored: Option<String>) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || verify_now(&password, stored.as_deref()))
        .await
        .context("password verification task")?
}

fn verify_now(password: &str, stored: Option<&str>) -> anyhow::Result<bool> {
    let dummy;
    let (stored, real) = match stored {
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
}

fn dummy_hash() -> anyhow::Result<String> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return Ok(h.clone());
    }
    let h = hash_now("not a real password, only for timing")?;
    Ok(DUMMY.get_or_init(|| h).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn only_so_many_hash_at_once_and_the_rest_are_told_to_come_back() {
        let work = std::sync::Arc::new(PasswordWork::new(1, Duration::from_millis(1)));
        let tries: Vec<_> = (0..4)
            .map(|n| {
                let work = work.clone();
                tokio::spawn(async move { work.hash(format!("password number {n}")).await })
            })
            .collect();
        let mut busy = 0;
        let mut done = 0;
        for t in tries {
            match t.await.unwrap() {
                Ok(h) => {
                    assert!(h.starts_with("$argon2id$"));
                    done += 1;
                }
                Err(PasswordError::Busy) => busy += 1,
                Err(PasswordError::Failed(e)) => panic!("{e}"),
            }
        }
        assert!(done >= 1, "one slot works");
        assert!(busy >= 1, "the others did not all run at once");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn waiting_briefly_is_enough_when_the_slot_frees() {
        let work = std::sync::Arc::new(PasswordWork::new(1, Duration::from_secs(30)));
        let a = tokio::spawn({
            let work = work.clone();
            async move { work.hash("first password".into()).await }
        });
        let b = work.hash("second password".into()).await.unwrap();
        let a = a.await.unwrap().unwrap();
        assert!(work.verify("first password".into(), Some(a)).await.unwrap());
        assert!(!work.verify("nope nope".into(), Some(b)).await.unwrap());
        assert!(!work.verify("anything".into(), None).await.unwrap());
    }
}
