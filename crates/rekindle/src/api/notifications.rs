//! `/api/v1/notifications` (your notification centre: words only, never content) and
//! `/api/v1/me/reminders` (the daily check-in reminder, quiet hours, kindness nudges,
//! e-mail).

use axum::extract::State;
use axum::http::StatusCode;
use rekindle_core::timing::{QuietHours, hhmm};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::instant;
use super::json::ApiJson;
use crate::auth::ApiUser;
use crate::db::reminders::Settings;
use crate::error::{ApiResult, AppError, ErrorBody};
use crate::features::notifications::{self, time_of_day};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct NotificationBody {
    pub id: String,
    /// `note`, `checkin`, `date` or `kindness`.
    pub kind: String,
    pub title: String,
    pub line: String,
    /// Where it leads in the web app.
    pub link: String,
    pub created_at: String,
    pub read: bool,
}

#[derive(Serialize, ToSchema)]
pub struct NotificationList {
    /// Newest first, the latest 50.
    pub notifications: Vec<NotificationBody>,
}

#[utoipa::path(get, path = "/api/v1/notifications", tag = "touch", security(("bearer" = [])),
    responses((status = 200, body = NotificationList), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    u: ApiUser,
) -> ApiResult<axum::Json<NotificationList>> {
    let list = notifications::latest(&state.db, &u.user.id).await?;
    Ok(axum::Json(NotificationList {
        notifications: list
            .into_iter()
            .map(|n| {
                let w = notifications::words(&n.kind, n.subject_id.as_deref());
                NotificationBody {
                    id: n.id,
                    kind: n.kind,
                    title: w.title.to_owned(),
                    line: w.line.to_owned(),
                    link: w.link,
                    created_at: instant(n.created_at),
                    read: n.read,
                }
            })
            .collect(),
    }))
}

#[utoipa::path(post, path = "/api/v1/notifications/read", tag = "touch", security(("bearer" = [])),
    responses((status = 204, description = "All marked read"), (status = 401, body = ErrorBody)))]
pub async fn mark_read(State(state): State<AppState>, u: ApiUser) -> ApiResult<StatusCode> {
    notifications::mark_read(&state.db, &u.user.id, state.clock.now_ms()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct QuietHoursBody {
    /// Local `HH:MM`.
    pub from: String,
    /// Local `HH:MM`; earlier than `from` runs over midnight.
    pub to: String,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct RemindersBody {
    /// The daily check-in reminder, local `HH:MM` in your time zone; `null`: none.
    pub checkin_at: Option<String>,
    /// Nothing reaches you between these times; `null`: no quiet hours.
    pub quiet_hours: Option<QuietHoursBody>,
    /// "Do something kind today" nudges a week, at random times (0–7; 0: none).
    pub kindness_per_week: i64,
    /// Also send each notification by e-mail (never its content).
    pub email: bool,
    /// Whether this server can send e-mail at all (read only).
    #[serde(default)]
    pub email_available: bool,
}

fn body_of(s: &Settings, email_available: bool) -> RemindersBody {
    RemindersBody {
        checkin_at: s.checkin_at.map(hhmm),
        quiet_hours: s.quiet.map(|q| QuietHoursBody {
            from: hhmm(q.start),
            to: hhmm(q.end),
        }),
        kindness_per_week: s.kindness_per_week,
        email: s.email,
        email_available,
    }
}

#[utoipa::path(get, path = "/api/v1/me/reminders", tag = "touch", security(("bearer" = [])),
    responses((status = 200, body = RemindersBody), (status = 401, body = ErrorBody)))]
pub async fn reminders(
    State(state): State<AppState>,
    u: ApiUser,
) -> ApiResult<axum::Json<RemindersBody>> {
    let s = notifications::settings(&state.db, &u.user.id).await?;
    Ok(axum::Json(body_of(&s, state.config.smtp.is_some())))
}

#[utoipa::path(put, path = "/api/v1/me/reminders", tag = "touch", security(("bearer" = [])),
    request_body = RemindersBody,
    responses((status = 200, body = RemindersBody, description = "Saved; reminders are planned again at once"),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn set_reminders(
    State(state): State<AppState>,
    u: ApiUser,
    ApiJson(body): ApiJson<RemindersBody>,
) -> ApiResult<axum::Json<RemindersBody>> {
    let checkin_at = match body.checkin_at.as_deref() {
        Some(t) => Some(time_of_day("checkin_at", t)?),
        None => None,
    };
    let quiet = match &body.quiet_hours {
        Some(q) => Some(QuietHours {
            start: time_of_day("quiet_hours", &q.from)?,
            end: time_of_day("quiet_hours", &q.to)?,
        }),
        None => None,
    };
    if !(0..=7).contains(&body.kindness_per_week) {
        return Err(AppError::field("kindness_per_week", "Choose from 0 to 7 a week.").into());
    }
    let s = Settings {
        checkin_at,
        quiet,
        kindness_per_week: body.kindness_per_week,
        email: body.email,
    };
    notifications::save_settings(&state.db, &u.user.id, s.clone(), state.clock.now_ms()).await?;
    state.wake_outbox();
    Ok(axum::Json(body_of(&s, state.config.smtp.is_some())))
}
