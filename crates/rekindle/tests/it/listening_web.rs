//! The listening exercise on the web: starting from the page, the coach's hint while
//! the speaker writes and its thought after a harsh piece, the live part polling only
//! while it is the other's move, moves out of turn answered calmly, rating at the end.

use axum::http::{Method, StatusCode};

use crate::helpers::{TestApp, pair};
use crate::on_both;

async fn listening_on_the_web(app: TestApp) {
    let p = pair(&app).await;
    let page = app
        .page(Method::GET, "/listen", Some(&p.sam_cookie), &[])
        .await
        .text();
    assert!(page.contains("Speak for yourself") && page.contains("No solving yet"));
    let none = app
        .page(
            Method::POST,
            "/listen",
            Some(&p.sam_cookie),
            &[("topic", "own"), ("own_topic", "")],
        )
        .await;
    assert_eq!(
        none.header("location"),
        Some("/listen?notice=topic_missing")
    );
    let started = app
        .page(
            Method::POST,
            "/listen",
            Some(&p.sam_cookie),
            &[
                ("topic", "own"),
                ("own_topic", "Holidays"),
                ("first", "me"),
                ("phones", "two"),
            ],
        )
        .await;
    let location = started.header("location").unwrap().to_owned();
    let sam_page = app
        .page(Method::GET, &location, Some(&p.sam_cookie), &[])
        .await
        .text();
    assert!(sam_page.contains("Holidays") && sam_page.contains("Your turn to speak"));
    assert!(
        sam_page.contains("hx-post=\"/coach/hint\""),
        "the coach's hint while the speaker writes"
    );
    let alex_live = app
        .page(
            Method::GET,
            &format!("{location}/live"),
            Some(&p.alex_cookie),
            &[],
        )
        .await
        .text();
    assert!(alex_live.contains("hx-trigger=\"every 4s\"") && alex_live.contains("Sam is writing"));
    let moves = format!("{location}/moves");
    let out_of_turn = app
        .page(
            Method::POST,
            &moves,
            Some(&p.alex_cookie),
            &[("kind", "piece"), ("body", "hi")],
        )
        .await;
    assert_eq!(
        out_of_turn.header("location"),
        Some(format!("{location}?notice=step_taken").as_str())
    );
    // A harsh piece is saved all the same; the coach's thought comes after it.
    let sent = app
        .page(
            Method::POST,
            &moves,
            Some(&p.sam_cookie),
            &[("kind", "piece"), ("body", "You never plan anything fun")],
        )
        .await;
    let after = sent.header("location").unwrap().to_owned();
    assert_eq!(after, format!("{location}?notice=coached#live"));
    let coached = app
        .page(Method::GET, &after, Some(&p.sam_cookie), &[])
        .await
        .text();
    assert!(
        coached.contains("A thought for next time")
            && coached.contains("You never plan anything fun")
    );
    let alex_turn = app
        .page(
            Method::GET,
            &format!("{location}/live"),
            Some(&p.alex_cookie),
            &[],
        )
        .await
        .text();
    assert!(
        alex_turn.contains("Your turn to say it back")
            && !alex_turn.contains("hx-trigger=\"every 4s\"")
    );
    app.page(
        Method::POST,
        &format!("{location}/end"),
        Some(&p.alex_cookie),
        &[],
    )
    .await;
    let ended = app
        .page(Method::GET, &location, Some(&p.sam_cookie), &[])
        .await
        .text();
    assert!(ended.contains("how heard did you feel?") || ended.contains("How heard did you feel?"));
    let rated = app
        .page(
            Method::POST,
            &format!("{location}/rating"),
            Some(&p.sam_cookie),
            &[("felt_heard", "4")],
        )
        .await;
    assert_eq!(rated.status, StatusCode::SEE_OTHER);
    let list = app
        .page(Method::GET, "/listen", Some(&p.alex_cookie), &[])
        .await
        .text();
    assert!(list.contains("Holidays") && list.contains("Sam felt mostly heard"));
}
on_both!(listening_on_the_web);

async fn a_typed_topic_is_the_topic(app: TestApp) {
    let p = crate::helpers::pair(&app).await;
    // A suggested topic is still ticked (the first one is, by default), but words
    // typed into "your own topic" are what the person means.
    let started = app
        .page(
            Method::POST,
            "/listen",
            Some(&p.sam_cookie),
            &[
                ("topic", "Something that made you happy this week"),
                ("own_topic", "Where we spend the holidays"),
                ("first", "me"),
                ("phones", "two"),
            ],
        )
        .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.text());
    let location = started.header("location").unwrap().to_owned();
    let page = app
        .page(Method::GET, &location, Some(&p.alex_cookie), &[])
        .await
        .text();
    assert!(page.contains("Where we spend the holidays"));
    assert!(!page.contains("Something that made you happy this week"));
}
on_both!(a_typed_topic_is_the_topic);
