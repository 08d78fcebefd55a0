//! The browser-test harness: chromedriver and Chromium sessions (phone and desktop,
//! light and dark), the real server on a real port, screenshots, axe-core, and the
//! small steps journeys are made of (fill, click, wait for text, sign up, pair).

use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use rekindle::app::{AppState, serve};
use rekindle::config::{Config, DatabaseUrl};
use rekindle::db::Db;
use serde_json::json;

use crate::helpers::{PASSWORD, strict};

/// chromedriver, stopped when dropped.
pub(super) struct Driver {
    child: Child,
    url: String,
    profiles: Vec<PathBuf>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // A failing test may never close its session: end any Chromium still using one
        // of our profiles (each path is unique to this run), then remove the profiles.
        for p in &self.profiles {
            let _ = Command::new("pkill")
                .args(["-KILL", "-f", &p.display().to_string()])
                .status();
            let _ = std::fs::remove_dir_all(p);
        }
    }
}

pub(super) fn find(binary: &str, env: &str) -> Option<PathBuf> {
    if let Ok(p) = std::env::var(env) {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin", "/usr/local/bin", "/usr/lib/chromium"]
        .iter()
        .map(|d| PathBuf::from(d).join(binary))
        .find(|p| p.exists())
}

pub(super) fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts chromedriver, or says why the journeys are skipped.
pub(super) fn start_driver() -> Option<Driver> {
    let (Some(driver), Some(_)) = (
        find("chromedriver", "CHROMEDRIVER"),
        find("chromium", "CHROMIUM"),
    ) else {
        assert!(
            !strict(),
            "Chromium and chromedriver are required (REKINDLE_TEST_STRICT) but missing"
        );
        eprintln!("note: skipping browser journeys: chromium/chromedriver not installed");
        return None;
    };
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
        profiles: Vec::new(),
    })
}

#[derive(Clone, Copy)]
pub(super) enum Device {
    Phone,
    Desktop,
}

