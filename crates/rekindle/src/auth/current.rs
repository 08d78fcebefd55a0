//! Extractors for the person making a request: `ApiUser` from a bearer token,
//! `WebUser` from the session cookie, and `ClientIp` for throttling.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::db::couples::Couple;
use crate::db::sessions::{self, SessionKind, Signed};
use crate::db::users::User;
use crate::error::{ApiError, AppError};
use crate::features::Member;
use crate::secret::looks_like_token;
use crate::state::AppState;
use crate::vault::DataKey;

/// The browser session cookie. `__Host-` would be stronger but needs HTTPS, which
/// plain-HTTP self-hosting and tests do not have.
pub const SESSION_COOKIE: &str = "rekindle_session";

/// A signed-in person, via `Authorization: Bearer …`.
#[derive(Debug, Clone)]
pub struct ApiUser {
    pub user: User,
    pub session_id: String,
    /// Their current couple, read in the same statement as the session.
    pub couple: Option<Couple>,
    /// Their data key, opened by this session's token; `None` while locked.
    pub key: Option<DataKey>,
}

/// A signed-in person, via the session cookie.
#[derive(Debug, Clone)]
pub struct WebUser {
    pub user: User,
    pub session_id: String,
    /// Their current couple, read in the same statement as the session.
    pub couple: Option<Couple>,
    /// Their data key, opened by this session's token; `None` while locked.
    pub key: Option<DataKey>,
}

/// The bearer token of a request, if it carries one.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The value of the cookie `name`, if the request carries it.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// The session token from the request's cookies, if any.
pub fn cookie_token(headers: &HeaderMap) -> Option<&str> {
    cookie(headers, SESSION_COOKIE)
}

/// The `Set-Cookie` value that starts a browser session, kept by the browser for
/// `days` (`--session-days`; by default 400, as long as browsers allow, so a person who
/// comes back now and then is not signed out monthly — the server still ends a
/// session after 30 idle days).
pub fn session_cookie(token: &str, secure: bool, days: u32) -> HeaderValue {
    let max_age = u64::from(days) * 24 * 60 * 60;
    let secure = if secure { "; Secure" } else { "" };
    let text = format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    );
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_session_cookie(secure: bool) -> HeaderValue {
    let text = if secure {
        "rekindle_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure"
    } else {
        "rekindle_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
    };
    HeaderValue::from_static(text)
}

async fn authenticate(
    state: &AppState,
    parts: &mut Parts,
    kind: SessionKind,
) -> Result<Option<Signed>, AppError> {
    let token = match kind {
        SessionKind::Api => bearer_token(&parts.headers),
        SessionKind::Web => cookie_token(&parts.headers),
    };
    match token {
        Some(token) if looks_like_token(token) => {
            let token = token.to_owned();
            let Ok(ClientIp(from)) = ClientIp::from_request_parts(parts, state).await;
            let now = state.clock.now_ms();
            Ok(sessions::authenticate(&state.db, &token, kind, from, now).await?)
        }
        _ => Ok(None),
    }
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let found = authenticate(state, parts, SessionKind::Api).await?;
        let Signed {
            user,
            session_id,
            couple,
            key,
        } = found.ok_or(AppError::Unauthorized)?;
        Ok(Self {
            user,
            session_id,
            couple,
            key,
        })
    }
}

/// Why a page needing a session could not be shown.
pub enum WebAuthRejection {
    /// Not signed in: go to the sign-in page.
    SignIn,
    Failed(AppError),
}

impl IntoResponse for WebAuthRejection {
    fn into_response(self) -> Response {
        match self {
            Self::SignIn => Redirect::to("/login").into_response(),
            Self::Failed(err) => crate::web::WebError(err).into_response(),
        }
    }
}

impl FromRequestParts<AppState> for WebUser {
    type Rejection = WebAuthRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let found = authenticate(state, parts, SessionKind::Web)
            .await
            .map_err(WebAuthRejection::Failed)?;
        let Signed {
            user,
            session_id,
            couple,
            key,
        } = found.ok_or(WebAuthRejection::SignIn)?;
        Ok(Self {
            user,
            session_id,
            couple,
            key,
        })
    }
}

impl OptionalFromRequestParts<AppState> for WebUser {
    type Rejection = crate::web::WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        let found = authenticate(state, parts, SessionKind::Web).await?;
        Ok(found.map(|s| Self {
            user: s.user,
            session_id: s.session_id,
            couple: s.couple,
            key: s.key,
        }))
    }
}

/// The client's address: the socket peer, or — only when the operator says a proxy of
/// theirs is in front — the last hop that proxy recorded in `X-Forwarded-For`.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if state.config.trust_proxy_headers
            && let Some(ip) = parts
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .and_then(|v| v.trim().parse::<IpAddr>().ok())
        {
            return Ok(Self(ip));
        }
        // Falls back to axum's MockConnectInfo in tests; no peer at all is "unspecified".
        let peer = ConnectInfo::<SocketAddr>::from_request_parts(parts, state)
            .await
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
        Ok(Self(peer))
    }
}

/// A signed-in person (bearer token) who is in a couple: the [`Member`] services act
/// for, and the session it came with. Anyone else gets 401 or 404 before the body is
/// even read, so "not yours" never depends on what was sent.
#[derive(Debug, Clone)]
pub struct ApiMember {
    pub member: Member,
    pub session_id: String,
}

/// The same for pages (session cookie): the same shape.
#[derive(Debug, Clone)]
pub struct WebMember {
    pub member: Member,
    pub session_id: String,
}

impl std::ops::Deref for ApiMember {
    type Target = Member;
    fn deref(&self) -> &Member {
        &self.member
    }
}

impl std::ops::Deref for WebMember {
    type Target = Member;
    fn deref(&self) -> &Member {
        &self.member
    }
}

impl FromRequestParts<AppState> for ApiMember {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let ApiUser {
            user,
            session_id,
            couple,
            key,
        } = ApiUser::from_request_parts(parts, state).await?;
        let couple = couple.ok_or(AppError::NotFound)?;
        Ok(Self {
            member: Member {
                user,
                couple,
                now_ms: state.clock.now_ms(),
                key,
            },
            session_id,
        })
    }
}

impl WebMember {
    /// The signed-in person behind this member, for pages any signed-in person sees.
    pub fn web_user(&self) -> WebUser {
        WebUser {
            user: self.member.user.clone(),
            session_id: self.session_id.clone(),
            couple: Some(self.member.couple.clone()),
            key: self.member.key.clone(),
        }
    }
}

impl FromRequestParts<AppState> for WebMember {
    type Rejection = WebAuthRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let WebUser {
            user,
            session_id,
            couple,
            key,
        } = <WebUser as FromRequestParts<AppState>>::from_request_parts(parts, state).await?;
        let couple = couple.ok_or(WebAuthRejection::Failed(AppError::NotFound))?;
        Ok(Self {
            member: Member {
                user,
                couple,
                now_ms: state.clock.now_ms(),
                key,
            },
            session_id,
        })
    }
}
