//! `/api/v1/couple`: start a couple with an invite, join, look, leave.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::instant;
use super::json::ApiJson;
use crate::auth::invite::{self, JoinRefusal};
use crate::auth::{ApiMember, ApiUser, ClientIp};
use crate::db::couples::{self, Couple, InviteError, JoinError};
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
    match couples::invite(&state.db, &user.user).await {
        Ok(invite) => Ok((
            StatusCode::CREATED,
            axum::Json(InviteResponse {
                invite_code: invite.code,
                short_code: group_short_code(&invite.short_code),
                expires_at: instant(invite.expires_at_ms),
            }),
        )),
        Err(InviteError::CoupleFull) => Err(AppError::Conflict {
            code: "couple_full",
            message: "You two are already together here; there is no one else to invite.".into(),
        }
        .into()),
        Err(InviteError::Db(err)) => Err(err.into()),
    }
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
    let result = invite::join(&state, &user.user.id, &body.invite_code, ip).await;
    let err = match result {
        Ok(couple) => return Ok(axum::Json(couple.into())),
        Err(JoinRefusal::Wait(secs)) => {
            return Err(AppError::TooManyRequests {
                retry_after_secs: secs,
            }
            .into());
        }
        Err(JoinRefusal::Join(err)) => err,
    };
    match err {
        JoinError::OwnInvite => Err(AppError::Conflict {
            code: "own_invite",
            message:
                "That's your own invite. Send it to your partner, and they can join you with it."
                    .into(),
        }
        .into()),
        JoinError::InvalidInvite => Err(AppError::Missing {
            code: "invite_invalid",
            message: "This invite has expired or was already used. Ask for a fresh one.".into(),
        }
        .into()),
        JoinError::CoupleFull => Err(AppError::Conflict {
            code: "couple_full",
            message: "That couple already has two members.".into(),
        }
        .into()),
        JoinError::AlreadyInCouple => Err(AppError::Conflict {
            code: "already_in_couple",
            message: "You are already in a couple. Leave it first to join another.".into(),
        }
        .into()),
        JoinError::Db(err) => Err(err.into()),
    }
}

#[utoipa::path(get, path = "/api/v1/couple", tag = "couple", security(("bearer" = [])),
    responses(
        (status = 200, body = CoupleBody),
        (status = 404, body = ErrorBody, description = "Not in a couple"),
        (status = 401, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    user: ApiUser,
) -> ApiResult<axum::Json<CoupleBody>> {
    let couple = couples::current_for(&state.db, &user.user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(axum::Json(couple.into()))
}

#[utoipa::path(post, path = "/api/v1/couple/leave", tag = "couple", security(("bearer" = [])),
    responses(
        (status = 204, description = "Left at once; the couple has ended for both"),
        (status = 404, body = ErrorBody, description = "Not in a couple"),
        (status = 401, body = ErrorBody)))]
pub async fn leave(State(state): State<AppState>, m: ApiMember) -> ApiResult<StatusCode> {
    if couples::leave(&state.db, &m.user.id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound.into())
    }
}
