//! The weekly State of Us: the agenda from the week's check-ins, notes from both,
//! marking it held, history, and the couple's chosen day.

use axum::http::{Method, StatusCode};
use rekindle::db::checkins;
use rekindle::db::sessions::SessionKind;
use rekindle_core::checkin::CheckIn;
use serde_json::json;

use crate::helpers::{Pair, TestApp, pair};
use crate::on_both;

pub(crate) fn ms(rfc3339: &str) -> i64 {
    rfc3339.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

/// Sam and Alex as a couple (`helpers::pair`) with a week of check-ins: appreciations
/// from both, one private note of Sam's, and one check-in from the week before.
async fn pair_with_a_week(app: &TestApp) -> Pair {
    let p = pair(app).await;
    let couple = rekindle::db::couples::current_for(app.db(), &p.sam_id)
        .await
        .unwrap()
        .unwrap();
    let write = |user: String,
                 day: &'static str,
                 appreciation: Option<&'static str>,
                 note: Option<&'static str>| {
        let couple_id = couple.id.clone();
        let db = app.db().clone();
        async move {
            let key = app.key_of(&user).await;
            let c = CheckIn {
                closeness: 6,
                mood: 4,
                felt_heard: 4,
                appreciation: appreciation.map(str::to_owned),
                note: note.map(str::to_owned),
            };
            checkins::save(
                &db,
                &user,
                Some(&couple_id),
                day,
                &c,
                Some(&key),
                rekindle::db::now_ms(),
            )
            .await
            .unwrap();
        }
    };
    write(
        p.sam_id.clone(),
        "2026-11-24",
        Some("the soup on Tuesday"),
        Some("private-canary-sou"),
    )
    .await;
    write(
        p.alex_id.clone(),
        "2026-11-25",
        Some("you fixed the bike"),
        None,
    )
    .await;
    write(
        p.alex_id.clone(),
        "2026-11-20",
        Some("last week's thing"),
        None,
    )
    .await;
    p
}

