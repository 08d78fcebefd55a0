//! `/`: the welcome page for visitors, the couple's home for signed-in people.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;

use super::{Chrome, WebResult, render};
use crate::app::AppState;
use crate::auth::WebUser;
use crate::db::couples::{self, Couple};

#[derive(Template)]
#[template(path = "welcome.html")]
struct WelcomePage {
    chrome: Chrome,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    chrome: Chrome,
    me: String,
    me_initial: String,
    couple: Option<Couple>,
    partner: Option<String>,
    partner_initial: String,
    left_by_partner: bool,
}

pub async fn show(State(state): State<AppState>, user: Option<WebUser>) -> WebResult {
    let Some(user) = user else {
        let page = WelcomePage {
            chrome: Chrome::new(&state, None, "home"),
        };
        return Ok(render(StatusCode::OK, &page));
    };
    let couple = couples::current_for(&state.db, &user.user.id).await?;
    let partner = couple
        .as_ref()
        .and_then(|c| c.partner_of(&user.user.id))
        .map(|m| m.display_name.clone());
    let left_by_partner =
        couple.is_none() && couples::was_left_by_partner(&state.db, &user.user.id).await?;
    let page = HomePage {
        chrome: Chrome::new(&state, Some(&user), "home"),
        me: user.user.display_name.clone(),
        me_initial: initial(&user.user.display_name),
        couple,
        partner_initial: partner.as_deref().map(initial).unwrap_or_default(),
        partner,
        left_by_partner,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The first letter of a name, for the little round avatars.
fn initial(name: &str) -> String {
    name.chars()
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default()
}
