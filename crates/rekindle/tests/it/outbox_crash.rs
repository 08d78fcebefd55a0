//! Exactly once across crashes, with real server processes: notes fall due over a few
//! seconds while their outbox is worked by `rekindle serve`; on SQLite the one server is
//! killed with SIGKILL twice and restarted, on PostgreSQL two servers work the same
//! outbox and one of them is killed and restarted. Afterwards every note has exactly
//! one notification — none lost, none twice — and the outbox is done; an item a killed
//! server had claimed is taken again once its (here one-second) claim runs out.
//! Bounded: about ten seconds per engine.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::{TestApp, strict};

/// How many notes, and how far apart they fall due.
const NOTES: i64 = 60;
const STEP_MS: i64 = 100;

fn start(url: &str) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rekindle"))
        .args(["serve", "--addr", "127.0.0.1:0", "--database-url", url])
        .args(["--worker-poll-ms", "100", "--worker-lease-ms", "1000"])
        .env_remove("REKINDLE_ADDR")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(line.starts_with("listening on"), "{line:?}");
    child
}

fn kill_9(child: &mut Child) {
    let _ = child.kill(); // SIGKILL on Unix: no graceful shutdown at all.
    let _ = child.wait();
}

/// Sam writes `NOTES` notes to Alex, due from `first` on, `STEP_MS` apart.
async fn schedule(app: &TestApp, first: i64) {
    let p = crate::helpers::pair(app).await;
    let alex = rekindle::db::couples::current_for(app.db(), &p.alex_id)
        .await
        .unwrap()
        .unwrap();
    let sam_user = rekindle::db::users::list(app.db())
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.id == p.sam_id)
        .unwrap();
    let sam = rekindle::features::Member {
        user: sam_user,
        couple: alex,
        now_ms: rekindle::db::now_ms(),
        key: None,
    };
    for i in 0..NOTES {
        rekindle::features::notes::send(
            app.db(),
            &sam,
            &format!("note {i}"),
            rekindle::features::notes::When::At(first + i * STEP_MS),
        )
        .await
        .unwrap();
    }
}

async fn wait_until_done(app: &TestApp, deadline: Instant) {
    while Instant::now() < deadline {
        if app
            .count("SELECT COUNT(*) FROM outbox WHERE done_at IS NULL")
            .await
            == 0
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn check_once_each(app: &TestApp) {
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE done_at IS NULL")
            .await,
        0,
        "everything was worked"
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM notifications").await,
        NOTES,
        "one notification per note, none lost and none twice"
    );
    assert_eq!(
        app.count("SELECT COUNT(DISTINCT outbox_id) FROM notifications")
            .await,
        NOTES
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_kill_9_and_restart_around_due_times() {
    let app = TestApp::sqlite().await;
    let url = app.database_url();
    let first = rekindle::db::now_ms() + 1_500;
    schedule(&app, first).await;
    let mut server = start(&url);
    let end = Instant::now() + Duration::from_millis(1_500 + (NOTES * STEP_MS) as u64);
    for pause in [2_200, 1_700] {
        tokio::time::sleep(Duration::from_millis(pause)).await;
        kill_9(&mut server);
        server = start(&url);
    }
    wait_until_done(&app, end.max(Instant::now()) + Duration::from_secs(10)).await;
    kill_9(&mut server);
    check_once_each(&app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_two_servers_one_killed_and_restarted() {
    let Some(app) = TestApp::postgres().await else {
        assert!(!strict());
        return;
    };
    let url = app.database_url();
    let first = rekindle::db::now_ms() + 1_500;
    schedule(&app, first).await;
    let mut a = start(&url);
    let mut b = start(&url);
    let end = Instant::now() + Duration::from_millis(1_500 + (NOTES * STEP_MS) as u64);
    tokio::time::sleep(Duration::from_millis(3_000)).await;
    kill_9(&mut a);
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    a = start(&url);
    wait_until_done(&app, end.max(Instant::now()) + Duration::from_secs(10)).await;
    kill_9(&mut a);
    kill_9(&mut b);
    check_once_each(&app).await;
    // Both servers took part.
    let workers: Vec<String> = app
        .db()
        .column("SELECT DISTINCT claimed_by FROM outbox", vec![])
        .await
        .unwrap();
    assert!(!workers.is_empty());
}
