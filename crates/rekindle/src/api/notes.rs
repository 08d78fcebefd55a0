//! `/api/v1/notes…`: love notes — send now, at a moment, or as a surprise inside a
//! window; the inbox (delivered notes only, checked when read); what you sent; cancel
//! before delivery; a heart and a favourite.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::json::{ApiJson, ApiPath, ApiQuery};
use super::{instant, parse_instant};
use crate::auth::ApiMember;
use crate::error::{ApiResult, AppError, ErrorBody};
use crate::features::notes::{self, Mark, NoteView, When};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct SurpriseWindow {
    /// The window's start (RFC 3339 with offset).
    pub from: String,
    /// The window's end; at least ten minutes after `from`, within a year.
    pub to: String,
}

#[derive(Deserialize, ToSchema)]
pub struct LoveNoteRequest {
    /// Up to 2000 characters. Your partner sees this from its moment on, and nothing of
    /// it before.
    pub body: String,
    /// Deliver at this moment (RFC 3339 with offset, within a year); omit for now.
    pub deliver_at: Option<String>,
    /// Deliver at a moment the server picks inside this window and keeps hidden.
    /// Not together with `deliver_at`.
    pub surprise_window: Option<SurpriseWindow>,
}

#[derive(Serialize, ToSchema)]
pub struct LoveNoteCreated {
    pub id: String,
}

#[derive(Serialize, ToSchema)]
pub struct LoveNoteBody {
    pub id: String,
    pub body: String,
    /// Who wrote it.
    pub from: String,
    pub from_me: bool,
    /// `now`, `at` or `surprise`.
    pub timing: String,
    /// Whether it has arrived (notes to you always have).
    pub delivered: bool,
    /// When it arrives or arrived — hidden for your own surprise still to come.
    pub deliver_at: Option<String>,
    /// Your surprise's window (your own notes only).
    pub surprise_window: Option<SurpriseWindowBody>,
    /// The recipient's heart (shared).
    pub hearted: bool,
    /// Your own favourite mark (yours alone).
    pub favourite: bool,
}

#[derive(Serialize, ToSchema)]
pub struct SurpriseWindowBody {
    pub from: String,
    pub to: String,
}

impl From<NoteView> for LoveNoteBody {
    fn from(n: NoteView) -> Self {
        Self {
            id: n.id,
            body: n.body,
            from: n.from_name,
            from_me: n.from_me,
            timing: n.timing.to_owned(),
            delivered: n.delivered,
            deliver_at: n.delivered_at_ms.map(instant),
            surprise_window: n.window.map(|(from, to)| SurpriseWindowBody {
                from: instant(from),
                to: instant(to),
            }),
            hearted: n.hearted,
            favourite: n.favourite,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct LoveNoteList {
    /// Newest first.
    pub notes: Vec<LoveNoteBody>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InboxQuery {
    /// `true`: only the notes you keep among your favourites.
    #[serde(default)]
    pub favourites: bool,
}

#[utoipa::path(post, path = "/api/v1/notes", tag = "touch", security(("bearer" = [])),
    request_body = LoveNoteRequest,
    responses((status = 201, body = LoveNoteCreated, description = "Written; your partner sees it from its moment on, and nothing of it before"),
        (status = 409, body = ErrorBody, description = "Your partner has not joined yet"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody, description = "Not in a couple"),
        (status = 401, body = ErrorBody)))]
pub async fn send(
    State(state): State<AppState>,
    m: ApiMember,
    ApiJson(body): ApiJson<LoveNoteRequest>,
) -> ApiResult<(StatusCode, axum::Json<LoveNoteCreated>)> {
    let when = match (&body.deliver_at, &body.surprise_window) {
        (Some(_), Some(_)) => {
            return Err(AppError::field(
                "deliver_at",
                "Choose a moment or a surprise window, not both.",
            )
            .into());
        }
        (Some(at), None) => When::At(parse_instant("deliver_at", at)?),
        (None, Some(w)) => When::Surprise {
            from: parse_instant("surprise_window", &w.from)?,
            to: parse_instant("surprise_window", &w.to)?,
        },
        (None, None) => When::Now,
    };
    let id = notes::send(&state.db, &m.member, &body.body, when).await?;
    state.wake_outbox();
    Ok((StatusCode::CREATED, axum::Json(LoveNoteCreated { id })))
}

#[utoipa::path(get, path = "/api/v1/notes/inbox", tag = "touch", security(("bearer" = [])),
    params(InboxQuery),
    responses((status = 200, body = LoveNoteList, description = "Notes that have arrived for you (the newest 200); a note counts from its moment on"),
        (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn inbox(
    State(state): State<AppState>,
    m: ApiMember,
    ApiQuery(q): ApiQuery<InboxQuery>,
) -> ApiResult<axum::Json<LoveNoteList>> {
    let list = notes::inbox(&state.db, &m.member, q.favourites, (notes::SHOWN, 0)).await?;
    Ok(axum::Json(LoveNoteList {
        notes: list.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/notes/sent", tag = "touch", security(("bearer" = [])),
    responses((status = 200, body = LoveNoteList, description = "Notes you wrote, arrived or still to come (the newest 200)"),
        (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn sent(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<LoveNoteList>> {
    let list = notes::sent(&state.db, &m.member, (notes::SHOWN, 0)).await?;
    Ok(axum::Json(LoveNoteList {
        notes: list.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(delete, path = "/api/v1/notes/{id}", tag = "touch", security(("bearer" = [])),
    params(("id" = String, Path, description = "A note you wrote")),
    responses((status = 204, description = "Cancelled; it never arrives"),
        (status = 409, body = ErrorBody, description = "It has already arrived"),
        (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn cancel(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    notes::cancel(&state.db, &m.member, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn set_mark(
    state: &AppState,
    m: &ApiMember,
    id: &str,
    mark: Mark,
    on: bool,
) -> ApiResult<StatusCode> {
    notes::mark(&state.db, &m.member, id, mark, on).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/api/v1/notes/{id}/heart", tag = "touch", security(("bearer" = [])),
    params(("id" = String, Path, description = "A note that arrived for you")),
    responses((status = 204, description = "Hearted; the writer sees it"), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn heart(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    set_mark(&state, &m, &id, Mark::Heart, true).await
}

#[utoipa::path(delete, path = "/api/v1/notes/{id}/heart", tag = "touch", security(("bearer" = [])),
    params(("id" = String, Path, description = "A note that arrived for you")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn unheart(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    set_mark(&state, &m, &id, Mark::Heart, false).await
}

#[utoipa::path(put, path = "/api/v1/notes/{id}/favourite", tag = "touch", security(("bearer" = [])),
    params(("id" = String, Path, description = "A note that arrived for you")),
    responses((status = 204, description = "Kept among your favourites (yours alone)"), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn favourite(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    set_mark(&state, &m, &id, Mark::Favourite, true).await
}

#[utoipa::path(delete, path = "/api/v1/notes/{id}/favourite", tag = "touch", security(("bearer" = [])),
    params(("id" = String, Path, description = "A note that arrived for you")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn unfavourite(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    set_mark(&state, &m, &id, Mark::Favourite, false).await
}
