//! Input hygiene that holds for every request, in one place, before any handler runs —
//! and inside the security-headers layer, so its refusals carry every header and the
//! contract's shape (JSON for `/api/`, the error page elsewhere):
//!
//! - a body over the cap is 413, whether its `Content-Length` says so up front or it
//!   turns out longer while being read;
//! - text must be UTF-8 once decoded — the path and query after percent-decoding, a
//!   form body after percent-decoding — or the request is refused (400), never saved
//!   with replacement characters;
//! - no NUL character anywhere: raw, `%00` in a path, query or form, or `\u0000` in a
//!   JSON string or key. PostgreSQL cannot store NUL in text and no person types one,
//!   so refusing it up front keeps both engines identical.
//!
//! Each check looks at the *decoded* values, so ordinary text that merely looks like an
//! escape — "100%00" in a JSON string, `a\\u0000b` (an escaped backslash) — passes.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode;

use crate::error::{ApiError, AppError};
use crate::web::WebError;

/// Request bodies above this are refused with 413 (PRIVACY.md baseline).
pub const BODY_LIMIT_BYTES: usize = 1024 * 1024;

/// Why a request's text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    Nul,
    NotUtf8,
}

impl Problem {
    fn error(self) -> AppError {
        match self {
            Self::Nul => AppError::BadRequest {
                code: "nul_character",
                message: "Text can't contain the NUL character. Nothing was saved.".into(),
            },
            Self::NotUtf8 => AppError::BadRequest {
                code: "invalid_utf8",
                message:
                    "Some of the text couldn't be read (it isn't valid UTF-8). Nothing was saved."
                        .into(),
            },
        }
    }
}

/// Decoded bytes must be UTF-8 text without NUL.
fn check_text(decoded: &[u8]) -> Result<(), Problem> {
    let text = std::str::from_utf8(decoded).map_err(|_| Problem::NotUtf8)?;
    if text.contains('\0') {
        return Err(Problem::Nul);
    }
    Ok(())
}

/// Percent-decodes and checks. Decoding a whole path, query or form at once is the
/// same as decoding each part: the separators (`/`, `&`, `=`) are ASCII, and ASCII
/// bytes never fall inside a UTF-8 sequence.
fn check_percent_encoded(raw: &[u8]) -> Result<(), Problem> {
    let decoded: Vec<u8> = percent_decode(raw).collect();
    check_text(&decoded)
}

fn check_uri(uri: &Uri) -> Result<(), Problem> {
    check_percent_encoded(uri.path().as_bytes())?;
    check_percent_encoded(uri.query().unwrap_or_default().as_bytes())
}

/// Whether a JSON text escapes a NUL (`\u0000`) inside a string or key. One pass over
/// the bytes with no allocation: building a value tree of a 1 MiB body first would cost
/// many times its size per request, a memory lever for anyone sending large bodies.
/// An escaped backslash (`\\`) is skipped whole, so `\\u0000` is ordinary text.
fn json_escapes_nul(bytes: &[u8]) -> bool {
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        match (in_string, bytes[i]) {
            (true, b'\\') => {
                if bytes.get(i + 1) == Some(&b'u') && bytes.get(i + 2..i + 6) == Some(b"0000") {
                    return true;
                }
                i += 2;
                continue;
            }
            (_, b'"') => in_string = !in_string,
            _ => {}
        }
        i += 1;
    }
    false
}

fn is_form(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/x-www-form-urlencoded")
        })
}

fn check_body(headers: &HeaderMap, bytes: &[u8]) -> Result<(), Problem> {
    if is_form(headers) {
        return check_percent_encoded(bytes);
    }
    if bytes.contains(&0) {
        return Err(Problem::Nul);
    }
    // JSON (whatever the declared type): the decoded strings and keys. Whether it is
    // JSON at all is left to the handler's own extractor, which refuses it clearly.
    if json_escapes_nul(bytes) {
        Err(Problem::Nul)
    } else {
        Ok(())
    }
}

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()
}

fn refuse(is_api: bool, err: AppError) -> Response {
    if is_api {
        ApiError(err).into_response()
    } else {
        WebError(err).into_response()
    }
}

