//! The account flows both the pages and the API use: sign up, sign in, change a
//! password. One place for each rule, so a page and its API never disagree. Every try
//! is counted by the throttle before the password work starts, and that work is
//! bounded (`PasswordWork`), so a burst cannot exhaust the server.

use std::collections::BTreeMap;
use std::net::IpAddr;

use rekindle_core::account::{check_new_password, normalize_display_name, normalize_email};
use rekindle_core::schedule::ZoneName;

use super::throttle::Key;
use super::{device, invite, keyring};
use crate::config::Registration;
use crate::db::couples::JoinError;
use crate::db::devices;
use crate::db::sessions::{self, SessionKind};
use crate::db::users::{self, CreateUserError, NewUser, User};
use crate::error::AppError;
use crate::state::AppState;
use crate::vault::DataKey;
use crate::vault::recovery::RecoveryCode;

/// What a person fills in to sign up.
#[derive(Debug, Default, Clone)]
pub struct SignUp {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub timezone: String,
    /// A couple invite: joins that couple right away (and is required when the
    /// operator restricted sign-ups to invite links).
    pub invite_code: Option<String>,
}

/// A new session: the person and the secret token to hand to the client.
pub struct Session {
    pub user: User,
    pub session_id: String,
    pub token: String,
    /// The device token to hand back (new, or the one presented when it is live).
    pub device_token: String,
    /// A new account's recovery code, to show once (never stored).
    pub recovery_code: Option<RecoveryCode>,
}

fn wait(secs: u64) -> AppError {
    AppError::TooManyRequests {
        retry_after_secs: secs,
    }
}

