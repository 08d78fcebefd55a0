//! Backups and restores (issue 16): a backup restored into an empty database of either
//! engine holds exactly the rows it was taken from — nothing lost, nothing changed —
//! and a person's encrypted journal still opens after the move. A damaged file, a
//! non-empty target or an existing backup name is refused and changes nothing.

use std::collections::BTreeMap;
use std::path::PathBuf;

use axum::http::{Method, StatusCode};
use rekindle::db::backup::{self, BackupError};
use rekindle::db::{Cell, Db, migrate};
use serde_json::json;

use crate::helpers::{PASSWORD, Pair, TestApp, london_today, pair};

const SECRET_ENTRY: &str = "What I could not say at dinner: I miss our Sunday walks.";

/// Every row of every table, each table's rows sorted: two databases with the same
/// rows give the same map whatever order they were written in.
async fn all_rows(db: &Db) -> BTreeMap<&'static str, Vec<Vec<Cell>>> {
    db.read(|c| {
        let mut out = BTreeMap::new();
        for table in migrate::tables_until(migrate::latest_version()) {
            let mut rows: Vec<Vec<Cell>> =
                c.query(&format!("SELECT * FROM {table}"), &[], |r| {
                    (0..r.column_names().len()).map(|i| r.get(i)).collect()
                })?;
            rows.sort_by_key(|r| format!("{r:?}"));
            out.insert(table, rows);
        }
        Ok(out)
    })
    .await
    .unwrap()
}

/// A couple with a little of everything, a sealed journal entry among it, and three
/// seeded couples' histories for volume.
async fn fill(app: &TestApp) -> Pair {
    let p = pair(app).await;
    let today = london_today(app);
    let checkin = app
        .api(
            Method::PUT,
            &format!("/api/v1/checkins/{today}"),
            Some(&p.sam),
            Some(json!({"closeness": 5, "mood": 4, "felt_heard": 4,
                "appreciation": "the tea", "note": "a private note"})),
        )
        .await;
    assert_eq!(checkin.status, StatusCode::OK, "{}", checkin.text());
    let entry = app
        .api(
            Method::POST,
            "/api/v1/journal",
            Some(&p.sam),
            Some(json!({"body": SECRET_ENTRY})),
        )
        .await;
    assert_eq!(entry.status, StatusCode::CREATED, "{}", entry.text());
    let note = app
        .api(
            Method::POST,
            "/api/v1/notes",
            Some(&p.alex),
            Some(json!({"body": "Thinking of you"})),
        )
        .await;
    assert_eq!(note.status, StatusCode::CREATED, "{}", note.text());
    rekindle::seed::seed(app.db(), 3, 20, 7).await.unwrap();
    p
}

fn scratch_file(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("rk_backup_{}_{name}", rekindle::secret::new_id()))
}

/// Signs in with the password (which opens the data key) and reads the journal.
async fn journal_after_sign_in(app: &TestApp, email: &str) -> serde_json::Value {
    let login = app
        .api(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": email, "password": PASSWORD})),
        )
        .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.text());
    let token = login.json()["token"].as_str().unwrap().to_owned();
    let list = app
        .api(Method::GET, "/api/v1/journal", Some(&token), None)
        .await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.text());
    list.json()
}

/// Backs `source` up, restores it into `target`, and checks every row and the journal.
async fn round_trip(source: &TestApp, target: &TestApp) {
    fill(source).await;
    let file = scratch_file("round_trip");
    let made = backup::backup(source.db(), &file).await.unwrap();
    let restored = backup::restore(target.db(), &file).await.unwrap();
    assert_eq!(
        restored.tables,
        migrate::tables_until(migrate::latest_version()).len()
    );
    if made.kind == "logical" {
        assert_eq!(made.rows, restored.rows);
    }
    let (before, after) = (all_rows(source.db()).await, all_rows(target.db()).await);
    for (table, rows) in &before {
        assert_eq!(
            Some(rows),
            after.get(table),
            "table {table} differs after restore"
        );
    }
    assert!(before["journal_entries"].len() == 1 && before["checkins"].len() > 50);
    // The sealed entry opens with the person's password on the other database.
    let journal = journal_after_sign_in(target, "sam@example.org").await;
    assert_eq!(journal["entries"][0]["body"], SECRET_ENTRY, "{journal}");
    let _ = std::fs::remove_file(&file);
}

