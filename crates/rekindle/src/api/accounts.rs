//! `/api/v1/auth/*`: sign up, sign in and sign out with bearer tokens.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::ApiJson;
use super::me::UserBody;
use crate::auth::accounts::{self, SignUp};
use crate::auth::{ApiUser, ClientIp, device};
use crate::db::sessions::SessionKind;
use crate::error::{ApiResult, ErrorBody};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct RegisterRequest {
    #[schema(max_length = 254)]
    pub email: String,
    /// At least 8 characters; long passphrases welcome; common passwords refused.
    #[schema(min_length = 8, max_length = 1024)]
    pub password: String,
    /// What your partner will call you here (trimmed).
    #[schema(min_length = 1, max_length = 60)]
    pub display_name: String,
    /// An IANA time zone name, such as `Europe/London`.
    pub timezone: String,
    /// A couple invite code: joins that couple at once. Required when the server
    /// only lets invited people register.
    #[serde(default)]
    pub invite_code: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RegisterResponse {
    pub user: UserBody,
    /// The bearer token; shown once.
    pub token: String,
    /// This client's device token: send it back when signing in (header
    /// `X-Rekindle-Device`, or `device_token` in the body) so that waits other sources
    /// caused do not apply to you.
    pub device_token: String,
    /// Your recovery code, shown this once and never stored: it is the only way to
    /// open your journal and private notes if your password is ever reset by the
    /// operator. Write it down somewhere safe.
    pub recovery_code: String,
}

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    /// The device token from an earlier sign-in (or use the `X-Rekindle-Device`
    /// header).
    #[serde(default)]
    pub device_token: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    /// The bearer token; shown once.
    pub token: String,
    /// This client's device token (the one sent, while it is live, or a new one).
    /// Send it back when signing in, so waits other sources caused do not apply.
    pub device_token: String,
}

#[utoipa::path(post, path = "/api/v1/auth/register", tag = "accounts",
    request_body = RegisterRequest,
    responses(
        (status = 201, body = RegisterResponse, description = "Account created and signed in"),
        (status = 409, body = ErrorBody, description = "The e-mail is taken"),
        (status = 422, body = ErrorBody, description = "Some fields need another look"),
        (status = 403, body = ErrorBody, description = "Registration needs an invite"),
        (status = 429, body = ErrorBody, description = "Too many sign-ups from this source (a taken e-mail counts); see Retry-After"),
        (status = 503, body = ErrorBody, description = "Busy for a moment; see Retry-After"),
    ))]
pub async fn register(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiJson(body): ApiJson<RegisterRequest>,
) -> ApiResult<(StatusCode, axum::Json<RegisterResponse>)> {
    let form = SignUp {
        email: body.email,
        password: body.password,
        display_name: body.display_name,
        timezone: body.timezone,
        invite_code: body.invite_code,
    };
    let session = accounts::sign_up(&state, &form, ip, SessionKind::Api).await?;
    crate::auth::accounts::name_session(&state, &session.session_id, &headers).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(RegisterResponse {
            user: UserBody::from(&session.user),
            token: session.token,
            device_token: session.device_token,
            recovery_code: session
                .recovery_code
                .as_ref()
                .map(crate::vault::recovery::RecoveryCode::grouped)
                .unwrap_or_default(),
        }),
    ))
}

#[utoipa::path(post, path = "/api/v1/auth/login", tag = "accounts",
    request_body = LoginRequest,
    responses(
        (status = 200, body = TokenResponse, description = "Signed in"),
        (status = 401, body = ErrorBody, description = "E-mail and password do not match an account"),
        (status = 429, body = ErrorBody, description = "Too many failed tries; see Retry-After (whole seconds, rounded up)"),
        (status = 503, body = ErrorBody, description = "Busy for a moment; see Retry-After"),
    ),
    params(("X-Rekindle-Device" = Option<String>, Header,
        description = "The device token from an earlier sign-in")))]
pub async fn login(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiJson(body): ApiJson<LoginRequest>,
) -> ApiResult<axum::Json<TokenResponse>> {
    let presented = body
        .device_token
        .as_deref()
        .or_else(|| device::from_header(&headers));
    let session = accounts::sign_in(
        &state,
        &body.email,
        &body.password,
        ip,
        SessionKind::Api,
        presented,
    )
    .await?;
    crate::auth::accounts::name_session(&state, &session.session_id, &headers).await?;
    Ok(axum::Json(TokenResponse {
        token: session.token,
        device_token: session.device_token,
    }))
}

#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The token stops working"),
        (status = 401, body = ErrorBody),
    ))]
pub async fn logout(State(state): State<AppState>, user: ApiUser) -> ApiResult<StatusCode> {
    crate::auth::accounts::end_session(&state, &user.user.id, &user.session_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
