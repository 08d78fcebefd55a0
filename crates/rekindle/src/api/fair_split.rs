//! `POST /api/v1/fair-split`: the same answer as `rekindle fair-split` for the same
//! sheet (CONTRACT.md) — Adjusted Winner over things or chores, exact fractions. And
//! `/api/v1/fair-splits…`: the couple's own splits, each partner's points sealed until
//! both are in, the division, and a weekly rota for chores.

use rekindle_core::fairness::sheet::{Outcome, Sheet, SheetItem};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use axum::extract::State;
use axum::http::StatusCode;

use super::json::{ApiJson, ApiPath};
use crate::auth::{ApiMember, ApiUser};
use crate::error::{ApiResult, AppError, ErrorBody};
use crate::features::fair_split::{self, app, app::SplitView};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct FairSplitRequest {
    /// `goods` (points = how much each wants an item) or `chores` (points = how much
    /// each dislikes doing it).
    pub mode: String,
    /// Two distinct, non-empty names.
    pub partners: Vec<String>,
    /// 1 to 200 items with distinct, non-empty names.
    pub items: Vec<FairSplitItemRequest>,
}

#[derive(Deserialize, ToSchema)]
pub struct FairSplitItemRequest {
    pub name: String,
    /// Each partner's points (whole numbers; each partner's add up to exactly 100).
    pub points: Vec<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct FairSplitBody {
    /// `adjusted-winner`.
    pub method: String,
    pub mode: String,
    pub partners: Vec<String>,
    /// In input order.
    pub items: Vec<FairSplitItemBody>,
    /// Goods: each partner's own points of what they receive; chores: of the work they
    /// do. Exact reduced fractions ("60", "170/3").
    pub points: Vec<String>,
    /// The one item that is shared, if any.
    pub split_item: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct FairSplitItemBody {
    pub name: String,
    /// What each partner gets (goods) or does (chores), as exact reduced fractions
    /// summing to 1.
    pub shares: Vec<String>,
}

impl From<Outcome> for FairSplitBody {
    fn from(o: Outcome) -> Self {
        Self {
            method: o.method.to_owned(),
            mode: o.mode.to_owned(),
            partners: o.partners.to_vec(),
            items: o
                .items
                .into_iter()
                .map(|i| FairSplitItemBody {
                    name: i.name,
                    shares: i.shares.to_vec(),
                })
                .collect(),
            points: o.points.to_vec(),
            split_item: o.split_item,
        }
    }
}

#[utoipa::path(post, path = "/api/v1/fair-split", tag = "fairness", security(("bearer" = [])),
    request_body = FairSplitRequest,
    responses((status = 200, body = FairSplitBody, description = "The division, as `rekindle fair-split` prints it"),
        (status = 422, body = ErrorBody, description = "The sheet breaks a rule (the message names it)"),
        (status = 401, body = ErrorBody)))]
pub async fn split(
    _user: ApiUser,
    ApiJson(body): ApiJson<FairSplitRequest>,
) -> ApiResult<axum::Json<FairSplitBody>> {
    let sheet = Sheet {
        mode: body.mode,
        partners: body.partners,
        items: body
            .items
            .into_iter()
            .map(|i| SheetItem {
                name: i.name,
                points: i.points,
            })
            .collect(),
    };
    let outcome = fair_split::decide(&sheet).map_err(|e| AppError::field("sheet", e.0))?;
    Ok(axum::Json(outcome.into()))
}

// ---- Fair splits in the app: the couple's lists, sealed points, the division, a rota.

#[derive(Serialize, ToSchema)]
pub struct SplitRowBody {
    pub name: String,
    /// Each partner's share in couple order (as `partners`), exact fractions.
    pub shares: Vec<String>,
    /// The item in words ("Dishes: Alex does it").
    pub words: String,
}

#[derive(Serialize, ToSchema)]
pub struct DivisionBody {
    /// Your couple's names, in the order of `shares` and `points`.
    pub partners: Vec<String>,
    pub rows: Vec<SplitRowBody>,
    pub points: Vec<String>,
    pub split_item: Option<String>,
    /// Why it is fair, in words.
    pub why: String,
}

#[derive(Serialize, ToSchema)]
pub struct RotaWeekBody {
    /// The week's Monday (`YYYY-MM-DD`).
    pub week_of: String,
    pub chores: Vec<RotaChoreBody>,
}

#[derive(Serialize, ToSchema)]
pub struct RotaChoreBody {
    pub chore: String,
    /// Who does it that week.
    pub who: String,
}

#[derive(Serialize, ToSchema)]
pub struct SplitBody {
    pub id: String,
    pub title: String,
    /// `goods` or `chores`.
    pub mode: String,
    pub items: Vec<String>,
    /// You've both given your points: the division is open to both.
    pub revealed: bool,
    /// Your own points, in item order, once given. Sealed from your partner until you
    /// have both given yours (nothing tells whether they have).
    pub my_points: Option<Vec<i64>>,
    pub division: Option<DivisionBody>,
    /// This week and the next three, when the split is your rota.
    pub rota: Option<Vec<RotaWeekBody>>,
}

