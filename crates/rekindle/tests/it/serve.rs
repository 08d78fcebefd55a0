//! The real binary on a real port: the `listening on` line, port 0, the default
//! SQLite file, `/healthz`, graceful shutdown on SIGTERM, and refusing unknown
//! database URL schemes.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

fn scratch_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rk_serve_{}", rekindle::secret::new_id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn http_get(addr: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn serve_prints_its_real_port_answers_and_stops_cleanly_on_sigterm() {
    let dir = scratch_dir();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rekindle"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .current_dir(&dir)
        .env_remove("REKINDLE_DATABASE_URL")
        .env_remove("REKINDLE_ADDR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    assert!(!addr.ends_with(":0"), "shows the real port: {addr}");
    let health = http_get(&addr, "/healthz");
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(
        dir.join("rekindle-data/rekindle.db").exists(),
        "default SQLite file created with its folder"
    );

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.contains("shutting down"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_unknown_database_scheme_is_an_error_not_a_new_database() {
    let dir = scratch_dir();
    let out = Command::new(env!("CARGO_BIN_EXE_rekindle"))
        .args([
            "migrate",
            "--database-url",
            "mysql://root@localhost/rekindle",
        ])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported database URL scheme"));
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "nothing created"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn migrate_creates_and_reports() {
    let dir = scratch_dir();
    let out = Command::new(env!("CARGO_BIN_EXE_rekindle"))
        .args(["migrate", "--database-url", "sqlite://data/x.db"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(dir.join("data/x.db").exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_operator_can_reset_a_password_and_it_ends_every_session() {
    let dir = scratch_dir();
    let url = format!("sqlite://{}/r.db", dir.display());
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_rekindle"))
            .args(args)
            .args(["--database-url", &url])
            .output()
            .unwrap()
    };
    let seeded = run(&["seed", "--couples", "1", "--days", "3"]);
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    let listed = run(&["user", "list"]);
    let email = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .next()
        .unwrap()
        .split('\t')
        .nth(1)
        .unwrap()
        .to_owned();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let url_db = rekindle::config::DatabaseUrl::parse(Some(&url)).unwrap();
    let db = rt.block_on(async {
        let db = rekindle::db::Db::connect(&url_db).await.unwrap();
        let (user, _) = rekindle::db::users::find_for_login(&db, &email)
            .await
            .unwrap()
            .unwrap();
        rekindle::db::sessions::create(
            &db,
            &user.id,
            rekindle::db::sessions::SessionKind::Api,
            None,
            std::net::IpAddr::from([127, 0, 0, 1]),
            rekindle::db::now_ms(),
        )
        .await
        .unwrap();
        db
    });
    let reset = run(&["user", "reset-password", &email]);
    assert!(
        reset.status.success(),
        "{}",
        String::from_utf8_lossy(&reset.stderr)
    );
    let out = String::from_utf8_lossy(&reset.stdout).into_owned();
    let password = out
        .lines()
        .next()
        .unwrap()
        .rsplit(' ')
        .next()
        .unwrap()
        .to_owned();
    assert!(password.len() >= 20);
    // The new password works; the seeded one no longer does.
    rt.block_on(async {
        let (user, hash) = rekindle::db::users::find_for_login(&db, &email)
            .await
            .unwrap()
            .unwrap();
        let live = rekindle::db::sessions::list_for_user(&db, &user.id, rekindle::db::now_ms())
            .await
            .unwrap();
        assert!(live.is_empty(), "every session ended");
        assert!(
            rekindle::auth::password::verify(password, Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(
            !rekindle::auth::password::verify(rekindle::seed::SEED_PASSWORD.to_owned(), Some(hash))
                .await
                .unwrap()
        );
    });
    let unknown = run(&["user", "reset-password", "nobody@example.org"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no account"));
    let _ = std::fs::remove_dir_all(dir);
}
