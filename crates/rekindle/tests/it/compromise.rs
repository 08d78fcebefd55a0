//! The compromise workspace on both engines: stances sealed until both are in (the
//! partner's view byte for byte the same before), common ground marked, options and
//! ratings sealed until both rated every one, the ranking by maximin then Nash product
//! with its reason, the choice and the look back (on the State of Us agenda when its
//! day comes), open topics in the listening picker — and someone who has said privately
//! that they feel afraid is not nudged into any of it, without their partner learning.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Pair, TestApp, pair};
use crate::on_both;

/// Request helpers for this feature.
impl TestApp {
    async fn topic(&self, token: &str, id: &str) -> Value {
        self.api(
            Method::GET,
            &format!("/api/v1/compromise/{id}"),
            Some(token),
            None,
        )
        .await
        .json()
    }

    async fn put_topic(
        &self,
        token: &str,
        id: &str,
        part: &str,
        body: Value,
    ) -> (StatusCode, Value) {
        let res = self
            .api(
                Method::PUT,
                &format!("/api/v1/compromise/{id}/{part}"),
                Some(token),
                Some(body),
            )
            .await;
        let status = res.status;
        (status, res.json())
    }
}

/// Everything Alex can read of the topic and where it might show.
async fn alex_view(app: &TestApp, p: &Pair, id: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for path in [
        "/api/v1/compromise".to_owned(),
        format!("/api/v1/compromise/{id}"),
        "/api/v1/state-of-us".to_owned(),
    ] {
        out.push((
            path.clone(),
            app.api(Method::GET, &path, Some(&p.alex), None).await.body,
        ));
    }
    for path in [
        "/compromise".to_owned(),
        format!("/compromise/{id}"),
        "/".to_owned(),
        "/listen".to_owned(),
    ] {
        out.push((
            path.clone(),
            app.page(Method::GET, &path, Some(&p.alex_cookie), &[])
                .await
                .body,
        ));
    }
    out
}

fn same(before: &[(String, Vec<u8>)], after: &[(String, Vec<u8>)], what: &str) {
    for ((path, a), (_, b)) in before.iter().zip(after) {
        assert!(a == b, "{path}: Alex's view changed when {what}");
    }
}

