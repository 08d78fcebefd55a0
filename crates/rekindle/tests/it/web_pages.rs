//! The pages without a browser: forms, sessions by cookie, cross-site protection,
//! headers, body limits, and pairing through the web UI.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};

use crate::helpers::{HOST, PASSWORD, TestApp, TestResponse};
use crate::on_both;

async fn register_page(app: &TestApp, email: &str, name: &str, invite: &str) -> TestResponse {
    app.page(
        Method::POST,
        "/register",
        None,
        &[
            ("email", email),
            ("password", PASSWORD),
            ("display_name", name),
            ("timezone", "Europe/London"),
            ("invite", invite),
        ],
    )
    .await
}

/// The long code from the invite link shown on the page.
fn extract_invite_code(html: &str) -> String {
    let marker = "/join/";
    let start = html.find(marker).expect("link shown") + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

async fn signing_up_on_the_web_starts_a_session_and_keeps_input_on_errors(app: TestApp) {
    let bad = app
        .page(
            Method::POST,
            "/register",
            None,
            &[
                ("email", "sam@example.org"),
                ("password", "short"),
                ("display_name", "<script>alert(1)</script>"),
                ("timezone", "UTC"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let html = bad.text();
    assert!(html.contains("value=\"sam@example.org\""), "e-mail kept");
    assert!(
        html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"),
        "escaped, kept"
    );
    assert!(!html.contains("<script>alert"), "never raw");
    assert!(!html.contains("value=\"short\""), "password never echoed");
    assert!(html.contains("aria-invalid=\"true\""));

    let ok = register_page(&app, "sam@example.org", "<b>Sam</b>", "").await;
    // Signed in, on the one page that shows the recovery code, which leads home.
    assert_eq!(ok.status, StatusCode::OK);
    assert!(ok.text().contains("id=\"recovery-code\""));
    assert!(ok.text().contains("class=\"button\" href=\"/\""));
    let cookie_header = ok.header("set-cookie").unwrap().to_owned();
    assert!(cookie_header.contains("HttpOnly") && cookie_header.contains("SameSite=Lax"));
    let cookie = ok.session_cookie().unwrap();
    let home = app.page(Method::GET, "/", Some(&cookie), &[]).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.text().contains("&#60;b&#62;Sam&#60;/b&#62;") || home.text().contains("&lt;b&gt;Sam")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
}
on_both!(signing_up_on_the_web_starts_a_session_and_keeps_input_on_errors);

async fn logging_in_makes_a_new_session_and_logging_out_ends_it(app: TestApp) {
    let first = register_page(&app, "sam@example.org", "Sam", "")
        .await
        .session_cookie()
        .unwrap();
    let wrong = app
        .page(
            Method::POST,
            "/login",
            None,
            &[("email", "sam@example.org"), ("password", "nope nope nope")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert!(wrong.text().contains("value=\"sam@example.org\""));
    // Signing in while holding a session replaces it (no fixation).
    let login = app
        .page(
            Method::POST,
            "/login",
            Some(&first),
            &[("email", "sam@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    assert_eq!(login.header("location"), Some("/"));
    let second = login.session_cookie().unwrap();
    assert_ne!(first, second);
    let old = app.page(Method::GET, "/settings", Some(&first), &[]).await;
    assert_eq!(old.header("location"), Some("/login"));
    let out = app.page(Method::POST, "/logout", Some(&second), &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert!(out.header("clear-site-data").is_some());
    let after = app.page(Method::GET, "/settings", Some(&second), &[]).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
}
on_both!(logging_in_makes_a_new_session_and_logging_out_ends_it);

async fn cross_site_form_posts_are_refused(app: TestApp) {
    let cookie = register_page(&app, "sam@example.org", "Sam", "")
        .await
        .session_cookie()
        .unwrap();
    for (origin, fetch_site) in [
        (Some("http://evil.test"), None),
        (None, None),
        (None, Some("cross-site")),
        (Some("null"), None),
    ] {
        let mut req = Request::post("/settings/profile")
            .header(header::HOST, HOST)
            .header(header::COOKIE, format!("rekindle_session={cookie}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(o) = origin {
            req = req.header(header::ORIGIN, o);
        }
        if let Some(s) = fetch_site {
            req = req.header("sec-fetch-site", s);
        }
        let res = app
            .send(
                req.body(Body::from("display_name=Mallory&timezone=UTC"))
                    .unwrap(),
            )
            .await;
        assert_eq!(
            res.status,
            StatusCode::FORBIDDEN,
            "{origin:?} {fetch_site:?}"
        );
    }
    let settings = app
        .page(Method::GET, "/settings", Some(&cookie), &[])
        .await
        .text();
    assert!(!settings.contains("Mallory"), "nothing changed");
}
on_both!(cross_site_form_posts_are_refused);

async fn pairing_through_the_pages(app: TestApp) {
    let sam = register_page(&app, "sam@example.org", "Sam", "")
        .await
        .session_cookie()
        .unwrap();
    let made = app
        .page(Method::POST, "/couple/invite", Some(&sam), &[])
        .await;
    assert_eq!(made.status, StatusCode::CREATED);
    let code = extract_invite_code(&made.text());
    assert!(made.text().contains(&format!("http://{HOST}/join/{code}")));

    let invited = app
        .page(Method::GET, &format!("/join/{code}"), None, &[])
        .await;
    assert_eq!(invited.status, StatusCode::OK);
    assert!(invited.text().contains("Sam has invited you"));
    // Signing up through the invite joins at once.
    let alex = register_page(&app, "alex@example.org", "Alex", &code).await;
    assert!(alex.text().contains("href=\"/welcome\""), "welcomed next");
    let alex = alex.session_cookie().unwrap();
    for (cookie, other) in [(&sam, "Alex"), (&alex, "Sam")] {
        let home = app.page(Method::GET, "/", Some(cookie), &[]).await.text();
        assert!(home.contains(other), "both see each other");
    }
    // The used link now explains itself.
    let used = app
        .page(Method::GET, &format!("/join/{code}"), None, &[])
        .await;
    assert_eq!(used.status, StatusCode::NOT_FOUND);
    assert!(used.text().contains("expired"));

    // Leaving needs a tick, then happens at once.
    let unticked = app
        .page(Method::POST, "/settings/leave", Some(&sam), &[])
        .await;
    assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
    let left = app
        .page(
            Method::POST,
            "/settings/leave",
            Some(&sam),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(left.status, StatusCode::SEE_OTHER);
    let alone = app.page(Method::GET, "/", Some(&alex), &[]).await.text();
    assert!(alone.contains("Your shared space has ended"), "{alone}");
    assert!(!alone.contains("Sam &amp; Alex") && !alone.contains("Alex &amp; Sam"));
    let leaver = app.page(Method::GET, "/", Some(&sam), &[]).await.text();
    assert!(
        !leaver.contains("Your shared space has ended"),
        "the leaver is not told they were left"
    );
}
on_both!(pairing_through_the_pages);

async fn join_by_code_form_reports_bad_codes_kindly(app: TestApp) {
    let kim = register_page(&app, "kim@example.org", "Kim", "")
        .await
        .session_cookie()
        .unwrap();
    let res = app
        .page(
            Method::POST,
            "/join",
            Some(&kim),
            &[("invite_code", "not-a-real-code-at-all-000")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.text().contains("fresh link"));
}
on_both!(join_by_code_form_reports_bad_codes_kindly);

async fn settings_change_profile_password_and_sessions(app: TestApp) {
    let sam = register_page(&app, "sam@example.org", "Sam", "")
        .await
        .session_cookie()
        .unwrap();
    let bad = app
        .page(
            Method::POST,
            "/settings/profile",
            Some(&sam),
            &[("display_name", ""), ("timezone", "Atlantis/Deep")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().contains("Atlantis/Deep"), "input kept");
    let ok = app
        .page(
            Method::POST,
            "/settings/profile",
            Some(&sam),
            &[("display_name", "Samira"), ("timezone", "Asia/Kathmandu")],
        )
        .await;
    assert_eq!(
        ok.header("location"),
        Some("/settings?notice=profile_saved")
    );
    let page = app
        .page(
            Method::GET,
            "/settings?notice=profile_saved",
            Some(&sam),
            &[],
        )
        .await
        .text();
    assert!(page.contains("Samira") && page.contains("Asia/Kathmandu") && page.contains("Saved."));

    let other = app
        .page(
            Method::POST,
            "/login",
            None,
            &[("email", "sam@example.org"), ("password", PASSWORD)],
        )
        .await
        .session_cookie()
        .unwrap();
    let changed = app
        .page(
            Method::POST,
            "/settings/password",
            Some(&sam),
            &[
                ("current_password", PASSWORD),
                ("new_password", "river stones and moss"),
            ],
        )
        .await;
    assert_eq!(
        changed.header("location"),
        Some("/settings?notice=password_changed")
    );
    assert_eq!(
        app.page(Method::GET, "/settings", Some(&other), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.page(Method::GET, "/settings", Some(&sam), &[])
            .await
            .status,
        StatusCode::OK
    );
}
on_both!(settings_change_profile_password_and_sessions);

async fn every_page_has_the_quick_exit_and_strict_headers(app: TestApp) {
    let sam = register_page(&app, "sam@example.org", "Sam", "")
        .await
        .session_cookie()
        .unwrap();
    for (path, cookie) in [
        ("/", None),
        ("/login", None),
        ("/register", None),
        ("/safety", None),
        ("/join/unknown-code-unknown-code", None),
        ("/no/such/page", None),
        ("/", Some(sam.as_str())),
        ("/settings", Some(sam.as_str())),
        ("/couple/invite", Some(sam.as_str())),
    ] {
        let res = app.page(Method::GET, path, cookie, &[]).await;
        assert!(res.text().contains("id=\"quick-exit\""), "{path}");
        let csp = res.header("content-security-policy").unwrap();
        assert!(
            csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(res.header("referrer-policy"), Some("same-origin"));
        assert_eq!(res.header("cache-control"), Some("no-store"), "{path}");
        assert!(
            !res.text().contains(" style=\""),
            "no inline styles: {path}"
        );
        assert!(!res.text().contains("<script>"), "no inline script: {path}");
    }
    let css = app.page(Method::GET, "/static/app.css", None, &[]).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.header("cache-control").unwrap().contains("max-age"));
}
on_both!(every_page_has_the_quick_exit_and_strict_headers);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn error_pages_use_the_operators_quick_exit_address_too() {
    let url = "https://weather.example.net/today";
    let app = TestApp::sqlite_with(rekindle::config::Config {
        quick_exit_url: url.to_owned(),
        ..rekindle::config::Config::default()
    })
    .await;
    let missing = app.page(Method::GET, "/no/such/page", None, &[]).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let cross_site = app
        .send(
            axum::http::Request::builder()
                .method(Method::POST)
                .uri("/login")
                .header(axum::http::header::HOST, crate::helpers::HOST)
                .header(axum::http::header::ORIGIN, "https://elsewhere.example")
                .header(
                    axum::http::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(axum::body::Body::from("email=a%40b.c&password=x"))
                .unwrap(),
        )
        .await;
    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
    for res in [missing, cross_site] {
        let html = res.text();
        assert!(
            html.contains(&format!(
                "id=\"quick-exit\" class=\"quick-exit\" href=\"{url}\""
            )),
            "{html}"
        );
        assert!(res.header("content-security-policy").is_some());
    }
}

async fn oversized_and_malformed_bodies_get_clear_4xx(app: TestApp) {
    let big = "a".repeat(1024 * 1024 + 10);
    let api = app
        .send(
            Request::post("/api/v1/auth/login")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(format!(
                    "{{\"email\":\"{big}\",\"password\":\"x\"}}"
                )))
                .unwrap(),
        )
        .await;
    assert_eq!(api.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(api.json()["error"]["code"], "payload_too_large");
    let web = app
        .page(
            Method::POST,
            "/login",
            None,
            &[("email", &big), ("password", "x")],
        )
        .await;
    assert_eq!(web.status, StatusCode::PAYLOAD_TOO_LARGE);

    let invalid_utf8 = app
        .send(
            Request::post("/login")
                .header(header::HOST, HOST)
                .header(header::ORIGIN, crate::helpers::ORIGIN)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(b"email=%FF%FE&password=\xff".to_vec()))
                .unwrap(),
        )
        .await;
    assert!(
        invalid_utf8.status.is_client_error(),
        "{}",
        invalid_utf8.status
    );
    let not_json = app
        .send(
            Request::post("/api/v1/auth/register")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(b"\xff\xfe{".to_vec()))
                .unwrap(),
        )
        .await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    assert_eq!(not_json.json()["error"]["code"], "malformed_json");
    let no_type = app
        .send(
            Request::post("/api/v1/auth/login")
                .body(Body::from("{}"))
                .unwrap(),
        )
        .await;
    assert_eq!(no_type.status, StatusCode::BAD_REQUEST);
    assert!(no_type.json()["error"]["code"].is_string());
    let wrong_method = app
        .api(Method::PUT, "/api/v1/couple/join", None, None)
        .await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert!(wrong_method.json()["error"]["code"].is_string());
}
on_both!(oversized_and_malformed_bodies_get_clear_4xx);
