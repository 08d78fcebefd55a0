//! Dates, traditions and new adventures: votes stay private (a "no", a one-sided yes
//! and no vote at all look the same to the partner, byte for byte), only two yeses
//! make a match, a date is planned from a suggestion, moved, rated privately and
//! remembered together; traditions nudge once and are done in one tap; the calendar
//! feed is private and revocable; bad input loses nothing; the dates page costs the
//! same number of statements however much the couple has.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{Pair, TestApp, TestResponse, pair};
use crate::on_both;

const MEMORY_CANARY: &str = "canary-date-memory-5e2a";
const HOUR: i64 = 3_600_000;

/// Request helpers for this feature.
impl TestApp {
    async fn vote(&self, token: &str, idea: &str, vote: &str) -> TestResponse {
        self.api(
            Method::PUT,
            &format!("/api/v1/dates/ideas/{idea}/vote"),
            Some(token),
            Some(json!({ "vote": vote })),
        )
        .await
    }

    /// Plans a date through the API; its id.
    async fn plan_date(&self, token: &str, body: Value) -> String {
        let res = self
            .api(Method::POST, "/api/v1/dates", Some(token), Some(body))
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
        res.json()["id"].as_str().unwrap().to_owned()
    }

    async fn date_json(&self, token: &str, id: &str) -> Value {
        self.api(
            Method::GET,
            &format!("/api/v1/dates/{id}"),
            Some(token),
            None,
        )
        .await
        .json()
    }

    /// Library ideas suited to any season (so suggestions never depend on the day).
    async fn all_season_ideas(&self, token: &str) -> Vec<String> {
        self.api(Method::GET, "/api/v1/dates/ideas", Some(token), None)
            .await
            .json()["ideas"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["seasons"].as_array().unwrap().is_empty() && !i["own"].as_bool().unwrap())
            .map(|i| i["id"].as_str().unwrap().to_owned())
            .collect()
    }
}

fn instant(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).unwrap().to_string()
}

/// Everything Alex can read that could show anything about Sam's votes.
async fn alex_view(app: &TestApp, p: &Pair, ideas: &[String]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut api_paths = vec![
        "/api/v1/dates".to_owned(),
        "/api/v1/dates/ideas".to_owned(),
        "/api/v1/dates/matches".to_owned(),
    ];
    let mut pages = vec![
        "/".to_owned(),
        "/dates".to_owned(),
        "/dates/ideas".to_owned(),
    ];
    for id in ideas {
        api_paths.push(format!("/api/v1/dates/ideas/{id}"));
        pages.push(format!("/dates/ideas/{id}"));
    }
    for path in api_paths {
        let res = app.api(Method::GET, &path, Some(&p.alex), None).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        out.push((path, res.body));
    }
    for path in pages {
        let res = app
            .page(Method::GET, &path, Some(&p.alex_cookie), &[])
            .await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        out.push((path, res.body));
    }
    out
}

