//! Installing on a phone, in Chromium: the first page registers the service worker,
//! whose scope is the whole site, and links the manifest; after private pages were
//! visited the device still holds only the offline set; and when the server cannot be
//! reached, a page asked for shows the stored offline page, styled by the stored CSS.
//! Screenshots of `/offline` on a phone and a desktop, light and dark, with axe.

use rekindle::app::{AppState, serve};
use rekindle::config::{Config, DatabaseUrl};
use rekindle::db::Db;
use serde_json::Value;

use super::harness::*;

/// What the worker stores (as `tests/it/installable.rs` holds `/sw.js` to), sorted.
const STORED: [&str; 9] = [
    "/offline",
    "/static/app.css",
    "/static/app.js",
    "/static/apple-touch-icon.png",
    "/static/htmx-2.0.11.min.js",
    "/static/icon-192.png",
    "/static/icon-512.png",
    "/static/icon-maskable-512.png",
    "/static/icon.svg",
];

/// The real server on a real port, stopped when the sender is used: "offline".
async fn stoppable_server() -> (
    String,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let path = std::env::temp_dir().join(format!("rk_browser_{}.db", rekindle::secret::new_id()));
    let db = Db::connect(&DatabaseUrl::Sqlite(path)).await.unwrap();
    db.migrate().await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve(
        listener,
        AppState::new(db, Config::default()),
        async move {
            let _ = stopped.await;
        },
    ));
    (format!("http://{addr}"), stop, server)
}

/// Every cache the page's origin holds, as (name, sorted paths).
async fn stored(client: &fantoccini::Client) -> Vec<(String, Vec<String>)> {
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             caches.keys().then(names => Promise.all(names.map(name =>\
               caches.open(name).then(c => c.keys()).then(reqs =>\
                 [name, reqs.map(r => { const u = new URL(r.url); return u.pathname + u.search; }).sort()]))))\
             .then(done, e => done('caches failed: ' + e));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found.clone()).unwrap_or_else(|_| panic!("{found}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_installs_keeps_only_the_offline_page_and_shows_it_offline() {
    let Some(mut driver) = start_driver() else {
        return;
    };
    let script = axe_script();
    let mut failures = Vec::new();
    let (base, stop, server) = stoppable_server().await;

    // The first page registers the worker; it becomes active (once its files are stored)
    // with the whole site in scope.
    let phone = browser(&mut driver, Device::Phone, false).await;
    phone.goto(&base).await.unwrap();
    let ready = phone
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             navigator.serviceWorker.ready.then(r => new Promise(settled => {\
               const w = r.active;\
               if (w.state === 'activated') { settled(r); return; }\
               w.addEventListener('statechange', () => { if (w.state === 'activated') { settled(r); } });\
             })).then(r => done({\
               scope: r.scope, active: r.active ? r.active.state : null,\
               script: r.active ? r.active.scriptURL : null,\
               manifest: document.querySelector('link[rel=manifest]') ? document.querySelector('link[rel=manifest]').href : null,\
               touch: document.querySelector('link[rel=apple-touch-icon]') ? document.querySelector('link[rel=apple-touch-icon]').href : null\
             })).catch(e => done({error: String(e)}));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(ready["scope"], format!("{base}/"), "{ready}");
    assert_eq!(ready["active"], "activated", "{ready}");
    assert_eq!(ready["script"], format!("{base}/sw.js"), "{ready}");
    assert_eq!(ready["manifest"], format!("{base}/manifest.webmanifest"));
    assert_eq!(
        ready["touch"],
        format!("{base}/static/apple-touch-icon.png")
    );
    // The manifest the link names is the one the browser can read.
    let manifest = phone
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json()).then(done, e => done(String(e)));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(manifest["name"], "Rekindle", "{manifest}");

    // Sam signs up and visits private pages, through the worker: none of it is kept.
    phone.goto(&format!("{base}/register")).await.unwrap();
    sign_up(&phone, "Sam", "sam@example.org").await;
    expect_text(&phone, "main h1", "Hello, Sam").await;
    for path in ["/settings", "/journal/new", "/checkin"] {
        phone.goto(&format!("{base}{path}")).await.unwrap();
    }
    let controlled = phone
        .execute("return !!navigator.serviceWorker.controller;", vec![])
        .await
        .unwrap();
    assert_eq!(controlled, Value::Bool(true), "pages go through the worker");
    let caches = stored(&phone).await;
    assert_eq!(caches.len(), 1, "one cache: {caches:?}");
    assert!(caches[0].0.starts_with("rekindle-offline-v"), "{caches:?}");
    assert_eq!(caches[0].1, STORED, "only the offline set is on the device");

    // The offline page itself, as people see it, light and dark, phone and desktop.
    phone.goto(&format!("{base}/offline")).await.unwrap();
    expect_text(&phone, "main h1", "You're offline for now").await;
    shot(&phone, "offline-phone").await;
    check(
        &phone,
        script.as_ref(),
        "offline (phone, light)",
        &mut failures,
    )
    .await;
    for (device, dark, name) in [
        (Device::Phone, true, "offline-phone-dark"),
        (Device::Desktop, false, "offline-desktop"),
        (Device::Desktop, true, "offline-desktop-dark"),
    ] {
        let other = browser(&mut driver, device, dark).await;
        other.goto(&format!("{base}/offline")).await.unwrap();
        expect_text(&other, "main h1", "You're offline for now").await;
        shot(&other, name).await;
        check(&other, script.as_ref(), name, &mut failures).await;
        other.close().await.unwrap();
    }

    // The server goes away. A page Sam asks for answers with the stored offline page,
    // at the address asked for, with its own stored styles.
    stop.send(()).unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(10), server)
        .await
        .expect("the server stops")
        .unwrap()
        .unwrap();
    phone.goto(&format!("{base}/settings")).await.unwrap();
    expect_text(&phone, "main h1", "You're offline for now").await;
    assert_eq!(
        phone.current_url().await.unwrap().as_str(),
        format!("{base}/settings")
    );
    let background = phone
        .execute(
            "return getComputedStyle(document.body).backgroundColor;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        background,
        Value::String("rgb(251, 246, 239)".into()),
        "app.css came from the stored copy"
    );
    let page = phone.source().await.unwrap();
    assert!(!page.contains("Sam"), "the stored page knows no one");
    shot(&phone, "offline-served-phone").await;
    check(
        &phone,
        script.as_ref(),
        "offline (served by the worker)",
        &mut failures,
    )
    .await;
    phone.close().await.unwrap();
    assert!(
        failures.is_empty(),
        "accessibility violations:\n{}",
        failures.join("\n")
    );
}
