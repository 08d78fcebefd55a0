//! The conformance journey through the private journal, shared excerpts and the key
//! to private writing: every operation, with its usual errors.

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::checker::Checker;
use crate::helpers::PASSWORD;

/// Everything of issue 13's journal and keys, as Sam and Alex.
pub async fn journal(c: &Checker<'_>, sam: &str, alex: &str) {
    let prompt = rekindle_core::content::reflection::prompts()[3].slug;
    let res = c
        .call(
            Method::POST,
            "/api/v1/journal",
            Some(sam),
            Some(json!({"body": "What I'd like us to try", "prompt_id": prompt, "tags": ["hope"]})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let id = res.json()["id"].as_str().unwrap().to_owned();
    c.call(
        Method::POST,
        "/api/v1/journal",
        Some(sam),
        Some(json!({"body": " "})),
    )
    .await; // 422
    c.call(Method::GET, "/api/v1/journal", Some(sam), None)
        .await;
    c.call(
        Method::GET,
        "/api/v1/journal?q=try&tag=hope",
        Some(sam),
        None,
    )
    .await;
    c.call(Method::GET, "/api/v1/journal/prompts", Some(sam), None)
        .await;
    let one = format!("/api/v1/journal/{id}");
    c.call(Method::GET, &one, Some(sam), None).await;
    c.call(Method::GET, &one, Some(alex), None).await; // 404
    c.call(
        Method::PUT,
        &one,
        Some(sam),
        Some(json!({"body": "What I'd love us to try", "tags": []})),
    )
    .await;
    let share = format!("/api/v1/journal/{id}/share");
    c.call(
        Method::POST,
        &share,
        Some(sam),
        Some(json!({"excerpt": "I'd love us to try"})),
    )
    .await; // 422: not confirmed
    let res = c
        .call(
            Method::POST,
            &share,
            Some(sam),
            Some(json!({"excerpt": "I'd love us to try", "confirm": true})),
        )
        .await;
    let excerpt = res.json()["id"].as_str().unwrap().to_owned();
    c.call(Method::GET, "/api/v1/journal/shared", Some(alex), None)
        .await;
    let back = format!("/api/v1/journal/shared/{excerpt}");
    c.call(Method::DELETE, &back, Some(alex), None).await; // 404
    c.call(Method::DELETE, &back, Some(sam), None).await;
    c.call(Method::DELETE, &one, Some(sam), None).await;
    c.call(Method::DELETE, &one, Some(sam), None).await; // 404

    // Data rights: the export; deleting needs a yes (the deletion itself ends the
    // journey).
    let export = c
        .call(Method::GET, "/api/v1/me/export", Some(sam), None)
        .await;
    assert_eq!(export.status, StatusCode::OK);
    c.call(
        Method::DELETE,
        "/api/v1/me",
        Some(alex),
        Some(json!({"password": PASSWORD})),
    )
    .await; // 422

    // The key to private writing.
    c.call(Method::GET, "/api/v1/me/private-writing", Some(sam), None)
        .await;
    c.call(
        Method::POST,
        "/api/v1/me/private-writing/recovery-code",
        Some(sam),
        Some(json!({"password": PASSWORD})),
    )
    .await;
    c.call(
        Method::POST,
        "/api/v1/me/private-writing/recovery-code",
        Some(sam),
        Some(json!({"password": "not the password at all"})),
    )
    .await; // 422
    c.call(
        Method::POST,
        "/api/v1/me/private-writing/unlock",
        Some(sam),
        Some(json!({"recovery_code": "WRONG", "password": PASSWORD})),
    )
    .await; // 422
    c.call(
        Method::POST,
        "/api/v1/me/private-writing/start-afresh",
        Some(sam),
        Some(json!({"password": PASSWORD, "confirm": true})),
    )
    .await; // 409: it is open
}

/// A report for a therapist: made, redacted, approved by both, downloaded, deleted.
pub async fn reports(c: &Checker<'_>, sam: &str, alex: &str) {
    let res = c
        .call(
            Method::POST,
            "/api/v1/reports",
            Some(sam),
            Some(json!({"days": 30})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let id = res.json()["id"].as_str().unwrap().to_owned();
    c.call(
        Method::POST,
        "/api/v1/reports",
        Some(sam),
        Some(json!({"days": 0})),
    )
    .await; // 422
    c.call(Method::GET, "/api/v1/reports", Some(alex), None)
        .await;
    let one = format!("/api/v1/reports/{id}");
    let report = c.call(Method::GET, &one, Some(alex), None).await.json();
    let document = format!("{one}/document");
    c.call(Method::GET, &document, Some(sam), None).await; // 409
    if let Some(item) = report["items"][0]["key"].as_str() {
        c.call(
            Method::POST,
            &format!("{one}/redactions"),
            Some(alex),
            Some(json!({"item": item})),
        )
        .await;
    }
    let version = c.call(Method::GET, &one, Some(sam), None).await.json()["version"].clone();
    c.call(
        Method::POST,
        &format!("{one}/approval"),
        Some(sam),
        Some(json!({"version": 0})),
    )
    .await; // 409: stale
    for who in [sam, alex] {
        c.call(
            Method::POST,
            &format!("{one}/approval"),
            Some(who),
            Some(json!({"version": version})),
        )
        .await;
    }
    let file = c.call(Method::GET, &document, Some(alex), None).await;
    assert_eq!(file.status, StatusCode::OK);
    c.call(Method::DELETE, &one, Some(alex), None).await;
    c.call(Method::GET, &one, Some(sam), None).await; // 404
}
