//! The question of the day: the same prompt for both, answers sealed until both have
//! answered (a canary through every partner-facing route and page), no repeats, never
//! deep on a hard day.

use axum::http::{Method, StatusCode};
use rekindle::db::sessions::SessionKind;
use serde_json::json;

use crate::helpers::TestApp;
use crate::on_both;

pub(crate) const CANARY: &str = "canary-sealed-answer-51c2";

async fn answers_stay_sealed_until_both_have_answered(app: TestApp) {
    let p = crate::helpers::pair(&app).await;
    let for_sam = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.sam), None)
        .await
        .json();
    let for_alex = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.alex), None)
        .await
        .json();
    let id = for_sam["prompt"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        for_alex["prompt"]["id"],
        id.as_str(),
        "the same question for both"
    );
    assert!(for_sam["prompt"]["text"].as_str().unwrap().ends_with('?'));
    assert!(for_sam["prompt"]["category"].is_string());

    let saved = app
        .api(
            Method::PUT,
            &format!("/api/v1/prompts/{id}/answer"),
            Some(&p.sam),
            Some(json!({"body": CANARY})),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK);
    assert_eq!(saved.json()["my_answer"], CANARY);
    assert!(saved.json()["partner_answer"].is_null());

    // Before Alex answers, nothing of Sam's answer reaches Alex anywhere.
    let responses = vec![
        app.api(Method::GET, "/api/v1/prompts/today", Some(&p.alex), None)
            .await,
        app.api(Method::GET, "/api/v1/dashboard", Some(&p.alex), None)
            .await,
        app.api(Method::GET, "/api/v1/checkins", Some(&p.alex), None)
            .await,
        app.api(Method::GET, "/api/v1/state-of-us", Some(&p.alex), None)
            .await,
        app.api(Method::GET, "/api/v1/couple", Some(&p.alex), None)
            .await,
        app.page(Method::GET, "/", Some(&p.alex_cookie), &[]).await,
        app.page(Method::GET, "/state-of-us", Some(&p.alex_cookie), &[])
            .await,
        app.page(Method::GET, "/checkin", Some(&p.alex_cookie), &[])
            .await,
    ];
    for res in &responses {
        assert!(res.status.is_success(), "{}", res.status);
        assert!(!res.text().contains(CANARY), "sealed answer leaked");
    }
    let before = responses[0].json();
    assert!(before["partner_answer"].is_null() && before["my_answer"].is_null());

    let both = app
        .api(
            Method::PUT,
            &format!("/api/v1/prompts/{id}/answer"),
            Some(&p.alex),
            Some(json!({"body": "Walking by the sea with you."})),
        )
        .await
        .json();
    assert_eq!(
        both["partner_answer"], CANARY,
        "revealed to Alex once both answered"
    );
    let sam_sees = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.sam), None)
        .await
        .json();
    assert_eq!(sam_sees["partner_answer"], "Walking by the sea with you.");
    let alex_home = app
        .page(Method::GET, "/", Some(&p.alex_cookie), &[])
        .await
        .text();
    assert!(alex_home.contains(CANARY) && alex_home.contains("Sam's answer"));
}
on_both!(answers_stay_sealed_until_both_have_answered);

