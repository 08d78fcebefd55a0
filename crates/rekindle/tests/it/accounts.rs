//! Accounts through the API: sign up, sign in, tokens, sessions, passwords, throttling.

use axum::http::{Method, StatusCode};
use rekindle::config::{Config, Registration};
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp};
use crate::on_both;

async fn register_gives_the_user_and_a_working_token(app: TestApp) {
    let res = app
        .api(
            Method::POST,
            "/api/v1/auth/register",
            None,
            Some(json!({"email": " Sam@Example.org ", "password": PASSWORD, "display_name": "Sam", "timezone": "Pacific/Chatham"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let body = res.json();
    assert_eq!(body["user"]["email"], "sam@example.org");
    assert_eq!(body["user"]["display_name"], "Sam");
    assert_eq!(body["user"]["timezone"], "Pacific/Chatham");
    let token = body["token"].as_str().unwrap();
    assert!(token.len() >= 43, "at least 256 bits");
    let me = app.api(Method::GET, "/api/v1/me", Some(token), None).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["id"], body["user"]["id"]);
    // Only the hash of the token is stored.
    let stored: i64 = app
        .db()
        .column(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM sessions WHERE token_hash = $1",
            vec![token.to_owned().into()],
        )
        .await
        .unwrap()[0];
    assert_eq!(stored, 0);
}
on_both!(register_gives_the_user_and_a_working_token);

async fn taken_email_is_409_and_bad_fields_are_422(app: TestApp) {
    app.register("sam@example.org", "Sam").await;
    let again = app
        .api(
            Method::POST,
            "/api/v1/auth/register",
            None,
            Some(json!({"email": "SAM@example.org", "password": PASSWORD, "display_name": "Sam", "timezone": "UTC"})),
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.json()["error"]["code"], "email_taken");

    let bad = app
        .api(
            Method::POST,
            "/api/v1/auth/register",
            None,
            Some(json!({"email": "nope", "password": "password123", "display_name": " ", "timezone": "Mars/Base"})),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &bad.json()["error"]["fields"];
    for f in ["email", "password", "display_name", "timezone"] {
        assert!(fields[f].is_string(), "{f} flagged: {fields}");
    }
    // Long passphrases are welcome.
    let long = "a sentence about us ".repeat(10);
    let ok = app
        .api(
            Method::POST,
            "/api/v1/auth/register",
            None,
            Some(json!({"email": "long@example.org", "password": long, "display_name": "Lee", "timezone": "Asia/Kathmandu"})),
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED);
}
on_both!(taken_email_is_409_and_bad_fields_are_422);

async fn login_does_not_reveal_whether_an_account_exists(app: TestApp) {
    app.register("sam@example.org", "Sam").await;
    let wrong = app
        .api(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "sam@example.org", "password": "not the one at all"})),
        )
        .await;
    let unknown = app
        .api(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "who@example.org", "password": "not the one at all"})),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.status, unknown.status);
    assert_eq!(wrong.body, unknown.body);
    let ok = app
        .api(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "SAM@example.org", "password": PASSWORD})),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(ok.json()["token"].is_string());
}
on_both!(login_does_not_reveal_whether_an_account_exists);

