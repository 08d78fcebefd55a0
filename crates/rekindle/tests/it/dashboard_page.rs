//! The home page (the dashboard) as people read it: the partner's appreciation and
//! today's question above the charts, a first check-in as a dot, words instead of
//! decimals and ISO days, and the check-in page saying who sees each score.

use axum::http::{Method, StatusCode};

use crate::helpers::TestApp;
use crate::on_both;

async fn the_home_page_reads_as_people_talk(app: TestApp) {
    let p = crate::helpers::pair(&app).await;
    // A first check-in for each, with an appreciation from Alex.
    let today = crate::helpers::london_today(&app);
    for (token, appreciation) in [(&p.sam, None), (&p.alex, Some("Thank you for the soup"))] {
        let mut body = serde_json::json!({"closeness": 5, "mood": 3, "felt_heard": 4});
        if let Some(a) = appreciation {
            body["appreciation"] = serde_json::json!(a);
        }
        let res = app
            .api(
                Method::PUT,
                &format!("/api/v1/checkins/{today}"),
                Some(token),
                Some(body),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    }
    let home = app
        .page(Method::GET, "/", Some(&p.sam_cookie), &[])
        .await
        .text();
    // The partner's appreciation and today's question come before the charts.
    let at = |needle: &str| {
        home.find(needle)
            .unwrap_or_else(|| panic!("{needle} missing"))
    };
    assert!(at("Thank you for the soup") < at("id=\"question\""));
    assert!(at("id=\"question\"") < at("id=\"trends-h\""));
    // A first check-in is drawn as a point, not a 4-pixel dash.
    assert!(
        home.contains("<circle class=\"dot dot-me\""),
        "a dot for the first day"
    );
    assert!(home.contains("<circle class=\"dot dot-partner\""));
    // Words, not decimals or ISO dates.
    assert!(home.contains("you started at 5"), "summary in words");
    assert!(!home.contains("from 5.0 to 5.0"));
    assert!(!home.contains(&format!(">{today}<")), "no ISO day shown");
    assert!(home.contains("<p class=\"help\">Today</p>"));
    // The check-in page says who sees each score.
    let checkin = app
        .page(Method::GET, "/checkin", Some(&p.sam_cookie), &[])
        .await
        .text();
    assert_eq!(
        checkin.matches("Alex will see this.").count(),
        4,
        "three scores and the appreciation"
    );
    assert!(checkin.contains("Only the note at the end is just for you."));
}
on_both!(the_home_page_reads_as_people_talk);
