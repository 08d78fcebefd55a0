//! The "Before" page: your own words from couples that have ended, to read or
//! download — and the page that says so right after you leave.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;

use super::{Chrome, WebResult, render};
use crate::auth::WebUser;
use crate::features::archive::{self, Archive};
use crate::state::AppState;

#[derive(askama::Template)]
#[template(path = "before.html")]
struct BeforePage {
    chrome: Chrome,
    archive: Archive,
}

async fn load(state: &AppState, user: &WebUser) -> Result<Archive, crate::error::AppError> {
    let current = user.couple.clone();
    Ok(archive::load(
        &state.db,
        &user.user.id,
        &user.user.timezone,
        current.as_ref(),
        user.key.as_ref(),
        state.clock.now_ms(),
    )
    .await?)
}

pub async fn show(State(state): State<AppState>, user: WebUser) -> WebResult {
    let archive = load(&state, &user).await?;
    let page = BeforePage {
        chrome: Chrome::new(&state, Some(&user.user), "before"),
        archive,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The same archive as `GET /api/v1/me/before`, as a file to keep.
pub async fn download(State(state): State<AppState>, user: WebUser) -> WebResult {
    let archive = load(&state, &user).await?;
    let json = serde_json::to_string_pretty(&archive)
        .map_err(|e| crate::error::AppError::Internal(anyhow::Error::new(e)))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"rekindle-before.json\"",
            ),
        ],
        json,
    )
        .into_response())
}

#[derive(askama::Template)]
#[template(path = "left.html")]
struct LeftPage {
    chrome: Chrome,
}

/// Shown right after leaving: what has changed and what you keep. Someone in a couple
/// has not left, so they go home instead.
pub async fn left(State(state): State<AppState>, user: WebUser) -> WebResult {
    if user.couple.is_some() {
        return Ok(axum::response::Redirect::to("/").into_response());
    }
    let page = LeftPage {
        chrome: Chrome::new(&state, Some(&user.user), "home"),
    };
    Ok(render(StatusCode::OK, &page))
}