/// Creates an account and signs it in.
pub async fn sign_up(
    state: &AppState,
    form: &SignUp,
    source: IpAddr,
    kind: SessionKind,
) -> Result<Session, AppError> {
    // Counted before anything else; taken back below when nothing was tried (the form
    // needs another look, or the server was busy).
    let attempt = state
        .throttle
        .begin(vec![Key::sign_up(source)])
        .map_err(wait)?;
    let invite = form
        .invite_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let live = match invite {
        Some(code) => match invite::preview(state, code, source).await {
            Ok(found) => found.is_some(),
            Err(invite::JoinRefusal::Wait(secs)) => return Err(wait(secs)),
            Err(invite::JoinRefusal::Join(JoinError::Db(err))) => return Err(err.into()),
            Err(invite::JoinRefusal::Join(_)) => false,
        },
        None => false,
    };
    if state.config.registration == Registration::InviteOnly && !live {
        return Err(AppError::Forbidden {
            code: "registration_closed",
            message:
                "This Rekindle is open to invited people only. Ask your partner for an invite link."
                    .into(),
        });
    }
    let mut errors = BTreeMap::new();
    let email = normalize_email(&form.email)
        .map_err(|m| errors.insert("email".to_owned(), m.to_owned()))
        .ok();
    let name = normalize_display_name(&form.display_name)
        .map_err(|m| errors.insert("display_name".to_owned(), m.to_owned()))
        .ok();
    let zone = ZoneName::parse(&form.timezone);
    if zone.is_none() {
        errors.insert(
            "timezone".to_owned(),
            "Please pick your time zone from the list, such as Europe/London.".to_owned(),
        );
    }
    if let Err(m) = check_new_password(&form.password, email.as_deref().unwrap_or_default()) {
        errors.insert("password".to_owned(), m.to_owned());
    }
    let (Some(email), Some(name), Some(zone), true) = (email, name, zone, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let taken = || AppError::Conflict {
        code: "email_taken",
        message: "There is already an account with that e-mail. Try signing in instead.".into(),
    };
    // A taken e-mail counts against the source's sign-ups (probing for accounts is
    // throttled too), and costs no password work.
    if users::find_for_login(&state.db, &email).await?.is_some() {
        attempt.failed();
        return Err(taken());
    }
    let hash = state.passwords.hash(form.password.clone()).await?;
    let new = NewUser {
        email: &email,
        password_hash: &hash,
        display_name: &name,
        timezone: zone.as_str(),
    };
    let user = match users::create(&state.db, &new, state.clock.now_ms()).await {
        Ok(user) => user,
        Err(CreateUserError::EmailTaken) => {
            attempt.failed();
            return Err(taken());
        }
        Err(CreateUserError::Db(err)) => return Err(err.into()),
    };
    // A new account always counts against the source's sign-ups.
    attempt.failed();
    if let Some(code) = invite.filter(|_| live) {
        // The account exists either way; a failed join is reported by the invite page.
        match invite::join(state, &user.id, code, source).await {
            Ok(_) | Err(invite::JoinRefusal::Wait(_)) => {}
            Err(invite::JoinRefusal::Join(JoinError::Db(err))) => return Err(err.into()),
            Err(invite::JoinRefusal::Join(_)) => {}
        }
    }
    let (key, code) = keyring::for_new_account(state, &user.id, &form.password).await?;
    let (session_id, token) = sessions::create(
        &state.db,
        &user.id,
        kind,
        Some(&key),
        source,
        state.clock.now_ms(),
    )
    .await?;
    let device_token = devices::create(&state.db, &user.id, state.clock.now_ms()).await?;
    Ok(Session {
        user,
        session_id,
        token,
        device_token,
        recovery_code: Some(code),
    })
}

/// Signs in. The answer for a wrong password and for an unknown e-mail is the same,
/// and takes the same time. A live device token for the account (`device`) moves the
/// try into that device's own throttle bucket (`auth/device.rs`).
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password_text: &str,
    source: IpAddr,
    kind: SessionKind,
    device: Option<&str>,
) -> Result<Session, AppError> {
    // Throttle on the typed address (bounded, so a huge one costs no memory); look up
    // only addresses that could exist.
    let email: String = email.trim().to_lowercase().chars().take(254).collect();
    let found = match normalize_email(&email) {
        Ok(valid) if password_text.len() <= 4096 => {
            users::find_for_login(&state.db, &valid).await?
        }
        _ => None,
    };
    let (user, stored) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let trusted = match &user {
        Some(user) => device::trusted_bucket(state, device, &user.id).await?,
        None => None,
    };
    let keys = match &trusted {
        Some(bucket) => vec![Key::Device(bucket.clone())],
        None => Key::sign_in(&email, source),
    };
    let attempt = state.throttle.begin(keys).map_err(wait)?;
    let ok = state
        .passwords
        .verify(password_text.to_owned(), stored)
        .await?;
    let Some(user) = user.filter(|_| ok) else {
        attempt.failed();
        return Err(AppError::InvalidCredentials);
    };
    attempt.succeeded();
    let key = keyring::at_sign_in(state, &user.id, password_text).await?;
    let (session_id, token) = sessions::create(
        &state.db,
        &user.id,
        kind,
        key.as_ref(),
        source,
        state.clock.now_ms(),
    )
    .await?;
    let device_token = match (trusted, device) {
        (Some(_), Some(presented)) => {
            devices::touch(&state.db, presented, state.clock.now_ms()).await?;
            presented.to_owned()
        }
        _ => devices::create(&state.db, &user.id, state.clock.now_ms()).await?,
    };
    Ok(Session {
        user,
        session_id,
        token,
        device_token,
        recovery_code: None,
    })
}

/// Checks the signed-in person's own password before something that needs it (a new
/// password, a recovery code, deleting the account), counted by the sign-in throttle.
/// A wrong one is a problem with the form's `field`.
pub async fn check_password(
    state: &AppState,
    user: &User,
    password: &str,
    field: &str,
    source: IpAddr,
) -> Result<(), AppError> {
    let attempt = state
        .throttle
        .begin(Key::sign_in(&user.email, source))
        .map_err(wait)?;
    let stored = users::password_hash(&state.db, &user.id).await?;
    if !state.passwords.verify(password.to_owned(), stored).await? {
        attempt.failed();
        return Err(AppError::field(field, "That isn't your current password."));
    }
    attempt.succeeded();
    Ok(())
}

