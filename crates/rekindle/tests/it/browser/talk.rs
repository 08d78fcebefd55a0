//! Browser journeys for talking together: a love-map round across two browsers, and
//! the listening exercise on two phones that follow each other without reloading.

use std::time::Duration;

use fantoccini::{Client, Locator};
use rekindle::config::Config;

use super::harness::*;

async fn text_of(client: &Client, css: &str) -> String {
    client
        .find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_love_map_round_is_answered_guessed_and_marked() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _path) = start_server(Config::default()).await;
    let sam = browser(&mut driver, Device::Phone, false).await;
    let alex = browser(&mut driver, Device::Desktop, false).await;
    pair_in_browser(&base, &sam, &alex).await;

    sam.goto(&base).await.unwrap();
    click(&sam, "main a[href='/love-map']").await;
    expect_text(&sam, "main h1", "Love map").await;
    shot(&sam, "love-map-phone").await;
    click(&sam, "form[action='/love-map/rounds'] button").await;
    expect_text(&sam, "main h1", "A round about your world").await;
    let answers = [
        "Sam-secret: the move at work",
        "Seeing my sister in spring",
        "Rainy Sunday baking",
        "Jo, always Jo",
        "A year in Lisbon",
    ];
    for (i, a) in answers.iter().enumerate() {
        fill(&sam, &format!("#e{i}"), a).await;
    }
    click(&sam, "form[action$='/entries'] button").await;
    expect_text(&sam, "main .notice", "Your answers are saved").await;
    shot(&sam, "love-map-answered-phone").await;

    // Alex finds the round and guesses, seeing nothing of Sam's answers first.
    alex.goto(&format!("{base}/love-map")).await.unwrap();
    expect_text(&alex, "#open-h", "Rounds in progress").await;
    click(&alex, "main a[href^='/love-map/rounds/']").await;
    expect_text(&alex, "main h1", "A round about Sam's world").await;
    assert!(!alex.source().await.unwrap().contains("Sam-secret"));
    shot(&alex, "love-map-guessing-desktop").await;
    let guesses = ["Work", "Family", "Baking", "Jo", "Somewhere sunny"];
    for (i, g) in guesses.iter().enumerate() {
        fill(&alex, &format!("#e{i}"), g).await;
    }
    click(&alex, "form[action$='/entries'] button").await;
    expect_text(&alex, "main", "Sam-secret: the move at work").await;
    expect_text(&alex, "main", "Sam will mark how close you came.").await;
    shot(&alex, "love-map-revealed-desktop").await;

    // Sam marks each guess: tapping the labels, as on a phone.
    sam.refresh().await.unwrap();
    expect_text(&sam, "main", "Alex guessed").await;
    for (i, mark) in ["close", "close", "spot_on", "spot_on", "not_quite"]
        .iter()
        .enumerate()
    {
        click(&sam, &format!("label[for='m{i}-{mark}']")).await;
    }
    shot(&sam, "love-map-marking-phone").await;
    click(&sam, "form[action$='/marks'] button").await;
    expect_text(&sam, "main", "Spot on").await;
    sam.goto(&format!("{base}/love-map")).await.unwrap();
    expect_text(&sam, "#time-h", "Your maps over time").await;
    shot(&sam, "love-map-over-time-phone").await;
    sam.close().await.unwrap();
    alex.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_phones_follow_a_listening_session_without_reloading() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _path) = start_server(Config::default()).await;
    let sam = browser(&mut driver, Device::Phone, false).await;
    let alex = browser(&mut driver, Device::Phone, true).await;
    pair_in_browser(&base, &sam, &alex).await;

    sam.goto(&format!("{base}/listen")).await.unwrap();
    expect_text(&sam, "main h1", "Listening exercise").await;
    shot(&sam, "listen-start-phone").await;
    click(&sam, "label[for='topic-own']").await;
    fill(&sam, "#own-topic", "Our weekends").await;
    click(&sam, "form[action='/listen'] button[type='submit']").await;
    expect_text(&sam, "#step-h", "Your turn to speak").await;

    alex.goto(&format!("{base}/listen")).await.unwrap();
    click(&alex, "main a[href^='/listen/']").await;
    expect_text(&alex, "#step-h", "Sam is writing").await;
    // The calm timer counts on by itself.
    // (Counted from when the step began, so a live refresh keeps the count.)
    let seconds = |t: String| {
        let (m, s) = t.split_once(':').unwrap();
        m.parse::<u32>().unwrap() * 60 + s.parse::<u32>().unwrap()
    };
    let before = seconds(text_of(&alex, "[data-timer]").await);
    tokio::time::sleep(Duration::from_millis(5200)).await;
    let after = seconds(text_of(&alex, "[data-timer]").await);
    assert!(
        after > before,
        "the timer moves on, even across a refresh: {before} → {after}"
    );
    shot(&alex, "listen-waiting-phone-dark").await;

    // Sam writes something harsh first: the coach's hint appears while typing.
    fill(&sam, "#piece", "You always ignore me on Saturdays").await;
    expect_text(&sam, "#piece-hint", "Want to try a softer start?").await;
    shot(&sam, "listen-speaker-hint-phone").await;
    fill(
        &sam,
        "#piece",
        "I miss our slow Saturday mornings together.",
    )
    .await;
    click(&sam, "form[action$='/moves'] button.button:not(.calm)").await;

    // Alex's phone follows along on its own: now it is Alex's turn.
    expect_text(&alex, "#step-h", "Your turn to say it back").await;
    expect_text(
        &alex,
        "#live",
        "I miss our slow Saturday mornings together.",
    )
    .await;
    shot(&alex, "listen-paraphrase-phone-dark").await;
    fill(&alex, "#paraphrase", "You'd like more weekends.").await;
    click(&alex, "form[action$='/moves'] button.button:not(.calm)").await;

    // And Sam's phone follows: is that what Sam meant?
    expect_text(&sam, "#step-h", "Is that what you meant?").await;
    fill(&sam, "#meant", "Slow ones, just the two of us.").await;
    click(&sam, "form.not-quite button").await;
    expect_text(&alex, "#step-h", "Your turn to say it back").await;
    expect_text(&alex, "#live", "Not quite — Sam meant").await;
    fill(&alex, "#paraphrase", "You miss unhurried time, just us.").await;
    click(&alex, "form[action$='/moves'] button.button:not(.calm)").await;
    expect_text(&sam, "#step-h", "Is that what you meant?").await;
    click(&sam, "form.inline-form button").await;
    expect_text(&sam, "#live", "That's it").await;
    shot(&sam, "listen-understood-phone").await;

    // Alex ends it; both rate how heard they felt, and Sam keeps a private note.
    alex.refresh().await.unwrap();
    click(&alex, "form[action$='/end'] button").await;
    expect_text(&alex, "#end-h", "Thank you for listening").await;
    click(&alex, "label[for='heard-4']").await;
    click(&alex, "form[action$='/rating'] button").await;
    sam.refresh().await.unwrap();
    expect_text(&sam, "#end-h", "Thank you for listening").await;
    click(&sam, "label[for='heard-5']").await;
    click(&sam, "form[action$='/rating'] button").await;
    expect_text(&sam, "#live", "Alex felt mostly heard.").await;
    fill(&sam, "#note", "Sam-private: ask about Sundays too.").await;
    click(&sam, "form[action$='/note'] button").await;
    expect_text(&sam, "#note", "Sam-private").await;
    shot(&sam, "listen-ended-phone").await;
    alex.refresh().await.unwrap();
    assert!(!alex.source().await.unwrap().contains("Sam-private"));

    // The ratings join the home page's "felt heard" line; past sessions are listed.
    sam.goto(&format!("{base}/listen")).await.unwrap();
    expect_text(&sam, "#past-h", "Earlier sessions").await;
    expect_text(&sam, "main", "Our weekends").await;
    sam.goto(&base).await.unwrap();
    expect_text(&sam, "#trends-h", "How it's been").await;
    expect_text(&sam, "main", "Felt heard (1–5)").await;
    sam.close().await.unwrap();
    alex.close().await.unwrap();
}
