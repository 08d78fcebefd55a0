//! Two `rekindle serve` processes on one PostgreSQL database, as behind a load
//! balancer (issue 16, part 4): a session made on one works on the other and ends on
//! both; a sealed answer opens on either only once both have answered; a note sent
//! through one arrives through the other at its moment and is announced exactly once
//! though both run the outbox worker. The sign-in throttle is per process (stated in
//! SECURITY.md): each server holds a guesser to its own allowance, so two servers
//! allow at most twice the tries of one — shown here so the statement stays true.

use serde_json::json;

use crate::helpers::{PASSWORD, TestApp};
use crate::process::Server;

fn token(v: &serde_json::Value) -> String {
    v["token"].as_str().expect("a token").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgres_behave_as_one() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    let url = app.database_url();
    let fast_worker = ["--worker-poll-ms", "100"];
    let a = Server::serve(&url, &fast_worker);
    let b = Server::serve(&url, &fast_worker);

    // Sign up on different servers, pair across them.
    let register = |email: &'static str, name: &'static str| {
        json!({"email": email, "password": PASSWORD, "display_name": name,
               "timezone": "Europe/London"})
    };
    let (status, sam) = a
        .call(
            "POST",
            "/api/v1/auth/register",
            None,
            Some(&register("sam@example.org", "Sam")),
        )
        .await;
    assert_eq!(status, 201, "{sam}");
    let sam = token(&sam);
    let (status, alex) = b
        .call(
            "POST",
            "/api/v1/auth/register",
            None,
            Some(&register("alex@example.org", "Alex")),
        )
        .await;
    assert_eq!(status, 201, "{alex}");
    let alex = token(&alex);
    let (_, invite) = a.call("POST", "/api/v1/couple", Some(&sam), None).await;
    let (status, _) = b
        .call(
            "POST",
            "/api/v1/couple/join",
            Some(&alex),
            Some(&json!({"invite_code": invite["invite_code"]})),
        )
        .await;
    assert_eq!(status, 200);

    // Sessions: made on A, good on B; ended on B, gone on A.
    let (status, me) = b.call("GET", "/api/v1/me", Some(&sam), None).await;
    assert_eq!((status, me["display_name"].as_str()), (200, Some("Sam")));
    let extra = a.sign_in("sam@example.org", PASSWORD).await;
    assert_eq!(
        b.call("POST", "/api/v1/auth/logout", Some(&extra), None)
            .await
            .0,
        204
    );
    assert_eq!(a.call("GET", "/api/v1/me", Some(&extra), None).await.0, 401);

    // A sealed answer: Sam answers on A; on B, Alex sees nothing of it until Alex has
    // answered too, then both see both, on either server.
    let (_, today) = a
        .call("GET", "/api/v1/prompts/today", Some(&sam), None)
        .await;
    let prompt = today["prompt"]["id"].as_str().unwrap().to_owned();
    let answer = format!("/api/v1/prompts/{prompt}/answer");
    let said = |body: &str| json!({"body": body});
    assert_eq!(
        a.call("PUT", &answer, Some(&sam), Some(&said("The sea.")))
            .await
            .0,
        200
    );
    let (_, seen) = b
        .call("GET", "/api/v1/prompts/today", Some(&alex), None)
        .await;
    assert!(seen["partner_answer"].is_null(), "{seen}");
    assert!(!seen.to_string().contains("The sea."));
    assert_eq!(
        b.call("PUT", &answer, Some(&alex), Some(&said("The hills.")))
            .await
            .0,
        200
    );
    let (_, seen) = b
        .call("GET", "/api/v1/prompts/today", Some(&alex), None)
        .await;
    assert!(seen.to_string().contains("The sea."), "{seen}");
    let (_, seen) = a
        .call("GET", "/api/v1/prompts/today", Some(&sam), None)
        .await;
    assert!(seen.to_string().contains("The hills."), "{seen}");

    // A note for three seconds from now, sent through A: not in Alex's inbox on B
    // before its moment, there after it, and announced once by the two workers.
    let at = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(3);
    let (status, note) = a
        .call(
            "POST",
            "/api/v1/notes",
            Some(&sam),
            Some(&json!({"body": "See you at six", "deliver_at": at.to_string()})),
        )
        .await;
    assert_eq!(status, 201, "{note}");
    let note_id = note["id"].as_str().unwrap().to_owned();
    let (_, inbox) = b
        .call("GET", "/api/v1/notes/inbox", Some(&alex), None)
        .await;
    assert!(!inbox.to_string().contains("See you at six"), "{inbox}");
    tokio::time::sleep(std::time::Duration::from_millis(3_500)).await;
    let (_, inbox) = b
        .call("GET", "/api/v1/notes/inbox", Some(&alex), None)
        .await;
    assert!(inbox.to_string().contains("See you at six"), "{inbox}");
    let mut announced = 0;
    for _ in 0..50 {
        announced = app
            .count(&format!(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM notifications WHERE subject_id = '{note_id}'"
            ))
            .await;
        if announced > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // Both workers have had many turns since; still one.
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let after = app
        .count(&format!(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM notifications WHERE subject_id = '{note_id}'"
        ))
        .await;
    assert_eq!((announced, after), (1, 1));

    // The throttle: wrong passwords for Sam until A makes the guesser wait; B, with
    // its own count, allows its own few, then makes them wait too.
    let wrong = json!({"email": "sam@example.org", "password": "not the password at all"});
    let until_throttled = |server: &'static str, s: &Server| {
        let wrong = wrong.clone();
        let addr = s.addr.clone();
        async move {
            for tries in 1..=20 {
                let (status, _) =
                    crate::process::call(&addr, "POST", "/api/v1/auth/login", None, Some(&wrong))
                        .await
                        .unwrap();
                if status == 429 {
                    return tries - 1;
                }
                assert_eq!(status, 401, "{server}");
            }
            panic!("{server} never slowed the guesser down");
        }
    };
    let on_a = until_throttled("A", &a).await;
    let on_b = until_throttled("B", &b).await;
    assert_eq!(
        (on_a, on_b),
        (3, 3),
        "each process allows its own free tries"
    );
}
