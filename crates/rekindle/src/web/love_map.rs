//! `/love-map`: love-map rounds on the web — start one, answer or guess, and once
//! both are in, see each guess beside its answer and mark it.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::notice::{self, Notice, Notices};
use super::{Chrome, WebResult, render};
use crate::auth::WebMember;
use crate::error::AppError;
use crate::features::love_map::{self, About, Overview, Round};
use crate::state::AppState;
use crate::web::form::WebForm;
use rekindle_core::love_map::Mark;

#[derive(Template)]
#[template(path = "love_map.html")]
struct OverviewPage {
    chrome: Chrome,
    partner: String,
    overview: Overview,
    /// How many earlier rounds the list shows.
    listed: usize,
}

#[derive(Template)]
#[template(path = "love_map_round.html")]
struct RoundPage {
    chrome: Chrome,
    round: Round,
    marks: [Mark; 3],
    /// What went wrong with the last post, if anything (nothing was saved).
    problem: Option<&'static str>,
}

pub async fn show(State(state): State<AppState>, m: WebMember) -> WebResult {
    let overview = love_map::overview(&state.db, &m.member).await?;
    let page = OverviewPage {
        chrome: Chrome::new(&state, Some(&m.user), "love-map"),
        partner: m.couple.partner_name(&m.user.id),
        overview,
        listed: usize::try_from(love_map::LISTED_ROUNDS).unwrap_or(usize::MAX),
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Deserialize, Default)]
pub struct StartForm {
    #[serde(default)]
    about: String,
}

pub async fn start(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<StartForm>,
) -> WebResult {
    let about = if form.about == "partner" {
        About::Partner
    } else {
        About::Me
    };
    let (round, _) = love_map::start(&state.db, &m.member, about).await?;
    Ok(Redirect::to(&format!("/love-map/rounds/{}", round.id)).into_response())
}

pub async fn round(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    Query(q): Query<Notices>,
) -> WebResult {
    let round = love_map::read(&state.db, &m.member, &id).await?;
    let problem = q.message();
    let page = RoundPage {
        chrome: Chrome::new(&state, Some(&m.user), "love-map"),
        round,
        marks: Mark::ALL,
        problem,
    };
    Ok(render(StatusCode::OK, &page))
}

/// Five fields: the answers or guesses in order.
#[derive(Deserialize, Default)]
pub struct EntriesForm {
    #[serde(default)]
    e0: String,
    #[serde(default)]
    e1: String,
    #[serde(default)]
    e2: String,
    #[serde(default)]
    e3: String,
    #[serde(default)]
    e4: String,
}

pub async fn save_entries(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(f): WebForm<EntriesForm>,
) -> WebResult {
    let bodies = [f.e0, f.e1, f.e2, f.e3, f.e4];
    let result = love_map::save_mine(&state.db, &m.member, &id, &bodies).await;
    after_post(result, &id, Notice::EntriesMissing)
}

/// Five radio groups: the marks in order.
#[derive(Deserialize, Default)]
pub struct MarksForm {
    #[serde(default)]
    m0: String,
    #[serde(default)]
    m1: String,
    #[serde(default)]
    m2: String,
    #[serde(default)]
    m3: String,
    #[serde(default)]
    m4: String,
}

pub async fn mark(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(f): WebForm<MarksForm>,
) -> WebResult {
    let marks = [f.m0, f.m1, f.m2, f.m3, f.m4];
    let result = love_map::mark(&state.db, &m.member, &id, &marks).await;
    after_post(result, &id, Notice::MarksMissing)
}

/// Back to the round: as saved, or with what to fix (nothing saved).
fn after_post(result: Result<Round, AppError>, id: &str, what: Notice) -> WebResult {
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/love-map/rounds/{id}")).into_response()),
        Err(AppError::Invalid(_)) => Ok(Redirect::to(&notice::to(
            &format!("/love-map/rounds/{id}"),
            &[what],
        ))
        .into_response()),
        Err(other) => Err(other.into()),
    }
}
