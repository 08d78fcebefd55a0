//! `/api/v1/prompts`: the question of the day and answers (sealed until both answered).

use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::{ApiJson, ApiPath};
use crate::auth::ApiMember;
use crate::error::{ApiResult, ErrorBody};
use crate::features::questions::{self, Question};
use crate::state::AppState;

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
    /// The couple's day it was asked (`YYYY-MM-DD`), when known.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub day: String,
    /// Both have answered: replies and hearts are open.
    pub revealed: bool,
    pub replies: Vec<ReplyBody>,
    pub hearts: HeartsBody,
}

#[derive(Serialize, ToSchema)]
pub struct ReplyBody {
    /// `me` or `partner`.
    pub by: String,
    pub body: String,
}

#[derive(Serialize, ToSchema)]
pub struct HeartsBody {
    pub mine: bool,
    pub partner: bool,
}

#[derive(Serialize, ToSchema)]
pub struct HistoryBody {
    pub questions: Vec<QuestionBody>,
}

#[derive(Deserialize, ToSchema)]
pub struct AnswerRequest {
    /// Sealed: your partner sees it once you have both answered.
    #[schema(min_length = 1, max_length = 4000)]
    pub body: String,
}

#[derive(Deserialize, ToSchema)]
pub struct ReplyRequest {
    /// Your partner sees this.
    #[schema(min_length = 1, max_length = 2000)]
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
            day: q.day,
            revealed: q.revealed,
            replies: q
                .replies
                .into_iter()
                .map(|(by_me, body)| ReplyBody {
                    by: if by_me { "me" } else { "partner" }.to_owned(),
                    body,
                })
                .collect(),
            hearts: HeartsBody {
                mine: q.my_heart,
                partner: q.partner_heart,
            },
        }
    }
}

#[utoipa::path(get, path = "/api/v1/prompts/today", tag = "talk", security(("bearer" = [])),
    responses((status = 200, body = QuestionBody), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn today(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<QuestionBody>> {
    let q = questions::today(&state.db, &m.member).await?;
    Ok(axum::Json(q.into()))
}

#[utoipa::path(put, path = "/api/v1/prompts/{id}/answer", tag = "talk", security(("bearer" = [])),
    params(("id" = String, Path, description = "A prompt your couple was asked")),
    request_body = AnswerRequest,
    responses(
        (status = 200, body = QuestionBody, description = "Saved; sealed from your partner until both have answered. Until then you may change it"),
        (status = 404, body = ErrorBody, description = "Not a prompt your couple was asked"),
        (status = 409, body = ErrorBody, description = "`answer_revealed`: you have both answered, so the answers stay as they were (add a reply instead)"),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn answer(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<AnswerRequest>,
) -> ApiResult<axum::Json<QuestionBody>> {
    let q = questions::answer(&state.db, &m.member, &id, &body.body).await?;
    Ok(axum::Json(q.into()))
}

#[utoipa::path(post, path = "/api/v1/prompts/{id}/replies", tag = "talk", security(("bearer" = [])),
    params(("id" = String, Path, description = "A prompt your couple was asked")),
    request_body = ReplyRequest,
    responses(
        (status = 201, body = QuestionBody),
        (status = 409, body = ErrorBody, description = "Replies open once you've both answered"),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn reply(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ReplyRequest>,
) -> ApiResult<(axum::http::StatusCode, axum::Json<QuestionBody>)> {
    let q = questions::reply(&state.db, &m.member, &id, &body.body).await?;
    Ok((axum::http::StatusCode::CREATED, axum::Json(q.into())))
}

#[utoipa::path(put, path = "/api/v1/prompts/{id}/heart", tag = "talk", security(("bearer" = [])),
    params(("id" = String, Path, description = "A prompt your couple was asked")),
    responses((status = 200, body = QuestionBody), (status = 409, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn heart(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<QuestionBody>> {
    let q = questions::heart(&state.db, &m.member, &id, true).await?;
    Ok(axum::Json(q.into()))
}

#[utoipa::path(delete, path = "/api/v1/prompts/{id}/heart", tag = "talk", security(("bearer" = [])),
    params(("id" = String, Path, description = "A prompt your couple was asked")),
    responses((status = 200, body = QuestionBody), (status = 409, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn unheart(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<QuestionBody>> {
    let q = questions::heart(&state.db, &m.member, &id, false).await?;
    Ok(axum::Json(q.into()))
}

#[utoipa::path(get, path = "/api/v1/prompts/history", tag = "talk", security(("bearer" = [])),
    responses((status = 200, body = HistoryBody, description = "Earlier questions, newest first"), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn history(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<HistoryBody>> {
    let qs = questions::history(&state.db, &m.member).await?;
    Ok(axum::Json(HistoryBody {
        questions: qs.into_iter().map(Into::into).collect(),
    }))
}
