//! `rekindle demo`: a fresh database with a demo couple and about 90 days of history
//! in every feature, made by living those days through the public API — the clock
//! set to each day in turn — so the history is exactly what real use leaves behind
//! (sealed private writing, notifications, the outbox), never rows written around
//! the rules.

mod story;

use anyhow::{Context as _, anyhow, bail};
use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt as _;

use crate::app::{AppState, router};
use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;

const DAY_MS: i64 = 86_400_000;
const HOUR_MS: i64 = 3_600_000;

/// How to sign in as each partner of the demo couple.
#[derive(Debug, Clone)]
pub struct Logins {
    /// (display name, e-mail, password), Maya first.
    pub people: Vec<(String, String, String)>,
}

/// Calls the app in process, as a client of the API would, at the clock's time.
struct Driver {
    router: Router,
    clock: Clock,
}

impl Driver {
    /// One call; the answer's status and JSON (null when it had no body).
    async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> anyhow::Result<(StatusCode, Value)> {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "demo.rekindle.local");
        if let Some(token) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        let res = self.router.clone().oneshot(req.body(body)?).await?;
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20).await?;
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok((status, json))
    }

    /// A call that must succeed (any 2xx); anything else stops the demo with the path
    /// and status.
    async fn ok(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> anyhow::Result<Value> {
        let (status, json) = self.call(method.clone(), path, Some(token), body).await?;
        if !status.is_success() {
            bail!("demo: {method} {path} answered {status}: {}", json["error"]);
        }
        Ok(json)
    }

    /// Sets the clock to `hour` o'clock (UTC) on the day `days_ago` days before `now`
    /// — never later than `now` (today's evening has not happened yet).
    fn at(&self, now: i64, days_ago: i64, hour: i64) {
        let midnight = now - now.rem_euclid(DAY_MS);
        let then = midnight - days_ago * DAY_MS + hour * HOUR_MS + 7 * 60_000;
        self.clock.set(then.min(now));
    }

    fn today(&self) -> String {
        rekindle_core::schedule::local_day_in(story::TIMEZONE, self.clock.now_ms()).to_string()
    }
}

