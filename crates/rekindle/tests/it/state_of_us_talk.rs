//! The State of Us talk itself: "we've had our talk" takes both partners (either may
//! take theirs back before the other taps, even racing them), and each may change or
//! withdraw their own notes until then — on the API and the pages.

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::state_of_us::{add, ms};
use crate::helpers::TestApp;
use crate::on_both;

async fn the_talk_is_held_when_both_say_so_and_notes_can_change_before(app: TestApp) {
    app.clock.set(ms("2026-11-27T12:00:00Z"));
    let p = crate::helpers::pair(&app).await;
    let get = |token: String| {
        let app = &app;
        async move {
            app.api(Method::GET, "/api/v1/state-of-us", Some(&token), None)
                .await
                .json()
        }
    };
    // With no check-ins, the partner's week is described to the viewer about the partner.
    let first = get(p.sam.clone()).await;
    assert_eq!(
        first["partner_week"],
        "No check-ins this week — they can share in their own words."
    );
    assert!(first["my_week"].as_str().unwrap().contains("you can share"));
    // A note of Sam's can change or go before the talk; Alex cannot touch it.
    let id = add(&app, &p.sam, "talk_about", "the weekend plans")
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let path = format!("/api/v1/state-of-us/notes/{id}");
    let edit = |token: String, body: &'static str| {
        let (app, path) = (&app, path.clone());
        async move {
            app.api(
                Method::PUT,
                &path,
                Some(&token),
                Some(json!({"body": body})),
            )
            .await
        }
    };
    assert_eq!(
        edit(p.alex.clone(), "hijack").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.api(Method::DELETE, &path, Some(&p.alex), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        edit(p.sam.clone(), "  ").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        edit(p.sam.clone(), "our weekends").await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get(p.alex.clone()).await["notes"][0]["body"],
        "our weekends"
    );
    let second = add(&app, &p.sam, "went_well", "to withdraw").await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = app
        .api(
            Method::DELETE,
            &format!("/api/v1/state-of-us/notes/{second}"),
            Some(&p.sam),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(
        get(p.alex.clone()).await["notes"].as_array().unwrap().len(),
        1
    );

    // "We've had our talk": each for themself; either may take theirs back.
    let done = "/api/v1/state-of-us/done";
    let a = app.api(Method::POST, done, Some(&p.sam), None).await.json();
    assert_eq!(
        (a["done"].clone(), a["i_confirmed"].clone()),
        (json!(false), json!(true))
    );
    let b = get(p.alex.clone()).await;
    assert_eq!(
        (b["done"].clone(), b["partner_confirmed"].clone()),
        (json!(false), json!(true))
    );
    let a = app.api(Method::DELETE, done, Some(&p.sam), None).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.json()["i_confirmed"], false);
    assert_eq!(get(p.alex.clone()).await["partner_confirmed"], false);
    // Alex first this time, then Sam: held.
    app.api(Method::POST, done, Some(&p.alex), None).await;
    let alex_page = app
        .page(Method::GET, "/state-of-us", Some(&p.alex_cookie), &[])
        .await
        .text();
    assert!(alex_page.contains("You've said you've had your talk"));
    let sam_page = app
        .page(Method::GET, "/state-of-us", Some(&p.sam_cookie), &[])
        .await
        .text();
    assert!(sam_page.contains("Alex feels you've had this week's talk"));
    assert!(
        sam_page.contains("Change or remove"),
        "Sam may still change a note"
    );
    let held = app
        .page(Method::POST, "/state-of-us/done", Some(&p.sam_cookie), &[])
        .await;
    assert_eq!(held.status, StatusCode::SEE_OTHER);
    assert_eq!(get(p.sam.clone()).await["done"], true);
    // Held: nothing can be taken back or changed any more.
    let late = app.api(Method::DELETE, done, Some(&p.alex), None).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(late.json()["error"]["code"], "meeting_held");
    let late = edit(p.sam.clone(), "rewritten after").await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(
        get(p.alex.clone()).await["notes"][0]["body"],
        "our weekends"
    );
    let page = app
        .page(Method::GET, "/state-of-us", Some(&p.sam_cookie), &[])
        .await
        .text();
    assert!(page.contains("You've both said this week's talk is done"));
    assert!(!page.contains("Change or remove"));
}
on_both!(the_talk_is_held_when_both_say_so_and_notes_can_change_before);

