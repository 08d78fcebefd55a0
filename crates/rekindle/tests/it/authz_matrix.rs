//! The authorization matrix: every route of the route table × every kind of actor.
//! The router is built from the same table, so a new route is covered the moment it
//! exists; its `Access` says what each actor must get.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use rekindle::app::{Access, Route, routes};
use rekindle::db::couples;
use rekindle::db::sessions::{self, SessionKind};

use crate::helpers::{HOST, ORIGIN, TestApp};
use crate::on_both;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Actor {
    Anonymous,
    /// In a couple; owns the resources named in paths.
    Member,
    /// The member's partner.
    Partner,
    /// A member of a different couple.
    OtherCouple,
    /// Left their couple.
    ExPartner,
    /// Holds an invite but has not joined.
    Invitee,
    /// Presents a token that was revoked.
    Revoked,
}

const ACTORS: [Actor; 7] = [
    Actor::Anonymous,
    Actor::Member,
    Actor::Partner,
    Actor::OtherCouple,
    Actor::ExPartner,
    Actor::Invitee,
    Actor::Revoked,
];

#[derive(Debug, PartialEq, Eq)]
enum Expect {
    SignIn,
    NotFound,
    Allowed,
}

fn expected(access: Access, actor: Actor) -> Expect {
    let signed_in = !matches!(actor, Actor::Anonymous | Actor::Revoked);
    let in_couple = matches!(actor, Actor::Member | Actor::Partner | Actor::OtherCouple);
    match access {
        Access::Public => Expect::Allowed,
        _ if !signed_in => Expect::SignIn,
        Access::Person => Expect::Allowed,
        Access::CoupleMember if in_couple => Expect::Allowed,
        Access::CoupleMember => Expect::NotFound,
        Access::Owner if actor == Actor::Member => Expect::Allowed,
        Access::Owner => Expect::NotFound,
        Access::CoupleResource if matches!(actor, Actor::Member | Actor::Partner) => {
            Expect::Allowed
        }
        Access::CoupleResource => Expect::NotFound,
    }
}

/// Everyone the matrix needs, freshly made, with a token of the route's kind each.
struct World {
    api: Vec<(Actor, Option<String>)>,
    web: Vec<(Actor, Option<String>)>,
    /// Sessions of the member's other devices, named in `/sessions/{id}` paths.
    member_other_api_session: String,
    member_other_web_session: String,
    member_email: String,
    live_invite: String,
    /// Today's question of the member's couple.
    prompt_id: String,
    /// An open love-map round about the member.
    round_id: String,
    /// A listening session going in the member's couple.
    listening_id: String,
    /// A State of Us note of the member's, this week.
    note_id: String,
    /// A date of the member's couple that began an hour ago (so it can be rated).
    date_id: String,
    /// One of the couple's own date ideas (library ideas cannot be changed).
    idea_id: String,
    /// One of the couple's traditions.
    tradition_id: String,
    /// The member's private calendar feed token.
    feed_token: String,
    /// A chores split of the member's couple, nobody's points in yet.
    split_id: String,
    /// A compromise topic of the member's couple, nobody's stance in yet.
    topic_id: String,
    /// A love note the partner sent the member, delivered (the member may mark it).
    note_to_member: String,
    /// A love note the member wrote for tomorrow (the member may cancel it).
    note_by_member: String,
    /// One of the member's affection wishes and one entry of their private list.
    wish_id: String,
    love_id: String,
    /// One of the member's journal entries and an excerpt they shared.
    journal_id: String,
    excerpt_id: String,
    /// A report of the member's couple.
    report_id: String,
    /// Tomorrow (the member's day) and an instant then, for plan bodies.
    tomorrow: String,
    tomorrow_instant: String,
}

