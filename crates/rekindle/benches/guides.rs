//! Guide search, measured (never asserted in tests) over the whole embedded library:
//! every guide's title as a query, the issue's plain searches, a few half-typed
//! prefixes and a long rambling question — the FTS5 index in memory, snippets and all,
//! as `GET /api/v1/guides?q=` runs it.
//! - `guides/search/<query>`: criterion's estimate for the issue's plain searches;
//! - `guides/search/every title`: all the titles, one after another (time ÷ count);
//! - then a summary line: the median query and the worst query, each the median of
//!   101 runs of that query.
//!
//! Run: `cargo bench -p rekindle --bench guides`. Results: BENCHMARKS.md.

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use rekindle::features::guides::library;
use rekindle_core::content::guides;

const PLAIN: &[&str] = &[
    "criticism",
    "chores",
    "date",
    "therapist",
    "afraid",
    "lonely",
    "we don't talk anymore",
];

const OTHERS: &[&str] = &[
    "c",
    "cr",
    "crit",
    "appreci",
    "how do we start talking again after months of barely speaking to each other at home",
];

fn queries() -> Vec<String> {
    guides::all()
        .iter()
        .map(|g| g.title.to_owned())
        .chain(PLAIN.iter().chain(OTHERS).map(|q| (*q).to_owned()))
        .collect()
}

fn median_of_runs(query: &str) -> Duration {
    let mut runs: Vec<Duration> = (0..101)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(library().search(query, None));
            start.elapsed()
        })
        .collect();
    runs.sort_unstable();
    runs[runs.len() / 2]
}

fn bench(c: &mut Criterion) {
    // Built once, as the server does before it listens.
    let started = Instant::now();
    library();
    println!("guides library built in {:?}", started.elapsed());

    let mut group = c.benchmark_group("guides/search");
    group.sample_size(30);
    group.measurement_time(Duration::from_secs(2));
    for query in PLAIN {
        group.bench_function(*query, |b| b.iter(|| library().search(query, None)));
    }
    let titles: Vec<&str> = guides::all().iter().map(|g| g.title).collect();
    group.bench_function("every title", |b| {
        b.iter(|| {
            for title in &titles {
                std::hint::black_box(library().search(title, None));
            }
        });
    });
    group.finish();

    let mut medians: Vec<(Duration, String)> = queries()
        .into_iter()
        .map(|q| (median_of_runs(&q), q))
        .collect();
    medians.sort();
    let (median, median_query) = &medians[medians.len() / 2];
    let (worst, worst_query) = &medians[medians.len() - 1];
    println!(
        "guide search over {} queries: median query {median:?} ({median_query:?}), worst query {worst:?} ({worst_query:?})",
        medians.len()
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
