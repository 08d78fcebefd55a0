//! `/api/v1/checkins`: saving today's check-in and reading a range of them.

use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::instant;
use super::json::{ApiJson, ApiPath, ApiQuery};
use crate::auth::ApiUser;
use crate::error::{ApiResult, AppError, ErrorBody};
use crate::features::checkins::{self, CheckInRow};
use crate::features::dashboard::today_for;
use crate::state::AppState;
use rekindle_core::checkin::{CheckInInput, parse_day};

/// Longest range one request may read.
const MAX_RANGE_DAYS: i64 = 400;

/// Today's check-in. Each field says who sees it: the scores and the appreciation are
/// shown to your partner; the note never is.
#[derive(Deserialize, ToSchema)]
pub struct CheckInRequest {
    /// Your partner sees this. 1 (far apart) to 7 (almost one), the overlapping-circles scale.
    #[schema(minimum = 1, maximum = 7)]
    pub closeness: i64,
    /// Your partner sees this. 1 (heavy) to 5 (bright).
    #[schema(minimum = 1, maximum = 5)]
    pub mood: i64,
    /// Your partner sees this. 1 (not at all) to 5 (completely).
    #[schema(minimum = 1, maximum = 5)]
    pub felt_heard: i64,
    /// Your partner sees this. Something you appreciated today (trimmed; empty means none).
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub appreciation: Option<String>,
    /// Private: only you see this. Never shown to your partner (trimmed; empty means none).
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub note: Option<String>,
}

/// Your own check-in, all fields (your partner gets only the shared ones).
#[derive(Serialize, ToSchema)]
pub struct MyCheckIn {
    pub day: String,
    /// Your partner sees this.
    #[schema(minimum = 1, maximum = 7)]
    pub closeness: u8,
    /// Your partner sees this.
    #[schema(minimum = 1, maximum = 5)]
    pub mood: u8,
    /// Your partner sees this.
    #[schema(minimum = 1, maximum = 5)]
    pub felt_heard: u8,
    /// Your partner sees this.
    pub appreciation: Option<String>,
    /// Private: only you see this.
    pub note: Option<String>,
    pub updated_at: String,
}

/// Your partner's check-in: shared fields only.
#[derive(Serialize, ToSchema)]
pub struct PartnerCheckIn {
    pub day: String,
    pub closeness: u8,
    pub mood: u8,
    pub felt_heard: u8,
    pub appreciation: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CheckInList {
    pub mine: Vec<MyCheckIn>,
    pub partner: Vec<PartnerCheckIn>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RangeQuery {
    /// First local day (YYYY-MM-DD); default 29 days before `to`.
    pub from: Option<String>,
    /// Last local day (YYYY-MM-DD); default your today.
    pub to: Option<String>,
}

impl From<CheckInRow> for MyCheckIn {
    fn from(r: CheckInRow) -> Self {
        Self {
            day: r.day,
            closeness: r.closeness,
            mood: r.mood,
            felt_heard: r.felt_heard,
            appreciation: r.appreciation,
            note: r.note,
            updated_at: instant(r.updated_at_ms),
        }
    }
}

impl From<CheckInRow> for PartnerCheckIn {
    fn from(r: CheckInRow) -> Self {
        Self {
            day: r.day,
            closeness: r.closeness,
            mood: r.mood,
            felt_heard: r.felt_heard,
            appreciation: r.appreciation,
        }
    }
}

#[utoipa::path(put, path = "/api/v1/checkins/{day}", tag = "checkins", security(("bearer" = [])),
    params(("day" = String, Path, description = "Your today, YYYY-MM-DD, in your own time zone")),
    request_body = CheckInRequest,
    responses(
        (status = 200, body = MyCheckIn, description = "Saved (a second save the same day replaces the first)"),
        (status = 400, body = ErrorBody, description = "Malformed day or body"),
        (status = 422, body = ErrorBody, description = "Out-of-range values, or a day that is not your today"),
        (status = 401, body = ErrorBody)))]
pub async fn put(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(day): ApiPath<String>,
    ApiJson(body): ApiJson<CheckInRequest>,
) -> ApiResult<axum::Json<MyCheckIn>> {
    let input = CheckInInput {
        closeness: Some(body.closeness),
        mood: Some(body.mood),
        felt_heard: Some(body.felt_heard),
        appreciation: body.appreciation,
        note: body.note,
    };
    let row = crate::features::checkins::save_today(
        &state,
        &user.user,
        user.couple.as_ref(),
        user.key.as_ref(),
        &day,
        input,
    )
    .await?;
    Ok(axum::Json(row.into()))
}

fn day_param(text: Option<&str>, name: &str) -> Result<Option<jiff::civil::Date>, AppError> {
    text.map(|t| {
        parse_day(t).ok_or_else(|| AppError::BadRequest {
            code: "bad_day",
            message: format!("`{name}` must be a day written YYYY-MM-DD."),
        })
    })
    .transpose()
}

#[utoipa::path(get, path = "/api/v1/checkins", tag = "checkins", security(("bearer" = [])),
    params(RangeQuery),
    responses(
        (status = 200, body = CheckInList, description = "Both ends included; your partner's shared fields only"),
        (status = 400, body = ErrorBody, description = "Malformed days, `from` after `to`, or more than 400 days"),
        (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(q): ApiQuery<RangeQuery>,
) -> ApiResult<axum::Json<CheckInList>> {
    let now = state.clock.now_ms();
    let to = day_param(q.to.as_deref(), "to")?.unwrap_or_else(|| today_for(&user.user, now));
    let from = day_param(q.from.as_deref(), "from")?
        .unwrap_or_else(|| to.checked_sub(jiff::ToSpan::days(29)).unwrap_or(to));
    let span = (to - from).get_days();
    if from > to || i64::from(span) >= MAX_RANGE_DAYS {
        return Err(AppError::BadRequest {
            code: "bad_range",
            message: "`from` must not be after `to`, and a range covers at most 400 days.".into(),
        }
        .into());
    }
    let range = checkins::read_range(
        &state,
        &user.user,
        user.couple.as_ref(),
        user.key.as_ref(),
        &from.to_string(),
        &to.to_string(),
    )
    .await?;
    Ok(axum::Json(CheckInList {
        mine: range.mine.into_iter().map(Into::into).collect(),
        partner: range.partner.into_iter().map(Into::into).collect(),
    }))
}
