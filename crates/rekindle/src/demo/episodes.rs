//! What the demo couple does, one feature at a time: each function is one evening's
//! use of a feature through the API, in the couple's own words (story.rs).

use axum::http::Method;
use serde_json::{Value, json};

use super::driver::{DAY_MS, Driver, id, wobble};
use super::story;

/// The first evening: votes on date ideas, a weekly tradition, mutual-yes answers,
/// the things each loves, a wish.
pub(super) async fn once_at_the_start(d: &Driver, [maya, tom]: [&str; 2]) -> anyhow::Result<()> {
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
pub(super) async fn checkins(
    d: &Driver,
    tokens: [&str; 2],
    ago: i64,
    progress: f64,
) -> anyhow::Result<()> {
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
pub(super) async fn question(d: &Driver, [maya, tom]: [&str; 2], ago: i64) -> anyhow::Result<()> {
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
pub(super) async fn affection(d: &Driver, tokens: [&str; 2], ago: i64) -> anyhow::Result<()> {
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
pub(super) async fn love_map(d: &Driver, tokens: [&str; 2], n: usize) -> anyhow::Result<()> {
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
pub(super) async fn listening(d: &Driver, tokens: [&str; 2], n: usize) -> anyhow::Result<()> {
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
pub(super) async fn state_of_us(
    d: &Driver,
    [maya, tom]: [&str; 2],
    n: usize,
) -> anyhow::Result<()> {
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
pub(super) async fn fair_split(d: &Driver, [maya, tom]: [&str; 2]) -> anyhow::Result<()> {
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
pub(super) async fn compromise(d: &Driver, [maya, tom]: [&str; 2]) -> anyhow::Result<()> {
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
