//! Calendar files on the web: one date as a download (`/dates/{id}/calendar.ics`), the
//! private subscription feed (`/calendar/{token}.ics`, no sign-in: the token is the
//! key), and making, replacing or revoking that feed from Settings.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::{WebMember, WebUser};
use crate::error::AppError;
use crate::features::dates::calendar;
use crate::state::AppState;
use crate::web::notice::{self, Notice};
use crate::web::{Chrome, WebResult, render};

fn ics(body: String, disposition: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

pub async fn one(State(state): State<AppState>, m: WebMember, Path(id): Path<String>) -> WebResult {
    let body = calendar::one(&state.db, &m.member, &id).await?;
    Ok(ics(body, "attachment; filename=\"date.ics\""))
}

/// `GET /calendar/{token}.ics`; anything else under `/calendar/` is not found.
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> WebResult {
    let token = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    let body = calendar::for_feed(&state.db, token, state.clock.now_ms()).await?;
    Ok(ics(body, "inline; filename=\"dates.ics\""))
}

#[derive(Template)]
#[template(path = "dates_feed.html")]
struct FeedPage {
    chrome: Chrome,
    url: String,
}

/// The address people reach this server at, from the request (a proxy's forwarded
/// host and scheme only when the operator trusts proxy headers).
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let header_text = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_graphic()))
    };
    let forwarded = |name: &str| {
        state
            .config
            .trust_proxy_headers
            .then(|| header_text(name))
            .flatten()
    };
    let host = forwarded("x-forwarded-host")
        .or_else(|| header_text(header::HOST.as_str()))
        .unwrap_or("localhost");
    let scheme = forwarded("x-forwarded-proto")
        .filter(|p| *p == "https" || *p == "http")
        .unwrap_or(if state.config.cookie_secure {
            "https"
        } else {
            "http"
        });
    format!("{scheme}://{host}")
}

/// Makes a new feed (any earlier one stops working) and shows its address once.
pub async fn new_feed(
    State(state): State<AppState>,
    user: WebUser,
    headers: HeaderMap,
) -> WebResult {
    let token = calendar::new_feed(&state.db, &user.user.id, state.clock.now_ms()).await?;
    let page = FeedPage {
        chrome: Chrome::new(&state, Some(&user.user), "settings"),
        url: format!(
            "{}{}",
            base_url(&state, &headers),
            calendar::feed_path(&token)
        ),
    };
    Ok(render(StatusCode::OK, &page))
}

pub async fn revoke_feed(State(state): State<AppState>, user: WebUser) -> WebResult {
    calendar::revoke_feed(&state.db, &user.user.id).await?;
    Ok(Redirect::to(&notice::to("/settings", &[Notice::FeedRevoked])).into_response())
}
