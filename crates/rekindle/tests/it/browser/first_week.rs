//! What the first week showed (issue 8), in a real browser: leaving keeps each
//! person's own words and nothing of the other's; "we've had our talk" takes both;
//! quick exit then Back shows nothing private; a typed listening topic is the topic and
//! each choice is one row; a long unbroken link never pushes a phone page sideways.
//! Screenshots in light and dark, axe-core on the new pages.

use fantoccini::{Client, Locator};
use rekindle::config::Config;
use serde_json::Value;

use super::harness::*;

const LONG_URL: &str = "https://example.org/a/very/long/path/that/never/breaks/because/nobody/put/a/space/in/it/when/they/pasted/it/from/their/phone?and=then&some=more&query=parameters&for=good&measure=1234567890";

async fn eval(client: &Client, js: &str) -> Value {
    client.execute(js, vec![]).await.unwrap()
}

/// Whether the page is wider than the screen (something pushes it sideways).
async fn scrolls_sideways(client: &Client) -> bool {
    eval(
        client,
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth;",
    )
    .await
    .as_bool()
    .unwrap()
}

/// Labels of buttons whose words wrapped onto a second line (full-width ones may).
async fn wrapped_buttons(client: &Client) -> Vec<String> {
    let found = eval(
        client,
        "return Array.from(document.querySelectorAll('.button:not(.wide), button')).filter(function (b) {
            if (b.getBoundingClientRect().height === 0) { return false; }
            var range = document.createRange();
            range.selectNodeContents(b);
            var rects = Array.from(range.getClientRects()).filter(function (r) { return r.width > 0; });
            if (rects.length < 2) { return false; }
            var first = rects[0];
            // A second line starts below the first one's middle.
            return rects.some(function (r) { return r.top > first.top + first.height / 2; });
        }).map(function (b) { return b.textContent.trim(); });",
    )
    .await;
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_owned())
        .collect()
}

/// Scrolls an element to the middle of the screen, for a screenshot of it.
async fn show(client: &Client, css: &str) {
    client
        .execute(
            &format!("document.querySelector({css:?}).scrollIntoView({{block: 'center'}});"),
            vec![],
        )
        .await
        .unwrap();
}