async fn postgres() -> Option<TestApp> {
    TestApp::postgres().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_to_sqlite() {
    round_trip(&TestApp::sqlite().await, &TestApp::sqlite().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_to_postgres() {
    if let Some(target) = postgres().await {
        round_trip(&TestApp::sqlite().await, &target).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_to_sqlite() {
    if let Some(source) = postgres().await {
        round_trip(&source, &TestApp::sqlite().await).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_to_postgres() {
    if let (Some(source), Some(target)) = (postgres().await, postgres().await) {
        round_trip(&source, &target).await;
    }
}

/// A backup taken while check-ins are being written is one moment's database: it
/// restores (every foreign key holds) and has no half-written work.
async fn backup_while_writing(app: TestApp) {
    let p = fill(&app).await;
    let app = std::sync::Arc::new(app);
    let writer = {
        let (app, token) = (std::sync::Arc::clone(&app), p.alex.clone());
        tokio::spawn(async move {
            for i in 0..40 {
                let res = app
                    .api(
                        Method::POST,
                        "/api/v1/journal",
                        Some(&token),
                        Some(json!({"body": format!("entry {i}")})),
                    )
                    .await;
                assert_eq!(res.status, StatusCode::CREATED);
            }
        })
    };
    let file = scratch_file("online");
    backup::backup(app.db(), &file).await.unwrap();
    writer.await.unwrap();
    let target = TestApp::sqlite().await;
    backup::restore(target.db(), &file).await.unwrap();
    let entries = target
        .count("SELECT CAST(COUNT(*) AS BIGINT) FROM journal_entries")
        .await;
    assert!((1..=41).contains(&entries), "{entries}");
    let _ = std::fs::remove_file(&file);
}
crate::on_both!(backup_while_writing);

/// Refusals: an existing file name, a non-empty target, a damaged file, a newer
/// schema, something that is not a backup. Each leaves the target as it was.
async fn refusals(app: TestApp) {
    fill(&app).await;
    let file = scratch_file("refusals");
    backup::backup(app.db(), &file).await.unwrap();
    assert!(matches!(
        backup::backup(app.db(), &file).await,
        Err(BackupError::Exists(_))
    ));
    // The source itself is not empty.
    let before = all_rows(app.db()).await;
    assert!(matches!(
        backup::restore(app.db(), &file).await,
        Err(BackupError::NotEmpty("users"))
    ));
    assert_eq!(before, all_rows(app.db()).await);

    // A logical backup (what PostgreSQL writes) cut short, with a newer schema, or
    // not a backup at all: refused, and the empty target stays empty.
    let logical = match app.db().backend() {
        rekindle::db::Backend::Postgres => file.clone(),
        rekindle::db::Backend::Sqlite => return,
    };
    let text = std::fs::read_to_string(&logical).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let cut = scratch_file("cut");
    std::fs::write(&cut, lines[..lines.len() - 2].join("\n")).unwrap();
    let newer = scratch_file("newer");
    std::fs::write(
        &newer,
        text.replacen("\"migrations\":[", "\"migrations\":[9999,", 1),
    )
    .unwrap();
    let junk = scratch_file("junk");
    std::fs::write(&junk, "hello\n").unwrap();
    let target = TestApp::sqlite().await;
    let empty = all_rows(target.db()).await;
    assert!(matches!(
        backup::restore(target.db(), &cut).await,
        Err(BackupError::Damaged(_))
    ));
    assert!(matches!(
        backup::restore(target.db(), &newer).await,
        Err(BackupError::Newer(9999, _))
    ));
    assert!(matches!(
        backup::restore(target.db(), &junk).await,
        Err(BackupError::NotABackup(_))
    ));
    assert_eq!(empty, all_rows(target.db()).await);
    for f in [file, cut, newer, junk] {
        let _ = std::fs::remove_file(f);
    }
}
crate::on_both!(refusals);

/// The migrations' table list is the database's: a table added later is backed up
/// without code here.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_table_is_in_the_backup() {
    let app = TestApp::sqlite().await;
    let mut in_db: Vec<String> = app
        .db()
        .column(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND name <> '_sqlx_migrations'",
            vec![],
        )
        .await
        .unwrap();
    let mut listed: Vec<String> = migrate::tables_until(migrate::latest_version())
        .into_iter()
        .map(str::to_owned)
        .collect();
    in_db.sort();
    listed.sort();
    assert_eq!(in_db, listed);
}

/// The commands themselves: `rekindle backup` on a SQLite database, then `rekindle
/// restore` of that file into a new PostgreSQL database (the move the issue names).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_commands_move_a_couple_from_sqlite_to_postgres() {
    let Some(target) = postgres().await else {
        return;
    };
    let source = TestApp::sqlite().await;
    fill(&source).await;
    let file = scratch_file("cli.db");
    let run = |args: &[&str], url: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rekindle"))
            .args(args)
            .args(["--database-url", url])
            .env_remove("REKINDLE_DATABASE_URL")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let file_arg = file.to_str().unwrap();
    let said = run(&["backup", file_arg], &source.database_url());
    assert!(said.contains("wrote a copy"), "{said}");
    let said = run(&["restore", file_arg], &target.database_url());
    assert!(said.starts_with("restored "), "{said}");
    assert_eq!(all_rows(source.db()).await, all_rows(target.db()).await);
    let journal = journal_after_sign_in(&target, "sam@example.org").await;
    assert_eq!(journal["entries"][0]["body"], SECRET_ENTRY);
    let _ = std::fs::remove_file(&file);
}
