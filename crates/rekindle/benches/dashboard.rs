//! The dashboard's data path, measured (never asserted in tests):
//! - `core`: rolling means and drift detection over a year of two partners' check-ins;
//! - `load`: `dashboard::load` end to end on SQLite seeded with 100 couples × 365 days
//!   (queries through the visibility rule, trends, streak, appreciations, drift).
//!
//! Run: `cargo bench -p rekindle --bench dashboard`. Results: BENCHMARKS.md.

#![allow(clippy::unwrap_used, reason = "a benchmark fails loudly")]

use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::ToSpan as _;
use jiff::civil::{Date, date};
use rekindle::config::DatabaseUrl;
use rekindle::db::{Db, couples, users};
use rekindle_core::checkin::drift::{DriftInput, detect};
use rekindle_core::checkin::trend::rolling;

fn year(seed: u8) -> BTreeMap<Date, u8> {
    let today = date(2026, 11, 27);
    (0..365)
        .filter(|i| (i + i32::from(seed)) % 6 != 0)
        .map(|i| {
            (
                today.checked_sub(i.days()).unwrap(),
                u8::try_from(1 + (i * 7 + i32::from(seed)) % 7).unwrap(),
            )
        })
        .collect()
}

fn core_path(c: &mut Criterion) {
    let (a, b) = (year(1), year(4));
    let today = date(2026, 11, 27);
    let from = today.checked_sub(364.days()).unwrap();
    c.bench_function("core: trends + drift, 365 days × 2", |bench| {
        bench.iter(|| {
            let ra = rolling(black_box(&a), from, today, 7);
            let rb = rolling(black_box(&b), from, today, 7);
            let drift = detect(&DriftInput {
                today,
                first: &a,
                second: &b,
                last_shared_day: Some(today),
                together_since: from,
            });
            (ra.len(), rb.len(), drift)
        });
    });
}

fn load_path(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let path = std::env::temp_dir().join(format!("rk_bench_{}.db", rekindle::secret::new_id()));
    let (db, user, couple) = rt.block_on(async {
        let db = Db::connect(&DatabaseUrl::Sqlite(path.clone()))
            .await
            .unwrap();
        db.migrate().await.unwrap();
        rekindle::seed::seed(&db, 100, 365, 7).await.unwrap();
        // A fixed person of the seeded set (same seed, same history), not the list order.
        let user = users::list(&db)
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.email.contains("-50-a@"))
            .unwrap();
        let couple = couples::current_for(&db, &user.id).await.unwrap().unwrap();
        (db, user, couple)
    });
    let now = rekindle::db::now_ms();
    for range in [30, 365] {
        c.bench_function(
            &format!("load: dashboard, {range}-day view, SQLite 100 couples"),
            |bench| {
                bench.iter(|| {
                    rt.block_on(rekindle::features::dashboard::load(
                        &db,
                        &user,
                        Some(&couple),
                        now,
                        range,
                    ))
                    .unwrap()
                });
            },
        );
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

criterion_group!(benches, core_path, load_path);
criterion_main!(benches);
