//! The listening exercise: the speaker–listener flow on two phones (each acts for their
//! own role) and on one phone (whoever holds it acts for the role shown), moves out of
//! turn refused, ratings feeding the dashboard, private notes never reaching the
//! partner, and other couples seeing nothing (races and the timer: `listening_direct`).

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Pair, TestApp, pair};
use crate::on_both;

const NOTE_CANARY: &str = "canary-private-listening-note-2b9f";

async fn start(app: &TestApp, token: &str, body: Value) -> (StatusCode, Value) {
    let res = app
        .api(Method::POST, "/api/v1/listening", Some(token), Some(body))
        .await;
    (res.status, res.json())
}

async fn act(app: &TestApp, token: &str, id: &str, kind: &str, body: &str) -> (StatusCode, Value) {
    let res = app
        .api(
            Method::POST,
            &format!("/api/v1/listening/{id}/moves"),
            Some(token),
            Some(json!({"kind": kind, "body": body})),
        )
        .await;
    (res.status, res.json())
}

async fn put(app: &TestApp, token: &str, path: String, body: Value) -> (StatusCode, Value) {
    let res = app.api(Method::PUT, &path, Some(token), Some(body)).await;
    (res.status, res.json())
}

async fn two_phones_follow_the_speaker_listener_flow(app: TestApp) {
    let Pair {
        sam,
        alex,
        alex_cookie,
        ..
    } = pair(&app).await;
    let (status, s) = start(
        &app,
        &sam,
        json!({"topic": "Our weekends", "first_speaker": "me"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let id = s["id"].as_str().unwrap().to_owned();
    assert_eq!(
        (
            s["step"].as_str(),
            s["speaker"].as_str(),
            s["my_move"].as_bool()
        ),
        (Some("speak"), Some("me"), Some(true))
    );
    let (again, same) = start(
        &app,
        &alex,
        json!({"topic": "Other", "first_speaker": "me"}),
    )
    .await;
    assert_eq!(
        (again, same["id"].as_str()),
        (StatusCode::OK, Some(id.as_str())),
        "one session at a time"
    );
    assert_eq!(same["speaker"], "partner");
    assert_eq!(same["my_move"], false);

    // Alex cannot speak for Sam; Sam cannot say it back for Alex.
    assert_eq!(
        act(&app, &alex, &id, "piece", "hello").await.0,
        StatusCode::CONFLICT
    );
    let (status, s) = act(
        &app,
        &sam,
        &id,
        "piece",
        "I miss our slow Saturday mornings.",
    )
    .await;
    assert_eq!(
        (status, s["step"].as_str()),
        (StatusCode::OK, Some("paraphrase"))
    );
    assert_eq!(
        act(&app, &sam, &id, "paraphrase", "me again").await.0,
        StatusCode::CONFLICT
    );
    assert_eq!(
        act(&app, &alex, &id, "thats_it", "").await.0,
        StatusCode::CONFLICT
    );
    act(&app, &alex, &id, "paraphrase", "You want more weekends.").await;
    let (_, s) = act(
        &app,
        &sam,
        &id,
        "not_quite",
        "Slow ones, just the two of us.",
    )
    .await;
    assert_eq!(s["step"], "paraphrase");
    act(
        &app,
        &alex,
        &id,
        "paraphrase",
        "You miss unhurried time alone together.",
    )
    .await;
    let (_, s) = act(&app, &sam, &id, "thats_it", "").await;
    assert_eq!(
        (s["step"].as_str(), s["understood_in_role"].as_u64()),
        (Some("speak"), Some(1))
    );
    let turn = &s["turns"][0];
    assert_eq!(turn["speaker"], "me");
    assert_eq!(turn["attempts"][0]["answer"], "not_quite");
    assert_eq!(
        turn["attempts"][0]["meant"],
        "Slow ones, just the two of us."
    );
    assert_eq!(turn["attempts"][1]["answer"], "thats_it");

    // Either may swap between pieces; then Alex speaks.
    let (_, s) = act(&app, &alex, &id, "swap", "").await;
    assert_eq!(
        (s["speaker"].as_str(), s["my_move"].as_bool()),
        (Some("me"), Some(true))
    );
    act(&app, &alex, &id, "piece", "I feel rushed on Sundays.").await;

    // Ratings wait for the end.
    let rating = format!("/api/v1/listening/{id}/rating");
    assert_eq!(
        put(&app, &sam, rating.clone(), json!({"felt_heard": 5}))
            .await
            .0,
        StatusCode::CONFLICT
    );
    let ended = app
        .api(
            Method::POST,
            &format!("/api/v1/listening/{id}/end"),
            Some(&alex),
            None,
        )
        .await
        .json();
    assert_eq!(ended["ended"], true);
    assert_eq!(
        act(&app, &alex, &id, "paraphrase", "late").await.0,
        StatusCode::CONFLICT,
        "nothing after the end"
    );
    for bad in [
        json!({"felt_heard": 0}),
        json!({"felt_heard": 6}),
        json!({"felt_heard": 3, "for": "both"}),
    ] {
        assert_eq!(
            put(&app, &sam, rating.clone(), bad).await.0,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    // On two phones each gives their own rating.
    assert_eq!(
        put(
            &app,
            &sam,
            rating.clone(),
            json!({"felt_heard": 2, "for": "partner"})
        )
        .await
        .0,
        StatusCode::CONFLICT
    );
    let (status, s) = put(&app, &sam, rating.clone(), json!({"felt_heard": 5})).await;
    assert_eq!((status, s["my_rating"].as_u64()), (StatusCode::OK, Some(5)));
    put(&app, &alex, rating, json!({"felt_heard": 4})).await;
    assert_eq!(
        app.api(
            Method::GET,
            &format!("/api/v1/listening/{id}"),
            Some(&sam),
            None
        )
        .await
        .json()["partner_rating"],
        4
    );

    // Sam's private note stays Sam's.
    let (status, s) = put(
        &app,
        &sam,
        format!("/api/v1/listening/{id}/note"),
        json!({"body": NOTE_CANARY}),
    )
    .await;
    assert_eq!(
        (status, s["my_note"].as_str()),
        (StatusCode::OK, Some(NOTE_CANARY))
    );
    for res in [
        app.api(
            Method::GET,
            &format!("/api/v1/listening/{id}"),
            Some(&alex),
            None,
        )
        .await,
        app.api(Method::GET, "/api/v1/listening", Some(&alex), None)
            .await,
        app.api(Method::GET, "/api/v1/dashboard", Some(&alex), None)
            .await,
        app.page(
            Method::GET,
            &format!("/listen/{id}"),
            Some(&alex_cookie),
            &[],
        )
        .await,
        app.page(
            Method::GET,
            &format!("/listen/{id}/live"),
            Some(&alex_cookie),
            &[],
        )
        .await,
        app.page(Method::GET, "/listen", Some(&alex_cookie), &[])
            .await,
        app.page(Method::GET, "/", Some(&alex_cookie), &[]).await,
    ] {
        assert!(res.status.is_success(), "{}", res.status);
        assert!(!res.text().contains(NOTE_CANARY), "a private note leaked");
    }
    let overview = app
        .api(Method::GET, "/api/v1/listening", Some(&sam), None)
        .await
        .json();
    assert!(overview["open"].is_null());
    assert_eq!(overview["past"][0]["id"], id.as_str());
    assert_eq!(overview["rules"].as_array().unwrap().len(), 3);
}
on_both!(two_phones_follow_the_speaker_listener_flow);

async fn felt_heard_ratings_join_the_dashboard(app: TestApp) {
    let p = pair(&app).await;
    let today = crate::helpers::london_today(&app);
    app.api(
        Method::PUT,
        &format!("/api/v1/checkins/{today}"),
        Some(&p.sam),
        Some(json!({"closeness": 5, "mood": 4, "felt_heard": 2})),
    )
    .await;
    let (_, s) = start(
        &app,
        &p.sam,
        json!({"topic": "Money", "first_speaker": "partner", "one_phone": true}),
    )
    .await;
    let id = s["id"].as_str().unwrap();
    app.api(
        Method::POST,
        &format!("/api/v1/listening/{id}/end"),
        Some(&p.sam),
        None,
    )
    .await;
    put(
        &app,
        &p.sam,
        format!("/api/v1/listening/{id}/rating"),
        json!({"felt_heard": 5}),
    )
    .await;
    let dash = app
        .api(Method::GET, "/api/v1/dashboard", Some(&p.sam), None)
        .await
        .json();
    let last = dash["mine"]["felt_heard"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["day"], today.as_str());
    assert_eq!(
        last["value"], 4,
        "the check-in's 2 and the session's 5 meet at 4 (3.5 rounded up)"
    );
    let partner_view = app
        .api(Method::GET, "/api/v1/dashboard", Some(&p.alex), None)
        .await
        .json();
    assert_eq!(
        partner_view["partner"]["felt_heard"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()["value"],
        4
    );
    let home = app
        .page(Method::GET, "/", Some(&p.sam_cookie), &[])
        .await
        .text();
    assert!(home.contains("Felt heard (1–5)"));
}
on_both!(felt_heard_ratings_join_the_dashboard);

async fn one_phone_passed_between_the_two(app: TestApp) {
    let p = pair(&app).await;
    let (_, s) = start(
        &app,
        &p.sam,
        json!({"topic": "Chores", "first_speaker": "partner", "one_phone": true}),
    )
    .await;
    let id = s["id"].as_str().unwrap().to_owned();
    assert_eq!(
        (s["speaker"].as_str(), s["my_move"].as_bool()),
        (Some("partner"), Some(true))
    );
    // Sam's phone carries both voices; each move belongs to the role's person.
    act(
        &app,
        &p.sam,
        &id,
        "piece",
        "I'd love us to plan the week together.",
    )
    .await;
    act(
        &app,
        &p.sam,
        &id,
        "paraphrase",
        "You want to plan as a team.",
    )
    .await;
    let (_, s) = act(&app, &p.sam, &id, "thats_it", "").await;
    assert_eq!(s["turns"][0]["speaker"], "partner");
    let alex_view = app
        .api(
            Method::GET,
            &format!("/api/v1/listening/{id}"),
            Some(&p.alex),
            None,
        )
        .await
        .json();
    assert_eq!(alex_view["turns"][0]["speaker"], "me");
    app.api(
        Method::POST,
        &format!("/api/v1/listening/{id}/end"),
        Some(&p.sam),
        None,
    )
    .await;
    let rating = format!("/api/v1/listening/{id}/rating");
    let (status, s) = put(
        &app,
        &p.sam,
        rating.clone(),
        json!({"felt_heard": 4, "for": "partner"}),
    )
    .await;
    assert_eq!(
        (status, s["partner_rating"].as_u64()),
        (StatusCode::OK, Some(4))
    );
    // Once given, only Alex changes Alex's rating.
    assert_eq!(
        put(
            &app,
            &p.sam,
            rating.clone(),
            json!({"felt_heard": 1, "for": "partner"})
        )
        .await
        .0,
        StatusCode::CONFLICT
    );
    let (_, s) = put(&app, &p.alex, rating, json!({"felt_heard": 3})).await;
    assert_eq!(s["my_rating"], 3);
}
on_both!(one_phone_passed_between_the_two);

async fn sessions_are_checked_and_scoped_to_the_couple(app: TestApp) {
    let p = pair(&app).await;
    for bad in [
        json!({"topic": " ", "first_speaker": "me"}),
        json!({"topic": "x".repeat(201), "first_speaker": "me"}),
        json!({"topic": "Us", "first_speaker": "nobody"}),
    ] {
        assert_eq!(
            start(&app, &p.sam, bad).await.0,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    let (_, s) = start(&app, &p.sam, json!({"topic": "Us", "first_speaker": "me"})).await;
    let id = s["id"].as_str().unwrap().to_owned();
    assert_eq!(
        act(&app, &p.sam, &id, "shout", "hey").await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        act(&app, &p.sam, &id, "piece", "   ").await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        act(&app, &p.sam, &id, "piece", &"x".repeat(1201)).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let fresh = app
        .api(
            Method::GET,
            &format!("/api/v1/listening/{id}"),
            Some(&p.sam),
            None,
        )
        .await
        .json();
    assert!(
        fresh["turns"].as_array().unwrap().is_empty(),
        "nothing half-saved"
    );

    let (_, kim) = app.register("kim@example.org", "Kim").await;
    let (_, lee) = app.register("lee@example.org", "Lee").await;
    let code = app
        .api(Method::POST, "/api/v1/couple", Some(&kim), None)
        .await
        .json()["invite_code"]
        .as_str()
        .unwrap()
        .to_owned();
    app.api(
        Method::POST,
        "/api/v1/couple/join",
        Some(&lee),
        Some(json!({"invite_code": code})),
    )
    .await;
    assert_eq!(
        app.api(
            Method::GET,
            &format!("/api/v1/listening/{id}"),
            Some(&kim),
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        act(&app, &kim, &id, "piece", "hi").await.0,
        StatusCode::NOT_FOUND
    );
    let (_, solo) = app.register("solo@example.org", "Solo").await;
    app.api(Method::POST, "/api/v1/couple", Some(&solo), None)
        .await;
    assert_eq!(
        start(&app, &solo, json!({"topic": "Us", "first_speaker": "me"}))
            .await
            .0,
        StatusCode::CONFLICT
    );
}
on_both!(sessions_are_checked_and_scoped_to_the_couple);
