//! The journey's first half: accounts, pairing, check-ins, the dashboard and the coach.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::checker::Checker;
use crate::helpers::{PASSWORD, london_today};

pub fn s(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("not a string: {v}"))
        .to_owned()
}

async fn register(c: &Checker<'_>, email: &str, name: &str) -> String {
    let body = json!({"email": email, "password": PASSWORD, "display_name": name, "timezone": "Europe/London"});
    let res = c
        .call(Method::POST, "/api/v1/auth/register", None, Some(body))
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    s(&res.json()["token"])
}

/// Accounts and the couple; returns (Sam's token, Alex's token).
pub async fn accounts_and_couple(c: &Checker<'_>) -> (String, String) {
    let sam = register(c, "sam@example.org", "Sam").await;
    let alex = register(c, "alex@example.org", "Alex").await;
    let sam_t = Some(sam.as_str());
    let alex_t = Some(alex.as_str());
    c.call(Method::GET, "/api/v1/me", sam_t, None).await;
    c.call(Method::GET, "/api/v1/me", None, None).await; // 401
    c.call(
        Method::PATCH,
        "/api/v1/me",
        sam_t,
        Some(json!({"display_name": "Sam R", "timezone": "Europe/London"})),
    )
    .await;
    c.call(
        Method::PATCH,
        "/api/v1/me",
        sam_t,
        Some(json!({"timezone": "Mars/Olympus"})),
    )
    .await; // 422
    // A second sign-in, listed and then ended.
    let login = json!({"email": "sam@example.org", "password": PASSWORD});
    let other = s(&c
        .call(Method::POST, "/api/v1/auth/login", None, Some(login))
        .await
        .json()["token"]);
    let wrong = json!({"email": "sam@example.org", "password": "not the password at all"});
    c.call(Method::POST, "/api/v1/auth/login", None, Some(wrong))
        .await; // 401
    let list = c
        .call(Method::GET, "/api/v1/me/sessions", Some(&other), None)
        .await
        .json();
    let current = list["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["current"] == true)
        .unwrap();
    let id = s(&current["id"]);
    let res = c
        .call(
            Method::DELETE,
            &format!("/api/v1/me/sessions/{id}"),
            sam_t,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    c.call(
        Method::DELETE,
        "/api/v1/me/sessions/nothing-here",
        sam_t,
        None,
    )
    .await; // 404
    // Pairing.
    c.call(Method::GET, "/api/v1/couple", sam_t, None).await; // 404
    let invite = c
        .call(Method::POST, "/api/v1/couple", sam_t, None)
        .await
        .json();
    c.call(
        Method::POST,
        "/api/v1/couple/join",
        alex_t,
        Some(json!({"invite_code": "no-such-code"})),
    )
    .await; // 404
    let res = c
        .call(
            Method::POST,
            "/api/v1/couple/join",
            alex_t,
            Some(json!({"invite_code": invite["invite_code"]})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    c.call(Method::POST, "/api/v1/couple", sam_t, None).await; // 409, already two
    c.call(Method::GET, "/api/v1/couple", alex_t, None).await;
    (sam, alex)
}

pub async fn checkins(c: &Checker<'_>, sam: &str, alex: &str) {
    let today = london_today(c.app);
    let path = format!("/api/v1/checkins/{today}");
    let full = json!({"closeness": 6, "mood": 4, "felt_heard": 5, "appreciation": "Thank you for the soup.", "note": "Tired but glad."});
    let res = c.call(Method::PUT, &path, Some(sam), Some(full)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    c.call(
        Method::PUT,
        &path,
        Some(alex),
        Some(json!({"closeness": 5, "mood": 3, "felt_heard": 4})),
    )
    .await;
    c.raw(
        Method::PUT,
        &path,
        Some(alex),
        Some(br#"{"closeness": 9, "mood": 3, "felt_heard": 4}"#.to_vec()),
    )
    .await; // 422
    c.raw(
        Method::PUT,
        "/api/v1/checkins/2020-13-45",
        Some(alex),
        Some(br#"{"closeness": 1, "mood": 1, "felt_heard": 1}"#.to_vec()),
    )
    .await;
    c.call(
        Method::GET,
        &format!("/api/v1/checkins?from={today}&to={today}"),
        Some(sam),
        None,
    )
    .await;
    c.call(
        Method::GET,
        "/api/v1/checkins?from=yesterday",
        Some(sam),
        None,
    )
    .await; // 400
    c.call(Method::GET, "/api/v1/dashboard?range=90", Some(sam), None)
        .await;
    c.call(Method::GET, "/api/v1/dashboard?range=lots", Some(sam), None)
        .await; // 400
    let text = json!({"text": "You never listen to me. Close the door!"});
    c.call(Method::POST, "/api/v1/coach", Some(sam), Some(text))
        .await;
    c.invalid(
        Method::POST,
        "/api/v1/coach",
        Some(sam),
        json!({"text": "x".repeat(20_001)}),
    )
    .await; // 422
}
