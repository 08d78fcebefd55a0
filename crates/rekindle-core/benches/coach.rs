//! The coach's throughput on one core: a mix of harsh, neutral and gentle messages of
//! everyday length. Messages per second = 1 / time per message.
//! Run: `cargo bench -p rekindle-core --bench coach`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rekindle_core::coach::analyse;

const MIX: [&str; 8] = [
    "You never listen to me",
    "Why haven't you called the plumber yet?",
    "Could you please pick up some bread on your way home? Thanks!",
    "I feel lonely when we don't talk in the evenings. Could we take a walk after dinner?",
    "Whatever. I'm done talking about this.",
    "The plumber is coming on Tuesday between nine and twelve.",
    "You're so selfish, this is all your fault and you know it",
    "Thank you for cooking tonight, it meant a lot after the day I had.",
];

fn coach(c: &mut Criterion) {
    let mut group = c.benchmark_group("coach");
    group.throughput(Throughput::Elements(MIX.len() as u64));
    group.bench_function("analyse a mix of 8 everyday messages", |b| {
        b.iter(|| {
            for m in MIX {
                black_box(analyse(black_box(m)));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, coach);
criterion_main!(benches);
