//! `/api/v1/love-map`: love-map rounds — five questions about one partner's world, the
//! answers and guesses sealed until both are in, then marked by the person it is about.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::{ApiJson, ApiPath};
use crate::auth::ApiMember;
use crate::error::{ApiResult, AppError, ErrorBody};
use crate::features::love_map::{self, About, Round, RoundSummary};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct RoundBody {
    pub id: String,
    /// The couple's day the round began (`YYYY-MM-DD`).
    pub day: String,
    /// `me` (you answer, your partner guesses) or `partner` (you guess).
    pub about: String,
    pub subject_name: String,
    /// Both of you are done: answers and guesses show side by side.
    pub revealed: bool,
    /// You have saved your five (nothing tells whether your partner has).
    pub my_part_done: bool,
    pub items: Vec<ItemBody>,
}

#[derive(Serialize, ToSchema)]
pub struct ItemBody {
    pub position: usize,
    pub question_id: String,
    /// worries, hopes, favourites, friends or dreams
    pub theme: String,
    /// The question in your own voice.
    pub text: String,
    pub answer: Option<String>,
    pub guess: Option<String>,
    /// `spot_on`, `close` or `not_quite`, once marked.
    pub mark: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RoundSummaryBody {
    pub id: String,
    pub day: String,
    /// `me` or `partner`.
    pub about: String,
    pub subject_name: String,
    pub revealed: bool,
    pub my_part_done: bool,
    /// The marks given so far, in question order (the round itself has the words).
    pub marks: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct LoveMapOverviewBody {
    pub open: Vec<RoundSummaryBody>,
    /// Revealed rounds, newest first.
    pub past: Vec<RoundSummaryBody>,
    /// How your maps of each other are changing, in words (never a score).
    pub reflection: String,
}

#[derive(Deserialize, ToSchema)]
pub struct RoundStartRequest {
    /// `me` or `partner`.
    pub about: String,
}

#[derive(Deserialize, ToSchema)]
pub struct EntriesRequest {
    /// Five answers (about yourself) or guesses (about your partner), in order, each
    /// up to 1000 characters. Sealed: your partner sees them once you have both finished.
    #[schema(min_items = 5, max_items = 5)]
    pub entries: Vec<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct MarksRequest {
    /// Five marks, in order: `spot_on`, `close` or `not_quite`. Your partner sees them.
    #[schema(min_items = 5, max_items = 5)]
    pub marks: Vec<String>,
}

impl From<RoundSummary> for RoundSummaryBody {
    fn from(r: RoundSummary) -> Self {
        Self {
            id: r.id,
            day: r.day,
            about: if r.about_me { "me" } else { "partner" }.to_owned(),
            subject_name: r.subject_name,
            revealed: r.revealed,
            my_part_done: r.my_part_done,
            marks: r.marks.iter().map(|m| m.as_str().to_owned()).collect(),
        }
    }
}

impl From<Round> for RoundBody {
    fn from(r: Round) -> Self {
        Self {
            id: r.id,
            day: r.day,
            about: if r.about_me { "me" } else { "partner" }.to_owned(),
            subject_name: r.subject_name,
            revealed: r.revealed,
            my_part_done: r.my_part_done,
            items: r
                .items
                .into_iter()
                .map(|i| ItemBody {
                    position: i.position,
                    question_id: i.question.id.to_owned(),
                    theme: i.question.theme.as_str().to_owned(),
                    text: i.asked,
                    answer: i.answer,
                    guess: i.guess,
                    mark: i.mark.map(|m| m.as_str().to_owned()),
                })
                .collect(),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/love-map", tag = "talk", security(("bearer" = [])),
    responses((status = 200, body = LoveMapOverviewBody), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn overview(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<LoveMapOverviewBody>> {
    let o = love_map::overview(&state.db, &m.member).await?;
    Ok(axum::Json(LoveMapOverviewBody {
        open: o.open.into_iter().map(Into::into).collect(),
        past: o.past.into_iter().map(Into::into).collect(),
        reflection: o.reflection.to_owned(),
    }))
}

#[utoipa::path(post, path = "/api/v1/love-map/rounds", tag = "talk", security(("bearer" = [])),
    request_body = RoundStartRequest,
    responses(
        (status = 201, body = RoundBody, description = "A new round"),
        (status = 200, body = RoundBody, description = "A round about that person is still open: here it is"),
        (status = 409, body = ErrorBody, description = "Your partner has not joined yet"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn start(
    State(state): State<AppState>,
    m: ApiMember,
    ApiJson(body): ApiJson<RoundStartRequest>,
) -> ApiResult<(StatusCode, axum::Json<RoundBody>)> {
    let about = match body.about.as_str() {
        "me" => About::Me,
        "partner" => About::Partner,
        _ => return Err(AppError::field("about", "Say `me` or `partner`.").into()),
    };
    let (round, created) = love_map::start(&state.db, &m.member, about).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(round.into())))
}

#[utoipa::path(get, path = "/api/v1/love-map/rounds/{id}", tag = "talk", security(("bearer" = [])),
    params(("id" = String, Path, description = "A round of your couple")),
    responses((status = 200, body = RoundBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<RoundBody>> {
    let r = love_map::read(&state.db, &m.member, &id).await?;
    Ok(axum::Json(r.into()))
}

#[utoipa::path(put, path = "/api/v1/love-map/rounds/{id}/entries", tag = "talk", security(("bearer" = [])),
    params(("id" = String, Path, description = "A round of your couple")),
    request_body = EntriesRequest,
    responses(
        (status = 200, body = RoundBody, description = "Saved; sealed from your partner until you've both finished"),
        (status = 409, body = ErrorBody, description = "Already revealed"),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn save_entries(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<EntriesRequest>,
) -> ApiResult<axum::Json<RoundBody>> {
    let r = love_map::save_mine(&state.db, &m.member, &id, &body.entries).await?;
    Ok(axum::Json(r.into()))
}

#[utoipa::path(put, path = "/api/v1/love-map/rounds/{id}/marks", tag = "talk", security(("bearer" = [])),
    params(("id" = String, Path, description = "A revealed round about you")),
    request_body = MarksRequest,
    responses(
        (status = 200, body = RoundBody),
        (status = 409, body = ErrorBody, description = "Not revealed yet, or the round is about your partner"),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn mark(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<MarksRequest>,
) -> ApiResult<axum::Json<RoundBody>> {
    let r = love_map::mark(&state.db, &m.member, &id, &body.marks).await?;
    Ok(axum::Json(r.into()))
}
