//! Bad input, made consistent: oversized bodies, text that is not UTF-8 and NUL
//! characters get the contract's answer — the JSON error under `/api/`, the error page
//! elsewhere — with every security header, and nothing is saved. Ordinary text that
//! only looks like a NUL escape ("100%00", an escaped backslash before `u0000`) is
//! saved and read back exactly as written.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::json;

use crate::helpers::{HOST, ORIGIN, TestApp, TestResponse, london_today, pair};
use crate::on_both;

/// Every header `web::headers` promises on every response.
fn assert_secure(res: &TestResponse, what: &str) {
    let csp = res.header("content-security-policy").unwrap_or_default();
    assert!(
        csp.contains("default-src 'self'"),
        "{what}: CSP, got {:?}",
        res.headers
    );
    assert!(
        csp.contains("frame-ancestors 'none'"),
        "{what}: CSP framing"
    );
    assert_eq!(
        res.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(res.header("x-frame-options"), Some("DENY"), "{what}");
    assert_eq!(res.header("referrer-policy"), Some("same-origin"), "{what}");
    assert_eq!(res.header("cache-control"), Some("no-store"), "{what}");
}

/// The contract's JSON error with `code`.
fn assert_api_error(res: &TestResponse, status: StatusCode, code: &str, what: &str) {
    assert_eq!(res.status, status, "{what}: {}", res.text());
    assert!(
        res.header("content-type")
            .unwrap_or_default()
            .starts_with("application/json"),
        "{what}"
    );
    assert_eq!(res.json()["error"]["code"], code, "{what}: {}", res.text());
    assert!(res.json()["error"]["message"].is_string(), "{what}");
    assert_secure(res, what);
}

/// Our HTML error page, saying `phrase`.
fn assert_error_page(res: &TestResponse, status: StatusCode, phrase: &str, what: &str) {
    assert_eq!(res.status, status, "{what}: {}", res.text());
    assert!(
        res.header("content-type")
            .unwrap_or_default()
            .starts_with("text/html"),
        "{what}"
    );
    let html = res.text();
    assert!(
        html.contains("<html") && html.contains(phrase),
        "{what}: {html}"
    );
    assert_secure(res, what);
}

/// A request with raw bytes: a bearer token for `/api/`, a same-origin cookie otherwise.
async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    auth: &str,
    content_type: &str,
    body: Vec<u8>,
    length: bool,
) -> TestResponse {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, HOST);
    if path.starts_with("/api/") {
        req = req.header(header::AUTHORIZATION, format!("Bearer {auth}"));
    } else {
        req = req
            .header(header::COOKIE, format!("rekindle_session={auth}"))
            .header(header::ORIGIN, ORIGIN);
    }
    if !content_type.is_empty() {
        req = req.header(header::CONTENT_TYPE, content_type);
    }
    if length {
        req = req.header(header::CONTENT_LENGTH, body.len());
    }
    app.send(req.body(Body::from(body)).unwrap()).await
}

const FORM: &str = "application/x-www-form-urlencoded";
const JSON: &str = "application/json";

async fn oversized_bodies_get_the_contract_answer_with_every_header(app: TestApp) {
    let p = pair(&app).await;
    let big = vec![b'a'; 2 * 1024 * 1024];
    for length in [true, false] {
        let what = format!("API, 2 MiB, Content-Length sent: {length}");
        let res = send(
            &app,
            Method::POST,
            "/api/v1/coach",
            &p.sam,
            JSON,
            big.clone(),
            length,
        )
        .await;
        assert_api_error(
            &res,
            StatusCode::PAYLOAD_TOO_LARGE,
            "payload_too_large",
            &what,
        );
        let what = format!("page, 2 MiB, Content-Length sent: {length}");
        let res = send(
            &app,
            Method::POST,
            "/checkin",
            &p.sam_cookie,
            FORM,
            big.clone(),
            length,
        )
        .await;
        assert_error_page(&res, StatusCode::PAYLOAD_TOO_LARGE, "1 MiB", &what);
    }
}
on_both!(oversized_bodies_get_the_contract_answer_with_every_header);

async fn invalid_utf8_in_a_path_gets_the_contract_answer(app: TestApp) {
    let p = pair(&app).await;
    for path in ["/api/v1/listening/%FF%FE", "/api/v1/checkins/%FF"] {
        let res = send(&app, Method::GET, path, &p.sam, "", Vec::new(), false).await;
        assert_api_error(&res, StatusCode::BAD_REQUEST, "invalid_utf8", path);
    }
    for path in ["/listen/%FF%FE", "/love-map/rounds/%FF"] {
        let res = send(
            &app,
            Method::GET,
            path,
            &p.sam_cookie,
            "",
            Vec::new(),
            false,
        )
        .await;
        assert_error_page(&res, StatusCode::BAD_REQUEST, "UTF-8", path);
    }
    let res = send(
        &app,
        Method::GET,
        "/api/v1/checkins?from=%FF",
        &p.sam,
        "",
        Vec::new(),
        false,
    )
    .await;
    assert_api_error(&res, StatusCode::BAD_REQUEST, "invalid_utf8", "query");
}
on_both!(invalid_utf8_in_a_path_gets_the_contract_answer);

async fn my_checkins(app: &TestApp, token: &str) -> Vec<serde_json::Value> {
    let res = app
        .api(Method::GET, "/api/v1/checkins", Some(token), None)
        .await;
    res.json()["mine"].as_array().unwrap().clone()
}