fn id(v: &Value) -> anyhow::Result<String> {
    v["id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("demo: an answer without an id"))
}

/// A number that looks random but is the same on every run (the demo is repeatable).
fn wobble(day: i64, salt: i64) -> i64 {
    let x = (day * 7_919 + salt * 104_729) as u64;
    let x = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    i64::try_from((x >> 33) % 1_000).unwrap_or(0)
}

/// Adds the demo couple with `days` days of history, ending now, to a database that
/// does not have them yet (`rekindle demo` starts from an empty one; `rekindle seed
/// --demo` adds them beside synthetic couples for benchmarks); the logins.
pub async fn fill(db: &Db, days: i64) -> anyhow::Result<Logins> {
    let taken: Vec<i64> = db
        .column(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM users WHERE email = $1 OR email = $2",
            vec![story::PEOPLE[0].1.into(), story::PEOPLE[1].1.into()],
        )
        .await?;
    if taken.first().copied().unwrap_or(0) != 0 {
        bail!("this database already has the demo couple");
    }
    let now = crate::db::now_ms();
    let clock = Clock::fixed(now);
    let state = AppState::with_clock(db.clone(), Config::default(), clock.clone());
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
    let d = Driver {
        router: router(state).layer(MockConnectInfo(addr)),
        clock,
    };
    let days = days.clamp(14, 365);

    // Day one: both sign up and pair.
    d.at(now, days, 19);
    let mut tokens = Vec::new();
    let mut people = Vec::new();
    for (name, email) in story::PEOPLE {
        let password = format!(
            "{}-{}",
            name.to_lowercase(),
            &crate::secret::new_id()[..10].to_lowercase()
        );
        let (status, res) = d
            .call(
                Method::POST,
                "/api/v1/auth/register",
                None,
                Some(
                    json!({"email": email, "password": password, "display_name": name,
                    "timezone": story::TIMEZONE}),
                ),
            )
            .await?;
        if status != StatusCode::CREATED {
            bail!("demo: signing up {name} answered {status}");
        }
        tokens.push(
            res["token"]
                .as_str()
                .context("demo: no token at sign-up")?
                .to_owned(),
        );
        people.push((name.to_owned(), email.to_owned(), password));
    }
    let (maya, tom) = (tokens[0].as_str(), tokens[1].as_str());
    let invite = d.ok(Method::POST, "/api/v1/couple", maya, None).await?;
    d.ok(
        Method::POST,
        "/api/v1/couple/join",
        tom,
        Some(json!({"invite_code": invite["invite_code"]})),
    )
    .await?;
    d.ok(
        Method::PUT,
        "/api/v1/couple/meeting-day",
        maya,
        Some(json!({"weekday": "sunday"})),
    )
    .await?;
    once_at_the_start(&d, [maya, tom]).await?;

    let mut plan: Option<(i64, String)> = None;
    for ago in (0..days).rev() {
        let progress = (days - ago) as f64 / days as f64;
        d.at(now, ago, 7);
        affection(&d, [maya, tom], ago).await?;
        d.at(now, ago, 19);
        checkins(&d, [maya, tom], ago, progress).await?;
        if wobble(ago, 3) < 700 {
            question(&d, [maya, tom], ago).await?;
        }
        if ago % 4 == 1 {
            let (from, n) = if ago % 8 == 1 { (tom, 0) } else { (maya, 1) };
            let body = story::NOTES[(ago as usize / 4 + n) % story::NOTES.len()];
            d.ok(
                Method::POST,
                "/api/v1/notes",
                from,
                Some(json!({"body": body})),
            )
            .await?;
        }
        if ago % 6 == 2 {
            let who = usize::from(ago % 12 == 2);
            let entries = story::JOURNAL[who];
            let (body, tags) = entries[(ago as usize / 12) % entries.len()];
            d.ok(
                Method::POST,
                "/api/v1/journal",
                tokens[who].as_str(),
                Some(json!({"body": body, "tags": tags})),
            )
            .await?;
        }
        let step = days - ago;
        if step % 21 == 10 {
            love_map(&d, [maya, tom], (step / 21) as usize).await?;
        }
        if step % 19 == 8 {
            listening(&d, [maya, tom], (step / 19) as usize).await?;
        }
        if d.today_is_sunday() {
            state_of_us(&d, [maya, tom], step as usize).await?;
            d.ok(
                Method::POST,
                &format!(
                    "/api/v1/dates/traditions/{}/done",
                    d.tradition_id(maya).await?
                ),
                maya,
                None,
            )
            .await?;
        }
        if step == days / 3 {
            fair_split(&d, [maya, tom]).await?;
        }
        if step == days / 2 {
            compromise(&d, [maya, tom]).await?;
        }
        // A date every ten days or so: planned two days ahead, then rated and
        // remembered the day after it.
        if step % 10 == 3 && ago > 3 {
            let starts = d.clock.now_ms() + 2 * DAY_MS;
            let idea = d.matched_idea(maya, (step / 10) as usize).await?;
            let res = d
                .ok(
                    Method::POST,
                    "/api/v1/dates",
                    if step % 20 == 3 { tom } else { maya },
                    Some(json!({"title": "", "starts_at": instant(starts),
                        "ends_at": instant(starts + 3 * HOUR_MS), "idea_id": idea,
                        "place": "The old mill", "planner": "me", "phones_away": true})),
                )
                .await?;
            plan = Some((ago - 3, id(&res)?));
        }
        if let Some((due, date)) = plan.clone()
            && due == ago
        {
            for (who, token) in [maya, tom].into_iter().enumerate() {
                d.ok(
                    Method::PUT,
                    &format!("/api/v1/dates/{date}/rating"),
                    token,
                    Some(json!({"enjoyment": 4 + who as i64 % 2, "closeness": 4})),
                )
                .await?;
            }
            let memory = story::MEMORIES[(ago as usize) % story::MEMORIES.len()];
            d.ok(
                Method::PUT,
                &format!("/api/v1/dates/{date}/memory"),
                maya,
                Some(json!({"body": memory})),
            )
            .await?;
            plan = None;
        }
    }
    Ok(Logins { people })
}

impl Driver {
    fn today_is_sunday(&self) -> bool {
        let day = rekindle_core::schedule::local_day_in(story::TIMEZONE, self.clock.now_ms());
        day.weekday() == jiff::civil::Weekday::Sunday
    }

    async fn tradition_id(&self, token: &str) -> anyhow::Result<String> {
        let list = self
            .ok(Method::GET, "/api/v1/dates/traditions", token, None)
            .await?;
        id(&list["traditions"][0])
    }

    /// The `n`th of the ideas both said yes to, in turn.
    async fn matched_idea(&self, token: &str, n: usize) -> anyhow::Result<String> {
        let found = self
            .ok(Method::GET, "/api/v1/dates/matches", token, None)
            .await?;
        let matches = found["matches"].as_array().cloned().unwrap_or_default();
        id(matches
            .get(n % matches.len().max(1))
            .unwrap_or(&Value::Null))
    }
}

fn instant(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// The first evening: votes on date ideas, a weekly tradition, mutual-yes answers,
/// the things each loves, a wish.
async fn once_at_the_start(d: &Driver, [maya, tom]: [&str; 2]) -> anyhow::Result<()> {
    let ideas = d.ok(Method::GET, "/api/v1/dates/ideas", maya, None).await?;
    let ideas = ideas["ideas"].as_array().cloned().unwrap_or_default();
    for (n, idea) in ideas.iter().take(12).enumerate() {
        let path = format!("/api/v1/dates/ideas/{}/vote", id(idea)?);
        let votes = [("love", "like"), ("like", "love"), ("like", "no")][n % 3];
        d.ok(Method::PUT, &path, maya, Some(json!({"vote": votes.0})))
            .await?;
        d.ok(Method::PUT, &path, tom, Some(json!({"vote": votes.1})))
            .await?;
    }
    d.ok(
        Method::POST,
        "/api/v1/dates/traditions",
        maya,
        Some(json!({"title": "Sunday pancakes", "rhythm": "weekly"})),
    )
    .await?;
    let items = d.ok(Method::GET, "/api/v1/mutual", maya, None).await?;
    let items = items["items"].as_array().cloned().unwrap_or_default();
    for (n, item) in items.iter().take(24).enumerate() {
        let path = format!("/api/v1/mutual/{}", id(item)?);
        let (a, b) = [
            ("yes", "yes"),
            ("maybe", "yes"),
            ("no", "yes"),
            ("yes", "no"),
        ][n % 4];
        d.ok(Method::PUT, &path, maya, Some(json!({"answer": a})))
            .await?;
        d.ok(Method::PUT, &path, tom, Some(json!({"answer": b})))
            .await?;
    }
    for (who, token) in [maya, tom].into_iter().enumerate() {
        for love in story::LOVES[who] {
            d.ok(
                Method::POST,
                "/api/v1/gestures/loves",
                token,
                Some(json!({"body": love})),
            )
            .await?;
        }
    }
    d.ok(
        Method::POST,
        "/api/v1/affection/wishes",
        maya,
        Some(json!({"body": "More long hugs when you get home", "shared": true})),
    )
    .await?;
    Ok(())
}

/// Check-ins that start low and lift, with bad days in between.
async fn checkins(d: &Driver, tokens: [&str; 2], ago: i64, progress: f64) -> anyhow::Result<()> {
    let day = d.today();
    for (who, token) in tokens.into_iter().enumerate() {
        let salt = who as i64 * 11;
        if wobble(ago, salt + 1) < 120 {
            continue; // a day one of them forgot
        }
        let bad_day = wobble(ago, salt + 2) < 150;
        let lift = (progress * 3.0).round() as i64;
        let closeness = (2 + lift + wobble(ago, salt + 3) % 2 - 2 * i64::from(bad_day)).clamp(1, 7);
        let mood = (2 + lift / 2 + wobble(ago, salt + 4) % 2 - i64::from(bad_day)).clamp(1, 5);
        let felt_heard = (2 + lift / 2 + wobble(ago, salt + 5) % 2).clamp(1, 5);
        let mut body = json!({"closeness": closeness, "mood": mood, "felt_heard": felt_heard});
        if wobble(ago, salt + 6) < 450 {
            let n = (ago as usize + who * 5) % story::APPRECIATIONS.len();
            body["appreciation"] = json!(story::APPRECIATIONS[n]);
        }
        if wobble(ago, salt + 7) < 200 {
            let n = (ago as usize + who) % story::PRIVATE_NOTES.len();
            body["note"] = json!(story::PRIVATE_NOTES[n]);
        }
        d.ok(
            Method::PUT,
            &format!("/api/v1/checkins/{day}"),
            token,
            Some(body),
        )
        .await?;
    }
    Ok(())
}

/// Today's question, answered by both (and sometimes a reply and a heart).
async fn question(d: &Driver, [maya, tom]: [&str; 2], ago: i64) -> anyhow::Result<()> {
    let today = d
        .ok(Method::GET, "/api/v1/prompts/today", maya, None)
        .await?;
    let prompt = id(&today["prompt"])?;
    let category = today["prompt"]["category"].as_str().unwrap_or("");
    for (who, token) in [maya, tom].into_iter().enumerate() {
        let body = story::answer(category, who, ago as usize);
        d.ok(
            Method::PUT,
            &format!("/api/v1/prompts/{prompt}/answer"),
            token,
            Some(json!({"body": body})),
        )
        .await?;
    }
    if ago % 3 == 0 {
        d.ok(
            Method::PUT,
            &format!("/api/v1/prompts/{prompt}/heart"),
            tom,
            None,
        )
        .await?;
        d.ok(
            Method::POST,
            &format!("/api/v1/prompts/{prompt}/replies"),
            maya,
            Some(json!({"body": "I didn't know that. Tell me more at dinner?"})),
        )
        .await?;
    }
    Ok(())
}

/// A touch or two in the morning, most days.
async fn affection(d: &Driver, tokens: [&str; 2], ago: i64) -> anyhow::Result<()> {
    const KINDS: [&str; 5] = ["hug", "kiss", "holding-hands", "cuddle", "hug"];
    if wobble(ago, 21) < 250 {
        return Ok(());
    }
    let kind = KINDS[usize::try_from(wobble(ago, 22)).unwrap_or(0) % KINDS.len()];
    let who = tokens[usize::try_from(ago % 2).unwrap_or(0)];
    d.ok(
        Method::POST,
        "/api/v1/affection",
        who,
        Some(json!({"kind": kind})),
    )
    .await?;
    Ok(())
}

/// A love-map round about one of them (in turn): their answers, the other's guesses,
/// their marks.
async fn love_map(d: &Driver, tokens: [&str; 2], n: usize) -> anyhow::Result<()> {
    let [maya, tom] = if n.is_multiple_of(2) {
        tokens
    } else {
        [tokens[1], tokens[0]]
    };
    let n = n % story::MAP_ANSWERS.len();
    let round = d
        .ok(
            Method::POST,
            "/api/v1/love-map/rounds",
            maya,
            Some(json!({"about": "me"})),
        )
        .await?;
    let path = format!("/api/v1/love-map/rounds/{}", id(&round)?);
    d.ok(
        Method::PUT,
        &format!("{path}/entries"),
        maya,
        Some(json!({"entries": story::MAP_ANSWERS[n]})),
    )
    .await?;
    d.ok(
        Method::PUT,
        &format!("{path}/entries"),
        tom,
        Some(json!({"entries": story::MAP_GUESSES[n]})),
    )
    .await?;
    d.ok(
        Method::PUT,
        &format!("{path}/marks"),
        maya,
        Some(json!({"marks": story::MAP_MARKS[n]})),
    )
    .await?;
    Ok(())
}

/// A listening session: a piece, a paraphrase, "that's it", the end and ratings.
async fn listening(d: &Driver, tokens: [&str; 2], n: usize) -> anyhow::Result<()> {
    let (topic, piece, paraphrase) = story::LISTENING[n % story::LISTENING.len()];
    let [speaker, listener] = if n.is_multiple_of(2) {
        tokens
    } else {
        [tokens[1], tokens[0]]
    };
    let session = d
        .ok(
            Method::POST,
            "/api/v1/listening",
            speaker,
            Some(json!({"topic": topic, "first_speaker": "me", "one_phone": false})),
        )
        .await?;
    let path = format!("/api/v1/listening/{}", id(&session)?);
    let moves = format!("{path}/moves");
    d.ok(
        Method::POST,
        &moves,
        speaker,
        Some(json!({"kind": "piece", "body": piece})),
    )
    .await?;
    d.ok(
        Method::POST,
        &moves,
        listener,
        Some(json!({"kind": "paraphrase", "body": paraphrase})),
    )
    .await?;
    d.ok(
        Method::POST,
        &moves,
        speaker,
        Some(json!({"kind": "thats_it"})),
    )
    .await?;
    d.ok(Method::POST, &format!("{path}/end"), listener, None)
        .await?;
    for token in tokens {
        d.ok(
            Method::PUT,
            &format!("{path}/rating"),
            token,
            Some(json!({"felt_heard": 4})),
        )
        .await?;
    }
    Ok(())
}

/// The weekly talk: a note from each, then both say it is done.
async fn state_of_us(d: &Driver, [maya, tom]: [&str; 2], n: usize) -> anyhow::Result<()> {
    for (token, section, list) in [
        (maya, "went_well", story::WENT_WELL),
        (tom, "next_week", story::NEXT_WEEK),
    ] {
        d.ok(
            Method::POST,
            "/api/v1/state-of-us/notes",
            token,
            Some(json!({"section": section, "body": list[n % list.len()]})),
        )
        .await?;
    }
    for token in [maya, tom] {
        d.ok(Method::POST, "/api/v1/state-of-us/done", token, None)
            .await?;
    }
    Ok(())
}

/// Chores divided fairly, with a rota.
async fn fair_split(d: &Driver, [maya, tom]: [&str; 2]) -> anyhow::Result<()> {
    let split = d
        .ok(
            Method::POST,
            "/api/v1/fair-splits",
            tom,
            Some(json!({"title": "The weekly jobs", "mode": "chores",
                "items": ["Cooking", "Laundry", "Bins and recycling", "Bathroom"]})),
        )
        .await?;
    let path = format!("/api/v1/fair-splits/{}", id(&split)?);
    for (token, points) in [(maya, [40, 20, 10, 30]), (tom, [20, 35, 15, 30])] {
        d.ok(
            Method::PUT,
            &format!("{path}/points"),
            token,
            Some(json!({ "points": points })),
        )
        .await?;
    }
    d.ok(Method::POST, &format!("{path}/rota"), maya, None)
        .await?;
    Ok(())
}

/// A compromise on weekends, from stances to a choice.
async fn compromise(d: &Driver, [maya, tom]: [&str; 2]) -> anyhow::Result<()> {
    let topic = d
        .ok(
            Method::POST,
            "/api/v1/compromise",
            maya,
            Some(json!({"title": "Our weekends"})),
        )
        .await?;
    let path = format!("/api/v1/compromise/{}", id(&topic)?);
    for (token, core, flex) in [
        (maya, "Time for just us", "Which day it is"),
        (tom, "Seeing friends now and then", "How often"),
    ] {
        d.ok(
            Method::PUT,
            &format!("{path}/stance"),
            token,
            Some(json!({"core": core, "flex": flex, "feel": "A bit stretched"})),
        )
        .await?;
    }
    for (token, option) in [
        (maya, "Saturday for us, Sunday for friends"),
        (tom, "Alternate weekends"),
    ] {
        d.ok(
            Method::POST,
            &format!("{path}/options"),
            token,
            Some(json!({"body": option})),
        )
        .await?;
    }
    let shown = d.ok(Method::GET, &path, maya, None).await?;
    let ids: Vec<String> = shown["options"]
        .as_array()
        .map(|o| o.iter().filter_map(|o| id(o).ok()).collect())
        .unwrap_or_default();
    for (token, ratings) in [(maya, [9, 6]), (tom, [8, 7])] {
        let ratings: Vec<Value> = ids
            .iter()
            .zip(ratings)
            .map(|(id, r)| json!({"option_id": id, "rating": r}))
            .collect();
        d.ok(
            Method::PUT,
            &format!("{path}/ratings"),
            token,
            Some(json!({ "ratings": ratings })),
        )
        .await?;
    }
    let review =
        rekindle_core::schedule::local_day_in(story::TIMEZONE, d.clock.now_ms() + 28 * DAY_MS)
            .to_string();
    d.ok(
        Method::PUT,
        &format!("{path}/choice"),
        tom,
        Some(json!({"option_id": ids.first(), "trial_until": review, "review_on": review})),
    )
    .await?;
    Ok(())
}
