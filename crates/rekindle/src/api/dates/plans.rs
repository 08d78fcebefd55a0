//! `/api/v1/dates` (planning) and `/api/v1/dates/{id}…`: plan a date, move or cancel
//! it, and after it rate it privately and leave a memory; `/api/v1/dates/memories` is
//! the timeline.

use axum::extract::State;
use axum::http::StatusCode;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::json::{ApiJson, ApiPath};
use crate::auth::ApiMember;
use crate::error::{ApiResult, AppError, ErrorBody};
use crate::features::dates::plans::{self, DateView, PlanInput};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct DateRatingBody {
    /// 1–5.
    pub enjoyment: i64,
    /// 1–5.
    pub closeness: i64,
}

#[derive(Serialize, ToSchema)]
pub struct DateMemoryBody {
    /// Yours (else your partner's).
    pub mine: bool,
    pub name: String,
    pub body: String,
}

#[derive(Serialize, ToSchema)]
pub struct DateBody {
    pub id: String,
    pub title: String,
    pub place: Option<String>,
    /// The idea it was planned from, if any.
    pub idea_id: Option<String>,
    /// The tradition it was planned from, if any.
    pub tradition_id: Option<String>,
    /// An instant (RFC 3339, UTC).
    pub starts_at: String,
    pub ends_at: Option<String>,
    /// Who plans it, from your side: `me`, `partner` or `together`.
    pub planner: String,
    /// You both pledged to put phones away.
    pub phones_away: bool,
    /// Raised each time the date moves (as in its calendar event).
    pub sequence: i64,
    pub cancelled: bool,
    /// It has begun: rating and memories are open.
    pub begun: bool,
    /// Your own rating, private to you (your partner's is never shown).
    pub my_rating: Option<DateRatingBody>,
    /// Memories of the date (shared).
    pub memories: Vec<DateMemoryBody>,
}

fn instant(ms: i64) -> String {
    Timestamp::from_millisecond(ms).map_or_else(|_| String::new(), |t| t.to_string())
}

