//! Argon2id password hashing. Hashing is deliberately slow and takes about 19 MiB, so
//! requests hash on a few threads of their own ([`PasswordWork`]: as many as half the
//! cores), never stalling the async workers. Without that bound, a burst of sign-ins
//! with made-up addresses ran one hash per request in parallel and took the server
//! from 13 MiB to 8.85 GB (issue 8). The threads are *fixed*, not the blocking pool.
//! Requests that cannot start within a short wait are told to come back
//! ([`PasswordError::Busy`], answered as 503 with `Retry-After`).
//!
//! Each hash's 19 MiB goes back to the system when it ends ([`argon2_into`]): left to
//! the allocator's defaults, freed 19 MiB blocks stayed resident (glibc's sliding mmap
//! threshold), so one hash at a time climbed to 177 MB after eight sign-ins (issue 8),
//! and a block kept per thread instead held 19 MiB for good after the first sign-in.

use std::sync::{Arc, Mutex, OnceLock, mpsc};
use std::time::Duration;

use anyhow::Context as _;
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{Semaphore, oneshot};
use zeroize::Zeroizing;

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

type Job = Box<dyn FnOnce() + Send>;

/// The bounded password work every request goes through.
pub struct PasswordWork {
    /// One slot per worker thread, so a job never queues behind another.
    slots: Arc<Semaphore>,
    wait: Duration,
    /// Dropping the sender ends the worker threads.
    jobs: Mutex<mpsc::Sender<Job>>,
}

impl Default for PasswordWork {
    fn default() -> Self {
        Self::sized_to_machine()
    }
}

impl PasswordWork {
    /// At most `slots` hashes at once, each on its own thread; others wait up to
    /// `wait`.
    pub fn new(slots: usize, wait: Duration) -> Self {
        let slots = slots.max(1);
        let (sender, receiver) = mpsc::channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..slots {
            let receiver = receiver.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("password-{n}"))
                .spawn(move || {
                    loop {
                        // The lock is held only while taking the next job.
                        let job = match receiver.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                });
            if let Err(err) = spawned {
                tracing::error!(error = %err, "cannot start a password thread");
            }
        }
        Self {
            slots: Arc::new(Semaphore::new(slots)),
            wait,
            jobs: Mutex::new(sender),
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
        let (done, answer) = oneshot::channel();
        let job: Job = Box::new(move || {
            let result = work();
            drop(permit);
            let _ = done.send(result);
        });
        self.jobs
            .lock()
            .map_err(|_| anyhow::anyhow!("password work poisoned"))?
            .send(job)
            .map_err(|_| anyhow::anyhow!("password threads have stopped"))?;
        let result = answer.await.context("password thread")?;
        Ok(result?)
    }

    /// [`hash`], within the bound.
    pub async fn hash(&self, password: String) -> Result<String, PasswordError> {
        self.run(move || hash_now(&password)).await
    }

    /// The key that wraps a person's data key, derived from their password with
    /// Argon2id (the same parameters as the password hash, another salt), within the
    /// bound.
    pub async fn derive_key(
        &self,
        password: String,
        salt: Vec<u8>,
    ) -> Result<Zeroizing<[u8; 32]>, PasswordError> {
        self.run(move || derive_key_now(&password, &salt)).await
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

/// [`PasswordWork::derive_key`], unbounded: for the command line and tests.
pub async fn derive_key(password: String, salt: Vec<u8>) -> anyhow::Result<Zeroizing<[u8; 32]>> {
    tokio::task::spawn_blocking(move || derive_key_now(&password, &salt))
        .await
        .context("key derivation task")?
}

/// Argon2's working memory is reserved with at least this many 1 KiB blocks, more
/// than the 32 MiB that glibc's sliding mmap threshold can rise to (mallopt(3),
/// `DEFAULT_MMAP_THRESHOLD_MAX` on 64-bit), so the reservation is always its own
/// mapping and is unmapped when freed. Only the blocks the hash uses are touched, so
/// only they are ever resident.
const UNMAPPED_ON_FREE_BLOCKS: usize = 33 * 1024;

/// Runs Argon2 with `params` into `out`, in working memory that is returned to the
/// system afterwards (see [`UNMAPPED_ON_FREE_BLOCKS`]).
fn argon2_into(
    argon2: &Argon2<'_>,
    params: &Params,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> anyhow::Result<()> {
    let needed = params.block_count();
    let mut memory: Vec<Block> = Vec::with_capacity(needed.max(UNMAPPED_ON_FREE_BLOCKS));
    memory.resize(needed, Block::default());
    argon2
        .hash_password_into_with_memory(password, salt, out, &mut memory[..])
        .map_err(|e| anyhow::anyhow!("argon2: {e}"))
}

fn derive_key_now(password: &str, salt: &[u8]) -> anyhow::Result<Zeroizing<[u8; 32]>> {
    let params = Params::default();
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut out = Zeroizing::new([0u8; 32]);
    argon2_into(&argon2, &params, password.as_bytes(), salt, &mut out[..])?;
    Ok(out)
}

/// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`), as the crate's own
/// `hash_password` writes it.
fn hash_now(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::encode_b64(&salt_bytes()).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let params = Params::default();
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut salt_buf = [0u8; 64];
    let salt_raw = salt
        .decode_b64(&mut salt_buf)
        .map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    argon2_into(&argon2, &params, password.as_bytes(), salt_raw, &mut out)?;
    let hashed = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| anyhow::anyhow!("params: {e}"))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| anyhow::anyhow!("output: {e}"))?),
    };
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
    let bad = |e: &dyn std::fmt::Display| anyhow::anyhow!("stored hash: {e}");
    let algorithm = Algorithm::try_from(parsed.algorithm).map_err(|e| bad(&e))?;
    let version = match parsed.version {
        Some(v) => Version::try_from(v).map_err(|e| bad(&e))?,
        None => Version::default(),
    };
    let params = Params::try_from(&parsed).map_err(|e| bad(&e))?;
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return Err(anyhow::anyhow!("stored hash: no salt or hash"));
    };
    let mut salt_buf = [0u8; 64];
    let salt_raw = salt.decode_b64(&mut salt_buf).map_err(|e| bad(&e))?;
    let mut out = vec![0u8; expected.len()];
    let argon2 = Argon2::new(algorithm, version, params.clone());
    argon2_into(&argon2, &params, password.as_bytes(), salt_raw, &mut out)?;
    // `Output` compares in constant time.
    let ok = Output::new(&out).map_err(|e| bad(&e))? == expected;
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

    #[test]
    fn our_hashes_and_the_crates_agree_both_ways() {
        use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
        let ours = hash_now("a long and happy passphrase").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"a long and happy passphrase", &parsed)
                .is_ok()
        );
        assert!(
            ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{ours}"
        );
        let salt = SaltString::encode_b64(&salt_bytes()).unwrap();
        let theirs = Argon2::default()
            .hash_password(b"another phrase entirely", &salt)
            .unwrap()
            .to_string();
        assert!(verify_now("another phrase entirely", Some(&theirs)).unwrap());
        assert!(!verify_now("another phrase entirely!", Some(&theirs)).unwrap());
        // Other parameters (an older or stronger hash) still verify.
        let params = Params::new(8192, 1, 1, None).unwrap();
        let older = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(b"older", &salt)
            .unwrap()
            .to_string();
        assert!(verify_now("older", Some(&older)).unwrap());
    }
}
