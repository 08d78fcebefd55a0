//! `/api/v1/listening`: the speaker–listener exercise — sessions, their moves, the
//! felt-heard rating at the end (it feeds the dashboard) and a private note.

use axum::extract::State;
use axum::http::StatusCode;
use rekindle_core::content::listening::RULES;
use rekindle_core::listening::MoveKind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::{ApiJson, ApiPath};
use crate::auth::ApiMember;
use crate::error::{ApiResult, AppError, ErrorBody};
use crate::features::listening::{self, Session};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct ListeningSessionBody {
    pub id: String,
    pub topic: String,
    /// The couple's day it began (`YYYY-MM-DD`).
    pub day: String,
    /// Passed between the two on one phone (whoever holds it acts for the role shown).
    pub one_phone: bool,
    pub ended: bool,
    /// `speak`, `paraphrase` or `confirm`: the next move (meaningless once ended).
    pub step: String,
    /// `me` or `partner`.
    pub speaker: String,
    /// Whether you may make the next move.
    pub my_move: bool,
    /// Pieces understood since the current speaker began; a swap is suggested from 3.
    pub understood_in_role: u32,
    pub suggest_swap: bool,
    pub turns: Vec<TurnBody>,
    pub my_rating: Option<u8>,
    pub partner_rating: Option<u8>,
    /// Private: only you see this. Your note on the session.
    pub my_note: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TurnBody {
    /// `me` or `partner`.
    pub speaker: String,
    pub piece: String,
    pub attempts: Vec<AttemptBody>,
}

#[derive(Serialize, ToSchema)]
pub struct AttemptBody {
    pub paraphrase: String,
    /// `thats_it`, `not_quite`, or null while waiting.
    pub answer: Option<String>,
    /// With `not_quite`: what the speaker meant.
    pub meant: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RuleBody {
    pub title: String,
    pub text: String,
}

#[derive(Serialize, ToSchema)]
pub struct SessionSummaryBody {
    pub id: String,
    pub topic: String,
    pub day: String,
    /// Pieces the speakers shared (the words are on the session itself).
    pub pieces: usize,
    pub my_rating: Option<u8>,
    pub partner_rating: Option<u8>,
}

#[derive(Serialize, ToSchema)]
pub struct ListeningOverviewBody {
    pub open: Option<ListeningSessionBody>,
    /// Ended sessions, newest first.
    pub past: Vec<SessionSummaryBody>,
    /// Topics from this week's State of Us "one thing to talk about".
    pub our_topics: Vec<String>,
    pub suggested_topics: Vec<String>,
    pub rules: Vec<RuleBody>,
}

#[derive(Deserialize, ToSchema)]
pub struct ListeningStartRequest {
    #[schema(min_length = 1, max_length = 200)]
    pub topic: String,
    /// `me` or `partner`.
    pub first_speaker: String,
    #[serde(default)]
    pub one_phone: bool,
}

#[derive(Deserialize, ToSchema)]
pub struct MoveRequest {
    /// `piece`, `paraphrase`, `thats_it`, `not_quite` (with what you meant) or `swap`.
    pub kind: String,
    /// The words of a piece, paraphrase or `not_quite`. Your partner sees this.
    #[serde(default)]
    #[schema(max_length = 1200)]
    pub body: String,
}

#[derive(Deserialize, ToSchema)]
pub struct RatingRequest {
    /// Your partner sees this. 1 (not at all) to 5 (completely).
    #[schema(minimum = 1, maximum = 5)]
    pub felt_heard: i64,
    /// `me` (default), or on one phone `partner` while they have not rated.
    #[serde(default)]
    pub r#for: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct ListeningNoteRequest {
    /// Private: only you see this. Empty removes it.
    #[schema(max_length = 4000)]
    pub body: String,
}

fn who(me: bool) -> String {
    if me { "me" } else { "partner" }.to_owned()
}

impl From<Session> for ListeningSessionBody {
    fn from(s: Session) -> Self {
        Self {
            step: s.step_name().to_owned(),
            speaker: who(s.speaker_is_me),
            my_move: s.my_move,
            understood_in_role: s.state.understood_in_role,
            suggest_swap: s.state.suggest_swap(),
            turns: s
                .turns
                .into_iter()
                .map(|t| TurnBody {
                    speaker: who(t.speaker_is_me),
                    piece: t.piece,
                    attempts: t
                        .attempts
                        .into_iter()
                        .map(|a| AttemptBody {
                            paraphrase: a.paraphrase,
                            answer: a.answer.as_ref().map(|m| {
                                if m.is_some() { "not_quite" } else { "thats_it" }.to_owned()
                            }),
                            meant: a.answer.flatten(),
                        })
                        .collect(),
                })
                .collect(),
            my_rating: s.my_rating,
            partner_rating: s.partner_rating,
            my_note: s.my_note,
            id: s.id,
            topic: s.topic,
            day: s.day,
            one_phone: s.one_phone,
            ended: s.ended,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/listening", tag = "talk", security(("bearer" = [])),
    responses((status = 200, body = ListeningOverviewBody), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn overview(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<ListeningOverviewBody>> {
    let o = listening::overview(&state.db, &m.member).await?;
    Ok(axum::Json(ListeningOverviewBody {
        open: o.open.map(Into::into),
        past: o
            .past
            .into_iter()
            .map(|p| SessionSummaryBody {
                id: p.id,
                topic: p.topic,
                day: p.day,
                pieces: p.pieces,
                my_rating: p.my_rating,
                partner_rating: p.partner_rating,
            })
            .collect(),
        our_topics: o.our_topics,
        suggested_topics: o.suggested_topics.iter().map(|t| (*t).to_owned()).collect(),
        rules: RULES
            .iter()
            .map(|(title, text)| RuleBody {
                title: (*title).to_owned(),
                text: (*text).to_owned(),
            })
            .collect(),
    }))
}

#[utoipa::path(post, path = "/api/v1/listening", tag = "talk", security(("bearer" = [])),
    request_body = ListeningStartRequest,
    responses(
        (status = 201, body = ListeningSessionBody, description = "A new session"),
        (status = 200, body = ListeningSessionBody, description = "A session is already going: here it is"),
        (status = 409, body = ErrorBody, description = "Your partner has not joined yet"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn start(
    State(state): State<AppState>,
    m: ApiMember,
    ApiJson(body): ApiJson<ListeningStartRequest>,
) -> ApiResult<(StatusCode, axum::Json<ListeningSessionBody>)> {
    let i_speak_first = match body.first_speaker.as_str() {
        "me" => true,
        "partner" => false,
        _ => return Err(AppError::field("first_speaker", "Say `me` or `partner`.").into()),
    };
    let (session, created) = listening::start(
        &state.db,
        &m.member,
        &body.topic,
        i_speak_first,
        body.one_phone,
    )
    .await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(session.into())))
}

#[utoipa::path(get, path = "/api/v1/listening/{id}", tag = "talk", security(("bearer" = [])),
    params(("id" = String, Path, description = "A session of your couple")),
    responses((status = 200, body = ListeningSessionBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<ListeningSessionBody>> {
    let s = listening::read(&state.db, &m.member, &id).await?;
    Ok(axum::Json(s.into()))
}

#[utoipa::path(post, path = "/api/v1/listening/{id}/moves", tag = "talk", security(("bearer" = [])),
    params(("id" = String, Path, description = "A session of your couple")),
    request_body = MoveRequest,
    responses(
        (status = 200, body = ListeningSessionBody),
        (status = 409, body = ErrorBody, description = "Not this step, not your turn, or the session has ended"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn make_move(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<MoveRequest>,
) -> ApiResult<axum::Json<ListeningSessionBody>> {
    let Some(kind) = MoveKind::parse(&body.kind) else {
        return Err(AppError::field(
            "kind",
            "One of piece, paraphrase, thats_it, not_quite or swap.",
        )
        .into());
    };
    let s = listening::act(&state.db, &m.member, &id, kind, &body.body).await?;
    Ok(axum::Json(s.into()))
}

#[utoipa::path(post, path = "/api/v1/listening/{id}/end", tag = "talk", security(("bearer" = [])),
    params(("id" = String, Path, description = "A session of your couple")),
    responses((status = 200, body = ListeningSessionBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn end(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<ListeningSessionBody>> {
    let s = listening::end(&state.db, &m.member, &id).await?;
    Ok(axum::Json(s.into()))
}

#[utoipa::path(put, path = "/api/v1/listening/{id}/rating", tag = "talk", security(("bearer" = [])),
    params(("id" = String, Path, description = "An ended session of your couple")),
    request_body = RatingRequest,
    responses(
        (status = 200, body = ListeningSessionBody),
        (status = 409, body = ErrorBody, description = "Not ended yet, or not yours to give"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn rate(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<RatingRequest>,
) -> ApiResult<axum::Json<ListeningSessionBody>> {
    let for_partner = match body.r#for.as_deref() {
        None | Some("me") => false,
        Some("partner") => true,
        Some(_) => return Err(AppError::field("for", "Say `me` or `partner`.").into()),
    };
    let s = listening::rate(&state.db, &m.member, &id, body.felt_heard, for_partner).await?;
    Ok(axum::Json(s.into()))
}

#[utoipa::path(put, path = "/api/v1/listening/{id}/note", tag = "talk", security(("bearer" = [])),
    params(("id" = String, Path, description = "A session of your couple")),
    request_body = ListeningNoteRequest,
    responses((status = 200, body = ListeningSessionBody, description = "Saved, private to you"), (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn note(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ListeningNoteRequest>,
) -> ApiResult<axum::Json<ListeningSessionBody>> {
    let s = listening::note(&state.db, &m.member, &id, &body.body).await?;
    Ok(axum::Json(s.into()))
}