impl From<DateView> for DateBody {
    fn from(d: DateView) -> Self {
        Self {
            id: d.id,
            title: d.title,
            place: d.place,
            idea_id: d.idea_id,
            tradition_id: d.tradition_id,
            starts_at: instant(d.starts_ms),
            ends_at: d.ends_ms.map(instant),
            planner: d.planner.as_str().to_owned(),
            phones_away: d.phones_away,
            sequence: d.sequence,
            cancelled: d.cancelled,
            begun: d.begun,
            my_rating: d.my_rating.map(|(enjoyment, closeness)| DateRatingBody {
                enjoyment,
                closeness,
            }),
            memories: d
                .memories
                .into_iter()
                .map(|x| DateMemoryBody {
                    mine: x.mine,
                    name: x.name,
                    body: x.body,
                })
                .collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct PlannedBody {
    pub id: String,
}

#[derive(Serialize, ToSchema)]
pub struct TimelineBody {
    /// Dates with at least one memory, newest first.
    pub dates: Vec<DateBody>,
}

#[derive(Deserialize, ToSchema)]
pub struct PlanRequest {
    /// Up to 120 characters; may be left empty when planning from an idea or tradition.
    #[serde(default)]
    pub title: String,
    /// An instant with its offset (RFC 3339), within the next three years (or the past
    /// year, to remember one).
    pub starts_at: String,
    /// After the start, within three days.
    pub ends_at: Option<String>,
    /// Up to 200 characters.
    pub place: Option<String>,
    /// A library slug or one of your couple's own ideas.
    pub idea_id: Option<String>,
    /// One of your traditions.
    pub tradition_id: Option<String>,
    /// `me`, `partner` or `together` (the default).
    pub planner: Option<String>,
    /// A pledge to put phones away.
    #[serde(default)]
    pub phones_away: bool,
}

#[derive(Deserialize, ToSchema)]
pub struct DateRatingRequest {
    /// How much you enjoyed it, 1–5. Private to you.
    pub enjoyment: i64,
    /// How close you felt, 1–5. Private to you.
    pub closeness: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct DateMemoryRequest {
    /// Up to 2000 characters; your partner sees it. Empty removes yours.
    pub body: String,
}

impl PlanRequest {
    fn input(self) -> Result<PlanInput, AppError> {
        Ok(PlanInput {
            starts_ms: crate::api::parse_instant("starts_at", &self.starts_at)?,
            ends_ms: match self.ends_at.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(t) => Some(crate::api::parse_instant("ends_at", t)?),
            },
            title: self.title,
            place: self.place.unwrap_or_default(),
            idea_id: self.idea_id,
            tradition_id: self.tradition_id,
            planner: self.planner.unwrap_or_default(),
            phones_away: self.phones_away,
        })
    }
}

#[utoipa::path(post, path = "/api/v1/dates", tag = "dates", security(("bearer" = [])),
    request_body = PlanRequest,
    responses((status = 201, body = PlannedBody, description = "Planned; your partner sees it"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn plan(
    State(state): State<AppState>,
    m: ApiMember,
    ApiJson(body): ApiJson<PlanRequest>,
) -> ApiResult<(StatusCode, axum::Json<PlannedBody>)> {
    let date = plans::plan(&state.db, &m.member, &body.input()?).await?;
    Ok((StatusCode::CREATED, axum::Json(PlannedBody { id: date.id })))
}

#[utoipa::path(get, path = "/api/v1/dates/{id}", tag = "dates", security(("bearer" = [])),
    params(("id" = String, Path, description = "A date of your couple")),
    responses((status = 200, body = DateBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<DateBody>> {
    Ok(axum::Json(
        plans::read(&state.db, &m.member, &id).await?.into(),
    ))
}

#[utoipa::path(put, path = "/api/v1/dates/{id}", tag = "dates", security(("bearer" = [])),
    params(("id" = String, Path, description = "A date of your couple")),
    request_body = PlanRequest,
    responses((status = 200, body = DateBody, description = "Changed; a move raises its calendar sequence"),
        (status = 409, body = ErrorBody, description = "Cancelled"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn change(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<PlanRequest>,
) -> ApiResult<axum::Json<DateBody>> {
    let date = plans::change(&state.db, &m.member, &id, &body.input()?).await?;
    Ok(axum::Json(date.into()))
}

#[utoipa::path(post, path = "/api/v1/dates/{id}/cancel", tag = "dates", security(("bearer" = [])),
    params(("id" = String, Path, description = "A date of your couple")),
    responses((status = 200, body = DateBody, description = "Cancelled (calendars show it as cancelled)"),
        (status = 409, body = ErrorBody, description = "Already cancelled"),
        (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn cancel(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<DateBody>> {
    Ok(axum::Json(
        plans::cancel(&state.db, &m.member, &id).await?.into(),
    ))
}

#[utoipa::path(put, path = "/api/v1/dates/{id}/rating", tag = "dates", security(("bearer" = [])),
    params(("id" = String, Path, description = "A date of your couple that has begun")),
    request_body = DateRatingRequest,
    responses((status = 200, body = DateBody),
        (status = 409, body = ErrorBody, description = "Not begun yet, or cancelled"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn rate(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<DateRatingRequest>,
) -> ApiResult<axum::Json<DateBody>> {
    let date = plans::rate(&state.db, &m.member, &id, body.enjoyment, body.closeness).await?;
    Ok(axum::Json(date.into()))
}

#[utoipa::path(put, path = "/api/v1/dates/{id}/memory", tag = "dates", security(("bearer" = [])),
    params(("id" = String, Path, description = "A date of your couple that has begun")),
    request_body = DateMemoryRequest,
    responses((status = 200, body = DateBody),
        (status = 409, body = ErrorBody, description = "Not begun yet, or cancelled"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn remember(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<DateMemoryRequest>,
) -> ApiResult<axum::Json<DateBody>> {
    let date = plans::remember(&state.db, &m.member, &id, &body.body).await?;
    Ok(axum::Json(date.into()))
}

#[utoipa::path(get, path = "/api/v1/dates/memories", tag = "dates", security(("bearer" = [])),
    responses((status = 200, body = TimelineBody),
        (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn timeline(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<TimelineBody>> {
    let dates = plans::timeline(&state.db, &m.member).await?;
    Ok(axum::Json(TimelineBody {
        dates: dates.into_iter().map(Into::into).collect(),
    }))
}
