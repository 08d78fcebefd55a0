//! The daily check-in and the dashboard: validation, local days across time zones and
//! DST, what the partner may see (a canary on the private note), drift and streaks.

use axum::http::{Method, StatusCode};
use rekindle::db::checkins;
use rekindle_core::checkin::CheckIn;
use serde_json::json;

use crate::helpers::{TestApp, london_today};
use crate::on_both;

/// A unique string that must never reach anyone but its author.
const CANARY: &str = "canary-private-note-7f3a9c";

fn ms(rfc3339: &str) -> i64 {
    rfc3339.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

async fn paired(app: &TestApp) -> (String, String) {
    let p = crate::helpers::pair(app).await;
    (p.sam, p.alex)
}

async fn put(
    app: &TestApp,
    token: &str,
    day: &str,
    body: serde_json::Value,
) -> crate::helpers::TestResponse {
    app.api(
        Method::PUT,
        &format!("/api/v1/checkins/{day}"),
        Some(token),
        Some(body),
    )
    .await
}

async fn partner_sees_shared_fields_only_and_the_note_never_leaks(app: TestApp) {
    let (sam, alex) = paired(&app).await;
    let today = london_today(&app);
    let saved = put(
        &app,
        &sam,
        &today,
        json!({"closeness": 6, "mood": 4, "felt_heard": 5, "appreciation": "thanks for the soup", "note": CANARY}),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.text());
    assert_eq!(saved.json()["note"], CANARY, "the owner gets it back");
    // Saving again the same day replaces the first.
    let again = put(
        &app,
        &sam,
        &today,
        json!({"closeness": 5, "mood": 4, "felt_heard": 5, "appreciation": "thanks for the soup", "note": CANARY}),
    )
    .await;
    assert_eq!(again.json()["closeness"], 5);

    let mine = app
        .api(Method::GET, "/api/v1/checkins", Some(&sam), None)
        .await
        .json();
    assert_eq!(mine["mine"].as_array().unwrap().len(), 1);
    assert_eq!(mine["mine"][0]["note"], CANARY);
    let theirs = app
        .api(Method::GET, "/api/v1/checkins", Some(&alex), None)
        .await;
    let body = theirs.json();
    assert_eq!(body["partner"][0]["closeness"], 5);
    assert_eq!(body["partner"][0]["appreciation"], "thanks for the soup");
    assert!(body["partner"][0].get("note").is_none());
    // The canary appears in none of the partner's responses or pages.
    let alex_cookie = app
        .page(
            Method::POST,
            "/login",
            None,
            &[
                ("email", "alex@example.org"),
                ("password", crate::helpers::PASSWORD),
            ],
        )
        .await
        .session_cookie()
        .unwrap();
    let responses = vec![
        theirs,
        app.api(Method::GET, "/api/v1/dashboard", Some(&alex), None)
            .await,
        app.api(
            Method::GET,
            "/api/v1/dashboard?range=365",
            Some(&alex),
            None,
        )
        .await,
        app.page(Method::GET, "/", Some(&alex_cookie), &[]).await,
        app.page(Method::GET, "/?range=90", Some(&alex_cookie), &[])
            .await,
        app.page(Method::GET, "/checkin", Some(&alex_cookie), &[])
            .await,
    ];
    for res in responses {
        assert!(res.status.is_success(), "{}", res.status);
        assert!(
            !res.text().contains(CANARY),
            "private note leaked to the partner"
        );
    }
    let home = app
        .page(Method::GET, "/", Some(&alex_cookie), &[])
        .await
        .text();
    assert!(
        home.contains("thanks for the soup"),
        "the appreciation is shared"
    );

    // After leaving, the ex-partner sees nothing of Sam's any more.
    assert_eq!(
        app.api(Method::POST, "/api/v1/couple/leave", Some(&sam), None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let after = app
        .api(Method::GET, "/api/v1/checkins", Some(&alex), None)
        .await
        .json();
    assert!(after["partner"].as_array().unwrap().is_empty());
}
on_both!(partner_sees_shared_fields_only_and_the_note_never_leaks);

async fn bad_values_and_days_get_clear_errors(app: TestApp) {
    let (sam, _) = paired(&app).await;
    let today = london_today(&app);
    let ok = json!({"closeness": 4, "mood": 3, "felt_heard": 3});
    let range = put(
        &app,
        &sam,
        &today,
        json!({"closeness": 8, "mood": 0, "felt_heard": -1}),
    )
    .await;
    assert_eq!(range.status, StatusCode::UNPROCESSABLE_ENTITY);
    for f in ["closeness", "mood", "felt_heard"] {
        assert!(range.json()["error"]["fields"][f].is_string(), "{f}");
    }
    let long = put(
        &app,
        &sam,
        &today,
        json!({"closeness": 4, "mood": 3, "felt_heard": 3, "note": "x".repeat(4001)}),
    )
    .await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    let today_date: jiff::civil::Date = today.parse().unwrap();
    let tomorrow = today_date.tomorrow().unwrap().to_string();
    let yesterday = today_date.yesterday().unwrap().to_string();
    let future = put(&app, &sam, &tomorrow, ok.clone()).await;
    assert_eq!(future.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        future.json()["error"]["fields"]["day"]
            .as_str()
            .unwrap()
            .contains("hasn't come yet")
    );
    assert_eq!(
        put(&app, &sam, &yesterday, ok.clone()).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    for bad in [
        "2026-02-30",
        "2026-1-01",
        "yesterday",
        "9999999999-01-01",
        "2026-01-01T00:00:00Z",
    ] {
        let res = put(&app, &sam, bad, ok.clone()).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(res.json()["error"]["code"], "bad_day");
    }
    for query in [
        "?from=2026-13-01",
        "?from=2026-05-01&to=2026-04-01",
        "?from=2020-01-01&to=2026-01-01",
        "?to=x",
    ] {
        let res = app
            .api(
                Method::GET,
                &format!("/api/v1/checkins{query}"),
                Some(&sam),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{query}");
    }
    let count = app
        .count("SELECT CAST(COUNT(*) AS BIGINT) FROM checkins")
        .await;
    assert_eq!(count, 0, "nothing half-saved");
}
on_both!(bad_values_and_days_get_clear_errors);

/// Registers a person in `zone` and returns their token.
async fn person_in(app: &TestApp, email: &str, zone: &str) -> String {
    let res = app
        .api(
            Method::POST,
            "/api/v1/auth/register",
            None,
            Some(json!({"email": email, "password": crate::helpers::PASSWORD, "display_name": "P", "timezone": zone})),
        )
        .await;
    res.json()["token"].as_str().unwrap().to_owned()
}

async fn check_ins_land_on_the_local_day_across_zones_and_dst(app: TestApp) {
    let ny = person_in(&app, "ny@example.org", "America/New_York").await;
    let london = person_in(&app, "ldn@example.org", "Europe/London").await;
    let chatham = person_in(&app, "cht@example.org", "Pacific/Chatham").await;
    let kathmandu = person_in(&app, "ktm@example.org", "Asia/Kathmandu").await;
    let body = json!({"closeness": 4, "mood": 3, "felt_heard": 3});
    // (instant, person, their today, the day next to it that must be refused)
    let cases = [
        // New York springs forward on 8 March 2026: midnight is still 05:00 UTC.
        ("2026-03-08T04:59:59Z", &ny, "2026-03-07", "2026-03-08"),
        ("2026-03-08T05:00:00Z", &ny, "2026-03-08", "2026-03-07"),
        ("2026-03-09T03:59:59Z", &ny, "2026-03-08", "2026-03-09"),
        ("2026-03-09T04:00:00Z", &ny, "2026-03-09", "2026-03-08"),
        // ...and falls back on 1 November: that day has 25 hours.
        ("2026-11-02T04:59:59Z", &ny, "2026-11-01", "2026-11-02"),
        // London starts summer time on 29 March 2026.
        ("2026-03-29T23:00:00Z", &london, "2026-03-30", "2026-03-29"),
        ("2026-03-29T22:59:59Z", &london, "2026-03-29", "2026-03-30"),
        ("2026-10-25T23:30:00Z", &london, "2026-10-25", "2026-10-26"),
        // Chatham (+13:45) ends daylight time on 5 April 2026.
        ("2026-04-04T10:15:00Z", &chatham, "2026-04-05", "2026-04-04"),
        ("2026-04-04T10:14:59Z", &chatham, "2026-04-04", "2026-04-05"),
        ("2026-04-05T11:15:00Z", &chatham, "2026-04-06", "2026-04-05"),
        // Kathmandu is +05:45 all year.
        (
            "2026-01-01T18:15:00Z",
            &kathmandu,
            "2026-01-02",
            "2026-01-01",
        ),
        (
            "2026-01-01T18:14:59Z",
            &kathmandu,
            "2026-01-01",
            "2026-01-02",
        ),
    ];
    for (instant, token, today, other) in cases {
        app.clock.set(ms(instant));
        let yes = put(&app, token, today, body.clone()).await;
        assert_eq!(
            yes.status,
            StatusCode::OK,
            "{instant}: {today} should be today: {}",
            yes.text()
        );
        let no = put(&app, token, other, body.clone()).await;
        assert_eq!(
            no.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{instant}: {other} is not today"
        );
        let dash = app
            .api(Method::GET, "/api/v1/dashboard", Some(token), None)
            .await
            .json();
        assert_eq!(dash["today"], today, "{instant}");
        assert_eq!(dash["checked_in_today"], true);
    }
}
on_both!(check_ins_land_on_the_local_day_across_zones_and_dst);

async fn history(
    app: &TestApp,
    user_id: &str,
    couple_id: &str,
    today: jiff::civil::Date,
    value: impl Fn(i32) -> Option<u8>,
) {
    for back in 0..40 {
        if let Some(v) = value(back) {
            let day = today
                .checked_sub(jiff::ToSpan::days(back))
                .unwrap()
                .to_string();
            let c = CheckIn {
                closeness: v,
                mood: 3,
                felt_heard: 3,
                appreciation: (back == 2).then(|| format!("day {back} was kind")),
                note: None,
            };
            checkins::save(
                app.db(),
                user_id,
                Some(couple_id),
                &day,
                &c,
                None,
                rekindle::db::now_ms(),
            )
            .await
            .unwrap();
        }
    }
}

async fn drift_offers_one_step_to_both_without_naming_anyone(app: TestApp) {
    let sam = app.person("sam@example.org", "Sam").await;
    let alex = app.person("alex@example.org", "Alex").await;
    app.couple(&sam, &alex).await;
    // The couple formed a while ago.
    app.db()
        .execute(
            "UPDATE couple_members SET joined_at = $1",
            vec![ms("2026-01-01T00:00:00Z").into()],
        )
        .await
        .unwrap();
    let couple = rekindle::db::couples::current_for(app.db(), &sam.id)
        .await
        .unwrap()
        .unwrap();
    let today: jiff::civil::Date = london_today(&app).parse().unwrap();
    history(&app, &sam.id, &couple.id, today, |back| {
        Some(if back < 7 { 3 } else { 5 })
    })
    .await;
    history(&app, &alex.id, &couple.id, today, |back| {
        (back % 3 != 0).then_some(5)
    })
    .await;
    let sam_token = app
        .session_for(&sam.id, rekindle::db::sessions::SessionKind::Api)
        .await;
    let alex_token = app
        .session_for(&alex.id, rekindle::db::sessions::SessionKind::Api)
        .await;
    let for_sam = app
        .api(Method::GET, "/api/v1/dashboard", Some(&sam_token), None)
        .await
        .json();
    let for_alex = app
        .api(Method::GET, "/api/v1/dashboard", Some(&alex_token), None)
        .await
        .json();
    assert_eq!(for_sam["drift"]["signal"], "dip");
    assert_eq!(
        for_sam["drift"], for_alex["drift"],
        "the same words for both"
    );
    let words = for_sam["drift"].to_string();
    assert!(
        !words.contains("Sam") && !words.contains("Alex"),
        "names no one"
    );
    // The step leads to a guide, on the API and on the home page.
    let guide = for_sam["drift"]["guide"].as_str().unwrap();
    assert!(
        rekindle_core::content::guides::by_slug(guide).is_some(),
        "{guide}"
    );
    let cookie = app
        .session_for(&sam.id, rekindle::db::sessions::SessionKind::Web)
        .await;
    let home = app.page(Method::GET, "/", Some(&cookie), &[]).await.text();
    assert!(
        home.contains(&format!("href=\"/guides/{guide}\"")),
        "{home}"
    );
    assert_eq!(for_sam["streak"], 40);
    assert_eq!(
        for_alex["appreciations"][0]["text"], "day 2 was kind",
        "Sam's shared appreciation"
    );
    assert_eq!(
        for_sam["appreciations"].as_array().unwrap().len(),
        1,
        "Alex's"
    );
    assert_eq!(for_sam["mine"]["closeness"].as_array().unwrap().len(), 30);
    let year = app
        .api(
            Method::GET,
            "/api/v1/dashboard?range=365",
            Some(&sam_token),
            None,
        )
        .await
        .json();
    assert_eq!(year["mine"]["closeness"].as_array().unwrap().len(), 365);
}
on_both!(drift_offers_one_step_to_both_without_naming_anyone);

async fn checking_in_on_the_web_and_seeing_the_charts(app: TestApp) {
    let sam = app
        .page(
            Method::POST,
            "/register",
            None,
            &[
                ("email", "sam@example.org"),
                ("password", crate::helpers::PASSWORD),
                ("display_name", "Sam"),
                ("timezone", "Europe/London"),
            ],
        )
        .await
        .session_cookie()
        .unwrap();
    let form = app.page(Method::GET, "/checkin", Some(&sam), &[]).await;
    assert_eq!(form.status, StatusCode::OK);
    let today = london_today(&app);
    assert!(
        form.text()
            .contains(&format!("name=\"day\" value=\"{today}\""))
    );
    let missing = app
        .page(
            Method::POST,
            "/checkin",
            Some(&sam),
            &[("day", &today), ("closeness", "5")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        missing
            .text()
            .contains("id=\"closeness-5\" name=\"closeness\" value=\"5\" checked"),
        "choice kept"
    );
    let stale = app
        .page(
            Method::POST,
            "/checkin",
            Some(&sam),
            &[
                ("day", "2020-01-01"),
                ("closeness", "5"),
                ("mood", "4"),
                ("felt_heard", "4"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
    let saved = app
        .page(
            Method::POST,
            "/checkin",
            Some(&sam),
            &[
                ("day", &today),
                ("closeness", "5"),
                ("mood", "4"),
                ("felt_heard", "4"),
                ("note", CANARY),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let home = app
        .page(Method::GET, "/?notice=checkin_saved", Some(&sam), &[])
        .await
        .text();
    assert!(home.contains("You've checked in today"));
    assert!(home.contains("<svg viewBox=\"0 0 320 150\" role=\"img\""));
    assert!(home.contains("<desc id=\"closeness-d\">"));
    assert!(home.contains("Show as a table"));
    let again = app
        .page(Method::GET, "/checkin", Some(&sam), &[])
        .await
        .text();
    assert!(
        again.contains(CANARY),
        "the owner sees their own note when editing"
    );
}
on_both!(checking_in_on_the_web_and_seeing_the_charts);