/// Changes a password after checking the current one, ends every other session and
/// forgets every device (a lost phone should not keep its own throttle bucket). The
/// data key is wrapped by the new password in the same transaction.
pub async fn change_password(
    state: &AppState,
    user: &User,
    key: Option<&DataKey>,
    keep_session: &str,
    current: &str,
    new: &str,
    source: IpAddr,
) -> Result<(), AppError> {
    check_password(state, user, current, "current_password", source).await?;
    check_new_password(new, &user.email).map_err(|m| AppError::field("new_password", m))?;
    let hash = state.passwords.hash(new.to_owned()).await?;
    let wrap = match key {
        Some(key) => Some(keyring::wrap_by_password(state, &user.id, new, key).await?),
        None => None,
    };
    crate::db::keys::set_password(&state.db, &user.id, &hash, wrap, state.clock.now_ms()).await?;
    sessions::end_others(&state.db, &user.id, keep_session).await?;
    devices::forget_others(&state.db, &user.id, None).await?;
    Ok(())
}

/// A person's live sessions, most recently used first (for Settings and the API).
pub async fn sessions_of(
    state: &AppState,
    user_id: &str,
) -> Result<Vec<sessions::SessionInfo>, crate::db::Error> {
    sessions::list_for_user(&state.db, user_id, state.clock.now_ms()).await
}

/// Ends one of the person's own sessions; `false` when it is not theirs (answered 404).
pub async fn end_session(
    state: &AppState,
    user_id: &str,
    session_id: &str,
) -> Result<bool, crate::db::Error> {
    sessions::end(&state.db, user_id, session_id).await
}

/// Ends whichever web session `token` belongs to, if any (signing in again always
/// starts a new session: no session fixation).
pub async fn end_web_session_of(state: &AppState, token: &str) -> Result<(), crate::db::Error> {
    sessions::end_by_token(&state.db, token, SessionKind::Web).await
}

/// Names a new session by the browser and system it signed in from.
pub async fn name_session(
    state: &AppState,
    session_id: &str,
    headers: &axum::http::HeaderMap,
) -> Result<(), crate::db::Error> {
    sessions::name_from_user_agent(&state.db, session_id, headers).await
}

/// Changes a person's name and/or time zone, checking both (every field's problem at
/// once) before anything is saved; the updated person comes back.
pub async fn update_profile(
    state: &AppState,
    user: &User,
    display_name: Option<&str>,
    timezone: Option<&str>,
) -> Result<User, AppError> {
    let mut updated = user.clone();
    let mut errors = BTreeMap::new();
    if let Some(name) = display_name {
        match normalize_display_name(name) {
            Ok(name) => updated.display_name = name,
            Err(m) => {
                errors.insert("display_name".to_owned(), m.to_owned());
            }
        }
    }
    if let Some(zone) = timezone {
        match ZoneName::parse(zone) {
            Some(zone) => updated.timezone = zone.as_str().to_owned(),
            None => {
                errors.insert(
                    "timezone".to_owned(),
                    "That time zone isn't one we know: pick one from the list (an IANA \
                     name such as Europe/London)."
                        .to_owned(),
                );
            }
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    users::update_profile(
        &state.db,
        &updated.id,
        &updated.display_name,
        &updated.timezone,
    )
    .await?;
    if updated.timezone != user.timezone {
        // Reminders follow the person's local time: plan them again in the new zone.
        crate::db::reminders::replan_now(&state.db, &updated.id, state.clock.now_ms()).await?;
        state.wake_outbox();
    }
    Ok(updated)
}

/// The operator's reset (`rekindle user reset-password`): a fresh random password to
/// hand over in person, every session ended and every device forgotten. The data key
/// is locked — the old password's wrap cannot open it for the new one, and the
/// operator never gets to read the private writing — until its owner gives the
/// recovery code.
pub async fn reset_by_operator(db: &crate::db::Db, user_id: &str) -> anyhow::Result<String> {
    let password = crate::secret::new_token()[..24].to_owned();
    let hash = super::password::hash(password.clone()).await?;
    let now = crate::clock::Clock::system().now_ms();
    crate::db::keys::set_password(db, user_id, &hash, None, now).await?;
    crate::db::keys::lock(db, user_id, now).await?;
    sessions::end_all(db, user_id).await?;
    devices::forget_others(db, user_id, None).await?;
    Ok(password)
}

/// Deletes the signed-in person's account after checking their password: everything
/// they wrote and all their sessions go at once (`users::delete`).
pub async fn delete_account(
    state: &AppState,
    user: &User,
    password: &str,
    source: IpAddr,
) -> Result<(), AppError> {
    check_password(state, user, password, "password", source).await?;
    users::delete(&state.db, &user.id, state.clock.now_ms()).await?;
    Ok(())
}
