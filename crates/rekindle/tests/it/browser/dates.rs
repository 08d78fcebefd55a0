//! Browser journey for dates: on two phones (one light, one dark) both vote, a match
//! appears, Alex plans the suggested date with a phones-away pledge; it shows on Sam's
//! home page and in Sam's calendar feed; after it both rate it privately and Sam keeps
//! a memory that appears in the timeline; a tradition is written down and done in one
//! tap from the home page.

use fantoccini::{Client, Locator};
use rekindle::config::Config;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

use super::harness::*;

/// A library idea for any season, so the journey never depends on the month.
const IDEA: &str = "film-roulette";

/// A plain HTTP GET (the feed is for calendar apps, not the browser): status and body.
async fn http_get(base: &str, path: &str) -> (u16, String) {
    let addr = base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

async fn vote(client: &Client, base: &str, vote: &str) {
    client
        .goto(&format!("{base}/dates/ideas/{IDEA}"))
        .await
        .unwrap();
    click(client, &format!("form.vote button[value='{vote}']")).await;
    expect_text(client, "form.vote button[aria-pressed='true']", "").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_vote_plan_a_suggested_date_and_remember_it() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _path, db) = start_server_with_db(Config::default()).await;
    let sam = browser(&mut driver, Device::Phone, false).await;
    let alex = browser(&mut driver, Device::Phone, true).await;
    pair_in_browser(&base, &sam, &alex).await;

    // Sam finds dates from home and votes on the first idea offered there.
    sam.goto(&base).await.unwrap();
    click(&sam, "#together a[href='/dates']").await;
    expect_text(&sam, "main h1", "Dates & adventures").await;
    shot(&sam, "dates-empty-phone").await;
    click(&sam, "#vote form.vote button[value='like']").await;
    expect_text(&sam, "main h1", "Dates & adventures").await;
    // Both say yes to the same idea: it becomes a match, and a suggestion.
    vote(&sam, &base, "love").await;
    let before_alex = {
        alex.goto(&format!("{base}/dates")).await.unwrap();
        alex.source().await.unwrap()
    };
    assert!(
        before_alex.contains("None yet. An idea shows here once"),
        "no match before Alex votes"
    );
    vote(&alex, &base, "like").await;
    shot(&alex, "dates-idea-voted-phone-dark").await;
    alex.goto(&format!("{base}/dates")).await.unwrap();
    expect_text(&alex, "#match-h + ul", "Film roulette night").await;
    expect_text(&alex, ".suggestions", "Film roulette night").await;
    expect_text(&alex, ".suggestions", "One of Sam's favourites").await;
    shot(&alex, "dates-suggested-phone-dark").await;

    // Alex plans it for tomorrow evening, phones away.
    click(
        &alex,
        &format!(".suggestions a[href='/dates/plan?idea={IDEA}']"),
    )
    .await;
    expect_text(&alex, "main h1", "Plan a date").await;
    let tomorrow = (jiff::Zoned::now().date() + jiff::ToSpan::days(1)).to_string();
    alex.execute(
        "document.getElementById('day').value = arguments[0];",
        vec![serde_json::json!(tomorrow)],
    )
    .await
    .unwrap();
    fill(&alex, "#time", "19:30").await;
    fill(&alex, "#place", "The sofa, blankets out").await;
    click(&alex, "input[name='phones_away']").await;
    shot(&alex, "dates-plan-phone-dark").await;
    click(&alex, "form[action='/dates'] button[type='submit']").await;
    expect_text(&alex, "main h1", "Film roulette night").await;
    expect_text(&alex, "main", "Phones away").await;
    shot(&alex, "dates-planned-phone-dark").await;

    // It is on Sam's home page, and in Sam's calendar feed.
    sam.goto(&base).await.unwrap();
    expect_text(&sam, "#together", "Film roulette night").await;
    sam.execute(
        "document.getElementById('together').scrollIntoView();",
        vec![],
    )
    .await
    .unwrap();
    shot(&sam, "dates-home-phone").await;
    sam.goto(&format!("{base}/settings")).await.unwrap();
    click(&sam, "form[action='/settings/calendar-feed'] button").await;
    expect_text(&sam, "main h1", "Your calendar feed").await;
    shot(&sam, "dates-feed-phone").await;
    let url = sam
        .find(Locator::Css("#feed-url"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    let path = url.trim_start_matches(&base).to_owned();
    let (status, ics) = http_get(&base, &path).await;
    assert_eq!(status, 200);
    assert!(ics.contains("SUMMARY:Film roulette night"), "{ics}");
    assert!(ics.contains("LOCATION:The sofa\\, blankets out"), "{ics}");

    // The evening passes (the date is moved into the past, as time would).
    db.execute(
        "UPDATE planned_dates SET starts_at = starts_at - 172800000",
        vec![],
    )
    .await
    .unwrap();
    for (client, enjoyment, closeness, name) in [(&sam, 4, 5, "sam"), (&alex, 3, 4, "alex")] {
        client.goto(&format!("{base}/dates")).await.unwrap();
        expect_text(client, "#rate-h", "How was it?").await;
        click(client, "#rate-h + ul a").await;
        expect_text(client, "#after-h", "After your date").await;
        click(client, &format!("label[for='enjoyment-{enjoyment}']")).await;
        click(client, &format!("label[for='closeness-{closeness}']")).await;
        shot(client, &format!("dates-rating-{name}")).await;
        click(client, "form[action$='/rating'] button").await;
        expect_text(
            client,
            "form[action$='/rating'] button",
            "Update how it felt",
        )
        .await;
    }
    // Sam's rating is Sam's alone: Alex's page holds Alex's own two choices only.
    let checked = alex
        .execute(
            "return [...document.querySelectorAll('input[type=radio]:checked')].map(i => i.name + '=' + i.value);",
            vec![],
        )
        .await
        .unwrap();
    let checked: Vec<String> = serde_json::from_value(checked).unwrap();
    assert!(checked.contains(&"enjoyment=3".to_owned()), "{checked:?}");
    assert!(checked.contains(&"closeness=4".to_owned()), "{checked:?}");
    assert!(
        !checked
            .iter()
            .any(|c| c == "enjoyment=4" || c == "closeness=5"),
        "{checked:?}"
    );
    fill(
        &sam,
        "#memory",
        "Alex picked the strangest film and we laughed for ages.",
    )
    .await;
    click(&sam, "form[action$='/memory'] button").await;
    expect_text(&sam, "#memories", "we laughed for ages").await;
    alex.goto(&format!("{base}/dates/memories")).await.unwrap();
    expect_text(&alex, "main", "we laughed for ages").await;
    shot(&alex, "dates-memories-phone-dark").await;

    // A tradition, written down and done in one tap from home.
    sam.goto(&format!("{base}/dates/traditions")).await.unwrap();
    fill(&sam, "#new-title", "Sunday pancakes").await;
    click(&sam, "form[action='/dates/traditions'] button").await;
    expect_text(&sam, "main", "not since you wrote it down").await;
    shot(&sam, "dates-traditions-phone").await;
    sam.goto(&base).await.unwrap();
    expect_text(&sam, ".tradition-nudge", "Sunday pancakes").await;
    click(&sam, ".tradition-nudge button").await;
    expect_text(&sam, "#together", "Dates & adventures").await;
    assert!(sam.find(Locator::Css(".tradition-nudge")).await.is_err());
    sam.close().await.unwrap();
    alex.close().await.unwrap();
}
