//! The OpenAPI document against what the handlers really do: a journey through every
//! `/api/v1` operation (two people register and pair, check in, answer the question of
//! the day, play a love-map round, listen, hold their State of Us, …), plus malformed,
//! oversized and invalid requests, with every request and answer validated against the
//! served document (`checker.rs`, `validator.rs`). `document.rs` and `fields.rs` check
//! the document itself: unique schema names, parameters where they really are, error
//! answers, limits and what each field says about who sees it.

mod checker;
mod document;
mod fields;
mod journey;
mod journey_dates;
mod journey_journal;
mod journey_talk;
mod journey_touch;
mod validator;

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp};
use crate::on_both;
use checker::Checker;
use journey::{accounts_and_couple, checkins};
use journey_dates::{compromise, dates, fair_split, fair_splits};
use journey_journal::{journal, reports};
use journey_talk::{guides, listening, love_map, question_of_the_day, state_of_us};
use journey_touch::touch;

/// Malformed JSON, a body over the cap and invalid UTF-8 in the path, on every
/// operation that takes them: each answer must be documented for that operation.
async fn bad_requests(c: &Checker<'_>, token: &str) {
    let ops: Vec<(String, String, bool)> = c.doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object().unwrap().iter().map(|(m, op)| {
                (
                    m.to_uppercase(),
                    path.clone(),
                    op["requestBody"].is_object(),
                )
            })
        })
        .collect();
    let big = vec![b' '; 2 * 1024 * 1024];
    for (method, template, has_body) in ops {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let path = template
            .replace("{id}", "x1")
            .replace("{day}", "2020-01-01");
        if has_body {
            let res = c
                .raw(
                    method.clone(),
                    &path,
                    Some(token),
                    Some(b"{\"oops".to_vec()),
                )
                .await;
            assert!(
                res.status.is_client_error(),
                "{method} {path}: {}",
                res.status
            );
            c.raw(method.clone(), &path, Some(token), Some(big.clone()))
                .await;
        }
        if template.contains('{') {
            let odd = template.replace("{id}", "%FF%FE").replace("{day}", "%FF");
            c.call(method.clone(), &odd, Some(token), None).await;
        }
    }
}

async fn every_operation_answers_as_the_document_says(app: TestApp) {
    let c = Checker::new(&app).await;
    let (sam, alex) = accounts_and_couple(&c).await;
    checkins(&c, &sam, &alex).await;
    question_of_the_day(&c, &sam, &alex).await;
    love_map(&c, &sam, &alex).await;
    listening(&c, &sam, &alex).await;
    state_of_us(&c, &sam, &alex).await;
    dates(&c, &sam, &alex, app.clock.now_ms()).await;
    fair_split(&c, &sam).await;
    fair_splits(&c, &sam, &alex).await;
    compromise(&c, &sam, &alex, &crate::helpers::london_today(&app)).await;
    touch(&c, &sam, &alex, app.clock.now_ms()).await;
    journal(&c, &sam, &alex).await;
    reports(&c, &sam, &alex).await;
    guides(&c).await;
    bad_requests(&c, &alex).await;
    // Endings: a password change (other sessions end), leaving, signing out.
    let change = json!({"current_password": PASSWORD, "new_password": "a new kettle every winter"});
    c.call(
        Method::PUT,
        "/api/v1/me/password",
        Some(&sam),
        Some(change.clone()),
    )
    .await;
    c.invalid(
        Method::PUT,
        "/api/v1/me/password",
        Some(&sam),
        json!({"current_password": "wrong one here", "new_password": "short"}),
    )
    .await; // 422
    c.call(Method::POST, "/api/v1/couple/leave", Some(&alex), None)
        .await;
    c.call(Method::POST, "/api/v1/couple/leave", Some(&alex), None)
        .await; // 404
    let before = c
        .call(Method::GET, "/api/v1/me/before", Some(&alex), None)
        .await;
    assert!(
        !before.json()["couples"][0]["pieces"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let res = c
        .call(Method::POST, "/api/v1/auth/logout", Some(&sam), None)
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    c.call(Method::POST, "/api/v1/auth/logout", Some(&sam), None)
        .await; // 401
    let gone = c
        .call(
            Method::DELETE,
            "/api/v1/me",
            Some(&alex),
            Some(json!({"password": PASSWORD, "confirm": true})),
        )
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    c.finish();
}
on_both!(every_operation_answers_as_the_document_says);