pub(super) async fn browser(driver: &mut Driver, device: Device, dark: bool) -> Client {
    let profile = std::env::temp_dir().join(format!("rk_chrome_{}", rekindle::secret::new_id()));
    driver.profiles.push(profile.clone());
    let mut args = vec![
        "--headless=new".to_owned(),
        "--no-sandbox".to_owned(),
        "--disable-gpu".to_owned(),
        "--disable-dev-shm-usage".to_owned(),
        "--disable-background-networking".to_owned(),
        "--disable-component-update".to_owned(),
        "--disable-sync".to_owned(),
        "--disable-quic".to_owned(),
        "--no-first-run".to_owned(),
        format!("--user-data-dir={}", profile.display()),
    ];
    if dark {
        args.push("--force-dark-mode".to_owned());
    }
    let mut options = json!({"args": args});
    if let Some(bin) = find("chromium", "CHROMIUM") {
        options["binary"] = json!(bin);
    }
    match device {
        Device::Phone => {
            options["mobileEmulation"] = json!({"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2.0, "touch": true}});
        }
        Device::Desktop => options["args"]
            .as_array_mut()
            .unwrap()
            .push(json!("--window-size=1280,900")),
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".to_owned(), options);
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a Chromium session")
}

pub(super) fn screenshot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(super) async fn shot(client: &Client, name: &str) {
    // Full-height pages: capture what a person would scroll through.
    let png = client.screenshot().await.unwrap();
    std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
}

/// The real server on a real port, on a fresh SQLite file.
pub(super) async fn start_server(config: Config) -> (String, PathBuf) {
    let (base, path, _) = start_server_with_db(config).await;
    (base, path)
}

pub(super) async fn start_server_with_db(config: Config) -> (String, PathBuf, Db) {
    let path = std::env::temp_dir().join(format!("rk_browser_{}.db", rekindle::secret::new_id()));
    let db = Db::connect(&DatabaseUrl::Sqlite(path.clone()))
        .await
        .unwrap();
    db.migrate().await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(
        listener,
        AppState::new(db.clone(), config),
        std::future::pending(),
    ));
    (format!("http://{addr}"), path, db)
}

/// Waits (up to ten seconds) until the element shows `needle`; pages navigate after a
/// click, so the old page may still be there for a moment.
pub(super) async fn expect_text(client: &Client, css: &str, needle: &str) {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(el) = client.find(Locator::Css(css)).await {
            last = el.text().await.unwrap_or_default();
            if last.contains(needle) {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    shot(client, "failure").await;
    panic!(
        "{css} never showed {needle:?}; last saw {last:?} at {:?}",
        client.current_url().await
    );
}

pub(super) async fn fill(client: &Client, css: &str, value: &str) {
    let field = client.find(Locator::Css(css)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

/// When the field just typed in is one the coach reads, waits for its hint: it comes
/// 600 ms after typing stops and grows the form, and a click during that shift can
/// land on the button's old place on a busy machine.
async fn settle_typing(client: &Client) {
    let typed_in_coached_field = client
        .execute(
            "const a = document.activeElement; \
             return !!(a && a.value && (a.getAttribute('hx-trigger') || '').includes('delay'));",
            vec![],
        )
        .await
        .unwrap();
    if typed_in_coached_field != serde_json::Value::Bool(true) {
        return;
    }
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    for _ in 0..50 {
        let busy = client
            .execute(
                "return document.querySelector('.htmx-request') !== null;",
                vec![],
            )
            .await
            .unwrap();
        if busy == serde_json::Value::Bool(false) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Clicks like a person: scrolls the element to the middle of the screen first.
pub(super) async fn click(client: &Client, css: &str) {
    settle_typing(client).await;
    let el = client.wait().for_element(Locator::Css(css)).await.unwrap();
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![serde_json::to_value(&el).unwrap()],
        )
        .await
        .unwrap();
    // Click only once the element has stopped moving (late content above it, such as
    // a hint, shifts it; a click mid-shift lands where it used to be).
    let rect = |el: &fantoccini::elements::Element| {
        let el = serde_json::to_value(el).unwrap();
        async move {
            client
                .execute(
                    "const r = arguments[0].getBoundingClientRect(); return [r.x, r.y];",
                    vec![el],
                )
                .await
                .unwrap()
        }
    };
    let mut before = rect(&el).await;
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let now = rect(&el).await;
        if now == before {
            break;
        }
        before = now;
    }
    el.click().await.unwrap();
}

pub(super) async fn sign_up(client: &Client, name: &str, email: &str) {
    client
        .wait()
        .for_element(Locator::Css("form[action='/register']"))
        .await
        .unwrap();
    fill(client, "#display_name", name).await;
    fill(client, "#email", email).await;
    fill(client, "#password", PASSWORD).await;
    let zone = client
        .find(Locator::Css("#timezone"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap();
    assert!(zone.is_some_and(|z| !z.is_empty()), "time zone prefilled");
    click(client, "form[action='/register'] button[type=submit]").await;
    // The recovery code is shown once, then on to wherever sign-up leads.
    let code = client
        .wait()
        .for_element(Locator::Css("#recovery-code"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(code.len(), 34, "{code}");
    click(client, "main a.button").await;
}

/// Sam signs up and makes an invite link; Alex signs up through it, is welcomed, and
/// goes home. Both end on home.
pub(super) async fn pair_in_browser(base: &str, sam: &Client, alex: &Client) {
    sam.goto(&format!("{base}/register")).await.unwrap();
    sign_up(sam, "Sam", "sam@example.org").await;
    expect_text(sam, "main h1", "Hello, Sam").await;
    click(sam, "main a[href='/couple/invite']").await;
    expect_text(sam, "main h1", "Invite your partner").await;
    click(sam, "form[action='/couple/invite'] button").await;
    let link = sam
        .wait()
        .for_element(Locator::Css("#invite-link"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    alex.goto(&link).await.unwrap();
    click(alex, "a[href^='/register?invite=']").await;
    sign_up(alex, "Alex", "alex@example.org").await;
    expect_text(alex, "main h1", "You're connected with Sam").await;
    click(alex, "main a.button[href='/']").await;
    expect_text(alex, "main h1", "Alex & Sam").await;
}

/// Gives a couple two months of gentle ups and downs, so the charts have a story.
pub(super) async fn seed_history(db: &Db, user_email: &str, shift: i32) {
    let user = rekindle::db::users::find_for_login(db, user_email)
        .await
        .unwrap()
        .unwrap()
        .0;
    let couple = rekindle::db::couples::current_for(db, &user.id)
        .await
        .unwrap()
        .unwrap();
    let today = rekindle::features::dashboard::today_for(&user, rekindle::db::now_ms());
    for back in 1..60 {
        if (back + shift) % 5 == 0 {
            continue; // a missed day now and then
        }
        let wave = u8::try_from(((back + shift) / 6) % 3).unwrap();
        let c = rekindle_core::checkin::CheckIn {
            closeness: 3 + wave + u8::from(back < 20),
            mood: 2 + wave,
            felt_heard: 3,
            appreciation: (back % 9 == 0).then(|| "You made the evening feel easy.".to_owned()),
            note: None,
        };
        let day = today
            .checked_sub(jiff::ToSpan::days(back))
            .unwrap()
            .to_string();
        rekindle::db::checkins::save(
            db,
            &user.id,
            Some(&couple.id),
            &day,
            &c,
            None,
            rekindle::db::now_ms(),
        )
        .await
        .unwrap();
    }
}

pub(super) async fn check_in(
    client: &Client,
    closeness: u8,
    mood: u8,
    heard: u8,
    appreciation: &str,
) {
    click(client, "a[href='/checkin']").await;
    expect_text(client, "main h1", "How are you today?").await;
    click(client, &format!("label[for='closeness-{closeness}']")).await;
    click(client, &format!("label[for='mood-{mood}']")).await;
    click(client, &format!("label[for='heard-{heard}']")).await;
    fill(client, "#appreciation", appreciation).await;
    // The coach's hint for the appreciation lands 600 ms after typing stops and grows
    // the form; wait for it, so the submit click that follows cannot land mid-shift.
    for _ in 0..100 {
        let text = match client.find(Locator::Css("#appreciation-hint")).await {
            Ok(el) => el.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if !text.trim().is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    fill(client, "#note", "only for me: canary-browser-note").await;
}

/// axe-core's script, installed by `.ci/run` (npm) into `target/tools`; `None` skips.
pub(super) fn axe_script() -> Option<String> {
    let path = std::env::var("REKINDLE_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../target/tools/node_modules/axe-core/axe.min.js")
        });
    match std::fs::read_to_string(&path) {
        Ok(script) => Some(script),
        Err(err) => {
            assert!(
                !strict(),
                "axe-core is required (REKINDLE_TEST_STRICT) but {} is missing: {err}",
                path.display()
            );
            eprintln!(
                "note: skipping accessibility checks: {} missing (npm install --prefix target/tools axe-core)",
                path.display()
            );
            None
        }
    }
}

/// Runs axe-core (WCAG 2.x A and AA rules) on the current page; returns the violations.
pub(super) async fn axe(client: &Client, script: &str) -> Vec<String> {
    client.execute(script, vec![]).await.unwrap();
    let result = client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})\
               .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))))\
               .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(result).unwrap_or_default()
}

/// Runs axe on the current page (when it is installed), noting violations under `name`.
pub(super) async fn check(
    client: &Client,
    script: Option<&String>,
    name: &str,
    failures: &mut Vec<String>,
) {
    if let Some(script) = script {
        for v in axe(client, script).await {
            failures.push(format!("{name}: {v}"));
        }
    }
}
