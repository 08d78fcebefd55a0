//! `/dates…`: dates, traditions and new adventures on the web — suggestions with the
//! wishes form, what's coming up, dates to rate, matches and a few ideas to vote on
//! ([`show`]); the idea library ([`ideas`]); planning and the date's own page
//! ([`plans`]); traditions ([`traditions`]); calendar downloads and feeds
//! ([`calendar`]).

pub mod calendar;
pub mod ideas;
pub mod plans;
pub mod traditions;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use rekindle_core::content::date_ideas::Cost;
use rekindle_core::dates::Vote;
use serde::Deserialize;

use super::{Chrome, WebResult, render};
use crate::auth::WebMember;
use crate::features::dates::{self, Overview, Wishes};
use crate::state::AppState;

/// The choices of the "how long have you got" select: (minutes, words).
pub const TIME_CHOICES: [(&str, &str); 5] = [
    ("60", "About an hour"),
    ("120", "A couple of hours"),
    ("240", "An afternoon or evening"),
    ("480", "Most of a day"),
    ("1440", "A whole day or more"),
];

#[derive(Template)]
#[template(path = "dates.html")]
struct OverviewPage {
    chrome: Chrome,
    partner: String,
    overview: Overview,
    wishes: Wishes,
    costs: [Cost; 4],
    times: [(&'static str, &'static str); 5],
    votes: [Vote; 3],
    /// Where a vote returns to (`web::dates::ideas::vote`), and the tag filter kept.
    vote_back: &'static str,
    tag_filter: String,
    /// The idea is the page's subject (its title is the page's heading).
    idea_page: bool,
}

#[derive(Deserialize, Default)]
pub struct WishesQuery {
    #[serde(default)]
    budget: String,
    #[serde(default)]
    minutes: String,
    #[serde(default)]
    setting: String,
}

pub async fn show(
    State(state): State<AppState>,
    m: WebMember,
    Query(q): Query<WishesQuery>,
) -> WebResult {
    let wishes = Wishes {
        budget: q.budget,
        minutes: q.minutes,
        setting: q.setting,
    };
    let overview = dates::overview(&state.db, &m.member, &wishes).await?;
    let page = OverviewPage {
        chrome: Chrome::new(&state, Some(&m.user), "dates"),
        partner: m.couple.partner_name(&m.user.id),
        overview,
        wishes,
        costs: Cost::ALL,
        times: TIME_CHOICES,
        votes: Vote::ALL,
        vote_back: "dates",
        tag_filter: String::new(),
        idea_page: false,
    };
    Ok(render(StatusCode::OK, &page))
}
