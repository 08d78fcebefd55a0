//! The guides library through the API and the pages: plain searches find the right
//! guide first, every guide renders and every link in it resolves, each exercise, drift
//! step and coach finding leads to a guide, and bad input gets a clear 4xx.

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use rekindle::features::guides::{library, render::is_internal};
use rekindle_core::content::guides;

use crate::helpers::{TestApp, pair};
use crate::on_both;

fn encode(q: &str) -> String {
    url::form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

async fn search(app: &TestApp, q: &str) -> Vec<serde_json::Value> {
    let res = app
        .api(
            Method::GET,
            &format!("/api/v1/guides?q={}", encode(q)),
            None,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{q}: {}", res.text());
    res.json()["guides"].as_array().cloned().unwrap_or_default()
}

/// The searches the issue names, as people would type them.
const PLAIN_SEARCHES: &[(&str, &str)] = &[
    ("criticism", "talking-without-accusing"),
    ("chores", "dividing-chores-fairly"),
    ("date", "dates-that-happen"),
    ("therapist", "finding-a-counsellor"),
    ("afraid", "when-fear-not-distance"),
    ("lonely", "reconnecting-after-distance"),
    ("we don't talk anymore", "reconnecting-after-distance"),
];

async fn plain_searches_find_the_right_guide_first(app: TestApp) {
    for (query, expected) in PLAIN_SEARCHES {
        let found = search(&app, query).await;
        let slugs: Vec<&str> = found.iter().filter_map(|g| g["slug"].as_str()).collect();
        assert_eq!(slugs.first(), Some(expected), "{query}: {slugs:?}");
        let first = &found[0];
        assert!(first["title"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(first["tags"].as_array().is_some_and(|t| !t.is_empty()));
        let snippet = first["snippet"].as_str().unwrap();
        assert!(
            !snippet.is_empty() && !snippet.contains('\u{2}'),
            "{snippet}"
        );
    }
    // Typed halfway, and in other words for the same need.
    assert_eq!(
        search(&app, "critic").await[0]["slug"],
        "talking-without-accusing"
    );
    assert_eq!(
        search(&app, "counselor").await[0]["slug"],
        "finding-a-counsellor"
    );
    assert_eq!(
        search(&app, "housework").await[0]["slug"],
        "dividing-chores-fairly"
    );
    assert!(search(&app, "xylophone").await.is_empty());
}
on_both!(plain_searches_find_the_right_guide_first);

async fn the_api_lists_filters_and_refuses_clearly(app: TestApp) {
    let all = search(&app, "").await;
    assert_eq!(all.len(), guides::all().len());
    assert!(all.len() >= 30);
    assert_eq!(all[0]["slug"], guides::all()[0].slug, "library order");

    let res = app
        .api(Method::GET, "/api/v1/guides?tag=soft-start", None, None)
        .await;
    let tagged = res.json()["guides"].as_array().cloned().unwrap();
    assert!(!tagged.is_empty());
    assert!(tagged.iter().all(|g| {
        g["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "soft start")
    }));

    let long = "a".repeat(201);
    let res = app
        .api(Method::GET, &format!("/api/v1/guides?q={long}"), None, None)
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.json()["error"]["fields"]["q"].is_string(),
        "{}",
        res.text()
    );

    let res = app
        .api(Method::GET, "/api/v1/guides/listening-well", None, None)
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let guide = res.json();
    assert_eq!(guide["exercise"], "/listen");
    assert!(guide["reading_minutes"].as_u64().unwrap() >= 1);
    assert!(guide["html"].as_str().unwrap().contains("<h2>"));
    assert!(
        guide["markdown"]
            .as_str()
            .unwrap()
            .contains("## Try it in Rekindle")
    );
    let res = app
        .api(Method::GET, "/api/v1/guides/no-such-guide", None, None)
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}
on_both!(the_api_lists_filters_and_refuses_clearly);

/// A path as the router sees it (no fragment).
fn route_of(link: &str) -> &str {
    link.split('#')
        .next()
        .filter(|p| !p.is_empty())
        .unwrap_or("/")
}

async fn every_guide_renders_and_every_link_in_it_resolves(app: TestApp) {
    let p = pair(&app).await;
    let mut targets = BTreeSet::new();
    for guide in guides::all() {
        let path = format!("/guides/{}", guide.slug);
        let res = app.page(Method::GET, &path, None, &[]).await;
        assert_eq!(res.status, StatusCode::OK, "{path} signed out");
        let html = res.text();
        assert!(
            html.contains(&format!("href=\"{}\"", guide.exercise)),
            "{path}: exercise button"
        );
        let links = library().links(guide.slug);
        assert!(!links.is_empty(), "{path} has no links");
        for link in links {
            assert!(is_internal(link), "{path}: {link} leaves Rekindle");
            assert!(
                html.contains(&format!("href=\"{link}\"")),
                "{path}: {link} not rendered"
            );
            targets.insert(link.clone());
        }
        targets.insert(guide.exercise.to_owned());
    }
    for link in &targets {
        let res = app
            .page(Method::GET, route_of(link), Some(&p.sam_cookie), &[])
            .await;
        assert_eq!(res.status, StatusCode::OK, "{link}");
    }
}
on_both!(every_guide_renders_and_every_link_in_it_resolves);

async fn each_exercise_page_links_its_guide(app: TestApp) {
    let p = pair(&app).await;
    for (path, _) in guides::EXERCISES {
        let guide = guides::for_exercise(path).unwrap();
        let res = app
            .page(Method::GET, route_of(path), Some(&p.alex_cookie), &[])
            .await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert!(
            res.text()
                .contains(&format!("href=\"/guides/{}\"", guide.slug)),
            "{path} does not link {}",
            guide.slug
        );
    }
}
on_both!(each_exercise_page_links_its_guide);

async fn coach_findings_lead_to_guides(app: TestApp) {
    let p = pair(&app).await;
    let res = app
        .api(
            Method::POST,
            "/api/v1/coach",
            Some(&p.sam),
            Some(serde_json::json!({"text": "You never listen to me"})),
        )
        .await;
    assert_eq!(
        res.json()["findings"][0]["guide"],
        "talking-without-accusing"
    );

    let link = "href=\"/guides/talking-without-accusing\"";
    let hint = app
        .page(
            Method::POST,
            "/coach/hint",
            Some(&p.sam_cookie),
            &[("text", "You never listen to me")],
        )
        .await;
    assert!(hint.text().contains(link), "{}", hint.text());
    let page = app
        .page(Method::GET, "/coach", Some(&p.sam_cookie), &[])
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let checked = app
        .page(
            Method::POST,
            "/coach",
            Some(&p.sam_cookie),
            &[("text", "You never listen to me")],
        )
        .await;
    assert_eq!(checked.status, StatusCode::OK);
    let html = checked.text();
    assert!(html.contains(link), "{html}");
    assert!(
        html.contains("You never"),
        "the draft comes back to be edited"
    );
}
on_both!(coach_findings_lead_to_guides);

async fn the_search_page_highlights_and_costs_no_queries(app: TestApp) {
    let p = pair(&app).await;
    let res = app.page(Method::GET, "/guides?q=chores", None, &[]).await;
    assert_eq!(res.status, StatusCode::OK);
    let html = res.text();
    assert!(html.contains("<mark>"), "{html}");
    assert!(html.contains("href=\"/guides/dividing-chores-fairly\""));

    let res = app
        .page(Method::GET, "/guides?q=xylophone", None, &[])
        .await;
    assert!(res.text().contains("Nothing matched"));
    let long = "a".repeat(201);
    let res = app
        .page(Method::GET, &format!("/guides?q={long}"), None, &[])
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().contains("up to 200 characters"));

    let res = app
        .page(Method::GET, "/guides/tags/soft-start", None, &[])
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.text()
            .contains("href=\"/guides/talking-without-accusing\"")
    );
    for missing in ["/guides/tags/no-such-tag", "/guides/no-such-guide"] {
        let res = app.page(Method::GET, missing, None, &[]).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{missing}");
    }

    // Guides come from memory: a signed-in search costs only the session lookup.
    let (signed_in, _) = app.page_statements("/", &p.sam_cookie).await;
    let (search_page, _) = app
        .page_statements("/guides?q=listening", &p.sam_cookie)
        .await;
    let (guide_page, _) = app
        .page_statements("/guides/listening-well", &p.sam_cookie)
        .await;
    assert!(
        search_page <= 1 && guide_page <= 1,
        "{search_page}, {guide_page}"
    );
    assert!(signed_in >= search_page);
}
on_both!(the_search_page_highlights_and_costs_no_queries);