async fn answers_are_checked_and_scoped(app: TestApp) {
    let p = crate::helpers::pair(&app).await;
    let id = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.sam), None)
        .await
        .json()["prompt"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let other = rekindle_core::content::prompts::PROMPTS
        .iter()
        .find(|q| q.id != id)
        .unwrap()
        .id;
    let not_asked = app
        .api(
            Method::PUT,
            &format!("/api/v1/prompts/{other}/answer"),
            Some(&p.sam),
            Some(json!({"body": "hi"})),
        )
        .await;
    assert_eq!(not_asked.status, StatusCode::NOT_FOUND);
    let unknown = app
        .api(
            Method::PUT,
            "/api/v1/prompts/nope-99/answer",
            Some(&p.sam),
            Some(json!({"body": "hi"})),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let empty = app
        .api(
            Method::PUT,
            &format!("/api/v1/prompts/{id}/answer"),
            Some(&p.sam),
            Some(json!({"body": "  "})),
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Another couple gets its own question and sees nothing of this one.
    let kim = app.person("kim@example.org", "Kim").await;
    let lee = app.person("lee@example.org", "Lee").await;
    app.couple(&kim, &lee).await;
    let kim_token = app.session_for(&kim.id, SessionKind::Api).await;
    assert_eq!(
        app.api(
            Method::PUT,
            &format!("/api/v1/prompts/{id}/answer"),
            Some(&p.sam),
            Some(json!({"body": CANARY}))
        )
        .await
        .status,
        StatusCode::OK
    );
    let theirs = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&kim_token), None)
        .await;
    assert!(!theirs.text().contains(CANARY));
    let sneaky = app
        .api(
            Method::PUT,
            &format!("/api/v1/prompts/{id}/answer"),
            Some(&kim_token),
            Some(json!({"body": "x"})),
        )
        .await;
    if theirs.json()["prompt"]["id"] != id.as_str() {
        assert_eq!(
            sneaky.status,
            StatusCode::NOT_FOUND,
            "a prompt asked of another couple is not yours"
        );
    }
    // After leaving, the question is gone too.
    assert_eq!(
        app.api(Method::POST, "/api/v1/couple/leave", Some(&p.alex), None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.api(Method::GET, "/api/v1/prompts/today", Some(&p.sam), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
on_both!(answers_are_checked_and_scoped);

async fn new_days_bring_new_questions_and_hard_days_stay_light(app: TestApp) {
    let p = crate::helpers::pair(&app).await;
    app.db()
        .execute(
            "UPDATE couple_members SET joined_at = $1",
            vec![(app.clock.now_ms() - 400 * 86_400_000).into()],
        )
        .await
        .unwrap();
    let mut seen = std::collections::HashSet::new();
    for d in 0..20 {
        app.clock.set(app.clock.now_ms() + 86_400_000);
        // A hard day: Sam checks in feeling far apart, before the question is chosen.
        let today = crate::helpers::london_today(&app);
        let hard = app
            .api(
                Method::PUT,
                &format!("/api/v1/checkins/{today}"),
                Some(&p.sam),
                Some(json!({"closeness": 1, "mood": 1, "felt_heard": 2})),
            )
            .await;
        assert_eq!(hard.status, StatusCode::OK, "{}", hard.text());
        let q = app
            .api(Method::GET, "/api/v1/prompts/today", Some(&p.alex), None)
            .await
            .json();
        let id = q["prompt"]["id"].as_str().unwrap().to_owned();
        let prompt = rekindle_core::content::prompts::by_id(&id).unwrap();
        assert_ne!(
            prompt.depth,
            rekindle_core::content::prompts::Depth::Deep,
            "day {d}: never deep on a hard day"
        );
        assert!(seen.insert(id), "day {d}: no repeats");
    }
}
on_both!(new_days_bring_new_questions_and_hard_days_stay_light);

async fn replies_and_hearts_open_after_both_answered_and_history_keeps_them(app: TestApp) {
    let p = crate::helpers::pair(&app).await;
    let id = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.sam), None)
        .await
        .json()["prompt"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let early = app
        .api(
            Method::POST,
            &format!("/api/v1/prompts/{id}/replies"),
            Some(&p.sam),
            Some(json!({"body": "hi"})),
        )
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert_eq!(early.json()["error"]["code"], "not_revealed");
    assert_eq!(
        app.api(
            Method::PUT,
            &format!("/api/v1/prompts/{id}/heart"),
            Some(&p.sam),
            None
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    for (token, body) in [(&p.sam, "Mornings."), (&p.alex, "Evenings.")] {
        let r = app
            .api(
                Method::PUT,
                &format!("/api/v1/prompts/{id}/answer"),
                Some(token),
                Some(json!({"body": body})),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let replied = app
        .api(
            Method::POST,
            &format!("/api/v1/prompts/{id}/replies"),
            Some(&p.sam),
            Some(json!({"body": "Evenings with you are my favourite."})),
        )
        .await;
    assert_eq!(replied.status, StatusCode::CREATED);
    assert_eq!(replied.json()["revealed"], true);
    let hearted = app
        .api(
            Method::PUT,
            &format!("/api/v1/prompts/{id}/heart"),
            Some(&p.alex),
            None,
        )
        .await
        .json();
    assert_eq!(hearted["hearts"]["mine"], true);
    assert_eq!(hearted["replies"][0]["by"], "partner");
    let sam_view = app
        .api(Method::GET, "/api/v1/prompts/today", Some(&p.sam), None)
        .await
        .json();
    assert_eq!(sam_view["hearts"]["partner"], true);
    assert_eq!(sam_view["replies"][0]["by"], "me");
    let unhearted = app
        .api(
            Method::DELETE,
            &format!("/api/v1/prompts/{id}/heart"),
            Some(&p.alex),
            None,
        )
        .await
        .json();
    assert_eq!(unhearted["hearts"]["mine"], false);
    let empty = app
        .api(
            Method::POST,
            &format!("/api/v1/prompts/{id}/replies"),
            Some(&p.alex),
            Some(json!({"body": ""})),
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);

    // The next day, yesterday's question is history, with everything in it.
    app.clock.set(app.clock.now_ms() + 86_400_000);
    let history = app
        .api(Method::GET, "/api/v1/prompts/history", Some(&p.alex), None)
        .await
        .json();
    let first = &history["questions"][0];
    assert_eq!(first["prompt"]["id"], id.as_str());
    assert_eq!(first["partner_answer"], "Mornings.");
    assert_eq!(first["replies"].as_array().unwrap().len(), 1);
    assert!(first["day"].is_string());
    let page = app
        .page(Method::GET, "/questions", Some(&p.alex_cookie), &[])
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("Evenings with you are my favourite."));
}
on_both!(replies_and_hearts_open_after_both_answered_and_history_keeps_them);

/// The history page shows ten questions at a time, newest first, and leads to the
/// ones before; a `before` that is not a day starts from today.
async fn the_history_page_goes_back_ten_questions_at_a_time(app: TestApp) {
    let logins = rekindle::demo::fill(app.db(), 90).await.unwrap();
    let (_, email, password) = &logins.people[0];
    let signed_in = app
        .page(
            Method::POST,
            "/login",
            None,
            &[("email", email.as_str()), ("password", password.as_str())],
        )
        .await;
    let cookie = signed_in.session_cookie().unwrap();
    let first = app
        .page(Method::GET, "/questions", Some(&cookie), &[])
        .await
        .text();
    assert_eq!(first.matches("<h2 class=\"question\">").count(), 10);
    let earlier = first
        .split("href=\"/questions?before=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a link to earlier questions")
        .to_owned();
    let second = app
        .page(
            Method::GET,
            &format!("/questions?before={earlier}"),
            Some(&cookie),
            &[],
        )
        .await
        .text();
    assert_eq!(second.matches("<h2 class=\"question\">").count(), 10);
    let questions = |page: &str| -> Vec<String> {
        page.split("<h2 class=\"question\">")
            .skip(1)
            .map(|q| q.split('<').next().unwrap().to_owned())
            .collect()
    };
    let (a, b) = (questions(&first), questions(&second));
    assert!(a.iter().all(|q| !b.contains(q)), "pages do not repeat");
    let odd = app
        .page(Method::GET, "/questions?before=soon", Some(&cookie), &[])
        .await;
    assert_eq!(odd.status, StatusCode::OK);
    assert_eq!(questions(&odd.text()), a);
}
on_both!(the_history_page_goes_back_ten_questions_at_a_time);