async fn notes_change_on_the_web(app: TestApp) {
    app.clock.set(ms("2026-11-27T12:00:00Z"));
    let p = crate::helpers::pair(&app).await;
    let id = add(&app, &p.sam, "next_week", "a walk").await.json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let page = app
        .page(Method::GET, "/state-of-us", Some(&p.sam_cookie), &[])
        .await
        .text();
    assert!(page.contains(&format!("action=\"/state-of-us/notes/{id}/edit\"")));
    assert!(
        page.contains("-help\">a walk</textarea>"),
        "the edit box starts with the note"
    );
    let alex_page = app
        .page(Method::GET, "/state-of-us", Some(&p.alex_cookie), &[])
        .await
        .text();
    assert!(!alex_page.contains(&format!("/state-of-us/notes/{id}/edit")));
    let res = app
        .page(
            Method::POST,
            &format!("/state-of-us/notes/{id}/edit"),
            Some(&p.sam_cookie),
            &[("body", "a long walk")],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let res = app
        .page(
            Method::POST,
            &format!("/state-of-us/notes/{id}/edit"),
            Some(&p.alex_cookie),
            &[("body", "not yours")],
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(
        app.page(Method::GET, "/state-of-us", Some(&p.alex_cookie), &[])
            .await
            .text()
            .contains("a long walk")
    );
    let res = app
        .page(
            Method::POST,
            &format!("/state-of-us/notes/{id}/delete"),
            Some(&p.sam_cookie),
            &[],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    assert!(
        !app.page(Method::GET, "/state-of-us", Some(&p.alex_cookie), &[])
            .await
            .text()
            .contains("a long walk")
    );
}
on_both!(notes_change_on_the_web);

/// A take-back racing the partner's tap: the meeting is held exactly when both
/// confirmations stand, whichever wins.
async fn a_take_back_racing_the_other_tap_never_leaves_a_half_held_week(app: TestApp) {
    use rekindle::db::state_of_us as meetings;
    let sam = app.person("sam@example.org", "Sam").await;
    let alex = app.person("alex@example.org", "Alex").await;
    app.couple(&sam, &alex).await;
    let couple = rekindle::db::couples::current_for(app.db(), &sam.id)
        .await
        .unwrap()
        .unwrap();
    for round in 0..12 {
        let day = format!("2026-01-{:02}", round + 1);
        let meeting = meetings::open(app.db(), &couple.id, &day, rekindle::db::now_ms())
            .await
            .unwrap();
        meetings::confirm(app.db(), &meeting.id, &couple.id, &sam.id, 1)
            .await
            .unwrap();
        let (db1, db2) = (app.db().clone(), app.db().clone());
        let (m1, m2, c) = (meeting.id.clone(), meeting.id.clone(), couple.id.clone());
        let alex_id = alex.id.clone();
        let sam_id = sam.id.clone();
        let tap = tokio::spawn(async move { meetings::confirm(&db1, &m1, &c, &alex_id, 2).await });
        let back = tokio::spawn(async move { meetings::unconfirm(&db2, &m2, &sam_id).await });
        tap.await.unwrap().unwrap();
        back.await.unwrap().unwrap();
        let held = meetings::find(app.db(), &couple.id, &day)
            .await
            .unwrap()
            .unwrap()
            .done_at_ms
            .is_some();
        let scope = rekindle::db::visibility::Scope::member(&sam, &couple, 3);
        let standing = meetings::confirmations(app.db(), &scope, &meeting.id)
            .await
            .unwrap()
            .len();
        assert_eq!(
            held,
            standing == 2,
            "round {round}: held {held}, {standing} standing"
        );
    }
}
on_both!(a_take_back_racing_the_other_tap_never_leaves_a_half_held_week);
