//! `/compromise…`: the compromise workspace on the web — topics, each one's sealed
//! stance, options and private ratings, the ranking with its reason, the choice with a
//! trial and a review day, and the look back. Someone who has said privately that they
//! feel afraid is shown the safety page first and is not invited to start a topic.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::form::WebForm;
use super::{Chrome, WebResult, render};
use crate::auth::WebMember;
use crate::error::AppError;
use crate::features::compromise::{self, TopicSummary, TopicView, stage_name};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "compromise.html")]
struct ListPage {
    chrome: Chrome,
    topics: Vec<TopicSummary>,
    afraid: bool,
    draft: String,
    errors: BTreeMap<String, String>,
}

#[derive(Template)]
#[template(path = "compromise_topic.html")]
struct TopicPage {
    chrome: Chrome,
    partner: String,
    topic: TopicView,
    stage: &'static str,
    /// What was typed when it was refused, by field.
    typed: HashMap<String, String>,
    errors: BTreeMap<String, String>,
    today: String,
    /// A week from today: the trial's suggested length.
    week_later: String,
}

impl TopicPage {
    /// A field as typed (after a refusal), else `saved`.
    fn typed_or(&self, field: &str, saved: &str) -> String {
        self.typed
            .get(field)
            .cloned()
            .unwrap_or_else(|| saved.to_owned())
    }

    /// The problem with a field, if it was refused.
    fn error_for(&self, field: &str) -> Option<&String> {
        self.errors.get(field)
    }

    /// The viewer's stance part `i` (core, flex, feel) as saved.
    fn my_part(&self, i: &usize) -> &str {
        self.topic
            .my_stance
            .as_ref()
            .and_then(|s| s.get(*i))
            .map_or("", String::as_str)
    }
}

async fn afraid(state: &AppState, m: &WebMember) -> Result<bool, crate::db::Error> {
    crate::features::safety::feels_afraid(&state.db, &m.user, Some(&m.couple.id), m.now_ms).await
}

async fn list_page(
    state: &AppState,
    m: &WebMember,
    draft: String,
    errors: BTreeMap<String, String>,
) -> Result<ListPage, AppError> {
    Ok(ListPage {
        chrome: Chrome::new(state, Some(&m.user), "compromise"),
        topics: compromise::list(&state.db, &m.member).await?,
        afraid: afraid(state, m).await?,
        draft,
        errors,
    })
}

pub async fn show(State(state): State<AppState>, m: WebMember) -> WebResult {
    let page = list_page(&state, &m, String::new(), BTreeMap::new()).await?;
    Ok(render(StatusCode::OK, &page))
}

#[derive(Deserialize, Default)]
pub struct NewForm {
    #[serde(default)]
    title: String,
}

pub async fn create(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<NewForm>,
) -> WebResult {
    match compromise::create(&state.db, &m.member, &form.title).await {
        Ok(t) => Ok(Redirect::to(&format!("/compromise/{}", t.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = list_page(&state, &m, form.title, errors).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}

fn topic_page(
    state: &AppState,
    m: &WebMember,
    topic: TopicView,
    typed: HashMap<String, String>,
    errors: BTreeMap<String, String>,
) -> TopicPage {
    TopicPage {
        chrome: Chrome::new(state, Some(&m.user), "compromise"),
        partner: m.couple.partner_name(&m.user.id),
        stage: stage_name(topic.stage),
        topic,
        typed,
        errors,
        today: m.couple.today(m.now_ms).to_string(),
        week_later: m
            .couple
            .today(m.now_ms)
            .checked_add(jiff::ToSpan::days(7))
            .map(|d| d.to_string())
            .unwrap_or_default(),
    }
}

pub async fn one(State(state): State<AppState>, m: WebMember, Path(id): Path<String>) -> WebResult {
    let topic = compromise::read(&state.db, &m.member, &id).await?;
    Ok(render(
        StatusCode::OK,
        &topic_page(&state, &m, topic, HashMap::new(), BTreeMap::new()),
    ))
}

/// Back to the topic, or the topic again with what to fix (nothing saved).
async fn after(
    state: &AppState,
    m: &WebMember,
    id: &str,
    result: Result<TopicView, AppError>,
    typed: HashMap<String, String>,
    anchor: &str,
) -> WebResult {
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/compromise/{id}{anchor}")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let topic = compromise::read(&state.db, &m.member, id).await?;
            Ok(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &topic_page(state, m, topic, typed, errors),
            ))
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn stance(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<HashMap<String, String>>,
) -> WebResult {
    let field = |k: &str| form.get(k).map_or("", String::as_str);
    let result = compromise::save_stance(
        &state.db,
        &m.member,
        &id,
        field("core"),
        field("flex"),
        field("feel"),
    )
    .await;
    after(&state, &m, &id, result, form.clone(), "#stance").await
}

pub async fn add_option(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<HashMap<String, String>>,
) -> WebResult {
    let body = form.get("body").map_or("", String::as_str);
    let result = compromise::add_option(&state.db, &m.member, &id, body).await;
    after(&state, &m, &id, result, form.clone(), "#options").await
}

/// One field per option: `r-{option id}`, 0–10.
pub async fn rate(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<HashMap<String, String>>,
) -> WebResult {
    let mut ratings = Vec::new();
    let mut unreadable = false;
    for (key, value) in &form {
        if let Some(option) = key.strip_prefix("r-") {
            match value.trim().parse::<i64>() {
                Ok(r) => ratings.push((option.to_owned(), r)),
                Err(_) => unreadable = true,
            }
        }
    }
    let result = if unreadable {
        Err(AppError::field("ratings", "Rate each option from 0 to 10."))
    } else {
        compromise::rate(&state.db, &m.member, &id, &ratings).await
    };
    after(&state, &m, &id, result, form.clone(), "#options").await
}

pub async fn choose(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<HashMap<String, String>>,
) -> WebResult {
    let field = |k: &str| form.get(k).map_or("", String::as_str);
    let result = compromise::choose(
        &state.db,
        &m.member,
        &id,
        field("option_id"),
        field("trial_until"),
        field("review_on"),
    )
    .await;
    after(&state, &m, &id, result, form.clone(), "#choice").await
}

pub async fn look_back(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<HashMap<String, String>>,
) -> WebResult {
    let body = form.get("body").map_or("", String::as_str);
    let result = compromise::look_back(&state.db, &m.member, &id, body).await;
    after(&state, &m, &id, result, form.clone(), "#look-back").await
}
