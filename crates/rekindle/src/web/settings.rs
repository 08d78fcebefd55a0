//! Settings: name and time zone, password, sessions, and leaving the couple.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::notice::{self, Notice, Notices};
use super::{Chrome, WebResult, local_time, render};
use crate::auth::accounts;
use crate::auth::{ClientIp, WebMember, WebUser};
use crate::db::sessions::SessionKind;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::WebError;
use crate::web::form::WebForm;

/// One row of the sessions list.
struct SessionRow {
    id: String,
    what: String,
    started: String,
    last_used: String,
    /// Where from, as this server saw it ("from 192.0.2.4, last from 198.51.100.7").
    from: String,
    is_this: bool,
}

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage {
    chrome: Chrome,
    display_name: String,
    timezone: String,
    email: String,
    zones: Vec<String>,
    sessions: Vec<SessionRow>,
    partner: Option<String>,
    in_couple: bool,
    /// When the person's calendar feed was made (their time), if it is on.
    calendar_feed: Option<String>,
    /// Reminder choices, as the form shows them.
    reminders: RemindersShown,
    /// Where the key to the person's private writing stands.
    private: crate::auth::keyring::KeyState,
    notice: Option<&'static str>,
    errors: BTreeMap<String, String>,
}

/// The reminder choices as the form shows them.
struct RemindersShown {
    checkin_at: Option<String>,
    quiet: Option<(String, String)>,
    kindness_per_week: i64,
    email: bool,
    /// Whether this server can send e-mail.
    email_available: bool,
}

#[derive(Deserialize, Default)]
pub struct ProfileForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    timezone: String,
}

#[derive(Deserialize, Default)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

#[derive(Deserialize, Default)]
pub struct LeaveForm {
    #[serde(default)]
    confirm: String,
}

async fn settings_page(state: &AppState, user: &WebUser) -> Result<SettingsPage, AppError> {
    let tz = &user.user.timezone;
    let sessions = crate::auth::accounts::sessions_of(state, &user.user.id)
        .await?
        .into_iter()
        .map(|s| SessionRow {
            is_this: s.id == user.session_id,
            what: match (s.device, s.kind) {
                (Some(device), SessionKind::Web) => device,
                (Some(device), SessionKind::Api) => format!("{device} (API token)"),
                (None, SessionKind::Web) => "A browser".to_owned(),
                (None, SessionKind::Api) => "An app or script (API token)".to_owned(),
            },
            started: local_time(s.created_at_ms, tz),
            last_used: local_time(s.last_seen_at_ms, tz),
            from: match (s.created_from, s.last_seen_from) {
                (Some(a), Some(b)) if a != b => format!("from {a}, last from {b}"),
                (Some(a), _) | (None, Some(a)) => format!("from {a}"),
                (None, None) => String::new(),
            },
            id: s.id,
        })
        .collect();
    let couple = user.couple.clone();
    Ok(SettingsPage {
        chrome: Chrome::new(state, Some(&user.user), "settings"),
        display_name: user.user.display_name.clone(),
        timezone: user.user.timezone.clone(),
        email: user.user.email.clone(),
        zones: rekindle_core::schedule::zone_names(),
        sessions,
        partner: couple
            .as_ref()
            .and_then(|c| c.partner_of(&user.user.id))
            .map(|m| m.display_name.clone()),
        in_couple: couple.is_some(),
        calendar_feed: crate::features::dates::calendar::feed_since(&state.db, &user.user.id)
            .await?
            .map(|ms| local_time(ms, tz)),
        reminders: {
            let r = crate::features::notifications::settings(&state.db, &user.user.id).await?;
            RemindersShown {
                checkin_at: r.checkin_at.map(rekindle_core::timing::hhmm),
                quiet: r.quiet.map(|q| {
                    (
                        rekindle_core::timing::hhmm(q.start),
                        rekindle_core::timing::hhmm(q.end),
                    )
                }),
                kindness_per_week: r.kindness_per_week,
                email: r.email,
                email_available: state.config.smtp.is_some(),
            }
        },
        private: crate::auth::keyring::state_of(state, &user.user.id, user.key.as_ref()).await?,
        notice: None,
        errors: BTreeMap::new(),
    })
}

