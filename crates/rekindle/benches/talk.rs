//! The talk pages' data paths, measured (never asserted in tests), for a couple with a
//! long history: 60 ended listening sessions (six moves and two ratings each) and 60
//! revealed, marked love-map rounds, on SQLite.
//! - `listening::overview` / `love_map::overview`: the list pages (the newest 20 of
//!   the 60, in a fixed number of queries however long the history);
//! - `listening::read` / `love_map::read`: one session or round.
//!
//! Run: `cargo bench -p rekindle --bench talk`. Results: BENCHMARKS.md.

#![allow(clippy::unwrap_used, reason = "a benchmark fails loudly")]

use criterion::{Criterion, criterion_group, criterion_main};
use rekindle::config::DatabaseUrl;
use rekindle::db::couples::Couple;
use rekindle::db::users::User;
use rekindle::db::{Db, couples, users};
use rekindle::features::love_map::About;
use rekindle_core::listening::MoveKind;

const HISTORY: usize = 60;

async fn person(db: &Db, email: &str, name: &str) -> User {
    users::create(
        db,
        &users::NewUser {
            email,
            password_hash: "not-a-real-hash",
            display_name: name,
            timezone: "Europe/London",
        },
        rekindle::db::now_ms(),
    )
    .await
    .unwrap()
}

async fn history(db: &Db) -> (User, User, Couple, String, String) {
    let sam = person(db, "sam@example.org", "Sam").await;
    let alex = person(db, "alex@example.org", "Alex").await;
    let code = couples::invite(db, &sam, rekindle::db::now_ms())
        .await
        .unwrap()
        .code;
    couples::join(db, &alex.id, &code, rekindle::db::now_ms())
        .await
        .unwrap();
    let couple = couples::current_for(db, &sam.id).await.unwrap().unwrap();
    let now = rekindle::db::now_ms();
    let (mut session_id, mut round_id) = (String::new(), String::new());
    for i in 0..HISTORY {
        let (s, _) = rekindle::features::listening::start(
            db,
            &as_member(&sam, &couple, now),
            "Our weekends",
            true,
            true,
        )
        .await
        .unwrap();
        for (kind, body) in [
            (MoveKind::Piece, "I miss our slow Saturday mornings."),
            (MoveKind::Paraphrase, "You miss unhurried weekends."),
            (MoveKind::NotQuite, "Just the two of us, I mean."),
            (MoveKind::Paraphrase, "Time alone together."),
            (MoveKind::ThatsIt, ""),
            (MoveKind::Swap, ""),
        ] {
            rekindle::features::listening::act(
                db,
                &as_member(&sam, &couple, now),
                &s.id,
                kind,
                body,
            )
            .await
            .unwrap();
        }
        rekindle::features::listening::end(db, &as_member(&sam, &couple, now), &s.id)
            .await
            .unwrap();
        rekindle::features::listening::rate(db, &as_member(&sam, &couple, now), &s.id, 4, false)
            .await
            .unwrap();
        rekindle::features::listening::rate(db, &as_member(&alex, &couple, now), &s.id, 5, false)
            .await
            .unwrap();
        session_id = s.id;

        let about = if i % 2 == 0 {
            About::Me
        } else {
            About::Partner
        };
        let (r, _) = rekindle::features::love_map::start(db, &as_member(&sam, &couple, now), about)
            .await
            .unwrap();
        let five: Vec<String> = (0..5).map(|k| format!("thing {k}")).collect();
        for who in [&sam, &alex] {
            rekindle::features::love_map::save_mine(
                db,
                &as_member(who, &couple, now),
                &r.id,
                &five,
            )
            .await
            .unwrap();
        }
        let subject = if i % 2 == 0 { &sam } else { &alex };
        let marks: Vec<String> = ["spot_on", "close", "not_quite", "close", "spot_on"]
            .iter()
            .map(|m| (*m).to_owned())
            .collect();
        rekindle::features::love_map::mark(db, &as_member(subject, &couple, now), &r.id, &marks)
            .await
            .unwrap();
        round_id = r.id;
    }
    (sam, alex, couple, session_id, round_id)
}

fn talk_pages(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let path = std::env::temp_dir().join(format!("rk_talk_{}.db", rekindle::secret::new_id()));
    let (db, sam, couple, session_id, round_id) = rt.block_on(async {
        let db = Db::connect(&DatabaseUrl::Sqlite(path.clone()))
            .await
            .unwrap();
        db.migrate().await.unwrap();
        let (sam, _alex, couple, s, r) = history(&db).await;
        (db, sam, couple, s, r)
    });
    let now = rekindle::db::now_ms();
    c.bench_function("listening::overview, 20 listed of 60", |b| {
        b.iter(|| {
            rt.block_on(rekindle::features::listening::overview(
                &db,
                &as_member(&sam, &couple, now),
            ))
            .unwrap()
        });
    });
    c.bench_function("listening::read, one session", |b| {
        b.iter(|| {
            rt.block_on(rekindle::features::listening::read(
                &db,
                &as_member(&sam, &couple, now),
                &session_id,
            ))
            .unwrap()
        });
    });
    c.bench_function("love_map::overview, 20 listed of 60", |b| {
        b.iter(|| {
            rt.block_on(rekindle::features::love_map::overview(
                &db,
                &as_member(&sam, &couple, now),
            ))
            .unwrap()
        });
    });
    c.bench_function("love_map::read, one round", |b| {
        b.iter(|| {
            rt.block_on(rekindle::features::love_map::read(
                &db,
                &as_member(&sam, &couple, now),
                &round_id,
            ))
            .unwrap()
        });
    });
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

criterion_group!(benches, talk_pages);
criterion_main!(benches);

fn as_member(user: &User, couple: &Couple, now_ms: i64) -> rekindle::features::Member {
    rekindle::features::Member {
        user: user.clone(),
        couple: couple.clone(),
        now_ms,
        key: None,
    }
}
