//! `/notifications` (the notification centre: words only, newest first) and the
//! reminder choices in Settings (`POST /settings/reminders`).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use rekindle_core::timing::QuietHours;
use serde::Deserialize;

use super::form::WebForm;
use super::{Chrome, WebResult, render};
use crate::auth::WebUser;
use crate::db::reminders::Settings;
use crate::features::notifications::{self, Words, time_of_day};
use crate::state::AppState;

/// One notification on the page.
pub struct Shown {
    pub words: Words,
    pub when: String,
    pub read: bool,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct CentrePage {
    chrome: Chrome,
    shown: Vec<Shown>,
    unread: i64,
}

pub async fn show(State(state): State<AppState>, u: WebUser) -> WebResult {
    let list = notifications::latest(&state.db, &u.user.id).await?;
    let today = rekindle_core::schedule::local_day_in(&u.user.timezone, state.clock.now_ms());
    let shown = list
        .into_iter()
        .map(|n| Shown {
            words: notifications::words(&n.kind, n.subject_id.as_deref()),
            when: crate::features::dates::when_words(n.created_at, &u.user.timezone, today),
            read: n.read,
        })
        .collect();
    let page = CentrePage {
        chrome: Chrome::new(&state, Some(&u.user), "notifications"),
        shown,
        unread: u.user.unread_notifications,
    };
    Ok(render(StatusCode::OK, &page))
}

pub async fn mark_read(State(state): State<AppState>, u: WebUser) -> WebResult {
    notifications::mark_read(&state.db, &u.user.id, state.clock.now_ms()).await?;
    Ok(Redirect::to("/notifications").into_response())
}

#[derive(Deserialize, Default)]
pub struct RemindersForm {
    /// `on` for a daily check-in reminder.
    #[serde(default)]
    checkin: String,
    #[serde(default)]
    checkin_at: String,
    /// `on` for quiet hours.
    #[serde(default)]
    quiet: String,
    #[serde(default)]
    quiet_from: String,
    #[serde(default)]
    quiet_to: String,
    #[serde(default)]
    kindness_per_week: String,
    /// `on` to also send e-mail.
    #[serde(default)]
    email: String,
}

/// Saves the reminder choices from Settings; a time that cannot be read is a calm 422
/// page that keeps the rest of Settings as it was.
pub async fn save(
    State(state): State<AppState>,
    u: WebUser,
    WebForm(form): WebForm<RemindersForm>,
) -> WebResult {
    let checkin_at = if form.checkin == "on" {
        Some(time_of_day("checkin_at", &form.checkin_at)?)
    } else {
        None
    };
    let quiet = if form.quiet == "on" {
        Some(QuietHours {
            start: time_of_day("quiet_hours", &form.quiet_from)?,
            end: time_of_day("quiet_hours", &form.quiet_to)?,
        })
    } else {
        None
    };
    let kindness_per_week = form
        .kindness_per_week
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=7).contains(n))
        .ok_or_else(|| {
            crate::error::AppError::field("kindness_per_week", "Choose from 0 to 7 a week.")
        })?;
    let s = Settings {
        checkin_at,
        quiet,
        kindness_per_week,
        email: form.email == "on" && state.config.smtp.is_some(),
    };
    notifications::save_settings(&state.db, &u.user.id, s, state.clock.now_ms()).await?;
    state.wake_outbox();
    Ok(Redirect::to("/settings?notice=reminders_saved#reminders").into_response())
}
