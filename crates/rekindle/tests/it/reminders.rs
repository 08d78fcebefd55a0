//! Reminders through the outbox, on both engines: the daily check-in reminder at the
//! right instants across London's spring-forward and in Kathmandu (45 minutes off the
//! hour) with quiet hours over midnight, silent on a day already checked in; kindness
//! nudges within their number and never in quiet hours, and none for someone who has
//! said they feel afraid; a date's reminder two hours before, following its moves.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, pair};
use crate::on_both;

async fn set_reminders(app: &TestApp, token: &str, body: Value) -> Value {
    let res = app
        .api(Method::PUT, "/api/v1/me/reminders", Some(token), Some(body))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    res.json()
}

fn ms(zone: &str, local: &str) -> i64 {
    local
        .parse::<jiff::civil::DateTime>()
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::get(zone).unwrap())
        .unwrap()
        .timestamp()
        .as_millisecond()
}

async fn pending_due(app: &TestApp, kind: &str) -> Vec<i64> {
    app.db()
        .column(
            &format!(
                "SELECT due_at FROM outbox WHERE kind = '{kind}' AND done_at IS NULL ORDER BY due_at"
            ),
            vec![],
        )
        .await
        .unwrap()
}

async fn reminders_fall_right_across_dst_and_in_odd_zones(app: TestApp) {
    let p = pair(&app).await;
    // Saturday noon before London's spring-forward; a reminder at 01:30 falls in the gap.
    app.clock.set(ms("Europe/London", "2026-03-28T12:00"));
    set_reminders(
        &app,
        &p.sam,
        json!({"checkin_at": "01:30", "quiet_hours": null, "kindness_per_week": 0, "email": false}),
    )
    .await;
    assert_eq!(
        pending_due(&app, "checkin").await,
        [ms("Europe/London", "2026-03-29T02:30")]
    );
    // It comes, once; the next is the next night at 01:30 (summer time now).
    app.clock.set(ms("Europe/London", "2026-03-29T02:30"));
    app.run_outbox().await;
    assert_eq!(app.notification_kinds(&p.sam).await, ["checkin"]);
    assert_eq!(
        pending_due(&app, "checkin").await,
        [ms("Europe/London", "2026-03-30T01:30")]
    );
    // After a check-in that day, the reminder stays silent.
    app.clock.set(ms("Europe/London", "2026-03-30T01:00"));
    let day = "2026-03-30";
    let res = app
        .api(
            Method::PUT,
            &format!("/api/v1/checkins/{day}"),
            Some(&p.sam),
            Some(json!({"closeness": 5, "mood": 4, "felt_heard": 4})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    app.clock.set(ms("Europe/London", "2026-03-30T01:30"));
    app.run_outbox().await;
    assert_eq!(app.notification_kinds(&p.sam).await, ["checkin"]);

    // Kathmandu (+05:45) with quiet hours over midnight: 22:00–07:15. A reminder set
    // for 06:00 waits until 07:15.
    let res = app
        .api(
            Method::PATCH,
            "/api/v1/me",
            Some(&p.alex),
            Some(json!({"timezone": "Asia/Kathmandu"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    app.clock.set(ms("Asia/Kathmandu", "2026-06-01T12:00"));
    set_reminders(&app, &p.alex, json!({"checkin_at": "06:00", "quiet_hours": {"from": "22:00", "to": "07:15"}, "kindness_per_week": 0, "email": false})).await;
    let alex_due = || async {
        app.db()
            .column::<i64>(
                "SELECT due_at FROM outbox WHERE kind = 'checkin' AND done_at IS NULL AND user_id = $1",
                vec![p.alex_id.clone().into()],
            )
            .await
            .unwrap()
    };
    let due = alex_due().await;
    assert_eq!(due, [ms("Asia/Kathmandu", "2026-06-02T06:00")]);
    // A new zone plans the reminder again at once, in the new local time.
    for (zone, want) in [
        ("Pacific/Chatham", ms("Pacific/Chatham", "2026-06-02T06:00")),
        ("Asia/Kathmandu", ms("Asia/Kathmandu", "2026-06-02T06:00")),
    ] {
        let res = app
            .api(
                Method::PATCH,
                "/api/v1/me",
                Some(&p.alex),
                Some(json!({"timezone": zone})),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK);
        assert_eq!(alex_due().await, [want], "{zone}");
    }
    app.clock.set(due[0]);
    app.run_outbox().await;
    assert!(
        !app.notification_kinds(&p.alex)
            .await
            .contains(&"checkin".to_owned()),
        "not in quiet hours"
    );
    app.clock.set(ms("Asia/Kathmandu", "2026-06-02T07:15"));
    app.run_outbox().await;
    assert_eq!(app.notification_kinds(&p.alex).await, ["checkin"]);
}
on_both!(reminders_fall_right_across_dst_and_in_odd_zones);

/// Works the outbox the way a server's worker does: at each next due moment, until `end`.
async fn run_until(app: &TestApp, end: i64) {
    app.run_outbox().await;
    while let Some(next) = rekindle::db::outbox::next_due(app.db()).await.unwrap() {
        if next >= end {
            break;
        }
        app.clock.set(next.max(app.clock.now_ms()));
        app.run_outbox().await;
    }
    app.clock.set(end);
}

async fn kindness_nudges_stay_within_their_number_and_hours(app: TestApp) {
    let p = pair(&app).await;
    app.clock.set(ms("Europe/London", "2026-12-07T00:30"));
    set_reminders(&app, &p.sam, json!({"checkin_at": null, "quiet_hours": {"from": "21:30", "to": "10:00"}, "kindness_per_week": 3, "email": false})).await;
    // Two weeks, an hour at a time.
    let end = ms("Europe/London", "2026-12-21T00:00");
    run_until(&app, end).await;
    let times: Vec<i64> = app
        .db()
        .column(
            "SELECT created_at FROM notifications WHERE kind = 'kindness' ORDER BY created_at",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(times.len(), 6, "three a week for two weeks");
    let quiet = rekindle_core::timing::QuietHours {
        start: jiff::civil::time(21, 30, 0, 0),
        end: jiff::civil::time(10, 0, 0, 0),
    };
    for t in &times {
        assert!(
            !quiet.contains("Europe/London", *t),
            "a nudge in quiet hours"
        );
    }
    // Someone who has said they feel afraid is not nudged towards affection.
    let res = app
        .page(
            Method::POST,
            "/safety/afraid",
            Some(&p.sam_cookie),
            &[("afraid", "yes")],
        )
        .await;
    assert!(res.status.is_redirection());
    let end = ms("Europe/London", "2026-12-28T00:00");
    run_until(&app, end).await;
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications WHERE kind = 'kindness'")
            .await,
        6
    );
}
on_both!(kindness_nudges_stay_within_their_number_and_hours);

async fn a_date_is_remembered_two_hours_before_and_follows_its_moves(app: TestApp) {
    let p = pair(&app).await;
    app.clock.set(ms("Europe/London", "2026-12-04T09:00"));
    let plan = |starts: &str| json!({"title": "Dinner out", "starts_at": starts});
    let res = app
        .api(
            Method::POST,
            "/api/v1/dates",
            Some(&p.sam),
            Some(plan("2026-12-05T19:30:00Z")),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let id = res.json()["id"].as_str().unwrap().to_owned();
    let two_before = ms("UTC", "2026-12-05T17:30");
    assert_eq!(pending_due(&app, "date").await, [two_before, two_before]);
    // Moved: the reminders move with it.
    let res = app
        .api(
            Method::PUT,
            &format!("/api/v1/dates/{id}"),
            Some(&p.alex),
            Some(plan("2026-12-06T18:00:00Z")),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let moved = ms("UTC", "2026-12-06T16:00");
    assert_eq!(pending_due(&app, "date").await, [moved, moved]);
    app.clock.set(moved);
    app.run_outbox().await;
    for token in [&p.sam, &p.alex] {
        assert_eq!(app.notification_kinds(token).await, ["date"]);
    }
    let list = app
        .api(Method::GET, "/api/v1/notifications", Some(&p.sam), None)
        .await
        .json();
    assert_eq!(list["notifications"][0]["link"], format!("/dates/{id}"));
    // A cancelled date is not remembered.
    let res = app
        .api(
            Method::POST,
            "/api/v1/dates",
            Some(&p.sam),
            Some(plan("2026-12-10T19:30:00Z")),
        )
        .await;
    let other = res.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(pending_due(&app, "date").await.len(), 2);
    let res = app
        .api(
            Method::POST,
            &format!("/api/v1/dates/{other}/cancel"),
            Some(&p.sam),
            None,
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text());
    assert!(pending_due(&app, "date").await.is_empty());
}
on_both!(a_date_is_remembered_two_hours_before_and_follows_its_moves);
