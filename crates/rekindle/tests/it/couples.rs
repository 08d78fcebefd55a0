//! Pairing through the API: invite, join, the two-member limit, used and expired
//! invites, and leaving alone and at once.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::helpers::TestApp;
use crate::on_both;

async fn invite_code(app: &TestApp, token: &str) -> String {
    let res = app
        .api(Method::POST, "/api/v1/couple", Some(token), None)
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
    let body = res.json();
    assert!(body["expires_at"].as_str().unwrap().ends_with('Z'));
    body["invite_code"].as_str().unwrap().to_owned()
}

async fn join(app: &TestApp, token: &str, code: &str) -> crate::helpers::TestResponse {
    app.api(
        Method::POST,
        "/api/v1/couple/join",
        Some(token),
        Some(json!({"invite_code": code})),
    )
    .await
}

async fn two_people_pair_exactly_as_the_contract_shows(app: TestApp) {
    let (sam_id, sam) = app.register("sam@example.org", "Sam").await;
    let (alex_id, alex) = app.register("alex@example.org", "Alex").await;
    // No couple yet: 404, like anything else one may not see.
    assert_eq!(
        app.api(Method::GET, "/api/v1/couple", Some(&sam), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let code = invite_code(&app, &sam).await;
    assert!(code.len() >= 22, "at least 128 bits");
    let joined = join(&app, &alex, &code).await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.text());
    for token in [&sam, &alex] {
        let couple = app
            .api(Method::GET, "/api/v1/couple", Some(token), None)
            .await;
        assert_eq!(couple.status, StatusCode::OK);
        let body = couple.json();
        assert!(body["id"].is_string());
        let members: Vec<(&str, &str)> = body["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["id"].as_str().unwrap(),
                    m["display_name"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            members,
            vec![(sam_id.as_str(), "Sam"), (alex_id.as_str(), "Alex")]
        );
        assert_eq!(
            body["members"][0].as_object().unwrap().len(),
            2,
            "no e-mail or other details of the partner"
        );
    }
}
on_both!(two_people_pair_exactly_as_the_contract_shows);

async fn a_third_person_cannot_join_and_invites_are_single_use(app: TestApp) {
    let (_, sam) = app.register("sam@example.org", "Sam").await;
    let (_, alex) = app.register("alex@example.org", "Alex").await;
    let (_, kim) = app.register("kim@example.org", "Kim").await;
    let code = invite_code(&app, &sam).await;
    assert_eq!(join(&app, &alex, &code).await.status, StatusCode::OK);
    let used = join(&app, &kim, &code).await;
    assert_eq!(used.status, StatusCode::NOT_FOUND);
    assert_eq!(used.json()["error"]["code"], "invite_invalid");
    // A full couple makes no more invites.
    let more = app
        .api(Method::POST, "/api/v1/couple", Some(&sam), None)
        .await;
    assert_eq!(more.status, StatusCode::CONFLICT);
    assert_eq!(more.json()["error"]["code"], "couple_full");
    // Garbage codes are clear 404s too.
    for bad in ["", "x", "../../etc", &"z".repeat(500)] {
        let res = join(&app, &kim, bad).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{bad:?}");
    }
}
on_both!(a_third_person_cannot_join_and_invites_are_single_use);

async fn an_expired_invite_fails_clearly(app: TestApp) {
    let (_, sam) = app.register("sam@example.org", "Sam").await;
    let (_, alex) = app.register("alex@example.org", "Alex").await;
    let code = invite_code(&app, &sam).await;
    app.db()
        .execute(
            "UPDATE invites SET expires_at = $1",
            vec![(app.clock.now_ms() - 1).into()],
        )
        .await
        .unwrap();
    let res = join(&app, &alex, &code).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(
        res.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
}
on_both!(an_expired_invite_fails_clearly);

async fn a_fresh_invite_replaces_the_old_one(app: TestApp) {
    let (_, sam) = app.register("sam@example.org", "Sam").await;
    let (_, alex) = app.register("alex@example.org", "Alex").await;
    let old = invite_code(&app, &sam).await;
    let new = invite_code(&app, &sam).await;
    assert_eq!(join(&app, &alex, &old).await.status, StatusCode::NOT_FOUND);
    assert_eq!(join(&app, &alex, &new).await.status, StatusCode::OK);
}
on_both!(a_fresh_invite_replaces_the_old_one);

async fn own_invite_and_second_couple_are_refused(app: TestApp) {
    let (_, sam) = app.register("sam@example.org", "Sam").await;
    let (_, alex) = app.register("alex@example.org", "Alex").await;
    let (_, kim) = app.register("kim@example.org", "Kim").await;
    let (_, lee) = app.register("lee@example.org", "Lee").await;
    let code = invite_code(&app, &sam).await;
    let own = join(&app, &sam, &code).await;
    assert_eq!(own.status, StatusCode::CONFLICT);
    assert_eq!(join(&app, &alex, &code).await.status, StatusCode::OK);
    let other = invite_code(&app, &kim).await;
    let taken = join(&app, &alex, &other).await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert_eq!(taken.json()["error"]["code"], "already_in_couple");
    // Someone waiting alone in a space of their own can still join another.
    let lees = invite_code(&app, &lee).await;
    assert!(!lees.is_empty());
    assert_eq!(join(&app, &lee, &other).await.status, StatusCode::OK);
}
on_both!(own_invite_and_second_couple_are_refused);

async fn leaving_is_unilateral_and_immediate(app: TestApp) {
    let (_, sam) = app.register("sam@example.org", "Sam").await;
    let (_, alex) = app.register("alex@example.org", "Alex").await;
    let code = invite_code(&app, &sam).await;
    assert_eq!(join(&app, &alex, &code).await.status, StatusCode::OK);
    let left = app
        .api(Method::POST, "/api/v1/couple/leave", Some(&sam), None)
        .await;
    assert_eq!(left.status, StatusCode::NO_CONTENT);
    for token in [&sam, &alex] {
        assert_eq!(
            app.api(Method::GET, "/api/v1/couple", Some(token), None)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(
        app.api(Method::POST, "/api/v1/couple/leave", Some(&sam), None)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Each can start again, even together.
    let again = invite_code(&app, &alex).await;
    assert_eq!(join(&app, &sam, &again).await.status, StatusCode::OK);
}
on_both!(leaving_is_unilateral_and_immediate);

async fn concurrent_joins_never_make_a_crowd(app: TestApp) {
    let host = app.person("host@example.org", "Host").await;
    let invite = rekindle::db::couples::invite(app.db(), &host, rekindle::db::now_ms())
        .await
        .unwrap();
    let mut people = Vec::new();
    for i in 0..6 {
        people.push(
            app.person(&format!("p{i}@example.org"), &format!("P{i}"))
                .await,
        );
    }
    let tasks: Vec<_> = people
        .iter()
        .map(|p| {
            let db = app.db().clone();
            let (id, code) = (p.id.clone(), invite.code.clone());
            tokio::spawn(async move {
                rekindle::db::couples::join(&db, &id, &code, rekindle::db::now_ms())
                    .await
                    .is_ok()
            })
        })
        .collect();
    let mut joined = 0;
    for t in tasks {
        if t.await.unwrap() {
            joined += 1;
        }
    }
    assert_eq!(joined, 1);
    let couple = rekindle::db::couples::current_for(app.db(), &host.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(couple.members.len(), 2);
}
on_both!(concurrent_joins_never_make_a_crowd);

/// A refusal is worded once: the page shows exactly the message the API sends.
async fn the_page_and_the_api_word_a_refusal_the_same(app: TestApp) {
    let p = crate::helpers::pair(&app).await;
    let (_, kim) = app.register("kim@example.org", "Kim").await;
    let own = invite_code(&app, &kim).await;
    let cookie = app
        .page(
            Method::POST,
            "/login",
            None,
            &[
                ("email", "kim@example.org"),
                ("password", crate::helpers::PASSWORD),
            ],
        )
        .await
        .session_cookie()
        .unwrap();
    for (token, web_cookie, code, want) in [
        (&kim, &cookie, own.as_str(), "own_invite"),
        (&p.sam, &p.sam_cookie, "NBZ8-N2JP-D4", "already_in_couple"),
        (&kim, &cookie, "not-a-real-code-at-all", "invite_invalid"),
    ] {
        let api = join(&app, token, code).await;
        assert_eq!(api.json()["error"]["code"], want);
        let message = api.json()["error"]["message"].as_str().unwrap().to_owned();
        let page = app
            .page(
                Method::POST,
                "/join",
                Some(web_cookie),
                &[("invite_code", code)],
            )
            .await;
        assert_eq!(page.status, api.status, "{want}");
        let shown = page.text().replace("&#39;", "'").replace("&#x27;", "'");
        assert!(
            shown.contains(&message),
            "{want}: the page shows {message:?}"
        );
    }
}
on_both!(the_page_and_the_api_word_a_refusal_the_same);

/// Invite expiry follows the app's clock: a week to the minute.
async fn an_invite_expires_after_seven_days_on_the_apps_clock(app: TestApp) {
    const DAY: i64 = 24 * 60 * 60 * 1000;
    let start = app.clock.now_ms();
    let (_, sam) = app.register("sam@example.org", "Sam").await;
    let (_, alex) = app.register("alex@example.org", "Alex").await;
    let code = invite_code(&app, &sam).await;
    app.clock.set(start + 7 * DAY + 60_000);
    let late = join(&app, &alex, &code).await;
    assert_eq!(late.status, StatusCode::NOT_FOUND);
    assert_eq!(late.json()["error"]["code"], "invite_invalid");
    let fresh = invite_code(&app, &sam).await;
    app.clock.set(start + 7 * DAY + 60_000 + 6 * DAY);
    assert_eq!(join(&app, &alex, &fresh).await.status, StatusCode::OK);
}
on_both!(an_invite_expires_after_seven_days_on_the_apps_clock);
