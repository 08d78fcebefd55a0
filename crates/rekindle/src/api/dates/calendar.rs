//! `/api/v1/calendar…` and one date's `.ics`: the couple's planned dates as iCalendar,
//! and each person's private subscription feed (made, replaced or revoked here; read
//! without a bearer at `/calendar/{token}.ics`).

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::json::ApiPath;
use crate::auth::{ApiMember, ApiUser};
use crate::error::{ApiResult, ErrorBody};
use crate::features::dates::calendar;
use crate::state::AppState;

fn ics(body: String, filename: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

#[utoipa::path(get, path = "/api/v1/calendar.ics", tag = "dates", security(("bearer" = [])),
    responses((status = 200, content_type = "text/calendar", body = String, description = "Your couple's planned dates (RFC 5545, times in UTC; cancelled ones marked so)"),
        (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn couple(State(state): State<AppState>, m: ApiMember) -> ApiResult<Response> {
    Ok(ics(
        calendar::for_member(&state.db, &m.member).await?,
        "dates.ics",
    ))
}

#[utoipa::path(get, path = "/api/v1/dates/{id}/calendar.ics", tag = "dates", security(("bearer" = [])),
    params(("id" = String, Path, description = "A date of your couple")),
    responses((status = 200, content_type = "text/calendar", body = String, description = "One date as a calendar event"),
        (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Response> {
    Ok(ics(
        calendar::one(&state.db, &m.member, &id).await?,
        "date.ics",
    ))
}

#[derive(Serialize, ToSchema)]
pub struct FeedBody {
    /// Shown once: keep it somewhere safe. Anyone with it can read your planned dates.
    pub token: String,
    /// The feed's path on this server (`/calendar/{token}.ics`), for a calendar app.
    pub path: String,
}

#[utoipa::path(post, path = "/api/v1/calendar/feed", tag = "dates", security(("bearer" = [])),
    responses((status = 201, body = FeedBody, description = "A new private feed; any earlier one stops working"),
        (status = 401, body = ErrorBody)))]
pub async fn new_feed(
    State(state): State<AppState>,
    user: ApiUser,
) -> ApiResult<(StatusCode, axum::Json<FeedBody>)> {
    let token = calendar::new_feed(&state.db, &user.user.id, state.clock.now_ms()).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(FeedBody {
            path: calendar::feed_path(&token),
            token,
        }),
    ))
}

#[utoipa::path(delete, path = "/api/v1/calendar/feed", tag = "dates", security(("bearer" = [])),
    responses((status = 204, description = "Revoked (or there was none): the feed's address answers 404 from now on"),
        (status = 401, body = ErrorBody)))]
pub async fn revoke_feed(State(state): State<AppState>, user: ApiUser) -> ApiResult<StatusCode> {
    calendar::revoke_feed(&state.db, &user.user.id).await?;
    Ok(StatusCode::NO_CONTENT)
}
