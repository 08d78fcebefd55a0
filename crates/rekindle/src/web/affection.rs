//! `/touch`: the affection log on the web — one tap for a moment of today, days in a
//! row and the week, and wishes (private until shared). Links on to mutual yes, notes
//! and gestures. Someone who has said privately that they feel afraid is not nudged
//! here; the page points to the safety page instead of suggesting anything.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use rekindle_core::affection::Kind;
use serde::Deserialize;

use super::form::WebForm;
use super::{Chrome, WebResult, render};
use crate::auth::WebMember;
use crate::error::AppError;
use crate::features::affection::{self, LogView};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "touch.html")]
struct TouchPage {
    chrome: Chrome,
    partner: String,
    log: LogView,
    kinds: [Kind; 7],
    afraid: bool,
    draft: String,
    errors: BTreeMap<String, String>,
}

impl TouchPage {
    fn done_today(&self, k: &Kind) -> bool {
        self.log.today_kinds.contains(k)
    }

    /// A day's kinds in words ("A hug, a kiss"), or a dash.
    fn kinds_words(&self, kinds: &[Kind]) -> String {
        if kinds.is_empty() {
            return "—".into();
        }
        let words: Vec<String> = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let l = k.label();
                if i == 0 {
                    l.to_owned()
                } else {
                    l.to_lowercase()
                }
            })
            .collect();
        words.join(", ")
    }
}

async fn page(
    state: &AppState,
    m: &WebMember,
    draft: String,
    errors: BTreeMap<String, String>,
) -> Result<TouchPage, AppError> {
    Ok(TouchPage {
        chrome: Chrome::new(state, Some(&m.user), "touch"),
        partner: m.couple.partner_name(&m.user.id),
        log: affection::log(&state.db, &m.member).await?,
        kinds: Kind::ALL,
        afraid: crate::features::safety::feels_afraid(
            &state.db,
            &m.user,
            Some(&m.couple.id),
            m.now_ms,
        )
        .await?,
        draft,
        errors,
    })
}

pub async fn show(State(state): State<AppState>, m: WebMember) -> WebResult {
    let p = page(&state, &m, String::new(), BTreeMap::new()).await?;
    Ok(render(StatusCode::OK, &p))
}

#[derive(Deserialize, Default)]
pub struct MomentForm {
    #[serde(default)]
    kind: String,
    /// `off` takes today's tap back.
    #[serde(default)]
    set: String,
}

pub async fn tap(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<MomentForm>,
) -> WebResult {
    affection::tap(&state.db, &m.member, &form.kind, form.set != "off").await?;
    Ok(Redirect::to("/touch#today").into_response())
}

#[derive(Deserialize, Default)]
pub struct WishForm {
    #[serde(default)]
    body: String,
    /// `on` to share it.
    #[serde(default)]
    shared: String,
}

pub async fn add_wish(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<WishForm>,
) -> WebResult {
    match affection::add_wish(&state.db, &m.member, &form.body, form.shared == "on").await {
        Ok(_) => Ok(Redirect::to("/touch#wishes").into_response()),
        Err(AppError::Invalid(errors)) => {
            let p = page(&state, &m, form.body, errors).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn update_wish(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<WishForm>,
) -> WebResult {
    match affection::update_wish(&state.db, &m.member, &id, &form.body, form.shared == "on").await {
        Ok(()) => Ok(Redirect::to("/touch#wishes").into_response()),
        Err(AppError::Invalid(errors)) => {
            let p = page(&state, &m, String::new(), errors).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn remove_wish(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    affection::remove_wish(&state.db, &m.member, &id).await?;
    Ok(Redirect::to("/touch#wishes").into_response())
}
