//! `POST /api/v1/fair-split`: the same answer as `rekindle fair-split` for the same
//! sheet (CONTRACT.md) — Adjusted Winner over things or chores, exact fractions.

use rekindle_core::fairness::sheet::{Outcome, Sheet, SheetItem};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::ApiJson;
use crate::auth::ApiUser;
use crate::error::{ApiResult, AppError, ErrorBody};
use crate::features::fair_split;

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
