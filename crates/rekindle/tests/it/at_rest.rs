//! Encryption at rest and nothing in the logs (PRIVACY.md, promises 2 and 3), with the
//! real binary: Sam writes canaries into the journal and every other private prose
//! through the API of `rekindle serve` (logging at debug); afterwards none of them is
//! in the SQLite file (or its WAL), in a backup made with `VACUUM INTO`, in the
//! server's log, in Alex's export, or in the operator's `rekindle export` — while
//! Sam's own export has them all. On PostgreSQL the same canaries are absent from a
//! `pg_dump` of the database.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TestApp, pair, strict};

/// Private writing of every kind, each with its canary: (path, method, body).
fn private_writes(today: &str) -> Vec<(&'static str, String, Value)> {
    vec![
        (
            "POST",
            "/api/v1/journal".into(),
            json!({"body": "Canary-journal-5501 what I want to say gently", "tags": ["canary-tag-5502"]}),
        ),
        (
            "PUT",
            format!("/api/v1/checkins/{today}"),
            json!({"closeness": 4, "mood": 4, "felt_heard": 4, "note": "Canary-note-5503",
                "appreciation": "Shared-appreciation-5599"}),
        ),
        (
            "POST",
            "/api/v1/gestures/loves".into(),
            json!({"body": "Canary-loves-5504"}),
        ),
        (
            "POST",
            "/api/v1/affection/wishes".into(),
            json!({"body": "Canary-wish-5505"}),
        ),
    ]
}

const CANARIES: [&str; 5] = [
    "Canary-journal-5501",
    "canary-tag-5502",
    "Canary-note-5503",
    "Canary-loves-5504",
    "Canary-wish-5505",
];

/// One JSON request to the real server: (status, body).
fn call(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let body = body.map(Value::to_string).unwrap_or_default();
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{auth}\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, body.to_owned())
}

fn json_of(body: &str) -> Value {
    // Bodies are whole (Connection: close, no chunking for these small answers);
    // tolerate a chunked one by taking the JSON between the outer braces.
    let start = body.find('{').unwrap_or(0);
    let end = body.rfind('}').map_or(body.len(), |e| e + 1);
    serde_json::from_str(&body[start..end]).unwrap_or(Value::Null)
}

/// The first canary found in `bytes`, if any.
fn canary_in(bytes: &[u8]) -> Option<&'static str> {
    CANARIES
        .iter()
        .copied()
        .find(|c| bytes.windows(c.len()).any(|w| w == c.as_bytes()))
}

#[test]
fn nothing_private_is_in_the_database_file_a_backup_or_the_logs() {
    let dir = std::env::temp_dir().join(format!("rk_at_rest_{}", rekindle::secret::new_id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("rekindle.db");
    let url = format!("sqlite://{}", db.display());
    let log = std::fs::File::create(dir.join("server.log")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rekindle"))
        .args(["serve", "--addr", "127.0.0.1:0", "--database-url", &url])
        .env_remove("REKINDLE_ADDR")
        .env("RUST_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::from(log))
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap()
        .to_owned();

    let register = |email: &str, name: &str| {
        let (status, body) = call(
            &addr,
            "POST",
            "/api/v1/auth/register",
            None,
            Some(
                &json!({"email": email, "password": PASSWORD, "display_name": name,
                "timezone": "Europe/London"}),
            ),
        );
        assert_eq!(status, 201, "{body}");
        json_of(&body)["token"].as_str().unwrap().to_owned()
    };
    let sam = register("sam@example.org", "Sam");
    let alex = register("alex@example.org", "Alex");
    let invite = json_of(&call(&addr, "POST", "/api/v1/couple", Some(&sam), None).1)["invite_code"]
        .as_str()
        .unwrap()
        .to_owned();
    let (joined, _) = call(
        &addr,
        "POST",
        "/api/v1/couple/join",
        Some(&alex),
        Some(&json!({"invite_code": invite})),
    );
    assert_eq!(joined, 200);
    let today = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::get("Europe/London").unwrap())
        .date()
        .to_string();
    for (method, path, body) in private_writes(&today) {
        let (status, answer) = call(&addr, method, &path, Some(&sam), Some(&body));
        assert!((200..300).contains(&status), "{path}: {status} {answer}");
    }
    // Sam's export has everything; Alex's has none of it, only what was shared.
    let (_, mine) = call(&addr, "GET", "/api/v1/me/export", Some(&sam), None);
    for c in CANARIES {
        assert!(mine.contains(c), "Sam's export lacks {c}");
    }
    let (_, theirs) = call(&addr, "GET", "/api/v1/me/export", Some(&alex), None);
    assert_eq!(canary_in(theirs.as_bytes()), None);
    assert!(theirs.contains("Shared-appreciation-5599"));
    let (_, alex_journal) = call(&addr, "GET", "/api/v1/journal", Some(&alex), None);
    assert_eq!(canary_in(alex_journal.as_bytes()), None);

    let stopped = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    assert!(child.wait().unwrap().success());

    // The database file and whatever sits beside it.
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(canary_in(&bytes), None, "plaintext in {name}");
        if name == "server.log" {
            assert!(!bytes.is_empty(), "the server logged");
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains(&sam) && !text.contains(&alex),
                "a token in the log"
            );
        }
    }
    let shared_is_there = std::fs::read(&db).unwrap();
    assert!(
        shared_is_there
            .windows(24)
            .any(|w| w == b"Shared-appreciation-5599"),
        "the scan reads the file for real: shared words are plain"
    );
    // A backup of the live database, as `VACUUM INTO` writes it.
    let backup = dir.join("backup.db");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute("VACUUM INTO ?1", [backup.to_str().unwrap()])
        .unwrap();
    assert_eq!(canary_in(&std::fs::read(&backup).unwrap()), None);
    // The operator's export has no key: private writing stays sealed.
    let out = Command::new(env!("CARGO_BIN_EXE_rekindle"))
        .args([
            "export",
            "--user",
            "sam@example.org",
            "--database-url",
            &url,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(canary_in(&out.stdout), None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Shared-appreciation-5599"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The same canaries are absent from a `pg_dump` of a PostgreSQL database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_private_is_in_a_postgres_dump() {
    let Some(app) = TestApp::postgres().await else {
        return;
    };
    let p = pair(&app).await;
    let today = crate::helpers::london_today(&app);
    for (method, path, body) in private_writes(&today) {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let res = app.api(method, &path, Some(&p.sam), Some(body)).await;
        assert!(res.status.is_success(), "{path}: {}", res.text());
    }
    let dump = Command::new("pg_dump").arg(app.database_url()).output();
    let dump = match dump {
        Ok(out) if out.status.success() => out.stdout,
        other => {
            assert!(!strict(), "pg_dump is required: {other:?}");
            return;
        }
    };
    assert!(
        String::from_utf8_lossy(&dump).contains("Shared-appreciation-5599"),
        "the dump holds the data"
    );
    assert_eq!(canary_in(&dump), None);
    let res = app
        .api(Method::GET, "/api/v1/journal", Some(&p.sam), None)
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.text().contains("Canary-journal-5501"));
}
