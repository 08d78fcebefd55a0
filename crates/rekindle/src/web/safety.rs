//! `/safety`: what to do when a relationship does not feel safe. Always reachable,
//! signed in or not.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;

use super::{Chrome, WebResult, render};
use crate::app::AppState;
use crate::auth::WebUser;

#[derive(Template)]
#[template(path = "safety.html")]
struct SafetyPage {
    chrome: Chrome,
}

pub async fn show(State(state): State<AppState>, user: Option<WebUser>) -> WebResult {
    let page = SafetyPage {
        chrome: Chrome::new(&state, user.as_ref(), "safety"),
    };
    Ok(render(StatusCode::OK, &page))
}
