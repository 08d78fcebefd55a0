//! Input hygiene that holds for every request, in one place: no NUL characters
//! anywhere — raw, percent-encoded (`%00`) or JSON-escaped (`\u0000`). PostgreSQL cannot
//! store NUL in text, and no person types one, so refusing it up front with a clear 400
//! keeps both engines identical and bad input away from the database.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::app::BODY_LIMIT_BYTES;
use crate::error::{ApiError, AppError};
use crate::web::WebError;

fn contains_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
        || bytes.windows(3).any(|w| w.eq_ignore_ascii_case(b"%00"))
        || bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000"))
}

fn refuse(is_api: bool, err: AppError) -> Response {
    if is_api {
        ApiError(err).into_response()
    } else {
        WebError(err).into_response()
    }
}

/// Middleware: refuses requests carrying NUL in the URI or body.
pub async fn refuse_nul(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let nul = || AppError::BadRequest {
        code: "nul_character",
        message: "Text can't contain the NUL character. Nothing was saved.".into(),
    };
    if contains_nul(request.uri().to_string().as_bytes()) {
        return refuse(is_api, nul());
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, BODY_LIMIT_BYTES).await else {
        return refuse(is_api, AppError::PayloadTooLarge);
    };
    if contains_nul(&bytes) {
        return refuse(is_api, nul());
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::contains_nul;

    #[test]
    fn finds_nul_in_every_spelling() {
        assert!(contains_nul(b"a\0b"));
        assert!(contains_nul(b"name=a%00b"));
        assert!(contains_nul(b"{\"a\":\"x\\u0000\"}"));
        assert!(contains_nul(b"{\"a\":\"x\\U0000\"}"));
        assert!(!contains_nul(b"name=100%25&x=%20"));
        assert!(!contains_nul(b"{\"a\":\"\\u00e9\"}"));
    }
}
