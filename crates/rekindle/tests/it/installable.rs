//! Installable on a phone: the web app manifest and the icons it names, the service
//! worker (served from the root, storing only the offline page and its files), the
//! offline page (public, the same for everyone), and the layout linking it all on
//! every page. `browser/installable.rs` shows the worker at work in Chromium.

use axum::http::{Method, StatusCode};
use rekindle::app::{Access, routes};

use crate::helpers::{TestApp, TestResponse, pair};

/// Exactly what the service worker may store: the offline page and the files it needs.
const PRECACHE: [&str; 9] = [
    "/offline",
    "/static/app.css",
    "/static/app.js",
    "/static/htmx-2.0.11.min.js",
    "/static/icon.svg",
    "/static/icon-192.png",
    "/static/icon-512.png",
    "/static/icon-maskable-512.png",
    "/static/apple-touch-icon.png",
];

/// A PNG's width, height and colour type, read from its IHDR chunk.
fn png_header(what: &str, bytes: &[u8]) -> (u32, u32, u8) {
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{what} is not a PNG"
    );
    assert_eq!(&bytes[12..16], b"IHDR", "{what}: IHDR comes first");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (width, height, bytes[25])
}

/// Opaque: colour type 0 (grey) or 2 (RGB), which have no alpha channel, and no tRNS
/// chunk naming a transparent colour.
fn opaque(colour_type: u8, bytes: &[u8]) -> bool {
    matches!(colour_type, 0 | 2) && !bytes.windows(4).any(|w| w == b"tRNS")
}

/// The page colours app.css declares: `--bg` in light mode, then in dark.
fn page_colours() -> (String, String) {
    let css = include_str!("../../static/app.css");
    let found: Vec<&str> = css
        .match_indices("--bg: ")
        .map(|(at, _)| css[at + "--bg: ".len()..].split(';').next().unwrap().trim())
        .collect();
    assert_eq!(
        found.len(),
        2,
        "one --bg for light, one for dark: {found:?}"
    );
    (found[0].to_owned(), found[1].to_owned())
}

