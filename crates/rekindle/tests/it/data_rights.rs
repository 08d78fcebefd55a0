//! Data rights on both engines (PRIVACY.md, promise 6): the export holds everything a
//! person wrote (their private writing opened) and what their partner shared, and
//! nothing their partner kept private, sealed or still to come; the operator's export
//! has no key, so private writing stays sealed there; deleting an account removes
//! everything of the person's at once while the partner keeps their own words.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, Pair, TestApp, pair};
use crate::on_both;

const HOUR: i64 = 60 * 60 * 1000;

/// Sam's and Alex's writing of every private and sealed kind, each with a canary.
async fn write_everything(app: &TestApp, p: &Pair) {
    let today = crate::helpers::london_today(app);
    let later = jiff::Timestamp::from_millisecond(app.clock.now_ms() + 24 * HOUR)
        .unwrap()
        .to_string();
    for (who, token) in [("sam", &p.sam), ("alex", &p.alex)] {
        let calls = [
            (
                Method::POST,
                "/api/v1/journal".to_owned(),
                json!({"body": format!("{who}-journal-canary")}),
            ),
            (
                Method::PUT,
                format!("/api/v1/checkins/{today}"),
                json!({"closeness": 4, "mood": 4, "felt_heard": 4,
                    "appreciation": format!("{who}-shared-appreciation"),
                    "note": format!("{who}-checkin-note-canary")}),
            ),
            (
                Method::POST,
                "/api/v1/gestures/loves".to_owned(),
                json!({"body": format!("{who}-loves-canary")}),
            ),
            (
                Method::POST,
                "/api/v1/affection/wishes".to_owned(),
                json!({"body": format!("{who}-private-wish-canary")}),
            ),
            (
                Method::POST,
                "/api/v1/notes".to_owned(),
                json!({"body": format!("{who}-note-tomorrow-canary"), "deliver_at": later}),
            ),
            (
                Method::POST,
                "/api/v1/notes".to_owned(),
                json!({"body": format!("{who}-note-now")}),
            ),
        ];
        for (method, path, body) in calls {
            let res = app.api(method, &path, Some(token), Some(body)).await;
            assert!(res.status.is_success(), "{path}: {}", res.text());
        }
        let item = rekindle_core::content::mutual::items()[0].slug;
        let res = app
            .api(
                Method::PUT,
                &format!("/api/v1/mutual/{item}"),
                Some(token),
                Some(json!({"answer": "no"})),
            )
            .await;
        assert!(res.status.is_success());
    }
}

async fn export(app: &TestApp, token: &str) -> Value {
    let res = app
        .api(Method::GET, "/api/v1/me/export", Some(token), None)
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(res.header("content-type"), Some("application/json"));
    res.json()
}

