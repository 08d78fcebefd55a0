//! Where a home page request's time goes (issue 9: the data path alone gave 2.4× under
//! load in the spike, so the rest must be measured too). In process, on SQLite seeded
//! with 100 couples × 365 days, for one fixed seeded person with a web session:
//! - the whole request through the router (extractors, data, rendering, middleware);
//! - each data step alone: the session lookup, the couple, `dashboard::load`,
//!   `questions::today`;
//! - `/healthz` through the same router, as the floor.
//!
//! The rest of the whole request (whole − the steps) is what is not the data path.
//! Run: `cargo bench -p rekindle --bench home`. Results: BENCHMARKS.md.

#![allow(clippy::unwrap_used, reason = "a benchmark fails loudly")]

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, header};
use criterion::{Criterion, criterion_group, criterion_main};
use http_body_util::BodyExt as _;
use rekindle::app::{AppState, router};
use rekindle::config::{Config, DatabaseUrl};
use rekindle::db::sessions::{self, SessionKind};
use rekindle::db::{Db, couples, users};
use tower::ServiceExt as _;

fn home(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let path = std::env::temp_dir().join(format!("rk_bench_{}.db", rekindle::secret::new_id()));
    let (db, user, couple, token) = rt.block_on(async {
        let db = Db::connect(&DatabaseUrl::Sqlite(path.clone()))
            .await
            .unwrap();
        db.migrate().await.unwrap();
        rekindle::seed::seed(&db, 100, 365, 7).await.unwrap();
        // The same fixed person as the dashboard bench and the data-path spike.
        let user = users::list(&db)
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.email.contains("-50-a@"))
            .unwrap();
        let couple = couples::current_for(&db, &user.id).await.unwrap().unwrap();
        let (_, token) = sessions::create(
            &db,
            &user.id,
            SessionKind::Web,
            None,
            std::net::IpAddr::from([127, 0, 0, 1]),
            rekindle::db::now_ms(),
        )
        .await
        .unwrap();
        (db, user, couple, token)
    });
    let addr: SocketAddr = "127.0.0.1:4000".parse().unwrap();
    let app = router(AppState::new(db.clone(), Config::default())).layer(MockConnectInfo(addr));
    let get = |uri: &str, cookie: Option<&str>| {
        let mut req = Request::get(uri).header(header::HOST, "bench.test");
        if let Some(token) = cookie {
            req = req.header(header::COOKIE, format!("rekindle_session={token}"));
        }
        let app = app.clone();
        let req = req.body(Body::empty()).unwrap();
        async move {
            let res = app.oneshot(req).await.unwrap();
            assert!(res.status().is_success());
            res.into_body().collect().await.unwrap().to_bytes().len()
        }
    };
    let now = rekindle::db::now_ms();
    // The question of the day is chosen on the first view; settle it before measuring.
    rt.block_on(get("/", Some(&token)));
    let bytes = rt.block_on(get("/", Some(&token)));
    eprintln!("home page: {bytes} bytes");

    c.bench_function("request: GET / (whole, in process)", |b| {
        b.iter(|| rt.block_on(get("/", Some(&token))));
    });
    c.bench_function("request: GET /healthz (floor)", |b| {
        b.iter(|| rt.block_on(get("/healthz", None)));
    });
    c.bench_function("step: session + user", |b| {
        b.iter(|| {
            rt.block_on(sessions::authenticate(
                &db,
                &token,
                SessionKind::Web,
                std::net::IpAddr::from([127, 0, 0, 1]),
                now,
            ))
            .unwrap()
        });
    });
    c.bench_function("step: couple + members", |b| {
        b.iter(|| rt.block_on(couples::current_for(&db, &user.id)).unwrap());
    });
    c.bench_function("step: dashboard::load, 30 days", |b| {
        b.iter(|| {
            rt.block_on(rekindle::features::dashboard::load(
                &db,
                &user,
                Some(&couple),
                now,
                30,
            ))
            .unwrap()
        });
    });
    c.bench_function("step: dashboard rows (the one statement)", |b| {
        let scope = rekindle::db::visibility::Scope::member(&user, &couple, now);
        let today = rekindle_core::schedule::local_day_in(&user.timezone, now);
        let day = |n: i64| {
            today
                .checked_sub(jiff::Span::new().days(n))
                .unwrap()
                .to_string()
        };
        let span = rekindle::db::dashboard::Span {
            partner_id: couple.partner_of(&user.id).map(|p| p.id.clone()),
            from: day(37),
            to: today.to_string(),
            partner_to: day(-1),
            shared_since: day(15),
        };
        b.iter(|| {
            rt.block_on(rekindle::db::dashboard::rows(&db, &scope, &span))
                .unwrap()
        });
    });
    let member = rekindle::features::Member {
        user: user.clone(),
        couple: couple.clone(),
        now_ms: now,
        key: None,
    };
    c.bench_function("step: questions::today", |b| {
        b.iter(|| {
            rt.block_on(rekindle::features::questions::today(&db, &member))
                .unwrap()
        });
    });
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(40).measurement_time(std::time::Duration::from_secs(4));
    targets = home
}
criterion_main!(benches);
