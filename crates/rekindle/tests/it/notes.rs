//! Love notes and the outbox on both engines: a scheduled note does not exist for its
//! recipient one second before its moment (every read byte for byte as if it had never
//! been written) and is in the inbox from the moment on, whether or not a worker has
//! run; a surprise arrives at a whole minute inside its window, hidden from both until
//! then; cancelling, hearts and favourites; leaving cancels pending notes both ways;
//! two workers at once notify each item exactly once; the notes page costs the same
//! however many notes there are. Reminders are in `reminders.rs`.

use std::sync::Arc;
use std::time::Duration;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Pair, TestApp, pair};
use crate::on_both;

const HOUR: i64 = 60 * 60 * 1000;

/// Request helpers for this feature.
impl TestApp {
    pub async fn send_note(&self, token: &str, body: Value) -> (StatusCode, Value) {
        let res = self
            .api(Method::POST, "/api/v1/notes", Some(token), Some(body))
            .await;
        (res.status, res.json())
    }

    pub async fn inbox(&self, token: &str) -> Vec<Value> {
        let res = self
            .api(Method::GET, "/api/v1/notes/inbox", Some(token), None)
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text());
        res.json()["notes"].as_array().unwrap().clone()
    }

    /// Runs one worker over everything due at the app's clock.
    pub async fn run_outbox(&self) -> usize {
        self.worker().run_due().await.unwrap()
    }

    pub fn worker(&self) -> rekindle::jobs::Worker {
        rekindle::jobs::Worker::new(
            self.db().clone(),
            self.clock.clone(),
            None,
            Arc::new(tokio::sync::Notify::new()),
            Duration::from_secs(1),
        )
    }

    pub async fn notification_kinds(&self, token: &str) -> Vec<String> {
        let res = self
            .api(Method::GET, "/api/v1/notifications", Some(token), None)
            .await;
        res.json()["notifications"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["kind"].as_str().unwrap().to_owned())
            .collect()
    }
}

fn at(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).unwrap().to_string()
}

/// Everything Alex can read where a note or a sign of one might show.
async fn alex_view(app: &TestApp, p: &Pair) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for path in [
        "/api/v1/notes/inbox",
        "/api/v1/notes/inbox?favourites=true",
        "/api/v1/notes/sent",
        "/api/v1/notifications",
        "/api/v1/dashboard",
        "/api/v1/me",
    ] {
        let res = app.api(Method::GET, path, Some(&p.alex), None).await;
        out.push((path.to_owned(), res.body));
    }
    for path in ["/", "/notes", "/notifications", "/settings"] {
        let res = app.page(Method::GET, path, Some(&p.alex_cookie), &[]).await;
        out.push((path.to_owned(), res.body));
    }
    out
}

fn same(before: &[(String, Vec<u8>)], after: &[(String, Vec<u8>)], what: &str) {
    for ((path, a), (_, b)) in before.iter().zip(after) {
        assert!(
            a == b,
            "{path}: Alex's view changed when {what}:\n{}\n---\n{}",
            String::from_utf8_lossy(a),
            String::from_utf8_lossy(b)
        );
    }
}

