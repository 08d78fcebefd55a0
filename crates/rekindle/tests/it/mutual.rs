//! Mutual yes on both engines, over random answer sets: matches are exactly what the
//! core rule says (two yeses, or yes/maybe when both count maybes; the intimate section
//! only when both show it), and everything Alex can read — every API answer and page,
//! byte for byte, and the number of statements each costs — is the same whether Sam
//! said "no" or never answered, and whether Sam's uncounted "maybe" exists at all.

use axum::http::{Method, StatusCode};
use proptest::prelude::*;
use proptest::strategy::ValueTree as _;
use proptest::test_runner::TestRunner;
use rekindle_core::content::mutual::{Section, items};
use rekindle_core::mutual::{Answer, is_match};
use serde_json::json;

use crate::helpers::{Pair, TestApp, pair};
use crate::on_both;

/// Items the cases use: six ordinary ones and two intimate.
fn case_items() -> Vec<&'static str> {
    let ordinary = items().iter().filter(|i| i.section != Section::Intimate);
    let intimate = items().iter().filter(|i| i.section == Section::Intimate);
    ordinary
        .take(6)
        .chain(intimate.take(2))
        .map(|i| i.slug)
        .collect()
}

#[derive(Debug, Clone)]
struct Side {
    answers: Vec<Option<Answer>>,
    intimate: bool,
    count_maybe: bool,
}

fn side() -> impl Strategy<Value = Side> {
    let answer = prop::sample::select(vec![
        None,
        Some(Answer::Yes),
        Some(Answer::Maybe),
        Some(Answer::No),
    ]);
    (
        prop::collection::vec(answer, 8),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(answers, intimate, count_maybe)| Side {
            answers,
            intimate,
            count_maybe,
        })
}

async fn apply(app: &TestApp, token: &str, user_id: &str, s: &Side) {
    // Start clean: no answers, then the choices, then each answer.
    app.db()
        .execute(
            "DELETE FROM mutual_answers WHERE owner_id = $1",
            vec![user_id.to_owned().into()],
        )
        .await
        .unwrap();
    // Intimate items can be answered only while the section is shown.
    let set = |intimate: bool| json!({"intimate": intimate, "count_maybe": s.count_maybe});
    let res = app
        .api(
            Method::PUT,
            "/api/v1/mutual/settings",
            Some(token),
            Some(set(true)),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    for (slug, a) in case_items().iter().zip(&s.answers) {
        if let Some(a) = a {
            let res = app
                .api(
                    Method::PUT,
                    &format!("/api/v1/mutual/{slug}"),
                    Some(token),
                    Some(json!({"answer": a.as_str()})),
                )
                .await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.text());
        }
    }
    app.api(
        Method::PUT,
        "/api/v1/mutual/settings",
        Some(token),
        Some(set(s.intimate)),
    )
    .await;
}

/// Alex's whole view, and the statements it took.
async fn alex_view(app: &TestApp, p: &Pair) -> (Vec<Vec<u8>>, u64) {
    let before = app.db().statements_run();
    let mut out = Vec::new();
    for path in [
        "/api/v1/mutual",
        "/api/v1/mutual/matches",
        "/api/v1/notifications",
        "/api/v1/dashboard",
    ] {
        out.push(app.api(Method::GET, path, Some(&p.alex), None).await.body);
    }
    for path in ["/mutual", "/touch", "/", "/notifications"] {
        out.push(
            app.page(Method::GET, path, Some(&p.alex_cookie), &[])
                .await
                .body,
        );
    }
    (out, app.db().statements_run() - before)
}

fn expected_matches(sam: &Side, alex: &Side) -> Vec<&'static str> {
    let slugs = case_items();
    (0..slugs.len())
        .filter(|&i| {
            let intimate = i >= 6;
            is_match(
                sam.answers[i],
                alex.answers[i],
                sam.count_maybe,
                alex.count_maybe,
            ) && (!intimate || (sam.intimate && alex.intimate))
        })
        .map(|i| slugs[i])
        .collect()
}

async fn matches_follow_the_rule_and_no_equals_no_answer(app: TestApp) {
    let p = pair(&app).await;
    let mut runner = TestRunner::deterministic();
    let cases = if std::env::var("CI").is_ok() { 24 } else { 12 };
    for _ in 0..cases {
        let sam = side().new_tree(&mut runner).unwrap().current();
        let alex = side().new_tree(&mut runner).unwrap().current();
        apply(&app, &p.sam, &p.sam_id, &sam).await;
        apply(&app, &p.alex, &p.alex_id, &alex).await;
        let got: Vec<String> = app
            .api(Method::GET, "/api/v1/mutual/matches", Some(&p.sam), None)
            .await
            .json()["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap().to_owned())
            .collect();
        let mut want = expected_matches(&sam, &alex);
        want.sort_by_key(|slug| items().iter().position(|i| i.slug == *slug));
        assert_eq!(got, want, "sam {sam:?} alex {alex:?}");
        // Sam's "no" becomes no answer at all; an uncounted maybe goes too. (The first
        // look of a day also chooses its question; look once so both compare alike.)
        alex_view(&app, &p).await;
        let (view, cost) = alex_view(&app, &p).await;
        let counted = sam.count_maybe && alex.count_maybe;
        let quieter = Side {
            answers: sam
                .answers
                .iter()
                .map(|a| match a {
                    Some(Answer::No) => None,
                    Some(Answer::Maybe) if !counted => None,
                    other => *other,
                })
                .collect(),
            ..sam.clone()
        };
        apply(&app, &p.sam, &p.sam_id, &quieter).await;
        let (again, cost_again) = alex_view(&app, &p).await;
        assert!(
            view == again,
            "Alex's view changed with Sam's no / uncounted maybe: {sam:?}"
        );
        assert_eq!(cost, cost_again, "the same statements either way");
    }
}
on_both!(matches_follow_the_rule_and_no_equals_no_answer);
