//! `/dates/traditions…`: the couple's traditions — write one down, change or remove it,
//! and "we did it today" in one tap (also from the home page).

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use crate::auth::WebMember;
use crate::error::AppError;
use crate::features::dates::traditions::{self, TraditionInput, TraditionView};
use crate::state::AppState;
use crate::web::form::WebForm;
use crate::web::{Chrome, WebResult, render};

#[derive(Template)]
#[template(path = "dates_traditions.html")]
struct TraditionsPage {
    chrome: Chrome,
    traditions: Vec<TraditionView>,
    /// The tradition whose change was refused ("" for the new one).
    editing: String,
    form: TraditionForm,
    errors: BTreeMap<String, String>,
}

impl TraditionsPage {
    /// The values a tradition's form shows: as typed when its change was refused,
    /// else as stored.
    fn form_for(&self, t: &TraditionView) -> TraditionForm {
        if self.editing == t.id {
            return self.form.clone();
        }
        TraditionForm {
            title: t.title.clone(),
            rhythm: t.rhythm.as_str().to_owned(),
            on_day: t
                .rhythm
                .on()
                .map(|md| format!("2000-{md}"))
                .unwrap_or_default(),
            last_done: t.last_done.clone().unwrap_or_default(),
        }
    }

    /// The new tradition's form: as typed when it was refused, else empty.
    fn form_for_new(&self) -> TraditionForm {
        if self.editing.is_empty() {
            self.form.clone()
        } else {
            TraditionForm {
                rhythm: "weekly".to_owned(),
                ..TraditionForm::default()
            }
        }
    }

    /// The problems to show beside one form (only the one that was sent).
    fn errors_for(&self, id: &str) -> BTreeMap<String, String> {
        if self.editing == id {
            self.errors.clone()
        } else {
            BTreeMap::new()
        }
    }
}

/// What was typed into a tradition form.
#[derive(Deserialize, Default, Debug, Clone)]
pub struct TraditionForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub rhythm: String,
    #[serde(default)]
    pub on_day: String,
    #[serde(default)]
    pub last_done: String,
}

impl TraditionForm {
    fn input(&self) -> TraditionInput {
        TraditionInput {
            title: self.title.clone(),
            rhythm: self.rhythm.clone(),
            on_day: self.on_day.clone(),
            last_done: self.last_done.clone(),
        }
    }
}

async fn page(
    state: &AppState,
    m: &WebMember,
    editing: String,
    form: TraditionForm,
    errors: BTreeMap<String, String>,
) -> Result<TraditionsPage, AppError> {
    Ok(TraditionsPage {
        chrome: Chrome::new(state, Some(&m.user), "dates"),
        traditions: traditions::list(&state.db, &m.member).await?,
        editing,
        form,
        errors,
    })
}

pub async fn show(State(state): State<AppState>, m: WebMember) -> WebResult {
    let form = TraditionForm {
        rhythm: "weekly".to_owned(),
        ..TraditionForm::default()
    };
    let page = page(&state, &m, String::new(), form, BTreeMap::new()).await?;
    Ok(render(StatusCode::OK, &page))
}

/// Back to the list, or the list again with what to fix (nothing saved).
async fn after(
    state: &AppState,
    m: &WebMember,
    editing: String,
    form: TraditionForm,
    result: Result<TraditionView, AppError>,
) -> WebResult {
    match result {
        Ok(t) => Ok(Redirect::to(&format!("/dates/traditions#t-{}", t.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = page(state, m, editing, form, errors).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn add(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<TraditionForm>,
) -> WebResult {
    let result = traditions::add(&state.db, &m.member, &form.input()).await;
    after(&state, &m, String::new(), form, result).await
}

pub async fn update(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<TraditionForm>,
) -> WebResult {
    let result = traditions::update(&state.db, &m.member, &id, &form.input()).await;
    after(&state, &m, id, form, result).await
}

#[derive(Deserialize, Default)]
pub struct DoneForm {
    /// `home` to go back to the home page; anything else goes to the list.
    #[serde(default)]
    back: String,
}

pub async fn done(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<DoneForm>,
) -> WebResult {
    let t = traditions::done_today(&state.db, &m.member, &id).await?;
    let to = if form.back == "home" {
        "/#together".to_owned()
    } else {
        format!("/dates/traditions#t-{}", t.id)
    };
    Ok(Redirect::to(&to).into_response())
}

pub async fn remove(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    traditions::remove(&state.db, &m.member, &id).await?;
    Ok(Redirect::to("/dates/traditions").into_response())
}
