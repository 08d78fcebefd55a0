//! `/api/v1/mutual…`: the mutual-yes list. Your answers are yours alone; only matches
//! show, and nothing tells whether or when your partner answered.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::{ApiJson, ApiPath};
use crate::auth::ApiMember;
use crate::db::mutual::Choices;
use crate::error::{ApiResult, ErrorBody};
use crate::features::mutual;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct MutualItem {
    pub id: String,
    /// `affection`, `romance`, `adventure` or `intimate` (shown only if you turned it on).
    pub section: String,
    pub text: String,
    /// Your own answer: `yes`, `maybe`, `no`, or `null` if you have not answered.
    pub my_answer: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct MutualList {
    pub items: Vec<MutualItem>,
    /// You chose to see the intimate section.
    pub intimate: bool,
    /// You chose to count maybes (they count only when you both have).
    pub count_maybe: bool,
}

#[derive(Deserialize, ToSchema)]
pub struct MutualAnswer {
    /// `yes`, `maybe` or `no`. Private: only you see this. Matches list only the items
    /// you both said yes to.
    pub answer: String,
}

#[derive(Serialize, ToSchema)]
pub struct MutualMatch {
    pub id: String,
    pub text: String,
}

#[derive(Serialize, ToSchema)]
pub struct MutualMatches {
    pub matches: Vec<MutualMatch>,
}

#[derive(Serialize, Deserialize, ToSchema)]
pub struct MutualChoices {
    /// Show the intimate section (it can match only when you both show it).
    pub intimate: bool,
    /// Count "maybe" as a yes (only when you both choose this).
    pub count_maybe: bool,
}

#[utoipa::path(get, path = "/api/v1/mutual", tag = "touch", security(("bearer" = [])),
    responses((status = 200, body = MutualList, description = "The list with your own answers; nothing about your partner"),
        (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<MutualList>> {
    let view = mutual::list(&state.db, &m.member).await?;
    Ok(axum::Json(MutualList {
        items: view
            .items
            .into_iter()
            .map(|i| MutualItem {
                id: i.id.to_owned(),
                section: i.section.as_str().to_owned(),
                text: i.text.to_owned(),
                my_answer: i.my_answer.map(|a| a.as_str().to_owned()),
            })
            .collect(),
        intimate: view.choices.intimate,
        count_maybe: view.choices.count_maybe,
    }))
}

#[utoipa::path(put, path = "/api/v1/mutual/{id}", tag = "touch", security(("bearer" = [])),
    params(("id" = String, Path, description = "An item of the list you can see")),
    request_body = MutualAnswer,
    responses((status = 200, description = "Saved, privately"), (status = 422, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn answer(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<MutualAnswer>,
) -> ApiResult<StatusCode> {
    mutual::answer(&state.db, &m.member, &id, &body.answer).await?;
    Ok(StatusCode::OK)
}

#[utoipa::path(get, path = "/api/v1/mutual/matches", tag = "touch", security(("bearer" = [])),
    responses((status = 200, body = MutualMatches, description = "What you both said yes to"),
        (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn matches(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<MutualMatches>> {
    let found = mutual::matches(&state.db, &m.member).await?;
    Ok(axum::Json(MutualMatches {
        matches: found
            .into_iter()
            .map(|i| MutualMatch {
                id: i.slug.to_owned(),
                text: i.text.to_owned(),
            })
            .collect(),
    }))
}

#[utoipa::path(put, path = "/api/v1/mutual/settings", tag = "touch", security(("bearer" = [])),
    request_body = MutualChoices,
    responses((status = 200, body = MutualChoices), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn choose(
    State(state): State<AppState>,
    m: ApiMember,
    ApiJson(body): ApiJson<MutualChoices>,
) -> ApiResult<axum::Json<MutualChoices>> {
    let choices = Choices {
        intimate: body.intimate,
        count_maybe: body.count_maybe,
    };
    mutual::choose(&state.db, &m.member, choices).await?;
    Ok(axum::Json(body))
}
