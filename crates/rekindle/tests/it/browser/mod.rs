//! Browser journeys in headless Chromium (driven through chromedriver by fantoccini)
//! against the real server on a real port. Screenshots go to `target/screenshots/`
//! at phone (390×844, mobile emulation) and desktop widths; look at them.
//!
//! Needs `chromium` and `chromedriver` (Debian: chromium, chromium-driver). Without
//! them the journeys are skipped with a note — unless `REKINDLE_TEST_STRICT=1`.

mod dates;
mod demo;
mod fairness;
mod first_week;
mod guides;
mod harness;
mod installable;
mod invite;
mod journal;
mod talk;
mod touch;

use fantoccini::Locator;
use rekindle::config::Config;

use crate::helpers::PASSWORD;
use harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_partners_pair_in_the_browser_and_one_leaves() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _db) = start_server(Config::default()).await;
    let sam = browser(&mut driver, Device::Phone, false).await;
    let alex = browser(&mut driver, Device::Desktop, false).await;

    // Sam signs up on a phone and makes an invite link.
    sam.goto(&base).await.unwrap();
    shot(&sam, "welcome-phone").await;
    click(&sam, "a[href='/register']").await;
    expect_text(&sam, "main h1", "Create your account").await;
    shot(&sam, "register-phone").await;
    sign_up(&sam, "Sam", "sam@example.org").await;
    expect_text(&sam, "main h1", "Hello, Sam").await;
    shot(&sam, "home-waiting-phone").await;
    click(&sam, "main a[href='/couple/invite']").await;
    expect_text(&sam, "main h1", "Invite your partner").await;
    click(&sam, "form[action='/couple/invite'] button").await;
    let link_field = sam
        .wait()
        .for_element(Locator::Css("#invite-link"))
        .await
        .unwrap();
    let link = link_field.prop("value").await.unwrap().unwrap();
    assert!(link.starts_with(&format!("{base}/join/")), "{link}");
    shot(&sam, "invite-phone").await;

    // Alex opens the link on a laptop and signs up through it.
    alex.goto(&link).await.unwrap();
    expect_text(&alex, "main h1", "Sam has invited you").await;
    shot(&alex, "join-desktop").await;
    click(&alex, "a[href^='/register?invite=']").await;
    sign_up(&alex, "Alex", "alex@example.org").await;
    expect_text(&alex, "main h1", "You're connected with Sam").await;
    click(&alex, "main a.button[href='/']").await;
    expect_text(&alex, "main h1", "Alex & Sam").await;
    shot(&alex, "home-together-desktop").await;

    // Sam sees Alex too.
    sam.goto(&base).await.unwrap();
    expect_text(&sam, "main h1", "Sam & Alex").await;
    shot(&sam, "home-together-phone").await;

    // Sam leaves from settings; Alex is then on their own.
    click(&sam, "nav a[href='/settings']").await;
    expect_text(&sam, "main h1", "Settings").await;
    shot(&sam, "settings-phone").await;
    click(&sam, "#confirm").await;
    click(&sam, "form[action='/settings/leave'] button").await;
    expect_text(&sam, "main h1", "You've left your shared space").await;
    shot(&sam, "left-phone").await;
    alex.goto(&base).await.unwrap();
    expect_text(&alex, "#ended-note", "Your shared space has ended").await;
    shot(&alex, "home-alone-desktop").await;

    sam.close().await.unwrap();
    alex.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_exit_leaves_at_once_by_button_and_by_key() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let config = Config {
        quick_exit_url: "about:blank".to_owned(),
        ..Config::default()
    };
    let (base, _db) = start_server(config).await;
    let phone = browser(&mut driver, Device::Phone, true).await;
    phone.goto(&format!("{base}/safety")).await.unwrap();
    shot(&phone, "safety-phone-dark").await;
    click(&phone, "#quick-exit").await;
    phone
        .wait()
        .for_url(&url::Url::parse("about:blank").unwrap())
        .await
        .unwrap();

    phone.goto(&format!("{base}/login")).await.unwrap();
    shot(&phone, "login-phone-dark").await;
    phone
        .wait()
        .for_element(Locator::Css("main h1"))
        .await
        .unwrap();
    phone
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys("\u{E00C}")
        .await
        .unwrap();
    phone
        .wait()
        .for_url(&url::Url::parse("about:blank").unwrap())
        .await
        .unwrap();
    phone.close().await.unwrap();

    let desktop = browser(&mut driver, Device::Desktop, false).await;
    desktop.goto(&base).await.unwrap();
    shot(&desktop, "welcome-desktop").await;
    desktop.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_partners_check_in_on_their_phones_and_see_both_trends() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _path, db) = start_server_with_db(Config::default()).await;
    let sam = browser(&mut driver, Device::Phone, false).await;
    let alex = browser(&mut driver, Device::Phone, true).await;
    pair_in_browser(&base, &sam, &alex).await;
    seed_history(&db, "sam@example.org", 0).await;
    seed_history(&db, "alex@example.org", 2).await;

    sam.goto(&base).await.unwrap();
    check_in(&sam, 5, 4, 4, "Thank you for the walk by the river.").await;
    shot(&sam, "checkin-phone").await;
    click(&sam, "form.checkin button[type=submit]").await;
    expect_text(&sam, "#today-h + p", "You've checked in today").await;

    alex.goto(&base).await.unwrap();
    check_in(&alex, 6, 5, 4, "You never listen to me").await;
    // The coach's hint appears while typing something harsh (htmx, debounced).
    expect_text(&alex, "#appreciation-hint", "Want to try a softer start?").await;
    shot(&alex, "coach-hint-phone-dark").await;
    fill(&alex, "#appreciation", "Sam listened to me tonight.").await;
    click(&alex, "form.checkin button[type=submit]").await;
    expect_text(&alex, "#today-h + p", "You've checked in today").await;
    expect_text(&alex, "main", "Thank you for the walk by the river.").await;
    shot(&alex, "home-dashboard-phone-dark").await;
    let alex_page = alex.source().await.unwrap();
    assert!(
        !alex_page.contains("canary-browser-note"),
        "Sam's private note never reaches Alex"
    );
    let partner_lines = alex
        .find_all(Locator::Css("polyline.line-partner"))
        .await
        .unwrap();
    assert!(
        partner_lines.len() >= 2,
        "Sam's trend is drawn on both charts"
    );

    sam.goto(&format!("{base}/?range=90")).await.unwrap();
    expect_text(&sam, "main", "Sam listened to me tonight.").await;
    shot(&sam, "home-dashboard-phone").await;
    // Axis labels read at 12 px or more on a phone (the chart's box scales).
    let smallest = sam
        .execute(
            "return Math.min.apply(null, Array.from(document.querySelectorAll('text.axis')).map(function (t) {
                return parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a;
            }));",
            vec![],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    assert!(
        smallest >= 12.0,
        "axis labels are {smallest:.1} px on a phone"
    );
    sam.execute(
        "document.getElementById('trends-h').scrollIntoView();",
        vec![],
    )
    .await
    .unwrap();
    shot(&sam, "home-charts-phone").await;
    // The weekly State of Us, from the home page.
    click(&sam, "a[href='/state-of-us']").await;
    expect_text(&sam, "main h1", "State of Us").await;
    fill(&sam, "#body-went_well", "Our walk by the river on Tuesday.").await;
    click(&sam, "#went_well button[type=submit]").await;
    expect_text(&sam, "#went_well", "Our walk by the river on Tuesday.").await;
    shot(&sam, "state-of-us-phone").await;
    alex.goto(&format!("{base}/state-of-us")).await.unwrap();
    expect_text(&alex, "#went_well", "Our walk by the river on Tuesday.").await;

    let desktop = browser(&mut driver, Device::Desktop, false).await;
    desktop.goto(&format!("{base}/login")).await.unwrap();
    fill(&desktop, "#email", "sam@example.org").await;
    fill(&desktop, "#password", PASSWORD).await;
    click(&desktop, "form[action='/login'] button").await;
    expect_text(&desktop, "main h1", "Sam & Alex").await;
    shot(&desktop, "home-dashboard-desktop").await;
    for c in [sam, alex, desktop] {
        c.close().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_passes_automated_accessibility_checks_in_light_and_dark() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let Some(script) = axe_script() else { return };
    let (base, _path, db) = start_server_with_db(Config::default()).await;
    // First, prove the checker sees a violation when there is one.
    let probe = browser(&mut driver, Device::Desktop, false).await;
    probe
        .goto("data:text/html,<html lang=en><title>t</title><img src=x.png>")
        .await
        .unwrap();
    let found = axe(&probe, &script).await;
    assert!(
        found.iter().any(|v| v.starts_with("image-alt")),
        "axe must catch a missing alt: {found:?}"
    );
    probe.close().await.unwrap();
    let mut failures = Vec::new();
    for dark in [false, true] {
        let sam = browser(&mut driver, Device::Phone, dark).await;
        let alex = browser(&mut driver, Device::Phone, dark).await;
        let n = if dark { "dark" } else { "light" };
        for path in [
            "/",
            "/register",
            "/login",
            "/safety",
            "/join/not-a-live-invite-code-x",
        ] {
            sam.goto(&format!("{base}{path}")).await.unwrap();
            for v in axe(&sam, &script).await {
                failures.push(format!("{n} {path}: {v}"));
            }
        }
        sam.goto(&format!("{base}/register")).await.unwrap();
        sign_up(&sam, "Sam", &format!("sam-{n}@example.org")).await;
        expect_text(&sam, "main h1", "Hello, Sam").await;
        click(&sam, "main a[href='/couple/invite']").await;
        click(&sam, "form[action='/couple/invite'] button").await;
        let link = sam
            .wait()
            .for_element(Locator::Css("#invite-link"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap();
        for v in axe(&sam, &script).await {
            failures.push(format!("{n} /couple/invite (made): {v}"));
        }
        alex.goto(&link).await.unwrap();
        for v in axe(&alex, &script).await {
            failures.push(format!("{n} /join/…: {v}"));
        }
        click(&alex, "a[href^='/register?invite=']").await;
        sign_up(&alex, "Alex", &format!("alex-{n}@example.org")).await;
        expect_text(&alex, "main h1", "You're connected with Sam").await;
        for v in axe(&alex, &script).await {
            failures.push(format!("{n} /welcome: {v}"));
        }
        seed_history(&db, &format!("sam-{n}@example.org"), 0).await;
        seed_history(&db, &format!("alex-{n}@example.org"), 1).await;
        for path in [
            "/",
            "/?range=365",
            "/checkin",
            "/settings",
            "/state-of-us",
            "/state-of-us/past",
            "/couple/invite",
            "/love-map",
            "/listen",
            "/before",
            "/dates",
            "/dates/ideas",
            "/dates/ideas/film-roulette",
            "/dates/plan?idea=film-roulette",
            "/dates/traditions",
            "/dates/memories",
            "/fair-split",
            "/compromise",
            "/touch",
            "/mutual",
            "/notes",
            "/gestures",
            "/notifications",
        ] {
            sam.goto(&format!("{base}{path}")).await.unwrap();
            for v in axe(&sam, &script).await {
                failures.push(format!("{n} {path}: {v}"));
            }
        }
        // A love-map round and a listening session, from their first step.
        sam.goto(&format!("{base}/love-map")).await.unwrap();
        click(&sam, "form[action='/love-map/rounds'] button").await;
        expect_text(&sam, "main h1", "A round about your world").await;
        for v in axe(&sam, &script).await {
            failures.push(format!("{n} /love-map/rounds/…: {v}"));
        }
        sam.goto(&format!("{base}/listen")).await.unwrap();
        click(&sam, "form[action='/listen'] button[type='submit']").await;
        expect_text(&sam, "#step-h", "Your turn to speak").await;
        for v in axe(&sam, &script).await {
            failures.push(format!("{n} /listen/…: {v}"));
        }
        alex.goto(&format!("{base}/listen")).await.unwrap();
        click(&alex, "main a[href^='/listen/']").await;
        expect_text(&alex, "#step-h", "Sam is writing").await;
        for v in axe(&alex, &script).await {
            failures.push(format!("{n} /listen/… (waiting): {v}"));
        }
        // A fair split with its points form.
        sam.goto(&format!("{base}/fair-split")).await.unwrap();
        fill(&sam, "#title", "Chores").await;
        fill(&sam, "#items", "Dishes\nBins").await;
        click(&sam, "form[action='/fair-split'] button").await;
        expect_text(&sam, "main h1", "Chores").await;
        for v in axe(&sam, &script).await {
            failures.push(format!("{n} /fair-split/…: {v}"));
        }
        // A compromise topic at its first step.
        sam.goto(&format!("{base}/compromise")).await.unwrap();
        fill(&sam, "#title", "Weekends").await;
        click(&sam, "form[action='/compromise'] button").await;
        expect_text(&sam, "#stance-h", "Where you stand").await;
        for v in axe(&sam, &script).await {
            failures.push(format!("{n} /compromise/…: {v}"));
        }
        // A planned date's own page (with its move form open to the eye).
        sam.goto(&format!("{base}/dates/plan?idea=film-roulette"))
            .await
            .unwrap();
        click(&sam, "form[action='/dates'] button[type='submit']").await;
        expect_text(&sam, "main h1", "Film roulette night").await;
        for v in axe(&sam, &script).await {
            failures.push(format!("{n} /dates/…: {v}"));
        }
        sam.close().await.unwrap();
        alex.close().await.unwrap();
    }
    assert!(
        failures.is_empty(),
        "accessibility violations:\n{}",
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_answer_the_question_of_the_day_and_see_each_other_only_then() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _path) = start_server(Config::default()).await;
    let sam = browser(&mut driver, Device::Phone, false).await;
    let alex = browser(&mut driver, Device::Desktop, false).await;
    pair_in_browser(&base, &sam, &alex).await;

    // Sam types something harsh first: the coach's hint appears.
    sam.goto(&base).await.unwrap();
    expect_text(&sam, "#question-h", "Today's question").await;
    fill(&sam, "#answer-body", "You never ask me anything like this").await;
    expect_text(&sam, "#answer-hint", "Want to try a softer start?").await;
    shot(&sam, "question-hint-phone").await;
    fill(
        &sam,
        "#answer-body",
        "Sam-secret-answer: a slow morning with you.",
    )
    .await;
    click(&sam, "form[action='/question/answer'] button").await;
    expect_text(
        &sam,
        "#question",
        "Only you can see this until you've both answered.",
    )
    .await;

    // Before answering, Alex sees nothing of Sam's answer.
    alex.goto(&base).await.unwrap();
    expect_text(
        &alex,
        "#question",
        "Sam's answer appears here once you've both answered.",
    )
    .await;
    assert!(!alex.source().await.unwrap().contains("Sam-secret-answer"));
    fill(&alex, "#answer-body", "Alex-answer: our walk by the sea.").await;
    click(&alex, "form[action='/question/answer'] button").await;
    expect_text(
        &alex,
        "#question",
        "Sam-secret-answer: a slow morning with you.",
    )
    .await;
    shot(&alex, "question-revealed-desktop").await;

    sam.goto(&base).await.unwrap();
    expect_text(&sam, "#question", "Alex-answer: our walk by the sea.").await;
    shot(&sam, "question-revealed-phone").await;
    sam.close().await.unwrap();
    alex.close().await.unwrap();
}
