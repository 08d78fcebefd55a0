//! A database written by an earlier release opens, migrates and serves: the fixture
//! `tests/fixtures/upgrade-80b9d43.db` was made by the binary of commit 80b9d43 (the
//! release before issue 8) with `scripts/make-upgrade-fixture.py` — three seeded
//! couples, and the first one with answers, a reply, State of Us notes, a love-map round
//! and a listening session with a private note.

use axum::http::{Method, StatusCode};
use rekindle::db::users;

use crate::helpers::TestApp;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/upgrade-80b9d43.db"
);
const SEED_PASSWORD: &str = rekindle::seed::SEED_PASSWORD;

async fn sign_in(app: &TestApp, email: &str) -> String {
    let res = app
        .api(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(serde_json::json!({"email": email, "password": SEED_PASSWORD})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    res.json()["token"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_from_the_previous_release_migrates_and_serves() {
    let app = TestApp::sqlite_copy_of(std::path::Path::new(FIXTURE)).await;
    let people = users::list(app.db()).await.unwrap();
    assert_eq!(people.len(), 6, "three seeded couples");
    let email = |side: &str| {
        people
            .iter()
            .find(|u| u.email.ends_with(&format!("-0-{side}@example.test")))
            .unwrap()
            .email
            .clone()
    };
    let (a, b) = (
        sign_in(&app, &email("a")).await,
        sign_in(&app, &email("b")).await,
    );

    // What was written before the upgrade reads as before (today's question, or an
    // earlier one once the fixture's day has passed).
    let history = app
        .api(Method::GET, "/api/v1/prompts/history", Some(&b), None)
        .await;
    assert_eq!(history.status, StatusCode::OK);
    let today = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&b), None)
        .await;
    let text = history.text() + &today.text();
    assert!(text.contains("fixture-a: slow Sunday mornings") && text.contains("fixture-a: me too"));
    let dashboard = app
        .api(Method::GET, "/api/v1/dashboard", Some(&a), None)
        .await;
    assert_eq!(dashboard.status, StatusCode::OK);
    let map = app
        .api(Method::GET, "/api/v1/love-map", Some(&b), None)
        .await;
    assert_eq!(map.status, StatusCode::OK);
    let listening = app
        .api(Method::GET, "/api/v1/listening", Some(&a), None)
        .await;
    assert!(listening.text().contains("Our weekends"));
    let past = app
        .api(Method::GET, "/api/v1/state-of-us/past", Some(&a), None)
        .await;
    assert_eq!(past.status, StatusCode::OK);
    for path in [
        "/",
        "/checkin",
        "/love-map",
        "/listen",
        "/state-of-us",
        "/questions",
    ] {
        let cookie = app
            .page(
                Method::POST,
                "/login",
                None,
                &[("email", &email("a")), ("password", SEED_PASSWORD)],
            )
            .await
            .session_cookie()
            .unwrap();
        let page = app.page(Method::GET, path, Some(&cookie), &[]).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
    }
    // The newer features work on the old rows: leaving keeps each one's words.
    let left = app
        .api(Method::POST, "/api/v1/couple/leave", Some(&b), None)
        .await;
    assert_eq!(left.status, StatusCode::NO_CONTENT);
    let before = app
        .api(Method::GET, "/api/v1/me/before", Some(&a), None)
        .await
        .text();
    for mine in [
        "fixture-a: slow Sunday mornings",
        "fixture-a: me too",
        "fixture-a: our dinner",
        "fixture-a: map 4",
        "fixture-a: I miss our walks",
        "fixture-a: private thought",
    ] {
        assert!(before.contains(mine), "{mine} kept");
    }
    assert!(!before.contains("fixture-b"), "nothing of the partner's");
}
