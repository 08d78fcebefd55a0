//! `/api/v1/state-of-us`: the weekly meeting's agenda, notes, done, history, and the
//! couple's meeting day.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::{ApiJson, ApiPath};
use crate::auth::ApiMember;
use crate::error::{ApiResult, ErrorBody};
use crate::features::state_of_us::{self, Agenda};
use crate::state::AppState;
use rekindle_core::meeting::weekday_name;

#[derive(Serialize, ToSchema)]
pub struct AgendaBody {
    /// The meeting's local day (the couple's zone).
    pub day: String,
    /// `monday` … `sunday`.
    pub weekday: String,
    /// First day of the week looked back on (the meeting day is the last).
    pub week_from: String,
    /// Held: both of you said "we've had our talk".
    pub done: bool,
    /// You said "we've had our talk" (held once your partner says it too).
    pub i_confirmed: bool,
    /// Your partner said "we've had our talk".
    pub partner_confirmed: bool,
    pub appreciations: Vec<MeetingAppreciationBody>,
    /// How the week felt for you, in words.
    pub my_week: String,
    pub partner_week: Option<String>,
    pub notes: Vec<NoteBody>,
    /// Compromise topics whose look-back day has come (this week's agenda only).
    pub look_back_due: Vec<LookBackDueBody>,
}

#[derive(Serialize, ToSchema)]
pub struct LookBackDueBody {
    pub id: String,
    pub title: String,
}

#[derive(Serialize, ToSchema)]
pub struct MeetingAppreciationBody {
    /// `me` or `partner`.
    pub by: String,
    pub day: String,
    pub text: String,
}

#[derive(Serialize, ToSchema)]
pub struct NoteBody {
    pub id: String,
    /// `went_well`, `talk_about` or `next_week`.
    pub section: String,
    /// `me` or `partner`.
    pub by: String,
    pub body: String,
}

#[derive(Serialize, ToSchema)]
pub struct PastMeetings {
    pub meetings: Vec<AgendaBody>,
}

#[derive(Deserialize, ToSchema)]
pub struct MeetingNoteRequest {
    /// `went_well`, `talk_about` or `next_week`.
    pub section: String,
    /// Your partner sees this.
    #[schema(min_length = 1, max_length = 2000)]
    pub body: String,
}

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: String,
}

#[derive(Deserialize, Serialize, ToSchema)]
pub struct MeetingDay {
    /// `monday` … `sunday`.
    pub weekday: String,
}

fn who(by_me: bool) -> String {
    if by_me { "me" } else { "partner" }.to_owned()
}

impl From<Agenda> for AgendaBody {
    fn from(a: Agenda) -> Self {
        Self {
            day: a.day.to_string(),
            weekday: weekday_name(a.weekday).to_owned(),
            week_from: a.week_from.to_string(),
            done: a.done,
            i_confirmed: a.i_confirmed,
            partner_confirmed: a.partner_confirmed,
            appreciations: a
                .appreciations
                .into_iter()
                .map(|x| MeetingAppreciationBody {
                    by: who(x.by_me),
                    day: x.day,
                    text: x.text,
                })
                .collect(),
            my_week: a.my_week,
            partner_week: a.partner_week,
            look_back_due: a
                .look_back_due
                .into_iter()
                .map(|(id, title)| LookBackDueBody { id, title })
                .collect(),
            notes: a
                .notes
                .into_iter()
                .map(|n| NoteBody {
                    id: n.id,
                    section: n.section.as_str().to_owned(),
                    by: who(n.by_me),
                    body: n.body,
                })
                .collect(),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/state-of-us", tag = "state-of-us", security(("bearer" = [])),
    responses((status = 200, body = AgendaBody), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn current(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<AgendaBody>> {
    let agenda = state_of_us::current(&state.db, &m.member).await?;
    Ok(axum::Json(agenda.into()))
}

#[utoipa::path(post, path = "/api/v1/state-of-us/notes", tag = "state-of-us", security(("bearer" = [])),
    request_body = MeetingNoteRequest,
    responses((status = 201, body = Created), (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn add_note(
    State(state): State<AppState>,
    m: ApiMember,
    ApiJson(body): ApiJson<MeetingNoteRequest>,
) -> ApiResult<(StatusCode, axum::Json<Created>)> {
    let id = state_of_us::add_note(&state.db, &m.member, &body.section, &body.body).await?;
    Ok((StatusCode::CREATED, axum::Json(Created { id })))
}

#[utoipa::path(post, path = "/api/v1/state-of-us/done", tag = "state-of-us", security(("bearer" = [])),
    responses((status = 200, body = AgendaBody, description = "You said \"we've had our talk\"; the meeting is held (`done`) once your partner says it too"), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn done(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<AgendaBody>> {
    state_of_us::confirm_talk(&state.db, &m.member).await?;
    current_agenda(&state, &m).await
}

#[utoipa::path(delete, path = "/api/v1/state-of-us/done", tag = "state-of-us", security(("bearer" = [])),
    responses((status = 200, body = AgendaBody, description = "Your \"we've had our talk\" is taken back"),
        (status = 409, body = ErrorBody, description = "`meeting_held`: you have both said it, so it stays"),
        (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn undo(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<AgendaBody>> {
    state_of_us::undo_talk(&state.db, &m.member).await?;
    current_agenda(&state, &m).await
}

async fn current_agenda(state: &AppState, m: &ApiMember) -> ApiResult<axum::Json<AgendaBody>> {
    Ok(axum::Json(
        state_of_us::current(&state.db, &m.member).await?.into(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct NoteEdit {
    /// The new words; your partner sees them.
    #[schema(min_length = 1, max_length = 2000)]
    pub body: String,
}

#[utoipa::path(put, path = "/api/v1/state-of-us/notes/{id}", tag = "state-of-us", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your own notes in this week's meeting")),
    request_body = NoteEdit,
    responses((status = 204, description = "Changed"),
        (status = 409, body = ErrorBody, description = "`meeting_held` or `meeting_over`: the talk was held or the week has passed"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody, description = "Not a note of yours"), (status = 401, body = ErrorBody)))]
pub async fn edit_note(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<NoteEdit>,
) -> ApiResult<StatusCode> {
    state_of_us::change_note(&state.db, &m.member, &id, Some(&body.body)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/state-of-us/notes/{id}", tag = "state-of-us", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your own notes in this week's meeting")),
    responses((status = 204, description = "Withdrawn"),
        (status = 409, body = ErrorBody, description = "`meeting_held` or `meeting_over`: the talk was held or the week has passed"),
        (status = 404, body = ErrorBody, description = "Not a note of yours"), (status = 401, body = ErrorBody)))]
pub async fn withdraw_note(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    state_of_us::change_note(&state.db, &m.member, &id, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/state-of-us/past", tag = "state-of-us", security(("bearer" = [])),
    responses((status = 200, body = PastMeetings), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn past(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<PastMeetings>> {
    let meetings = state_of_us::past(&state.db, &m.member).await?;
    Ok(axum::Json(PastMeetings {
        meetings: meetings.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(put, path = "/api/v1/couple/meeting-day", tag = "state-of-us", security(("bearer" = [])),
    request_body = MeetingDay,
    responses((status = 200, body = MeetingDay), (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn set_day(
    State(state): State<AppState>,
    m: ApiMember,
    ApiJson(body): ApiJson<MeetingDay>,
) -> ApiResult<axum::Json<MeetingDay>> {
    let day = state_of_us::set_weekday(&state.db, &m.couple, &body.weekday).await?;
    Ok(axum::Json(MeetingDay {
        weekday: weekday_name(day).to_owned(),
    }))
}
