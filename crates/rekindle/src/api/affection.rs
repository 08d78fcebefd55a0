//! `/api/v1/affection…`: the affection log (one tap for a moment of the couple's day,
//! days in a row, the week) and each person's wishes, private until shared.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::{ApiJson, ApiPath};
use crate::auth::ApiMember;
use crate::error::{ApiResult, ErrorBody};
use crate::features::affection;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct AffectionDay {
    /// `YYYY-MM-DD`, the couple's day.
    pub day: String,
    /// The kinds of moment it held.
    pub kinds: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct WishBody {
    pub id: String,
    pub mine: bool,
    pub name: String,
    pub body: String,
    /// Whether it is shared; until its owner shares it, only they see it.
    pub shared: bool,
}

#[derive(Serialize, ToSchema)]
pub struct AffectionLog {
    /// The couple's day.
    pub today: String,
    /// The moments you have recorded together today.
    pub today_kinds: Vec<String>,
    /// Days in a row with a moment, ending today (or yesterday while today is open).
    pub days_in_a_row: u32,
    /// The last seven days, oldest first.
    pub week: Vec<AffectionDay>,
    /// The week in a sentence (never a score).
    pub week_in_words: String,
    /// Your wishes, and your partner's shared ones.
    pub wishes: Vec<WishBody>,
}

#[derive(Deserialize, ToSchema)]
pub struct MomentRequest {
    /// `hug`, `kiss`, `holding-hands`, `cuddle`, `massage`, `intimacy` or `other`.
    pub kind: String,
}

#[derive(Deserialize, ToSchema)]
pub struct WishRequest {
    /// One line, up to 200 characters ("I'd love more hugs"); who sees it follows `shared`.
    pub body: String,
    /// `true`: your partner sees it; `false`: only you do.
    #[serde(default)]
    pub shared: bool,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedId {
    pub id: String,
}

async fn log_body(state: &AppState, m: &ApiMember) -> ApiResult<axum::Json<AffectionLog>> {
    let v = affection::log(&state.db, &m.member).await?;
    Ok(axum::Json(AffectionLog {
        today: v.today.to_string(),
        today_kinds: v
            .today_kinds
            .iter()
            .map(|k| k.as_str().to_owned())
            .collect(),
        days_in_a_row: v.days_in_a_row,
        week: v
            .week
            .iter()
            .map(|d| AffectionDay {
                day: d.day.to_string(),
                kinds: d.kinds.iter().map(|k| k.as_str().to_owned()).collect(),
            })
            .collect(),
        week_in_words: v.week_words,
        wishes: v
            .wishes
            .into_iter()
            .map(|w| WishBody {
                id: w.id,
                mine: w.mine,
                name: w.name,
                body: w.body,
                shared: w.shared,
            })
            .collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/affection", tag = "touch", security(("bearer" = [])),
    responses((status = 200, body = AffectionLog), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<AffectionLog>> {
    log_body(&state, &m).await
}

#[utoipa::path(post, path = "/api/v1/affection", tag = "touch", security(("bearer" = [])),
    request_body = MomentRequest,
    responses((status = 200, body = AffectionLog, description = "Recorded for today (once per kind a day)"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn record(
    State(state): State<AppState>,
    m: ApiMember,
    ApiJson(body): ApiJson<MomentRequest>,
) -> ApiResult<axum::Json<AffectionLog>> {
    affection::tap(&state.db, &m.member, &body.kind, true).await?;
    log_body(&state, &m).await
}

#[utoipa::path(delete, path = "/api/v1/affection/today/{kind}", tag = "touch", security(("bearer" = [])),
    params(("kind" = String, Path, description = "A kind recorded today")),
    responses((status = 200, body = AffectionLog, description = "Taken back"), (status = 422, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn take_back(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(kind): ApiPath<String>,
) -> ApiResult<axum::Json<AffectionLog>> {
    affection::tap(&state.db, &m.member, &kind, false).await?;
    log_body(&state, &m).await
}

#[utoipa::path(post, path = "/api/v1/affection/wishes", tag = "touch", security(("bearer" = [])),
    request_body = WishRequest,
    responses((status = 201, body = CreatedId), (status = 409, body = ErrorBody, description = "Twenty wishes already"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn add_wish(
    State(state): State<AppState>,
    m: ApiMember,
    ApiJson(body): ApiJson<WishRequest>,
) -> ApiResult<(StatusCode, axum::Json<CreatedId>)> {
    let id = affection::add_wish(&state.db, &m.member, &body.body, body.shared).await?;
    Ok((StatusCode::CREATED, axum::Json(CreatedId { id })))
}

#[utoipa::path(put, path = "/api/v1/affection/wishes/{id}", tag = "touch", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your wishes")),
    request_body = WishRequest,
    responses((status = 204, description = "Changed"), (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn update_wish(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<WishRequest>,
) -> ApiResult<StatusCode> {
    affection::update_wish(&state.db, &m.member, &id, &body.body, body.shared).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/affection/wishes/{id}", tag = "touch", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your wishes")),
    responses((status = 204, description = "Removed"), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn remove_wish(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    affection::remove_wish(&state.db, &m.member, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
