//! A person's data key through the life of their account (PRIVACY.md, promise 3): made
//! at sign-up with a recovery code shown once; opened by the password at sign-in and
//! handed to the new session; wrapped again when the password changes; a new recovery
//! code on request; after an operator's reset, locked until the recovery code is
//! given; and, when the code is lost too, starting afresh without the old writing.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::db::keys::{self, StoredKeys};
use crate::db::sessions;
use crate::error::AppError;
use crate::secret::salt_bytes;
use crate::state::AppState;
use crate::vault::recovery::RecoveryCode;
use crate::vault::{DataKey, Kek, Purpose};

/// The refusal every feature gives while a person's private writing is locked.
pub fn locked() -> AppError {
    AppError::Conflict {
        code: "private_writing_locked",
        message: "Your private writing is locked since your password was reset. Enter your \
                  recovery code in Settings to open it again."
            .into(),
    }
}

/// The key, or the locked refusal.
pub fn require(key: Option<&DataKey>) -> Result<&DataKey, AppError> {
    key.ok_or_else(locked)
}

fn new_salt() -> (Vec<u8>, String) {
    let salt = salt_bytes().to_vec();
    let text = URL_SAFE_NO_PAD.encode(&salt);
    (salt, text)
}

fn salt_of(text: &str) -> Result<Vec<u8>, AppError> {
    URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| AppError::Internal(anyhow::anyhow!("a stored key salt is not base64")))
}

async fn password_kek(state: &AppState, password: &str, salt: Vec<u8>) -> Result<Kek, AppError> {
    let bytes = state
        .passwords
        .derive_key(password.to_owned(), salt)
        .await?;
    Ok(Kek::from_password_hash(bytes))
}

/// The password's wrap of `key`: (salt, wrapped).
pub(crate) async fn wrap_by_password(
    state: &AppState,
    user_id: &str,
    password: &str,
    key: &DataKey,
) -> Result<(String, String), AppError> {
    let (salt, salt_text) = new_salt();
    let kek = password_kek(state, password, salt).await?;
    Ok((salt_text, kek.wrap(key, user_id, Purpose::Password)))
}

/// The recovery code's wrap of `key`: (salt, wrapped).
fn wrap_by_recovery(user_id: &str, code: &RecoveryCode, key: &DataKey) -> (String, String) {
    let (salt, salt_text) = new_salt();
    let wrapped = Kek::of_recovery(code, &salt).wrap(key, user_id, Purpose::Recovery);
    (salt_text, wrapped)
}

/// Everything stored for a fresh key under a password and a new recovery code.
async fn fresh(
    state: &AppState,
    user_id: &str,
    password: &str,
) -> Result<(DataKey, RecoveryCode, StoredKeys), AppError> {
    let key = DataKey::generate();
    let code = RecoveryCode::generate();
    let (password_salt, by_password) = wrap_by_password(state, user_id, password, &key).await?;
    let (recovery_salt, by_recovery) = wrap_by_recovery(user_id, &code, &key);
    let stored = StoredKeys {
        password_salt,
        by_password: Some(by_password),
        recovery_salt: Some(recovery_salt),
        by_recovery: Some(by_recovery),
    };
    Ok((key, code, stored))
}

/// A new account's key and recovery code (to show once).
pub async fn for_new_account(
    state: &AppState,
    user_id: &str,
    password: &str,
) -> Result<(DataKey, RecoveryCode), AppError> {
    let (key, code, stored) = fresh(state, user_id, password).await?;
    keys::create(&state.db, user_id, &stored, state.clock.now_ms()).await?;
    Ok((key, code))
}