impl From<SplitView> for SplitBody {
    fn from(s: SplitView) -> Self {
        Self {
            id: s.id,
            title: s.title,
            mode: s.mode.as_str().to_owned(),
            items: s.items,
            revealed: s.revealed,
            my_points: s.my_points,
            division: s.division.map(|d| DivisionBody {
                partners: d.partners.to_vec(),
                rows: d
                    .rows
                    .into_iter()
                    .map(|r| SplitRowBody {
                        name: r.name,
                        shares: r.shares.iter().map(ToString::to_string).collect(),
                        words: r.words,
                    })
                    .collect(),
                points: d.points.iter().map(ToString::to_string).collect(),
                split_item: d.split_item,
                why: d.why,
            }),
            rota: s.rota.map(|weeks| {
                weeks
                    .into_iter()
                    .map(|w| RotaWeekBody {
                        week_of: w.monday.to_string(),
                        chores: w
                            .rows
                            .into_iter()
                            .map(|(chore, who)| RotaChoreBody { chore, who })
                            .collect(),
                    })
                    .collect()
            }),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SplitList {
    /// Newest first.
    pub splits: Vec<SplitBody>,
}

#[derive(Deserialize, ToSchema)]
pub struct NewSplitRequest {
    /// Up to 120 characters, one line.
    pub title: String,
    /// `chores` or `goods`.
    pub mode: String,
    /// 1 to 30 items, each one line of up to 80 characters, all different. Your partner
    /// sees the list and may change it until you've both given points.
    pub items: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct ItemsRequest {
    /// The whole list again (points given so far are cleared, as they no longer fit).
    pub items: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct PointsRequest {
    /// Your points in item order, whole numbers adding up to exactly 100. Sealed until
    /// you've both given yours.
    pub points: Vec<i64>,
}

#[utoipa::path(get, path = "/api/v1/fair-splits", tag = "fairness", security(("bearer" = [])),
    responses((status = 200, body = SplitList), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, m: ApiMember) -> ApiResult<axum::Json<SplitList>> {
    let splits = app::list(&state.db, &m.member).await?;
    Ok(axum::Json(SplitList {
        splits: splits.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(post, path = "/api/v1/fair-splits", tag = "fairness", security(("bearer" = [])),
    request_body = NewSplitRequest,
    responses((status = 201, body = SplitBody), (status = 422, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    m: ApiMember,
    ApiJson(body): ApiJson<NewSplitRequest>,
) -> ApiResult<(StatusCode, axum::Json<SplitBody>)> {
    let split = app::create(&state.db, &m.member, &body.title, &body.mode, &body.items).await?;
    Ok((StatusCode::CREATED, axum::Json(split.into())))
}

#[utoipa::path(get, path = "/api/v1/fair-splits/{id}", tag = "fairness", security(("bearer" = [])),
    params(("id" = String, Path, description = "A split of your couple")),
    responses((status = 200, body = SplitBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<SplitBody>> {
    Ok(axum::Json(
        app::read(&state.db, &m.member, &id).await?.into(),
    ))
}

#[utoipa::path(put, path = "/api/v1/fair-splits/{id}/items", tag = "fairness", security(("bearer" = [])),
    params(("id" = String, Path, description = "A split of your couple")),
    request_body = ItemsRequest,
    responses((status = 200, body = SplitBody), (status = 409, body = ErrorBody, description = "Already revealed"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn set_items(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ItemsRequest>,
) -> ApiResult<axum::Json<SplitBody>> {
    Ok(axum::Json(
        app::set_items(&state.db, &m.member, &id, &body.items)
            .await?
            .into(),
    ))
}

#[utoipa::path(put, path = "/api/v1/fair-splits/{id}/points", tag = "fairness", security(("bearer" = [])),
    params(("id" = String, Path, description = "A split of your couple")),
    request_body = PointsRequest,
    responses((status = 200, body = SplitBody, description = "Saved; sealed until you've both given yours"),
        (status = 409, body = ErrorBody, description = "Already revealed"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn give_points(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<PointsRequest>,
) -> ApiResult<axum::Json<SplitBody>> {
    Ok(axum::Json(
        app::give_points(&state.db, &m.member, &id, &body.points)
            .await?
            .into(),
    ))
}

#[utoipa::path(post, path = "/api/v1/fair-splits/{id}/rota", tag = "fairness", security(("bearer" = [])),
    params(("id" = String, Path, description = "A revealed chores split of your couple")),
    responses((status = 200, body = SplitBody, description = "Your weekly rota, from this week"),
        (status = 409, body = ErrorBody, description = "Not revealed yet, or not chores"),
        (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn start_rota(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<SplitBody>> {
    Ok(axum::Json(
        app::start_rota(&state.db, &m.member, &id).await?.into(),
    ))
}

#[utoipa::path(delete, path = "/api/v1/fair-splits/{id}/rota", tag = "fairness", security(("bearer" = [])),
    params(("id" = String, Path, description = "A split of your couple")),
    responses((status = 200, body = SplitBody, description = "No longer your rota"),
        (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn stop_rota(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<SplitBody>> {
    Ok(axum::Json(
        app::stop_rota(&state.db, &m.member, &id).await?.into(),
    ))
}
