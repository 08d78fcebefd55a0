//! Static text files go gzipped to browsers that accept it, and unchanged to those that
//! do not; images go as they are.

use std::io::Read as _;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::helpers::{HOST, TestApp};

async fn get(app: &TestApp, path: &str, accept: Option<&str>) -> crate::helpers::TestResponse {
    let mut req = Request::builder().uri(path).header(header::HOST, HOST);
    if let Some(accept) = accept {
        req = req.header(header::ACCEPT_ENCODING, accept);
    }
    app.send(req.body(Body::empty()).unwrap()).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_files_are_gzipped_for_those_who_take_it() {
    let app = TestApp::sqlite().await;
    for path in [
        "/static/htmx-2.0.11.min.js",
        "/static/app.css",
        "/static/app.js",
    ] {
        let plain = get(&app, path, None).await;
        assert_eq!(plain.status, StatusCode::OK);
        assert_eq!(plain.header("content-encoding"), None);
        let zipped = get(&app, path, Some("gzip, deflate, br")).await;
        assert_eq!(zipped.header("content-encoding"), Some("gzip"), "{path}");
        assert_eq!(zipped.header("vary"), Some("Accept-Encoding"));
        assert!(zipped.body.len() * 2 < plain.body.len(), "{path} shrinks");
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&zipped.body[..])
            .read_to_end(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, plain.body, "{path} unzips to itself");
        let refused = get(&app, path, Some("gzip;q=0, br")).await;
        assert_eq!(refused.header("content-encoding"), None);
    }
    let png = get(&app, "/static/icon-192.png", Some("gzip")).await;
    assert_eq!(png.header("content-encoding"), None);
    assert!(png.body.starts_with(b"\x89PNG"));
}
