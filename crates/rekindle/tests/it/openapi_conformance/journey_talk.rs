//! The journey's second half: the question of the day, a love-map round, a listening
//! session and the State of Us.

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::checker::Checker;
use super::journey::s;

pub async fn question_of_the_day(c: &Checker<'_>, sam: &str, alex: &str) {
    let today = c
        .call(Method::GET, "/api/v1/prompts/today", Some(sam), None)
        .await
        .json();
    let id = s(&today["prompt"]["id"]);
    let answer = format!("/api/v1/prompts/{id}/answer");
    let replies = format!("/api/v1/prompts/{id}/replies");
    let heart = format!("/api/v1/prompts/{id}/heart");
    c.call(
        Method::POST,
        &replies,
        Some(sam),
        Some(json!({"body": "Too soon"})),
    )
    .await; // 409
    c.call(
        Method::PUT,
        &answer,
        Some(sam),
        Some(json!({"body": "The sea, always."})),
    )
    .await;
    c.call(
        Method::PUT,
        &answer,
        Some(alex),
        Some(json!({"body": "Our first flat."})),
    )
    .await;
    c.call(
        Method::PUT,
        "/api/v1/prompts/no-such-prompt/answer",
        Some(alex),
        Some(json!({"body": "Hm"})),
    )
    .await; // 404
    let res = c
        .call(
            Method::POST,
            &replies,
            Some(sam),
            Some(json!({"body": "I remember the stairs."})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    c.call(Method::PUT, &heart, Some(alex), None).await;
    c.call(Method::DELETE, &heart, Some(alex), None).await;
    c.call(Method::GET, "/api/v1/prompts/history", Some(alex), None)
        .await;
}

pub async fn love_map(c: &Checker<'_>, sam: &str, alex: &str) {
    c.call(Method::GET, "/api/v1/love-map", Some(sam), None)
        .await;
    let res = c
        .call(
            Method::POST,
            "/api/v1/love-map/rounds",
            Some(sam),
            Some(json!({"about": "me"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let id = s(&res.json()["id"]);
    c.call(
        Method::POST,
        "/api/v1/love-map/rounds",
        Some(sam),
        Some(json!({"about": "me"})),
    )
    .await; // 200, the open one
    c.call(
        Method::POST,
        "/api/v1/love-map/rounds",
        Some(sam),
        Some(json!({"about": "us"})),
    )
    .await; // 422
    let round = format!("/api/v1/love-map/rounds/{id}");
    c.call(Method::GET, &round, Some(alex), None).await;
    let five =
        |w: &str| json!({"entries": (1..=5).map(|i| format!("{w} {i}")).collect::<Vec<_>>()});
    let entries = format!("{round}/entries");
    let marks = format!("{round}/marks");
    c.call(Method::PUT, &entries, Some(sam), Some(five("answer")))
        .await;
    c.call(
        Method::PUT,
        &marks,
        Some(sam),
        Some(json!({"marks": vec!["close"; 5]})),
    )
    .await; // 409
    c.call(Method::PUT, &entries, Some(alex), Some(five("guess")))
        .await;
    c.invalid(
        Method::PUT,
        &entries,
        Some(alex),
        json!({"entries": ["only one"]}),
    )
    .await; // 422
    let all = json!({"marks": ["spot_on", "close", "not_quite", "close", "spot_on"]});
    let res = c.call(Method::PUT, &marks, Some(sam), Some(all)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    c.call(
        Method::GET,
        "/api/v1/love-map/rounds/no-such-round",
        Some(sam),
        None,
    )
    .await; // 404
    c.call(Method::GET, "/api/v1/love-map", Some(alex), None)
        .await;
}

pub async fn listening(c: &Checker<'_>, sam: &str, alex: &str) {
    c.call(Method::GET, "/api/v1/listening", Some(sam), None)
        .await;
    let start = json!({"topic": "Our weekends", "first_speaker": "me", "one_phone": false});
    let res = c
        .call(
            Method::POST,
            "/api/v1/listening",
            Some(sam),
            Some(start.clone()),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let id = s(&res.json()["id"]);
    c.call(Method::POST, "/api/v1/listening", Some(alex), Some(start))
        .await; // 200, the open one
    let session = format!("/api/v1/listening/{id}");
    let moves = format!("{session}/moves");
    c.call(
        Method::POST,
        &moves,
        Some(alex),
        Some(json!({"kind": "piece", "body": "Mine?"})),
    )
    .await; // 409
    c.call(
        Method::POST,
        &moves,
        Some(sam),
        Some(json!({"kind": "piece", "body": "I miss slow Saturdays."})),
    )
    .await;
    c.call(
        Method::POST,
        &moves,
        Some(alex),
        Some(json!({"kind": "paraphrase", "body": "You miss our slow Saturdays."})),
    )
    .await;
    c.call(
        Method::POST,
        &moves,
        Some(sam),
        Some(json!({"kind": "thats_it"})),
    )
    .await;
    c.call(
        Method::POST,
        &moves,
        Some(sam),
        Some(json!({"kind": "shout"})),
    )
    .await; // 422
    c.call(Method::GET, &session, Some(alex), None).await;
    c.call(
        Method::PUT,
        &format!("{session}/rating"),
        Some(sam),
        Some(json!({"felt_heard": 4})),
    )
    .await; // 409, not ended
    c.call(Method::POST, &format!("{session}/end"), Some(alex), None)
        .await;
    let res = c
        .call(
            Method::PUT,
            &format!("{session}/rating"),
            Some(sam),
            Some(json!({"felt_heard": 4})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    c.invalid(
        Method::PUT,
        &format!("{session}/rating"),
        Some(alex),
        json!({"felt_heard": 6}),
    )
    .await; // 422
    c.call(
        Method::PUT,
        &format!("{session}/note"),
        Some(sam),
        Some(json!({"body": "Ask about Saturdays again."})),
    )
    .await;
    c.call(
        Method::GET,
        "/api/v1/listening/no-such-session",
        Some(sam),
        None,
    )
    .await; // 404
    c.call(Method::GET, "/api/v1/listening", Some(alex), None)
        .await;
}

pub async fn state_of_us(c: &Checker<'_>, sam: &str, alex: &str) {
    c.call(Method::GET, "/api/v1/state-of-us", Some(sam), None)
        .await;
    let note = json!({"section": "went_well", "body": "The walk on Tuesday."});
    let res = c
        .call(
            Method::POST,
            "/api/v1/state-of-us/notes",
            Some(alex),
            Some(note),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let id = s(&res.json()["id"]);
    let path = format!("/api/v1/state-of-us/notes/{id}");
    c.call(
        Method::PUT,
        &path,
        Some(alex),
        Some(json!({"body": "The long walk."})),
    )
    .await; // 204
    c.call(Method::PUT, &path, Some(alex), Some(json!({"body": " "})))
        .await; // 422
    c.call(
        Method::PUT,
        &path,
        Some(sam),
        Some(json!({"body": "not mine"})),
    )
    .await; // 404
    let second = c
        .call(
            Method::POST,
            "/api/v1/state-of-us/notes",
            Some(alex),
            Some(json!({"section": "next_week", "body": "to take back"})),
        )
        .await;
    let second = format!("/api/v1/state-of-us/notes/{}", s(&second.json()["id"]));
    c.call(Method::DELETE, &second, Some(alex), None).await; // 204
    c.call(Method::DELETE, &second, Some(alex), None).await; // 404
    c.call(
        Method::POST,
        "/api/v1/state-of-us/notes",
        Some(alex),
        Some(json!({"section": "gripes", "body": "x"})),
    )
    .await; // 422
    c.call(
        Method::PUT,
        "/api/v1/couple/meeting-day",
        Some(sam),
        Some(json!({"weekday": "saturday"})),
    )
    .await;
    c.call(
        Method::PUT,
        "/api/v1/couple/meeting-day",
        Some(sam),
        Some(json!({"weekday": "someday"})),
    )
    .await; // 422
    c.call(Method::POST, "/api/v1/state-of-us/done", Some(sam), None)
        .await;
    c.call(Method::DELETE, "/api/v1/state-of-us/done", Some(sam), None)
        .await; // taken back
    c.call(Method::POST, "/api/v1/state-of-us/done", Some(sam), None)
        .await;
    c.call(Method::POST, "/api/v1/state-of-us/done", Some(alex), None)
        .await; // held
    c.call(Method::DELETE, "/api/v1/state-of-us/done", Some(alex), None)
        .await; // 409
    c.call(
        Method::PUT,
        &path,
        Some(alex),
        Some(json!({"body": "late"})),
    )
    .await; // 409
    c.call(Method::GET, "/api/v1/state-of-us", Some(alex), None)
        .await;
    c.call(Method::GET, "/api/v1/state-of-us/past", Some(alex), None)
        .await;
}

/// The guides library: search, a topic, one guide — open to anyone, no token.
pub async fn guides(c: &Checker<'_>) {
    let found = c
        .call(Method::GET, "/api/v1/guides?q=chores", None, None)
        .await
        .json();
    assert_eq!(found["guides"][0]["slug"], "dividing-chores-fairly");
    c.call(Method::GET, "/api/v1/guides", None, None).await;
    c.call(Method::GET, "/api/v1/guides?tag=soft-start", None, None)
        .await;
    let long = format!("/api/v1/guides?q={}", "a".repeat(201));
    let res = c.call(Method::GET, &long, None, None).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    c.call(Method::GET, "/api/v1/guides/listening-well", None, None)
        .await;
    let res = c
        .call(Method::GET, "/api/v1/guides/no-such-guide", None, None)
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}
