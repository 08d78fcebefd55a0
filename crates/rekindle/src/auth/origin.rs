//! Cross-site request protection for the web pages: a state-changing request must
//! come from our own origin. Browsers tell us through `Origin` (and `Sec-Fetch-Site`);
//! with SameSite=Lax cookies on top, a form on another site cannot act for a person.
//! The JSON API is exempt: it only accepts bearer tokens, which browsers never attach
//! on their own.

use axum::extract::Request;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// Whether the request's browser-supplied origin headers say it is same-origin.
pub fn is_same_origin(method: &Method, headers: &HeaderMap) -> bool {
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
        let origin_host = origin
            .split_once("://")
            .map(|(_, rest)| rest.trim_end_matches('/'));
        return origin_host.is_some() && origin_host == host;
    }
    // No Origin: accept only what the browser itself marks as same-origin or typed in.
    matches!(
        headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()),
        Some("same-origin" | "none")
    )
}

/// Middleware for the page routes.
pub async fn require_same_origin(request: Request, next: Next) -> Response {
    if is_same_origin(request.method(), request.headers()) {
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
            &headers(&[("host", "a.test:8080"), ("origin", "http://a.test:8080")])
        ));
        assert!(!is_same_origin(
            &post,
            &headers(&[("host", "a.test:8080"), ("origin", "http://evil.test")])
        ));
        assert!(!is_same_origin(
            &post,
            &headers(&[("host", "a.test"), ("origin", "null")])
        ));
        assert!(is_same_origin(
            &post,
            &headers(&[("host", "a.test"), ("sec-fetch-site", "same-origin")])
        ));
        assert!(!is_same_origin(
            &post,
            &headers(&[("host", "a.test"), ("sec-fetch-site", "cross-site")])
        ));
        assert!(!is_same_origin(&post, &headers(&[("host", "a.test")])));
        assert!(is_same_origin(&Method::GET, &headers(&[])));
    }
}
