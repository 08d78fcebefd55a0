//! Browser journey for the private journal and data rights, on two phones (Sam light,
//! Alex dark): each signs up past the recovery code; Sam writes to a guided prompt,
//! finds the entry by searching, and shares an excerpt after the warning; Alex reads
//! the excerpt and nothing else of Sam's journal; a report for a therapist is made and
//! read by both; then Alex leaves, and at once neither can open the shared pages
//! (access cut both ways). axe runs on every new page, light and dark.

use rekindle::config::Config;

use super::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_journal_an_excerpt_a_report_and_leaving() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _path) = start_server(Config::default()).await;
    let script = axe_script();
    let mut failures = Vec::new();
    let sam = browser(&mut driver, Device::Phone, false).await;
    let alex = browser(&mut driver, Device::Phone, true).await;
    pair_in_browser(&base, &sam, &alex).await;

    // Sam writes to today's prompt from home.
    sam.goto(&base).await.unwrap();
    click(&sam, "main a[href='/journal']").await;
    expect_text(&sam, "main h1", "Your journal").await;
    shot(&sam, "journal-empty-phone").await;
    check(&sam, script.as_ref(), "journal (light)", &mut failures).await;
    click(&sam, "main a[href^='/journal/new?prompt=']").await;
    expect_text(&sam, "main h1", "A new entry").await;
    fill(
        &sam,
        "#body",
        "Sam-journal-private: I miss our Sunday walks more than I have said. I think I stopped asking.",
    )
    .await;
    fill(&sam, "#tags", "walks, hope").await;
    shot(&sam, "journal-new-phone").await;
    check(&sam, script.as_ref(), "journal new (light)", &mut failures).await;
    click(&sam, "form[action='/journal'] button[type=submit]").await;
    expect_text(&sam, "main h1", "Your entry").await;
    shot(&sam, "journal-entry-phone").await;
    check(
        &sam,
        script.as_ref(),
        "journal entry (light)",
        &mut failures,
    )
    .await;

    // Found again by a word in it.
    sam.goto(&format!("{base}/journal?q=sunday")).await.unwrap();
    expect_text(&sam, "main .entries", "Sunday walks").await;
    shot(&sam, "journal-search-phone").await;

    // Shared as an excerpt, after the warning and a tick.
    click(&sam, "main .entries a").await;
    click(&sam, "main a[href$='/share']").await;
    expect_text(&sam, "main h1", "Share an excerpt").await;
    expect_text(&sam, "#who-h", "Who will see this").await;
    fill(&sam, "#excerpt", "I miss our Sunday walks.").await;
    shot(&sam, "journal-share-phone").await;
    check(
        &sam,
        script.as_ref(),
        "journal share (light)",
        &mut failures,
    )
    .await;
    click(&sam, "input[name='confirm']").await;
    click(&sam, "form[action$='/share'] button[type=submit]").await;
    expect_text(&sam, "main h1", "Shared between you").await;

    // Alex reads the excerpt, and nothing else of Sam's journal.
    alex.goto(&format!("{base}/journal/shared")).await.unwrap();
    expect_text(&alex, "main", "I miss our Sunday walks.").await;
    shot(&alex, "journal-shared-phone-dark").await;
    check(
        &alex,
        script.as_ref(),
        "journal shared (dark)",
        &mut failures,
    )
    .await;
    alex.goto(&format!("{base}/journal")).await.unwrap();
    expect_text(&alex, "main h1", "Your journal").await;
    let html = alex.source().await.unwrap();
    assert!(
        !html.contains("Sam-journal-private"),
        "Alex sees Sam's journal"
    );
    shot(&alex, "journal-phone-dark").await;
    check(&alex, script.as_ref(), "journal (dark)", &mut failures).await;

    // A report for a therapist, read by both.
    sam.goto(&format!("{base}/reports")).await.unwrap();
    expect_text(&sam, "#warn-h", "Who might see it").await;
    check(&sam, script.as_ref(), "reports (light)", &mut failures).await;
    click(&sam, "form[action='/reports'] button").await;
    expect_text(&sam, "#state-h", "Approval").await;
    shot(&sam, "report-phone").await;
    check(&sam, script.as_ref(), "report (light)", &mut failures).await;
    let report = sam.current_url().await.unwrap();
    alex.goto(report.as_str()).await.unwrap();
    expect_text(&alex, "#state-h", "Approval").await;
    check(&alex, script.as_ref(), "report (dark)", &mut failures).await;

    // Settings: the recovery code, the export and deleting, light and dark.
    sam.goto(&format!("{base}/settings")).await.unwrap();
    expect_text(&sam, "#private-h", "Your private writing").await;
    shot(&sam, "settings-private-phone").await;
    alex.goto(&format!("{base}/settings")).await.unwrap();
    expect_text(&alex, "#data-h", "Your data").await;
    check(&alex, script.as_ref(), "settings (dark)", &mut failures).await;

    // Alex leaves: at once neither can open what they shared.
    click(&alex, "#confirm").await;
    click(&alex, "form[action='/settings/leave'] button").await;
    expect_text(&alex, "main h1", "You've left your shared space").await;
    for (who, client) in [("Sam", &sam), ("Alex", &alex)] {
        for path in ["/journal/shared".to_owned(), report.path().to_owned()] {
            client.goto(&format!("{base}{path}")).await.unwrap();
            let html = client.source().await.unwrap();
            assert!(
                !html.contains("I miss our Sunday walks."),
                "{who} still reads {path} after leaving"
            );
        }
    }
    shot(&sam, "after-leaving-shared-phone").await;

    assert!(failures.is_empty(), "axe:\n{}", failures.join("\n"));
    sam.close().await.unwrap();
    alex.close().await.unwrap();
}
