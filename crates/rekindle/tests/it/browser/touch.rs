//! Browser journey for touch, notes and gestures, on two phones (Sam light, Alex
//! dark): a hug tapped by Sam shows on Alex's page as theirs together; a note for
//! tomorrow is nowhere on Alex's pages, a note sent now arrives with an Updates badge
//! (a real worker runs beside the server) and Alex's heart reaches Sam; both say yes to
//! one thing and see the match; Sam's private list never reaches Alex.

use std::sync::Arc;
use std::time::Duration;

use rekindle::config::Config;

use super::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hug_a_note_a_heart_and_a_mutual_yes() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _path, db) = start_server_with_db(Config::default()).await;
    let worker = rekindle::jobs::Worker::new(
        db.clone(),
        rekindle::clock::Clock::system(),
        None,
        Arc::new(tokio::sync::Notify::new()),
        Duration::from_millis(200),
    );
    let worker = tokio::spawn(worker.run());
    let sam = browser(&mut driver, Device::Phone, false).await;
    let alex = browser(&mut driver, Device::Phone, true).await;
    pair_in_browser(&base, &sam, &alex).await;

    // A hug, from home to the touch page.
    sam.goto(&base).await.unwrap();
    click(&sam, "main a[href='/touch']").await;
    expect_text(&sam, "main h1", "Touch").await;
    click(&sam, "form[action='/touch/moments'] button").await;
    expect_text(&sam, "#today button[aria-pressed='true']", "A hug").await;
    fill(&sam, "#wish", "Sam-wish: more slow mornings together").await;
    click(&sam, "form[action='/touch/wishes'] button").await;
    expect_text(&sam, "#wishes", "Shared with").await;
    shot(&sam, "touch-phone").await;
    alex.goto(&format!("{base}/touch")).await.unwrap();
    expect_text(&alex, "#today button[aria-pressed='true']", "A hug").await;
    let source = alex.source().await.unwrap();
    assert!(
        !source.contains("Sam-wish"),
        "a wish is private until shared"
    );
    shot(&alex, "touch-phone-dark").await;

    // A note for tomorrow: nothing of it on Alex's side. Then one for now.
    sam.goto(&format!("{base}/notes")).await.unwrap();
    fill(&sam, "#body", "Sam-later: see you at the station").await;
    click(&sam, "input[name='when'][value='at']").await;
    let tomorrow = jiff::Zoned::now()
        .in_tz("Europe/London")
        .unwrap()
        .date()
        .tomorrow()
        .unwrap()
        .to_string();
    sam.execute(
        "document.getElementById('day').value = arguments[0]; \
         document.getElementById('time').value = '08:15';",
        vec![serde_json::json!(tomorrow)],
    )
    .await
    .unwrap();
    click(&sam, "form[action='/notes'] button[type='submit']").await;
    expect_text(&sam, "#sent", "Arrives Tomorrow, 08:15").await;
    fill(&sam, "#body", "Sam-now: thank you for the soup last night").await;
    click(&sam, "input[name='when'][value='now']").await;
    click(&sam, "form[action='/notes'] button[type='submit']").await;
    expect_text(&sam, "#sent", "Sam-now").await;
    shot(&sam, "notes-sent-phone").await;

    alex.goto(&base).await.unwrap();
    expect_text(&alex, ".nav .badge", "1").await;
    click(&alex, ".nav a[href='/notifications']").await;
    expect_text(&alex, "main", "You have a new note").await;
    let source = alex.source().await.unwrap();
    assert!(!source.contains("Sam-now") && !source.contains("Sam-later"));
    shot(&alex, "notifications-phone-dark").await;
    click(&alex, "main a[href='/notes']").await;
    expect_text(&alex, "#inbox", "Sam-now").await;
    assert!(!alex.source().await.unwrap().contains("Sam-later"));
    click(&alex, "#inbox form[action$='/mark'] button").await;
    expect_text(&alex, "#inbox button[aria-pressed='true']", "Heart").await;
    shot(&alex, "notes-inbox-phone-dark").await;
    sam.goto(&format!("{base}/notes")).await.unwrap();
    expect_text(&sam, "#sent", "sent a heart").await;

    // Mutual yes: the same first item, yes from both.
    for (who, name) in [(&sam, "sam"), (&alex, "alex")] {
        who.goto(&format!("{base}/mutual")).await.unwrap();
        click(who, "form.vote button[value='yes']").await;
        expect_text(
            who,
            "#matches",
            if name == "sam" { "Nothing yet" } else { "" },
        )
        .await;
    }
    expect_text(&alex, "#matches li", "").await;
    shot(&alex, "mutual-match-phone-dark").await;
    sam.goto(&format!("{base}/mutual")).await.unwrap();
    expect_text(&sam, "#matches li", "").await;

    // Sam's private list stays Sam's.
    sam.goto(&format!("{base}/gestures")).await.unwrap();
    fill(&sam, "#love", "Sam-list: the blue notebook from the market").await;
    click(&sam, "form[action='/gestures/loves'] button").await;
    expect_text(&sam, "#loves", "blue notebook").await;
    shot(&sam, "gestures-phone").await;
    alex.goto(&format!("{base}/gestures")).await.unwrap();
    expect_text(&alex, "main h1", "Small gestures").await;
    assert!(!alex.source().await.unwrap().contains("Sam-list"));

    // Reminders in Settings.
    sam.goto(&format!("{base}/settings#reminders"))
        .await
        .unwrap();
    click(&sam, "input[name='checkin']").await;
    click(&sam, "form[action='/settings/reminders'] button").await;
    expect_text(&sam, "main", "Your reminders follow your new choices").await;
    worker.abort();
    sam.close().await.unwrap();
    alex.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_notes_page_on_a_desktop() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _path) = start_server(Config::default()).await;
    let sam = browser(&mut driver, Device::Desktop, false).await;
    let alex = browser(&mut driver, Device::Phone, false).await;
    pair_in_browser(&base, &sam, &alex).await;
    sam.goto(&format!("{base}/notes")).await.unwrap();
    fill(&sam, "#body", "For the walk home on Friday: thank you.").await;
    click(&sam, "form[action='/notes'] button[type='submit']").await;
    expect_text(&sam, "#sent", "walk home").await;
    sam.goto(&format!("{base}/notes")).await.unwrap();
    shot(&sam, "notes-desktop").await;
    sam.close().await.unwrap();
    alex.close().await.unwrap();
}