async fn the_agenda_gathers_the_week_and_both_voices(app: TestApp) {
    // Friday 27 November 2026, noon in London; the default meeting day is Sunday.
    app.clock.set(ms("2026-11-27T12:00:00Z"));
    let p = pair_with_a_week(&app).await;
    let agenda = app
        .api(Method::GET, "/api/v1/state-of-us", Some(&p.sam), None)
        .await;
    assert_eq!(agenda.status, StatusCode::OK);
    let a = agenda.json();
    // The whole body, the same on both engines: Sunday's meeting, this week's two
    // appreciations in order (not last week's), both weeks in words, no notes yet.
    insta::assert_json_snapshot!("state_of_us_agenda_before_notes", a);
    assert!(!a.to_string().contains("private-canary-sou"));

    assert_eq!(
        add(&app, &p.sam, "went_well", "Sunday's walk").await.status,
        StatusCode::CREATED
    );
    // A minute later (the app's clock is fixed; notes are listed in the order written).
    app.clock.set(ms("2026-11-27T12:01:00Z"));
    assert_eq!(
        add(&app, &p.alex, "next_week", "An evening without screens")
            .await
            .status,
        StatusCode::CREATED
    );
    assert_eq!(
        add(&app, &p.alex, "blame", "x").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        add(&app, &p.alex, "talk_about", "   ").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        add(&app, &p.alex, "talk_about", &"x".repeat(2001))
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let for_alex = app
        .api(Method::GET, "/api/v1/state-of-us", Some(&p.alex), None)
        .await
        .json();
    let notes = for_alex["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(
        (notes[0]["section"].as_str(), notes[0]["by"].as_str()),
        (Some("went_well"), Some("partner"))
    );
    assert_eq!(
        (notes[1]["section"].as_str(), notes[1]["by"].as_str()),
        (Some("next_week"), Some("me"))
    );

    // Someone from another couple sees none of it.
    let kim = app.person("kim@example.org", "Kim").await;
    let lee = app.person("lee@example.org", "Lee").await;
    app.couple(&kim, &lee).await;
    let kim_token = app.session_for(&kim.id, SessionKind::Api).await;
    let theirs = app
        .api(Method::GET, "/api/v1/state-of-us", Some(&kim_token), None)
        .await
        .json();
    assert!(theirs["notes"].as_array().unwrap().is_empty());
    assert!(theirs["appreciations"].as_array().unwrap().is_empty());

    // Held once both have said so, then a week later it is history.
    let done = app
        .api(Method::POST, "/api/v1/state-of-us/done", Some(&p.sam), None)
        .await
        .json();
    assert_eq!(
        done["done"], false,
        "one partner does not close the week alone"
    );
    let done = app
        .api(
            Method::POST,
            "/api/v1/state-of-us/done",
            Some(&p.alex),
            None,
        )
        .await
        .json();
    assert_eq!(done["done"], true);
    app.clock.set(ms("2026-12-01T09:00:00Z"));
    let next = app
        .api(Method::GET, "/api/v1/state-of-us", Some(&p.sam), None)
        .await
        .json();
    assert_eq!(next["day"], "2026-12-06");
    assert_eq!(next["done"], false);
    assert!(next["notes"].as_array().unwrap().is_empty());
    let past = app
        .api(Method::GET, "/api/v1/state-of-us/past", Some(&p.alex), None)
        .await
        .json();
    assert_eq!(past["meetings"][0]["day"], "2026-11-29");
    assert_eq!(past["meetings"][0]["done"], true);
    assert_eq!(past["meetings"][0]["notes"].as_array().unwrap().len(), 2);
}
on_both!(the_agenda_gathers_the_week_and_both_voices);

pub(crate) async fn add(
    app: &TestApp,
    token: &str,
    section: &str,
    body: &str,
) -> crate::helpers::TestResponse {
    app.api(
        Method::POST,
        "/api/v1/state-of-us/notes",
        Some(token),
        Some(json!({"section": section, "body": body})),
    )
    .await
}

async fn the_couple_picks_its_day(app: TestApp) {
    app.clock.set(ms("2026-11-27T12:00:00Z"));
    let p = pair_with_a_week(&app).await;
    let set = app
        .api(
            Method::PUT,
            "/api/v1/couple/meeting-day",
            Some(&p.alex),
            Some(json!({"weekday": "Friday"})),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK);
    assert_eq!(set.json()["weekday"], "friday");
    let a = app
        .api(Method::GET, "/api/v1/state-of-us", Some(&p.sam), None)
        .await
        .json();
    assert_eq!(a["day"], "2026-11-27", "today is Friday");
    let bad = app
        .api(
            Method::PUT,
            "/api/v1/couple/meeting-day",
            Some(&p.alex),
            Some(json!({"weekday": "someday"})),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}
on_both!(the_couple_picks_its_day);

async fn the_meeting_on_the_web(app: TestApp) {
    app.clock.set(ms("2026-11-27T12:00:00Z"));
    pair_with_a_week(&app).await;
    let sam = app
        .page(
            Method::POST,
            "/login",
            None,
            &[
                ("email", "sam@example.org"),
                ("password", crate::helpers::PASSWORD),
            ],
        )
        .await
        .session_cookie()
        .unwrap();
    let page = app.page(Method::GET, "/state-of-us", Some(&sam), &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("Sunday 29 November"));
    assert!(html.contains("you fixed the bike"));
    assert!(
        !html.contains("private-canary-sou"),
        "a private note is not an appreciation"
    );
    let empty = app
        .page(
            Method::POST,
            "/state-of-us/notes",
            Some(&sam),
            &[("section", "talk_about"), ("body", "")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let added = app
        .page(
            Method::POST,
            "/state-of-us/notes",
            Some(&sam),
            &[
                ("section", "talk_about"),
                ("body", "I feel rushed in the mornings"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    assert!(
        app.page(Method::GET, "/state-of-us", Some(&sam), &[])
            .await
            .text()
            .contains("I feel rushed in the mornings")
    );
    let day = app
        .page(
            Method::POST,
            "/state-of-us/day",
            Some(&sam),
            &[("weekday", "wednesday")],
        )
        .await;
    assert_eq!(day.status, StatusCode::SEE_OTHER);
    let home = app.page(Method::GET, "/", Some(&sam), &[]).await.text();
    assert!(
        home.contains("on Wednesday 2 December"),
        "home points to the next meeting"
    );
    let held = app
        .page(Method::POST, "/state-of-us/done", Some(&sam), &[])
        .await;
    assert_eq!(held.status, StatusCode::SEE_OTHER);
    assert!(
        app.page(Method::GET, "/state-of-us", Some(&sam), &[])
            .await
            .text()
            .contains("You've said you've had your talk")
    );
    assert_eq!(
        app.page(Method::GET, "/state-of-us/past", Some(&sam), &[])
            .await
            .status,
        StatusCode::OK
    );
}
on_both!(the_meeting_on_the_web);
