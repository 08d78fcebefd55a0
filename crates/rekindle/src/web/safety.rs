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
    /// Whether the signed-in person has said they feel afraid (`None`: signed out).
    afraid: Option<bool>,
}

pub async fn show(State(state): State<AppState>, user: Option<WebUser>) -> WebResult {
    let afraid = match &user {
        Some(u) => Some(
            crate::features::safety::feels_afraid(
                &state.db,
                &u.user,
                u.couple.as_ref().map(|c| c.id.as_str()),
                state.clock.now_ms(),
            )
            .await?,
        ),
        None => None,
    };
    let page = SafetyPage {
        chrome: Chrome::new(&state, user.as_ref().map(|u| &u.user), "safety"),
        helplines: state.config.helplines.clone(),
        afraid,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(serde::Deserialize, Default)]
pub struct AfraidForm {
    /// `yes` to say so, anything else to take it back.
    #[serde(default)]
    afraid: String,
}

/// Records, privately, that this person feels afraid of their partner (or takes it
/// back). Only they ever see it; while it stands, compromise is not suggested to them.
pub async fn set_afraid(
    State(state): State<AppState>,
    user: WebUser,
    crate::web::form::WebForm(form): crate::web::form::WebForm<AfraidForm>,
) -> WebResult {
    crate::features::safety::set(
        &state.db,
        &user.user,
        user.couple.as_ref().map(|c| c.id.as_str()),
        form.afraid == "yes",
        state.clock.now_ms(),
    )
    .await?;
    Ok(axum::response::Redirect::to("/safety#private").into_response())
}

/// Signs this browser out and drops the cached pages and the offline worker, so that
/// Back after a quick exit finds nothing private: a page restored from the
/// back/forward cache reloads (see app.js) and meets a signed-out session. Anyone may
/// call it; without a session it only clears.
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
    // "storage" also removes the offline service worker and its stored copy of the
    // offline page: after a quick exit nothing on the device says Rekindle was used
    // (the app keeps nothing else in the browser's storage).
    h.insert(
        "clear-site-data",
        HeaderValue::from_static("\"cache\", \"storage\""),
    );
    Ok(response)
}
