//! A bounded load test against the real binary (issue 8, point 14): 128 concurrent
//! sign-ins with made-up addresses, each from its own source, must leave the server's
//! peak memory (VmHWM) under 200 MB and ordinary requests (`GET /api/v1/me`) quick;
//! then, while one address is being throttled, the owner on that same address signs
//! in with their device token. Loopback only, bounded in count and time; the server is
//! stopped at the end (and killed early if memory runs away, so a regression cannot
//! take the machine down).
//!
//! `REKINDLE_LOAD_TEST_BIN` runs it against another build (for example the release
//! binary, or an older one to see the test fail).
//!
//! Its own test binary, not part of `tests/it`: cargo runs test binaries one after
//! another, so the timings here are not taken while the browser journeys and the
//! other tests share the two cores.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

const FLOOD: usize = 128;
const PEAK_LIMIT_KB: u64 = 200 * 1024;
/// Growth of the resident size from just after start to once a flood has passed:
/// connections, caches and code first run during the flood, but no hash's 19 MiB
/// kept. Measured on 2 December 2026: 16.6–18.6 MiB over six runs (ending at 44 MB
/// every time; the start varies); one kept hash would make it 35 MiB and more. The
/// limit sits between the two (it was 18 MiB until normal growth reached it).
const SETTLED_GROWTH_LIMIT_KB: u64 = 24 * 1024;
/// Far above the limit: the sampler stops the server here, whatever the build.
const RUNAWAY_KB: u64 = 1024 * 1024;
const P99_LIMIT: Duration = Duration::from_millis(50);

/// The server under test; killed when dropped.
struct Server {
    child: Child,
    addr: String,
    dir: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn binary() -> String {
    std::env::var("REKINDLE_LOAD_TEST_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_rekindle").to_owned())
}

fn start(extra_env: &[(&str, &str)]) -> Server {
    let dir = std::env::temp_dir().join(format!("rk_load_{}", rekindle::secret::new_id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut cmd = Command::new(binary());
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--trust-proxy-headers"])
        .arg("--database-url")
        .arg(format!("sqlite://{}/load.db", dir.display()))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();
    Server { child, addr, dir }
}

/// A response: status, headers (lower-case names) and body.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

/// One HTTP/1.1 request on a fresh connection, with a time limit.
async fn http(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await?;
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
            body.len()
        );
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        req.push_str(body);
        stream.write_all(req.as_bytes()).await?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await?;
        std::io::Result::Ok(raw)
    };
    // A broken connection reads as status 0, so the memory verdict comes first.
    let raw = tokio::time::timeout(Duration::from_secs(20), exchange)
        .await
        .expect("answered within 20 s")
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_owned(),
    }
}

async fn post_json(
    addr: &str,
    path: &str,
    from: &str,
    extra: &[(&str, &str)],
    body: Value,
) -> Reply {
    let mut headers = vec![
        ("Content-Type", "application/json"),
        ("X-Forwarded-For", from),
    ];
    headers.extend_from_slice(extra);
    http(addr, "POST", path, &headers, &body.to_string()).await
}

