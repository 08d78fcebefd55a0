//! Invites (issue 8, points 9 and 13): a short code to type or read aloud beside the
//! long link, throttled against guessing; one's own invite named kindly; the invite
//! page's waiting state and the warning before a new link replaces the old; and the
//! welcome page for the partner who joins.

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::{Value, json};

use crate::helpers::{HOST, TestApp, TestResponse};
use crate::on_both;

async fn create(app: &TestApp, token: &str) -> Value {
    let res = app
        .api(Method::POST, "/api/v1/couple", Some(token), None)
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    res.json()
}

async fn join(app: &TestApp, token: &str, code: &str) -> TestResponse {
    app.api(
        Method::POST,
        "/api/v1/couple/join",
        Some(token),
        Some(json!({"invite_code": code})),
    )
    .await
}

async fn join_from(app: &TestApp, from: &str, token: &str, code: &str) -> TestResponse {
    let req = Request::post("/api/v1/couple/join")
        .header(header::HOST, HOST)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .extension(ConnectInfo::<SocketAddr>(from.parse().unwrap()))
        .body(Body::from(json!({"invite_code": code}).to_string()))
        .unwrap();
    app.send(req).await
}

/// Crockford-style: no 0, O, 1, I, L or U.
const ALPHABET: &str = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

async fn a_short_code_joins_however_it_is_typed(app: TestApp) {
    let (_, sam) = app.register("sam@example.org", "Sam").await;
    let (_, alex) = app.register("alex@example.org", "Alex").await;
    let made = create(&app, &sam).await;
    assert!(
        made["invite_code"].as_str().unwrap().len() >= 43,
        "the link stays long"
    );
    assert!(made["expires_at"].is_string());
    let short = made["short_code"]
        .as_str()
        .expect("a short code")
        .to_owned();
    let plain: String = short.chars().filter(|c| *c != '-').collect();
    assert_eq!(plain.len(), 10, "{short}");
    assert!(plain.chars().all(|c| ALPHABET.contains(c)), "{short}");
    // Typed in lower case, with spaces instead of dashes.
    let typed = format!(" {} {} ", &plain[..5].to_lowercase(), &plain[5..]);
    let joined = join(&app, &alex, &typed).await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.text());
    assert_eq!(joined.json()["members"].as_array().unwrap().len(), 2);
    // Single use: neither form works again.
    let (_, kim) = app.register("kim@example.org", "Kim").await;
    assert_eq!(join(&app, &kim, &short).await.status, StatusCode::NOT_FOUND);
    let long = made["invite_code"].as_str().unwrap();
    assert_eq!(join(&app, &kim, long).await.status, StatusCode::NOT_FOUND);
}
on_both!(a_short_code_joins_however_it_is_typed);

async fn a_new_invite_retires_both_codes_of_the_old(app: TestApp) {
    let (_, sam) = app.register("sam@example.org", "Sam").await;
    let (_, alex) = app.register("alex@example.org", "Alex").await;
    let old = create(&app, &sam).await;
    let _new = create(&app, &sam).await;
    for code in [&old["short_code"], &old["invite_code"]] {
        let res = join(&app, &alex, code.as_str().unwrap()).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.text());
    }
}
on_both!(a_new_invite_retires_both_codes_of_the_old);

async fn pasting_your_own_invite_says_so(app: TestApp) {
    let (_, sam) = app.register("sam@example.org", "Sam").await;
    let made = create(&app, &sam).await;
    for code in [&made["short_code"], &made["invite_code"]] {
        let res = join(&app, &sam, code.as_str().unwrap()).await;
        assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text());
        assert_eq!(res.json()["error"]["code"], "own_invite");
    }
    // The link itself still works for the partner.
    let (_, alex) = app.register("alex@example.org", "Alex").await;
    let res = join(&app, &alex, made["short_code"].as_str().unwrap()).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
}
on_both!(pasting_your_own_invite_says_so);

