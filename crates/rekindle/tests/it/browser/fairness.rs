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