async fn logout_ends_the_token(app: TestApp) {
    let (_, token) = app.register("sam@example.org", "Sam").await;
    let out = app
        .api(Method::POST, "/api/v1/auth/logout", Some(&token), None)
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let me = app.api(Method::GET, "/api/v1/me", Some(&token), None).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    assert_eq!(me.json()["error"]["code"], "unauthorized");
    for bad in ["", "Bearer", "garbage", "Basic abc"] {
        let res = app
            .send(
                axum::http::Request::get("/api/v1/me")
                    .header("authorization", bad)
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{bad:?}");
    }
}
on_both!(logout_ends_the_token);

async fn password_change_needs_the_current_one_and_ends_other_sessions(app: TestApp) {
    let (_, first) = app.register("sam@example.org", "Sam").await;
    let second = app
        .api(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "sam@example.org", "password": PASSWORD})),
        )
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let wrong = app
        .api(
            Method::PUT,
            "/api/v1/me/password",
            Some(&first),
            Some(
                json!({"current_password": "not it at all", "new_password": "a brand new phrase"}),
            ),
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    let weak = app
        .api(
            Method::PUT,
            "/api/v1/me/password",
            Some(&first),
            Some(json!({"current_password": PASSWORD, "new_password": "iloveyou1"})),
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.json()["error"]["fields"]["new_password"].is_string());
    let ok = app
        .api(
            Method::PUT,
            "/api/v1/me/password",
            Some(&first),
            Some(json!({"current_password": PASSWORD, "new_password": "a brand new phrase"})),
        )
        .await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.api(Method::GET, "/api/v1/me", Some(&first), None)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.api(Method::GET, "/api/v1/me", Some(&second), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let old = app
        .api(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "sam@example.org", "password": PASSWORD})),
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
}
on_both!(password_change_needs_the_current_one_and_ends_other_sessions);

async fn sessions_are_listed_and_ended_by_their_owner_only(app: TestApp) {
    let (_, sam) = app.register("sam@example.org", "Sam").await;
    let (_, alex) = app.register("alex@example.org", "Alex").await;
    let other = app
        .api(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "sam@example.org", "password": PASSWORD})),
        )
        .await
        .json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let list = app
        .api(Method::GET, "/api/v1/me/sessions", Some(&sam), None)
        .await
        .json();
    let sessions = list["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions.iter().filter(|s| s["current"] == true).count(), 1);
    let other_id = sessions.iter().find(|s| s["current"] == false).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Someone else cannot end it: 404, as if it did not exist.
    let theirs = app
        .api(
            Method::DELETE,
            &format!("/api/v1/me/sessions/{other_id}"),
            Some(&alex),
            None,
        )
        .await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.api(Method::GET, "/api/v1/me", Some(&other), None)
            .await
            .status,
        StatusCode::OK
    );
    let mine = app
        .api(
            Method::DELETE,
            &format!("/api/v1/me/sessions/{other_id}"),
            Some(&sam),
            None,
        )
        .await;
    assert_eq!(mine.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.api(Method::GET, "/api/v1/me", Some(&other), None)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}
on_both!(sessions_are_listed_and_ended_by_their_owner_only);

async fn profile_updates_are_validated(app: TestApp) {
    let (_, token) = app.register("sam@example.org", "Sam").await;
    let ok = app
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(&token),
            Some(json!({"display_name": "Sammy", "timezone": "America/New_York"})),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.json()["timezone"], "America/New_York");
    let bad = app
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(&token),
            Some(json!({"timezone": "Nowhere/Land"})),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let me = app
        .api(Method::GET, "/api/v1/me", Some(&token), None)
        .await
        .json();
    assert_eq!(me["display_name"], "Sammy");
    assert_eq!(me["timezone"], "America/New_York");
}
on_both!(profile_updates_are_validated);

