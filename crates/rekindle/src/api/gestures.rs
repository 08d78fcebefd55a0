//! `/api/v1/gestures…`: the gesture library (one for today) and your private list of
//! things your partner loves, for gift ideas — only you ever see it.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::affection::CreatedId;
use super::json::{ApiJson, ApiPath};
use crate::auth::ApiMember;
use crate::error::{ApiResult, ErrorBody};
use crate::features::gestures;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct GestureBody {
    pub id: String,
    /// `words`, `time`, `help`, `gift`, `touch` or `surprise`.
    pub category: String,
    pub title: String,
    pub how: String,
}

impl From<&rekindle_core::content::gestures::Gesture> for GestureBody {
    fn from(g: &rekindle_core::content::gestures::Gesture) -> Self {
        Self {
            id: g.slug.to_owned(),
            category: g.category.as_str().to_owned(),
            title: g.title.to_owned(),
            how: g.how.to_owned(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct LoveBody {
    pub id: String,
    pub body: String,
}

#[derive(Serialize, ToSchema)]
pub struct GestureLibrary {
    /// One for today (the same all day).
    pub today: GestureBody,
    pub gestures: Vec<GestureBody>,
    /// Your private list of things your partner loves (only you ever see it).
    pub loves: Vec<LoveBody>,
}

#[derive(Deserialize, ToSchema)]
pub struct LoveRequest {
    /// One line, up to 200 characters. Private: only you see this.
    pub body: String,
}

#[utoipa::path(get, path = "/api/v1/gestures", tag = "touch", security(("bearer" = [])),
    responses((status = 200, body = GestureLibrary), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn library(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<GestureLibrary>> {
    let loves = gestures::loves(&state.db, &m.member).await?;
    Ok(axum::Json(GestureLibrary {
        today: gestures::for_today(&m.member).into(),
        gestures: rekindle_core::content::gestures::gestures()
            .iter()
            .map(Into::into)
            .collect(),
        loves: loves
            .into_iter()
            .map(|l| LoveBody {
                id: l.id,
                body: l.body,
            })
            .collect(),
    }))
}

#[utoipa::path(post, path = "/api/v1/gestures/loves", tag = "touch", security(("bearer" = [])),
    request_body = LoveRequest,
    responses((status = 201, body = CreatedId), (status = 409, body = ErrorBody, description = "The list is full"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn add_love(
    State(state): State<AppState>,
    m: ApiMember,
    ApiJson(body): ApiJson<LoveRequest>,
) -> ApiResult<(StatusCode, axum::Json<CreatedId>)> {
    let id = gestures::add_love(&state.db, &m.member, &body.body).await?;
    Ok((StatusCode::CREATED, axum::Json(CreatedId { id })))
}

#[utoipa::path(delete, path = "/api/v1/gestures/loves/{id}", tag = "touch", security(("bearer" = [])),
    params(("id" = String, Path, description = "An entry of your own list")),
    responses((status = 204, description = "Removed"), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn remove_love(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    gestures::remove_love(&state.db, &m.member, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
