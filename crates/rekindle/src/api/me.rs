//! `/api/v1/me`: the caller's own account, password and sessions.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::instant;
use super::json::{ApiJson, ApiPath};
use crate::auth::accounts;
use crate::auth::{ApiUser, ClientIp};
use crate::db::sessions::SessionKind;
use crate::db::users::User;
use crate::error::{ApiResult, AppError, ErrorBody};
use crate::state::AppState;

/// A person, as they see themselves.
#[derive(Serialize, ToSchema)]
pub struct UserBody {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub timezone: String,
}

impl From<&User> for UserBody {
    fn from(u: &User) -> Self {
        Self {
            id: u.id.clone(),
            email: u.email.clone(),
            display_name: u.display_name.clone(),
            timezone: u.timezone.clone(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct ProfileUpdate {
    #[serde(default)]
    #[schema(min_length = 1, max_length = 60)]
    pub display_name: Option<String>,
    /// An IANA time zone name.
    #[serde(default)]
    pub timezone: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct PasswordChange {
    pub current_password: String,
    /// At least 8 characters; common passwords refused.
    #[schema(min_length = 8, max_length = 1024)]
    pub new_password: String,
}

#[derive(Serialize, ToSchema)]
pub struct AccountSessionBody {
    pub id: String,
    /// `web` (a browser) or `api` (a token).
    pub kind: String,
    pub created_at: String,
    pub last_used_at: String,
    /// Whether this is the session making the request.
    pub current: bool,
    /// The browser and system it signed in from ("Firefox on Android"), when known.
    pub device: Option<String>,
    /// The network address it signed in from (as this server saw it).
    pub signed_in_from: Option<String>,
    /// The network address it was last used from.
    pub last_used_from: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct SessionList {
    pub sessions: Vec<AccountSessionBody>,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = UserBody), (status = 401, body = ErrorBody)))]
pub async fn show(user: ApiUser) -> axum::Json<UserBody> {
    axum::Json(UserBody::from(&user.user))
}

#[utoipa::path(patch, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    request_body = ProfileUpdate,
    responses((status = 200, body = UserBody), (status = 422, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    user: ApiUser,
    ApiJson(body): ApiJson<ProfileUpdate>,
) -> ApiResult<axum::Json<UserBody>> {
    let updated = crate::auth::accounts::update_profile(
        &state,
        &user.user,
        body.display_name.as_deref(),
        body.timezone.as_deref(),
    )
    .await?;
    Ok(axum::Json(UserBody::from(&updated)))
}

#[utoipa::path(put, path = "/api/v1/me/password", tag = "accounts", security(("bearer" = [])),
    request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed; every other session and token has ended"),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    user: ApiUser,
    ApiJson(body): ApiJson<PasswordChange>,
) -> ApiResult<StatusCode> {
    accounts::change_password(
        &state,
        &user.user,
        user.key.as_ref(),
        &user.session_id,
        &body.current_password,
        &body.new_password,
        ip,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/me/sessions", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = SessionList), (status = 401, body = ErrorBody)))]
pub async fn sessions(
    State(state): State<AppState>,
    user: ApiUser,
) -> ApiResult<axum::Json<SessionList>> {
    let list = crate::auth::accounts::sessions_of(&state, &user.user.id).await?;
    let sessions = list
        .into_iter()
        .map(|s| AccountSessionBody {
            current: s.id == user.session_id,
            kind: match s.kind {
                SessionKind::Web => "web".into(),
                SessionKind::Api => "api".into(),
            },
            created_at: instant(s.created_at_ms),
            last_used_at: instant(s.last_seen_at_ms),
            device: s.device,
            signed_in_from: s.created_from,
            last_used_from: s.last_seen_from,
            id: s.id,
        })
        .collect();
    Ok(axum::Json(SessionList { sessions }))
}

#[utoipa::path(delete, path = "/api/v1/me/sessions/{id}", tag = "accounts", security(("bearer" = [])),
    params(("id" = String, Path, description = "A session id from the list")),
    responses((status = 204, description = "Ended"), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn end_session(
    State(state): State<AppState>,
    user: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    if crate::auth::accounts::end_session(&state, &user.user.id, &id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound.into())
    }
}

#[derive(Deserialize, ToSchema)]
pub struct AccountDeletion {
    /// Your current password.
    pub password: String,
    /// Must be `true`: everything you wrote and all your sessions are deleted at once.
    #[serde(default)]
    pub confirm: bool,
}

#[utoipa::path(delete, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    request_body = AccountDeletion,
    description = "Deletes your account at once: you leave your couple (your partner's access to what you wrote ends, notes still to come are cancelled both ways), then everything you wrote and every session and token of yours is deleted. This cannot be undone; export first if you want a copy.",
    responses((status = 204, description = "Deleted; this token no longer works"),
        (status = 422, body = ErrorBody, description = "Wrong password, or not confirmed"),
        (status = 429, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    user: ApiUser,
    ApiJson(body): ApiJson<AccountDeletion>,
) -> ApiResult<StatusCode> {
    if !body.confirm {
        return Err(AppError::field(
            "confirm",
            "Please confirm: your account and everything you wrote will be deleted for good.",
        )
        .into());
    }
    accounts::delete_account(&state, &user.user, &body.password, ip).await?;
    Ok(StatusCode::NO_CONTENT)
}
