//! Canaries: Sam writes unique strings into everything private, sealed or not yet
//! delivered — a journal entry, a check-in's private note, an answer Alex has not
//! matched yet, a private wish, the private list of things Alex loves, a note for
//! tomorrow, a surprise note — and Alex reads every page and API route of the route
//! table that takes no id (and the notifications the worker writes, and Alex's own
//! export); none of the strings may appear anywhere.

use axum::http::{Method, StatusCode};
use rekindle::app::routes;
use serde_json::json;

use crate::helpers::{TestApp, pair};
use crate::on_both;

async fn nothing_private_reaches_the_partner(app: TestApp) {
    let p = pair(&app).await;
    let now = app.clock.now_ms();
    let at = |ms: i64| jiff::Timestamp::from_millisecond(ms).unwrap().to_string();
    let canaries = [
        "Canary-wish-4410",
        "Canary-loves-4411",
        "Canary-later-4412",
        "Canary-surprise-4413",
        "Canary-journal-4414",
        "Canary-note-4415",
        "Canary-answer-4416",
    ];
    let writes = [
        (
            "/api/v1/affection/wishes",
            json!({"body": canaries[0], "shared": false}),
        ),
        ("/api/v1/gestures/loves", json!({"body": canaries[1]})),
        ("/api/v1/journal", json!({"body": canaries[4]})),
        (
            "/api/v1/notes",
            json!({"body": canaries[2], "deliver_at": at(now + 86_400_000)}),
        ),
        (
            "/api/v1/notes",
            json!({"body": canaries[3], "surprise_window": {"from": at(now + 3_600_000), "to": at(now + 7_200_000)}}),
        ),
    ];
    for (path, body) in writes {
        let res = app.api(Method::POST, path, Some(&p.sam), Some(body)).await;
        assert_eq!(res.status, StatusCode::CREATED, "{path}: {}", res.text());
    }
    let today = crate::helpers::london_today(&app);
    let res = app
        .api(
            Method::PUT,
            &format!("/api/v1/checkins/{today}"),
            Some(&p.sam),
            Some(json!({"closeness": 4, "mood": 4, "felt_heard": 4, "note": canaries[5]})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let prompt = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.sam), None)
        .await
        .json()["prompt"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app
        .api(
            Method::PUT,
            &format!("/api/v1/prompts/{prompt}/answer"),
            Some(&p.sam),
            Some(json!({"body": canaries[6]})),
        )
        .await;
    assert!(res.status.is_success());
    // Sam also says no to something and keeps a maybe: nothing of it may show either.
    let item = rekindle_core::content::mutual::items()[0].slug;
    app.api(
        Method::PUT,
        &format!("/api/v1/mutual/{item}"),
        Some(&p.sam),
        Some(json!({"answer": "no"})),
    )
    .await;
    app.run_outbox().await;
    let mut read = 0;
    for route in routes() {
        if route.method != Method::GET || route.path.contains('{') {
            continue;
        }
        let res = if route.is_api() {
            app.api(Method::GET, route.path, Some(&p.alex), None).await
        } else {
            app.page(Method::GET, route.path, Some(&p.alex_cookie), &[])
                .await
        };
        read += 1;
        let text = res.text();
        for c in canaries {
            assert!(!text.contains(c), "{} shows {c} to Alex", route.path);
        }
    }
    assert!(read > 40, "read {read} routes");
    let export = app
        .api(Method::GET, "/api/v1/me/export", Some(&p.alex), None)
        .await
        .text();
    for c in canaries {
        assert!(!export.contains(c), "Alex's export holds {c}");
    }
    // Sam sees their own.
    let own = app
        .api(Method::GET, "/api/v1/gestures", Some(&p.sam), None)
        .await;
    assert!(own.text().contains(canaries[1]));
}
on_both!(nothing_private_reaches_the_partner);
