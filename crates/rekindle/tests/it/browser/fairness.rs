//! Browser journey for the fair split: on two phones, Sam starts a chores list, each
//! spreads 100 points in private — Alex's page shows nothing of Sam's before Alex's own
//! are in — then both see the division in words and make it their weekly rota.

use fantoccini::Locator;
use rekindle::config::Config;

use super::harness::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chores_split_from_list_to_rota() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _path) = start_server(Config::default()).await;
    let sam = browser(&mut driver, Device::Phone, false).await;
    let alex = browser(&mut driver, Device::Phone, true).await;
    pair_in_browser(&base, &sam, &alex).await;

    sam.goto(&base).await.unwrap();
    click(&sam, "main a[href='/fair-split']").await;
    expect_text(&sam, "main h1", "Fair split").await;
    fill(&sam, "#title", "Weekly chores").await;
    fill(&sam, "#items", "Dishes\nLaundry\nBins").await;
    shot(&sam, "fair-split-new-phone").await;
    click(&sam, "form[action='/fair-split'] button").await;
    expect_text(&sam, "main h1", "Weekly chores").await;
    let split_url = sam.current_url().await.unwrap().to_string();

    // Sam's points: first a total that is off, then right.
    for (i, p) in ["60", "20", "10"].iter().enumerate() {
        fill(&sam, &format!("#p{i}"), p).await;
    }
    click(&sam, "form[action$='/points'] button").await;
    expect_text(&sam, "#points-error", "add up to 90").await;
    fill(&sam, "#p2", "20").await;
    click(&sam, "form[action$='/points'] button").await;
    expect_text(&sam, "#points .notice", "Your points are in").await;
    shot(&sam, "fair-split-sealed-phone").await;

    // Alex sees the list and an empty form: nothing of Sam's points.
    alex.goto(&split_url).await.unwrap();
    expect_text(&alex, "#points-h", "Your 100 points").await;
    let source = alex.source().await.unwrap();
    for i in 0..3 {
        let value = alex
            .find(Locator::Css(&format!("#p{i}")))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default();
        assert_eq!(value, "", "Alex's field {i} starts empty");
    }
    assert!(
        !source.contains("Your points are in"),
        "nothing tells Alex about Sam's points"
    );
    shot(&alex, "fair-split-alex-before-phone-dark").await;
    for (i, p) in ["10", "30", "60"].iter().enumerate() {
        fill(&alex, &format!("#p{i}"), p).await;
    }
    click(&alex, "form[action$='/points'] button").await;
    expect_text(&alex, "#result-h", "How it works out").await;
    expect_text(&alex, "#result-h ~ ul", "Dishes: Alex does it").await;
    expect_text(
        &alex,
        "#result-h ~ .notice",
        "It's fair by each of your own measures",
    )
    .await;
    shot(&alex, "fair-split-result-phone-dark").await;

    // Sam sees the same, and makes it the rota.
    sam.goto(&split_url).await.unwrap();
    expect_text(&sam, "#result-h ~ ul", "Dishes: Alex does it").await;
    click(&sam, "form[action$='/rota'] button").await;
    expect_text(&sam, "#rota", "This week").await;
    sam.execute("document.getElementById('rota').scrollIntoView();", vec![])
        .await
        .unwrap();
    shot(&sam, "fair-split-rota-phone").await;
    sam.close().await.unwrap();
    alex.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_compromise_topic_from_stances_to_a_choice() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _path) = start_server(Config::default()).await;
    let sam = browser(&mut driver, Device::Phone, false).await;
    let alex = browser(&mut driver, Device::Phone, true).await;
    pair_in_browser(&base, &sam, &alex).await;

    sam.goto(&format!("{base}/compromise")).await.unwrap();
    expect_text(&sam, "main h1", "Finding common ground").await;
    expect_text(&sam, "main", "not for fear or harm").await;
    fill(&sam, "#title", "How we spend weekends").await;
    click(&sam, "form[action='/compromise'] button").await;
    expect_text(&sam, "#stance-h", "Where you stand").await;
    fill(
        &sam,
        "#core",
        "Sam-secret: rest after busy weeks, and our Sunday walks",
    )
    .await;
    fill(&sam, "#flex", "Saturdays can be social").await;
    // The coach reads what is written here too.
    fill(&sam, "#feel", "You never listen to what I want").await;
    expect_text(&sam, "#hint-feel", "softer").await;
    fill(&sam, "#feel", "Tired, and a bit unheard").await;
    click(&sam, "form[action$='/stance'] button").await;
    expect_text(&sam, "#stance .notice", "Yours is in").await;
    shot(&sam, "compromise-stance-sealed-phone").await;
    // Without the fragment, so going there again loads the page afresh.
    let mut topic_url = sam.current_url().await.unwrap();
    topic_url.set_fragment(None);
    let topic_url = topic_url.to_string();

    // Alex sees nothing of Sam's stance before writing their own.
    alex.goto(&topic_url).await.unwrap();
    expect_text(&alex, "#stance-h", "Where you stand").await;
    let source = alex.source().await.unwrap();
    assert!(!source.contains("Sam-secret") && !source.contains("Yours is in"));
    fill(
        &alex,
        "#core",
        "Seeing friends; long walks together on Sundays",
    )
    .await;
    click(&alex, "form[action$='/stance'] button").await;
    expect_text(&alex, "#both-h", "Where you both stand").await;
    expect_text(&alex, "main", "Sam-secret").await;
    expect_text(&alex, "main .notice", "Common ground").await;
    shot(&alex, "compromise-common-ground-phone-dark").await;

    // Options from both, ratings from each.
    for (who, option) in [
        (&sam, "Alternate weekends"),
        (&alex, "Friends on Saturday, rest on Sunday"),
    ] {
        who.goto(&topic_url).await.unwrap();
        fill(who, "#option", option).await;
        click(who, "form[action$='/options'] button").await;
        expect_text(who, "#options", option).await;
    }
    for (who, a, b) in [(&sam, "8", "6"), (&alex, "4", "9")] {
        who.goto(&topic_url).await.unwrap();
        let inputs = who
            .find_all(Locator::Css(".rating-row input"))
            .await
            .unwrap();
        assert_eq!(inputs.len(), 2);
        // In the order written: Sam's option first.
        for (input, value) in inputs.iter().zip([a, b]) {
            input.clear().await.unwrap();
            input.send_keys(value).await.unwrap();
        }
        click(who, "form[action$='/ratings'] button").await;
    }
    expect_text(&alex, "#ranking-h", "The options, together").await;
    expect_text(&alex, "#choice .notice", "comes first").await;
    alex.execute(
        "document.getElementById('choice').scrollIntoView();",
        vec![],
    )
    .await
    .unwrap();
    shot(&alex, "compromise-ranking-phone-dark").await;
    let in_a_week = (jiff::Zoned::now().date() + jiff::ToSpan::days(7)).to_string();
    for field in ["trial_until", "review_on"] {
        alex.execute(
            &format!("document.getElementById('{field}').value = arguments[0];"),
            vec![serde_json::json!(in_a_week)],
        )
        .await
        .unwrap();
    }
    click(&alex, "form[action$='/choice'] button").await;
    expect_text(&alex, "#trying-h", "You're trying").await;
    sam.goto(&topic_url).await.unwrap();
    expect_text(&sam, "#trying-h", "Friends on Saturday, rest on Sunday").await;
    shot(&sam, "compromise-trying-phone").await;
    sam.close().await.unwrap();
    alex.close().await.unwrap();
}
