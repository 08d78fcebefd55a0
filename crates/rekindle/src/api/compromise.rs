//! `/api/v1/compromise…`: the compromise workspace — topics, sealed stances, options
//! and sealed ratings, the ranking with its reason, the chosen option and the look back.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::{ApiJson, ApiPath};
use crate::auth::ApiMember;
use crate::error::{ApiResult, ErrorBody};
use crate::features::compromise::{self, Marked, OptionView, TopicSummary, TopicView, stage_name};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct MarkedText {
    /// The text in pieces; `common` marks words you both used.
    pub pieces: Vec<MarkedPiece>,
}

#[derive(Serialize, ToSchema)]
pub struct MarkedPiece {
    pub text: String,
    pub common: bool,
}

fn marked(m: Marked) -> MarkedText {
    MarkedText {
        pieces: m
            .into_iter()
            .map(|(text, common)| MarkedPiece { text, common })
            .collect(),
    }
}

#[derive(Serialize, ToSchema)]
pub struct StanceBody {
    pub name: String,
    pub mine: bool,
    /// What is core for them: the need or dream behind where they stand.
    pub core: MarkedText,
    /// Where they can flex.
    pub flex: MarkedText,
    /// How they feel.
    pub feel: String,
}

#[derive(Serialize, ToSchema)]
pub struct MyStanceBody {
    pub core: String,
    pub flex: String,
    pub feel: String,
}

#[derive(Serialize, ToSchema)]
pub struct OptionBody {
    pub id: String,
    pub body: String,
    pub by_me: bool,
    /// Your own rating (0–10). Sealed from your partner until you've both rated every
    /// option.
    pub my_rating: Option<i64>,
    /// Both ratings, in the order of `names`, once you've both rated every option.
    pub ratings: Option<Vec<i64>>,
}

