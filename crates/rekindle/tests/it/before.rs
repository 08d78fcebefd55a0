//! Leaving keeps what you wrote (PRIVACY.md promise 6): after one partner leaves, each
//! still reads and downloads their own words in "Before" — answers, replies, love-map
//! entries, listening pieces and notes, State of Us notes — and nothing of the other's.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{Pair, TestApp, TestResponse, pair};
use crate::on_both;

/// Writes one of everything as `who` (a marker that ends up in every body).
async fn write_everything(app: &TestApp, p: &Pair) {
    let today = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.sam), None)
        .await
        .json();
    let prompt = today["prompt"]["id"].as_str().unwrap().to_owned();
    for (token, who) in [(&p.sam, "sam"), (&p.alex, "alex")] {
        let res = app
            .api(
                Method::PUT,
                &format!("/api/v1/prompts/{prompt}/answer"),
                Some(token),
                Some(json!({"body": format!("canary-{who}-answer")})),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    }
    for (token, who) in [(&p.sam, "sam"), (&p.alex, "alex")] {
        let res = app
            .api(
                Method::POST,
                &format!("/api/v1/prompts/{prompt}/replies"),
                Some(token),
                Some(json!({"body": format!("canary-{who}-reply")})),
            )
            .await;
        assert!(res.status.is_success(), "{}", res.text());
        let res = app
            .api(
                Method::POST,
                "/api/v1/state-of-us/notes",
                Some(token),
                Some(json!({"section": "went_well", "body": format!("canary-{who}-meeting")})),
            )
            .await;
        assert!(res.status.is_success(), "{}", res.text());
    }
    // A love-map round about Sam: Sam answers, Alex guesses.
    let round = app
        .api(
            Method::POST,
            "/api/v1/love-map/rounds",
            Some(&p.sam),
            Some(json!({"about": "me"})),
        )
        .await
        .json();
    let round = round["id"].as_str().unwrap().to_owned();
    for (token, who) in [(&p.sam, "sam"), (&p.alex, "alex")] {
        let entries: Vec<String> = (0..5).map(|i| format!("canary-{who}-map-{i}")).collect();
        let res = app
            .api(
                Method::PUT,
                &format!("/api/v1/love-map/rounds/{round}/entries"),
                Some(token),
                Some(json!({ "entries": entries })),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    }
    // A listening session: Sam speaks, Alex says it back, both keep a private note.
    let session = app
        .api(
            Method::POST,
            "/api/v1/listening",
            Some(&p.sam),
            Some(json!({"topic": "Our weekends", "first_speaker": "me"})),
        )
        .await
        .json();
    let session = session["id"].as_str().unwrap().to_owned();
    let moves = format!("/api/v1/listening/{session}/moves");
    for (token, kind, body) in [
        (&p.sam, "piece", "canary-sam-piece"),
        (&p.alex, "paraphrase", "canary-alex-paraphrase"),
    ] {
        let res = app
            .api(
                Method::POST,
                &moves,
                Some(token),
                Some(json!({"kind": kind, "body": body})),
            )
            .await;
        assert!(res.status.is_success(), "{}", res.text());
    }
    let end = format!("/api/v1/listening/{session}/end");
    assert!(
        app.api(Method::POST, &end, Some(&p.sam), None)
            .await
            .status
            .is_success()
    );
    for (token, who) in [(&p.sam, "sam"), (&p.alex, "alex")] {
        let res = app
            .api(
                Method::PUT,
                &format!("/api/v1/listening/{session}/note"),
                Some(token),
                Some(json!({"body": format!("canary-{who}-note")})),
            )
            .await;
        assert!(res.status.is_success(), "{}", res.text());
    }
}

const SAM: [&str; 6] = [
    "canary-sam-answer",
    "canary-sam-reply",
    "canary-sam-meeting",
    "canary-sam-map-4",
    "canary-sam-piece",
    "canary-sam-note",
];
const ALEX: [&str; 6] = [
    "canary-alex-answer",
    "canary-alex-reply",
    "canary-alex-meeting",
    "canary-alex-map-4",
    "canary-alex-paraphrase",
    "canary-alex-note",
];

fn assert_has_only(res: &TestResponse, mine: &[&str], theirs: &[&str], what: &str) {
    assert_eq!(res.status, StatusCode::OK, "{what}: {}", res.text());
    let text = res.text();
    for canary in mine {
        assert!(text.contains(canary), "{what} keeps {canary}");
    }
    for canary in theirs {
        assert!(!text.contains(canary), "{what} must not show {canary}");
    }
}

async fn after_leaving_each_keeps_their_own_words_and_nothing_of_the_other(app: TestApp) {
    let p = pair(&app).await;
    write_everything(&app, &p).await;
    // While together, Before is empty and there is no "you've left" page.
    let not_left = app
        .page(Method::GET, "/left", Some(&p.sam_cookie), &[])
        .await;
    assert_eq!(not_left.header("location"), Some("/"));
    let before = app
        .api(Method::GET, "/api/v1/me/before", Some(&p.sam), None)
        .await;
    assert_eq!(before.json()["couples"], json!([]));

    // Alex leaves from the settings page and is told what that means.
    let res = app
        .page(
            Method::POST,
            "/settings/leave",
            Some(&p.alex_cookie),
            &[("confirm", "yes")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert_eq!(res.header("location"), Some("/left"));
    let left = app
        .page(Method::GET, "/left", Some(&p.alex_cookie), &[])
        .await
        .text();
    assert!(left.contains("can no longer see anything you wrote"));
    assert!(left.contains("You keep your own words"));
    assert!(left.contains("href=\"/before\""));

    for (token, cookie, mine, theirs, who) in [
        (&p.sam, &p.sam_cookie, SAM, ALEX, "sam"),
        (&p.alex, &p.alex_cookie, ALEX, SAM, "alex"),
    ] {
        let api = app
            .api(Method::GET, "/api/v1/me/before", Some(token), None)
            .await;
        assert_has_only(&api, &mine, &theirs, &format!("{who}'s API archive"));
        let json = api.json();
        let pieces = json["couples"][0]["pieces"].as_array().unwrap();
        // Answer, reply, meeting note, five love-map entries, one move, one note.
        assert_eq!(pieces.len(), 10, "{who}: {json}");
        assert!(
            pieces
                .iter()
                .all(|p| p["day"].as_str().unwrap().len() == 10)
        );
        let page = app.page(Method::GET, "/before", Some(cookie), &[]).await;
        assert_has_only(&page, &mine, &theirs, &format!("{who}'s Before page"));
        let file = app
            .page(Method::GET, "/before/download", Some(cookie), &[])
            .await;
        assert_has_only(&file, &mine, &theirs, &format!("{who}'s download"));
        assert!(
            file.header("content-disposition")
                .is_some_and(|d| d.starts_with("attachment"))
        );
        // The shared pages themselves are gone for both.
        let gone = app
            .api(Method::GET, "/api/v1/prompts/today", Some(token), None)
            .await;
        assert_eq!(gone.status, StatusCode::NOT_FOUND);
        let home = app.page(Method::GET, "/", Some(cookie), &[]).await.text();
        assert!(
            home.contains("href=\"/before\""),
            "{who}'s home page links to Before"
        );
    }
    // The love-map context is in the writer's own voice.
    let sam = app
        .api(Method::GET, "/api/v1/me/before", Some(&p.sam), None)
        .await
        .json();
    let kinds: Vec<&str> = sam["couples"][0]["pieces"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"love_map_answer") && !kinds.contains(&"love_map_guess"));
    assert!(kinds.contains(&"listening_note"));
}
on_both!(after_leaving_each_keeps_their_own_words_and_nothing_of_the_other);

async fn before_is_only_ever_your_own(app: TestApp) {
    let p = pair(&app).await;
    write_everything(&app, &p).await;
    app.api(Method::POST, "/api/v1/couple/leave", Some(&p.sam), None)
        .await;
    // Someone who was never in that couple sees an empty archive, not theirs.
    let (_, kim) = app.register("kim@example.org", "Kim").await;
    let res = app
        .api(Method::GET, "/api/v1/me/before", Some(&kim), None)
        .await;
    assert_eq!(res.json()["couples"], json!([]));
    assert_has_only(&res, &[], &SAM, "a stranger's archive");
    assert_has_only(&res, &[], &ALEX, "a stranger's archive");
    // Signed out: no archive.
    let res = app.api(Method::GET, "/api/v1/me/before", None, None).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}
on_both!(before_is_only_ever_your_own);
