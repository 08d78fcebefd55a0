//! Guarding sign-in (issue 8, points 14, 15 and 18): waits per source across accounts,
//! device tokens that keep the owner out of waits others caused, `Retry-After` that
//! can be trusted to the second, taken e-mails counted against sign-ups, the scheme in
//! the same-origin check, and a configurable session cookie lifetime.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{HOST, PASSWORD, TestApp, TestResponse};
use crate::on_both;

/// The partner's phone and the owner's laptop share one home address.
const HOME: &str = "198.51.100.20:5000";

/// An API sign-in from `from`, optionally presenting a device token.
pub async fn login_from(
    app: &TestApp,
    from: &str,
    email: &str,
    password: &str,
    device: Option<&str>,
) -> TestResponse {
    let mut req = Request::post("/api/v1/auth/login")
        .header(header::HOST, HOST)
        .header(header::CONTENT_TYPE, "application/json")
        .extension(ConnectInfo::<SocketAddr>(from.parse().unwrap()));
    if let Some(device) = device {
        req = req.header("x-rekindle-device", device);
    }
    let body = json!({"email": email, "password": password}).to_string();
    app.send(req.body(Body::from(body)).unwrap()).await
}

fn retry_after(res: &TestResponse) -> u64 {
    res.header("retry-after")
        .unwrap_or_else(|| panic!("Retry-After on {}: {}", res.status, res.text()))
        .parse()
        .unwrap()
}

/// The contract's error shape, with the outer layer's security headers.
fn assert_api_error(res: &TestResponse, status: StatusCode, code: &str) {
    assert_eq!(res.status, status, "{}", res.text());
    let body: Value = res.json();
    assert_eq!(body["error"]["code"], code, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
    assert!(res.header("content-security-policy").is_some());
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
}

async fn one_source_guessing_across_many_accounts_slows_down(app: TestApp) {
    let mut first_throttled = None;
    for n in 0..40 {
        let res = login_from(
            &app,
            HOME,
            &format!("made-up-{n}@example.org"),
            "guess guess guess",
            None,
        )
        .await;
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            first_throttled = Some(n);
            assert_api_error(&res, StatusCode::TOO_MANY_REQUESTS, "too_many_requests");
            assert!(retry_after(&res) >= 1);
            break;
        }
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.text());
    }
    let n = first_throttled.expect("a source guessing across accounts is slowed down");
    assert!(n >= 15, "generous before the first wait: {n}");
    // Another source is not affected.
    let elsewhere = login_from(&app, "192.0.2.44:1", "made-up-x@example.org", "x", None).await;
    assert_eq!(elsewhere.status, StatusCode::UNAUTHORIZED);
}
on_both!(one_source_guessing_across_many_accounts_slows_down);

async fn waiting_exactly_as_told_is_enough(app: TestApp) {
    app.register("sam@example.org", "Sam").await;
    let mut res = login_from(&app, HOME, "sam@example.org", "wrong wrong wrong", None).await;
    while res.status == StatusCode::UNAUTHORIZED {
        res = login_from(&app, HOME, "sam@example.org", "wrong wrong wrong", None).await;
    }
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    // Half a second later the server would still say "1" if it rounded down.
    app.clock.set(app.clock.now_ms() + 500);
    let res = login_from(&app, HOME, "sam@example.org", PASSWORD, None).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    let wait = retry_after(&res);
    app.clock.set(app.clock.now_ms() + wait as i64 * 1000);
    let res = login_from(&app, HOME, "sam@example.org", PASSWORD, None).await;
    assert_eq!(res.status, StatusCode::OK, "waited {wait}s: {}", res.text());
}
on_both!(waiting_exactly_as_told_is_enough);

