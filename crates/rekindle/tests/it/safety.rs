//! Safety and reading comfort: quick exit ends the session (so Back finds nothing
//! private), the operator's helplines on the safety page, right-to-left names and
//! words isolated and shown in their own direction. (Long words wrapping and Back after
//! a quick exit are checked in a real browser: `browser/first_week.rs`.)

use axum::http::{Method, StatusCode};
use rekindle::config::Config;

use crate::helpers::{TestApp, pair};
use crate::on_both;

async fn quick_exit_ends_the_session(app: TestApp) {
    let p = pair(&app).await;
    let home = app.page(Method::GET, "/", Some(&p.sam_cookie), &[]).await;
    assert!(home.text().contains("Sam &amp; Alex"));
    let exit = app
        .page(Method::POST, "/quick-exit", Some(&p.sam_cookie), &[])
        .await;
    assert_eq!(exit.status, StatusCode::NO_CONTENT);
    assert_eq!(
        exit.header("clear-site-data"),
        Some("\"cache\", \"storage\"")
    );
    assert!(
        exit.header("set-cookie")
            .is_some_and(|c| c.starts_with("rekindle_session=;") && c.contains("Max-Age=0")),
        "{:?}",
        exit.header("set-cookie")
    );
    // What Back would load again now finds the browser signed out.
    let again = app.page(Method::GET, "/", Some(&p.sam_cookie), &[]).await;
    assert!(!again.text().contains("Sam &amp; Alex"));
    let settings = app
        .page(Method::GET, "/settings", Some(&p.sam_cookie), &[])
        .await;
    assert_eq!(settings.header("location"), Some("/login"));
    // Alex is untouched, and calling it signed out is harmless.
    let alex = app.page(Method::GET, "/", Some(&p.alex_cookie), &[]).await;
    assert!(alex.text().contains("Alex &amp; Sam"));
    let anon = app.page(Method::POST, "/quick-exit", None, &[]).await;
    assert_eq!(anon.status, StatusCode::NO_CONTENT);
    // The page script calls it on the way out.
    let js = app
        .page(Method::GET, "/static/app.js", None, &[])
        .await
        .text();
    assert!(js.contains("fetch(\"/quick-exit\"") && js.contains("event.persisted"));
}
on_both!(quick_exit_ends_the_session);

#[tokio::test]
async fn the_safety_page_lists_the_operators_helplines() {
    let plain = TestApp::sqlite().await;
    let page = plain.page(Method::GET, "/safety", None, &[]).await.text();
    assert!(page.contains("hasn't listed local helplines"));
    let config = Config {
        helplines: rekindle::web::helplines::parse(
            "Hope Line|0800 123 456;Chat Space|https://chat.example.org/;Text us|text CALM to 5000",
        )
        .unwrap(),
        ..Config::default()
    };
    let app = TestApp::sqlite_with(config).await;
    let page = app.page(Method::GET, "/safety", None, &[]).await.text();
    assert!(page.contains("<a href=\"tel:0800123456\" dir=\"auto\">0800 123 456</a>"));
    assert!(page.contains("<a href=\"https://chat.example.org/\" dir=\"auto\">"));
    assert!(page.contains("text CALM to 5000"));
    assert!(!page.contains("hasn't listed local helplines"));
}

const ARABIC_NAME: &str = "ليلى";
const HEBREW_ANSWER: &str = "אני אוהב את הבקרים השקטים שלנו";

async fn right_to_left_words_keep_their_direction(app: TestApp) {
    let sam = app.person("sam@example.org", "Sam").await;
    let layla = app.person("layla@example.org", ARABIC_NAME).await;
    app.couple(&sam, &layla).await;
    let cookie = |email: &'static str| {
        let app = &app;
        async move {
            app.page(
                Method::POST,
                "/login",
                None,
                &[("email", email), ("password", crate::helpers::PASSWORD)],
            )
            .await
            .session_cookie()
            .unwrap()
        }
    };
    let (sam_cookie, layla_cookie) = (
        cookie("sam@example.org").await,
        cookie("layla@example.org").await,
    );
    let today = app
        .page(Method::GET, "/", Some(&sam_cookie), &[])
        .await
        .html();
    assert!(
        today.contains(&format!("<bdi>{ARABIC_NAME}</bdi>")),
        "names are isolated"
    );
    // Both answer; the Hebrew answer shows in its own direction to both.
    let home = app
        .page(Method::GET, "/", Some(&sam_cookie), &[])
        .await
        .html();
    let prompt = home
        .split("name=\"prompt_id\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    for (c, body) in [(&sam_cookie, HEBREW_ANSWER), (&layla_cookie, "صباح الخير")] {
        let res = app
            .page(
                Method::POST,
                "/question/answer",
                Some(c),
                &[("prompt_id", &prompt), ("body", body)],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
    }
    let layla_home = app
        .page(Method::GET, "/", Some(&layla_cookie), &[])
        .await
        .html();
    assert!(layla_home.contains(&format!("dir=\"auto\">{HEBREW_ANSWER}</p>")));
    // Every textarea takes the writer's direction too.
    for path in ["/", "/checkin", "/state-of-us"] {
        let page = app
            .page(Method::GET, path, Some(&sam_cookie), &[])
            .await
            .html();
        assert!(
            page.matches("<textarea").count() == page.matches("<textarea dir=\"auto\"").count(),
            "{path}"
        );
    }
}
on_both!(right_to_left_words_keep_their_direction);
