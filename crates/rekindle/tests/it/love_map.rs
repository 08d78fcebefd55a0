//! Love-map rounds: answers and guesses sealed until both are in (the partner's view is
//! identical before and after the other side is saved), then shown side by side and
//! marked by the person the round is about; checked input; other couples see nothing.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Pair, TestApp, member_at, pair};
use crate::on_both;

const CANARY: &str = "canary-love-map-answer-7d1e";

async fn start(app: &TestApp, token: &str, about: &str) -> (StatusCode, Value) {
    let res = app
        .api(
            Method::POST,
            "/api/v1/love-map/rounds",
            Some(token),
            Some(json!({"about": about})),
        )
        .await;
    (res.status, res.json())
}

async fn save(app: &TestApp, token: &str, id: &str, entries: &[&str]) -> (StatusCode, Value) {
    let res = app
        .api(
            Method::PUT,
            &format!("/api/v1/love-map/rounds/{id}/entries"),
            Some(token),
            Some(json!({ "entries": entries })),
        )
        .await;
    (res.status, res.json())
}

async fn get(app: &TestApp, token: &str, id: &str) -> Value {
    app.api(
        Method::GET,
        &format!("/api/v1/love-map/rounds/{id}"),
        Some(token),
        None,
    )
    .await
    .json()
}

