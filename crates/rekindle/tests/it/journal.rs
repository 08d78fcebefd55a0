//! The private journal on both engines: entries are their writer's alone (the partner
//! gets 404 for every one), stored sealed (no plaintext in any column), searchable and
//! taggable in memory, a page at a fixed statement count; a tampered, moved or
//! swapped sealed text is a clear 409, never a panic and never someone else's words;
//! excerpts are shared only after confirming. The key's life (reset, recovery code,
//! password change, accounts from before) is in `private_writing.rs`.

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, pair};
use crate::on_both;

impl TestApp {
    /// Writes a journal entry through the API; its id.
    pub async fn write_entry(&self, token: &str, body: Value) -> String {
        let res = self
            .api(Method::POST, "/api/v1/journal", Some(token), Some(body))
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
        res.json()["id"].as_str().unwrap().to_owned()
    }

    pub async fn journal(&self, token: &str, query: &str) -> Value {
        let res = self
            .api(
                Method::GET,
                &format!("/api/v1/journal{query}"),
                Some(token),
                None,
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text());
        res.json()
    }

    /// Every text column of every journal row, for looking for plaintext.
    pub async fn stored_journal(&self) -> String {
        let rows: Vec<String> = self
            .db()
            .column(
                "SELECT id || '|' || owner_id || '|' || sealed || '|' || sealed_tags FROM journal_entries",
                vec![],
            )
            .await
            .unwrap();
        rows.join("\n")
    }

    pub async fn login_token(&self, email: &str, password: &str) -> String {
        let res = self
            .api(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(json!({"email": email, "password": password})),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text());
        res.json()["token"].as_str().unwrap().to_owned()
    }
}

