//! `rekindle seed`: realistic histories on both engines, usable by the app at once.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::helpers::TestApp;
use crate::on_both;

async fn seeded_couples_have_histories_and_can_sign_in(app: TestApp) {
    let done = rekindle::seed::seed(app.db(), 7, 60, 42).await.unwrap();
    assert_eq!(done.couples, 7);
    let count = app
        .count("SELECT CAST(COUNT(*) AS BIGINT) FROM checkins")
        .await;
    assert_eq!(usize::try_from(count).unwrap(), done.checkins);
    // Missed days exist, but most days have a check-in.
    assert!(
        done.checkins > 7 * 2 * 60 / 2 && done.checkins < 7 * 2 * 60,
        "{}",
        done.checkins
    );
    let users = app
        .count("SELECT CAST(COUNT(*) AS BIGINT) FROM users")
        .await;
    assert_eq!(users, 14);
    let login = app
        .api(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": done.first_email, "password": rekindle::seed::SEED_PASSWORD})),
        )
        .await;
    assert_eq!(login.status, StatusCode::OK);
    let token = login.json()["token"].as_str().unwrap().to_owned();
    let dash = app
        .api(
            Method::GET,
            "/api/v1/dashboard?range=90",
            Some(&token),
            None,
        )
        .await
        .json();
    let with_values = dash["partner"]["closeness"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["value"].is_number())
        .count();
    assert!(
        with_values > 20,
        "the partner's history shows: {with_values}"
    );
    let values: Vec<i64> = app
        .db()
        .column("SELECT closeness FROM checkins", vec![])
        .await
        .unwrap();
    assert!(values.iter().all(|v| (1..=7).contains(v)));
    assert!(
        values
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            >= 4,
        "varied, not flat"
    );
}
on_both!(seeded_couples_have_histories_and_can_sign_in);
