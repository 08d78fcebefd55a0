//! The guides pages: `/guides` (search and topics), `/guides/{slug}` (one guide) and
//! `/guides/tags/{tag}` (a topic). Open to everyone, signed in or not: someone
//! wondering whether to try Rekindle, or whether they need more than an app, can read.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use rekindle_core::content::guides::{self as texts, Guide};
use serde::Deserialize;

use super::{Chrome, WebError, WebResult, render};
use crate::auth::WebUser;
use crate::error::AppError;
use crate::features::guides::{self, Hit};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "guides.html")]
struct GuidesPage {
    chrome: Chrome,
    query: String,
    /// The topic page's tag, as written.
    tag: Option<&'static str>,
    hits: Vec<Hit>,
    problem: Option<String>,
    topics: Vec<(&'static str, usize)>,
}

#[derive(Template)]
#[template(path = "guide.html")]
struct GuidePage {
    chrome: Chrome,
    guide: &'static Guide,
    html: &'static str,
    exercise_name: &'static str,
    related: Vec<&'static Guide>,
}

#[derive(Deserialize, Default)]
pub struct SearchForm {
    #[serde(default)]
    q: String,
}

pub async fn index(
    State(state): State<AppState>,
    user: Option<WebUser>,
    Query(form): Query<SearchForm>,
) -> WebResult {
    let (hits, problem, status) = match guides::find(&form.q, None) {
        Ok(hits) => (hits, None, StatusCode::OK),
        Err(AppError::Invalid(fields)) => (
            Vec::new(),
            fields.into_values().next(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Err(other) => return Err(other.into()),
    };
    let page = GuidesPage {
        chrome: Chrome::new(&state, user.as_ref().map(|u| &u.user), "guides"),
        query: form.q,
        tag: None,
        hits,
        problem,
        topics: texts::tags(),
    };
    Ok(render(status, &page))
}

pub async fn tag(
    State(state): State<AppState>,
    user: Option<WebUser>,
    Path(tag): Path<String>,
) -> WebResult {
    let (name, _) = texts::tagged(&tag).ok_or(WebError(AppError::NotFound))?;
    let page = GuidesPage {
        chrome: Chrome::new(&state, user.as_ref().map(|u| &u.user), "guides"),
        query: String::new(),
        tag: Some(name),
        hits: guides::library().search("", Some(&tag)),
        problem: None,
        topics: texts::tags(),
    };
    Ok(render(StatusCode::OK, &page))
}

pub async fn one(
    State(state): State<AppState>,
    user: Option<WebUser>,
    Path(slug): Path<String>,
) -> WebResult {
    let library = guides::library();
    let (guide, html) = library.page(&slug).ok_or(WebError(AppError::NotFound))?;
    let page = GuidePage {
        chrome: Chrome::new(&state, user.as_ref().map(|u| &u.user), "guides"),
        guide,
        html,
        exercise_name: texts::exercise_name(guide.exercise),
        related: library.related(guide, 3),
    };
    Ok(render(StatusCode::OK, &page))
}
