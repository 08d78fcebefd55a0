//! `/api/v1/prompts`: the question of the day and answers (sealed until both answered).

use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::{ApiJson, ApiPath};
use crate::app::AppState;
use crate::auth::ApiMember;
use crate::error::{ApiResult, ErrorBody};
use crate::questions::{self, Question};

#[derive(Serialize, ToSchema)]
pub struct PromptBody {
    pub id: String,
    pub text: String,
    /// hopes, desires, fears, dreams, ambitions, memories, appreciation, future, fun, love_map
    pub category: String,
}

#[derive(Serialize, ToSchema)]
pub struct QuestionBody {
    pub prompt: PromptBody,
    pub my_answer: Option<String>,
    /// Null until both of you have answered (nothing tells whether your partner has).
    pub partner_answer: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct AnswerRequest {
    pub body: String,
}

impl From<Question> for QuestionBody {
    fn from(q: Question) -> Self {
        Self {
            prompt: PromptBody {
                id: q.prompt.id.to_owned(),
                text: q.prompt.text.to_owned(),
                category: q.prompt.category.as_str().to_owned(),
            },
            my_answer: q.my_answer,
            partner_answer: q.partner_answer,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/prompts/today", tag = "talk", security(("bearer" = [])),
    responses((status = 200, body = QuestionBody), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn today(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<QuestionBody>> {
    let q = questions::today(&state.db, &m.user, &m.couple, state.clock.now_ms()).await?;
    Ok(axum::Json(q.into()))
}

#[utoipa::path(put, path = "/api/v1/prompts/{id}/answer", tag = "talk", security(("bearer" = [])),
    params(("id" = String, Path, description = "A prompt your couple was asked")),
    request_body = AnswerRequest,
    responses(
        (status = 200, body = QuestionBody, description = "Saved; sealed from your partner until both have answered"),
        (status = 404, body = ErrorBody, description = "Not a prompt your couple was asked"),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn answer(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<AnswerRequest>,
) -> ApiResult<axum::Json<QuestionBody>> {
    let q = questions::answer(
        &state.db,
        &m.user,
        &m.couple,
        state.clock.now_ms(),
        &id,
        &body.body,
    )
    .await?;
    Ok(axum::Json(q.into()))
}
