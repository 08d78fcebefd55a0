//! `rekindle demo` as a newcomer runs it: a fresh database, the two logins printed,
//! and a server where either partner signs in to about ninety days of history in every
//! feature — their sealed journal opening with the printed password.

use serde_json::Value;

use crate::process::Server;

/// Signs in with a printed login; the token.
async fn sign_in(server: &Server, line: &str) -> String {
    // "sign in as Maya: maya@… / password"
    let (_, login) = line.split_once(": ").expect("a login line");
    let (email, password) = login.split_once(" / ").expect("e-mail / password");
    server.sign_in(email, password).await
}

async fn get(server: &Server, path: &str, token: &str) -> Value {
    let (status, res) = server.call("GET", path, Some(token), None).await;
    assert_eq!(status, 200, "{path}: {res}");
    res
}

fn count(v: &Value, key: &str) -> usize {
    v[key].as_array().map_or(0, Vec::len)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_prints_two_logins_and_serves_ninety_days_of_everything() {
    let dir = std::env::temp_dir().join(format!("rk_demo_{}", rekindle::secret::new_id()));
    let file = dir.join("demo.db");
    let server = Server::start(&[
        "demo",
        "--addr",
        "127.0.0.1:0",
        "--file",
        file.to_str().unwrap(),
    ]);
    let logins: Vec<&String> = server
        .said
        .iter()
        .filter(|l| l.starts_with("sign in as "))
        .collect();
    assert_eq!(logins.len(), 2, "{:?}", server.said);
    let maya = sign_in(&server, logins[0]).await;
    let tom = sign_in(&server, logins[1]).await;

    let today = jiff::Zoned::now().date();
    let from = today.saturating_sub(jiff::Span::new().days(95));
    let checkins = get(
        &server,
        &format!("/api/v1/checkins?from={from}&to={today}"),
        &maya,
    )
    .await;
    assert!(count(&checkins, "mine") > 60, "{checkins}");
    assert!(count(&checkins, "partner") > 60);
    let journal = get(&server, "/api/v1/journal", &maya).await;
    assert!(count(&journal, "entries") >= 5, "{journal}");
    assert!(
        journal["entries"][0]["body"]
            .as_str()
            .is_some_and(|b| b.len() > 20)
    );
    assert!(count(&get(&server, "/api/v1/journal", &tom).await, "entries") >= 2);
    let history = get(&server, "/api/v1/prompts/history", &tom).await;
    assert!(history.to_string().len() > 2_000, "answered questions");
    for (path, key) in [
        ("/api/v1/notes/inbox", "notes"),
        ("/api/v1/dates/memories", "dates"),
        ("/api/v1/fair-splits", "splits"),
        ("/api/v1/compromise", "topics"),
        ("/api/v1/state-of-us/past", "meetings"),
        ("/api/v1/mutual/matches", "matches"),
    ] {
        let found = get(&server, path, &maya).await;
        assert!(count(&found, key) > 0, "{path}: {found}");
    }
    let love_map = get(&server, "/api/v1/love-map", &tom).await;
    assert!(love_map.to_string().contains("spot_on"), "{love_map}");
    let listening = get(&server, "/api/v1/listening", &tom).await;
    assert!(
        listening.to_string().contains("Our weekends"),
        "{listening}"
    );
    let touch = get(&server, "/api/v1/affection", &tom).await;
    assert!(touch.to_string().contains("hug"), "{touch}");
    drop(server);
    let _ = std::fs::remove_dir_all(dir);
}
