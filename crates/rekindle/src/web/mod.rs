//! Page handlers (askama templates), one file per feature. Every form works without
//! JavaScript; htmx only makes some of them smoother. Handlers stay thin: parse, call
//! db/ and core, render.

pub mod accounts;
pub mod affection;
pub mod archive;
pub mod assets;
pub mod chart;
pub mod checkins;
pub mod coach;
pub mod compromise;
pub mod couples;
pub mod dashboard;
pub mod dates;
pub mod errors;
pub mod export;
pub mod fair_split;
pub mod form;
pub mod gestures;
pub mod guides;
pub mod headers;
pub mod health;
pub mod helplines;
pub mod journal;
pub mod keyring;
pub mod listening;
pub mod love_map;
pub mod mutual;
pub mod notes;
pub mod notice;
pub mod notifications;
pub mod offline;
pub mod questions;
pub mod reports;
pub mod safety;
pub mod settings;
pub mod state_of_us;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::db::users::User;
use crate::error::AppError;
use crate::state::AppState;

/// What the layout needs on every page.
pub struct Chrome {
    pub signed_in: bool,
    pub quick_exit_url: String,
    /// Which nav item is current, for `aria-current`.
    pub current: &'static str,
    /// The viewer's today (their zone; UTC when signed out), so pages can name days
    /// the way people do.
    pub today: jiff::civil::Date,
    /// The viewer's unread notifications (from the session lookup, no extra query).
    pub unread: i64,
}

impl Chrome {
    pub fn new(state: &AppState, user: Option<&User>, current: &'static str) -> Self {
        let zone = user.map_or("UTC", |u| u.timezone.as_str());
        Self {
            signed_in: user.is_some(),
            quick_exit_url: state.config.quick_exit_url.clone(),
            current,
            today: rekindle_core::schedule::local_day_in(zone, state.clock.now_ms()),
            unread: user.map_or(0, |u| u.unread_notifications),
        }
    }

    /// An ISO day in people's words: "Today", "Yesterday", "Tuesday 1 December".
    pub fn day(&self, iso: impl std::fmt::Display) -> String {
        let iso = iso.to_string();
        iso.parse()
            .map_or(iso, |d| rekindle_core::words::day(d, self.today))
    }

    /// An ISO day in people's words, always by its name ("Tuesday 1 December").
    pub fn full_day(&self, iso: impl std::fmt::Display) -> String {
        let iso = iso.to_string();
        iso.parse()
            .map_or(iso, |d| rekindle_core::words::full_day(d, self.today))
    }
}

/// Renders a template with a status; a rendering failure becomes a logged 500.
pub fn render(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(err) => WebError(AppError::Internal(
            anyhow::Error::new(err).context("template"),
        ))
        .into_response(),
    }
}

/// An error answered as a calm page (for everything outside `/api`).
#[derive(Debug)]
pub struct WebError(pub AppError);

impl From<AppError> for WebError {
    fn from(err: AppError) -> Self {
        Self(err)
    }
}

impl From<crate::db::Error> for WebError {
    fn from(err: crate::db::Error) -> Self {
        Self(err.into())
    }
}

impl From<anyhow::Error> for WebError {
    fn from(err: anyhow::Error) -> Self {
        Self(AppError::Internal(err))
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let err = self.0;
        err.log();
        let mut response = errors::page(&err);
        err.add_headers(&mut response);
        response
    }
}

/// Results of page handlers.
pub type WebResult = Result<Response, WebError>;

/// A time for a person, in their own time zone ("27 Nov 2026, 16:40").
pub fn local_time(ms: i64, timezone: &str) -> String {
    let Ok(ts) = jiff::Timestamp::from_millisecond(ms) else {
        return String::new();
    };
    let tz = jiff::tz::TimeZone::get(timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    ts.to_zoned(tz).strftime("%-d %b %Y, %H:%M").to_string()
}
