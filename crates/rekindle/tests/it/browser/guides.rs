//! Browser journey for the guides: a visitor who is not signed in searches on a phone
//! as they type (htmx), opens a guide and a topic, and prints a guide; a signed-in
//! partner follows the link from an exercise to its guide and back, and tries a draft
//! in the coach's scratchpad, whose finding links its guide. Light on one phone, dark
//! on the other and on a desktop; axe on every new page.

use fantoccini::wd::PrintConfiguration;
use rekindle::config::Config;

use super::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finding_a_guide_reading_it_and_trying_its_exercise() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _path) = start_server(Config::default()).await;
    let script = axe_script();
    let mut failures = Vec::new();

    // Someone not signed in finds the guide for what they are living through.
    let visitor = browser(&mut driver, Device::Phone, false).await;
    visitor.goto(&format!("{base}/guides")).await.unwrap();
    expect_text(&visitor, "main h1", "Guides").await;
    shot(&visitor, "guides-phone").await;
    check(&visitor, script.as_ref(), "guides (light)", &mut failures).await;
    fill(&visitor, "#q", "we don't talk anymore").await;
    // Results arrive while typing, without pressing Search.
    expect_text(&visitor, "#guide-results .help", "the best match first").await;
    expect_text(
        &visitor,
        "#guide-results li:first-child h2",
        "Reconnecting after a long distance",
    )
    .await;
    shot(&visitor, "guides-search-phone").await;
    check(
        &visitor,
        script.as_ref(),
        "guides search (light)",
        &mut failures,
    )
    .await;
    click(&visitor, "#guide-results li:first-child h2 a").await;
    expect_text(&visitor, "main h1", "Reconnecting after a long distance").await;
    shot(&visitor, "guide-phone").await;
    check(&visitor, script.as_ref(), "guide (light)", &mut failures).await;
    click(&visitor, "main .guide-meta a").await;
    expect_text(&visitor, "main h1", "Guides about").await;
    shot(&visitor, "guides-topic-phone").await;
    check(
        &visitor,
        script.as_ref(),
        "guides topic (light)",
        &mut failures,
    )
    .await;

    // A guide prints as the text alone.
    visitor
        .goto(&format!("{base}/guides/finding-a-counsellor"))
        .await
        .unwrap();
    let pdf = visitor.print(PrintConfiguration::default()).await.unwrap();
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    std::fs::write(screenshot_dir().join("guide-print.pdf"), &pdf).unwrap();
    visitor.close().await.unwrap();

    // Partners follow an exercise to its guide.
    let sam = browser(&mut driver, Device::Phone, false).await;
    let alex = browser(&mut driver, Device::Phone, true).await;
    pair_in_browser(&base, &sam, &alex).await;
    alex.goto(&format!("{base}/listen")).await.unwrap();
    click(&alex, "main .guide-link a").await;
    expect_text(&alex, "main h1", "Listening so your partner feels heard").await;
    shot(&alex, "guide-phone-dark").await;
    check(&alex, script.as_ref(), "guide (dark)", &mut failures).await;
    click(&alex, "main .actions a.button").await;
    expect_text(&alex, "main h1", "Listening exercise").await;

    // The coach's scratchpad: a draft, what it might sound like, and where to read more.
    alex.goto(&format!("{base}/coach")).await.unwrap();
    expect_text(&alex, "main h1", "Try a softer start").await;
    check(&alex, script.as_ref(), "coach (dark)", &mut failures).await;
    fill(
        &alex,
        "#text",
        "You never listen to me when I talk about work",
    )
    .await;
    expect_text(&alex, "#text-hint", "Want to try a softer start?").await;
    click(&alex, "form[action='/coach'] button[type=submit]").await;
    expect_text(&alex, "#checked", "More on this: Talking without accusing").await;
    shot(&alex, "coach-phone-dark").await;
    check(
        &alex,
        script.as_ref(),
        "coach checked (dark)",
        &mut failures,
    )
    .await;
    click(&alex, "#checked a[href='/guides/talking-without-accusing']").await;
    expect_text(&alex, "main h1", "Talking without accusing").await;

    let desktop = browser(&mut driver, Device::Desktop, true).await;
    desktop
        .goto(&format!("{base}/guides?q=chores"))
        .await
        .unwrap();
    expect_text(&desktop, "#guide-results", "Dividing household work fairly").await;
    let marks = desktop
        .find_all(fantoccini::Locator::Css("#guide-results mark"))
        .await
        .unwrap();
    assert!(!marks.is_empty(), "matched words are highlighted");
    shot(&desktop, "guides-search-desktop-dark").await;
    check(
        &desktop,
        script.as_ref(),
        "guides search (dark)",
        &mut failures,
    )
    .await;
    desktop
        .goto(&format!("{base}/guides/dividing-chores-fairly"))
        .await
        .unwrap();
    shot(&desktop, "guide-desktop-dark").await;
    for c in [sam, alex, desktop] {
        c.close().await.unwrap();
    }
    assert!(
        failures.is_empty(),
        "accessibility violations:\n{}",
        failures.join("\n")
    );
}
