//! `/gestures`: one small kind idea for today, the whole library by kind, and your
//! private list of things your partner loves (only you ever see it).

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use rekindle_core::content::gestures::{Category, Gesture, gestures};
use serde::Deserialize;

use super::form::WebForm;
use super::{Chrome, WebResult, render};
use crate::auth::WebMember;
use crate::db::gestures::Love;
use crate::error::AppError;
use crate::features::gestures as feature;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "gestures.html")]
struct GesturesPage {
    chrome: Chrome,
    partner: String,
    today: &'static Gesture,
    /// The person said they feel afraid: no suggestions, the safety page first.
    afraid: bool,
    loves: Vec<Love>,
    categories: Vec<(Category, Vec<&'static Gesture>)>,
    draft: String,
    errors: BTreeMap<String, String>,
}

async fn page(
    state: &AppState,
    m: &WebMember,
    draft: String,
    errors: BTreeMap<String, String>,
) -> Result<GesturesPage, AppError> {
    let categories = Category::ALL
        .into_iter()
        .map(|c| (c, gestures().iter().filter(|g| g.category == c).collect()))
        .collect();
    Ok(GesturesPage {
        chrome: Chrome::new(state, Some(&m.user), "touch"),
        partner: m.couple.partner_name(&m.user.id),
        today: feature::for_today(&m.member),
        afraid: crate::features::safety::feels_afraid(
            &state.db,
            &m.user,
            Some(&m.couple.id),
            m.now_ms,
        )
        .await?,
        loves: feature::loves(&state.db, &m.member).await?,
        categories,
        draft,
        errors,
    })
}

pub async fn show(State(state): State<AppState>, m: WebMember) -> WebResult {
    let p = page(&state, &m, String::new(), BTreeMap::new()).await?;
    Ok(render(StatusCode::OK, &p))
}

#[derive(Deserialize, Default)]
pub struct LoveForm {
    #[serde(default)]
    body: String,
}

pub async fn add_love(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<LoveForm>,
) -> WebResult {
    match feature::add_love(&state.db, &m.member, &form.body).await {
        Ok(_) => Ok(Redirect::to("/gestures#loves").into_response()),
        Err(AppError::Invalid(errors)) => {
            let p = page(&state, &m, form.body, errors).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn remove_love(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    feature::remove_love(&state.db, &m.member, &id).await?;
    Ok(Redirect::to("/gestures#loves").into_response())
}
