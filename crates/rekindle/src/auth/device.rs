//! Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"):
//! a browser or client that signed in to an account successfully gets a device token.
//! Sign-ins that present a live token *for that account* are throttled in the token's
//! own bucket, so the waits that other sources caused — a partner trying one wrong
//! password a minute from the same home network — never keep the owner out. A token's
//! own failures are throttled too, so a stolen phone cannot guess forever; changing the
//! password forgets every device.
//!
//! Pages carry it in the `rekindle_device` cookie (HttpOnly, SameSite=Lax, `Secure`
//! per config, 400 days); API clients get `device_token` in the sign-in answer and
//! send it back in the `X-Rekindle-Device` header (or `device_token` in the body).

use axum::http::{HeaderMap, HeaderValue};

use crate::db::devices;
use crate::secret::{hash_token, looks_like_token};
use crate::state::AppState;

/// The browser cookie that holds the device token.
pub const DEVICE_COOKIE: &str = "rekindle_device";
/// The header API clients send the device token in.
pub const DEVICE_HEADER: &str = "x-rekindle-device";

/// The device token from the request's cookies.
pub fn from_cookie(headers: &HeaderMap) -> Option<&str> {
    super::current::cookie(headers, DEVICE_COOKIE)
}

/// The device token from the API header.
pub fn from_header(headers: &HeaderMap) -> Option<&str> {
    headers.get(DEVICE_HEADER)?.to_str().ok().map(str::trim)
}

/// The `Set-Cookie` value that keeps a device token in the browser.
pub fn cookie(token: &str, secure: bool) -> HeaderValue {
    let max_age = devices::DEVICE_LIFETIME_MS / 1000;
    let secure = if secure { "; Secure" } else { "" };
    let text = format!(
        "{DEVICE_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    );
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The throttle bucket of a presented token, when it is live and belongs to `user_id`.
pub async fn trusted_bucket(
    state: &AppState,
    presented: Option<&str>,
    user_id: &str,
) -> Result<Option<String>, crate::db::Error> {
    let Some(token) = presented.filter(|t| looks_like_token(t)) else {
        return Ok(None);
    };
    let owner = devices::owner(&state.db, token, state.clock.now_ms()).await?;
    Ok(owner
        .filter(|owner| owner == user_id)
        .map(|_| hash_token(token)))
}
