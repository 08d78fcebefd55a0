//! `/api/v1/dates/ideas…` and `/api/v1/dates/matches`: the idea library plus the
//! couple's own ideas, each person's private vote, and the ideas both said yes to.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::MatchBody;
use crate::api::json::{ApiJson, ApiPath, ApiQuery};
use crate::auth::ApiMember;
use crate::error::{ApiResult, ErrorBody};
use crate::features::dates::ideas::{self, IdeaInput, IdeaView};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct IdeaBody {
    /// A library idea's slug, or the id of one of your own (`own_…`).
    pub id: String,
    pub title: String,
    /// How to do it, in a sentence or two.
    pub how: String,
    /// `home` or `out`.
    pub setting: String,
    /// `free`, `low`, `medium` or `high`.
    pub cost: String,
    /// Roughly how long it takes.
    pub minutes: u32,
    /// `low`, `medium` or `high`.
    pub energy: String,
    /// 1 familiar, 2 a fresh twist, 3 adventurous.
    pub novelty: u8,
    /// The seasons it suits; empty: any time of year.
    pub seasons: Vec<String>,
    /// Some of `dinner`, `new-place`, `movie-night`, `hobby`, `outdoors`, `learning`,
    /// `adventure`, `phones-away`.
    pub tags: Vec<String>,
    /// One of your couple's own ideas (either of you may change it).
    pub own: bool,
    /// Your own vote (`love`, `like`, `no`), private to you.
    pub my_vote: Option<String>,
    /// You both said yes (like or love). Your partner's vote is never shown otherwise.
    pub is_match: bool,
}

impl From<IdeaView> for IdeaBody {
    fn from(i: IdeaView) -> Self {
        let t = i.traits;
        Self {
            id: i.id.into_owned(),
            title: i.title.into_owned(),
            how: i.how.into_owned(),
            setting: t.setting.as_str().to_owned(),
            cost: t.cost.as_str().to_owned(),
            minutes: t.minutes,
            energy: t.energy.as_str().to_owned(),
            novelty: t.novelty,
            seasons: t
                .seasons
                .list()
                .iter()
                .map(|s| s.as_str().to_owned())
                .collect(),
            tags: t
                .tags
                .list()
                .iter()
                .map(|x| x.as_str().to_owned())
                .collect(),
            own: i.own,
            my_vote: i.my_vote.map(|v| v.as_str().to_owned()),
            is_match: i.is_match,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct IdeaList {
    pub ideas: Vec<IdeaBody>,
}

#[derive(Serialize, ToSchema)]
pub struct MatchList {
    pub matches: Vec<MatchBody>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TagQuery {
    /// Only ideas with this tag.
    pub tag: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct VoteRequest {
    /// `love`, `like` or `no`. Private: your partner never sees it; an idea you both
    /// like or love becomes a match you both see.
    pub vote: String,
}

#[derive(Deserialize, ToSchema)]
pub struct IdeaRequest {
    /// Up to 120 characters, one line.
    pub title: String,
    /// How to do it, up to 400 characters.
    #[serde(default)]
    pub how: String,
    /// `home` or `out`.
    pub setting: String,
    /// `free`, `low`, `medium` or `high`.
    pub cost: String,
    /// Roughly how long, 5 to 10080.
    pub minutes: i64,
    /// `low`, `medium` or `high`.
    pub energy: String,
    /// 1 familiar, 2 a fresh twist, 3 adventurous.
    pub novelty: i64,
    /// The seasons it suits (`spring`, `summer`, `autumn`, `winter`); none: any.
    #[serde(default)]
    pub seasons: Vec<String>,
    /// Tags from the library's eight.
    #[serde(default)]
    pub tags: Vec<String>,
}

impl From<IdeaRequest> for IdeaInput {
    fn from(r: IdeaRequest) -> Self {
        Self {
            title: r.title,
            how: r.how,
            setting: r.setting,
            cost: r.cost,
            minutes: r.minutes.to_string(),
            energy: r.energy,
            novelty: r.novelty.to_string(),
            seasons: r.seasons,
            tags: r.tags,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/dates/ideas", tag = "dates", security(("bearer" = [])),
    params(TagQuery),
    responses((status = 200, body = IdeaList, description = "The whole library plus your couple's own ideas, with your own votes"),
        (status = 422, body = ErrorBody, description = "Not one of the tags"),
        (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    m: ApiMember,
    ApiQuery(q): ApiQuery<TagQuery>,
) -> ApiResult<axum::Json<IdeaList>> {
    let ideas = ideas::list(&state.db, &m.member, q.tag.as_deref()).await?;
    Ok(axum::Json(IdeaList {
        ideas: ideas.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/dates/ideas/{id}", tag = "dates", security(("bearer" = [])),
    params(("id" = String, Path, description = "A library slug or one of your couple's own ideas")),
    responses((status = 200, body = IdeaBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<IdeaBody>> {
    Ok(axum::Json(
        ideas::read(&state.db, &m.member, &id).await?.into(),
    ))
}

#[utoipa::path(put, path = "/api/v1/dates/ideas/{id}/vote", tag = "dates", security(("bearer" = [])),
    params(("id" = String, Path, description = "A library slug or one of your couple's own ideas")),
    request_body = VoteRequest,
    responses((status = 200, body = IdeaBody),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn vote(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<VoteRequest>,
) -> ApiResult<axum::Json<IdeaBody>> {
    Ok(axum::Json(
        ideas::vote(&state.db, &m.member, &id, &body.vote)
            .await?
            .into(),
    ))
}

#[utoipa::path(post, path = "/api/v1/dates/ideas", tag = "dates", security(("bearer" = [])),
    request_body = IdeaRequest,
    responses((status = 201, body = IdeaBody, description = "Added, shared with your partner"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    m: ApiMember,
    ApiJson(body): ApiJson<IdeaRequest>,
) -> ApiResult<(StatusCode, axum::Json<IdeaBody>)> {
    let idea = ideas::add(&state.db, &m.member, &body.into()).await?;
    Ok((StatusCode::CREATED, axum::Json(idea.into())))
}

#[utoipa::path(put, path = "/api/v1/dates/ideas/{id}", tag = "dates", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your couple's own ideas (library ideas stay as they are)")),
    request_body = IdeaRequest,
    responses((status = 200, body = IdeaBody),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<IdeaRequest>,
) -> ApiResult<axum::Json<IdeaBody>> {
    let idea = ideas::update(&state.db, &m.member, &id, &body.into()).await?;
    Ok(axum::Json(idea.into()))
}

#[utoipa::path(delete, path = "/api/v1/dates/ideas/{id}", tag = "dates", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your couple's own ideas")),
    responses((status = 204, description = "Removed, with every vote on it"),
        (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    ideas::remove(&state.db, &m.member, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/dates/matches", tag = "dates", security(("bearer" = [])),
    responses((status = 200, body = MatchList, description = "Ideas you both said yes to — if you said yes and see no match, your partner did not say yes (yet)"),
        (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn matches(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<MatchList>> {
    let ideas = ideas::list(&state.db, &m.member, None).await?;
    Ok(axum::Json(MatchList {
        matches: ideas
            .into_iter()
            .filter(|i| i.is_match)
            .map(|i| MatchBody {
                id: i.id.into_owned(),
                title: i.title.into_owned(),
            })
            .collect(),
    }))
}
