//! E-mail against a real SMTP server (Python's `aiosmtpd`, started here, writing to a
//! Maildir): a note's notification arrives by e-mail to the recipient who asked for
//! it, says only "You have a new note" — never the note — and carries a Message-ID
//! made from its outbox item; a crash between sending and recording (made by hand
//! here) sends it again with the same Message-ID, and it is recorded once.

use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{TestApp, pair, python, strict};

struct Smtp {
    child: Child,
    port: u16,
    maildir: std::path::PathBuf,
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.maildir);
    }
}

fn start_smtp() -> Option<Smtp> {
    let python = python()?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let maildir = std::env::temp_dir().join(format!("rk_mail_{}", rekindle::secret::new_id()));
    let child = Command::new(python)
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(&maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "aiosmtpd did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Smtp {
        child,
        port,
        maildir,
    })
}

/// The messages delivered so far, as text.
fn messages(smtp: &Smtp) -> Vec<String> {
    let Ok(dir) = std::fs::read_dir(smtp.maildir.join("new")) else {
        return Vec::new();
    };
    dir.map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect()
}

fn header<'a>(message: &'a str, name: &str) -> Option<&'a str> {
    message.lines().find_map(|l| {
        l.split_once(':')
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_note_arrives_by_email_without_its_words_and_a_resend_keeps_its_id() {
    let Some(smtp) = start_smtp() else {
        assert!(
            !strict(),
            "Python with aiosmtpd is required (REKINDLE_PYTHON)"
        );
        eprintln!("note: no Python with aiosmtpd; the e-mail test is skipped");
        return;
    };
    let app = TestApp::sqlite().await;
    let p = pair(&app).await;
    let mailer = rekindle::jobs::Mailer::new(
        &format!("smtp://127.0.0.1:{}", smtp.port),
        "Rekindle <hello@rekindle.example>",
        Some("https://rekindle.example".into()),
    )
    .unwrap();
    let worker = rekindle::jobs::Worker::new(
        app.db().clone(),
        app.clock.clone(),
        Some(Arc::new(mailer)),
        Arc::new(tokio::sync::Notify::new()),
        Duration::from_secs(1),
    );
    // Alex wants e-mail; Sam does not.
    let res = app
        .api(
            Method::PUT,
            "/api/v1/me/reminders",
            Some(&p.alex),
            Some(json!({"checkin_at": null, "quiet_hours": null, "kindness_per_week": 0, "email": true})),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let res = app
        .api(
            Method::POST,
            "/api/v1/notes",
            Some(&p.sam),
            Some(json!({"body": "Canary-email-5521 the way you laugh at your own jokes"})),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    worker.run_due().await.unwrap();

    let got = messages(&smtp);
    assert_eq!(got.len(), 1, "one e-mail");
    let m = &got[0];
    assert!(
        !m.contains("Canary-email-5521"),
        "never the note's words:\n{m}"
    );
    assert_eq!(header(m, "To"), Some("alex@example.org"));
    assert_eq!(header(m, "Subject"), Some("You have a new note"));
    assert!(m.contains("https://rekindle.example/notes"), "{m}");
    let outbox_id: Vec<String> = app
        .db()
        .column("SELECT id FROM outbox WHERE kind = 'note'", vec![])
        .await
        .unwrap();
    let want_id = format!("<{}@rekindle.example>", outbox_id[0]);
    assert_eq!(header(m, "Message-ID"), Some(want_id.as_str()));
    assert_eq!(app.count("SELECT COUNT(*) FROM email_sends").await, 1);
    assert_eq!(app.count("SELECT COUNT(*) FROM notifications").await, 1);

    // A crash after sending, before recording: the item is back at its e-mail stage.
    app.db()
        .execute(
            "UPDATE outbox SET done_at = NULL, claimed_until = NULL, stage = 'email'",
            vec![],
        )
        .await
        .unwrap();
    app.db()
        .execute("DELETE FROM email_sends", vec![])
        .await
        .unwrap();
    worker.run_due().await.unwrap();
    let got = messages(&smtp);
    assert_eq!(got.len(), 2, "sent again (e-mail is at least once)");
    assert!(
        got.iter()
            .all(|m| header(m, "Message-ID") == Some(want_id.as_str())),
        "with the same Message-ID"
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM email_sends").await, 1);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications").await,
        1,
        "still one in the app"
    );
}
