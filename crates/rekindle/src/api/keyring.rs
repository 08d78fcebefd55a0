//! `/api/v1/me/private-writing…`: the key that encrypts your journal and other private
//! writing — where it stands, a new recovery code, opening it with the recovery code
//! after an operator's password reset, or starting afresh without the old writing.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::ApiJson;
use crate::auth::{ApiUser, ClientIp, accounts, keyring};
use crate::error::{ApiResult, AppError, ErrorBody};
use crate::state::AppState;

#[derive(Serialize, ToSchema)]
pub struct PrivateWritingBody {
    /// Locked after an operator's password reset, until you give your recovery code.
    pub locked: bool,
    /// Whether you have a recovery code (accounts from before the journal have none
    /// until they make one).
    pub has_recovery_code: bool,
}

#[derive(Deserialize, ToSchema)]
pub struct PasswordConfirm {
    /// Your current password.
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct RecoveryCodeBody {
    /// Shown this once and never stored: write it down somewhere safe. Any earlier code
    /// stops working.
    pub recovery_code: String,
}

#[derive(Deserialize, ToSchema)]
pub struct UnlockRequest {
    /// The recovery code you saved (dashes, spaces and case do not matter).
    pub recovery_code: String,
    /// The password you signed in with.
    pub password: String,
}

#[derive(Deserialize, ToSchema)]
pub struct AfreshRequest {
    /// Your current password.
    pub password: String,
    /// Must be `true`: your old journal and private notes are deleted for good.
    #[serde(default)]
    pub confirm: bool,
}

/// The bearer token of this request (the session's secret wraps the key for it).
fn token(headers: &HeaderMap) -> Result<String, AppError> {
    crate::auth::current::bearer_token(headers)
        .map(str::to_owned)
        .ok_or(AppError::Unauthorized)
}

#[utoipa::path(get, path = "/api/v1/me/private-writing", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = PrivateWritingBody), (status = 401, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    u: ApiUser,
) -> ApiResult<axum::Json<PrivateWritingBody>> {
    let k = keyring::state_of(&state, &u.user.id, u.key.as_ref()).await?;
    Ok(axum::Json(PrivateWritingBody {
        locked: k.locked,
        has_recovery_code: k.has_recovery_code,
    }))
}

#[utoipa::path(post, path = "/api/v1/me/private-writing/recovery-code", tag = "accounts", security(("bearer" = [])),
    request_body = PasswordConfirm,
    responses((status = 200, body = RecoveryCodeBody, description = "A new recovery code; the old one stops working"),
        (status = 409, body = ErrorBody, description = "Locked: open it with your recovery code first"),
        (status = 422, body = ErrorBody, description = "Wrong password"), (status = 429, body = ErrorBody),
        (status = 401, body = ErrorBody)))]
pub async fn new_recovery_code(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    u: ApiUser,
    ApiJson(body): ApiJson<PasswordConfirm>,
) -> ApiResult<axum::Json<RecoveryCodeBody>> {
    let key = keyring::require(u.key.as_ref())?;
    accounts::check_password(&state, &u.user, &body.password, "password", ip).await?;
    let code = keyring::new_recovery_code(&state, &u.user.id, key).await?;
    Ok(axum::Json(RecoveryCodeBody {
        recovery_code: code.grouped(),
    }))
}

#[utoipa::path(post, path = "/api/v1/me/private-writing/unlock", tag = "accounts", security(("bearer" = [])),
    request_body = UnlockRequest,
    responses((status = 204, description = "Open again, for this session and your next sign-ins"),
        (status = 422, body = ErrorBody, description = "Wrong recovery code or password"), (status = 429, body = ErrorBody),
        (status = 401, body = ErrorBody)))]
pub async fn unlock(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    u: ApiUser,
    ApiJson(body): ApiJson<UnlockRequest>,
) -> ApiResult<StatusCode> {
    accounts::check_password(&state, &u.user, &body.password, "password", ip).await?;
    let token = token(&headers)?;
    keyring::unlock(
        &state,
        &u.user.id,
        (&u.session_id, &token),
        &body.recovery_code,
        &body.password,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/me/private-writing/start-afresh", tag = "accounts", security(("bearer" = [])),
    request_body = AfreshRequest,
    responses((status = 200, body = RecoveryCodeBody, description = "Your old private writing is deleted; a new key and recovery code"),
        (status = 409, body = ErrorBody, description = "Not locked: nothing to start afresh from"),
        (status = 422, body = ErrorBody, description = "Wrong password, or not confirmed"), (status = 429, body = ErrorBody),
        (status = 401, body = ErrorBody)))]
pub async fn start_afresh(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    u: ApiUser,
    ApiJson(body): ApiJson<AfreshRequest>,
) -> ApiResult<axum::Json<RecoveryCodeBody>> {
    if !body.confirm {
        return Err(AppError::field(
            "confirm",
            "Please confirm: your old journal and private notes will be deleted for good.",
        )
        .into());
    }
    accounts::check_password(&state, &u.user, &body.password, "password", ip).await?;
    let token = token(&headers)?;
    let session = (u.session_id.as_str(), token.as_str());
    let code =
        keyring::start_afresh(&state, &u.user.id, u.key.as_ref(), session, &body.password).await?;
    Ok(axum::Json(RecoveryCodeBody {
        recovery_code: code.grouped(),
    }))
}
