//! `rekindle demo`: a fresh database with a demo couple and about 90 days of history
//! in every feature, made by living those days through the public API — the clock
//! set to each day in turn — so the history is exactly what real use leaves behind
//! (sealed private writing, notifications, the outbox), never rows written around
//! the rules.

mod driver;
mod episodes;
mod story;

use anyhow::{Context as _, bail};
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::app::{AppState, router};
use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;
use driver::{DAY_MS, Driver, HOUR_MS, id, instant, wobble};
use episodes::{
    affection, checkins, compromise, fair_split, listening, love_map, once_at_the_start, question,
    state_of_us,
};

/// How to sign in as each partner of the demo couple.
#[derive(Debug, Clone)]
pub struct Logins {
    /// (display name, e-mail, password), Maya first.
    pub people: Vec<(String, String, String)>,
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
