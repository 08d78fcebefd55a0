//! `/fair-split…`: fair split on the web — start a list of chores or things, change it,
//! spread your 100 points (sealed until you've both given yours), see the division and
//! why it is fair, and turn a chores split into a weekly rota.

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
use crate::features::fair_split::app::{self, SplitView};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "fair_split.html")]
struct ListPage {
    chrome: Chrome,
    splits: Vec<SplitView>,
    draft: NewForm,
    errors: BTreeMap<String, String>,
}

#[derive(Template)]
#[template(path = "fair_split_one.html")]
struct SplitPage {
    chrome: Chrome,
    partner: String,
    split: SplitView,
    /// The points as typed when they were refused (else the saved ones).
    typed: Vec<String>,
    /// The list as typed when it was refused (else the saved one).
    list_text: String,
    errors: BTreeMap<String, String>,
}

#[derive(Deserialize, Default, Clone)]
pub struct NewForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    mode: String,
    /// One item per line.
    #[serde(default)]
    items: String,
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

async fn list_page(
    state: &AppState,
    m: &WebMember,
    draft: NewForm,
    errors: BTreeMap<String, String>,
) -> Result<ListPage, AppError> {
    Ok(ListPage {
        chrome: Chrome::new(state, Some(&m.user), "fair-split"),
        splits: app::list(&state.db, &m.member).await?,
        draft,
        errors,
    })
}

pub async fn show(State(state): State<AppState>, m: WebMember) -> WebResult {
    let draft = NewForm {
        mode: "chores".to_owned(),
        ..NewForm::default()
    };
    let page = list_page(&state, &m, draft, BTreeMap::new()).await?;
    Ok(render(StatusCode::OK, &page))
}

pub async fn create(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<NewForm>,
) -> WebResult {
    match app::create(
        &state.db,
        &m.member,
        &form.title,
        &form.mode,
        &lines(&form.items),
    )
    .await
    {
        Ok(split) => Ok(Redirect::to(&format!("/fair-split/{}", split.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = list_page(&state, &m, form, errors).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}

fn split_page(
    state: &AppState,
    m: &WebMember,
    split: SplitView,
    typed: Option<Vec<String>>,
    list_text: Option<String>,
    errors: BTreeMap<String, String>,
) -> SplitPage {
    let saved: Vec<String> = match &split.my_points {
        Some(p) => p.iter().map(ToString::to_string).collect(),
        None => vec![String::new(); split.items.len()],
    };
    SplitPage {
        chrome: Chrome::new(state, Some(&m.user), "fair-split"),
        partner: m.couple.partner_name(&m.user.id),
        typed: typed.unwrap_or(saved),
        list_text: list_text.unwrap_or_else(|| split.items.join("\n")),
        split,
        errors,
    }
}

pub async fn one(State(state): State<AppState>, m: WebMember, Path(id): Path<String>) -> WebResult {
    let split = app::read(&state.db, &m.member, &id).await?;
    Ok(render(
        StatusCode::OK,
        &split_page(&state, &m, split, None, None, BTreeMap::new()),
    ))
}

#[derive(Deserialize, Default)]
pub struct ItemsForm {
    #[serde(default)]
    items: String,
}

pub async fn set_items(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<ItemsForm>,
) -> WebResult {
    match app::set_items(&state.db, &m.member, &id, &lines(&form.items)).await {
        Ok(_) => Ok(Redirect::to(&format!("/fair-split/{id}")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let split = app::read(&state.db, &m.member, &id).await?;
            let page = split_page(&state, &m, split, None, Some(form.items), errors);
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}

/// The points form: one field per item, `p0`, `p1`, …
pub async fn give_points(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<HashMap<String, String>>,
) -> WebResult {
    let split = app::read(&state.db, &m.member, &id).await?;
    let typed: Vec<String> = (0..split.items.len())
        .map(|i| form.get(&format!("p{i}")).cloned().unwrap_or_default())
        .collect();
    // An empty field counts as no points; anything unreadable is refused as a whole.
    let numbers: Option<Vec<i64>> = typed
        .iter()
        .map(|t| match t.trim() {
            "" => Some(0),
            n => n.parse().ok(),
        })
        .collect();
    let result = match numbers {
        Some(points) => app::give_points(&state.db, &m.member, &id, &points).await,
        None => Err(AppError::field(
            "points",
            "Points are whole numbers from 0 to 100.",
        )),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/fair-split/{id}#points")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = split_page(&state, &m, split, Some(typed), None, errors);
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn start_rota(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    app::start_rota(&state.db, &m.member, &id).await?;
    Ok(Redirect::to(&format!("/fair-split/{id}#rota")).into_response())
}

pub async fn stop_rota(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    app::stop_rota(&state.db, &m.member, &id).await?;
    Ok(Redirect::to(&format!("/fair-split/{id}#rota")).into_response())
}
