//! Answering the question of the day from the home page.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::WebResult;
use crate::auth::WebMember;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::coach::coached;
use crate::web::form::WebForm;
use crate::web::notice::{self, Notice};

#[derive(Deserialize, Default)]
pub struct AnswerForm {
    #[serde(default)]
    prompt_id: String,
    #[serde(default)]
    body: String,
}

pub async fn answer(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<AnswerForm>,
) -> WebResult {
    let result =
        crate::features::questions::answer(&state.db, &m.member, &form.prompt_id, &form.body).await;
    match result {
        Ok(_) => Ok(Redirect::to(&coached("/#question", &[], &form.body)).into_response()),
        // An empty or over-long answer: back to the question, nothing saved.
        Err(AppError::Invalid(_)) => {
            Ok(Redirect::to(&notice::to("/#question", &[Notice::AnswerEmpty])).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct HeartForm {
    #[serde(default)]
    prompt_id: String,
    /// `yes` to give a heart, anything else to take it back.
    #[serde(default)]
    on: String,
}

pub async fn reply(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<AnswerForm>,
) -> WebResult {
    let result =
        crate::features::questions::reply(&state.db, &m.member, &form.prompt_id, &form.body).await;
    match result {
        Ok(_) => Ok(Redirect::to(&coached("/#question", &[], &form.body)).into_response()),
        Err(AppError::Invalid(_)) => {
            Ok(Redirect::to(&notice::to("/#question", &[Notice::AnswerEmpty])).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn heart(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<HeartForm>,
) -> WebResult {
    crate::features::questions::heart(&state.db, &m.member, &form.prompt_id, form.on == "yes")
        .await?;
    Ok(Redirect::to("/#question").into_response())
}

#[derive(askama::Template)]
#[template(path = "questions.html")]
struct HistoryPage {
    chrome: super::Chrome,
    partner: String,
    questions: Vec<crate::features::questions::Question>,
    /// The day the next (older) page starts before.
    earlier: Option<String>,
}

#[derive(serde::Deserialize)]
pub struct HistoryQuery {
    before: Option<String>,
}

pub async fn history(
    State(state): State<AppState>,
    m: WebMember,
    Query(q): Query<HistoryQuery>,
) -> WebResult {
    let (questions, earlier) =
        crate::features::questions::history_page(&state.db, &m.member, q.before.as_deref()).await?;
    let page = HistoryPage {
        chrome: super::Chrome::new(&state, Some(&m.user), "questions"),
        partner: m.couple.partner_name(&m.user.id),
        questions,
        earlier,
    };
    Ok(super::render(axum::http::StatusCode::OK, &page))
}
