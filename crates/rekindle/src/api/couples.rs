//! `/api/v1/couple`: start a couple with an invite, join, look, leave.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::instant;
use super::json::ApiJson;
use crate::auth::{ApiMember, ApiUser, ClientIp};
use crate::db::couples::Couple;
use crate::error::{ApiResult, AppError, ErrorBody};
use crate::secret::group_short_code;
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct InviteResponse {
    /// Single use; shown once. The web link is `/join/{invite_code}`.
    pub invite_code: String,
    /// The same invite as a short code to type or read aloud, grouped
    /// (`K7QM-4RXP-29`); case, spaces and dashes do not matter when typed. Single use,
    /// shown once, and guesses are throttled per source.
    pub short_code: String,
    pub expires_at: String,
}

#[derive(Deserialize, ToSchema)]
pub struct JoinRequest {
    /// The long code from the link, or the short code.
    pub invite_code: String,
}

#[derive(Serialize, ToSchema)]
pub struct MemberBody {
    pub id: String,
    pub display_name: String,
}

#[derive(Serialize, ToSchema)]
pub struct CoupleBody {
    pub id: String,
    pub members: Vec<MemberBody>,
}

impl From<Couple> for CoupleBody {
    fn from(c: Couple) -> Self {
        Self {
            id: c.id,
            members: c
                .members
                .into_iter()
                .map(|m| MemberBody {
                    id: m.id,
                    display_name: m.display_name,
                })
                .collect(),
        }
    }
}

#[utoipa::path(post, path = "/api/v1/couple", tag = "couple", security(("bearer" = [])),
    responses(
        (status = 201, body = InviteResponse, description = "A fresh invite (older unused ones stop working); starts the couple if needed"),
        (status = 409, body = ErrorBody, description = "Already two of you"),
        (status = 401, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    user: ApiUser,
) -> ApiResult<(StatusCode, axum::Json<InviteResponse>)> {
    let invite = crate::features::couples::invite(&state, &user.user).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(InviteResponse {
            invite_code: invite.code,
            short_code: group_short_code(&invite.short_code),
            expires_at: instant(invite.expires_at_ms),
        }),
    ))
}

#[utoipa::path(post, path = "/api/v1/couple/join", tag = "couple", security(("bearer" = [])),
    request_body = JoinRequest,
    responses(
        (status = 200, body = CoupleBody),
        (status = 404, body = ErrorBody, description = "The invite is unknown, used or expired"),
        (status = 409, body = ErrorBody, description = "The couple is full, you are already in one, or it is your own invite (`own_invite`)"),
        (status = 429, body = ErrorBody, description = "Too many wrong codes from this source; see Retry-After"),
        (status = 401, body = ErrorBody)))]
pub async fn join(
    State(state): State<AppState>,
    user: ApiUser,
    ClientIp(ip): ClientIp,
    ApiJson(body): ApiJson<JoinRequest>,
) -> ApiResult<axum::Json<CoupleBody>> {
    let couple =
        crate::features::couples::join(&state, &user.user.id, &body.invite_code, ip).await?;
    Ok(axum::Json(couple.into()))
}

#[utoipa::path(get, path = "/api/v1/couple", tag = "couple", security(("bearer" = [])),
    responses(
        (status = 200, body = CoupleBody),
        (status = 404, body = ErrorBody, description = "Not in a couple"),
        (status = 401, body = ErrorBody)))]
pub async fn show(user: ApiUser) -> ApiResult<axum::Json<CoupleBody>> {
    let couple = user.couple.ok_or(AppError::NotFound)?;
    Ok(axum::Json(couple.into()))
}

#[utoipa::path(post, path = "/api/v1/couple/leave", tag = "couple", security(("bearer" = [])),
    responses(
        (status = 204, description = "Left at once; the couple has ended for both"),
        (status = 404, body = ErrorBody, description = "Not in a couple"),
        (status = 401, body = ErrorBody)))]
pub async fn leave(State(state): State<AppState>, m: ApiMember) -> ApiResult<StatusCode> {
    if crate::features::couples::leave(&state, &m.user.id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound.into())
    }
}
