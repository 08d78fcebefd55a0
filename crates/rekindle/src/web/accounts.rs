//! Sign up, sign in and sign out pages. Forms keep what was typed (never the
//! password) and show a kind message beside each field that needs another look.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::{Chrome, WebResult, render};
use crate::auth::accounts::{self, SignUp};
use crate::auth::current::{clear_session_cookie, cookie_token, session_cookie};
use crate::auth::{ClientIp, WebUser, device};
use crate::config::Registration;
use crate::db::sessions::SessionKind;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::WebForm;

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    chrome: Chrome,
    email: String,
    display_name: String,
    timezone: String,
    invite: String,
    invite_only: bool,
    zones: Vec<String>,
    errors: BTreeMap<String, String>,
    general: Option<String>,
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    chrome: Chrome,
    email: String,
    invite: String,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct InviteQuery {
    #[serde(default)]
    invite: String,
}

#[derive(Deserialize, Default)]
pub struct RegisterForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    timezone: String,
    #[serde(default)]
    invite: String,
}

#[derive(Deserialize, Default)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    invite: String,
}

fn register_page(state: &AppState, form: &RegisterForm) -> RegisterPage {
    RegisterPage {
        chrome: Chrome::new(state, None, "register"),
        email: form.email.clone(),
        display_name: form.display_name.clone(),
        timezone: if form.timezone.is_empty() {
            "UTC".to_owned()
        } else {
            form.timezone.clone()
        },
        invite: form.invite.clone(),
        invite_only: state.config.registration == Registration::InviteOnly,
        zones: rekindle_core::schedule::zone_names(),
        errors: BTreeMap::new(),
        general: None,
    }
}

/// Where to go after signing in: the invite being accepted, or home.
fn after_sign_in(invite: &str) -> String {
    let invite = invite.trim();
    if !invite.is_empty() && crate::secret::looks_like_token(invite) {
        format!("/join/{invite}")
    } else {
        "/".to_owned()
    }
}

/// A 303 that also sets the new session cookie and the device cookie.
fn signed_in_redirect(state: &AppState, session: &accounts::Session, to: &str) -> Response {
    with_session_cookies(state, session, Redirect::to(to).into_response())
}

/// Sets the new session cookie and the device cookie on a response.
fn with_session_cookies(
    state: &AppState,
    session: &accounts::Session,
    mut response: Response,
) -> Response {
    let secure = state.config.cookie_secure;
    let h = response.headers_mut();
    h.append(
        header::SET_COOKIE,
        session_cookie(&session.token, secure, state.config.session_days),
    );
    h.append(
        header::SET_COOKIE,
        device::cookie(&session.device_token, secure),
    );
    response
}

/// Ends the session this browser came with, if any, so a sign-in always starts a new
/// one (no session fixation).
async fn end_presented_session(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(), crate::db::Error> {
    match cookie_token(headers).filter(|t| crate::secret::looks_like_token(t)) {
        Some(token) => crate::auth::accounts::end_web_session_of(state, token).await,
        None => Ok(()),
    }
}

pub async fn register_form(
    State(state): State<AppState>,
    Query(q): Query<InviteQuery>,
) -> WebResult {
    let form = RegisterForm {
        invite: q.invite,
        ..RegisterForm::default()
    };
    Ok(render(StatusCode::OK, &register_page(&state, &form)))
}

pub async fn register(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    WebForm(form): WebForm<RegisterForm>,
) -> WebResult {
    let sign_up = SignUp {
        email: form.email.clone(),
        password: form.password.clone(),
        display_name: form.display_name.clone(),
        timezone: form.timezone.clone(),
        invite_code: Some(form.invite.clone()),
    };
    match accounts::sign_up(&state, &sign_up, ip, SessionKind::Web).await {
        Ok(session) => {
            end_presented_session(&state, &headers).await?;
            crate::auth::accounts::name_session(&state, &session.session_id, &headers).await?;
            // After joining by invite, a short welcome says what to try first; the join
            // page is only shown when the invite could not be used, to say why.
            let joined = crate::features::couples::current(&state, &session.user.id)
                .await?
                .is_some();
            let to = if joined {
                "/welcome".to_owned()
            } else {
                after_sign_in(&form.invite)
            };
            // The recovery code is shown on this one page, never stored; then on.
            let page = super::keyring::RecoveryCodePage::new(
                Chrome::new(&state, Some(&session.user), "register"),
                session
                    .recovery_code
                    .as_ref()
                    .map(crate::vault::recovery::RecoveryCode::grouped),
                to,
                true,
            );
            Ok(with_session_cookies(
                &state,
                &session,
                render(StatusCode::OK, &page),
            ))
        }
        Err(err) => {
            let mut page = register_page(&state, &form);
            let status = err.status();
            match err {
                AppError::Invalid(fields) => page.errors = fields,
                AppError::Conflict { message, .. } => {
                    page.errors.insert("email".to_owned(), message);
                }
                AppError::Forbidden { message, .. } => page.general = Some(message),
                other => return Err(other.into()),
            }
            Ok(render(status, &page))
        }
    }
}

pub async fn login_form(
    State(state): State<AppState>,
    user: Option<WebUser>,
    Query(q): Query<InviteQuery>,
) -> WebResult {
    if user.is_some() {
        return Ok(Redirect::to(&after_sign_in(&q.invite)).into_response());
    }
    let page = LoginPage {
        chrome: Chrome::new(&state, None, "login"),
        email: String::new(),
        invite: q.invite,
        error: None,
    };
    Ok(render(StatusCode::OK, &page))
}

pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    WebForm(form): WebForm<LoginForm>,
) -> WebResult {
    let presented = device::from_cookie(&headers);
    let signed_in = accounts::sign_in(
        &state,
        &form.email,
        &form.password,
        ip,
        SessionKind::Web,
        presented,
    )
    .await;
    match signed_in {
        Ok(session) => {
            end_presented_session(&state, &headers).await?;
            crate::auth::accounts::name_session(&state, &session.session_id, &headers).await?;
            Ok(signed_in_redirect(
                &state,
                &session,
                &after_sign_in(&form.invite),
            ))
        }
        Err(
            err @ (AppError::InvalidCredentials
            | AppError::TooManyRequests { .. }
            | AppError::Busy { .. }),
        ) => {
            let page = LoginPage {
                chrome: Chrome::new(&state, None, "login"),
                email: form.email,
                invite: form.invite,
                error: Some(err.message()),
            };
            let mut response = render(err.status(), &page);
            err.add_headers(&mut response);
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn logout(State(state): State<AppState>, user: WebUser) -> WebResult {
    crate::auth::accounts::end_session(&state, &user.user.id, &user.session_id).await?;
    let mut response = Redirect::to("/").into_response();
    let h = response.headers_mut();
    h.insert(
        header::SET_COOKIE,
        clear_session_cookie(state.config.cookie_secure),
    );
    h.insert(
        "clear-site-data",
        axum::http::HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""),
    );
    Ok(response)
}