/// Settings with a form's problems shown (422), for the forms other files handle.
pub(super) async fn page_with_errors(
    state: &AppState,
    user: &WebUser,
    errors: BTreeMap<String, String>,
) -> WebResult {
    let mut page = settings_page(state, user).await?;
    page.errors = errors;
    Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

pub async fn show(
    State(state): State<AppState>,
    user: WebUser,
    Query(q): Query<Notices>,
) -> WebResult {
    let mut page = settings_page(&state, &user).await?;
    page.notice = q.message();
    Ok(render(StatusCode::OK, &page))
}

pub async fn update_profile(
    State(state): State<AppState>,
    user: WebUser,
    WebForm(form): WebForm<ProfileForm>,
) -> WebResult {
    let errors = match crate::auth::accounts::update_profile(
        &state,
        &user.user,
        Some(&form.display_name),
        Some(&form.timezone),
    )
    .await
    {
        Ok(_) => {
            return Ok(
                Redirect::to(&notice::to("/settings", &[Notice::ProfileSaved])).into_response(),
            );
        }
        Err(AppError::Invalid(errors)) => errors,
        Err(err) => return Err(err.into()),
    };
    let mut page = settings_page(&state, &user).await?;
    page.display_name = form.display_name;
    page.timezone = form.timezone;
    page.errors = errors;
    Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

pub async fn change_password(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    user: WebUser,
    WebForm(form): WebForm<PasswordForm>,
) -> WebResult {
    let result = accounts::change_password(
        &state,
        &user.user,
        user.key.as_ref(),
        &user.session_id,
        &form.current_password,
        &form.new_password,
        ip,
    )
    .await;
    match result {
        Ok(()) => {
            Ok(Redirect::to(&notice::to("/settings", &[Notice::PasswordChanged])).into_response())
        }
        Err(AppError::Invalid(fields)) => {
            let mut page = settings_page(&state, &user).await?;
            page.errors = fields;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(err) => Err(err.into()),
    }
}

pub async fn end_session(
    State(state): State<AppState>,
    user: WebUser,
    Path(id): Path<String>,
) -> WebResult {
    if !crate::auth::accounts::end_session(&state, &user.user.id, &id).await? {
        return Err(WebError(AppError::NotFound));
    }
    let to = if id == user.session_id {
        "/login".to_owned()
    } else {
        notice::to("/settings", &[Notice::SessionEnded])
    };
    Ok(Redirect::to(&to).into_response())
}

pub async fn leave_couple(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<LeaveForm>,
) -> WebResult {
    if form.confirm != "yes" {
        let mut page = settings_page(&state, &m.web_user()).await?;
        page.errors.insert(
            "confirm".to_owned(),
            "Please tick the box to confirm. Nothing has changed yet.".to_owned(),
        );
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    crate::features::couples::leave(&state, &m.user.id).await?;
    Ok(Redirect::to("/left").into_response())
}

#[derive(Deserialize, Default)]
pub struct DeleteForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

#[derive(Template)]
#[template(path = "deleted.html")]
struct DeletedPage {
    chrome: Chrome,
}

/// Deletes the account (password and a ticked box), signs this browser out and says
/// what happened.
pub async fn delete_account(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    user: WebUser,
    WebForm(form): WebForm<DeleteForm>,
) -> WebResult {
    let result = if form.confirm == "yes" {
        accounts::delete_account(&state, &user.user, &form.password, ip).await
    } else {
        Err(AppError::field(
            "delete_confirm",
            "Tick the box to confirm. Nothing has been deleted.",
        ))
    };
    match result {
        Ok(()) => {
            let page = DeletedPage {
                chrome: Chrome::new(&state, None, "deleted"),
            };
            let mut response = render(StatusCode::OK, &page);
            let h = response.headers_mut();
            h.insert(
                axum::http::header::SET_COOKIE,
                crate::auth::current::clear_session_cookie(state.config.cookie_secure),
            );
            h.insert(
                "clear-site-data",
                axum::http::HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""),
            );
            Ok(response)
        }
        Err(AppError::Invalid(mut fields)) => {
            if let Some(m) = fields.remove("password") {
                fields.insert("delete_password".to_owned(), m);
            }
            page_with_errors(&state, &user, fields).await
        }
        Err(err) => Err(err.into()),
    }
}
