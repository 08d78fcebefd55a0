//! Browser journeys in headless Chromium (driven through chromedriver by fantoccini)
//! against the real server on a real port. Screenshots go to `target/screenshots/`
//! at phone (390×844, mobile emulation) and desktop widths; look at them.
//!
//! Needs `chromium` and `chromedriver` (Debian: chromium, chromium-driver). Without
//! them the journeys are skipped with a note — unless `REKINDLE_TEST_STRICT=1`.

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
struct Driver {
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

fn find(binary: &str, env: &str) -> Option<PathBuf> {
    if let Ok(p) = std::env::var(env) {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin", "/usr/local/bin", "/usr/lib/chromium"]
        .iter()
        .map(|d| PathBuf::from(d).join(binary))
        .find(|p| p.exists())
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts chromedriver, or says why the journeys are skipped.
fn start_driver() -> Option<Driver> {
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
enum Device {
    Phone,
    Desktop,
}

async fn browser(driver: &mut Driver, device: Device, dark: bool) -> Client {
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

fn screenshot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shot(client: &Client, name: &str) {
    // Full-height pages: capture what a person would scroll through.
    let png = client.screenshot().await.unwrap();
    std::fs::write(screenshot_dir().join(format!("{name}.png")), png).unwrap();
}

/// The real server on a real port, on a fresh SQLite file.
async fn start_server(config: Config) -> (String, PathBuf) {
    let (base, path, _) = start_server_with_db(config).await;
    (base, path)
}

async fn start_server_with_db(config: Config) -> (String, PathBuf, Db) {
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
async fn expect_text(client: &Client, css: &str, needle: &str) {
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

async fn fill(client: &Client, css: &str, value: &str) {
    let field = client.find(Locator::Css(css)).await.unwrap();
    field.clear().await.unwrap();
    field.send_keys(value).await.unwrap();
}

/// Clicks like a person: scrolls the element to the middle of the screen first.
async fn click(client: &Client, css: &str) {
    let el = client.wait().for_element(Locator::Css(css)).await.unwrap();
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![serde_json::to_value(&el).unwrap()],
        )
        .await
        .unwrap();
    el.click().await.unwrap();
}

async fn sign_up(client: &Client, name: &str, email: &str) {
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
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_partners_pair_in_the_browser_and_one_leaves() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _db) = start_server(Config::default()).await;
    let sam = browser(&mut driver, Device::Phone, false).await;
    let alex = browser(&mut driver, Device::Desktop, false).await;

    // Sam signs up on a phone and makes an invite link.
    sam.goto(&base).await.unwrap();
    shot(&sam, "welcome-phone").await;
    click(&sam, "a[href='/register']").await;
    expect_text(&sam, "main h1", "Create your account").await;
    shot(&sam, "register-phone").await;
    sign_up(&sam, "Sam", "sam@example.org").await;
    expect_text(&sam, "main h1", "Hello, Sam").await;
    shot(&sam, "home-waiting-phone").await;
    click(&sam, "main a[href='/couple/invite']").await;
    expect_text(&sam, "main h1", "Invite your partner").await;
    click(&sam, "form[action='/couple/invite'] button").await;
    let link_field = sam
        .wait()
        .for_element(Locator::Css("#invite-link"))
        .await
        .unwrap();
    let link = link_field.prop("value").await.unwrap().unwrap();
    assert!(link.starts_with(&format!("{base}/join/")), "{link}");
    shot(&sam, "invite-phone").await;

    // Alex opens the link on a laptop and signs up through it.
    alex.goto(&link).await.unwrap();
    expect_text(&alex, "main h1", "Sam has invited you").await;
    shot(&alex, "join-desktop").await;
    click(&alex, "a[href^='/register?invite=']").await;
    sign_up(&alex, "Alex", "alex@example.org").await;
    expect_text(&alex, "main h1", "Alex & Sam").await;
    shot(&alex, "home-together-desktop").await;

    // Sam sees Alex too.
    sam.goto(&base).await.unwrap();
    expect_text(&sam, "main h1", "Sam & Alex").await;
    shot(&sam, "home-together-phone").await;

    // Sam leaves from settings; Alex is then on their own.
    click(&sam, "nav a[href='/settings']").await;
    expect_text(&sam, "main h1", "Settings").await;
    shot(&sam, "settings-phone").await;
    click(&sam, "#confirm").await;
    click(&sam, "form[action='/settings/leave'] button").await;
    expect_text(&sam, "main h1", "Hello, Sam").await;
    alex.goto(&base).await.unwrap();
    expect_text(&alex, "#ended-note", "Your shared space has ended").await;
    shot(&alex, "home-alone-desktop").await;

    sam.close().await.unwrap();
    alex.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_exit_leaves_at_once_by_button_and_by_key() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let config = Config {
        quick_exit_url: "about:blank".to_owned(),
        ..Config::default()
    };
    let (base, _db) = start_server(config).await;
    let phone = browser(&mut driver, Device::Phone, true).await;
    phone.goto(&format!("{base}/safety")).await.unwrap();
    shot(&phone, "safety-phone-dark").await;
    click(&phone, "#quick-exit").await;
    phone
        .wait()
        .for_url(&url::Url::parse("about:blank").unwrap())
        .await
        .unwrap();

    phone.goto(&format!("{base}/login")).await.unwrap();
    shot(&phone, "login-phone-dark").await;
    phone
        .wait()
        .for_element(Locator::Css("main h1"))
        .await
        .unwrap();
    phone
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys("\u{E00C}")
        .await
        .unwrap();
    phone
        .wait()
        .for_url(&url::Url::parse("about:blank").unwrap())
        .await
        .unwrap();
    phone.close().await.unwrap();

    let desktop = browser(&mut driver, Device::Desktop, false).await;
    desktop.goto(&base).await.unwrap();
    shot(&desktop, "welcome-desktop").await;
    desktop.close().await.unwrap();
}

/// Sam signs up and makes an invite link; Alex signs up through it. Both end on home.
async fn pair_in_browser(base: &str, sam: &Client, alex: &Client) {
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
    expect_text(alex, "main h1", "Alex & Sam").await;
}

/// Gives a couple two months of gentle ups and downs, so the charts have a story.
async fn seed_history(db: &Db, user_email: &str, shift: i32) {
    let user = rekindle::db::users::find_for_login(db, user_email)
        .await
        .unwrap()
        .unwrap()
        .0;
    let couple = rekindle::db::couples::current_for(db, &user.id)
        .await
        .unwrap()
        .unwrap();
    let today = rekindle::dashboard::today_for(&user, rekindle::db::now_ms());
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
        rekindle::db::checkins::save(db, &user.id, Some(&couple.id), &day, &c)
            .await
            .unwrap();
    }
}

async fn check_in(client: &Client, closeness: u8, mood: u8, heard: u8, appreciation: &str) {
    click(client, "a[href='/checkin']").await;
    expect_text(client, "main h1", "How are you today?").await;
    click(client, &format!("label[for='closeness-{closeness}']")).await;
    click(client, &format!("label[for='mood-{mood}']")).await;
    click(client, &format!("label[for='heard-{heard}']")).await;
    fill(client, "#appreciation", appreciation).await;
    fill(client, "#note", "only for me: canary-browser-note").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_partners_check_in_on_their_phones_and_see_both_trends() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _path, db) = start_server_with_db(Config::default()).await;
    let sam = browser(&mut driver, Device::Phone, false).await;
    let alex = browser(&mut driver, Device::Phone, true).await;
    pair_in_browser(&base, &sam, &alex).await;
    seed_history(&db, "sam@example.org", 0).await;
    seed_history(&db, "alex@example.org", 2).await;

    sam.goto(&base).await.unwrap();
    check_in(&sam, 5, 4, 4, "Thank you for the walk by the river.").await;
    shot(&sam, "checkin-phone").await;
    click(&sam, "form.checkin button[type=submit]").await;
    expect_text(&sam, "#today-h + p", "You've checked in today").await;

    alex.goto(&base).await.unwrap();
    check_in(&alex, 6, 5, 4, "You never listen to me").await;
    // The coach's hint appears while typing something harsh (htmx, debounced).
    expect_text(&alex, "#appreciation-hint", "Want to try a softer start?").await;
    shot(&alex, "coach-hint-phone-dark").await;
    fill(&alex, "#appreciation", "Sam listened to me tonight.").await;
    click(&alex, "form.checkin button[type=submit]").await;
    expect_text(&alex, "#today-h + p", "You've checked in today").await;
    expect_text(&alex, "main", "Thank you for the walk by the river.").await;
    shot(&alex, "home-dashboard-phone-dark").await;
    let alex_page = alex.source().await.unwrap();
    assert!(
        !alex_page.contains("canary-browser-note"),
        "Sam's private note never reaches Alex"
    );
    let partner_lines = alex
        .find_all(Locator::Css("polyline.line-partner"))
        .await
        .unwrap();
    assert!(
        partner_lines.len() >= 2,
        "Sam's trend is drawn on both charts"
    );

    sam.goto(&format!("{base}/?range=90")).await.unwrap();
    expect_text(&sam, "main", "Sam listened to me tonight.").await;
    shot(&sam, "home-dashboard-phone").await;
    // The weekly State of Us, from the home page.
    click(&sam, "a[href='/state-of-us']").await;
    expect_text(&sam, "main h1", "State of Us").await;
    fill(&sam, "#body-went_well", "Our walk by the river on Tuesday.").await;
    click(&sam, "#went_well button[type=submit]").await;
    expect_text(&sam, "#went_well", "Our walk by the river on Tuesday.").await;
    shot(&sam, "state-of-us-phone").await;
    alex.goto(&format!("{base}/state-of-us")).await.unwrap();
    expect_text(&alex, "#went_well", "Our walk by the river on Tuesday.").await;

    let desktop = browser(&mut driver, Device::Desktop, false).await;
    desktop.goto(&format!("{base}/login")).await.unwrap();
    fill(&desktop, "#email", "sam@example.org").await;
    fill(&desktop, "#password", PASSWORD).await;
    click(&desktop, "form[action='/login'] button").await;
    expect_text(&desktop, "main h1", "Sam & Alex").await;
    shot(&desktop, "home-dashboard-desktop").await;
    for c in [sam, alex, desktop] {
        c.close().await.unwrap();
    }
}

/// axe-core's script, installed by `.ci/run` (npm) into `target/tools`; `None` skips.
fn axe_script() -> Option<String> {
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
async fn axe(client: &Client, script: &str) -> Vec<String> {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_passes_automated_accessibility_checks_in_light_and_dark() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let Some(script) = axe_script() else { return };
    let (base, _path, db) = start_server_with_db(Config::default()).await;
    // First, prove the checker sees a violation when there is one.
    let probe = browser(&mut driver, Device::Desktop, false).await;
    probe
        .goto("data:text/html,<html lang=en><title>t</title><img src=x.png>")
        .await
        .unwrap();
    let found = axe(&probe, &script).await;
    assert!(
        found.iter().any(|v| v.starts_with("image-alt")),
        "axe must catch a missing alt: {found:?}"
    );
    probe.close().await.unwrap();
    let mut failures = Vec::new();
    for dark in [false, true] {
        let sam = browser(&mut driver, Device::Phone, dark).await;
        let alex = browser(&mut driver, Device::Phone, dark).await;
        let n = if dark { "dark" } else { "light" };
        for path in [
            "/",
            "/register",
            "/login",
            "/safety",
            "/join/not-a-live-invite-code-x",
        ] {
            sam.goto(&format!("{base}{path}")).await.unwrap();
            for v in axe(&sam, &script).await {
                failures.push(format!("{n} {path}: {v}"));
            }
        }
        sam.goto(&format!("{base}/register")).await.unwrap();
        sign_up(&sam, "Sam", &format!("sam-{n}@example.org")).await;
        expect_text(&sam, "main h1", "Hello, Sam").await;
        click(&sam, "main a[href='/couple/invite']").await;
        click(&sam, "form[action='/couple/invite'] button").await;
        let link = sam
            .wait()
            .for_element(Locator::Css("#invite-link"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap();
        for v in axe(&sam, &script).await {
            failures.push(format!("{n} /couple/invite (made): {v}"));
        }
        alex.goto(&link).await.unwrap();
        for v in axe(&alex, &script).await {
            failures.push(format!("{n} /join/…: {v}"));
        }
        click(&alex, "a[href^='/register?invite=']").await;
        sign_up(&alex, "Alex", &format!("alex-{n}@example.org")).await;
        expect_text(&alex, "main h1", "Alex & Sam").await;
        seed_history(&db, &format!("sam-{n}@example.org"), 0).await;
        seed_history(&db, &format!("alex-{n}@example.org"), 1).await;
        for path in [
            "/",
            "/?range=365",
            "/checkin",
            "/settings",
            "/state-of-us",
            "/state-of-us/past",
            "/couple/invite",
        ] {
            sam.goto(&format!("{base}{path}")).await.unwrap();
            for v in axe(&sam, &script).await {
                failures.push(format!("{n} {path}: {v}"));
            }
        }
        sam.close().await.unwrap();
        alex.close().await.unwrap();
    }
    assert!(
        failures.is_empty(),
        "accessibility violations:\n{}",
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_answer_the_question_of_the_day_and_see_each_other_only_then() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let (base, _path) = start_server(Config::default()).await;
    let sam = browser(&mut driver, Device::Phone, false).await;
    let alex = browser(&mut driver, Device::Desktop, false).await;
    pair_in_browser(&base, &sam, &alex).await;

    // Sam types something harsh first: the coach's hint appears.
    sam.goto(&base).await.unwrap();
    expect_text(&sam, "#question-h", "Today's question").await;
    fill(&sam, "#answer-body", "You never ask me anything like this").await;
    expect_text(&sam, "#answer-hint", "Want to try a softer start?").await;
    shot(&sam, "question-hint-phone").await;
    fill(
        &sam,
        "#answer-body",
        "Sam-secret-answer: a slow morning with you.",
    )
    .await;
    click(&sam, "form[action='/question/answer'] button").await;
    expect_text(
        &sam,
        "#question",
        "Only you can see this until you've both answered.",
    )
    .await;

    // Before answering, Alex sees nothing of Sam's answer.
    alex.goto(&base).await.unwrap();
    expect_text(
        &alex,
        "#question",
        "Sam's answer appears here once you've both answered.",
    )
    .await;
    assert!(!alex.source().await.unwrap().contains("Sam-secret-answer"));
    fill(&alex, "#answer-body", "Alex-answer: our walk by the sea.").await;
    click(&alex, "form[action='/question/answer'] button").await;
    expect_text(
        &alex,
        "#question",
        "Sam-secret-answer: a slow morning with you.",
    )
    .await;
    shot(&alex, "question-revealed-desktop").await;

    sam.goto(&base).await.unwrap();
    expect_text(&sam, "#question", "Alex-answer: our walk by the sea.").await;
    shot(&sam, "question-revealed-phone").await;
    sam.close().await.unwrap();
    alex.close().await.unwrap();
}