async fn answer_today(client: &Client, base: &str, text: &str) {
    client.goto(base).await.unwrap();
    fill(client, "#answer-body", text).await;
    click(client, "form[action='/question/answer'] button").await;
    expect_text(client, "#question p.answer", text).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaving_keeps_your_words_and_the_talk_takes_two() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let script = axe_script();
    let mut failures = Vec::new();
    for dark in [false, true] {
        let n = if dark { "dark" } else { "light" };
        let (base, _db) = start_server(Config::default()).await;
        let sam = browser(&mut driver, Device::Phone, dark).await;
        let alex = browser(&mut driver, Device::Phone, dark).await;
        pair_in_browser(&base, &sam, &alex).await;

        // Both answer; Sam replies with a long link that must not push the page wide.
        answer_today(&sam, &base, "Sam-words: slow breakfasts together").await;
        answer_today(&alex, &base, "Alex-words: the walk by the river").await;
        sam.goto(&base).await.unwrap();
        expect_text(&sam, "#question", "Alex-words").await;
        assert!(!sam.source().await.unwrap().contains("Sealed until"));
        let reply = sam
            .find(Locator::Css("form[action='/question/reply'] textarea"))
            .await
            .unwrap();
        reply.send_keys(LONG_URL).await.unwrap();
        click(&sam, "form[action='/question/reply'] button").await;
        expect_text(&sam, "#question", "example.org").await;
        assert!(
            !scrolls_sideways(&sam).await,
            "a long link must wrap on a phone"
        );
        show(&sam, "#question .thread .appreciations").await;
        shot(&sam, &format!("long-link-phone-{n}")).await;
        alex.goto(&base).await.unwrap();
        expect_text(&alex, "#question", "example.org").await;
        assert!(!scrolls_sideways(&alex).await);

        // State of Us: each writes; Sam changes a note; the talk takes both.
        for (client, words) in [
            (&sam, "Sam-words: our Sunday"),
            (&alex, "Alex-words: the garden"),
        ] {
            client.goto(&format!("{base}/state-of-us")).await.unwrap();
            fill(client, "#body-went_well", words).await;
            click(
                client,
                "#went_well form[action='/state-of-us/notes'] button",
            )
            .await;
            expect_text(client, "#went_well", words).await;
        }
        sam.goto(&format!("{base}/state-of-us")).await.unwrap();
        click(&sam, "#went_well details.note-edit summary").await;
        let edit = sam
            .find(Locator::Css("#went_well details.note-edit textarea"))
            .await
            .unwrap();
        assert_eq!(
            edit.prop("value").await.unwrap().as_deref(),
            Some("Sam-words: our Sunday"),
            "the edit box starts with the note"
        );
        edit.clear().await.unwrap();
        edit.send_keys("Sam-words: our slow Sunday").await.unwrap();
        click(
            &sam,
            "#went_well details.note-edit form[action$='/edit'] button",
        )
        .await;
        expect_text(&sam, "#went_well", "our slow Sunday").await;
        click(&sam, "form[action='/state-of-us/done'] button").await;
        expect_text(&sam, "#talk-state", "You've said you've had your talk").await;
        show(&sam, "#talk").await;
        shot(&sam, &format!("talk-one-said-phone-{n}")).await;
        check(
            &sam,
            script.as_ref(),
            &format!("{n} /state-of-us (one said)"),
            &mut failures,
        )
        .await;
        alex.goto(&format!("{base}/state-of-us")).await.unwrap();
        expect_text(
            &alex,
            "#talk-state",
            "Sam feels you've had this week's talk",
        )
        .await;
        expect_text(&alex, "#went_well", "our slow Sunday").await;
        show(&alex, "#talk").await;
        shot(&alex, &format!("talk-partner-said-phone-{n}")).await;
        click(&alex, "form[action='/state-of-us/done'] button").await;
        expect_text(
            &alex,
            "main .notice",
            "You've both said this week's talk is done",
        )
        .await;
        sam.goto(&format!("{base}/state-of-us")).await.unwrap();
        expect_text(
            &sam,
            "main .notice",
            "You've both said this week's talk is done",
        )
        .await;
        assert!(sam.find(Locator::Css("details.note-edit")).await.is_err());

        // Buttons keep their words on one line on a phone (and the check can see a
        // wrapped one: squeeze one first).
        sam.goto(&format!("{base}/settings")).await.unwrap();
        eval(
            &sam,
            "var b = document.querySelector('form[action=\"/settings/leave\"] button');
             b.style.whiteSpace = 'normal'; b.style.width = '90px'; return 0;",
        )
        .await;
        let squeezed = wrapped_buttons(&sam).await;
        assert_eq!(squeezed, vec!["Leave the shared space".to_owned()]);
        for path in [
            "/",
            "/checkin",
            "/settings",
            "/state-of-us",
            "/listen",
            "/love-map",
            "/safety",
            "/couple/invite",
            "/questions",
        ] {
            sam.goto(&format!("{base}{path}")).await.unwrap();
            let wrapped = wrapped_buttons(&sam).await;
            assert!(wrapped.is_empty(), "{path}: buttons wrapped: {wrapped:?}");
        }

        // Alex leaves; both keep their own words and see nothing of the other's.
        alex.goto(&format!("{base}/settings")).await.unwrap();
        click(&alex, "#confirm").await;
        click(&alex, "form[action='/settings/leave'] button").await;
        expect_text(&alex, "main h1", "You've left your shared space").await;
        shot(&alex, &format!("left-phone-{n}")).await;
        check(&alex, script.as_ref(), &format!("{n} /left"), &mut failures).await;
        click(&alex, "main a.button[href='/before']").await;
        expect_text(&alex, "main h1", "Before").await;
        let page = alex.source().await.unwrap();
        assert!(page.contains("Alex-words: the walk by the river"));
        assert!(page.contains("Alex-words: the garden"));
        assert!(
            !page.contains("Sam-words"),
            "nothing of Sam's in Alex's Before"
        );
        shot(&alex, &format!("before-phone-{n}")).await;
        check(
            &alex,
            script.as_ref(),
            &format!("{n} /before"),
            &mut failures,
        )
        .await;
        sam.goto(&base).await.unwrap();
        expect_text(&sam, "#ended-note", "Your shared space has ended").await;
        click(&sam, "#before-link a").await;
        expect_text(&sam, "main h1", "Before").await;
        let page = sam.source().await.unwrap();
        assert!(page.contains("Sam-words: slow breakfasts together"));
        assert!(page.contains("Sam-words: our slow Sunday"));
        assert!(page.contains("example.org/a/very/long"));
        assert!(
            !page.contains("Alex-words"),
            "nothing of Alex's in Sam's Before"
        );
        assert!(!scrolls_sideways(&sam).await);
        shot(&sam, &format!("before-sam-phone-{n}")).await;
        sam.close().await.unwrap();
        alex.close().await.unwrap();
    }
    assert!(
        failures.is_empty(),
        "accessibility:\n{}",
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_exit_then_back_shows_nothing_private() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let config = Config {
        quick_exit_url: "about:blank".to_owned(),
        helplines: rekindle::web::helplines::parse("Hope Line|0800 123 456").unwrap(),
        ..Config::default()
    };
    let (base, _db) = start_server(config).await;
    let phone = browser(&mut driver, Device::Phone, false).await;
    phone.goto(&format!("{base}/register")).await.unwrap();
    sign_up(&phone, "Sam", "sam@example.org").await;
    expect_text(&phone, "main h1", "Hello, Sam").await;
    // No Esc key on a touch screen, so no Esc badge.
    let badge = eval(
        &phone,
        "return getComputedStyle(document.querySelector('#quick-exit .key')).display;",
    )
    .await;
    assert_eq!(badge, "none", "the Esc badge is hidden on touch screens");
    phone.goto(&format!("{base}/settings")).await.unwrap();
    expect_text(&phone, "main h1", "Settings").await;
    click(&phone, "#quick-exit").await;
    phone
        .wait()
        .for_url(&url::Url::parse("about:blank").unwrap())
        .await
        .unwrap();
    // Back: the page before the exit must not come back signed in.
    phone.back().await.unwrap();
    let mut seen = String::new();
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        seen = eval(
            &phone,
            "return document.body ? document.body.innerText : '';",
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned();
        if seen.contains("Log in") || seen.contains("log in") {
            break;
        }
    }
    shot(&phone, "quick-exit-back-phone").await;
    assert!(
        !seen.contains("Hello, Sam"),
        "Back showed the signed-in page"
    );
    assert!(
        !seen.contains("Signed in as"),
        "Back showed the settings page"
    );
    let url = phone.current_url().await.unwrap();
    assert!(
        url.path() == "/login" || seen.contains("Log in"),
        "Back lands signed out: {url}"
    );
    // The helplines the operator listed are on the safety page.
    phone.goto(&format!("{base}/safety")).await.unwrap();
    expect_text(&phone, "#helplines", "Hope Line").await;
    shot(&phone, "safety-helplines-phone").await;
    phone.close().await.unwrap();

    // On a desktop the badge is there: Esc works.
    let desktop = browser(&mut driver, Device::Desktop, false).await;
    desktop.goto(&format!("{base}/safety")).await.unwrap();
    let badge = eval(
        &desktop,
        "return getComputedStyle(document.querySelector('#quick-exit .key')).display;",
    )
    .await;
    assert_ne!(badge, "none");
    desktop.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_typed_listening_topic_is_chosen_and_choices_are_rows() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _db) = start_server(Config::default()).await;
    let sam = browser(&mut driver, Device::Phone, false).await;
    let alex = browser(&mut driver, Device::Phone, true).await;
    pair_in_browser(&base, &sam, &alex).await;
    sam.goto(&format!("{base}/listen")).await.unwrap();
    // Every choice is one row: the box and its words share a line.
    let misaligned = eval(
        &sam,
        "return Array.from(document.querySelectorAll('.field.check')).filter(function (row) {
            var input = row.querySelector('input'), label = row.querySelector('label');
            if (!input || !label) { return false; }
            var a = input.getBoundingClientRect(), b = label.getBoundingClientRect();
            return a.top >= b.bottom || b.top >= a.bottom;
        }).length;",
    )
    .await;
    assert_eq!(misaligned, 0, "a box sits apart from its words");
    fill(&sam, "#own-topic", "Where we spend the holidays").await;
    let ticked = eval(&sam, "return document.getElementById('topic-own').checked;").await;
    assert_eq!(ticked, true, "typing a topic ticks it");
    shot(&sam, "listen-typed-topic-phone").await;
    click(&sam, "form[action='/listen'] button[type='submit']").await;
    expect_text(&sam, "main h1", "Where we spend the holidays").await;
    // The list page leads back to the session now going.
    sam.goto(&format!("{base}/listen")).await.unwrap();
    expect_text(&sam, "#open-h", "You have a session going").await;
    sam.close().await.unwrap();
    alex.close().await.unwrap();
}
