//! The key to private writing on both engines: an operator's reset locks the journal
//! and private notes until the recovery code opens them (a wrong code is a clear 422);
//! a new code retires the old; a lost code can start afresh without the old writing; a
//! password change re-wraps the key; accounts from before are sealed at their first
//! sign-in.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{PASSWORD, TestApp};
use crate::on_both;

async fn a_reset_locks_until_the_recovery_code(app: TestApp) {
    let res = app
        .api(
            Method::POST,
            "/api/v1/auth/register",
            None,
            Some(json!({"email": "kim@example.org", "password": PASSWORD,
                "display_name": "Kim", "timezone": "Europe/London"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let body = res.json();
    let first_code = body["recovery_code"].as_str().unwrap().to_owned();
    assert_eq!(first_code.len(), 34, "28 symbols in groups of four");
    let token = body["token"].as_str().unwrap().to_owned();
    let kim = body["user"]["id"].as_str().unwrap().to_owned();
    app.write_entry(&token, json!({"body": "kim-canary what I need"}))
        .await;
    let checkin = app
        .api(
            Method::PUT,
            &format!("/api/v1/checkins/{}", crate::helpers::london_today(&app)),
            Some(&token),
            Some(json!({"closeness": 4, "mood": 4, "felt_heard": 4, "note": "kim-note-canary"})),
        )
        .await;
    assert_eq!(checkin.status, StatusCode::OK, "{}", checkin.text());

    // The operator resets the password: every session ends, the key is locked.
    let password = rekindle::auth::accounts::reset_by_operator(app.db(), &kim)
        .await
        .unwrap();
    let old = app.api(Method::GET, "/api/v1/me", Some(&token), None).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let token = app.login_token("kim@example.org", &password).await;
    let state = app
        .api(
            Method::GET,
            "/api/v1/me/private-writing",
            Some(&token),
            None,
        )
        .await
        .json();
    assert_eq!(state, json!({"locked": true, "has_recovery_code": true}));
    let list = app.journal(&token, "").await;
    assert_eq!(
        (list["total"].clone(), list["unopened"].clone()),
        (json!(1), json!(1))
    );
    assert!(!list.to_string().contains("kim-canary"));
    let write = app
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(&token),
            Some(json!({"body": "new"})),
        )
        .await;
    assert_eq!(write.status, StatusCode::CONFLICT);
    assert_eq!(write.json()["error"]["code"], "private_writing_locked");
    let today = crate::helpers::london_today(&app);
    let checkins = app
        .api(
            Method::GET,
            &format!("/api/v1/checkins?from={today}&to={today}"),
            Some(&token),
            None,
        )
        .await;
    assert!(!checkins.text().contains("kim-note-canary"));
    // Saving the check-in again without a note leaves the locked note alone.
    let again = app
        .api(
            Method::PUT,
            &format!("/api/v1/checkins/{today}"),
            Some(&token),
            Some(json!({"closeness": 5, "mood": 4, "felt_heard": 4})),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);

    // Wrong or malformed codes are a clear 422.
    for wrong in [
        "",
        "not a code",
        &rekindle::vault::recovery::RecoveryCode::generate().grouped(),
    ] {
        let res = app
            .api(
                Method::POST,
                "/api/v1/me/private-writing/unlock",
                Some(&token),
                Some(json!({"recovery_code": wrong, "password": password})),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{wrong}");
        assert!(res.json()["error"]["fields"]["recovery_code"].is_string());
    }
    let typed = first_code.to_lowercase().replace('-', " ");
    let open = app
        .api(
            Method::POST,
            "/api/v1/me/private-writing/unlock",
            Some(&token),
            Some(json!({"recovery_code": typed, "password": password})),
        )
        .await;
    assert_eq!(open.status, StatusCode::NO_CONTENT, "{}", open.text());
    let list = app.journal(&token, "").await;
    assert_eq!(list["entries"][0]["body"], "kim-canary what I need");
    let checkins = app
        .api(
            Method::GET,
            &format!("/api/v1/checkins?from={today}&to={today}"),
            Some(&token),
            None,
        )
        .await;
    assert!(
        checkins.text().contains("kim-note-canary"),
        "the note was kept"
    );
    // The next sign-in opens it by the password again.
    let later = app.login_token("kim@example.org", &password).await;
    assert_eq!(app.journal(&later, "").await["unopened"], 0);

    // A new recovery code replaces the old one.
    let fresh = app
        .api(
            Method::POST,
            "/api/v1/me/private-writing/recovery-code",
            Some(&later),
            Some(json!({"password": password})),
        )
        .await;
    assert_eq!(fresh.status, StatusCode::OK);
    let second_code = fresh.json()["recovery_code"].as_str().unwrap().to_owned();
    let password = rekindle::auth::accounts::reset_by_operator(app.db(), &kim)
        .await
        .unwrap();
    let token = app.login_token("kim@example.org", &password).await;
    let with_old = app
        .api(
            Method::POST,
            "/api/v1/me/private-writing/unlock",
            Some(&token),
            Some(json!({"recovery_code": first_code, "password": password})),
        )
        .await;
    assert_eq!(with_old.status, StatusCode::UNPROCESSABLE_ENTITY);
    let with_new = app
        .api(
            Method::POST,
            "/api/v1/me/private-writing/unlock",
            Some(&token),
            Some(json!({"recovery_code": second_code, "password": password})),
        )
        .await;
    assert_eq!(with_new.status, StatusCode::NO_CONTENT);
}
on_both!(a_reset_locks_until_the_recovery_code);

async fn a_lost_code_can_start_afresh_without_the_old_writing(app: TestApp) {
    let (kim, token) = app.register("kim@example.org", "Kim").await;
    app.write_entry(&token, json!({"body": "old words"})).await;
    let open = app
        .api(
            Method::POST,
            "/api/v1/me/private-writing/start-afresh",
            Some(&token),
            Some(json!({"password": PASSWORD, "confirm": true})),
        )
        .await;
    assert_eq!(open.status, StatusCode::CONFLICT, "not while it is open");
    let password = rekindle::auth::accounts::reset_by_operator(app.db(), &kim)
        .await
        .unwrap();
    let token = app.login_token("kim@example.org", &password).await;
    let unconfirmed = app
        .api(
            Method::POST,
            "/api/v1/me/private-writing/start-afresh",
            Some(&token),
            Some(json!({"password": password})),
        )
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    let afresh = app
        .api(
            Method::POST,
            "/api/v1/me/private-writing/start-afresh",
            Some(&token),
            Some(json!({"password": password, "confirm": true})),
        )
        .await;
    assert_eq!(afresh.status, StatusCode::OK, "{}", afresh.text());
    assert_eq!(afresh.json()["recovery_code"].as_str().unwrap().len(), 34);
    let list = app.journal(&token, "").await;
    assert_eq!(list["total"], 0, "the old entries are gone");
    app.write_entry(&token, json!({"body": "new words"})).await;
    let later = app.login_token("kim@example.org", &password).await;
    assert_eq!(
        app.journal(&later, "").await["entries"][0]["body"],
        "new words"
    );
}
on_both!(a_lost_code_can_start_afresh_without_the_old_writing);

async fn a_password_change_rewraps_the_key(app: TestApp) {
    let (_, token) = app.register("kim@example.org", "Kim").await;
    app.write_entry(&token, json!({"body": "before the change"}))
        .await;
    let new = "a brand new and longer passphrase";
    let change = app
        .api(
            Method::PUT,
            "/api/v1/me/password",
            Some(&token),
            Some(json!({"current_password": PASSWORD, "new_password": new})),
        )
        .await;
    assert_eq!(change.status, StatusCode::NO_CONTENT);
    // This session still opens it; so does a sign-in with the new password.
    assert_eq!(app.journal(&token, "").await["unopened"], 0);
    let later = app.login_token("kim@example.org", new).await;
    let list = app.journal(&later, "").await;
    assert_eq!(list["entries"][0]["body"], "before the change");
}
on_both!(a_password_change_rewraps_the_key);

async fn accounts_from_before_are_sealed_at_their_first_sign_in(app: TestApp) {
    // An account as an earlier release left it: no key, a private note stored plain.
    let kim = rekindle::db::users::create(
        app.db(),
        &rekindle::db::users::NewUser {
            email: "kim@example.org",
            password_hash: crate::helpers::fixture_hash(),
            display_name: "Kim",
            timezone: "Europe/London",
        },
        app.clock.now_ms(),
    )
    .await
    .unwrap();
    let today = crate::helpers::london_today(&app);
    let now = app.clock.now_ms();
    app.db()
        .execute(
            "INSERT INTO checkins (id, owner_id, couple_id, day, closeness, mood, felt_heard, \
             created_at, updated_at) VALUES ('c1', $1, NULL, $2, 4, 4, 4, $3, $3)",
            vec![kim.id.clone().into(), today.clone().into(), now.into()],
        )
        .await
        .unwrap();
    app.db()
        .execute(
            "INSERT INTO checkin_notes (checkin_id, owner_id, body) VALUES ('c1', $1, 'legacy-canary')",
            vec![kim.id.clone().into()],
        )
        .await
        .unwrap();
    let token = app.login_token("kim@example.org", PASSWORD).await;
    let stored: Vec<String> = app
        .db()
        .column("SELECT body FROM checkin_notes", vec![])
        .await
        .unwrap();
    assert!(stored[0].starts_with("v1."), "sealed at sign-in");
    assert!(!stored[0].contains("legacy-canary"));
    let mine = app
        .api(
            Method::GET,
            &format!("/api/v1/checkins?from={today}&to={today}"),
            Some(&token),
            None,
        )
        .await;
    assert!(mine.text().contains("legacy-canary"), "{}", mine.text());
    let state = app
        .api(
            Method::GET,
            "/api/v1/me/private-writing",
            Some(&token),
            None,
        )
        .await
        .json();
    assert_eq!(state, json!({"locked": false, "has_recovery_code": false}));
}
on_both!(accounts_from_before_are_sealed_at_their_first_sign_in);
