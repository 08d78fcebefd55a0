//! The gentle-start coach through the API, the CLI (report, JSON, JSON Lines) and the
//! page hint — all the same analysis.

use std::io::Write as _;
use std::process::{Command, Stdio};

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::TestApp;
use crate::on_both;

fn cli(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rekindle"))
        .arg("coach")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_cli_flags_criticism_with_correct_spans() {
    let (code, out, _) = cli(&["--json"], b"You never listen to me\n");
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["findings"][0]["kind"], "criticism");
    assert_eq!(
        (
            v["findings"][0]["start"].as_u64(),
            v["findings"][0]["end"].as_u64()
        ),
        (Some(0), Some(9))
    );
    assert!(v["gentleness"].as_u64().unwrap() < 50);
    assert!(v["rewrite"].as_str().unwrap().starts_with("I feel"));
    let (code, report, _) = cli(&["You", "never", "listen", "to", "me"], b"");
    assert_eq!(code, 0);
    assert!(
        report.contains("Criticism \"You never\" (bytes 0-9)"),
        "{report}"
    );
}

#[test]
fn lines_mode_answers_every_line_in_order() {
    let messages = [
        "You never listen to me",
        "Could you please help me tonight? Thank you!",
        "Whatever.",
        "",
    ];
    let input: String = (0..3000)
        .map(|i| format!("{}\n", messages[i % messages.len()]))
        .collect();
    let (code, out, err) = cli(&["--lines"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3000);
    for (i, line) in lines.iter().enumerate() {
        let v: Value = serde_json::from_str(line).unwrap();
        let kinds: Vec<&str> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["kind"].as_str().unwrap())
            .collect();
        let expected: &[&str] = match i % 4 {
            0 => &["criticism"],
            2 => &["stonewalling"],
            _ => &[],
        };
        assert_eq!(kinds, expected, "line {i}");
    }
}

#[test]
fn unreadable_input_exits_2_with_one_line() {
    let (code, out, err) = cli(&[], b"\xff\xfe not utf-8");
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 1, "{err}");
}

async fn the_api_gives_the_same_answer_as_the_cli(app: TestApp) {
    let (_, token) = app.register("sam@example.org", "Sam").await;
    for text in [
        "You never listen to me",
        "Why haven't you called the plumber?",
        "I feel lonely when we don't talk. Could we walk tonight?",
        "",
    ] {
        let res = app
            .api(
                Method::POST,
                "/api/v1/coach",
                Some(&token),
                Some(json!({"text": text})),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK);
        let (_, out, _) = cli(&["--json"], text.as_bytes());
        assert_eq!(
            res.json(),
            serde_json::from_str::<Value>(out.trim()).unwrap(),
            "{text}"
        );
    }
    let long = app
        .api(
            Method::POST,
            "/api/v1/coach",
            Some(&token),
            Some(json!({"text": "a".repeat(20_001)})),
        )
        .await;
    assert_eq!(long.status, StatusCode::UNPROCESSABLE_ENTITY);
    let anon = app
        .api(
            Method::POST,
            "/api/v1/coach",
            None,
            Some(json!({"text": "hi"})),
        )
        .await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
}
on_both!(the_api_gives_the_same_answer_as_the_cli);

async fn the_page_hint_suggests_and_never_blocks(app: TestApp) {
    let cookie = app
        .page(
            Method::POST,
            "/register",
            None,
            &[
                ("email", "sam@example.org"),
                ("password", crate::helpers::PASSWORD),
                ("display_name", "Sam"),
                ("timezone", "UTC"),
            ],
        )
        .await
        .session_cookie()
        .unwrap();
    let harsh = app
        .page(
            Method::POST,
            "/coach/hint",
            Some(&cookie),
            &[("appreciation", "You're so lazy")],
        )
        .await;
    assert_eq!(harsh.status, StatusCode::OK);
    assert!(harsh.text().contains("Want to try a softer start?"));
    let gentle = app
        .page(
            Method::POST,
            "/coach/hint",
            Some(&cookie),
            &[("body", "Thank you for dinner, I loved it.")],
        )
        .await;
    assert!(gentle.text().contains("gentle start"));
    let empty = app
        .page(
            Method::POST,
            "/coach/hint",
            Some(&cookie),
            &[("body", "  ")],
        )
        .await;
    assert!(empty.text().trim().is_empty());
    // A harsh appreciation still saves: the coach suggests, it never blocks.
    let today = rekindle_core::schedule::ZoneName::parse("UTC")
        .unwrap()
        .local_day(app.clock.now_ms())
        .unwrap()
        .to_string();
    let saved = app
        .page(
            Method::POST,
            "/checkin",
            Some(&cookie),
            &[
                ("day", &today),
                ("closeness", "3"),
                ("mood", "2"),
                ("felt_heard", "2"),
                ("appreciation", "You never listen to me"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
}
on_both!(the_page_hint_suggests_and_never_blocks);
