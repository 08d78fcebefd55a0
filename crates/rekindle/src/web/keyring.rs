//! The key to your private writing, on the web: the recovery code shown once (after
//! sign-up and when you make a new one), opening a locked key with it, and starting
//! afresh without the old writing. The forms live in Settings (`#private-writing`).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::form::WebForm;
use super::notice::{self, Notice};
use super::{Chrome, WebResult, render};
use crate::auth::current::cookie_token;
use crate::auth::{ClientIp, WebUser, accounts, keyring};
use crate::error::AppError;
use crate::state::AppState;

/// The page that shows a recovery code, once.
#[derive(Template)]
#[template(path = "recovery_code.html")]
pub struct RecoveryCodePage {
    chrome: Chrome,
    code: Option<String>,
    next: String,
    /// Just signed up (the words differ a little).
    welcome: bool,
}

impl RecoveryCodePage {
    pub fn new(chrome: Chrome, code: Option<String>, next: String, welcome: bool) -> Self {
        Self {
            chrome,
            code,
            next,
            welcome,
        }
    }
}

#[derive(Deserialize, Default)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
}

#[derive(Deserialize, Default)]
pub struct UnlockForm {
    #[serde(default)]
    recovery_code: String,
    #[serde(default)]
    password: String,
}

#[derive(Deserialize, Default)]
pub struct AfreshForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// Settings again, with a form's problems shown.
async fn settings_with(state: &AppState, u: &WebUser, err: AppError) -> WebResult {
    match err {
        AppError::Invalid(errors) => {
            let page = super::settings::page_with_errors(state, u, errors).await?;
            Ok(page)
        }
        other => Err(other.into()),
    }
}

fn shown_once(
    state: &AppState,
    u: &WebUser,
    code: &crate::vault::recovery::RecoveryCode,
) -> WebResult {
    let page = RecoveryCodePage::new(
        Chrome::new(state, Some(&u.user), "settings"),
        Some(code.grouped()),
        "/settings#private-writing".to_owned(),
        false,
    );
    Ok(render(StatusCode::OK, &page))
}

pub async fn new_recovery_code(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    u: WebUser,
    WebForm(form): WebForm<PasswordForm>,
) -> WebResult {
    let key = keyring::require(u.key.as_ref())?;
    if let Err(err) =
        accounts::check_password(&state, &u.user, &form.password, "key_password", ip).await
    {
        return settings_with(&state, &u, err).await;
    }
    let code = keyring::new_recovery_code(&state, &u.user.id, key).await?;
    shown_once(&state, &u, &code)
}

pub async fn unlock(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: axum::http::HeaderMap,
    u: WebUser,
    WebForm(form): WebForm<UnlockForm>,
) -> WebResult {
    let token = cookie_token(&headers).unwrap_or_default().to_owned();
    let result = async {
        accounts::check_password(&state, &u.user, &form.password, "unlock_password", ip).await?;
        keyring::unlock(
            &state,
            &u.user.id,
            (&u.session_id, &token),
            &form.recovery_code,
            &form.password,
        )
        .await
    }
    .await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!(
            "{}#private-writing",
            notice::to("/settings", &[Notice::PrivateWritingOpen])
        ))
        .into_response()),
        Err(err) => settings_with(&state, &u, err).await,
    }
}

pub async fn start_afresh(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: axum::http::HeaderMap,
    u: WebUser,
    WebForm(form): WebForm<AfreshForm>,
) -> WebResult {
    if form.confirm != "yes" {
        let err = AppError::field(
            "afresh_confirm",
            "Tick the box to confirm: your old journal and private notes will be deleted for good.",
        );
        return settings_with(&state, &u, err).await;
    }
    let token = cookie_token(&headers).unwrap_or_default().to_owned();
    let result = async {
        accounts::check_password(&state, &u.user, &form.password, "afresh_password", ip).await?;
        keyring::start_afresh(
            &state,
            &u.user.id,
            u.key.as_ref(),
            (&u.session_id, &token),
            &form.password,
        )
        .await
    }
    .await;
    match result {
        Ok(code) => shown_once(&state, &u, &code),
        Err(err) => settings_with(&state, &u, err).await,
    }
}
