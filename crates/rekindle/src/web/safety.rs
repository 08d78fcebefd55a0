//! `/safety`: what to do when a relationship does not feel safe (always reachable,
//! signed in or not, with the operator's helplines) — and `POST /quick-exit`, which
//! the quick-exit button calls on its way out.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::IntoResponse;

use super::helplines::Helpline;
use super::{Chrome, WebResult, render};
use crate::auth::WebUser;
use crate::auth::current::clear_session_cookie;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "safety.html")]
struct SafetyPage {
    chrome: Chrome,
    helplines: Vec<Helpline>,
}

pub async fn show(State(state): State<AppState>, user: Option<WebUser>) -> WebResult {
    let page = SafetyPage {
        chrome: Chrome::new(&state, user.as_ref().map(|u| &u.user), "safety"),
        helplines: state.config.helplines.clone(),
    };
    Ok(render(StatusCode::OK, &page))
}

/// Signs this browser out and drops the cached pages, so that Back after a quick exit
/// finds nothing private: a page restored from the back/forward cache reloads (see
/// app.js) and meets a signed-out session. Anyone may call it; without a session it
/// only clears.
pub async fn quick_exit(State(state): State<AppState>, user: Option<WebUser>) -> WebResult {
    if let Some(user) = user {
        crate::auth::accounts::end_session(&state, &user.user.id, &user.session_id).await?;
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    let h = response.headers_mut();
    h.insert(
        header::SET_COOKIE,
        clear_session_cookie(state.config.cookie_secure),
    );
    h.insert("clear-site-data", HeaderValue::from_static("\"cache\""));
    Ok(response)
}