impl From<OptionView> for OptionBody {
    fn from(o: OptionView) -> Self {
        Self {
            id: o.id,
            body: o.body,
            by_me: o.by_me,
            my_rating: o.my_rating,
            ratings: o.ratings.map(|r| r.to_vec()),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ReviewBody {
    pub name: String,
    pub mine: bool,
    pub body: String,
}

#[derive(Serialize, ToSchema)]
pub struct CompromiseTopicBody {
    pub id: String,
    pub title: String,
    /// `stances`, `options`, `choose`, `trying`, `review` or `done`.
    pub stage: String,
    /// Your couple's names, in the order of `ratings`.
    pub names: Vec<String>,
    /// Your own stance, once written (sealed from your partner until both are in).
    pub my_stance: Option<MyStanceBody>,
    /// Both stances, once you've both written yours.
    pub stances: Vec<StanceBody>,
    /// Words you both used about what matters and where you can flex.
    pub common_ground: Vec<String>,
    pub options: Vec<OptionBody>,
    /// Options best first, once you've both rated every one.
    pub ranking: Vec<OptionBody>,
    /// Why the first comes first, in words.
    pub reason: Option<String>,
    pub chosen: Option<OptionBody>,
    /// The trial runs until this day (`YYYY-MM-DD`).
    pub trial_until: Option<String>,
    /// The day to look back (`YYYY-MM-DD`).
    pub review_on: Option<String>,
    pub reviews: Vec<ReviewBody>,
}

impl From<TopicView> for CompromiseTopicBody {
    fn from(t: TopicView) -> Self {
        Self {
            stage: t.stage_name().to_owned(),
            id: t.id,
            title: t.title,
            names: t.names.to_vec(),
            my_stance: t
                .my_stance
                .map(|[core, flex, feel]| MyStanceBody { core, flex, feel }),
            stances: t
                .stances
                .into_iter()
                .map(|s| StanceBody {
                    name: s.name,
                    mine: s.mine,
                    core: marked(s.core),
                    flex: marked(s.flex),
                    feel: s.feel,
                })
                .collect(),
            common_ground: t.common_ground,
            options: t.options.into_iter().map(Into::into).collect(),
            ranking: t.ranking.into_iter().map(Into::into).collect(),
            reason: t.reason,
            chosen: t.chosen.map(Into::into),
            trial_until: t.trial_until,
            review_on: t.review_on,
            reviews: t
                .reviews
                .into_iter()
                .map(|(name, mine, body)| ReviewBody { name, mine, body })
                .collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CompromiseSummaryBody {
    pub id: String,
    pub title: String,
    pub stage: String,
    pub review_on: Option<String>,
}

impl From<TopicSummary> for CompromiseSummaryBody {
    fn from(t: TopicSummary) -> Self {
        Self {
            stage: stage_name(t.stage).to_owned(),
            id: t.id,
            title: t.title,
            review_on: t.review_on,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CompromiseList {
    /// Newest first.
    pub topics: Vec<CompromiseSummaryBody>,
}

#[derive(Deserialize, ToSchema)]
pub struct NewTopicRequest {
    /// What you see differently, up to 120 characters, one line.
    pub title: String,
}

#[derive(Deserialize, ToSchema)]
pub struct StanceRequest {
    /// What is core for you: the need or dream behind your position (required, up to
    /// 1000 characters). Sealed until you've both written yours.
    pub core: String,
    /// Where you can flex (up to 1000 characters).
    #[serde(default)]
    pub flex: String,
    /// How you feel about it (up to 1000 characters).
    #[serde(default)]
    pub feel: String,
}

#[derive(Deserialize, ToSchema)]
pub struct OptionRequest {
    /// One option in a few words (up to 300 characters). Your partner sees it.
    pub body: String,
}

#[derive(Deserialize, ToSchema)]
pub struct RatingsRequest {
    /// A rating (0–10) for every option, once each. Sealed until you've both rated.
    pub ratings: Vec<OptionRating>,
}

#[derive(Deserialize, ToSchema)]
pub struct OptionRating {
    pub option_id: String,
    pub rating: i64,
}

#[derive(Deserialize, ToSchema)]
pub struct ChoiceRequest {
    pub option_id: String,
    /// The trial runs until this day (`YYYY-MM-DD`, within a year).
    pub trial_until: String,
    /// The day to look back (`YYYY-MM-DD`, on or after `trial_until`).
    pub review_on: String,
}

#[derive(Deserialize, ToSchema)]
pub struct LookBackRequest {
    /// How it went, up to 1000 characters. Your partner sees it.
    pub body: String,
}

type TopicResult = ApiResult<axum::Json<CompromiseTopicBody>>;

#[utoipa::path(get, path = "/api/v1/compromise", tag = "fairness", security(("bearer" = [])),
    responses((status = 200, body = CompromiseList), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<CompromiseList>> {
    let topics = compromise::list(&state.db, &m.member).await?;
    Ok(axum::Json(CompromiseList {
        topics: topics.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(post, path = "/api/v1/compromise", tag = "fairness", security(("bearer" = [])),
    request_body = NewTopicRequest,
    responses((status = 201, body = CompromiseTopicBody), (status = 422, body = ErrorBody),
        (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    m: ApiMember,
    ApiJson(body): ApiJson<NewTopicRequest>,
) -> ApiResult<(StatusCode, axum::Json<CompromiseTopicBody>)> {
    let t = compromise::create(&state.db, &m.member, &body.title).await?;
    Ok((StatusCode::CREATED, axum::Json(t.into())))
}

#[utoipa::path(get, path = "/api/v1/compromise/{id}", tag = "fairness", security(("bearer" = [])),
    params(("id" = String, Path, description = "A topic of your couple")),
    responses((status = 200, body = CompromiseTopicBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> TopicResult {
    Ok(axum::Json(
        compromise::read(&state.db, &m.member, &id).await?.into(),
    ))
}

#[utoipa::path(put, path = "/api/v1/compromise/{id}/stance", tag = "fairness", security(("bearer" = [])),
    params(("id" = String, Path, description = "A topic of your couple")),
    request_body = StanceRequest,
    responses((status = 200, body = CompromiseTopicBody, description = "Saved; sealed until you've both written yours"),
        (status = 409, body = ErrorBody, description = "Both are open already"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn stance(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<StanceRequest>,
) -> TopicResult {
    let t = compromise::save_stance(
        &state.db, &m.member, &id, &body.core, &body.flex, &body.feel,
    )
    .await?;
    Ok(axum::Json(t.into()))
}

#[utoipa::path(post, path = "/api/v1/compromise/{id}/options", tag = "fairness", security(("bearer" = [])),
    params(("id" = String, Path, description = "A topic of your couple")),
    request_body = OptionRequest,
    responses((status = 201, body = CompromiseTopicBody),
        (status = 409, body = ErrorBody, description = "Before both stances are in, or after the ranking"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn add_option(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<OptionRequest>,
) -> ApiResult<(StatusCode, axum::Json<CompromiseTopicBody>)> {
    let t = compromise::add_option(&state.db, &m.member, &id, &body.body).await?;
    Ok((StatusCode::CREATED, axum::Json(t.into())))
}

#[utoipa::path(put, path = "/api/v1/compromise/{id}/ratings", tag = "fairness", security(("bearer" = [])),
    params(("id" = String, Path, description = "A topic of your couple")),
    request_body = RatingsRequest,
    responses((status = 200, body = CompromiseTopicBody, description = "Saved; sealed until you've both rated every option"),
        (status = 409, body = ErrorBody, description = "Ranked already, or the options changed"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn rate(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<RatingsRequest>,
) -> TopicResult {
    let ratings: Vec<(String, i64)> = body
        .ratings
        .into_iter()
        .map(|r| (r.option_id, r.rating))
        .collect();
    Ok(axum::Json(
        compromise::rate(&state.db, &m.member, &id, &ratings)
            .await?
            .into(),
    ))
}

#[utoipa::path(put, path = "/api/v1/compromise/{id}/choice", tag = "fairness", security(("bearer" = [])),
    params(("id" = String, Path, description = "A ranked topic of your couple")),
    request_body = ChoiceRequest,
    responses((status = 200, body = CompromiseTopicBody),
        (status = 409, body = ErrorBody, description = "Not ranked yet"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn choose(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ChoiceRequest>,
) -> TopicResult {
    let t = compromise::choose(
        &state.db,
        &m.member,
        &id,
        &body.option_id,
        &body.trial_until,
        &body.review_on,
    )
    .await?;
    Ok(axum::Json(t.into()))
}

#[utoipa::path(put, path = "/api/v1/compromise/{id}/look-back", tag = "fairness", security(("bearer" = [])),
    params(("id" = String, Path, description = "A topic of your couple whose review day has come")),
    request_body = LookBackRequest,
    responses((status = 200, body = CompromiseTopicBody),
        (status = 409, body = ErrorBody, description = "Before the review day"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn look_back(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<LookBackRequest>,
) -> TopicResult {
    Ok(axum::Json(
        compromise::look_back(&state.db, &m.member, &id, &body.body)
            .await?
            .into(),
    ))
}