/// Middleware: refuses oversized bodies, text that is not UTF-8, and NUL characters.
pub async fn check_input(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let cap = u64::try_from(BODY_LIMIT_BYTES).unwrap_or(u64::MAX);
    if declared_length(request.headers()).is_some_and(|n| n > cap) {
        return refuse(is_api, AppError::PayloadTooLarge);
    }
    if let Err(problem) = check_uri(request.uri()) {
        return refuse(is_api, problem.error());
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, BODY_LIMIT_BYTES).await else {
        return refuse(is_api, AppError::PayloadTooLarge);
    };
    if let Err(problem) = check_body(&parts.headers, &bytes) {
        return refuse(is_api, problem.error());
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue, Uri, header};

    use super::{Problem, check_body, check_uri};

    fn form() -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        h
    }

    fn json() -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        h
    }

    fn uri(s: &str) -> Result<(), Problem> {
        check_uri(&s.parse::<Uri>().unwrap())
    }

    #[test]
    fn finds_real_nul_in_every_spelling() {
        assert_eq!(check_body(&json(), b"a\0b"), Err(Problem::Nul));
        assert_eq!(check_body(&form(), b"name=a%00b"), Err(Problem::Nul));
        assert_eq!(
            check_body(&json(), br#"{"a":"x\u0000"}"#),
            Err(Problem::Nul)
        );
        assert_eq!(check_body(&json(), br#"{"x\u0000":1}"#), Err(Problem::Nul));
        assert_eq!(check_body(&json(), br#"[["\u0000"]]"#), Err(Problem::Nul));
        assert_eq!(uri("/x/a%00b"), Err(Problem::Nul));
        assert_eq!(uri("/x?q=a%00"), Err(Problem::Nul));
    }

    #[test]
    fn ordinary_text_that_looks_like_an_escape_passes() {
        // A browser sends a typed "100%00" as `100%2500`; decoded once it is "100%00".
        assert_eq!(check_body(&form(), b"body=at+100%2500+today"), Ok(()));
        assert_eq!(
            check_body(&json(), br#"{"body":"at 100%00 today"}"#),
            Ok(())
        );
        // An escaped backslash, then `u0000`: eight characters, no NUL.
        assert_eq!(check_body(&json(), br#"{"body":"a\\u0000b"}"#), Ok(()));
        assert_eq!(check_body(&json(), br#"{"a":"\u00e9"}"#), Ok(()));
        assert_eq!(uri("/x/100%2500?q=100%2500"), Ok(()));
    }

    #[test]
    fn text_that_is_not_utf8_after_decoding_is_refused() {
        assert_eq!(check_body(&form(), b"body=%FF%FE"), Err(Problem::NotUtf8));
        assert_eq!(check_body(&form(), b"body=\xff"), Err(Problem::NotUtf8));
        assert_eq!(check_body(&form(), b"a=%C3&b=%A9"), Err(Problem::NotUtf8));
        assert_eq!(check_body(&form(), b"body=caf%C3%A9"), Ok(()));
        assert_eq!(uri("/x/%FF"), Err(Problem::NotUtf8));
        assert_eq!(uri("/x?q=%FF"), Err(Problem::NotUtf8));
        assert_eq!(uri("/x/%F0%9F%92%9B"), Ok(()));
    }

    /// What serde_json decodes: a NUL in any string or key.
    fn decoded_nul(v: &serde_json::Value) -> bool {
        use serde_json::Value;
        match v {
            Value::String(s) => s.contains('\0'),
            Value::Array(a) => a.iter().any(decoded_nul),
            Value::Object(m) => m.iter().any(|(k, v)| k.contains('\0') || decoded_nul(v)),
            _ => false,
        }
    }

    #[test]
    fn escapes_are_read_as_json_reads_them() {
        for (text, nul) in [
            (&br#"{"a":"\\\u0000"}"#[..], true), // an escaped backslash, then a NUL
            (br#"{"a":"\\\\u0000"}"#, false),    // two escaped backslashes, then text
            (br#"{"a":"\"\u0000"}"#, true),      // an escaped quote keeps the string open
            (br#"{"u0000":"x"} \u0000"#, false), // outside any string: not JSON's to say
            (br#"{"a":"\u00001"}"#, true),
            (br#"{"a":"\u0001"}"#, false),
        ] {
            assert_eq!(
                super::json_escapes_nul(text),
                nul,
                "{}",
                String::from_utf8_lossy(text)
            );
            if let Ok(v) = serde_json::from_slice::<serde_json::Value>(text) {
                assert_eq!(decoded_nul(&v), nul, "agrees with serde_json");
            }
        }
    }

    proptest::proptest! {
        /// Any JSON that serde_json writes — keys and strings built from the awkward
        /// characters — is judged exactly as decoding it would judge it.
        #[test]
        fn the_scan_agrees_with_decoding(
            pairs in proptest::collection::vec(
                ("[a\\\\\"u0\u{0}]{0,6}", "[a\\\\\"u0\u{0}é]{0,8}"),
                0..5,
            )
        ) {
            let map: serde_json::Map<String, serde_json::Value> = pairs
                .iter()
                .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
                .collect();
            let value = serde_json::Value::Object(map);
            let text = serde_json::to_vec(&value).unwrap();
            proptest::prop_assert_eq!(super::json_escapes_nul(&text), decoded_nul(&value));
        }
    }

    #[test]
    fn a_body_that_is_not_json_is_left_to_its_handler() {
        assert_eq!(check_body(&json(), b"{\"oops"), Ok(()));
        assert_eq!(check_body(&json(), b"\xff\xfe"), Ok(()));
    }
}
