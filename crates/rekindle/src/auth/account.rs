//! The account flows both the pages and the API use: sign up, sign in, change a
//! password. One place for each rule, so a page and its API never disagree.

use std::collections::BTreeMap;
use std::net::IpAddr;

use rekindle_core::account::{check_new_password, normalize_display_name, normalize_email};
use rekindle_core::schedule::ZoneName;

use super::password;
use crate::app::AppState;
use crate::config::Registration;
use crate::db::couples::{self, JoinError};
use crate::db::sessions::{self, SessionKind};
use crate::db::users::{self, CreateUserError, NewUser, User};
use crate::error::AppError;

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
}

/// Creates an account and signs it in.
pub async fn sign_up(
    state: &AppState,
    form: &SignUp,
    source: IpAddr,
    kind: SessionKind,
) -> Result<Session, AppError> {
    state
        .throttle
        .check_signup(source)
        .map_err(|secs| AppError::TooManyRequests {
            retry_after_secs: secs,
        })?;
    let invite = form
        .invite_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if state.config.registration == Registration::InviteOnly {
        let live = match invite {
            Some(code) => couples::invite_preview(&state.db, code).await?.is_some(),
            None => false,
        };
        if !live {
            return Err(AppError::Forbidden {
                code: "registration_closed",
                message: "This Rekindle is open to invited people only. Ask your partner for an invite link.".into(),
            });
        }
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
    let hash = password::hash(form.password.clone()).await?;
    let new = NewUser {
        email: &email,
        password_hash: &hash,
        display_name: &name,
        timezone: zone.as_str(),
    };
    let user = match users::create(&state.db, &new).await {
        Ok(user) => user,
        Err(CreateUserError::EmailTaken) => {
            return Err(AppError::Conflict {
                code: "email_taken",
                message: "There is already an account with that e-mail. Try signing in instead."
                    .into(),
            });
        }
        Err(CreateUserError::Db(err)) => return Err(err.into()),
    };
    state.throttle.count_signup(source);
    if let Some(code) = invite {
        // The account exists either way; a failed join is reported by the invite page.
        match couples::join(&state.db, &user.id, code).await {
            Ok(_)
            | Err(JoinError::InvalidInvite | JoinError::CoupleFull | JoinError::AlreadyInCouple) => {
            }
            Err(JoinError::Db(err)) => return Err(err.into()),
        }
    }
    let (session_id, token) = sessions::create(&state.db, &user.id, kind).await?;
    Ok(Session {
        user,
        session_id,
        token,
    })
}

/// Signs in. The answer for a wrong password and for an unknown e-mail is the same,
/// and takes the same time.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password_text: &str,
    source: IpAddr,
    kind: SessionKind,
) -> Result<Session, AppError> {
    // Throttle on the typed address (bounded, so a huge one costs no memory); look up
    // only addresses that could exist.
    let email: String = email.trim().to_lowercase().chars().take(254).collect();
    state
        .throttle
        .check_login(&email, source)
        .map_err(|secs| AppError::TooManyRequests {
            retry_after_secs: secs,
        })?;
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
    let ok = password::verify(password_text.to_owned(), stored).await?;
    let Some(user) = user.filter(|_| ok) else {
        state.throttle.login_failed(&email, source);
        return Err(AppError::InvalidCredentials);
    };
    state.throttle.login_succeeded(&email, source);
    let (session_id, token) = sessions::create(&state.db, &user.id, kind).await?;
    Ok(Session {
        user,
        session_id,
        token,
    })
}

/// Changes a password after checking the current one, and ends every other session.
pub async fn change_password(
    state: &AppState,
    user: &User,
    keep_session: &str,
    current: &str,
    new: &str,
    source: IpAddr,
) -> Result<(), AppError> {
    state
        .throttle
        .check_login(&user.email, source)
        .map_err(|secs| AppError::TooManyRequests {
            retry_after_secs: secs,
        })?;
    let stored = users::password_hash(&state.db, &user.id).await?;
    if !password::verify(current.to_owned(), stored).await? {
        state.throttle.login_failed(&user.email, source);
        return Err(AppError::field(
            "current_password",
            "That isn't your current password.",
        ));
    }
    check_new_password(new, &user.email).map_err(|m| AppError::field("new_password", m))?;
    let hash = password::hash(new.to_owned()).await?;
    users::set_password_hash(&state.db, &user.id, &hash).await?;
    sessions::end_others(&state.db, &user.id, keep_session).await?;
    Ok(())
}
