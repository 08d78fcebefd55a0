//! `GET /api/v1/me/export`: everything you wrote and may see, as one uncompressed
//! JSON document (CONTRACT.md).

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use crate::auth::ApiUser;
use crate::db::visibility::Scope;
use crate::error::{ApiError, AppError, ErrorBody};
use crate::features::export;
use crate::state::AppState;

#[utoipa::path(get, path = "/api/v1/me/export", tag = "accounts", security(("bearer" = [])),
    description = "One uncompressed JSON document (`format`: `rekindle-export/1`): your account, couples, reminders and notifications, and every row of every kind of writing that you wrote (from every couple) or that your partner shared with you in your current couple. Your private writing is opened with your key; `_unopened` marks any that could not be (locked). Nothing your partner kept private or sealed is in it.",
    responses((status = 200, description = "The export", content_type = "application/json", body = Object),
        (status = 401, body = ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    u: ApiUser,
) -> Result<impl IntoResponse, ApiError> {
    let scope = Scope::new(
        &u.user.id,
        u.couple.as_ref().map(|c| c.id.as_str()),
        state.clock.now_ms(),
    );
    let doc = export::document(&state.db, &scope, u.key.as_ref()).await?;
    let body = serde_json::to_string(&doc).map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"rekindle-export.json\"",
            ),
        ],
        body,
    ))
}