async fn failed_logins_slow_down_without_locking_out_other_sources(app: TestApp) {
    app.register("sam@example.org", "Sam").await;
    let mut last = StatusCode::OK;
    for _ in 0..6 {
        last = app
            .api(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(json!({"email": "sam@example.org", "password": "guess guess guess"})),
            )
            .await
            .status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    let throttled = app
        .api(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": "sam@example.org", "password": PASSWORD})),
        )
        .await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = throttled.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    // The same account from another source is unaffected.
    let elsewhere = app
        .send(
            axum::http::Request::post("/api/v1/auth/login")
                .header("content-type", "application/json")
                .extension(axum::extract::ConnectInfo::<std::net::SocketAddr>(
                    "198.51.100.20:5000".parse().unwrap(),
                ))
                .body(axum::body::Body::from(
                    json!({"email": "sam@example.org", "password": PASSWORD}).to_string(),
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::OK, "{}", elsewhere.text());
}
on_both!(failed_logins_slow_down_without_locking_out_other_sources);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invite_only_registration_needs_a_live_invite() {
    let config = Config {
        registration: Registration::InviteOnly,
        ..Config::default()
    };
    let app = TestApp::sqlite_with(config).await;
    let body = json!({"email": "new@example.org", "password": PASSWORD, "display_name": "New", "timezone": "UTC"});
    let closed = app
        .api(
            Method::POST,
            "/api/v1/auth/register",
            None,
            Some(body.clone()),
        )
        .await;
    assert_eq!(closed.status, StatusCode::FORBIDDEN);
    assert_eq!(closed.json()["error"]["code"], "registration_closed");
    let host = app.person("host@example.org", "Host").await;
    let invite = rekindle::db::couples::invite(app.db(), &host, rekindle::db::now_ms())
        .await
        .unwrap();
    let mut with_invite = body;
    with_invite["invite_code"] = json!(invite.code);
    let open = app
        .api(
            Method::POST,
            "/api/v1/auth/register",
            None,
            Some(with_invite),
        )
        .await;
    assert_eq!(open.status, StatusCode::CREATED, "{}", open.text());
    let token = open.json()["token"].as_str().unwrap().to_owned();
    let couple = app
        .api(Method::GET, "/api/v1/couple", Some(&token), None)
        .await;
    assert_eq!(couple.status, StatusCode::OK);
    assert_eq!(couple.json()["members"].as_array().unwrap().len(), 2);
}

async fn sessions_are_named_by_browser_and_system(app: TestApp) {
    use axum::body::Body;
    use axum::http::{Request, header};
    app.person("sam@example.org", "Sam").await;
    let firefox = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0";
    let form = crate::helpers::form_encode(&[
        ("email", "sam@example.org"),
        ("password", crate::helpers::PASSWORD),
    ]);
    let req = Request::builder()
        .method(Method::POST)
        .uri("/login")
        .header(header::HOST, crate::helpers::HOST)
        .header(header::ORIGIN, crate::helpers::ORIGIN)
        .header(header::USER_AGENT, firefox)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(form))
        .unwrap();
    let cookie = app.send(req).await.session_cookie().unwrap();
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/auth/login")
        .header(header::HOST, crate::helpers::HOST)
        .header(header::USER_AGENT, "curl/8.5.0")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({"email": "sam@example.org", "password": crate::helpers::PASSWORD}).to_string(),
        ))
        .unwrap();
    let token = app.send(req).await.json()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let settings = app
        .page(Method::GET, "/settings", Some(&cookie), &[])
        .await
        .text();
    assert!(
        settings.contains("<strong>Firefox on Android</strong>"),
        "{settings}"
    );
    assert!(settings.contains("curl (API token)"));
    assert!(
        !settings.contains("Gecko"),
        "the raw header is never shown or kept"
    );
    let list = app
        .api(Method::GET, "/api/v1/me/sessions", Some(&token), None)
        .await
        .json();
    let devices: Vec<&str> = list["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["device"].as_str())
        .collect();
    assert!(devices.contains(&"Firefox on Android") && devices.contains(&"curl"));
}
on_both!(sessions_are_named_by_browser_and_system);

/// Session expiry follows the app's clock (db/ takes time from its caller), so it can
/// be tested without waiting: a session lives 30 days after its last use.
async fn idle_sessions_end_after_thirty_days_on_the_apps_clock(app: TestApp) {
    const DAY: i64 = 24 * 60 * 60 * 1000;
    let start = app.clock.now_ms();
    let (_, token) = app.register("sam@example.org", "Sam").await;
    for (days, want, why) in [
        (29, StatusCode::OK, "used on day 29: still alive"),
        (58, StatusCode::OK, "29 more idle days after that use"),
        (89, StatusCode::UNAUTHORIZED, "31 idle days: ended"),
    ] {
        app.clock.set(start + days * DAY);
        let res = app.api(Method::GET, "/api/v1/me", Some(&token), None).await;
        assert_eq!(res.status, want, "{why}");
    }
}
on_both!(idle_sessions_end_after_thirty_days_on_the_apps_clock);