/// The key for a new session, opened with the password just checked; `None` while
/// locked. An account from before encryption at rest gets its key now, and what it
/// wrote privately is sealed in the same transaction (it has no recovery code until
/// it makes one in Settings).
pub async fn at_sign_in(
    state: &AppState,
    user_id: &str,
    password: &str,
) -> Result<Option<DataKey>, AppError> {
    let stored = match keys::get(&state.db, user_id).await? {
        Some(stored) => stored,
        None => {
            let key = DataKey::generate();
            let (password_salt, by_password) =
                wrap_by_password(state, user_id, password, &key).await?;
            let stored = StoredKeys {
                password_salt,
                by_password: Some(by_password),
                recovery_salt: None,
                by_recovery: None,
            };
            if keys::adopt(&state.db, user_id, &stored, &key, state.clock.now_ms()).await? {
                return Ok(Some(key));
            }
            // Another sign-in made the key first: open theirs.
            keys::get(&state.db, user_id)
                .await?
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("a new key vanished")))?
        }
    };
    let Some(wrapped) = stored.by_password else {
        return Ok(None);
    };
    let kek = password_kek(state, password, salt_of(&stored.password_salt)?).await?;
    Ok(kek
        .unwrap(&wrapped, user_id, Purpose::Password)
        .inspect_err(|e| tracing::warn!(error = %e, "a password's key wrap does not open"))
        .ok())
}

/// A new recovery code (to show once); the old one stops working.
pub async fn new_recovery_code(
    state: &AppState,
    user_id: &str,
    key: &DataKey,
) -> Result<RecoveryCode, AppError> {
    let code = RecoveryCode::generate();
    let (salt, wrapped) = wrap_by_recovery(user_id, &code, key);
    keys::set_recovery_wrap(&state.db, user_id, &salt, &wrapped, state.clock.now_ms()).await?;
    Ok(code)
}

fn wrong_code() -> AppError {
    AppError::field(
        "recovery_code",
        "That recovery code doesn't open your private writing. Check it against the one \
         you saved (letters and digits; dashes and spaces don't matter).",
    )
}

/// Opens a locked key with the recovery code: wrapped again by the password the
/// person signed in with (checked by the caller) and for this session.
pub async fn unlock(
    state: &AppState,
    user_id: &str,
    session: (&str, &str),
    typed_code: &str,
    password: &str,
) -> Result<DataKey, AppError> {
    let code = RecoveryCode::parse(typed_code).ok_or_else(wrong_code)?;
    let stored = keys::get(&state.db, user_id).await?.unwrap_or_default();
    let (Some(salt), Some(wrapped)) = (stored.recovery_salt, stored.by_recovery) else {
        return Err(wrong_code());
    };
    let key = Kek::of_recovery(&code, &salt_of(&salt)?)
        .unwrap(&wrapped, user_id, Purpose::Recovery)
        .map_err(|_| wrong_code())?;
    let (salt, wrapped) = wrap_by_password(state, user_id, password, &key).await?;
    keys::set_password_wrap(&state.db, user_id, &salt, &wrapped, state.clock.now_ms()).await?;
    let (session_id, token) = session;
    sessions::wrap_key(&state.db, user_id, session_id, token, &key).await?;
    Ok(key)
}

/// Gives up the old private writing for good (its recovery code is lost): deletes
/// every sealed piece, makes a new key for this password and session, and a new
/// recovery code to show once.
pub async fn start_afresh(
    state: &AppState,
    user_id: &str,
    current: Option<&DataKey>,
    session: (&str, &str),
    password: &str,
) -> Result<RecoveryCode, AppError> {
    if current.is_some() {
        return Err(AppError::Conflict {
            code: "not_locked",
            message: "Your private writing is open, so there is nothing to start afresh from."
                .into(),
        });
    }
    let (key, code, stored) = fresh(state, user_id, password).await?;
    keys::start_afresh(&state.db, user_id, &stored, state.clock.now_ms()).await?;
    let (session_id, token) = session;
    sessions::wrap_key(&state.db, user_id, session_id, token, &key).await?;
    Ok(code)
}

/// Where a person's key stands, for Settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyState {
    /// Locked after an operator's reset.
    pub locked: bool,
    /// A recovery code exists (accounts from before have none until they make one).
    pub has_recovery_code: bool,
}

/// Where the person's key stands.
pub async fn state_of(
    state: &AppState,
    user_id: &str,
    key: Option<&DataKey>,
) -> Result<KeyState, AppError> {
    let stored = keys::get(&state.db, user_id).await?.unwrap_or_default();
    Ok(KeyState {
        locked: key.is_none(),
        has_recovery_code: stored.by_recovery.is_some(),
    })
}
