//! `GET /offline`: the one page the service worker keeps on the device, shown when a
//! page cannot be reached. It is the same for everyone — no session is read, no nav
//! that would say who is signed in — so the stored copy holds nothing of anyone's.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;

use super::{Chrome, WebResult, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "offline.html")]
struct OfflinePage {
    chrome: Chrome,
}

pub async fn show(State(state): State<AppState>) -> WebResult {
    let page = OfflinePage {
        chrome: Chrome::new(&state, None, "offline"),
    };
    Ok(render(StatusCode::OK, &page))
}