async fn a_scheduled_note_is_nothing_until_its_moment(app: TestApp) {
    let p = pair(&app).await;
    let t0 = app.clock.now_ms();
    let moment = t0 + 3 * HOUR;
    // The world without the note, one second before its moment.
    app.clock.set(moment - 1000);
    app.run_outbox().await;
    let without = alex_view(&app, &p).await;
    // Now written (earlier), and read one second before its moment.
    app.clock.set(t0);
    let (status, json) = app
        .send_note(
            &p.sam,
            json!({"body": "Canary-note-7731 you make Sundays", "deliver_at": at(moment)}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    let id = json["id"].as_str().unwrap().to_owned();
    app.clock.set(moment - 1000);
    assert_eq!(
        app.run_outbox().await,
        0,
        "nothing is due before the moment"
    );
    same(&without, &alex_view(&app, &p).await, "a note was scheduled");
    // Sam sees it waiting, with its moment.
    let sent = app
        .api(Method::GET, "/api/v1/notes/sent", Some(&p.sam), None)
        .await
        .json();
    assert_eq!(sent["notes"][0]["delivered"], false);
    assert_eq!(sent["notes"][0]["deliver_at"], at(moment));
    // At the moment it is in the inbox before any worker runs.
    app.clock.set(moment);
    let inbox = app.inbox(&p.alex).await;
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0]["id"], id.as_str());
    assert_eq!(inbox[0]["from"], "Sam");
    assert!(app.notification_kinds(&p.alex).await.is_empty());
    // The worker then notifies once, without the words.
    assert_eq!(app.run_outbox().await, 1);
    assert_eq!(app.run_outbox().await, 0);
    assert_eq!(app.notification_kinds(&p.alex).await, ["note"]);
    let list = app
        .api(Method::GET, "/api/v1/notifications", Some(&p.alex), None)
        .await;
    assert!(!list.text().contains("Canary-note-7731"));
    assert!(list.text().contains("You have a new note"));
    // Too late to cancel now; and never Alex's to cancel.
    let res = app
        .api(
            Method::DELETE,
            &format!("/api/v1/notes/{id}"),
            Some(&p.sam),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    let res = app
        .api(
            Method::DELETE,
            &format!("/api/v1/notes/{id}"),
            Some(&p.alex),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}
on_both!(a_scheduled_note_is_nothing_until_its_moment);

async fn a_surprise_comes_at_a_hidden_minute_inside_its_window(app: TestApp) {
    let p = pair(&app).await;
    let t0 = app.clock.now_ms();
    let (from, to) = (t0 + HOUR, t0 + 5 * HOUR);
    for _ in 0..5 {
        let (status, json) = app
            .send_note(
                &p.sam,
                json!({"body": "a surprise", "surprise_window": {"from": at(from), "to": at(to)}}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{json}");
    }
    // The sender sees the window, never the moment.
    let sent = app
        .api(Method::GET, "/api/v1/notes/sent", Some(&p.sam), None)
        .await
        .json();
    for n in sent["notes"].as_array().unwrap() {
        assert_eq!(n["deliver_at"], Value::Null);
        assert_eq!(n["surprise_window"]["from"], at(from));
        assert_eq!(n["timing"], "surprise");
    }
    let moments: Vec<i64> = app
        .db()
        .column(
            "SELECT unsealed_at FROM love_notes ORDER BY unsealed_at",
            vec![],
        )
        .await
        .unwrap();
    for m in &moments {
        assert!((from..=to).contains(m), "moment outside its window");
        assert_eq!(m % 60_000, 0, "a whole minute");
        app.clock.set(m - 1000);
        let before = app.inbox(&p.alex).await.len();
        app.clock.set(*m);
        let after = app.inbox(&p.alex).await.len();
        assert!(after > before, "arrives at its moment");
    }
    assert_eq!(app.inbox(&p.alex).await.len(), 5);
    // Bad windows are refused and nothing is written.
    for (window, why) in [
        (
            json!({"from": at(t0 + HOUR), "to": at(t0 + HOUR + 60_000)}),
            "too narrow",
        ),
        (
            json!({"from": at(t0 + 2 * HOUR), "to": at(t0 + HOUR)}),
            "backwards",
        ),
        (
            json!({"from": at(t0 - 5 * HOUR), "to": at(t0 - HOUR)}),
            "past",
        ),
        (
            json!({"from": at(t0), "to": at(t0 + 400 * 24 * HOUR)}),
            "beyond a year",
        ),
        (json!({"from": "soon", "to": at(t0 + HOUR)}), "unreadable"),
    ] {
        let (status, _) = app
            .send_note(&p.sam, json!({"body": "x", "surprise_window": window}))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{why}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM love_notes").await, 5);
}
on_both!(a_surprise_comes_at_a_hidden_minute_inside_its_window);

async fn cancelling_hearts_favourites_and_leaving(app: TestApp) {
    let p = pair(&app).await;
    let t0 = app.clock.now_ms();
    let (_, later) = app
        .send_note(
            &p.sam,
            json!({"body": "later", "deliver_at": at(t0 + HOUR)}),
        )
        .await;
    let later = later["id"].as_str().unwrap().to_owned();
    let res = app
        .api(
            Method::DELETE,
            &format!("/api/v1/notes/{later}"),
            Some(&p.sam),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    app.clock.set(t0 + 2 * HOUR);
    app.run_outbox().await;
    assert!(
        app.inbox(&p.alex).await.is_empty(),
        "a cancelled note never arrives"
    );
    assert!(app.notification_kinds(&p.alex).await.is_empty());

    let (_, now) = app.send_note(&p.sam, json!({"body": "now"})).await;
    let now = now["id"].as_str().unwrap().to_owned();
    app.run_outbox().await;
    let sam_sent = || async {
        app.api(Method::GET, "/api/v1/notes/sent", Some(&p.sam), None)
            .await
            .body
    };
    let before = sam_sent().await;
    for (method, mark) in [(Method::PUT, "favourite"), (Method::DELETE, "favourite")] {
        let res = app
            .api(
                method,
                &format!("/api/v1/notes/{now}/{mark}"),
                Some(&p.alex),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::NO_CONTENT);
        assert_eq!(sam_sent().await, before, "a favourite is Alex's alone");
    }
    let res = app
        .api(
            Method::PUT,
            &format!("/api/v1/notes/{now}/favourite"),
            Some(&p.alex),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let favs = app
        .api(
            Method::GET,
            "/api/v1/notes/inbox?favourites=true",
            Some(&p.alex),
            None,
        )
        .await
        .json();
    assert_eq!(favs["notes"].as_array().unwrap().len(), 1);
    let res = app
        .api(
            Method::PUT,
            &format!("/api/v1/notes/{now}/heart"),
            Some(&p.alex),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let sent = app
        .api(Method::GET, "/api/v1/notes/sent", Some(&p.sam), None)
        .await
        .json();
    assert_eq!(sent["notes"][0]["hearted"], true);
    assert_eq!(sent["notes"][0]["favourite"], false);
    // The writer cannot heart their own note.
    let res = app
        .api(
            Method::PUT,
            &format!("/api/v1/notes/{now}/heart"),
            Some(&p.sam),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // Leaving cancels what is still to come, both ways; what arrived stays with Alex
    // only while they are a couple.
    app.send_note(
        &p.sam,
        json!({"body": "to Alex", "deliver_at": at(t0 + 5 * HOUR)}),
    )
    .await;
    app.send_note(
        &p.alex,
        json!({"body": "to Sam", "deliver_at": at(t0 + 5 * HOUR)}),
    )
    .await;
    app.api(
        Method::POST,
        "/api/v1/affection/wishes",
        Some(&p.alex),
        Some(json!({"body": "Alex-wish-1", "shared": true})),
    )
    .await;
    app.api(
        Method::POST,
        "/api/v1/gestures/loves",
        Some(&p.sam),
        Some(json!({"body": "Sam-list-1"})),
    )
    .await;
    let res = app
        .api(Method::POST, "/api/v1/couple/leave", Some(&p.alex), None)
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.text());
    assert_eq!(
        app.count("SELECT COUNT(*) FROM love_notes WHERE body IN ('to Alex', 'to Sam')")
            .await,
        0
    );
    app.clock.set(t0 + 6 * HOUR);
    app.run_outbox().await;
    assert_eq!(app.count("SELECT COUNT(*) FROM notifications").await, 1);
    // Each keeps what they wrote, and only that.
    let before = app
        .api(Method::GET, "/api/v1/me/before", Some(&p.sam), None)
        .await
        .text();
    assert!(
        before.contains("Sam-list-1") && before.contains("\"now\""),
        "{before}"
    );
    assert!(!before.contains("Alex-wish-1") && !before.contains("to Sam"));
    let before = app
        .api(Method::GET, "/api/v1/me/before", Some(&p.alex), None)
        .await
        .text();
    assert!(before.contains("Alex-wish-1") && !before.contains("Sam-list-1"));
}
on_both!(cancelling_hearts_favourites_and_leaving);

async fn two_workers_notify_each_item_exactly_once(app: TestApp) {
    let p = pair(&app).await;
    let t0 = app.clock.now_ms();
    for i in 0..40 {
        app.send_note(
            &p.sam,
            json!({"body": format!("n{i}"), "deliver_at": at(t0 + 1000 + i * 100)}),
        )
        .await;
    }
    app.clock.set(t0 + HOUR);
    let (a, b) = (app.worker(), app.worker());
    let (ra, rb) = tokio::join!(a.run_due(), b.run_due());
    let worked = ra.unwrap() + rb.unwrap();
    assert!(worked >= 40, "every item was claimed ({worked})");
    assert_eq!(app.count("SELECT COUNT(*) FROM notifications").await, 40);
    assert_eq!(
        app.count("SELECT COUNT(DISTINCT outbox_id) FROM notifications")
            .await,
        40
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE done_at IS NULL")
            .await,
        0
    );
    // A claim that ran out (a worker that died) is taken again, and still once.
    app.db()
        .execute(
            "UPDATE outbox SET done_at = NULL, stage = 'app', claimed_until = 1",
            vec![],
        )
        .await
        .unwrap();
    app.run_outbox().await;
    assert_eq!(app.count("SELECT COUNT(*) FROM notifications").await, 40);
}
on_both!(two_workers_notify_each_item_exactly_once);

async fn the_notes_page_costs_the_same_however_many_notes(app: TestApp) {
    let p = pair(&app).await;
    let cost = |path: &'static str| app.page_statements(path, &p.sam_cookie);
    let (empty, _) = cost("/notes").await;
    let t0 = app.clock.now_ms();
    for i in 0..45 {
        app.clock.set(t0 + i * 1000);
        app.send_note(&p.alex, json!({"body": format!("Thank you, number {i}")}))
            .await;
        app.send_note(
            &p.sam,
            json!({"body": format!("Later {i}"), "deliver_at": at(t0 + HOUR)}),
        )
        .await;
    }
    let (full, page) = cost("/notes").await;
    assert_eq!(empty, full, "a fixed number of statements");
    assert!(empty <= 4, "{empty} statements");
    // Twenty at a time, the newest first, with a way to the earlier ones.
    assert!(page.contains("Thank you, number 44") && !page.contains("Thank you, number 24"));
    assert!(page.contains("/notes?page=2#inbox"));
    let (_, second) = cost("/notes?page=3").await;
    assert!(second.contains("Thank you, number 0") && !second.contains("page=4"));
}
on_both!(the_notes_page_costs_the_same_however_many_notes);
