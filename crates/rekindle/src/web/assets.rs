//! Static files, embedded in the binary so a single file is the whole app, and the
//! caching rule for each kind: files under `/static/` and the web app manifest may be
//! kept for an hour; the service worker is checked on every load (a stale one would
//! keep an old offline page and old rules on phones). Text files go gzipped to
//! browsers that accept it, compressed once per process (htmx is 52 KB as it is, 16 KB
//! gzipped: the home page in all stays well under 60 KB).

use std::io::Write as _;
use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::WebError;
use crate::error::AppError;

struct Asset {
    name: &'static str,
    mime: &'static str,
    body: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "app.css",
        mime: "text/css; charset=utf-8",
        body: include_bytes!("../../static/app.css"),
    },
    Asset {
        name: "app.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/app.js"),
    },
    Asset {
        name: "htmx-2.0.11.min.js",
        mime: "text/javascript; charset=utf-8",
        body: include_bytes!("../../static/htmx-2.0.11.min.js"),
    },
    Asset {
        name: "icon.svg",
        mime: "image/svg+xml",
        body: include_bytes!("../../static/icon.svg"),
    },
    // Rendered from icon.svg by scripts/make-icons.sh; the manifest names them.
    Asset {
        name: "icon-192.png",
        mime: "image/png",
        body: include_bytes!("../../static/icon-192.png"),
    },
    Asset {
        name: "icon-512.png",
        mime: "image/png",
        body: include_bytes!("../../static/icon-512.png"),
    },
    Asset {
        name: "icon-maskable-512.png",
        mime: "image/png",
        body: include_bytes!("../../static/icon-maskable-512.png"),
    },
    Asset {
        name: "apple-touch-icon.png",
        mime: "image/png",
        body: include_bytes!("../../static/apple-touch-icon.png"),
    },
];

/// Kept by browsers and proxies for an hour: nothing in them is anyone's.
const FOR_AN_HOUR: &str = "public, max-age=3600";
/// Stored but checked with the server before each use.
const CHECK_EVERY_TIME: &str = "no-cache";

fn respond(body: &'static [u8], mime: &'static str, cache: &'static str) -> Response {
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

/// Whether the request's `Accept-Encoding` takes gzip (and does not refuse it with
/// `q=0`).
fn takes_gzip(headers: &HeaderMap) -> bool {
    let Some(accepted) = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    // Each coding named, and whether it is wanted (q above 0).
    let named: Vec<(&str, bool)> = accepted
        .split(',')
        .map(|part| {
            let mut bits = part.split(';');
            let name = bits.next().unwrap_or("").trim();
            let refused = bits.any(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            (name, !refused)
        })
        .collect();
    // gzip by name decides; otherwise `*` does.
    named
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("gzip"))
        .or_else(|| named.iter().find(|(name, _)| *name == "*"))
        .is_some_and(|(_, wanted)| *wanted)
}

fn is_text(mime: &str) -> bool {
    mime.starts_with("text/") || mime.starts_with("image/svg")
}

/// Each text asset gzipped (the same order as `ASSETS`; `None` for images), made the
/// first time one is asked for.
fn gzipped() -> &'static [Option<Vec<u8>>] {
    static ALL: OnceLock<Vec<Option<Vec<u8>>>> = OnceLock::new();
    ALL.get_or_init(|| {
        ASSETS
            .iter()
            .map(|a| {
                is_text(a.mime).then(|| {
                    let mut gz =
                        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                    // Writing to a Vec cannot fail.
                    let _ = gz.write_all(a.body);
                    gz.finish().unwrap_or_default()
                })
            })
            .collect()
    })
}

pub async fn serve(Path(file): Path<String>, headers: HeaderMap) -> Result<Response, WebError> {
    let at = ASSETS
        .iter()
        .position(|a| a.name == file)
        .ok_or(WebError(AppError::NotFound))?;
    let asset = &ASSETS[at];
    if !is_text(asset.mime) {
        return Ok(respond(asset.body, asset.mime, FOR_AN_HOUR));
    }
    let gz = gzipped()[at].as_deref().filter(|gz| !gz.is_empty());
    let mut response = match gz {
        Some(gz) if takes_gzip(&headers) => {
            let mut r = respond(gz, asset.mime, FOR_AN_HOUR);
            r.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            r
        }
        _ => respond(asset.body, asset.mime, FOR_AN_HOUR),
    };
    // Caches keep the two forms apart.
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    Ok(response)
}

/// `GET /manifest.webmanifest`: what a phone needs to put Rekindle on its home screen.
pub async fn manifest() -> Response {
    respond(
        include_bytes!("../../static/manifest.webmanifest"),
        "application/manifest+json",
        FOR_AN_HOUR,
    )
}

/// `GET /sw.js`: the service worker. It must come from the root, not `/static/`, for
/// its scope to be the whole site (a worker controls only the paths below its own).
pub async fn service_worker() -> Response {
    respond(
        include_bytes!("../../static/sw.js"),
        "text/javascript; charset=utf-8",
        CHECK_EVERY_TIME,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(value: &str) -> bool {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        takes_gzip(&h)
    }

    #[test]
    fn gzip_is_sent_only_to_those_who_take_it() {
        assert!(accepting("gzip, deflate, br"));
        assert!(accepting("br;q=1.0, GZIP;q=0.5"));
        assert!(accepting("*"));
        assert!(!accepting("gzip;q=0"));
        assert!(!accepting("gzip;q=0, *"));
        assert!(!accepting("*;q=0"));
        assert!(!accepting("gzip; q=0.000"));
        assert!(!accepting("br, deflate"));
        assert!(!accepting("identity"));
        assert!(!takes_gzip(&HeaderMap::new()));
    }
}
