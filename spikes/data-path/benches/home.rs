//! The home page's reads for one viewer through each data path, on the same seeded
//! databases (see BENCHMARKS.md, "The data path"). Each view is called from async
//! code on a 2-worker tokio runtime, as the app calls it; "×16" runs sixteen views
//! at once (what wrk -c16 does to the server) and reports the time for all sixteen.
//!
//! SPIKE_SQLITE (default /tmp/spike/seed.db) and SPIKE_PG (default
//! postgres://postgres@127.0.0.1:5432/spike_data_path) name the databases.

#![allow(clippy::unwrap_used, reason = "a benchmark fails loudly")]

use std::future::Future;
use std::time::Duration;

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use futures::future::join_all;
use spike_data_path::{any_sqlx, dsl, fixture, lite, pg};
use tokio::runtime::Runtime;

fn rt() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn both<F, Fut, T>(g: &mut BenchmarkGroup<'_, WallTime>, rt: &Runtime, name: &str, f: F)
where
    F: Fn() -> Fut + Copy,
    Fut: Future<Output = anyhow::Result<T>>,
{
    g.bench_function(name, |b| {
        b.to_async(rt).iter(|| async { f().await.unwrap() })
    });
    g.bench_function(format!("{name} ×16"), |b| {
        b.to_async(rt).iter(|| async {
            for r in join_all((0..16).map(|_| f())).await {
                r.unwrap();
            }
        });
    });
}

fn sqlite(c: &mut Criterion) {
    let rt = rt();
    let path = std::env::var("SPIKE_SQLITE").unwrap_or_else(|_| "/tmp/spike/seed.db".into());
    let now = jiff::Timestamp::now().as_millisecond();
    let (any, hash) = rt.block_on(async {
        let any = any_sqlx::connect(&format!("sqlite://{path}"))
            .await
            .unwrap();
        let s = fixture::prepare(&any, now).await.unwrap();
        (any, s.token_hash)
    });
    let b = lite::open(&path, 4).unwrap();
    let d = dsl::open(&path, 4).unwrap();
    let hash = hash.as_str();
    let mut g = c.benchmark_group("sqlite");
    g.sample_size(30)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    g.bench_function("SELECT 1 sqlx Any", |x| {
        x.to_async(&rt)
            .iter(|| async { any_sqlx::select_one(&any).await.unwrap() })
    });
    g.bench_function("SELECT 1 rusqlite", |x| {
        x.to_async(&rt)
            .iter(|| async { lite::select_one(&b).await.unwrap() })
    });
    g.bench_function("SELECT 1 diesel", |x| {
        x.to_async(&rt)
            .iter(|| async { dsl::select_one(&d).await.unwrap() })
    });
    both(&mut g, &rt, "home a0 sqlx Any today", || {
        any_sqlx::load_today(&any, hash, now)
    });
    both(&mut g, &rt, "home a1 sqlx Any fewest", || {
        any_sqlx::load_fewest(&any, hash, now)
    });
    both(&mut g, &rt, "home b rusqlite fewest", || {
        lite::load(&b, hash, now)
    });
    both(&mut g, &rt, "home c diesel fewest", || {
        dsl::load(&d, hash, now)
    });
    g.finish();
}

fn postgres(c: &mut Criterion) {
    let rt = rt();
    let url = std::env::var("SPIKE_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/spike_data_path".into());
    let now = jiff::Timestamp::now().as_millisecond();
    let (any, tp, hash) = rt.block_on(async {
        let any = any_sqlx::connect(&url).await.unwrap();
        let s = fixture::prepare(&any, now).await.unwrap();
        let tp = pg::open(&url, 4).await.unwrap();
        (any, tp, s.token_hash)
    });
    let hash = hash.as_str();
    let mut g = c.benchmark_group("postgres");
    g.sample_size(30)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    g.bench_function("SELECT 1 sqlx Any", |x| {
        x.to_async(&rt)
            .iter(|| async { any_sqlx::select_one(&any).await.unwrap() })
    });
    g.bench_function("SELECT 1 tokio-postgres", |x| {
        x.to_async(&rt)
            .iter(|| async { pg::select_one(&tp).await.unwrap() })
    });
    both(&mut g, &rt, "home a0 sqlx Any today", || {
        any_sqlx::load_today(&any, hash, now)
    });
    both(&mut g, &rt, "home a1 sqlx Any fewest", || {
        any_sqlx::load_fewest(&any, hash, now)
    });
    both(&mut g, &rt, "home tokio-postgres fewest", || {
        pg::load(&tp, hash, now)
    });
    g.finish();
}

criterion_group!(benches, sqlite, postgres);
criterion_main!(benches);