async fn invalid_utf8_in_a_form_is_refused_and_nothing_is_saved(app: TestApp) {
    let p = pair(&app).await;
    let today = london_today(&app);
    let form = format!("day={today}&closeness=5&mood=3&felt_heard=4&note=%FF%FE&appreciation=ok");
    let res = send(
        &app,
        Method::POST,
        "/checkin",
        &p.sam_cookie,
        FORM,
        form.into_bytes(),
        true,
    )
    .await;
    assert_error_page(
        &res,
        StatusCode::BAD_REQUEST,
        "UTF-8",
        "check-in form with %FF%FE",
    );
    assert!(my_checkins(&app, &p.sam).await.is_empty(), "nothing saved");
    let prompt = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.sam), None)
        .await
        .json();
    let id = prompt["prompt"]["id"].as_str().unwrap().to_owned();
    let form = format!("prompt_id={id}&body=caf%C3");
    let res = send(
        &app,
        Method::POST,
        "/question/answer",
        &p.sam_cookie,
        FORM,
        form.into_bytes(),
        true,
    )
    .await;
    assert_error_page(
        &res,
        StatusCode::BAD_REQUEST,
        "UTF-8",
        "answer with a cut-off UTF-8 sequence",
    );
    let today = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.sam), None)
        .await
        .json();
    assert!(today["my_answer"].is_null(), "nothing saved: {today}");
}
on_both!(invalid_utf8_in_a_form_is_refused_and_nothing_is_saved);

const BATTERY: &str = "my battery was at 100%00 this morning";
/// The JSON text `"a\\u0000b"`: an escaped backslash, then `u0000` — eight characters, no NUL.
const BACKSLASH: &str = r"a\u0000b";

async fn text_that_looks_like_nul_is_saved_intact(app: TestApp) {
    let p = pair(&app).await;
    let prompt = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.sam), None)
        .await
        .json();
    let id = prompt["prompt"]["id"].as_str().unwrap().to_owned();
    // Sam answers on the page: the browser sends `100%2500`.
    let res = app
        .page(
            Method::POST,
            "/question/answer",
            Some(&p.sam_cookie),
            &[("prompt_id", &id), ("body", BATTERY)],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.text());
    // Alex answers through the API: the JSON text holds `100%00` as written.
    let path = format!("/api/v1/prompts/{id}/answer");
    let res = app
        .api(
            Method::PUT,
            &path,
            Some(&p.alex),
            Some(json!({"body": BATTERY})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let read = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.sam), None)
        .await
        .json();
    assert_eq!(read["my_answer"], BATTERY);
    assert_eq!(read["partner_answer"], BATTERY);
    // The escaped backslash, in a check-in note and appreciation.
    let body = json!({"closeness": 5, "mood": 3, "felt_heard": 4, "note": BACKSLASH, "appreciation": BATTERY});
    assert!(body.to_string().contains(r#""a\\u0000b""#), "{body}");
    let res = app
        .api(
            Method::PUT,
            &format!("/api/v1/checkins/{}", london_today(&app)),
            Some(&p.sam),
            Some(body),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let mine = my_checkins(&app, &p.sam).await;
    assert_eq!(mine[0]["note"], BACKSLASH);
    assert_eq!(mine[0]["note"].as_str().unwrap().chars().count(), 8);
    assert_eq!(mine[0]["appreciation"], BATTERY);
}
on_both!(text_that_looks_like_nul_is_saved_intact);

async fn real_nul_is_still_refused_everywhere(app: TestApp) {
    let p = pair(&app).await;
    let today = london_today(&app);
    let checkin = format!("/api/v1/checkins/{today}");
    let api_cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "\\u0000 in a JSON string",
            br#"{"closeness": 5, "mood": 3, "felt_heard": 4, "note": "a\u0000b"}"#.to_vec(),
        ),
        (
            "\\u0000 in a JSON key",
            br#"{"closeness": 5, "mood": 3, "felt_heard": 4, "no\u0000te": "x"}"#.to_vec(),
        ),
        (
            "a raw NUL byte",
            b"{\"closeness\": 5, \"mood\": 3, \"felt_heard\": 4, \"note\": \"a\0b\"}".to_vec(),
        ),
    ];
    for (what, body) in api_cases {
        let res = send(&app, Method::PUT, &checkin, &p.sam, JSON, body, true).await;
        assert_api_error(&res, StatusCode::BAD_REQUEST, "nul_character", what);
    }
    for path in ["/api/v1/listening/a%00b", "/api/v1/checkins?from=%00"] {
        let res = send(&app, Method::GET, path, &p.sam, "", Vec::new(), false).await;
        assert_api_error(&res, StatusCode::BAD_REQUEST, "nul_character", path);
    }
    let form = format!("day={today}&closeness=5&mood=3&felt_heard=4&note=a%00b");
    let res = send(
        &app,
        Method::POST,
        "/checkin",
        &p.sam_cookie,
        FORM,
        form.into_bytes(),
        true,
    )
    .await;
    assert_error_page(
        &res,
        StatusCode::BAD_REQUEST,
        "NUL character",
        "%00 in a form",
    );
    let res = send(
        &app,
        Method::GET,
        "/listen/a%00b",
        &p.sam_cookie,
        "",
        Vec::new(),
        false,
    )
    .await;
    assert_error_page(
        &res,
        StatusCode::BAD_REQUEST,
        "NUL character",
        "%00 in a page path",
    );
    assert!(my_checkins(&app, &p.sam).await.is_empty(), "nothing saved");
}
on_both!(real_nul_is_still_refused_everywhere);
