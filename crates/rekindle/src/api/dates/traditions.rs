//! `/api/v1/dates/traditions…`: traditions the couple used to love, how often they come
//! round, and "we did it today".

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::json::{ApiJson, ApiPath};
use crate::auth::ApiMember;
use crate::error::{ApiResult, ErrorBody};
use crate::features::dates::traditions::{self, TraditionInput, TraditionView};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct TraditionBody {
    pub id: String,
    pub title: String,
    /// `weekly`, `monthly`, `yearly` or `on_date`.
    pub rhythm: String,
    /// For `on_date`: the day it falls on (`MM-DD`).
    pub on_day: Option<String>,
    /// The day you last did it (`YYYY-MM-DD`).
    pub last_done: Option<String>,
    /// A gentle line when it has gone quiet or its day is near; otherwise null.
    pub suggestion: Option<String>,
}

impl From<TraditionView> for TraditionBody {
    fn from(t: TraditionView) -> Self {
        Self {
            suggestion: t.nudge_words(),
            id: t.id,
            title: t.title,
            rhythm: t.rhythm.as_str().to_owned(),
            on_day: t.rhythm.on(),
            last_done: t.last_done,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct TraditionList {
    pub traditions: Vec<TraditionBody>,
}

#[derive(Deserialize, ToSchema)]
pub struct TraditionRequest {
    /// Up to 120 characters, one line.
    pub title: String,
    /// `weekly`, `monthly`, `yearly` or `on_date`.
    pub rhythm: String,
    /// For `on_date`: `MM-DD`.
    pub on_day: Option<String>,
    /// When you last did it (`YYYY-MM-DD`), if you remember.
    pub last_done: Option<String>,
}

impl From<TraditionRequest> for TraditionInput {
    fn from(r: TraditionRequest) -> Self {
        Self {
            title: r.title,
            rhythm: r.rhythm,
            on_day: r.on_day.unwrap_or_default(),
            last_done: r.last_done.unwrap_or_default(),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/dates/traditions", tag = "dates", security(("bearer" = [])),
    responses((status = 200, body = TraditionList),
        (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<TraditionList>> {
    let all = traditions::list(&state.db, &m.member).await?;
    Ok(axum::Json(TraditionList {
        traditions: all.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(post, path = "/api/v1/dates/traditions", tag = "dates", security(("bearer" = [])),
    request_body = TraditionRequest,
    responses((status = 201, body = TraditionBody, description = "Written down; shared with your partner"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    m: ApiMember,
    ApiJson(body): ApiJson<TraditionRequest>,
) -> ApiResult<(StatusCode, axum::Json<TraditionBody>)> {
    let t = traditions::add(&state.db, &m.member, &body.into()).await?;
    Ok((StatusCode::CREATED, axum::Json(t.into())))
}

#[utoipa::path(put, path = "/api/v1/dates/traditions/{id}", tag = "dates", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your traditions")),
    request_body = TraditionRequest,
    responses((status = 200, body = TraditionBody),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<TraditionRequest>,
) -> ApiResult<axum::Json<TraditionBody>> {
    let t = traditions::update(&state.db, &m.member, &id, &body.into()).await?;
    Ok(axum::Json(t.into()))
}

#[utoipa::path(post, path = "/api/v1/dates/traditions/{id}/done", tag = "dates", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your traditions")),
    responses((status = 200, body = TraditionBody, description = "Marked done today"),
        (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn done(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<TraditionBody>> {
    Ok(axum::Json(
        traditions::done_today(&state.db, &m.member, &id)
            .await?
            .into(),
    ))
}

#[utoipa::path(delete, path = "/api/v1/dates/traditions/{id}", tag = "dates", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your traditions")),
    responses((status = 204, description = "Removed"), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    traditions::remove(&state.db, &m.member, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
