//! Reports for a therapist on both engines: only what both partners could already see
//! goes in (no private note, no answer still sealed, no journal); either partner takes
//! out anything; approvals are for one version; the file exists only once both have
//! approved the version in front of them; other couples get 404.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, pair};
use crate::on_both;

async fn report(app: &TestApp, token: &str, id: &str) -> Value {
    let res = app
        .api(
            Method::GET,
            &format!("/api/v1/reports/{id}"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    res.json()
}

async fn a_report_needs_both_and_either_can_take_things_out(app: TestApp) {
    let p = pair(&app).await;
    let today = crate::helpers::london_today(&app);
    for (token, who) in [(&p.sam, "sam"), (&p.alex, "alex")] {
        let res = app
            .api(
                Method::PUT,
                &format!("/api/v1/checkins/{today}"),
                Some(token),
                Some(json!({"closeness": 5, "mood": 5, "felt_heard": 5,
                    "appreciation": format!("{who}-appreciation"),
                    "note": format!("{who}-private-note-canary")})),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK);
        app.api(
            Method::POST,
            "/api/v1/journal",
            Some(token),
            Some(json!({"body": format!("{who}-journal-canary")})),
        )
        .await;
    }
    // Sam answers today's question; Alex has not, so Sam's answer is still sealed.
    let prompt = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.sam), None)
        .await
        .json()["prompt"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.api(
        Method::PUT,
        &format!("/api/v1/prompts/{prompt}/answer"),
        Some(&p.sam),
        Some(json!({"body": "sam-sealed-answer-canary"})),
    )
    .await;

    let made = app
        .api(
            Method::POST,
            "/api/v1/reports",
            Some(&p.sam),
            Some(json!({"days": 30})),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED);
    let id = made.json()["id"].as_str().unwrap().to_owned();
    let seen = report(&app, &p.alex, &id).await;
    let text = seen.to_string();
    assert!(text.contains("sam-appreciation") && text.contains("alex-appreciation"));
    for kept in [
        "private-note-canary",
        "journal-canary",
        "sealed-answer-canary",
    ] {
        assert!(!text.contains(kept), "{kept} in a report");
    }
    assert_eq!(seen["ready"], false);
    assert!(seen["warning"].as_str().unwrap().contains("anyone"));
    let doc = format!("/api/v1/reports/{id}/document");
    let early = app.api(Method::GET, &doc, Some(&p.sam), None).await;
    assert_eq!(early.status, StatusCode::CONFLICT);

    // Sam approves the first version; Alex then takes out Sam's appreciation.
    let approve = |token: &str, version: Value| {
        let (app, path) = (&app, format!("/api/v1/reports/{id}/approval"));
        let token = token.to_owned();
        async move {
            app.api(
                Method::POST,
                &path,
                Some(&token),
                Some(json!({"version": version})),
            )
            .await
            .status
        }
    };
    assert_eq!(
        approve(&p.sam, seen["version"].clone()).await,
        StatusCode::NO_CONTENT
    );
    let sams = seen["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["text"] == "sam-appreciation")
        .unwrap()["key"]
        .clone();
    let redacted = app
        .api(
            Method::POST,
            &format!("/api/v1/reports/{id}/redactions"),
            Some(&p.alex),
            Some(json!({"item": sams})),
        )
        .await;
    assert_eq!(redacted.status, StatusCode::NO_CONTENT);
    let after = report(&app, &p.sam, &id).await;
    assert!(!after.to_string().contains("sam-appreciation"));
    assert_eq!(after["removed"], json!([{"name": "Alex", "count": 1}]));
    assert_eq!(after["i_approved"], false, "a new version needs a new yes");
    // Approving what one read before is refused; approving what is there works.
    assert_eq!(
        approve(&p.sam, seen["version"].clone()).await,
        StatusCode::CONFLICT
    );
    assert_eq!(
        approve(&p.sam, after["version"].clone()).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.api(Method::GET, &doc, Some(&p.sam), None).await.status,
        StatusCode::CONFLICT,
        "one yes is not enough"
    );
    assert_eq!(
        approve(&p.alex, after["version"].clone()).await,
        StatusCode::NO_CONTENT
    );
    let file = app.api(Method::GET, &doc, Some(&p.sam), None).await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(
        file.header("content-disposition")
            .unwrap()
            .starts_with("attachment")
    );
    let html = file.text();
    assert!(html.contains("alex-appreciation") && !html.contains("sam-appreciation"));
    assert!(html.contains("Please read first"));
    let page = app
        .page(
            Method::GET,
            &format!("/reports/{id}"),
            Some(&p.sam_cookie),
            &[],
        )
        .await;
    assert!(page.text().contains("Download the report"));

    // Another couple sees nothing of it.
    let (_, kim) = app.register("kim@example.org", "Kim").await;
    let (_, lee) = app.register("lee@example.org", "Lee").await;
    let invite = app
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
        Some(json!({"invite_code": invite})),
    )
    .await;
    for path in [format!("/api/v1/reports/{id}"), doc.clone()] {
        let res = app.api(Method::GET, &path, Some(&kim), None).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
    }
    let theirs = app
        .api(Method::GET, "/api/v1/reports", Some(&kim), None)
        .await
        .json();
    assert_eq!(theirs["reports"], json!([]));
}
on_both!(a_report_needs_both_and_either_can_take_things_out);