async fn guessing_short_codes_is_throttled_per_source(app: TestApp) {
    let (_, sam) = app.register("sam@example.org", "Sam").await;
    let (_, kim) = app.register("kim@example.org", "Kim").await;
    let made = create(&app, &sam).await;
    let from = "198.51.100.77:1";
    let mut throttled = None;
    for n in 0..30 {
        let res = join_from(&app, from, &kim, &format!("K7QM4RXP{:02}", n % 30)).await;
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            throttled = Some(res);
            break;
        }
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.text());
    }
    let res = throttled.expect("guessing is slowed down");
    assert_eq!(res.json()["error"]["code"], "too_many_requests");
    assert!(res.header("retry-after").is_some());
    // While that source waits, even the right code waits: a guess that happens to be
    // right must not get through.
    let right = join_from(&app, from, &kim, made["short_code"].as_str().unwrap()).await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
    // Another source is not affected.
    let res = join_from(
        &app,
        "192.0.2.5:1",
        &kim,
        made["short_code"].as_str().unwrap(),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
}
on_both!(guessing_short_codes_is_throttled_per_source);

async fn web_cookie(app: &TestApp, email: &str, name: &str) -> String {
    app.page(
        Method::POST,
        "/register",
        None,
        &[
            ("email", email),
            ("password", crate::helpers::PASSWORD),
            ("display_name", name),
            ("timezone", "Europe/London"),
        ],
    )
    .await
    .session_cookie()
    .unwrap()
}

fn short_code_in(html: &str) -> String {
    let marker = "id=\"invite-short-code\">";
    let start = html.find(marker).expect("short code shown") + marker.len();
    html[start..].split('<').next().unwrap().to_owned()
}

async fn the_invite_page_waits_warns_and_welcomes(app: TestApp) {
    let sam = web_cookie(&app, "sam@example.org", "Sam").await;
    let made = app
        .page(Method::POST, "/couple/invite", Some(&sam), &[])
        .await;
    assert_eq!(made.status, StatusCode::CREATED);
    let short = short_code_in(&made.text());
    // Coming back later: the page says it is waiting, and until when.
    let waiting = app
        .page(Method::GET, "/couple/invite", Some(&sam), &[])
        .await
        .text();
    assert!(
        waiting.contains("Waiting for your partner to join"),
        "{waiting}"
    );
    assert!(waiting.contains("until "), "{waiting}");
    // A new link needs a second, informed yes.
    let asked = app
        .page(Method::POST, "/couple/invite", Some(&sam), &[])
        .await;
    assert_eq!(asked.status, StatusCode::OK);
    assert!(
        asked.text().contains("will stop working"),
        "{}",
        asked.text()
    );
    // Pasting one's own code on the join form says so, kindly.
    let own = app
        .page(
            Method::POST,
            "/join",
            Some(&sam),
            &[("invite_code", &short)],
        )
        .await;
    assert_eq!(own.status, StatusCode::CONFLICT);
    assert!(own.text().contains("your own invite"), "{}", own.text());
    // The old code still works: nothing was replaced without the yes.
    let alex = web_cookie(&app, "alex@example.org", "Alex").await;
    let joined = app
        .page(
            Method::POST,
            "/join",
            Some(&alex),
            &[("invite_code", &short)],
        )
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.text());
    assert_eq!(joined.header("location"), Some("/welcome"));
    let welcome = app.page(Method::GET, "/welcome", Some(&alex), &[]).await;
    assert_eq!(welcome.status, StatusCode::OK);
    let text = welcome.text();
    assert!(text.contains("connected") && text.contains("Sam"), "{text}");
    assert!(text.contains("/checkin"), "suggests a check-in first");
}
on_both!(the_invite_page_waits_warns_and_welcomes);

async fn replacing_a_link_after_the_yes_retires_the_old_one(app: TestApp) {
    let sam = web_cookie(&app, "sam@example.org", "Sam").await;
    let first = app
        .page(Method::POST, "/couple/invite", Some(&sam), &[])
        .await;
    let old_short = short_code_in(&first.text());
    let second = app
        .page(
            Method::POST,
            "/couple/invite",
            Some(&sam),
            &[("replace", "yes")],
        )
        .await;
    assert_eq!(second.status, StatusCode::CREATED);
    assert_ne!(short_code_in(&second.text()), old_short);
    let alex = web_cookie(&app, "alex@example.org", "Alex").await;
    let res = app
        .page(
            Method::POST,
            "/join",
            Some(&alex),
            &[("invite_code", &old_short)],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}
on_both!(replacing_a_link_after_the_yes_retires_the_old_one);
