//! `GET /api/v1/me/before`: what you wrote in couples that have ended, read-only.

use axum::extract::State;

use crate::auth::ApiUser;
use crate::error::{ApiResult, ErrorBody};
use crate::features::archive::{self, Archive};
use crate::state::AppState;

#[utoipa::path(get, path = "/api/v1/me/before", tag = "accounts", security(("bearer" = [])),
    description = "Your own words from couples that have ended (answers, replies, love-map entries, listening pieces and private notes, State of Us notes), newest couple first. Nothing your former partner wrote is included.",
    responses((status = 200, body = Archive), (status = 401, body = ErrorBody)))]
pub async fn before(
    State(state): State<AppState>,
    user: ApiUser,
) -> ApiResult<axum::Json<Archive>> {
    let current = user.couple.clone();
    let archive = archive::load(
        &state.db,
        &user.user.id,
        &user.user.timezone,
        current.as_ref(),
        user.key.as_ref(),
        state.clock.now_ms(),
    )
    .await?;
    Ok(axum::Json(archive))
}
