//! `/api/v1/dashboard`: the connection dashboard (the home page's data) — both
//! partners' trends, the streak, the partner's appreciations and drift.

use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::json::ApiQuery;
use crate::auth::ApiUser;
use crate::error::{ApiResult, ErrorBody};
use crate::features::dashboard;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct PointBody {
    pub day: String,
    pub value: Option<u8>,
    /// Mean over the 7 days ending here, if any.
    pub rolling: Option<f64>,
}

#[derive(Serialize, ToSchema)]
pub struct TrendsBody {
    pub closeness: Vec<PointBody>,
    pub mood: Vec<PointBody>,
    /// Check-ins and listening-session ratings together; a day with several readings
    /// shows their mean, rounded half up.
    pub felt_heard: Vec<PointBody>,
}

#[derive(Serialize, ToSchema)]
pub struct DriftBody {
    /// `dip`, `gap` or `quiet`.
    pub signal: String,
    pub noticed: String,
    pub step_title: String,
    pub step: String,
    /// The slug of a guide that goes deeper (`GET /api/v1/guides/{slug}`).
    pub guide: String,
}

#[derive(Serialize, ToSchema)]
pub struct DashboardBody {
    pub today: String,
    pub range_days: i32,
    pub mine: TrendsBody,
    pub partner: Option<TrendsBody>,
    pub checked_in_today: bool,
    /// Days in a row with a check-in, counting today once it is done.
    pub streak: u32,
    pub appreciations: Vec<DashboardAppreciationBody>,
    pub drift: Option<DriftBody>,
}

#[derive(Serialize, ToSchema)]
pub struct DashboardAppreciationBody {
    pub day: String,
    pub text: String,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// 30, 90 or 365 days (default 30).
    pub range: Option<i32>,
}

fn trends_body(t: dashboard::Trends) -> TrendsBody {
    let points = |v: Vec<rekindle_core::checkin::trend::TrendPoint>| {
        v.into_iter()
            .map(|p| PointBody {
                day: p.day.to_string(),
                value: p.value,
                rolling: p.rolling.map(|r| (r * 100.0).round() / 100.0),
            })
            .collect()
    };
    TrendsBody {
        closeness: points(t.closeness),
        mood: points(t.mood),
        felt_heard: points(t.felt_heard),
    }
}

#[utoipa::path(get, path = "/api/v1/dashboard", tag = "checkins", security(("bearer" = [])),
    params(DashboardQuery),
    responses(
        (status = 200, body = DashboardBody),
        (status = 400, body = ErrorBody, description = "`range` is not a number"),
        (status = 401, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    user: ApiUser,
    ApiQuery(q): ApiQuery<DashboardQuery>,
) -> ApiResult<axum::Json<DashboardBody>> {
    let couple = user.couple.clone();
    let d = dashboard::load(
        &state.db,
        &user.user,
        couple.as_ref(),
        state.clock.now_ms(),
        q.range.unwrap_or(30),
    )
    .await?;
    Ok(axum::Json(DashboardBody {
        today: d.today.to_string(),
        range_days: d.range_days,
        checked_in_today: d.my_today.is_some(),
        mine: trends_body(d.mine),
        partner: d.partner.map(trends_body),
        streak: d.streak,
        appreciations: d
            .appreciations
            .into_iter()
            .map(|a| DashboardAppreciationBody {
                day: a.day,
                text: a.text,
            })
            .collect(),
        drift: d.drift.map(|x| DriftBody {
            signal: format!("{:?}", x.signal).to_lowercase(),
            noticed: x.noticed.to_owned(),
            step_title: x.step.title.to_owned(),
            step: x.step.body.to_owned(),
            guide: x.step.guide.to_owned(),
        }),
    }))
}