async fn votes_stay_private_and_only_two_yeses_make_a_match(app: TestApp) {
    let p = pair(&app).await;
    let ideas = app.all_season_ideas(&p.sam).await;
    assert!(ideas.len() >= 19, "{} all-season ideas", ideas.len());
    let watched = &ideas[..3];
    let before = alex_view(&app, &p, watched).await;
    // Sam: "no" on one, "like" on one, "love" on one. Alex has voted on none of them.
    for (idea, vote) in watched.iter().zip(["no", "like", "love"]) {
        assert_eq!(app.vote(&p.sam, idea, vote).await.status, StatusCode::OK);
    }
    let after = alex_view(&app, &p, watched).await;
    for ((path, a), (_, b)) in before.iter().zip(&after) {
        assert!(
            a == b,
            "{path}: Alex's view changed when Sam voted (a no, a one-sided like and love must not show)"
        );
    }
    // Now Alex votes: like against Sam's no, like against like, no against love.
    for (idea, vote) in watched.iter().zip(["like", "like", "no"]) {
        app.vote(&p.alex, idea, vote).await;
    }
    for token in [&p.sam, &p.alex] {
        let m = app
            .api(Method::GET, "/api/v1/dates/matches", Some(token), None)
            .await
            .json();
        let ids: Vec<&str> = m["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, [watched[1].as_str()]);
    }

    // Every pair of votes, each on an idea of its own: what Alex sees of an idea is
    // a function of Alex's own vote and whether both said yes — nothing else.
    let choices = [None, Some("no"), Some("like"), Some("love")];
    let mut cases = Vec::new();
    for (n, (sam, alex)) in choices
        .iter()
        .flat_map(|s| choices.iter().map(move |a| (*s, *a)))
        .enumerate()
    {
        let idea = ideas[3 + n].clone();
        if let Some(v) = sam {
            app.vote(&p.sam, &idea, v).await;
        }
        if let Some(v) = alex {
            app.vote(&p.alex, &idea, v).await;
        }
        cases.push((idea, sam, alex));
    }
    let list = app
        .api(Method::GET, "/api/v1/dates/ideas", Some(&p.alex), None)
        .await
        .json();
    for (idea, sam, alex) in cases {
        let seen = list["ideas"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == idea.as_str())
            .unwrap();
        let yes = |v: Option<&str>| matches!(v, Some("like" | "love"));
        assert_eq!(seen["my_vote"].as_str(), alex, "{idea}");
        assert_eq!(seen["is_match"], json!(yes(sam) && yes(alex)), "{idea}");
        let keys: Vec<&String> = seen.as_object().unwrap().keys().collect();
        assert!(
            !keys.iter().any(|k| k.contains("partner")),
            "no partner field: {keys:?}"
        );
    }
    // An idea nobody can see takes no vote, and a vote must be one of the three.
    assert_eq!(
        app.vote(&p.sam, "no-such-idea", "love").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.vote(&p.sam, &ideas[0], "maybe").await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}
on_both!(votes_stay_private_and_only_two_yeses_make_a_match);

async fn a_date_is_planned_moved_rated_privately_and_remembered(app: TestApp) {
    let p = pair(&app).await;
    let now = app.clock.now_ms();
    let ideas = app.all_season_ideas(&p.sam).await;
    let idea = &ideas[0];
    app.vote(&p.sam, idea, "love").await;
    app.vote(&p.alex, idea, "like").await;
    // The match is suggested, with its reason.
    let o = app
        .api(Method::GET, "/api/v1/dates", Some(&p.alex), None)
        .await
        .json();
    let s = &o["suggestions"][0];
    assert_eq!(s["id"], idea.as_str());
    assert!(s["why"].as_str().unwrap().ends_with('.'), "{s}");

    // Sam plans it for two days from now; the title comes from the idea.
    let id = app
        .plan_date(
            &p.sam,
            json!({"title": "", "idea_id": idea, "starts_at": instant(now + 48 * HOUR),
                   "ends_at": instant(now + 51 * HOUR), "place": "Café Lumière", "planner": "me",
                   "phones_away": true}),
        )
        .await;
    let mine = app.date_json(&p.sam, &id).await;
    let theirs = app.date_json(&p.alex, &id).await;
    assert_eq!(mine["planner"], "me");
    assert_eq!(theirs["planner"], "partner");
    assert_eq!(theirs["title"], o["suggestions"][0]["title"]);
    assert_eq!(theirs["sequence"], 0);
    // It shows on both home pages and no longer as a suggestion.
    let home = app.page(Method::GET, "/", Some(&p.alex_cookie), &[]).await;
    assert!(
        home.text().contains(theirs["title"].as_str().unwrap()),
        "home lists it"
    );
    let o = app
        .api(Method::GET, "/api/v1/dates", Some(&p.alex), None)
        .await
        .json();
    assert_eq!(o["upcoming"][0]["id"], id.as_str());
    assert!(
        o["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x["id"] != idea.as_str())
    );

    // Not begun: nothing to rate yet.
    let rate = format!("/api/v1/dates/{id}/rating");
    let early = app
        .api(
            Method::PUT,
            &rate,
            Some(&p.alex),
            Some(json!({"enjoyment": 4, "closeness": 4})),
        )
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT);

    // Alex moves it to an hour from now: the sequence rises.
    let moved = app
        .api(
            Method::PUT,
            &format!("/api/v1/dates/{id}"),
            Some(&p.alex),
            Some(
                json!({"title": "Dinner at Café Lumière", "starts_at": instant(now + HOUR),
                        "place": "Café Lumière", "planner": "together"}),
            ),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    assert_eq!(moved.json()["sequence"], 1);

    // After it begins, each rates it privately.
    app.clock.set(now + 2 * HOUR);
    let r = app
        .api(
            Method::PUT,
            &rate,
            Some(&p.sam),
            Some(json!({"enjoyment": 2, "closeness": 3})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        r.json()["my_rating"],
        json!({"enjoyment": 2, "closeness": 3})
    );
    let seen = app.date_json(&p.alex, &id).await;
    assert_eq!(
        seen["my_rating"],
        Value::Null,
        "Sam's rating never reaches Alex"
    );
    let page = app
        .page(
            Method::GET,
            &format!("/dates/{id}"),
            Some(&p.alex_cookie),
            &[],
        )
        .await;
    assert!(
        !page.html().contains("required checked"),
        "nothing of Sam's rating on Alex's page"
    );
    let page = app
        .page(
            Method::GET,
            &format!("/dates/{id}"),
            Some(&p.sam_cookie),
            &[],
        )
        .await;
    assert!(
        page.html()
            .contains(r#"id="enjoyment-2" name="enjoyment" value="2" required checked"#)
    );
    // Out of range: refused, and the rating stays as it was.
    let bad = app
        .api(
            Method::PUT,
            &rate,
            Some(&p.sam),
            Some(json!({"enjoyment": 6, "closeness": 3})),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.date_json(&p.sam, &id).await["my_rating"],
        json!({"enjoyment": 2, "closeness": 3})
    );

    // A memory is shared: it reaches Alex and the timeline.
    let remember = app
        .api(
            Method::PUT,
            &format!("/api/v1/dates/{id}/memory"),
            Some(&p.sam),
            Some(json!({"body": format!("The candle in the window. {MEMORY_CANARY}")})),
        )
        .await;
    assert_eq!(remember.status, StatusCode::OK);
    let timeline = app
        .api(Method::GET, "/api/v1/dates/memories", Some(&p.alex), None)
        .await
        .json();
    assert_eq!(timeline["dates"][0]["memories"][0]["name"], "Sam");
    assert!(
        timeline["dates"][0]["memories"][0]["body"]
            .as_str()
            .unwrap()
            .contains(MEMORY_CANARY)
    );
    let page = app
        .page(Method::GET, "/dates/memories", Some(&p.alex_cookie), &[])
        .await;
    assert!(page.text().contains(MEMORY_CANARY));

    // Another couple sees none of it.
    let (_, stranger) = app.register("stranger@example.org", "Stranger").await;
    app.api(Method::POST, "/api/v1/couple", Some(&stranger), None)
        .await;
    for path in [
        format!("/api/v1/dates/{id}"),
        format!("/api/v1/dates/{id}/calendar.ics"),
    ] {
        let res = app.api(Method::GET, &path, Some(&stranger), None).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
    }
    let res = app
        .api(
            Method::PUT,
            &rate,
            Some(&stranger),
            Some(json!({"enjoyment": 5, "closeness": 5})),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // Cancelled: the calendar says so, and it takes no more ratings.
    let c = app
        .api(
            Method::POST,
            &format!("/api/v1/dates/{id}/cancel"),
            Some(&p.alex),
            None,
        )
        .await;
    assert_eq!(c.json()["cancelled"], true);
    let ics = app
        .api(
            Method::GET,
            &format!("/api/v1/dates/{id}/calendar.ics"),
            Some(&p.sam),
            None,
        )
        .await;
    let text = ics.text().replace("\r\n ", "");
    assert!(
        text.contains("STATUS:CANCELLED") && text.contains("SEQUENCE:2"),
        "{text}"
    );
    let late = app
        .api(
            Method::PUT,
            &rate,
            Some(&p.sam),
            Some(json!({"enjoyment": 5, "closeness": 5})),
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
}
on_both!(a_date_is_planned_moved_rated_privately_and_remembered);

async fn traditions_nudge_once_and_one_tap_marks_them_done(app: TestApp) {
    let p = pair(&app).await;
    let today: jiff::civil::Date = crate::helpers::london_today(&app).parse().unwrap();
    let ten_days_ago = today.checked_sub(jiff::ToSpan::days(10)).unwrap();
    let add = |body: Value| {
        let app = &app;
        let token = p.sam.clone();
        async move {
            app.api(
                Method::POST,
                "/api/v1/dates/traditions",
                Some(&token),
                Some(body),
            )
            .await
        }
    };
    let res = add(json!({"title": "Sunday pancakes", "rhythm": "weekly", "last_done": ten_days_ago.to_string()})).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let id = res.json()["id"].as_str().unwrap().to_owned();
    assert!(res.json()["suggestion"].is_string());
    let fresh =
        add(json!({"title": "Film Friday", "rhythm": "weekly", "last_done": today.to_string()}))
            .await;
    assert_eq!(fresh.json()["suggestion"], Value::Null);
    // Refused, nothing saved: an unknown rhythm, a date that doesn't exist, a future day.
    let tomorrow = today.checked_add(jiff::ToSpan::days(1)).unwrap();
    for bad in [
        json!({"title": "Sometimes", "rhythm": "now and then"}),
        json!({"title": "Our day", "rhythm": "on_date", "on_day": "02-30"}),
        json!({"title": "Soon", "rhythm": "weekly", "last_done": tomorrow.to_string()}),
        json!({"title": "", "rhythm": "weekly"}),
    ] {
        assert_eq!(add(bad).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM traditions").await, 2);

    // The home page offers the quiet one, once, with the one-tap button.
    let home = app.page(Method::GET, "/", Some(&p.alex_cookie), &[]).await;
    let text = home.text();
    assert!(
        text.contains("Sunday pancakes"),
        "the quiet tradition is suggested"
    );
    assert!(
        !text.contains("Film Friday"),
        "only one, and not a fresh one"
    );
    assert_eq!(text.matches("We did it today").count(), 1);
    let done = app
        .page(
            Method::POST,
            &format!("/dates/traditions/{id}/done"),
            Some(&p.alex_cookie),
            &[("back", "home")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.header("location"), Some("/#together"));
    let home = app.page(Method::GET, "/", Some(&p.alex_cookie), &[]).await;
    assert!(!home.text().contains("Sunday pancakes"));
    let list = app
        .api(Method::GET, "/api/v1/dates/traditions", Some(&p.sam), None)
        .await
        .json();
    let t = list["traditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(t["last_done"], today.to_string());

    // A yearly day coming up within the week is suggested ahead of it.
    let soon = today.checked_add(jiff::ToSpan::days(3)).unwrap();
    let on = format!("{:02}-{:02}", soon.month(), soon.day());
    let res =
        add(json!({"title": "Our anniversary walk", "rhythm": "on_date", "on_day": on})).await;
    assert_eq!(res.json()["suggestion"], "Its day is in 3 days.");
}
on_both!(traditions_nudge_once_and_one_tap_marks_them_done);

async fn the_calendar_feed_is_private_and_revocable(app: TestApp) {
    let p = pair(&app).await;
    let now = app.clock.now_ms();
    app.plan_date(
        &p.sam,
        json!({"title": "Stargazing", "starts_at": instant(now + 24 * HOUR)}),
    )
    .await;
    // Made in Settings: the page shows the address once.
    let made = app
        .page(
            Method::POST,
            "/settings/calendar-feed",
            Some(&p.sam_cookie),
            &[],
        )
        .await;
    assert_eq!(made.status, StatusCode::OK);
    let html = made.html();
    let start = html.find("/calendar/").unwrap();
    let path = html[start..html[start..].find(".ics").unwrap() + start + 4].to_owned();
    let token = path
        .trim_start_matches("/calendar/")
        .trim_end_matches(".ics")
        .to_owned();
    assert!(token.len() >= 22, "at least 128 bits: {token}");
    assert_eq!(app.count("SELECT COUNT(*) FROM calendar_feeds").await, 1);
    let stored: Vec<String> = app
        .db()
        .column("SELECT token_hash FROM calendar_feeds", vec![])
        .await
        .unwrap();
    assert_ne!(stored[0], token, "only the hash is kept");
    let settings = app
        .page(Method::GET, "/settings", Some(&p.sam_cookie), &[])
        .await;
    assert!(!settings.html().contains(&token), "shown only once");

    let feed = app.page(Method::GET, &path, None, &[]).await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(
        feed.header("content-type")
            .unwrap()
            .starts_with("text/calendar")
    );
    assert!(feed.text().contains("SUMMARY:Stargazing"));
    for wrong in [
        "/calendar/not-a-token.ics",
        "/calendar/app.css",
        &path.replace(".ics", ".txt"),
    ] {
        let res = app.page(Method::GET, wrong, None, &[]).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{wrong}");
    }
    // A new address replaces the old one.
    let again = app
        .api(Method::POST, "/api/v1/calendar/feed", Some(&p.sam), None)
        .await
        .json();
    let new_path = again["path"].as_str().unwrap().to_owned();
    assert_eq!(
        app.page(Method::GET, &path, None, &[]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.page(Method::GET, &new_path, None, &[]).await.status,
        StatusCode::OK
    );
    // After leaving, the feed shows nothing of the old couple.
    app.api(Method::POST, "/api/v1/couple/leave", Some(&p.sam), None)
        .await;
    let after = app.page(Method::GET, &new_path, None, &[]).await.text();
    assert!(
        after.starts_with("BEGIN:VCALENDAR") && !after.contains("VEVENT"),
        "{after}"
    );
    // Switched off: gone.
    let off = app
        .page(
            Method::POST,
            "/settings/calendar-feed/revoke",
            Some(&p.sam_cookie),
            &[],
        )
        .await;
    assert_eq!(off.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.page(Method::GET, &new_path, None, &[]).await.status,
        StatusCode::NOT_FOUND
    );
}
on_both!(the_calendar_feed_is_private_and_revocable);

const PARSE: &str = r#"
import json, sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
for e in cal.walk('VEVENT'):
    end = e.get('DTEND')
    out.append({
        'uid': str(e['UID']),
        'start': e['DTSTART'].dt.timestamp(),
        'end': end.dt.timestamp() if end else None,
        'summary': str(e['SUMMARY']),
        'location': str(e.get('LOCATION', '')),
        'status': str(e['STATUS']),
        'sequence': int(e['SEQUENCE']),
    })
print(json.dumps(out))
"#;

async fn a_real_icalendar_parser_reads_every_event_back(app: TestApp) {
    let Some(python) = crate::helpers::python() else {
        assert!(
            !crate::helpers::strict(),
            "Python with icalendar is required (REKINDLE_PYTHON)"
        );
        eprintln!("note: no Python with icalendar; the calendar parse test is skipped");
        return;
    };
    let p = pair(&app).await;
    let london = jiff::tz::TimeZone::get("Europe/London").unwrap();
    let at = |s: &str| {
        s.parse::<jiff::civil::DateTime>()
            .unwrap()
            .to_zoned(london.clone())
            .unwrap()
            .timestamp()
            .as_millisecond()
    };
    // Clocks go forward in London at 01:00 on 28 March 2027: this date spans it.
    let dst = app
        .plan_date(
            &p.sam,
            json!({"title": "Night walk", "starts_at": instant(at("2027-03-27T23:30")),
                   "ends_at": instant(at("2027-03-28T03:30"))}),
        )
        .await;
    let long_title =
        "Crêpes, cidre & 🌙 sous les étoiles; naïve café night — the long way round the harbour";
    let fancy = app
        .plan_date(
            &p.alex,
            json!({"title": long_title, "starts_at": instant(at("2027-06-12T19:00")),
                   "place": "Ōtautahi; the old \"mill\", by the river\\bank"}),
        )
        .await;
    let moved = app
        .plan_date(
            &p.sam,
            json!({"title": "Pottery class", "starts_at": instant(at("2027-04-03T10:00"))}),
        )
        .await;
    app.api(
        Method::PUT,
        &format!("/api/v1/dates/{moved}"),
        Some(&p.sam),
        Some(json!({"title": "Pottery class", "starts_at": instant(at("2027-04-10T10:00"))})),
    )
    .await;
    app.api(
        Method::POST,
        &format!("/api/v1/dates/{moved}/cancel"),
        Some(&p.sam),
        None,
    )
    .await;
    let feed = app
        .api(Method::POST, "/api/v1/calendar/feed", Some(&p.alex), None)
        .await
        .json();
    let body = app
        .page(Method::GET, feed["path"].as_str().unwrap(), None, &[])
        .await
        .body;
    for line in String::from_utf8(body.clone()).unwrap().split("\r\n") {
        assert!(line.len() <= 75, "folded at 75 octets: {line:?}");
    }
    let file = std::env::temp_dir().join(format!("rekindle-{}.ics", rekindle::secret::new_id()));
    std::fs::write(&file, &body).unwrap();
    let out = std::process::Command::new(python)
        .args(["-c", PARSE])
        .arg(&file)
        .output()
        .unwrap();
    std::fs::remove_file(&file).ok();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(events.len(), 3);
    let find = |id: &str| {
        events
            .iter()
            .find(|e| e["uid"] == format!("{id}@rekindle"))
            .unwrap_or_else(|| panic!("{id} in {events:?}"))
            .clone()
    };
    let seconds = |ms: i64| json!(ms as f64 / 1000.0);
    let e = find(&dst);
    assert_eq!(e["start"], seconds(at("2027-03-27T23:30")));
    // Four hours on the clock, three in fact: the clocks went forward.
    assert_eq!(e["end"], seconds(at("2027-03-28T03:30")));
    assert_eq!(at("2027-03-28T03:30") - at("2027-03-27T23:30"), 3 * HOUR);
    let e = find(&fancy);
    assert_eq!(e["summary"], long_title);
    assert_eq!(
        e["location"],
        "Ōtautahi; the old \"mill\", by the river\\bank"
    );
    assert_eq!(e["start"], seconds(at("2027-06-12T19:00")));
    assert_eq!(e["end"], Value::Null);
    assert_eq!(e["status"], "CONFIRMED");
    let e = find(&moved);
    assert_eq!(
        (e["status"].as_str(), e["sequence"].as_i64()),
        (Some("CANCELLED"), Some(2))
    );
    assert_eq!(e["start"], seconds(at("2027-04-10T10:00")));
}
on_both!(a_real_icalendar_parser_reads_every_event_back);

async fn bad_plans_are_refused_and_nothing_is_saved(app: TestApp) {
    let p = pair(&app).await;
    let now = app.clock.now_ms();
    let soon = instant(now + 24 * HOUR);
    for (body, field) in [
        (
            json!({"title": "Moon", "starts_at": "9999-12-31T00:00:00Z"}),
            "starts_at",
        ),
        (
            json!({"title": "Old", "starts_at": "1999-01-01T00:00:00Z"}),
            "starts_at",
        ),
        (
            json!({"title": "Soon", "starts_at": "next tuesday"}),
            "starts_at",
        ),
        (
            json!({"title": "Back", "starts_at": soon, "ends_at": instant(now)}),
            "ends_at",
        ),
        (
            json!({"title": "x".repeat(121), "starts_at": soon}),
            "title",
        ),
        (json!({"title": "Line\nbreak", "starts_at": soon}), "title"),
        (json!({"title": "", "starts_at": soon}), "title"),
        (
            json!({"title": "From", "starts_at": soon, "idea_id": "no-such-idea"}),
            "idea_id",
        ),
        (
            json!({"title": "Who", "starts_at": soon, "planner": "the cat"}),
            "planner",
        ),
        (
            json!({"title": "Where", "starts_at": soon, "place": "p".repeat(201)}),
            "place",
        ),
    ] {
        let res = app
            .api(
                Method::POST,
                "/api/v1/dates",
                Some(&p.sam),
                Some(body.clone()),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            res.json()["error"]["fields"][field].is_string(),
            "{body}: {}",
            res.text()
        );
    }
    // The page says what to fix and keeps what was typed.
    let res = app
        .page(
            Method::POST,
            "/dates",
            Some(&p.sam_cookie),
            &[
                ("title", "Picnic by the lake"),
                ("day", "2026-02-31"),
                ("time", "19:00"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().contains("Picnic by the lake"));
    assert!(res.html().contains(r#"aria-invalid="true""#));
    assert_eq!(app.count("SELECT COUNT(*) FROM planned_dates").await, 0);
    // An idea of their own needs its choices; all problems are named at once.
    let res = app
        .page(
            Method::POST,
            "/dates/ideas",
            Some(&p.sam_cookie),
            &[
                ("title", ""),
                ("setting", "moon"),
                ("minutes", "lots"),
                ("tag-skydiving", "on"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().contains("Please give it a name."));
    assert!(res.text().contains("Choose home or out."));
    assert_eq!(app.count("SELECT COUNT(*) FROM date_ideas").await, 0);
}
on_both!(bad_plans_are_refused_and_nothing_is_saved);

/// Statements one GET of `path` runs.
async fn statements_for(app: &TestApp, cookie: &str, path: &str) -> u64 {
    let before = app.db().statements_run();
    let res = app.page(Method::GET, path, Some(cookie), &[]).await;
    assert_eq!(res.status, StatusCode::OK, "{path}");
    app.db().statements_run() - before
}

async fn the_dates_page_costs_the_same_however_much_there_is(app: TestApp) {
    let p = pair(&app).await;
    let now = app.clock.now_ms();
    // Warm up once (the session's last-used update happens on the first request).
    statements_for(&app, &p.sam_cookie, "/dates").await;
    let empty = statements_for(&app, &p.sam_cookie, "/dates").await;
    let ideas = app.all_season_ideas(&p.sam).await;
    for idea in &ideas[..30] {
        app.vote(&p.sam, idea, "love").await;
        app.vote(&p.alex, idea, "like").await;
    }
    for (n, idea) in (0i64..).zip(&ideas[..12]) {
        app.plan_date(
            &p.alex,
            json!({"title": format!("Date {n}"), "idea_id": idea,
                   "starts_at": instant(now + (n - 6) * 24 * HOUR)}),
        )
        .await;
    }
    for n in 0..5 {
        app.api(
            Method::POST,
            "/api/v1/dates/traditions",
            Some(&p.sam),
            Some(json!({"title": format!("Tradition {n}"), "rhythm": "monthly"})),
        )
        .await;
    }
    let full = statements_for(&app, &p.sam_cookie, "/dates").await;
    assert_eq!(
        empty, full,
        "the dates page reads its lists in a fixed number of statements"
    );
    assert!(full <= 12, "{full} statements");
    statements_for(&app, &p.sam_cookie, "/").await;
    let home = statements_for(&app, &p.sam_cookie, "/").await;
    assert!(home <= 5, "home page: {home} statements");
}
on_both!(the_dates_page_costs_the_same_however_much_there_is);

async fn leaving_keeps_your_own_date_words_and_none_of_your_partners(app: TestApp) {
    let p = pair(&app).await;
    let now = app.clock.now_ms();
    let id = app
        .plan_date(
            &p.sam,
            json!({"title": "Night market", "starts_at": instant(now - HOUR)}),
        )
        .await;
    for (token, body) in [
        (&p.sam, "sam-memory-of-the-lanterns"),
        (&p.alex, "alex-memory-of-the-noodles"),
    ] {
        let res = app
            .api(
                Method::PUT,
                &format!("/api/v1/dates/{id}/memory"),
                Some(token),
                Some(json!({ "body": body })),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK);
    }
    let idea = |title: &str| {
        json!({"title": title, "setting": "home", "cost": "free",
                                    "minutes": 60, "energy": "low", "novelty": 1})
    };
    app.api(
        Method::POST,
        "/api/v1/dates/ideas",
        Some(&p.sam),
        Some(idea("sam-idea-blanket-fort")),
    )
    .await;
    app.api(
        Method::POST,
        "/api/v1/dates/ideas",
        Some(&p.alex),
        Some(idea("alex-idea-karaoke")),
    )
    .await;
    // Sam writes a tradition down; Alex rewrites it, so its words are now Alex's.
    let t = app
        .api(
            Method::POST,
            "/api/v1/dates/traditions",
            Some(&p.sam),
            Some(json!({"title": "sam-tradition-pancakes", "rhythm": "weekly"})),
        )
        .await
        .json();
    app.api(
        Method::PUT,
        &format!("/api/v1/dates/traditions/{}", t["id"].as_str().unwrap()),
        Some(&p.alex),
        Some(json!({"title": "alex-tradition-waffles", "rhythm": "weekly"})),
    )
    .await;
    app.api(Method::POST, "/api/v1/couple/leave", Some(&p.sam), None)
        .await;
    let before = app
        .api(Method::GET, "/api/v1/me/before", Some(&p.sam), None)
        .await;
    let text = before.text();
    assert!(text.contains("sam-memory-of-the-lanterns"), "{text}");
    assert!(text.contains("sam-idea-blanket-fort"));
    assert!(text.contains("\"date_memory\"") && text.contains("\"date_idea\""));
    for theirs in [
        "alex-memory",
        "alex-idea",
        "alex-tradition",
        "sam-tradition",
    ] {
        assert!(
            !text.contains(theirs),
            "{theirs} must not be in Sam's Before: {text}"
        );
    }
    // The space has ended for Alex too: the date is gone, and Alex's Before holds
    // Alex's words (the rewritten tradition included) and none of Sam's.
    let gone = app
        .api(
            Method::GET,
            &format!("/api/v1/dates/{id}"),
            Some(&p.alex),
            None,
        )
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let theirs = app
        .api(Method::GET, "/api/v1/me/before", Some(&p.alex), None)
        .await
        .text();
    for mine in [
        "alex-memory-of-the-noodles",
        "alex-idea-karaoke",
        "alex-tradition-waffles",
    ] {
        assert!(theirs.contains(mine), "{mine} in Alex's Before: {theirs}");
    }
    assert!(!theirs.contains("sam-"), "{theirs}");
}
on_both!(leaving_keeps_your_own_date_words_and_none_of_your_partners);

async fn the_idea_list_comes_a_page_at_a_time(app: TestApp) {
    let p = pair(&app).await;
    let total = app
        .api(Method::GET, "/api/v1/dates/ideas", Some(&p.sam), None)
        .await
        .json()["ideas"]
        .as_array()
        .unwrap()
        .len();
    assert!(total >= 150, "the whole library through the API: {total}");
    let page = |path: &'static str| {
        let app = &app;
        let cookie = p.sam_cookie.clone();
        async move { app.page(Method::GET, path, Some(&cookie), &[]).await.text() }
    };
    let first = page("/dates/ideas").await;
    assert!(
        first.contains(&format!("Ideas 1–24 of {total}.")),
        "{first}"
    );
    assert_eq!(
        first
            .matches("<form method=\"post\" action=\"/dates/ideas/")
            .count(),
        24
    );
    assert!(first.contains("More ideas") && !first.contains("Earlier ideas"));
    let last = page("/dates/ideas?page=999").await;
    assert!(last.contains(&format!("of {total}.")) && last.contains("Earlier ideas"));
    assert!(!last.contains("More ideas</a>"));
    assert!(page("/dates/ideas?page=abc").await.contains("Ideas 1–24"));
    let outdoors = page("/dates/ideas?tag=outdoors").await;
    assert!(
        !outdoors.contains(&format!("of {total}.")),
        "the tag narrows the list"
    );
    // A vote on the second page comes back to it.
    let second = page("/dates/ideas?page=2").await;
    let at = second.find("action=\"/dates/ideas/").unwrap() + "action=\"/dates/ideas/".len();
    let slug = &second[at..at + second[at..].find('/').unwrap()];
    let res = app
        .page(
            Method::POST,
            &format!("/dates/ideas/{slug}/vote"),
            Some(&p.sam_cookie),
            &[("vote", "like"), ("back", "ideas"), ("page", "2")],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some(format!("/dates/ideas?page=2#idea-{slug}").as_str())
    );
}
on_both!(the_idea_list_comes_a_page_at_a_time);

/// Everything Alex can read about the couple's dates.
async fn alex_dates_view(app: &TestApp, p: &Pair, id: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for path in [
        "/api/v1/dates".to_owned(),
        format!("/api/v1/dates/{id}"),
        "/api/v1/dates/memories".to_owned(),
        "/api/v1/calendar.ics".to_owned(),
        format!("/api/v1/dates/{id}/calendar.ics"),
    ] {
        let res = app.api(Method::GET, &path, Some(&p.alex), None).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        out.push((path, res.body));
    }
    for path in [
        "/".to_owned(),
        "/dates".to_owned(),
        format!("/dates/{id}"),
        "/dates/memories".to_owned(),
    ] {
        let res = app
            .page(Method::GET, &path, Some(&p.alex_cookie), &[])
            .await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        out.push((path, res.body));
    }
    out
}

async fn a_private_rating_changes_nothing_the_partner_can_read(app: TestApp) {
    let p = pair(&app).await;
    let now = app.clock.now_ms();
    let ideas = app.all_season_ideas(&p.sam).await;
    for idea in &ideas[..4] {
        app.vote(&p.sam, idea, "love").await;
        app.vote(&p.alex, idea, "like").await;
    }
    let id = app
        .plan_date(
            &p.sam,
            json!({"title": "", "idea_id": ideas[0], "starts_at": instant(now - HOUR)}),
        )
        .await;
    let before = alex_dates_view(&app, &p, &id).await;
    for (enjoyment, closeness) in [(1, 1), (5, 5), (2, 4)] {
        let res = app
            .api(
                Method::PUT,
                &format!("/api/v1/dates/{id}/rating"),
                Some(&p.sam),
                Some(json!({"enjoyment": enjoyment, "closeness": closeness})),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK);
        let after = alex_dates_view(&app, &p, &id).await;
        for ((path, a), (_, b)) in before.iter().zip(&after) {
            assert!(
                a == b,
                "{path}: Alex's view changed when Sam rated the date"
            );
        }
    }
}
on_both!(a_private_rating_changes_nothing_the_partner_can_read);
