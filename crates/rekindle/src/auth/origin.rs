//! Cross-site request protection for the web pages: a state-changing request must
//! come from our own origin. Browsers tell us through `Origin` (and `Sec-Fetch-Site`);
//! with SameSite=Lax cookies on top, a form on another site cannot act for a person.
//! The JSON API is exempt: it only accepts bearer tokens, which browsers never attach
//! on their own.
//!
//! An origin is scheme *and* host: `https://host` is not `http://host`. The server's
//! own scheme is `https` when it is told so — `X-Forwarded-Proto` from a proxy it was
//! told to trust (`--trust-proxy-headers`), else `--cookie-secure` (which the operator
//! turns on exactly when people reach it over HTTPS) — and `http` otherwise.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::config::Config;
use crate::error::AppError;
use crate::state::AppState;

/// The scheme people use to reach this server (see the module docs).
pub fn server_scheme(config: &Config, headers: &HeaderMap) -> &'static str {
    let forwarded = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(str::trim);
    match forwarded {
        Some(proto) if config.trust_proxy_headers && proto.eq_ignore_ascii_case("https") => "https",
        Some(_) if config.trust_proxy_headers => "http",
        _ if config.cookie_secure => "https",
        _ => "http",
    }
}

/// Whether the request's browser-supplied origin headers say it is same-origin, for a
/// server reached over `scheme`.
pub fn is_same_origin(method: &Method, headers: &HeaderMap, scheme: &str) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    // Browsers send `Origin: null` when a referrer policy hides the origin; then only
    // Sec-Fetch-Site can tell.
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .filter(|o| *o != "null");
    if let Some(origin) = origin {
        return match (origin.split_once("://"), host) {
            (Some((origin_scheme, origin_host)), Some(host)) => {
                origin_scheme.eq_ignore_ascii_case(scheme)
                    && origin_host.trim_end_matches('/').eq_ignore_ascii_case(host)
            }
            _ => false,
        };
    }
    // No Origin: accept only what the browser itself marks as same-origin or typed in.
    matches!(
        headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()),
        Some("same-origin" | "none")
    )
}

/// Middleware for the page routes.
pub async fn require_same_origin(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let scheme = server_scheme(&state.config, request.headers());
    if is_same_origin(request.method(), request.headers(), scheme) {
        next.run(request).await
    } else {
        crate::web::WebError(AppError::Forbidden {
            code: "cross_site",
            message: "This form came from another site, so we didn't act on it. Please use the form on this page.".into(),
        })
        .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn same_origin_posts_pass_and_others_do_not() {
        let post = Method::POST;
        assert!(is_same_origin(
            &post,
            &headers(&[("host", "a.test:8080"), ("origin", "http://a.test:8080")]),
            "http"
        ));
        assert!(!is_same_origin(
            &post,
            &headers(&[("host", "a.test:8080"), ("origin", "http://evil.test")]),
            "http"
        ));
        assert!(!is_same_origin(
            &post,
            &headers(&[("host", "a.test"), ("origin", "null")]),
            "http"
        ));
        assert!(is_same_origin(
            &post,
            &headers(&[("host", "a.test"), ("sec-fetch-site", "same-origin")]),
            "http"
        ));
        assert!(!is_same_origin(
            &post,
            &headers(&[("host", "a.test"), ("sec-fetch-site", "cross-site")]),
            "http"
        ));
        assert!(!is_same_origin(
            &post,
            &headers(&[("host", "a.test")]),
            "http"
        ));
        assert!(is_same_origin(&Method::GET, &headers(&[]), "http"));
    }

    #[test]
    fn the_scheme_is_part_of_the_origin() {
        let post = Method::POST;
        let h = headers(&[("host", "a.test"), ("origin", "https://a.test")]);
        assert!(!is_same_origin(&post, &h, "http"));
        assert!(is_same_origin(&post, &h, "https"));
        let h = headers(&[("host", "a.test"), ("origin", "http://a.test")]);
        assert!(!is_same_origin(&post, &h, "https"));
    }

    #[test]
    fn the_server_scheme_follows_the_operators_settings() {
        let forwarded = headers(&[("x-forwarded-proto", "https")]);
        let plain = Config::default();
        assert_eq!(
            server_scheme(&plain, &forwarded),
            "http",
            "untrusted header"
        );
        let secure = Config {
            cookie_secure: true,
            ..Config::default()
        };
        assert_eq!(server_scheme(&secure, &HeaderMap::new()), "https");
        let proxied = Config {
            trust_proxy_headers: true,
            ..Config::default()
        };
        assert_eq!(server_scheme(&proxied, &forwarded), "https");
        assert_eq!(server_scheme(&proxied, &HeaderMap::new()), "http");
    }
}
