//! Answering the question of the day from the home page.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::WebResult;
use crate::app::AppState;
use crate::auth::WebMember;
use crate::error::AppError;
use crate::web::form::WebForm;

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
    let result = crate::questions::answer(
        &state.db,
        &m.user.user,
        &m.couple,
        state.clock.now_ms(),
        &form.prompt_id,
        &form.body,
    )
    .await;
    match result {
        Ok(_) => Ok(Redirect::to("/#question").into_response()),
        // An empty or over-long answer: back to the question, nothing saved.
        Err(AppError::Invalid(_)) => Ok(Redirect::to("/?answer=empty#question").into_response()),
        Err(other) => Err(other.into()),
    }
}