async fn session(app: &TestApp, user_id: &str, kind: SessionKind) -> (String, String) {
    let key = app.key_of(user_id).await;
    sessions::create(
        app.db(),
        user_id,
        kind,
        Some(&key),
        std::net::IpAddr::from([127, 0, 0, 1]),
        rekindle::db::now_ms(),
    )
    .await
    .unwrap()
}

async fn world(app: &TestApp, n: usize) -> World {
    let p = |name: &str| format!("{name}{n}@example.org");
    let member = app.person(&p("member"), "Member").await;
    let partner = app.person(&p("partner"), "Partner").await;
    let other = app.person(&p("other"), "Other").await;
    let others_partner = app.person(&p("otherspartner"), "OthersPartner").await;
    let ex = app.person(&p("ex"), "Ex").await;
    let exs_partner = app.person(&p("expartner"), "ExsPartner").await;
    let invitee = app.person(&p("invitee"), "Invitee").await;
    let host = app.person(&p("host"), "Host").await;
    app.couple(&member, &partner).await;
    app.couple(&other, &others_partner).await;
    app.couple(&ex, &exs_partner).await;
    assert!(
        couples::leave(app.db(), &ex.id, rekindle::db::now_ms())
            .await
            .unwrap()
    );
    let live_invite = couples::invite(app.db(), &host, rekindle::db::now_ms())
        .await
        .unwrap()
        .code;
    let couple = couples::current_for(app.db(), &member.id)
        .await
        .unwrap()
        .unwrap();
    let as_member = rekindle::features::Member {
        user: member.clone(),
        couple: couple.clone(),
        now_ms: app.clock.now_ms(),
        key: Some(app.key_of(&member.id).await),
    };
    let prompt_id = rekindle::features::questions::today(app.db(), &as_member)
        .await
        .unwrap()
        .prompt
        .id
        .to_owned();

    let round_id = rekindle::features::love_map::start(
        app.db(),
        &as_member,
        rekindle::features::love_map::About::Me,
    )
    .await
    .unwrap()
    .0
    .id;
    let listening_id =
        rekindle::features::listening::start(app.db(), &as_member, "Us", true, false)
            .await
            .unwrap()
            .0
            .id;

    let note_id =
        rekindle::features::state_of_us::add_note(app.db(), &as_member, "went_well", "a walk")
            .await
            .unwrap();

    let now = app.clock.now_ms();
    let date_id = rekindle::features::dates::plans::plan(
        app.db(),
        &as_member,
        &rekindle::features::dates::plans::PlanInput {
            title: "Dinner".into(),
            starts_ms: now - 3_600_000,
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .id;
    let idea_id = rekindle::features::dates::ideas::add(
        app.db(),
        &as_member,
        &rekindle::features::dates::ideas::IdeaInput {
            title: "Our walk".into(),
            setting: "out".into(),
            cost: "free".into(),
            minutes: "60".into(),
            energy: "low".into(),
            novelty: "1".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .id;
    let tradition_id = rekindle::features::dates::traditions::add(
        app.db(),
        &as_member,
        &rekindle::features::dates::traditions::TraditionInput {
            title: "Sunday pancakes".into(),
            rhythm: "weekly".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .id;
    let split_id = rekindle::features::fair_split::app::create(
        app.db(),
        &as_member,
        "Chores",
        "chores",
        &["Dishes".to_owned(), "Bins".to_owned()],
    )
    .await
    .unwrap()
    .id;
    let topic_id = rekindle::features::compromise::create(app.db(), &as_member, "Weekends")
        .await
        .unwrap()
        .id;
    let feed_token = rekindle::features::dates::calendar::new_feed(app.db(), &member.id, now)
        .await
        .unwrap();
    let as_partner = rekindle::features::Member {
        user: partner.clone(),
        couple: couples::current_for(app.db(), &partner.id)
            .await
            .unwrap()
            .unwrap(),
        now_ms: now,
        key: Some(app.key_of(&partner.id).await),
    };
    let note_to_member = rekindle::features::notes::send(
        app.db(),
        &as_partner,
        "for you",
        rekindle::features::notes::When::Now,
    )
    .await
    .unwrap();
    let note_by_member = rekindle::features::notes::send(
        app.db(),
        &as_member,
        "later",
        rekindle::features::notes::When::At(now + 86_400_000),
    )
    .await
    .unwrap();
    let wish_id = rekindle::features::affection::add_wish(app.db(), &as_member, "More hugs", false)
        .await
        .unwrap();
    let love_id = rekindle::features::gestures::add_love(app.db(), &as_member, "Lemon cake")
        .await
        .unwrap();
    let member_key = app.key_of(&member.id).await;
    let writer = rekindle::features::journal::Writer {
        user: &member,
        couple: Some(&couple),
        key: Some(&member_key),
        now_ms: now,
    };
    let draft = rekindle::features::journal::Draft {
        body: "Thinking it over".into(),
        ..Default::default()
    };
    let journal_id = rekindle::features::journal::write(app.db(), &writer, &draft)
        .await
        .unwrap();
    let excerpt_id =
        rekindle::features::journal::share(app.db(), &as_member, &journal_id, "Over", true)
            .await
            .unwrap();
    let report_id = rekindle::features::reports::create(app.db(), &as_member, 30)
        .await
        .unwrap();
    let tomorrow_ts = jiff::Timestamp::from_millisecond(now + 86_400_000).unwrap();
    let tomorrow = tomorrow_ts
        .to_zoned(jiff::tz::TimeZone::get(&member.timezone).unwrap())
        .date()
        .to_string();

    let mut api = vec![(Actor::Anonymous, None)];
    let mut web = vec![(Actor::Anonymous, None)];
    let (_, member_api) = session(app, &member.id, SessionKind::Api).await;
    let (_, member_web) = session(app, &member.id, SessionKind::Web).await;
    let (member_other_api_session, _) = session(app, &member.id, SessionKind::Api).await;
    let (member_other_web_session, _) = session(app, &member.id, SessionKind::Web).await;
    api.push((Actor::Member, Some(member_api)));
    web.push((Actor::Member, Some(member_web)));
    for (actor, user) in [
        (Actor::Partner, &partner),
        (Actor::OtherCouple, &other),
        (Actor::ExPartner, &ex),
        (Actor::Invitee, &invitee),
    ] {
        api.push((
            actor,
            Some(session(app, &user.id, SessionKind::Api).await.1),
        ));
        web.push((
            actor,
            Some(session(app, &user.id, SessionKind::Web).await.1),
        ));
    }
    for (kind, list) in [(SessionKind::Api, &mut api), (SessionKind::Web, &mut web)] {
        let (id, token) = session(app, &member.id, kind).await;
        assert!(sessions::end(app.db(), &member.id, &id).await.unwrap());
        list.push((Actor::Revoked, Some(token)));
    }
    World {
        api,
        web,
        member_other_api_session,
        member_other_web_session,
        member_email: member.email.clone(),
        live_invite,
        prompt_id,
        round_id,
        listening_id,
        note_id,
        date_id,
        idea_id: idea_id.into_owned(),
        tradition_id,
        feed_token,
        split_id,
        topic_id,
        note_to_member,
        note_by_member,
        wish_id,
        love_id,
        journal_id,
        excerpt_id,
        report_id,
        tomorrow,
        tomorrow_instant: tomorrow_ts.to_string(),
    }
}

fn concrete_path(route: &Route, w: &World, today: &str) -> String {
    let mutual_item = rekindle_core::content::mutual::items()[0].slug.to_owned();
    if route.path.starts_with("/calendar/") {
        return format!("/calendar/{}.ics", w.feed_token);
    }
    let session = if route.path.contains("/compromise") {
        &w.topic_id
    } else if route.path.contains("/fair-split") {
        &w.split_id
    } else if route.path.contains("/dates/ideas/") {
        &w.idea_id
    } else if route.path.contains("/dates/traditions/") {
        &w.tradition_id
    } else if route.path.contains("/dates/") {
        &w.date_id
    } else if route.path.contains("/state-of-us/notes/") {
        &w.note_id
    } else if route.path.contains("/notes/") {
        if route.path.ends_with("/cancel") || route.path == "/api/v1/notes/{id}" {
            &w.note_by_member
        } else {
            &w.note_to_member
        }
    } else if route.path.contains("/reports/") {
        &w.report_id
    } else if route.path.contains("/journal/shared/") {
        &w.excerpt_id
    } else if route.path.contains("/journal/") {
        &w.journal_id
    } else if route.path.contains("/wishes/") {
        &w.wish_id
    } else if route.path.contains("/loves/") {
        &w.love_id
    } else if route.path.contains("/mutual/") {
        &mutual_item
    } else if route.path.contains("/prompts/") {
        &w.prompt_id
    } else if route.path.contains("/love-map/") {
        &w.round_id
    } else if route.path.contains("/listen") {
        &w.listening_id
    } else if route.is_api() {
        &w.member_other_api_session
    } else {
        &w.member_other_web_session
    };
    route
        .path
        .replace("{id}", session)
        .replace("{code}", &w.live_invite)
        .replace("{file}", "app.css")
        .replace("{day}", today)
        .replace("{kind}", "hug")
        .replace("{slug}", "listening-well")
        .replace("{tag}", "listening")
}

/// A valid body where an empty one would be refused for reasons other than access, so
/// "allowed" really means the handler did its work.
fn sample_body(route: &Route, w: &World) -> String {
    let password = crate::helpers::PASSWORD;
    match route.path {
        "/login" => {
            crate::helpers::form_encode(&[("email", &w.member_email), ("password", password)])
        }
        "/join" => crate::helpers::form_encode(&[("invite_code", &w.live_invite)]),
        "/question/answer" | "/question/reply" => {
            crate::helpers::form_encode(&[("prompt_id", &w.prompt_id), ("body", "hi")])
        }
        "/question/heart" => {
            crate::helpers::form_encode(&[("prompt_id", &w.prompt_id), ("on", "yes")])
        }
        "/love-map/rounds/{id}/entries" => crate::helpers::form_encode(&[
            ("e0", "a"),
            ("e1", "b"),
            ("e2", "c"),
            ("e3", "d"),
            ("e4", "e"),
        ]),
        "/listen" => crate::helpers::form_encode(&[("topic", "Us"), ("first", "me")]),
        "/listen/{id}/moves" => crate::helpers::form_encode(&[("kind", "piece"), ("body", "hi")]),
        "/listen/{id}/rating" => crate::helpers::form_encode(&[("felt_heard", "4")]),
        "/listen/{id}/note" => crate::helpers::form_encode(&[("body", "mine")]),
        "/state-of-us/notes/{id}/edit" => crate::helpers::form_encode(&[("body", "mine")]),
        "/api/v1/state-of-us/notes/{id}" => serde_json::json!({"body": "mine"}).to_string(),
        "/api/v1/listening" => {
            serde_json::json!({"topic": "Us", "first_speaker": "me"}).to_string()
        }
        "/api/v1/listening/{id}/moves" => {
            serde_json::json!({"kind": "piece", "body": "hi"}).to_string()
        }
        "/api/v1/listening/{id}/rating" => serde_json::json!({"felt_heard": 4}).to_string(),
        "/api/v1/listening/{id}/note" => serde_json::json!({"body": "mine"}).to_string(),
        "/love-map/rounds" => crate::helpers::form_encode(&[("about", "partner")]),
        "/api/v1/love-map/rounds" => serde_json::json!({"about": "partner"}).to_string(),
        "/api/v1/love-map/rounds/{id}/entries" => {
            serde_json::json!({"entries": ["a", "b", "c", "d", "e"]}).to_string()
        }
        "/api/v1/love-map/rounds/{id}/marks" => {
            serde_json::json!({"marks": ["close", "close", "close", "close", "close"]}).to_string()
        }
        "/api/v1/prompts/{id}/replies" => serde_json::json!({"body": "hi"}).to_string(),
        "/api/v1/prompts/{id}/answer" => serde_json::json!({"body": "hi"}).to_string(),
        "/api/v1/auth/login" => {
            serde_json::json!({"email": w.member_email, "password": password}).to_string()
        }
        "/api/v1/couple/join" => serde_json::json!({"invite_code": w.live_invite}).to_string(),
        "/api/v1/checkins/{day}" => {
            serde_json::json!({"closeness": 4, "mood": 3, "felt_heard": 3}).to_string()
        }
        "/dates" | "/dates/{id}" => crate::helpers::form_encode(&[
            ("title", "Dinner out"),
            ("day", &w.tomorrow),
            ("time", "19:30"),
        ]),
        "/api/v1/dates" | "/api/v1/dates/{id}" => {
            serde_json::json!({"title": "Dinner out", "starts_at": w.tomorrow_instant}).to_string()
        }
        "/dates/ideas" | "/dates/ideas/{id}" => crate::helpers::form_encode(&[
            ("title", "A picnic"),
            ("setting", "out"),
            ("cost", "low"),
            ("minutes", "90"),
            ("energy", "low"),
            ("novelty", "2"),
            ("tag-outdoors", "on"),
        ]),
        "/api/v1/dates/ideas" | "/api/v1/dates/ideas/{id}" => serde_json::json!({
            "title": "A picnic", "setting": "out", "cost": "low", "minutes": 90,
            "energy": "low", "novelty": 2, "tags": ["outdoors"]})
        .to_string(),
        "/dates/ideas/{id}/vote" => crate::helpers::form_encode(&[("vote", "like")]),
        "/api/v1/dates/ideas/{id}/vote" => serde_json::json!({"vote": "like"}).to_string(),
        "/dates/traditions" | "/dates/traditions/{id}" => {
            crate::helpers::form_encode(&[("title", "Pancakes"), ("rhythm", "weekly")])
        }
        "/api/v1/dates/traditions" | "/api/v1/dates/traditions/{id}" => {
            serde_json::json!({"title": "Pancakes", "rhythm": "weekly"}).to_string()
        }
        "/dates/{id}/rating" => {
            crate::helpers::form_encode(&[("enjoyment", "4"), ("closeness", "5")])
        }
        "/api/v1/dates/{id}/rating" => {
            serde_json::json!({"enjoyment": 4, "closeness": 5}).to_string()
        }
        "/dates/{id}/memory" => crate::helpers::form_encode(&[("body", "The lanterns.")]),
        "/api/v1/dates/{id}/memory" => serde_json::json!({"body": "The lanterns."}).to_string(),
        "/fair-split" => crate::helpers::form_encode(&[
            ("title", "Chores"),
            ("mode", "chores"),
            ("items", "Dishes\nBins"),
        ]),
        "/api/v1/fair-splits" => {
            serde_json::json!({"title": "Chores", "mode": "chores", "items": ["Dishes", "Bins"]})
                .to_string()
        }
        "/fair-split/{id}/items" => crate::helpers::form_encode(&[("items", "Dishes\nBins")]),
        "/api/v1/fair-splits/{id}/items" => {
            serde_json::json!({"items": ["Dishes", "Bins"]}).to_string()
        }
        "/fair-split/{id}/points" => crate::helpers::form_encode(&[("p0", "60"), ("p1", "40")]),
        "/api/v1/fair-splits/{id}/points" => serde_json::json!({"points": [60, 40]}).to_string(),
        "/api/v1/fair-split" => serde_json::json!({"mode": "goods", "partners": ["A", "B"],
            "items": [{"name": "x", "points": [100, 100]}]})
        .to_string(),
        "/compromise" => crate::helpers::form_encode(&[("title", "Weekends")]),
        "/api/v1/compromise" => serde_json::json!({"title": "Weekends"}).to_string(),
        "/compromise/{id}/stance" => crate::helpers::form_encode(&[("core", "Rest")]),
        "/api/v1/compromise/{id}/stance" => serde_json::json!({"core": "Rest"}).to_string(),
        "/compromise/{id}/options" | "/compromise/{id}/look-back" => {
            crate::helpers::form_encode(&[("body", "Take turns")])
        }
        "/api/v1/compromise/{id}/options" | "/api/v1/compromise/{id}/look-back" => {
            serde_json::json!({"body": "Take turns"}).to_string()
        }
        "/api/v1/compromise/{id}/ratings" => serde_json::json!({"ratings": []}).to_string(),
        "/api/v1/compromise/{id}/choice" => serde_json::json!({"option_id": "x",
            "trial_until": w.tomorrow, "review_on": w.tomorrow})
        .to_string(),
        "/notes" => crate::helpers::form_encode(&[("body", "hi"), ("when", "now")]),
        "/api/v1/notes" => serde_json::json!({"body": "hi"}).to_string(),
        "/notes/{id}/mark" => crate::helpers::form_encode(&[("mark", "heart"), ("set", "on")]),
        "/touch/moments" => crate::helpers::form_encode(&[("kind", "hug")]),
        "/api/v1/affection" => serde_json::json!({"kind": "hug"}).to_string(),
        "/touch/wishes" | "/touch/wishes/{id}" | "/gestures/loves" => {
            crate::helpers::form_encode(&[("body", "More hugs")])
        }
        "/api/v1/affection/wishes" | "/api/v1/affection/wishes/{id}" | "/api/v1/gestures/loves" => {
            serde_json::json!({"body": "More hugs"}).to_string()
        }
        "/mutual/{id}" => crate::helpers::form_encode(&[("answer", "yes")]),
        "/api/v1/mutual/{id}" => serde_json::json!({"answer": "yes"}).to_string(),
        "/api/v1/mutual/settings" => {
            serde_json::json!({"intimate": false, "count_maybe": false}).to_string()
        }
        "/reports" => crate::helpers::form_encode(&[("days", "30")]),
        "/api/v1/reports" => serde_json::json!({"days": 30}).to_string(),
        "/reports/{id}/redact" => crate::helpers::form_encode(&[("item", "answer:x")]),
        "/api/v1/reports/{id}/redactions" => serde_json::json!({"item": "answer:x"}).to_string(),
        "/reports/{id}/approve" => crate::helpers::form_encode(&[("version", "1")]),
        "/api/v1/reports/{id}/approval" => serde_json::json!({"version": 1}).to_string(),
        "/journal" | "/journal/{id}" => crate::helpers::form_encode(&[("body", "hi")]),
        "/api/v1/journal" | "/api/v1/journal/{id}" => serde_json::json!({"body": "hi"}).to_string(),
        "/journal/{id}/delete" => crate::helpers::form_encode(&[("confirm", "yes")]),
        "/journal/{id}/share" => {
            crate::helpers::form_encode(&[("excerpt", "hi"), ("confirm", "yes")])
        }
        "/api/v1/journal/{id}/share" => {
            serde_json::json!({"excerpt": "hi", "confirm": true}).to_string()
        }
        "/settings/private-writing/recovery-code" => {
            crate::helpers::form_encode(&[("password", password)])
        }
        "/api/v1/me/private-writing/recovery-code" => {
            serde_json::json!({"password": password}).to_string()
        }
        "/settings/reminders" => crate::helpers::form_encode(&[("kindness_per_week", "0")]),
        "/api/v1/me/reminders" => serde_json::json!({"checkin_at": null, "quiet_hours": null,
            "kindness_per_week": 0, "email": false})
        .to_string(),
        _ if route.is_api() => "{}".to_owned(),
        _ => String::new(),
    }
}

fn request(route: &Route, path: &str, token: Option<&str>, body: String) -> Request<Body> {
    let mut req = Request::builder()
        .method(route.method.clone())
        .uri(path)
        .header(header::HOST, HOST);
    let sends_body = !matches!(route.method, Method::GET | Method::DELETE);
    if route.is_api() {
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if sends_body {
            req = req.header(header::CONTENT_TYPE, "application/json");
            return req.body(Body::from(body)).unwrap();
        }
    } else {
        if let Some(t) = token {
            req = req.header(header::COOKIE, format!("rekindle_session={t}"));
        }
        if sends_body {
            req = req
                .header(header::ORIGIN, ORIGIN)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            return req.body(Body::from(body)).unwrap();
        }
    }
    req.body(Body::empty()).unwrap()
}

async fn every_route_answers_every_actor_as_its_access_says(app: TestApp) {
    let table = routes();
    assert!(table.len() >= 30, "the table is the whole app");
    let mut n = 0;
    let mut failures = Vec::new();
    for route in &table {
        for actor in ACTORS {
            n += 1;
            let w = world(&app, n).await;
            let tokens = if route.is_api() { &w.api } else { &w.web };
            let token = tokens
                .iter()
                .find(|(a, _)| *a == actor)
                .and_then(|(_, t)| t.as_deref());
            let path = concrete_path(route, &w, &crate::helpers::london_today(&app));
            let res = app
                .send(request(route, &path, token, sample_body(route, &w)))
                .await;
            let want = expected(route.access, actor);
            let redirected_to_login =
                res.status == StatusCode::SEE_OTHER && res.header("location") == Some("/login");
            let ok = match want {
                Expect::SignIn if route.is_api() => res.status == StatusCode::UNAUTHORIZED,
                Expect::SignIn => redirected_to_login,
                Expect::NotFound => res.status == StatusCode::NOT_FOUND,
                Expect::Allowed => {
                    !res.status.is_server_error()
                        && !matches!(
                            res.status,
                            StatusCode::UNAUTHORIZED
                                | StatusCode::FORBIDDEN
                                | StatusCode::NOT_FOUND
                        )
                        && !redirected_to_login
                }
            };
            if !ok {
                failures.push(format!(
                    "{} {} as {actor:?}: wanted {want:?}, got {}",
                    route.method, route.path, res.status
                ));
            }
            if route.is_api() && !res.body.is_empty() && !res.status.is_success() {
                assert!(
                    serde_json::from_slice::<serde_json::Value>(&res.body).is_ok(),
                    "{} {}: API errors are JSON",
                    route.method,
                    route.path
                );
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorization matrix failures:\n{}",
        failures.join("\n")
    );
}
on_both!(every_route_answers_every_actor_as_its_access_says);

#[test]
fn the_route_table_has_no_duplicates_and_documents_every_api_route() {
    let table = routes();
    let mut seen = std::collections::HashSet::new();
    for r in &table {
        assert!(
            seen.insert((r.method.clone(), r.path)),
            "duplicate route {} {}",
            r.method,
            r.path
        );
    }
    let doc = serde_json::to_value(<rekindle::api::openapi::ApiDoc as utoipa::OpenApi>::openapi())
        .unwrap();
    for r in table.iter().filter(|r| r.path.starts_with("/api/v1/")) {
        let op = &doc["paths"][r.path][r.method.as_str().to_lowercase()];
        assert!(
            op.is_object(),
            "{} {} missing from the OpenAPI document",
            r.method,
            r.path
        );
        assert!(!op["responses"].as_object().unwrap().is_empty());
        let needs_token = r.access != Access::Public;
        assert_eq!(
            op["security"].is_array(),
            needs_token,
            "{} {} security",
            r.method,
            r.path
        );
    }
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
}
