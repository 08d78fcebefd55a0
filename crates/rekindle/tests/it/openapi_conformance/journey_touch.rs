//! The conformance journey through touch, notes, mutual yes, gestures, notifications
//! and reminders: every operation, with its usual errors.

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::checker::Checker;

fn s(v: &serde_json::Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

/// Everything of issue 12, as Sam and Alex.
pub async fn touch(c: &Checker<'_>, sam: &str, alex: &str, now_ms: i64) {
    let at = |ms: i64| jiff::Timestamp::from_millisecond(ms).unwrap().to_string();
    // Notes: now, later, a surprise; the inbox, sent, marks, a cancel.
    let res = c
        .call(
            Method::POST,
            "/api/v1/notes",
            Some(sam),
            Some(json!({"body": "Thank you for this morning"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let now_note = s(&res.json()["id"]);
    let res = c
        .call(
            Method::POST,
            "/api/v1/notes",
            Some(sam),
            Some(json!({"body": "Later", "deliver_at": at(now_ms + 3_600_000)})),
        )
        .await;
    let later = s(&res.json()["id"]);
    c.call(
        Method::POST,
        "/api/v1/notes",
        Some(sam),
        Some(json!({"body": "Surprise", "surprise_window": {"from": at(now_ms + 60_000), "to": at(now_ms + 7_200_000)}})),
    )
    .await;
    c.call(
        Method::POST,
        "/api/v1/notes",
        Some(sam),
        Some(json!({"body": ""})),
    )
    .await; // 422
    c.call(Method::GET, "/api/v1/notes/inbox", Some(alex), None)
        .await;
    c.call(
        Method::GET,
        "/api/v1/notes/inbox?favourites=true",
        Some(alex),
        None,
    )
    .await;
    c.call(Method::GET, "/api/v1/notes/sent", Some(sam), None)
        .await;
    for (method, mark) in [
        (Method::PUT, "heart"),
        (Method::DELETE, "heart"),
        (Method::PUT, "favourite"),
        (Method::DELETE, "favourite"),
    ] {
        c.call(
            method,
            &format!("/api/v1/notes/{now_note}/{mark}"),
            Some(alex),
            None,
        )
        .await;
    }
    c.call(
        Method::PUT,
        &format!("/api/v1/notes/{later}/heart"),
        Some(alex),
        None,
    )
    .await; // 404: not arrived
    c.call(
        Method::DELETE,
        &format!("/api/v1/notes/{now_note}"),
        Some(sam),
        None,
    )
    .await; // 409: arrived
    c.call(
        Method::DELETE,
        &format!("/api/v1/notes/{later}"),
        Some(sam),
        None,
    )
    .await;

    // Touch: a moment, taken back, wishes.
    c.call(Method::GET, "/api/v1/affection", Some(alex), None)
        .await;
    c.call(
        Method::POST,
        "/api/v1/affection",
        Some(alex),
        Some(json!({"kind": "hug"})),
    )
    .await;
    c.call(
        Method::POST,
        "/api/v1/affection",
        Some(alex),
        Some(json!({"kind": "score"})),
    )
    .await; // 422
    c.call(
        Method::DELETE,
        "/api/v1/affection/today/hug",
        Some(alex),
        None,
    )
    .await;
    let res = c
        .call(
            Method::POST,
            "/api/v1/affection/wishes",
            Some(alex),
            Some(json!({"body": "More long hugs", "shared": true})),
        )
        .await;
    let wish = format!("/api/v1/affection/wishes/{}", s(&res.json()["id"]));
    c.call(
        Method::PUT,
        &wish,
        Some(alex),
        Some(json!({"body": "More long hugs", "shared": false})),
    )
    .await;
    c.call(Method::PUT, &wish, Some(sam), Some(json!({"body": "x"})))
        .await; // 404: not Sam's
    c.call(Method::DELETE, &wish, Some(alex), None).await;

    // Mutual yes.
    let res = c.call(Method::GET, "/api/v1/mutual", Some(sam), None).await;
    let item = s(&res.json()["items"][0]["id"]);
    for who in [sam, alex] {
        c.call(
            Method::PUT,
            &format!("/api/v1/mutual/{item}"),
            Some(who),
            Some(json!({"answer": "yes"})),
        )
        .await;
    }
    c.call(
        Method::PUT,
        &format!("/api/v1/mutual/{item}"),
        Some(sam),
        Some(json!({"answer": "perhaps"})),
    )
    .await; // 422
    c.call(
        Method::PUT,
        "/api/v1/mutual/no-such-item",
        Some(sam),
        Some(json!({"answer": "yes"})),
    )
    .await; // 404
    let res = c
        .call(Method::GET, "/api/v1/mutual/matches", Some(sam), None)
        .await;
    assert_eq!(res.json()["matches"][0]["id"], item.as_str());
    c.call(
        Method::PUT,
        "/api/v1/mutual/settings",
        Some(sam),
        Some(json!({"intimate": true, "count_maybe": true})),
    )
    .await;

    // Gestures and the private list.
    c.call(Method::GET, "/api/v1/gestures", Some(sam), None)
        .await;
    let res = c
        .call(
            Method::POST,
            "/api/v1/gestures/loves",
            Some(sam),
            Some(json!({"body": "Lemon cake"})),
        )
        .await;
    let love = format!("/api/v1/gestures/loves/{}", s(&res.json()["id"]));
    c.call(
        Method::POST,
        "/api/v1/gestures/loves",
        Some(sam),
        Some(json!({"body": ""})),
    )
    .await; // 422
    c.call(Method::DELETE, &love, Some(alex), None).await; // 404
    c.call(Method::DELETE, &love, Some(sam), None).await;

    // Reminders and the notification centre.
    c.call(Method::GET, "/api/v1/me/reminders", Some(sam), None)
        .await;
    c.call(
        Method::PUT,
        "/api/v1/me/reminders",
        Some(sam),
        Some(json!({"checkin_at": "20:00", "quiet_hours": {"from": "22:00", "to": "07:00"}, "kindness_per_week": 2, "email": false})),
    )
    .await;
    c.call(
        Method::PUT,
        "/api/v1/me/reminders",
        Some(sam),
        Some(json!({"checkin_at": "25:00", "quiet_hours": null, "kindness_per_week": 9, "email": false})),
    )
    .await; // 422
    c.call(Method::GET, "/api/v1/notifications", Some(alex), None)
        .await;
    c.call(Method::POST, "/api/v1/notifications/read", Some(alex), None)
        .await;
}
