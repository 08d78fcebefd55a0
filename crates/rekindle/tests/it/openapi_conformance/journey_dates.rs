//! The journey's dates part: vote on ideas until one matches, add and change an idea of
//! their own, write down a tradition, plan a date from the match, move it, rate it and
//! keep a memory, read the calendars and make and revoke a feed — each answer checked
//! against the document.

use axum::http::{Method, StatusCode};
use serde_json::json;

use super::checker::Checker;

fn s(v: &serde_json::Value) -> String {
    v.as_str().unwrap_or_default().to_owned()
}

fn instant(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).unwrap().to_string()
}

pub async fn dates(c: &Checker<'_>, sam: &str, alex: &str, now_ms: i64) {
    let hour = 3_600_000;
    c.call(Method::GET, "/api/v1/dates", Some(sam), None).await;
    c.call(
        Method::GET,
        "/api/v1/dates?budget=low&minutes=120&setting=home",
        Some(sam),
        None,
    )
    .await;
    c.call(Method::GET, "/api/v1/dates?budget=lots", Some(sam), None)
        .await; // 422
    let ideas = c
        .call(
            Method::GET,
            "/api/v1/dates/ideas?tag=outdoors",
            Some(sam),
            None,
        )
        .await;
    let first = s(&ideas.json()["ideas"][0]["id"]);
    c.call(
        Method::GET,
        "/api/v1/dates/ideas?tag=skydiving",
        Some(sam),
        None,
    )
    .await; // 422
    let vote = format!("/api/v1/dates/ideas/{first}/vote");
    c.call(Method::PUT, &vote, Some(sam), Some(json!({"vote": "love"})))
        .await;
    c.call(
        Method::PUT,
        &vote,
        Some(alex),
        Some(json!({"vote": "like"})),
    )
    .await;
    c.call(
        Method::PUT,
        &vote,
        Some(alex),
        Some(json!({"vote": "maybe"})),
    )
    .await; // 422
    let matches = c
        .call(Method::GET, "/api/v1/dates/matches", Some(alex), None)
        .await;
    assert_eq!(s(&matches.json()["matches"][0]["id"]), first);
    c.call(
        Method::GET,
        &format!("/api/v1/dates/ideas/{first}"),
        Some(alex),
        None,
    )
    .await;
    c.call(
        Method::GET,
        "/api/v1/dates/ideas/no-such-idea",
        Some(alex),
        None,
    )
    .await; // 404

    let idea = json!({"title": "Lantern walk", "how": "Paper lanterns, the long way home.",
        "setting": "out", "cost": "low", "minutes": 90, "energy": "low", "novelty": 2,
        "seasons": ["autumn", "winter"], "tags": ["outdoors", "phones-away"]});
    let res = c
        .call(
            Method::POST,
            "/api/v1/dates/ideas",
            Some(sam),
            Some(idea.clone()),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let own = format!("/api/v1/dates/ideas/{}", s(&res.json()["id"]));
    let mut changed = idea.clone();
    changed["title"] = json!("Lantern walk by the river");
    c.call(Method::PUT, &own, Some(alex), Some(changed)).await;
    let mut bad = idea.clone();
    bad["setting"] = json!("moon");
    c.call(Method::POST, "/api/v1/dates/ideas", Some(sam), Some(bad))
        .await; // 422
    c.call(
        Method::PUT,
        "/api/v1/dates/ideas/no-such-idea",
        Some(sam),
        Some(idea),
    )
    .await; // 404
    c.call(Method::DELETE, &own, Some(alex), None).await;
    c.call(Method::DELETE, &own, Some(alex), None).await; // 404

    let tradition = json!({"title": "Sunday pancakes", "rhythm": "weekly"});
    let res = c
        .call(
            Method::POST,
            "/api/v1/dates/traditions",
            Some(sam),
            Some(tradition),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let t = format!("/api/v1/dates/traditions/{}", s(&res.json()["id"]));
    c.call(
        Method::PUT,
        &t,
        Some(alex),
        Some(json!({"title": "Our anniversary walk", "rhythm": "on_date", "on_day": "06-14"})),
    )
    .await;
    c.call(
        Method::POST,
        "/api/v1/dates/traditions",
        Some(sam),
        Some(json!({"title": "Sometimes", "rhythm": "now and then"})),
    )
    .await; // 422
    c.call(Method::POST, &format!("{t}/done"), Some(sam), None)
        .await;
    c.call(Method::GET, "/api/v1/dates/traditions", Some(alex), None)
        .await;
    c.call(Method::DELETE, &t, Some(sam), None).await;
    c.call(Method::POST, &format!("{t}/done"), Some(sam), None)
        .await; // 404

    let plan = json!({"title": "", "starts_at": instant(now_ms + 48 * hour),
        "ends_at": instant(now_ms + 51 * hour), "place": "The old mill", "idea_id": first,
        "planner": "me", "phones_away": true});
    let res = c
        .call(Method::POST, "/api/v1/dates", Some(sam), Some(plan))
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let date = format!("/api/v1/dates/{}", s(&res.json()["id"]));
    c.call(
        Method::POST,
        "/api/v1/dates",
        Some(sam),
        Some(json!({"title": "Far away", "starts_at": "9999-01-01T00:00:00Z"})),
    )
    .await; // 422
    c.call(Method::GET, &date, Some(alex), None).await;
    c.call(
        Method::PUT,
        &format!("{date}/rating"),
        Some(alex),
        Some(json!({"enjoyment": 4, "closeness": 4})),
    )
    .await; // 409: not begun
    // Moved to an hour ago, so it has begun.
    let moved = json!({"title": "Dinner at the mill", "starts_at": instant(now_ms - hour)});
    c.call(Method::PUT, &date, Some(alex), Some(moved)).await;
    c.call(
        Method::PUT,
        &format!("{date}/rating"),
        Some(alex),
        Some(json!({"enjoyment": 4, "closeness": 5})),
    )
    .await;
    c.invalid(
        Method::PUT,
        &format!("{date}/rating"),
        Some(alex),
        json!({"enjoyment": 9, "closeness": 5}),
    )
    .await; // 422
    c.call(
        Method::PUT,
        &format!("{date}/memory"),
        Some(sam),
        Some(json!({"body": "The lanterns on the water."})),
    )
    .await;
    c.call(Method::GET, "/api/v1/dates/memories", Some(alex), None)
        .await;
    let ics = c
        .call(
            Method::GET,
            &format!("{date}/calendar.ics"),
            Some(sam),
            None,
        )
        .await;
    assert!(ics.text().starts_with("BEGIN:VCALENDAR"), "{}", ics.text());
    c.call(Method::GET, "/api/v1/calendar.ics", Some(alex), None)
        .await;
    c.call(Method::POST, &format!("{date}/cancel"), Some(sam), None)
        .await;
    c.call(Method::POST, &format!("{date}/cancel"), Some(sam), None)
        .await; // 409
    c.call(Method::GET, "/api/v1/dates/no-such-date", Some(sam), None)
        .await; // 404

    let res = c
        .call(Method::POST, "/api/v1/calendar/feed", Some(sam), None)
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    c.call(Method::DELETE, "/api/v1/calendar/feed", Some(sam), None)
        .await;
    c.call(Method::DELETE, "/api/v1/calendar/feed", Some(sam), None)
        .await; // 204: nothing to revoke
}

/// The fair split: the contract's example, and a sheet that breaks a rule.
pub async fn fair_split(c: &Checker<'_>, sam: &str) {
    let sheet = json!({"mode": "goods", "partners": ["Sam", "Alex"],
        "items": [{"name": "Home", "points": [45, 30]}, {"name": "Car", "points": [30, 20]},
                  {"name": "Piano", "points": [25, 50]}]});
    let res = c
        .call(Method::POST, "/api/v1/fair-split", Some(sam), Some(sheet))
        .await;
    assert_eq!(res.json()["split_item"], "Home");
    c.call(
        Method::POST,
        "/api/v1/fair-split",
        Some(sam),
        Some(json!({"mode": "chores", "partners": ["Sam", "Alex"],
                    "items": [{"name": "Dishes", "points": [60, 40]}]})),
    )
    .await; // 422: the points add up to 60 and 40
}

/// A chores split in the app: the list, both partners' sealed points, the division and
/// a rota.
pub async fn fair_splits(c: &Checker<'_>, sam: &str, alex: &str) {
    c.call(Method::GET, "/api/v1/fair-splits", Some(sam), None)
        .await;
    let res = c
        .call(
            Method::POST,
            "/api/v1/fair-splits",
            Some(sam),
            Some(
                json!({"title": "Weekly chores", "mode": "chores", "items": ["Dishes", "Laundry"]}),
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let split = format!("/api/v1/fair-splits/{}", s(&res.json()["id"]));
    c.call(
        Method::POST,
        "/api/v1/fair-splits",
        Some(sam),
        Some(json!({"title": "", "mode": "money", "items": []})),
    )
    .await; // 422
    c.call(
        Method::PUT,
        &format!("{split}/items"),
        Some(alex),
        Some(json!({"items": ["Dishes", "Laundry", "Bins"]})),
    )
    .await;
    c.call(Method::POST, &format!("{split}/rota"), Some(sam), None)
        .await; // 409: not worked out yet
    c.call(
        Method::PUT,
        &format!("{split}/points"),
        Some(sam),
        Some(json!({"points": [50, 20, 20]})),
    )
    .await; // 422: adds up to 90
    for (who, points) in [(sam, [60, 20, 20]), (alex, [20, 50, 30])] {
        c.call(
            Method::PUT,
            &format!("{split}/points"),
            Some(who),
            Some(json!({ "points": points })),
        )
        .await;
    }
    c.call(
        Method::PUT,
        &format!("{split}/items"),
        Some(alex),
        Some(json!({"items": ["Dishes"]})),
    )
    .await; // 409: worked out
    let res = c
        .call(Method::POST, &format!("{split}/rota"), Some(alex), None)
        .await;
    assert_eq!(res.json()["rota"].as_array().map(Vec::len), Some(4));
    c.call(Method::GET, &split, Some(sam), None).await;
    c.call(Method::DELETE, &format!("{split}/rota"), Some(sam), None)
        .await;
    c.call(
        Method::GET,
        "/api/v1/fair-splits/no-such-split",
        Some(sam),
        None,
    )
    .await; // 404
}

/// A compromise topic from stances to the look back.
pub async fn compromise(c: &Checker<'_>, sam: &str, alex: &str, today: &str) {
    c.call(Method::GET, "/api/v1/compromise", Some(sam), None)
        .await;
    let res = c
        .call(
            Method::POST,
            "/api/v1/compromise",
            Some(sam),
            Some(json!({"title": "Weekends"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let topic = format!("/api/v1/compromise/{}", s(&res.json()["id"]));
    c.call(
        Method::POST,
        "/api/v1/compromise",
        Some(sam),
        Some(json!({"title": ""})),
    )
    .await; // 422
    c.call(
        Method::POST,
        &format!("{topic}/options"),
        Some(sam),
        Some(json!({"body": "Too soon"})),
    )
    .await; // 409: stances first
    c.call(
        Method::PUT,
        &format!("{topic}/stance"),
        Some(sam),
        Some(json!({"core": ""})),
    )
    .await; // 422
    for (who, core) in [
        (sam, "Rest after long weeks"),
        (alex, "Seeing friends and some rest"),
    ] {
        c.call(
            Method::PUT,
            &format!("{topic}/stance"),
            Some(who),
            Some(json!({"core": core, "flex": "Saturdays", "feel": "Tired"})),
        )
        .await;
    }
    c.call(
        Method::PUT,
        &format!("{topic}/stance"),
        Some(sam),
        Some(json!({"core": "Late"})),
    )
    .await; // 409
    for (who, option) in [
        (sam, "Alternate weekends"),
        (alex, "Friends on Saturday, rest on Sunday"),
    ] {
        c.call(
            Method::POST,
            &format!("{topic}/options"),
            Some(who),
            Some(json!({"body": option})),
        )
        .await;
    }
    let t = c.call(Method::GET, &topic, Some(alex), None).await.json();
    let ids: Vec<String> = t["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| s(&o["id"]))
        .collect();
    let rate = |values: [i64; 2]| json!({"ratings": ids.iter().zip(values).map(|(id, r)| json!({"option_id": id, "rating": r})).collect::<Vec<_>>()});
    c.call(
        Method::PUT,
        &format!("{topic}/ratings"),
        Some(sam),
        Some(json!({"ratings": [{"option_id": ids[0], "rating": 11}]})),
    )
    .await; // 422
    c.call(
        Method::PUT,
        &format!("{topic}/ratings"),
        Some(sam),
        Some(rate([6, 8])),
    )
    .await;
    c.call(
        Method::PUT,
        &format!("{topic}/choice"),
        Some(sam),
        Some(json!({"option_id": ids[1], "trial_until": today, "review_on": today})),
    )
    .await; // 409: not ranked
    c.call(
        Method::PUT,
        &format!("{topic}/ratings"),
        Some(alex),
        Some(rate([5, 9])),
    )
    .await;
    c.call(
        Method::PUT,
        &format!("{topic}/look-back"),
        Some(sam),
        Some(json!({"body": "Early"})),
    )
    .await; // 409: no choice yet
    c.call(
        Method::PUT,
        &format!("{topic}/choice"),
        Some(alex),
        Some(json!({"option_id": ids[1], "trial_until": today, "review_on": today})),
    )
    .await;
    c.call(
        Method::PUT,
        &format!("{topic}/look-back"),
        Some(sam),
        Some(json!({"body": "It worked."})),
    )
    .await;
    c.call(
        Method::GET,
        "/api/v1/compromise/no-such-topic",
        Some(sam),
        None,
    )
    .await; // 404
}