async fn a_topic_from_sealed_stances_to_the_look_back(app: TestApp) {
    let p = pair(&app).await;
    let res = app
        .api(
            Method::POST,
            "/api/v1/compromise",
            Some(&p.sam),
            Some(json!({"title": "How we spend weekends"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let id = res.json()["id"].as_str().unwrap().to_owned();
    // Options wait for both stances.
    let early = app
        .api(
            Method::POST,
            &format!("/api/v1/compromise/{id}/options"),
            Some(&p.sam),
            Some(json!({"body": "x"})),
        )
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT);

    let before = alex_view(&app, &p, &id).await;
    let (status, t) = app
        .put_topic(
            &p.sam,
            &id,
            "stance",
            json!({"core": "Rest after busy weeks, and our Sunday walks",
            "flex": "Saturdays can be social", "feel": "Tired, and a bit unheard"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(t["stage"], "stances");
    assert!(t["stances"].as_array().unwrap().is_empty());
    same(
        &before,
        &alex_view(&app, &p, &id).await,
        "Sam wrote a stance",
    );

    let (_, t) = app
        .put_topic(
            &p.alex,
            &id,
            "stance",
            json!({"core": "Seeing friends; long walks together on Sundays",
            "flex": "Quiet evenings", "feel": "Lonely at weekends"}),
        )
        .await;
    assert_eq!(t["stage"], "options");
    assert_eq!(t["common_ground"], json!(["sunday", "walk"]));
    let marked: Vec<&str> = t["stances"][0]["core"]["pieces"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["common"] == true)
        .map(|x| x["text"].as_str().unwrap())
        .collect();
    assert_eq!(marked, ["Sunday", "walks"]);
    let (late, _) = app
        .put_topic(&p.sam, &id, "stance", json!({"core": "Changed"}))
        .await;
    assert_eq!(late, StatusCode::CONFLICT);
    let page = app
        .page(
            Method::GET,
            &format!("/compromise/{id}"),
            Some(&p.alex_cookie),
            &[],
        )
        .await
        .html();
    assert!(
        page.contains("<mark>Sunday</mark>"),
        "common ground marked on the page"
    );

    for (who, option) in [
        (&p.sam, "Alternate weekends"),
        (&p.alex, "Friends on Saturday, rest on Sunday"),
        (&p.sam, "Both rest, friends once a month"),
    ] {
        let res = app
            .api(
                Method::POST,
                &format!("/api/v1/compromise/{id}/options"),
                Some(who),
                Some(json!({"body": option})),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED);
    }
    let t = app.topic(&p.sam, &id).await;
    // The options in the order written (A, B, C), found by their words.
    let ids: Vec<String> = [
        "Alternate weekends",
        "Friends on Saturday, rest on Sunday",
        "Both rest, friends once a month",
    ]
    .iter()
    .map(|body| {
        t["options"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["body"] == *body)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    })
    .collect();
    let rate = |values: &[i64]| json!({"ratings": ids.iter().zip(values).map(|(o, r)| json!({"option_id": o, "rating": r})).collect::<Vec<_>>()});
    // Sam: A 9, B 5, C 6. Alex: A 3, B 8, C 7. Maximin: C (6) over B (5) over A (3).
    let before = alex_view(&app, &p, &id).await;
    let (status, t) = app
        .put_topic(&p.sam, &id, "ratings", rate(&[9, 5, 6]))
        .await;
    assert_eq!(status, StatusCode::OK);
    let mine = |t: &Value, option: &str| {
        t["options"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["id"] == option)
            .unwrap()["my_rating"]
            .clone()
    };
    assert_eq!(mine(&t, &ids[0]), 9);
    assert!(t["ranking"].as_array().unwrap().is_empty());
    same(
        &before,
        &alex_view(&app, &p, &id).await,
        "Sam rated the options",
    );
    for bad in [rate(&[11, 5, 6]), rate(&[9, 5])] {
        let (status, _) = app.put_topic(&p.alex, &id, "ratings", bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let (_, t) = app
        .put_topic(&p.alex, &id, "ratings", rate(&[3, 8, 7]))
        .await;
    assert_eq!(t["stage"], "choose");
    let ranked: Vec<&str> = t["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        ranked,
        [
            "Both rest, friends once a month",
            "Friends on Saturday, rest on Sunday",
            "Alternate weekends"
        ]
    );
    assert_eq!(t["ranking"][0]["ratings"], json!([6, 7]));
    assert!(
        t["reason"]
            .as_str()
            .unwrap()
            .contains("neither of you rated it below 6"),
        "{}",
        t["reason"]
    );
    let more = app
        .api(
            Method::POST,
            &format!("/api/v1/compromise/{id}/options"),
            Some(&p.sam),
            Some(json!({"body": "Late"})),
        )
        .await;
    assert_eq!(
        more.status,
        StatusCode::CONFLICT,
        "options are fixed once ranked"
    );

    // Chosen: tried for a week, looked back on then — on the State of Us agenda that day.
    let today: jiff::civil::Date = crate::helpers::london_today(&app).parse().unwrap();
    let in_a_week = today
        .checked_add(jiff::ToSpan::days(7))
        .unwrap()
        .to_string();
    let (status, t) = app
        .put_topic(
            &p.alex,
            &id,
            "choice",
            json!({"option_id": ids[2], "trial_until": in_a_week, "review_on": in_a_week}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(t["stage"], "trying");
    let (early, _) = app
        .put_topic(&p.sam, &id, "look-back", json!({"body": "Too soon"}))
        .await;
    assert_eq!(early, StatusCode::CONFLICT);
    let (bad, _) = app
        .put_topic(
            &p.alex,
            &id,
            "choice",
            json!({"option_id": ids[2], "trial_until": in_a_week, "review_on": today.to_string()}),
        )
        .await;
    assert_eq!(
        bad,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the look back is not before the trial ends"
    );
    app.clock.set(app.clock.now_ms() + 7 * 24 * 3_600_000);
    let agenda = app
        .api(Method::GET, "/api/v1/state-of-us", Some(&p.sam), None)
        .await
        .json();
    assert_eq!(
        agenda["look_back_due"],
        json!([{"id": id, "title": "How we spend weekends"}])
    );
    let (status, t) = app
        .put_topic(
            &p.sam,
            &id,
            "look-back",
            json!({"body": "Much calmer Sundays."}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(t["stage"], "done");
    assert_eq!(t["reviews"][0]["body"], "Much calmer Sundays.");
    let agenda = app
        .api(Method::GET, "/api/v1/state-of-us", Some(&p.sam), None)
        .await
        .json();
    assert_eq!(agenda["look_back_due"], json!([]));

    // Another couple sees none of it.
    let (_, stranger) = app.register("stranger@example.org", "Stranger").await;
    app.api(Method::POST, "/api/v1/couple", Some(&stranger), None)
        .await;
    let res = app
        .api(
            Method::GET,
            &format!("/api/v1/compromise/{id}"),
            Some(&stranger),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}
on_both!(a_topic_from_sealed_stances_to_the_look_back);

async fn a_new_option_must_be_rated_before_the_ranking_opens(app: TestApp) {
    let p = pair(&app).await;
    let id = app
        .api(
            Method::POST,
            "/api/v1/compromise",
            Some(&p.sam),
            Some(json!({"title": "Holidays"})),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for who in [&p.sam, &p.alex] {
        app.put_topic(who, &id, "stance", json!({"core": "Time away together"}))
            .await;
    }
    let add = |body: &'static str| {
        let (app, token, path) = (
            &app,
            p.sam.clone(),
            format!("/api/v1/compromise/{id}/options"),
        );
        async move {
            app.api(
                Method::POST,
                &path,
                Some(&token),
                Some(json!({"body": body})),
            )
            .await
        }
    };
    add("The coast").await;
    let first = app.topic(&p.sam, &id).await["options"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.put_topic(
        &p.sam,
        &id,
        "ratings",
        json!({"ratings": [{"option_id": first, "rating": 7}]}),
    )
    .await;
    add("The mountains").await;
    let t = app.topic(&p.alex, &id).await;
    let id_of = |body: &str| {
        t["options"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["body"] == body)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (coast, mountains) = (id_of("The coast"), id_of("The mountains"));
    let (_, t) = app
        .put_topic(&p.alex, &id, "ratings", json!({"ratings": [{"option_id": coast, "rating": 5}, {"option_id": mountains, "rating": 9}]}))
        .await;
    assert!(
        t["ranking"].as_array().unwrap().is_empty(),
        "Sam has not rated the mountains yet"
    );
    let (_, t) = app
        .put_topic(&p.sam, &id, "ratings", json!({"ratings": [{"option_id": coast, "rating": 7}, {"option_id": mountains, "rating": 6}]}))
        .await;
    assert_eq!(t["stage"], "choose");
    assert_eq!(t["ranking"][0]["body"], "The mountains");
}
on_both!(a_new_option_must_be_rated_before_the_ranking_opens);

/// Everything Sam can read that could show anything about Alex's private word.
async fn sam_view(app: &TestApp, p: &Pair, id: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for path in [
        "/api/v1/compromise".to_owned(),
        format!("/api/v1/compromise/{id}"),
        "/api/v1/couple".to_owned(),
    ] {
        out.push(app.api(Method::GET, &path, Some(&p.sam), None).await.body);
    }
    for path in [
        "/compromise".to_owned(),
        format!("/compromise/{id}"),
        "/".to_owned(),
        "/safety".to_owned(),
    ] {
        out.push(
            app.page(Method::GET, &path, Some(&p.sam_cookie), &[])
                .await
                .body,
        );
    }
    out
}

async fn someone_afraid_is_not_nudged_and_their_partner_never_knows(app: TestApp) {
    let p = pair(&app).await;
    let id = app
        .api(
            Method::POST,
            "/api/v1/compromise",
            Some(&p.sam),
            Some(json!({"title": "Money worries"})),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // An open topic joins the listening exercise's picker.
    let listen = app
        .page(Method::GET, "/listen", Some(&p.alex_cookie), &[])
        .await
        .text();
    assert!(
        listen.contains("Money worries"),
        "open topics are offered as listening topics"
    );
    let before = alex_view(&app, &p, &id).await;
    let said = app
        .page(
            Method::POST,
            "/safety/afraid",
            Some(&p.alex_cookie),
            &[("afraid", "yes")],
        )
        .await;
    assert_eq!(said.status, StatusCode::SEE_OTHER);
    // For Alex: no invitation to start, the safety page first, no topics in the picker.
    let page = app
        .page(Method::GET, "/compromise", Some(&p.alex_cookie), &[])
        .await
        .text();
    assert!(page.contains("Your safety comes first"));
    assert!(!page.contains("Start a topic"));
    let listen = app
        .page(Method::GET, "/listen", Some(&p.alex_cookie), &[])
        .await
        .text();
    assert!(!listen.contains("Money worries"));
    let safety = app
        .page(Method::GET, "/safety", Some(&p.alex_cookie), &[])
        .await
        .text();
    assert!(safety.contains("That has changed — take it back"));
    // For Sam, nothing has changed — not a byte of anything Sam can read.
    let sam_now = sam_view(&app, &p, &id).await;
    app.page(
        Method::POST,
        "/safety/afraid",
        Some(&p.alex_cookie),
        &[("afraid", "no")],
    )
    .await;
    assert_eq!(
        sam_view(&app, &p, &id).await,
        sam_now,
        "Sam's view does not depend on Alex's flag"
    );
    // Taken back: Alex's pages are as they were.
    let after = alex_view(&app, &p, &id).await;
    same(&before, &after, "Alex took the word back");
}
on_both!(someone_afraid_is_not_nudged_and_their_partner_never_knows);

async fn leaving_keeps_your_own_compromise_words(app: TestApp) {
    let p = pair(&app).await;
    let id = app
        .api(
            Method::POST,
            "/api/v1/compromise",
            Some(&p.alex),
            Some(json!({"title": "alex-topic-holidays"})),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.put_topic(
        &p.sam,
        &id,
        "stance",
        json!({"core": "sam-core-sea", "flex": "sam-flex-dates", "feel": ""}),
    )
    .await;
    app.put_topic(&p.alex, &id, "stance", json!({"core": "alex-core-hills"}))
        .await;
    app.api(
        Method::POST,
        &format!("/api/v1/compromise/{id}/options"),
        Some(&p.sam),
        Some(json!({"body": "sam-option-both"})),
    )
    .await;
    app.api(Method::POST, "/api/v1/couple/leave", Some(&p.sam), None)
        .await;
    let before = app
        .api(Method::GET, "/api/v1/me/before", Some(&p.sam), None)
        .await
        .text();
    for mine in [
        "sam-core-sea",
        "sam-flex-dates",
        "sam-option-both",
        "compromise_stance",
    ] {
        assert!(before.contains(mine), "{mine}: {before}");
    }
    // Nothing of Alex's, not even the topic's title Alex wrote.
    assert!(!before.contains("alex-"), "{before}");
}
on_both!(leaving_keeps_your_own_compromise_words);

/// Statements one GET of `path` runs.
async fn statements_for(app: &TestApp, cookie: &str, path: &str) -> u64 {
    let before = app.db().statements_run();
    let res = app.page(Method::GET, path, Some(cookie), &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{path}");
    app.db().statements_run() - before
}

async fn a_topic_page_costs_the_same_however_many_options(app: TestApp) {
    let p = pair(&app).await;
    let id = app
        .api(
            Method::POST,
            "/api/v1/compromise",
            Some(&p.sam),
            Some(json!({"title": "Chores"})),
        )
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    for who in [&p.sam, &p.alex] {
        app.put_topic(who, &id, "stance", json!({"core": "Fairness"}))
            .await;
    }
    let path = format!("/compromise/{id}");
    statements_for(&app, &p.sam_cookie, &path).await;
    let few = statements_for(&app, &p.sam_cookie, &path).await;
    let mut ids = Vec::new();
    for n in 0..10 {
        let t = app
            .api(
                Method::POST,
                &format!("/api/v1/compromise/{id}/options"),
                Some(&p.alex),
                Some(json!({"body": format!("Option {n}")})),
            )
            .await
            .json();
        ids = t["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap().to_owned())
            .collect();
    }
    let ratings = json!({"ratings": ids.iter().map(|o| json!({"option_id": o, "rating": 5})).collect::<Vec<_>>()});
    app.put_topic(&p.sam, &id, "ratings", ratings).await;
    let many = statements_for(&app, &p.sam_cookie, &path).await;
    assert_eq!(
        few, many,
        "the topic page reads in a fixed number of statements"
    );
    assert!(many <= 6, "{many}");
}
on_both!(a_topic_page_costs_the_same_however_many_options);