async fn a_device_token_keeps_the_owner_out_of_waits_others_caused(app: TestApp) {
    app.register("sam@example.org", "Sam").await;
    let ok = login_from(&app, HOME, "sam@example.org", PASSWORD, None).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
    let body = ok.json();
    assert!(body["token"].is_string(), "the contract's field stays");
    let device = body["device_token"]
        .as_str()
        .expect("a device token")
        .to_owned();
    assert!(device.len() >= 40, "256 bits");

    // A partner on the same network tries Sam's account again and again.
    for _ in 0..30 {
        login_from(&app, HOME, "sam@example.org", "is it our anniversary", None).await;
    }
    let blocked = login_from(&app, HOME, "sam@example.org", PASSWORD, None).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    // Sam's own device is not caught in those waits.
    let sam = login_from(&app, HOME, "sam@example.org", PASSWORD, Some(&device)).await;
    assert_eq!(sam.status, StatusCode::OK, "{}", sam.text());
    assert_eq!(sam.json()["device_token"], device.as_str(), "kept");

    // The device token belongs to Sam's account only.
    app.register("alex@example.org", "Alex").await;
    for _ in 0..30 {
        login_from(&app, HOME, "alex@example.org", "guess guess", None).await;
    }
    let borrowed = login_from(&app, HOME, "alex@example.org", PASSWORD, Some(&device)).await;
    assert_eq!(borrowed.status, StatusCode::TOO_MANY_REQUESTS);

    // A device's own failures are throttled too (a stolen phone cannot guess forever),
    // in its own bucket.
    let mut last = StatusCode::OK;
    for _ in 0..8 {
        last = login_from(&app, HOME, "sam@example.org", "guess again", Some(&device))
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}
on_both!(a_device_token_keeps_the_owner_out_of_waits_others_caused);

async fn the_web_sign_in_sets_a_device_cookie_and_honours_it(app: TestApp) {
    app.register("sam@example.org", "Sam").await;
    let signed_in = app
        .page(
            Method::POST,
            "/login",
            None,
            &[("email", "sam@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    let device_cookie = signed_in
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("rekindle_device="))
        .expect("a device cookie")
        .to_owned();
    assert!(device_cookie.contains("HttpOnly") && device_cookie.contains("SameSite=Lax"));
    assert!(device_cookie.contains("Max-Age="));
    let device = device_cookie["rekindle_device=".len()..]
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    // Someone at the same address (the test's one source) tries the account.
    for _ in 0..30 {
        app.page(
            Method::POST,
            "/login",
            None,
            &[("email", "sam@example.org"), ("password", "a guess")],
        )
        .await;
    }
    let blocked = app
        .page(
            Method::POST,
            "/login",
            None,
            &[("email", "sam@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(blocked.header("retry-after").is_some());
    assert!(blocked.text().contains("<html"), "an error page, not JSON");
    let req = Request::post("/login")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, crate::helpers::ORIGIN)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, format!("rekindle_device={device}"))
        .body(Body::from(crate::helpers::form_encode(&[
            ("email", "sam@example.org"),
            ("password", PASSWORD),
        ])))
        .unwrap();
    let sam = app.send(req).await;
    assert_eq!(sam.status, StatusCode::SEE_OTHER, "{}", sam.text());
    assert!(sam.session_cookie().is_some());
}
on_both!(the_web_sign_in_sets_a_device_cookie_and_honours_it);

async fn taken_email_sign_ups_count_against_the_source(app: TestApp) {
    app.register("sam@example.org", "Sam").await;
    let mut last = None;
    for _ in 0..25 {
        let res = app
            .api(
                Method::POST,
                "/api/v1/auth/register",
                None,
                Some(json!({"email": "sam@example.org", "password": PASSWORD, "display_name": "Sam", "timezone": "UTC"})),
            )
            .await;
        if res.status != StatusCode::CONFLICT {
            last = Some(res);
            break;
        }
    }
    let res = last.expect("probing for taken e-mails is throttled");
    assert_api_error(&res, StatusCode::TOO_MANY_REQUESTS, "too_many_requests");
    assert!(retry_after(&res) >= 1);
}
on_both!(taken_email_sign_ups_count_against_the_source);

async fn a_form_from_the_other_scheme_is_not_same_origin(app: TestApp) {
    app.register("sam@example.org", "Sam").await;
    // The test server speaks plain http; an https page on the same host is another
    // origin.
    let req = Request::post("/login")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, format!("https://{HOST}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(crate::helpers::form_encode(&[
            ("email", "sam@example.org"),
            ("password", PASSWORD),
        ])))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.text());
}
on_both!(a_form_from_the_other_scheme_is_not_same_origin);

async fn hostile_device_tokens_are_just_untrusted(app: TestApp) {
    app.register("sam@example.org", "Sam").await;
    let long = "A".repeat(10_000);
    for device in ["", "x", "' OR 1=1 --", "../../etc", long.as_str()] {
        let res = login_from(&app, HOME, "sam@example.org", "not it at all", Some(device)).await;
        assert!(
            matches!(res.status.as_u16(), 401 | 429),
            "{device:.20}: {}",
            res.status
        );
        let res = app
            .api(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(json!({"email": "sam@example.org", "password": "nope nope", "device_token": device})),
            )
            .await;
        assert!(matches!(res.status.as_u16(), 401 | 429), "{}", res.status);
    }
    // Someone else's live token is no trust for this account (checked above too), and
    // a made-up one of the right shape is none either.
    let made_up = rekindle::secret::new_token();
    let res = login_from(&app, HOME, "sam@example.org", PASSWORD, Some(&made_up)).await;
    assert_eq!(
        res.status,
        StatusCode::TOO_MANY_REQUESTS,
        "still waiting as untrusted"
    );
}
on_both!(hostile_device_tokens_are_just_untrusted);