async fn a_round_is_sealed_until_both_are_in_then_marked_by_its_subject(app: TestApp) {
    let Pair {
        sam,
        alex,
        alex_cookie,
        ..
    } = pair(&app).await;
    let (status, round) = start(&app, &sam, "me").await;
    assert_eq!(status, StatusCode::CREATED);
    let id = round["id"].as_str().unwrap().to_owned();
    assert_eq!(round["about"], "me");
    assert_eq!(round["items"].as_array().unwrap().len(), 5);
    let themes: Vec<&str> = round["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["theme"].as_str().unwrap())
        .collect();
    assert_eq!(
        themes,
        ["worries", "hopes", "favourites", "friends", "dreams"]
    );
    // Starting again while it is open leads back to the same round.
    let (again, same) = start(&app, &sam, "me").await;
    assert_eq!(
        (again, same["id"].as_str()),
        (StatusCode::OK, Some(id.as_str()))
    );
    // Alex sees the same round from the other side: guessing, in Sam's name.
    let alex_before = get(&app, &alex, &id).await;
    assert_eq!(alex_before["about"], "partner");
    assert!(
        alex_before["items"][0]["text"]
            .as_str()
            .unwrap()
            .contains("Sam")
    );

    let answers = [
        CANARY,
        "Seeing my sister",
        "Rainy Sunday baking",
        "Jo from work",
        "A year in Lisbon",
    ];
    let (status, saved) = save(&app, &sam, &id, &answers).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(saved["items"][0]["answer"], CANARY);
    assert_eq!(saved["my_part_done"], true);
    assert!(saved["items"][0]["guess"].is_null());

    // Nothing tells Alex that Sam has answered: the view is the same as before.
    assert_eq!(get(&app, &alex, &id).await, alex_before);
    for res in [
        app.api(Method::GET, "/api/v1/love-map", Some(&alex), None)
            .await,
        app.api(Method::GET, "/api/v1/dashboard", Some(&alex), None)
            .await,
        app.page(Method::GET, "/love-map", Some(&alex_cookie), &[])
            .await,
        app.page(
            Method::GET,
            &format!("/love-map/rounds/{id}"),
            Some(&alex_cookie),
            &[],
        )
        .await,
        app.page(Method::GET, "/", Some(&alex_cookie), &[]).await,
    ] {
        assert!(res.status.is_success(), "{}", res.status);
        assert!(!res.text().contains(CANARY), "a sealed answer leaked");
    }
    // Marks wait for the reveal.
    let early = app
        .api(
            Method::PUT,
            &format!("/api/v1/love-map/rounds/{id}/marks"),
            Some(&sam),
            Some(json!({"marks": vec!["close"; 5]})),
        )
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT);

    let guesses = [
        "Money",
        "Seeing her sister",
        "Baking",
        "Jo",
        "Somewhere warm",
    ];
    let (status, both) = save(&app, &alex, &id, &guesses).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(both["revealed"], true);
    assert_eq!(both["items"][0]["answer"], CANARY);
    assert_eq!(both["items"][0]["guess"], "Money");
    let for_sam = get(&app, &sam, &id).await;
    assert_eq!(for_sam["items"][4]["guess"], "Somewhere warm");
    // Once revealed, it stays as it was.
    assert_eq!(
        save(&app, &sam, &id, &answers).await.0,
        StatusCode::CONFLICT
    );

    // Only Sam marks guesses about Sam's world; marks are checked.
    let marks_path = format!("/api/v1/love-map/rounds/{id}/marks");
    let by_alex = app
        .api(
            Method::PUT,
            &marks_path,
            Some(&alex),
            Some(json!({"marks": vec!["spot_on"; 5]})),
        )
        .await;
    assert_eq!(by_alex.status, StatusCode::CONFLICT);
    for bad in [
        json!({"marks": vec!["spot_on"; 4]}),
        json!({"marks": ["great", "close", "close", "close", "close"]}),
    ] {
        let res = app
            .api(Method::PUT, &marks_path, Some(&sam), Some(bad))
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert!(
        get(&app, &sam, &id).await["items"][0]["mark"].is_null(),
        "nothing half-saved"
    );
    let marked = app
        .api(
            Method::PUT,
            &marks_path,
            Some(&sam),
            Some(json!({"marks": ["not_quite", "spot_on", "close", "spot_on", "close"]})),
        )
        .await;
    assert_eq!(marked.status, StatusCode::OK);
    assert_eq!(get(&app, &alex, &id).await["items"][1]["mark"], "spot_on");
    let overview = app
        .api(Method::GET, "/api/v1/love-map", Some(&alex), None)
        .await
        .json();
    assert_eq!(overview["past"][0]["id"], id.as_str());
    assert!(overview["open"].as_array().unwrap().is_empty());
    let reflection = overview["reflection"].as_str().unwrap();
    assert!(!reflection.chars().any(|c| c.is_ascii_digit()), "no scores");
    // A new round about Sam can start now, with fresh questions.
    let (status, next) = start(&app, &alex, "partner").await;
    assert_eq!(status, StatusCode::CREATED);
    let old: Vec<&Value> = round["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["question_id"])
        .collect();
    for item in next["items"].as_array().unwrap() {
        assert!(
            !old.contains(&&item["question_id"]),
            "no repeats about the same person"
        );
    }
}
on_both!(a_round_is_sealed_until_both_are_in_then_marked_by_its_subject);

async fn rounds_are_checked_and_scoped_to_the_couple(app: TestApp) {
    let p = pair(&app).await;
    let (_, round) = start(&app, &p.sam, "partner").await;
    let id = round["id"].as_str().unwrap().to_owned();
    assert_eq!(round["about"], "partner");
    assert_eq!(round["subject_name"], "Alex");
    // Empty, missing or over-long entries: 422, nothing saved.
    for entries in [
        vec![""; 5],
        vec!["a"; 4],
        vec!["x".repeat(1001).leak() as &str; 5],
    ] {
        let (status, _) = save(&app, &p.sam, &id, &entries).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(get(&app, &p.sam, &id).await["my_part_done"], false);
    let (status, _) = start(&app, &p.sam, "everyone").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // Another couple: not found, whatever they try.
    let (_, kim_token) = app.register("kim@example.org", "Kim").await;
    let (_, lee_token) = app.register("lee@example.org", "Lee").await;
    let code = app
        .api(Method::POST, "/api/v1/couple", Some(&kim_token), None)
        .await
        .json()["invite_code"]
        .as_str()
        .unwrap()
        .to_owned();
    app.api(
        Method::POST,
        "/api/v1/couple/join",
        Some(&lee_token),
        Some(json!({"invite_code": code})),
    )
    .await;
    let path = format!("/api/v1/love-map/rounds/{id}");
    assert_eq!(
        app.api(Method::GET, &path, Some(&kim_token), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        save(&app, &kim_token, &id, &["a"; 5]).await.0,
        StatusCode::NOT_FOUND
    );
    // A person waiting for their partner cannot start a round yet.
    let (_, solo) = app.register("solo@example.org", "Solo").await;
    app.api(Method::POST, "/api/v1/couple", Some(&solo), None)
        .await;
    assert_eq!(start(&app, &solo, "me").await.0, StatusCode::CONFLICT);
}
on_both!(rounds_are_checked_and_scoped_to_the_couple);

fn field_value(html: &str, marker: &str) -> String {
    let start = html.find(marker).unwrap() + marker.len();
    html[start..].split('"').next().unwrap().to_owned()
}

async fn playing_a_round_on_the_web(app: TestApp) {
    let p = pair(&app).await;
    let started = app
        .page(
            Method::POST,
            "/love-map/rounds",
            Some(&p.alex_cookie),
            &[("about", "me")],
        )
        .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER);
    let location = started.header("location").unwrap().to_owned();
    assert!(location.starts_with("/love-map/rounds/"));
    let page = app
        .page(Method::GET, &location, Some(&p.alex_cookie), &[])
        .await
        .text();
    assert!(page.contains("A round about your world") && page.contains("Save my answers"));
    let action = format!(
        "/love-map/rounds/{}",
        field_value(&page, "action=\"/love-map/rounds/")
    );
    let missing = app
        .page(
            Method::POST,
            &action,
            Some(&p.alex_cookie),
            &[("e0", "only one")],
        )
        .await;
    assert_eq!(
        missing.header("location"),
        Some(format!("{location}?notice=entries_missing").as_str())
    );
    let five = [
        ("e0", "Deadlines"),
        ("e1", "The trip"),
        ("e2", "Tea"),
        ("e3", "Mo"),
        ("e4", "A boat"),
    ];
    assert_eq!(
        app.page(Method::POST, &action, Some(&p.alex_cookie), &five)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let sam_view = app
        .page(Method::GET, &location, Some(&p.sam_cookie), &[])
        .await
        .text();
    assert!(sam_view.contains("A round about Alex") && !sam_view.contains("Deadlines"));
    let guesses = [
        ("e0", "Work"),
        ("e1", "The trip"),
        ("e2", "Coffee"),
        ("e3", "Mo"),
        ("e4", "Sailing"),
    ];
    app.page(Method::POST, &action, Some(&p.sam_cookie), &guesses)
        .await;
    let revealed = app
        .page(Method::GET, &location, Some(&p.alex_cookie), &[])
        .await
        .text();
    assert!(
        revealed.contains("Deadlines")
            && revealed.contains("Sam guessed")
            && revealed.contains("Save my marks")
    );
    let marks = [
        ("m0", "close"),
        ("m1", "spot_on"),
        ("m2", "not_quite"),
        ("m3", "spot_on"),
        ("m4", "close"),
    ];
    let marks_action = format!("{location}/marks");
    assert_eq!(
        app.page(Method::POST, &marks_action, Some(&p.alex_cookie), &marks)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let overview = app
        .page(Method::GET, "/love-map", Some(&p.sam_cookie), &[])
        .await
        .text();
    assert!(overview.contains("aria-label=\"Close, Spot on, Not quite, Spot on, Close\""));
}
on_both!(playing_a_round_on_the_web);

async fn the_list_keeps_to_the_newest_rounds_but_remembers_where_you_began(app: TestApp) {
    use rekindle::features::love_map::{self as lm, About};
    let sam = app.person("sam@example.org", "Sam").await;
    let alex = app.person("alex@example.org", "Alex").await;
    app.couple(&sam, &alex).await;
    let couple = rekindle::db::couples::current_for(app.db(), &sam.id)
        .await
        .unwrap()
        .unwrap();
    let five: Vec<String> = (0..5).map(|i| format!("thing {i}")).collect();
    for n in 0..23 {
        // Rounds a millisecond apart, so their order is certain on both engines.
        app.clock.set(app.clock.now_ms() + 1);
        let now = app.clock.now_ms();
        let (r, _) = lm::start(app.db(), &member_at(&sam, &couple, now), About::Me)
            .await
            .unwrap();
        lm::save_mine(app.db(), &member_at(&sam, &couple, now), &r.id, &five)
            .await
            .unwrap();
        lm::save_mine(app.db(), &member_at(&alex, &couple, now), &r.id, &five)
            .await
            .unwrap();
        let mark = if n < 3 { "not_quite" } else { "spot_on" };
        lm::mark(
            app.db(),
            &member_at(&sam, &couple, now),
            &r.id,
            &vec![mark.to_owned(); 5],
        )
        .await
        .unwrap();
    }
    let o = lm::overview(app.db(), &member_at(&alex, &couple, app.clock.now_ms()))
        .await
        .unwrap();
    assert_eq!(o.past.len(), 20, "the newest twenty are listed");
    assert!(o.past.iter().all(|r| r.marks.len() == 5));
    // The first three rounds are out of the list but not out of mind.
    assert!(
        o.reflection.starts_with("You know more"),
        "{}",
        o.reflection
    );
}
on_both!(the_list_keeps_to_the_newest_rounds_but_remembers_where_you_began);