async fn get(app: &TestApp, path: &str) -> TestResponse {
    app.page(Method::GET, path, None, &[]).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_manifest_names_rekindle_and_every_icon_it_names_is_served() {
    let app = TestApp::sqlite().await;
    let res = get(&app, "/manifest.webmanifest").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.header("content-type"),
        Some("application/manifest+json")
    );
    assert_eq!(res.header("cache-control"), Some("public, max-age=3600"));
    let manifest = res.json();
    assert_eq!(manifest["name"], "Rekindle");
    assert_eq!(manifest["short_name"], "Rekindle");
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["scope"], "/");
    assert_eq!(manifest["display"], "standalone");
    assert!(manifest["description"].as_str().unwrap().len() > 20);
    let (light, _) = page_colours();
    assert_eq!(manifest["background_color"], light.as_str());
    assert_eq!(manifest["theme_color"], light.as_str());

    let icons = manifest["icons"].as_array().unwrap();
    let mut png_sizes = Vec::new();
    let mut maskable = 0;
    for icon in icons {
        let src = icon["src"].as_str().unwrap();
        let kind = icon["type"].as_str().unwrap();
        let res = get(&app, src).await;
        assert_eq!(res.status, StatusCode::OK, "{src}");
        assert_eq!(res.header("content-type"), Some(kind), "{src}");
        assert_eq!(res.header("cache-control"), Some("public, max-age=3600"));
        if kind != "image/png" {
            assert_eq!(
                (kind, icon["sizes"].as_str()),
                ("image/svg+xml", Some("any"))
            );
            continue;
        }
        let (w, h, colour) = png_header(src, &res.body);
        assert_eq!(
            icon["sizes"],
            format!("{w}x{h}"),
            "{src} is the size it says"
        );
        png_sizes.push(w);
        if icon["purpose"] == "maskable" {
            maskable += 1;
            // Launchers crop a maskable icon to their own shape; no corner may show
            // through (the flame sits in the safe zone: scripts/make-icons.sh).
            assert!(opaque(colour, &res.body), "{src} fills its square");
        }
    }
    png_sizes.sort_unstable();
    png_sizes.dedup();
    assert_eq!(png_sizes, [192, 512], "the two sizes installers ask for");
    assert_eq!(maskable, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_apple_touch_icon_is_an_opaque_180_pixel_png() {
    let app = TestApp::sqlite().await;
    let res = get(&app, "/static/apple-touch-icon.png").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-type"), Some("image/png"));
    let (w, h, colour) = png_header("apple-touch-icon", &res.body);
    assert_eq!((w, h), (180, 180));
    // iOS paints transparency black; the square is filled instead.
    assert!(opaque(colour, &res.body));
}

/// The string literals of the worker's `PRECACHE` array.
fn precache_list(js: &str) -> Vec<String> {
    let start = js.find("var PRECACHE = [").expect("a PRECACHE list");
    let body = js[start..].split_once('[').unwrap().1;
    let body = body.split_once("];").expect("the list ends").0;
    body.split(',')
        .map(|item| item.trim().trim_matches('"').to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_worker_comes_from_the_root_and_stores_only_the_offline_page() {
    let app = TestApp::sqlite().await;
    let res = get(&app, "/sw.js").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.header("content-type")
            .unwrap()
            .starts_with("text/javascript"),
        "{:?}",
        res.header("content-type")
    );
    // Checked with the server on every load, so a fixed worker reaches phones at once.
    assert_eq!(res.header("cache-control"), Some("no-cache"));
    let js = res.text();

    assert_eq!(precache_list(&js), PRECACHE, "exactly the offline set");
    // Each stored path is a public route that a visitor gets (nothing private to fetch).
    for path in PRECACHE {
        let served = get(&app, path).await;
        assert_eq!(served.status, StatusCode::OK, "{path}");
    }
    // No private page or API path appears anywhere in the worker.
    for route in routes() {
        if route.access == Access::Public || route.path.contains('{') {
            continue;
        }
        assert!(
            !js.contains(&format!("\"{}\"", route.path)),
            "the worker names the private {}",
            route.path
        );
    }
    assert!(!js.contains("/api/"), "the worker never touches the API");
    // Stored only through the one addAll of the list; nothing is ever put afterwards.
    assert_eq!(js.matches("addAll(").count(), 1);
    assert!(!js.contains(".put("), "no answer is ever stored on the way");
    // A versioned cache, older versions dropped on activate.
    assert!(js.contains("var VERSION = \"rekindle-offline-v"));
    assert!(js.contains("caches.delete(name)") && js.contains("name !== VERSION"));
    // The page script registers it, where browsers have service workers at all.
    let app_js = get(&app, "/static/app.js").await.text();
    assert!(app_js.contains("if (\"serviceWorker\" in navigator)"));
    assert!(app_js.contains("navigator.serviceWorker.register(\"/sw.js\")"));
}

/// The checks every public page passes (as in `web_pages.rs`): quick exit, strict
/// headers, no inline style or script.
fn assert_page_hygiene(res: &TestResponse, path: &str) {
    let html = res.text();
    assert!(html.contains("id=\"quick-exit\""), "{path}");
    let csp = res.header("content-security-policy").unwrap();
    assert!(
        csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{path}"
    );
    assert!(
        csp.contains("manifest-src 'self'") && csp.contains("worker-src 'self'"),
        "{path}"
    );
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(res.header("referrer-policy"), Some("same-origin"));
    assert_eq!(res.header("cache-control"), Some("no-store"), "{path}");
    assert!(!html.contains(" style=\""), "no inline styles: {path}");
    assert!(!html.contains("<script>"), "no inline script: {path}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_offline_page_is_public_calm_and_the_same_for_everyone() {
    let app = TestApp::sqlite().await;
    let visitor = get(&app, "/offline").await;
    assert_eq!(visitor.status, StatusCode::OK);
    assert_page_hygiene(&visitor, "/offline");
    let html = visitor.text();
    assert!(html.contains("<h1>You're offline for now</h1>"), "{html}");
    assert!(html.contains("safe on the server"));
    assert!(html.contains("href=\"/\" data-reload>Try again</a>"));

    // Signed in, it is byte for byte the visitor's page: the copy a phone keeps says
    // nothing of who uses it (no name, no nav, no count of updates).
    let p = pair(&app).await;
    let sam = app
        .page(Method::GET, "/offline", Some(&p.sam_cookie), &[])
        .await;
    assert_eq!(sam.status, StatusCode::OK);
    assert_eq!(sam.body, visitor.body);
    for private in ["Sam", "Alex", "/logout", "/settings", "Log in", "Updates"] {
        assert!(
            !html.contains(private),
            "the offline page shows {private:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_links_the_manifest_icon_and_theme_colours() {
    let app = TestApp::sqlite().await;
    let p = pair(&app).await;
    let (light, dark) = page_colours();
    let head = [
        "<link rel=\"manifest\" href=\"/manifest.webmanifest\">".to_owned(),
        "<link rel=\"apple-touch-icon\" href=\"/static/apple-touch-icon.png\">".to_owned(),
        format!(
            "<meta name=\"theme-color\" content=\"{light}\" media=\"(prefers-color-scheme: light)\">"
        ),
        format!(
            "<meta name=\"theme-color\" content=\"{dark}\" media=\"(prefers-color-scheme: dark)\">"
        ),
    ];
    let mut pages = 0;
    let paths = routes()
        .into_iter()
        .filter(|r| r.method == Method::GET && !r.is_api() && !r.path.contains('{'))
        .map(|r| r.path)
        .chain(["/no/such/page"]);
    for path in paths {
        for cookie in [None, Some(p.sam_cookie.as_str())] {
            let res = app.page(Method::GET, path, cookie, &[]).await;
            let is_html = res
                .header("content-type")
                .is_some_and(|t| t.starts_with("text/html"))
                && res.header("content-disposition").is_none();
            if !is_html {
                continue; // downloads, redirects, the manifest itself
            }
            pages += 1;
            let html = res.text();
            for tag in &head {
                assert!(html.contains(tag.as_str()), "{path} lacks {tag}");
            }
        }
    }
    assert!(pages > 30, "checked {pages} pages");
}
