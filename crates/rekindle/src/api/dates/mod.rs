//! `/api/v1/dates…` and `/api/v1/calendar…`: dates, traditions and new adventures — the
//! idea library with private votes and shared matches ([`ideas`]), planned dates with
//! private ratings and shared memories ([`plans`]), traditions ([`traditions`]) and the
//! calendars ([`calendar`]).

pub mod calendar;
pub mod ideas;
pub mod plans;
pub mod traditions;

use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::json::ApiQuery;
use crate::auth::ApiMember;
use crate::error::{ApiResult, ErrorBody};
use crate::features::dates::{self, Overview, Wishes};
use crate::state::AppState;
pub use ideas::IdeaBody;
pub use plans::DateBody;
pub use traditions::TraditionBody;

/// What you can do this time; each may be left out.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
pub struct WishesQuery {
    /// The most it may cost: `free`, `low`, `medium` or `high`.
    pub budget: Option<String>,
    /// The time you have, in minutes.
    pub minutes: Option<String>,
    /// `home` or `out`.
    pub setting: Option<String>,
}

impl From<WishesQuery> for Wishes {
    fn from(q: WishesQuery) -> Self {
        Self {
            budget: q.budget.unwrap_or_default(),
            minutes: q.minutes.unwrap_or_default(),
            setting: q.setting.unwrap_or_default(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SuggestionBody {
    /// The idea's id, or the tradition's.
    pub id: String,
    pub title: String,
    /// `idea` or `tradition`.
    pub kind: String,
    /// Why, in one plain sentence.
    pub why: String,
}

#[derive(Serialize, ToSchema)]
pub struct MatchBody {
    pub id: String,
    pub title: String,
}

#[derive(Serialize, ToSchema)]
pub struct DatesOverviewBody {
    /// The season where you live (`spring`, `summer`, `autumn`, `winter`).
    pub season: String,
    /// Up to three dates to plan next, each with why.
    pub suggestions: Vec<SuggestionBody>,
    /// Planned dates not over yet, soonest first.
    pub upcoming: Vec<DateBody>,
    /// Dates that have begun and wait for your (private) rating.
    pub to_rate: Vec<DateBody>,
    /// Ideas you both said yes to. Nothing else about your partner's votes shows.
    pub matches: Vec<MatchBody>,
    /// The next few ideas you have not voted on.
    pub to_vote: Vec<IdeaBody>,
    /// How many ideas are still without your vote.
    pub unvoted: usize,
    pub traditions: Vec<TraditionBody>,
}

impl From<Overview> for DatesOverviewBody {
    fn from(o: Overview) -> Self {
        Self {
            season: o.season.as_str().to_owned(),
            suggestions: o
                .suggestions
                .into_iter()
                .map(|s| SuggestionBody {
                    kind: if s.is_tradition { "tradition" } else { "idea" }.to_owned(),
                    id: s.id,
                    title: s.title,
                    why: s.why,
                })
                .collect(),
            upcoming: o.upcoming.into_iter().map(Into::into).collect(),
            to_rate: o.to_rate.into_iter().map(Into::into).collect(),
            matches: o
                .matches
                .into_iter()
                .map(|i| MatchBody {
                    id: i.id.into_owned(),
                    title: i.title.into_owned(),
                })
                .collect(),
            to_vote: o.to_vote.into_iter().map(Into::into).collect(),
            unvoted: o.unvoted,
            traditions: o.traditions.into_iter().map(Into::into).collect(),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/dates", tag = "dates", security(("bearer" = [])),
    params(WishesQuery),
    responses((status = 200, body = DatesOverviewBody),
        (status = 422, body = ErrorBody, description = "A wish that is not one of the choices"),
        (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn overview(
    State(state): State<AppState>,
    m: ApiMember,
    ApiQuery(q): ApiQuery<WishesQuery>,
) -> ApiResult<axum::Json<DatesOverviewBody>> {
    let o = dates::overview(&state.db, &m.member, &q.into()).await?;
    Ok(axum::Json(o.into()))
}