async fn the_export_holds_everything_mine_and_nothing_kept_from_me(app: TestApp) {
    let p = pair(&app).await;
    write_everything(&app, &p).await;
    let doc = export(&app, &p.sam).await;
    let text = doc.to_string();
    assert_eq!(doc["format"], "rekindle-export/1");
    assert_eq!(doc["account"]["email"], "sam@example.org");
    assert!(doc["account"].get("password_hash").is_none());
    // Every content table has its place, so nothing new can be left out quietly.
    let tables: BTreeSet<&str> = doc["content"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let expected: BTreeSet<&str> = rekindle::db::export::CONTENT_TABLES
        .iter()
        .copied()
        .collect();
    assert_eq!(tables, expected);
    // Everything of Sam's, private writing opened.
    for mine in [
        "sam-journal-canary",
        "sam-checkin-note-canary",
        "sam-loves-canary",
        "sam-private-wish-canary",
        "sam-note-tomorrow-canary",
        "sam-note-now",
        "sam-shared-appreciation",
    ] {
        assert!(text.contains(mine), "missing {mine}");
    }
    assert!(!doc["content"].to_string().contains("_unopened"));
    // What Alex shared, and nothing Alex kept.
    assert!(text.contains("alex-note-now"));
    assert!(text.contains("alex-shared-appreciation"));
    for theirs in [
        "alex-journal-canary",
        "alex-checkin-note-canary",
        "alex-loves-canary",
        "alex-private-wish-canary",
        "alex-note-tomorrow-canary",
    ] {
        assert!(!text.contains(theirs), "leaked {theirs}");
    }
    let answers = doc["content"]["mutual_answers"].as_array().unwrap();
    assert_eq!(answers.len(), 1, "only Sam's own mutual answer");
    assert_eq!(answers[0]["owner_id"], p.sam_id.as_str());

    // The readable download says the same, as a file.
    let html = app
        .page(
            Method::GET,
            "/settings/export.html",
            Some(&p.sam_cookie),
            &[],
        )
        .await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(
        html.header("content-disposition")
            .is_some_and(|d| d.starts_with("attachment"))
    );
    let page = html.text();
    assert!(page.contains("sam-journal-canary") && page.contains("Journal entries"));
    assert!(!page.contains("alex-journal-canary") && !page.contains("alex-note-tomorrow"));
    let json_file = app
        .page(
            Method::GET,
            "/settings/export.json",
            Some(&p.sam_cookie),
            &[],
        )
        .await;
    assert!(json_file.text().contains("sam-checkin-note-canary"));

    // The operator's export (no key): Sam's private writing stays sealed.
    let scope = rekindle::db::visibility::Scope::new(&p.sam_id, None, app.clock.now_ms());
    let sealed = rekindle::features::export::document(app.db(), &scope, None)
        .await
        .unwrap()
        .to_string();
    for private in [
        "sam-journal-canary",
        "sam-checkin-note-canary",
        "sam-loves-canary",
        "sam-private-wish-canary",
    ] {
        assert!(!sealed.contains(private), "the operator read {private}");
    }
    assert!(sealed.contains("\"_unopened\":\"locked\""));
    assert!(sealed.contains("sam-shared-appreciation"));
}
on_both!(the_export_holds_everything_mine_and_nothing_kept_from_me);

/// Rows owned by `user` in every content table, plus their sessions and keys.
async fn rows_of(app: &TestApp, user: &str) -> i64 {
    let mut n = 0;
    for table in rekindle::db::export::CONTENT_TABLES {
        let found: Vec<i64> = app
            .db()
            .column(
                &format!("SELECT COUNT(*) FROM {table} WHERE owner_id = $1"),
                vec![user.to_owned().into()],
            )
            .await
            .unwrap();
        n += found[0];
    }
    for sql in [
        "SELECT COUNT(*) FROM sessions WHERE user_id = $1",
        "SELECT COUNT(*) FROM user_keys WHERE user_id = $1",
        "SELECT COUNT(*) FROM users WHERE id = $1",
        "SELECT COUNT(*) FROM outbox WHERE user_id = $1",
    ] {
        let found: Vec<i64> = app
            .db()
            .column(sql, vec![user.to_owned().into()])
            .await
            .unwrap();
        n += found[0];
    }
    n
}

async fn deleting_an_account_removes_everything_at_once(app: TestApp) {
    let p = pair(&app).await;
    write_everything(&app, &p).await;
    assert!(rows_of(&app, &p.sam_id).await > 10);
    for (body, field) in [
        (json!({"password": PASSWORD}), "confirm"),
        (
            json!({"password": "not my password at all", "confirm": true}),
            "password",
        ),
    ] {
        let res = app
            .api(Method::DELETE, "/api/v1/me", Some(&p.sam), Some(body))
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.json()["error"]["fields"][field].is_string(), "{field}");
    }
    assert!(rows_of(&app, &p.sam_id).await > 10, "nothing deleted yet");
    let gone = app
        .api(
            Method::DELETE,
            "/api/v1/me",
            Some(&p.sam),
            Some(json!({"password": PASSWORD, "confirm": true})),
        )
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    assert_eq!(rows_of(&app, &p.sam_id).await, 0, "everything of Sam's");
    let me = app.api(Method::GET, "/api/v1/me", Some(&p.sam), None).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    let page = app
        .page(Method::GET, "/settings", Some(&p.sam_cookie), &[])
        .await;
    assert_eq!(
        page.header("location"),
        Some("/login"),
        "the web session too"
    );
    // Alex: no couple any more, Sam's words gone, Alex's own kept.
    let couple = app
        .api(Method::GET, "/api/v1/couple", Some(&p.alex), None)
        .await;
    assert_eq!(couple.status, StatusCode::NOT_FOUND);
    let alex = export(&app, &p.alex).await.to_string();
    assert!(!alex.contains("sam-"), "nothing of Sam's stays with Alex");
    assert!(alex.contains("alex-journal-canary") && alex.contains("alex-shared-appreciation"));
    // A note needs its recipient: the ones Alex sent Sam went with Sam's account.
    assert!(!alex.contains("alex-note-now"));
    assert!(
        !alex.contains("alex-note-tomorrow-canary"),
        "Alex's note still to come was cancelled with the couple"
    );

    // On the web: the password and a ticked box, then signed out with a goodbye.
    let (_, _) = app.register("kim@example.org", "Kim").await;
    let cookie = app
        .page(
            Method::POST,
            "/login",
            None,
            &[("email", "kim@example.org"), ("password", PASSWORD)],
        )
        .await
        .session_cookie()
        .unwrap();
    let unticked = app
        .page(
            Method::POST,
            "/settings/delete",
            Some(&cookie),
            &[("password", PASSWORD)],
        )
        .await;
    assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = app
        .page(
            Method::POST,
            "/settings/delete",
            Some(&cookie),
            &[("password", PASSWORD), ("confirm", "yes")],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(done.text().contains("Your account is deleted"));
    assert!(done.header("clear-site-data").is_some());
    assert_eq!(
        app.count("SELECT COUNT(*) FROM users WHERE email = 'kim@example.org'")
            .await,
        0
    );
}
on_both!(deleting_an_account_removes_everything_at_once);