async fn the_journal_is_its_writers_alone(app: TestApp) {
    let p = pair(&app).await;
    let canary = "canary-journal-7f3a Sunday walks by the canal";
    let prompt = rekindle_core::content::reflection::prompts()[0].slug;
    let id = app
        .write_entry(
            &p.sam,
            json!({"body": canary, "prompt_id": prompt, "tags": ["Walks", "hope, walks"]}),
        )
        .await;
    let second = app
        .write_entry(&p.sam, json!({"body": "Grateful for the tea this morning"}))
        .await;

    let all = app.journal(&p.sam, "").await;
    assert_eq!(all["total"], 2);
    assert_eq!(all["tags"], json!(["hope", "walks"]));
    let first = all["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id.as_str())
        .unwrap();
    assert_eq!(first["body"], canary);
    assert_eq!(first["tags"], json!(["walks", "hope"]));
    assert_eq!(first["prompt"]["id"], prompt);
    // Search: every word, any case, in words, tags or prompt; tags filter.
    let found = app.journal(&p.sam, "?q=SUNDAY%20canal").await;
    assert_eq!(found["entries"].as_array().unwrap().len(), 1);
    let by_tag = app.journal(&p.sam, "?q=hope").await;
    assert_eq!(by_tag["entries"][0]["id"], id.as_str());
    let none = app.journal(&p.sam, "?q=sunday%20mountains").await;
    assert!(none["entries"].as_array().unwrap().is_empty());
    assert_eq!(none["total"], 2);
    let tagged = app.journal(&p.sam, "?tag=walks").await;
    assert_eq!(tagged["entries"].as_array().unwrap().len(), 1);
    let tea = app.journal(&p.sam, "?q=tea").await;
    assert_eq!(tea["entries"][0]["id"], second.as_str());

    // Nothing of it reaches Alex, through any door.
    let alex_list = app.journal(&p.alex, "").await;
    assert_eq!(alex_list["total"], 0);
    for (method, body) in [
        (Method::GET, None),
        (Method::PUT, Some(json!({"body": "mine now"}))),
        (Method::DELETE, None),
    ] {
        let res = app
            .api(
                method.clone(),
                &format!("/api/v1/journal/{id}"),
                Some(&p.alex),
                body,
            )
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{method}");
    }
    let share = app
        .api(
            Method::POST,
            &format!("/api/v1/journal/{id}/share"),
            Some(&p.alex),
            Some(json!({"excerpt": "x", "confirm": true})),
        )
        .await;
    assert_eq!(share.status, StatusCode::NOT_FOUND);
    let page = app
        .page(
            Method::GET,
            &format!("/journal/{id}"),
            Some(&p.alex_cookie),
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let alex_page = app
        .page(Method::GET, "/journal", Some(&p.alex_cookie), &[])
        .await;
    assert!(!alex_page.text().contains("canary-journal"));
    let sam_page = app
        .page(Method::GET, "/journal?q=canal", Some(&p.sam_cookie), &[])
        .await;
    assert_eq!(sam_page.status, StatusCode::OK);
    assert!(sam_page.text().contains("canary-journal-7f3a"));

    // Stored sealed: no column holds its words.
    let stored = app.stored_journal().await;
    assert!(!stored.contains("canary"), "{stored}");
    assert!(!stored.to_lowercase().contains("walks"));

    // Edit and delete.
    let edit = app
        .api(
            Method::PUT,
            &format!("/api/v1/journal/{id}"),
            Some(&p.sam),
            Some(json!({"body": "Changed my mind, kindly", "tags": ["later"]})),
        )
        .await;
    assert_eq!(edit.status, StatusCode::NO_CONTENT);
    let one = app
        .api(
            Method::GET,
            &format!("/api/v1/journal/{id}"),
            Some(&p.sam),
            None,
        )
        .await
        .json();
    assert_eq!(one["body"], "Changed my mind, kindly");
    assert_eq!(one["prompt"], Value::Null);
    let gone = app
        .api(
            Method::DELETE,
            &format!("/api/v1/journal/{id}"),
            Some(&p.sam),
            None,
        )
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    let again = app
        .api(
            Method::GET,
            &format!("/api/v1/journal/{id}"),
            Some(&p.sam),
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);

    // Bad input is a clear 422 and saves nothing.
    let eleven: Vec<String> = (0..11).map(|n| format!("t{n}")).collect();
    for (body, field) in [
        (json!({"body": "   "}), "body"),
        (json!({"body": "x".repeat(20_001)}), "body"),
        (
            json!({"body": "fine", "prompt_id": "not-a-prompt"}),
            "prompt_id",
        ),
        (json!({"body": "fine", "tags": eleven}), "tags"),
        (json!({"body": "fine", "tags": ["x".repeat(31)]}), "tags"),
    ] {
        let res = app
            .api(Method::POST, "/api/v1/journal", Some(&p.sam), Some(body))
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.json()["error"]["fields"][field].is_string(), "{field}");
    }
    assert_eq!(app.count("SELECT COUNT(*) FROM journal_entries").await, 1);
}
on_both!(the_journal_is_its_writers_alone);

async fn tampered_moved_and_swapped_entries_refuse_clearly(app: TestApp) {
    let p = pair(&app).await;
    let a = app
        .write_entry(&p.sam, json!({"body": "Sam's first"}))
        .await;
    let b = app
        .write_entry(&p.sam, json!({"body": "Sam's second"}))
        .await;
    let c = app
        .write_entry(&p.alex, json!({"body": "alex-canary-private"}))
        .await;
    let sealed_of = |id: String| {
        let app = &app;
        async move {
            app.db()
                .column::<String>(
                    "SELECT sealed FROM journal_entries WHERE id = $1",
                    vec![id.into()],
                )
                .await
                .unwrap()
                .remove(0)
        }
    };
    let set = |id: String, sealed: String| {
        let app = &app;
        async move {
            app.db()
                .execute(
                    "UPDATE journal_entries SET sealed = $1 WHERE id = $2",
                    vec![sealed.into(), id.into()],
                )
                .await
                .unwrap();
        }
    };
    let original_a = sealed_of(a.clone()).await;
    let original_c = sealed_of(c.clone()).await;
    let unreadable = |res: crate::helpers::TestResponse| {
        assert_eq!(res.status, StatusCode::CONFLICT, "{}", res.text());
        assert_eq!(res.json()["error"]["code"], "unreadable");
        assert!(!res.text().contains("alex-canary"));
    };

    // One character changed.
    let mut tampered = original_a.clone().into_bytes();
    let i = tampered.len() - 5;
    tampered[i] = if tampered[i] == b'A' { b'B' } else { b'A' };
    set(a.clone(), String::from_utf8(tampered).unwrap()).await;
    unreadable(
        app.api(
            Method::GET,
            &format!("/api/v1/journal/{a}"),
            Some(&p.sam),
            None,
        )
        .await,
    );
    let list = app.journal(&p.sam, "").await;
    assert_eq!(list["unopened"], 1);
    assert_eq!(list["entries"].as_array().unwrap().len(), 1);
    let page = app
        .page(
            Method::GET,
            &format!("/journal/{a}"),
            Some(&p.sam_cookie),
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::CONFLICT);
    assert!(page.text().contains("changed outside Rekindle"));

    // Alex's sealed words moved into Sam's row: still Alex's key, Alex's row.
    set(b.clone(), original_c.clone()).await;
    unreadable(
        app.api(
            Method::GET,
            &format!("/api/v1/journal/{b}"),
            Some(&p.sam),
            None,
        )
        .await,
    );
    // Sam's own entry swapped into another of Sam's rows: bound to its id.
    set(b.clone(), original_a.clone()).await;
    unreadable(
        app.api(
            Method::GET,
            &format!("/api/v1/journal/{b}"),
            Some(&p.sam),
            None,
        )
        .await,
    );
    // Not even our format.
    set(b.clone(), "v1.!!!".into()).await;
    unreadable(
        app.api(
            Method::GET,
            &format!("/api/v1/journal/{b}"),
            Some(&p.sam),
            None,
        )
        .await,
    );
    // Put back, it opens again: nothing else was harmed.
    set(a.clone(), original_a).await;
    let back = app
        .api(
            Method::GET,
            &format!("/api/v1/journal/{a}"),
            Some(&p.sam),
            None,
        )
        .await;
    assert_eq!(back.json()["body"], "Sam's first");
}
on_both!(tampered_moved_and_swapped_entries_refuse_clearly);

async fn excerpts_are_shared_only_after_confirming(app: TestApp) {
    let p = pair(&app).await;
    let id = app
        .write_entry(
            &p.sam,
            json!({"body": "I miss our walks. private-rest-canary"}),
        )
        .await;
    let path = format!("/api/v1/journal/{id}/share");
    let unconfirmed = app
        .api(
            Method::POST,
            &path,
            Some(&p.sam),
            Some(json!({"excerpt": "I miss our walks."})),
        )
        .await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unconfirmed.json()["error"]["fields"]["confirm"].is_string());
    let none = app
        .api(Method::GET, "/api/v1/journal/shared", Some(&p.alex), None)
        .await
        .json();
    assert_eq!(none["excerpts"], json!([]));
    let shared = app
        .api(
            Method::POST,
            &path,
            Some(&p.sam),
            Some(json!({"excerpt": "I miss our walks.", "confirm": true})),
        )
        .await;
    assert_eq!(shared.status, StatusCode::CREATED);
    let excerpt = shared.json()["id"].as_str().unwrap().to_owned();
    let seen = app
        .api(Method::GET, "/api/v1/journal/shared", Some(&p.alex), None)
        .await
        .json();
    assert_eq!(seen["excerpts"][0]["body"], "I miss our walks.");
    assert_eq!(seen["excerpts"][0]["name"], "Sam");
    assert_eq!(seen["excerpts"][0]["mine"], false);
    assert!(!seen.to_string().contains("private-rest-canary"));
    // Alex hears of it, without the words.
    app.run_outbox().await;
    let updates = app
        .api(Method::GET, "/api/v1/notifications", Some(&p.alex), None)
        .await;
    assert!(
        updates.text().contains("shared a few lines"),
        "{}",
        updates.text()
    );
    assert!(!updates.text().contains("walks"));
    // Only Sam can take it back.
    let by_alex = app
        .api(
            Method::DELETE,
            &format!("/api/v1/journal/shared/{excerpt}"),
            Some(&p.alex),
            None,
        )
        .await;
    assert_eq!(by_alex.status, StatusCode::NOT_FOUND);
    let page = app
        .page(Method::GET, "/journal/shared", Some(&p.alex_cookie), &[])
        .await;
    assert!(page.text().contains("I miss our walks."));
    let back = app
        .api(
            Method::DELETE,
            &format!("/api/v1/journal/shared/{excerpt}"),
            Some(&p.sam),
            None,
        )
        .await;
    assert_eq!(back.status, StatusCode::NO_CONTENT);
    let after = app
        .api(Method::GET, "/api/v1/journal/shared", Some(&p.alex), None)
        .await
        .json();
    assert_eq!(after["excerpts"], json!([]));
    // Someone from another couple never sees any of it.
    let (_, kim) = app.register("kim@example.org", "Kim").await;
    let other = app
        .api(Method::GET, "/api/v1/journal/shared", Some(&kim), None)
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
}
on_both!(excerpts_are_shared_only_after_confirming);

async fn the_journal_page_costs_the_same_however_many_entries(app: TestApp) {
    let p = pair(&app).await;
    let cost = |path: &'static str| app.page_statements(path, &p.sam_cookie);
    let (empty, _) = cost("/journal").await;
    let t0 = app.clock.now_ms();
    for i in 0..35 {
        app.clock.set(t0 + i * 1000);
        app.write_entry(&p.sam, json!({"body": format!("Entry number {i}")}))
            .await;
    }
    let (full, page) = cost("/journal").await;
    assert_eq!(empty, full, "a fixed number of statements");
    assert!(empty <= 3, "{empty} statements");
    assert!(page.contains("Entry number 34") && !page.contains("Entry number 4<"));
    assert!(page.contains("page=2"));
    let (_, second) = cost("/journal?page=2").await;
    assert!(second.contains("Entry number 0") && !second.contains("Entry number 34"));
}
on_both!(the_journal_page_costs_the_same_however_many_entries);