fn kb_field(status: &str, field: &str) -> Option<u64> {
    status
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Samples the server's memory until told to stop; kills it on a runaway.
fn watch_memory(
    pid: u32,
    stop: Arc<AtomicBool>,
    peak_kb: Arc<AtomicU64>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        while !stop.load(Ordering::SeqCst) {
            let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
                return;
            };
            let hwm = kb_field(&status, "VmHWM:").unwrap_or(0);
            peak_kb.fetch_max(hwm, Ordering::SeqCst);
            if kb_field(&status, "VmRSS:").unwrap_or(0) > RUNAWAY_KB {
                let _ = Command::new("kill")
                    .args(["-KILL", &pid.to_string()])
                    .status();
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_sign_in_flood_stays_small_and_quick_and_the_owner_still_gets_in() {
    if !cfg!(target_os = "linux") {
        eprintln!("note: the load test reads /proc; skipped on this system");
        return;
    }
    let started = Instant::now();
    let server = start(&[]);
    let addr = server.addr.clone();
    let home = "10.0.0.1";
    let resident = || {
        std::fs::read_to_string(format!("/proc/{}/status", server.child.id()))
            .ok()
            .and_then(|s| kb_field(&s, "VmRSS:"))
    };
    let at_start_kb = resident().unwrap_or(0);

    // The owner signs up and signs in once from home: a device token.
    let reg = post_json(
        &addr,
        "/api/v1/auth/register",
        home,
        &[],
        json!({
        "email": "owner@example.org", "password": "slow mornings and warm tea",
        "display_name": "Owner", "timezone": "UTC"}),
    )
    .await;
    assert_eq!(reg.status, 201, "{}", reg.body);
    let bearer = format!("Bearer {}", reg.json()["token"].as_str().unwrap());
    let signed_in = post_json(
        &addr,
        "/api/v1/auth/login",
        home,
        &[],
        json!({
        "email": "owner@example.org", "password": "slow mornings and warm tea"}),
    )
    .await;
    assert_eq!(signed_in.status, 200, "{}", signed_in.body);
    // Checked after the flood, so an old build shows its memory before failing here.
    let device = signed_in.json()["device_token"].as_str().map(str::to_owned);

    let stop = Arc::new(AtomicBool::new(false));
    let peak_kb = Arc::new(AtomicU64::new(0));
    let watcher = watch_memory(server.child.id(), stop.clone(), peak_kb.clone());

    // Ordinary requests keep being timed while the flood runs.
    let flooding = Arc::new(AtomicBool::new(true));
    let prober = {
        let (addr, bearer, flooding) = (addr.clone(), bearer.clone(), flooding.clone());
        tokio::spawn(async move {
            let mut times = Vec::new();
            while flooding.load(Ordering::SeqCst) {
                let t = Instant::now();
                let me = http(
                    &addr,
                    "GET",
                    "/api/v1/me",
                    &[("Authorization", &bearer)],
                    "",
                )
                .await;
                times.push((t.elapsed(), me.status));
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            times
        })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;

    // 128 made-up addresses at once, each from its own source.
    let flood: Vec<_> = (0..FLOOD)
        .map(|n| {
            let addr = addr.clone();
            tokio::spawn(async move {
                let from = format!("10.1.{}.{}", n / 200, n % 200 + 1);
                post_json(
                    &addr,
                    "/api/v1/auth/login",
                    &from,
                    &[],
                    json!({
                    "email": format!("made-up-{n}@example.org"), "password": "guess guess guess"}),
                )
                .await
            })
        })
        .collect();
    let mut replies = Vec::new();
    for task in flood {
        replies.push(task.await.unwrap());
    }
    flooding.store(false, Ordering::SeqCst);
    let probes = prober.await.unwrap();
    stop.store(true, Ordering::SeqCst);
    watcher.join().unwrap();

    // Every hash has ended (each reply is in), so its working memory is back with the
    // system: a block kept per thread, or freed to the allocator's arenas, would hold
    // another 19 MiB here.
    let settled_kb = resident().unwrap_or(u64::MAX);
    let peak_mb = peak_kb.load(Ordering::SeqCst) / 1024;
    let growth_kb = settled_kb.saturating_sub(at_start_kb);
    eprintln!(
        "load: resident {} MB at start, {} MB after the flood (grew {} KiB)",
        at_start_kb / 1024,
        settled_kb / 1024,
        growth_kb
    );
    assert!(
        growth_kb < SETTLED_GROWTH_LIMIT_KB,
        "resident size grew by {} MB over the flood (limit {} MB)",
        growth_kb / 1024,
        SETTLED_GROWTH_LIMIT_KB / 1024
    );
    let busy = replies.iter().filter(|r| r.status == 503).count();
    let mut times: Vec<Duration> = probes.iter().map(|(t, _)| *t).collect();
    times.sort();
    let p99 = times[(times.len() * 99).div_ceil(100).saturating_sub(1)];
    eprintln!(
        "load: {FLOOD} sign-ins, {busy} told to come back (503); peak memory {peak_mb} MB; \
         GET /api/v1/me p99 {p99:?} over {} requests (max {:?})",
        times.len(),
        times.last().copied().unwrap_or_default()
    );
    assert!(
        peak_kb.load(Ordering::SeqCst) < PEAK_LIMIT_KB,
        "peak memory {peak_mb} MB (limit 200 MB)"
    );
    for reply in &replies {
        match reply.status {
            401 => {}
            503 => {
                assert_eq!(reply.json()["error"]["code"], "busy");
                assert!(reply.header("retry-after").is_some(), "Retry-After on 503");
            }
            other => panic!("a sign-in answered {other}: {}", reply.body),
        }
    }
    assert!(
        probes.iter().all(|(_, status)| *status == 200),
        "GET /me kept answering"
    );
    assert!(times.len() >= 20, "enough samples: {}", times.len());
    assert!(
        p99 < P99_LIMIT,
        "GET /api/v1/me p99 {p99:?} during the flood"
    );

    let device = device.expect("a device token from the owner's sign-in");
    // Someone else at the owner's address guesses until they must wait.
    let mut throttled = false;
    for n in 0..40 {
        let email = if n % 2 == 0 {
            "owner@example.org".to_owned()
        } else {
            format!("other-{n}@example.org")
        };
        let r = post_json(
            &addr,
            "/api/v1/auth/login",
            home,
            &[],
            json!({"email": email, "password": "a guess"}),
        )
        .await;
        if r.status == 429 {
            throttled = true;
            break;
        }
        assert!(matches!(r.status, 401 | 503), "{}: {}", r.status, r.body);
    }
    assert!(throttled, "the guessing source is throttled");
    let without = post_json(
        &addr,
        "/api/v1/auth/login",
        home,
        &[],
        json!({
        "email": "owner@example.org", "password": "slow mornings and warm tea"}),
    )
    .await;
    assert_eq!(
        without.status, 429,
        "without the device token, the owner waits too"
    );
    let with = post_json(
        &addr,
        "/api/v1/auth/login",
        home,
        &[("X-Rekindle-Device", &device)],
        json!({
        "email": "owner@example.org", "password": "slow mornings and warm tea"}),
    )
    .await;
    assert_eq!(
        with.status, 200,
        "the owner's device gets in: {}",
        with.body
    );
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "bounded: {:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_session_cookie_lifetime_is_the_operators_choice() {
    let server = start(&[("REKINDLE_SESSION_DAYS", "7")]);
    let form =
        "email=sam%40example.org&password=slow+mornings+and+warm+tea&display_name=Sam&timezone=UTC";
    let origin = format!("http://{}", server.addr);
    let reply = http(
        &server.addr,
        "POST",
        "/register",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", &origin),
        ],
        form,
    )
    .await;
    // Signed up and signed in, on the page that shows the recovery code once.
    assert_eq!(reply.status, 200, "{}", reply.body);
    let session = reply
        .headers
        .iter()
        .find(|(k, v)| k == "set-cookie" && v.starts_with("rekindle_session="))
        .map(|(_, v)| v.clone())
        .expect("session cookie");
    assert!(session.contains("Max-Age=604800"), "7 days: {session}");
}
