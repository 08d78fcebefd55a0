//! Every variant returns the same rows for the bench subject, on both engines (the
//! statement counts are not checked here; they follow from the code). Needs the seeded databases of
//! benches/home.rs (SPIKE_SQLITE, SPIKE_PG); skipped with a message when absent.

#![allow(clippy::unwrap_used, reason = "a test fails loudly")]

use spike_data_path::{any_sqlx, fixture};

fn urls() -> (String, String) {
    (
        std::env::var("SPIKE_SQLITE").unwrap_or_else(|_| "/tmp/spike/seed.db".into()),
        std::env::var("SPIKE_PG")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/spike_data_path".into()),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_variant_reads_the_same_rows() {
    let (path, pg_url) = urls();
    if !std::path::Path::new(&path).exists() {
        eprintln!("skipped: no seeded database at {path}");
        return;
    }
    let now = jiff::Timestamp::now().as_millisecond();
    let any = any_sqlx::connect(&format!("sqlite://{path}"))
        .await
        .unwrap();
    let subject = fixture::prepare(&any, now).await.unwrap();
    let a0 = any_sqlx::load_today(&any, &subject.token_hash, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(a0.user.id, subject.user_id);
    assert!(
        a0.mine.len() > 20 && a0.theirs.len() > 20,
        "a month of check-ins each"
    );
    assert_eq!((a0.my_ratings.len(), a0.their_ratings.len()), (2, 2));
    assert!(a0.mine.iter().any(|c| c.note.is_some()) || a0.theirs.iter().all(|c| c.note.is_none()));
    assert!(
        a0.theirs.iter().all(|c| c.note.is_none()),
        "never the partner's note"
    );
    assert_eq!(
        a0.question.as_ref().unwrap().answers.len(),
        1,
        "only the viewer's own answer"
    );
    assert!(a0.last_shared.is_some());
    let a1 = any_sqlx::load_fewest(&any, &subject.token_hash, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(a0, a1);
    let b = spike_data_path::lite::open(&path, 2).unwrap();
    assert_eq!(
        a0,
        spike_data_path::lite::load(&b, &subject.token_hash, now)
            .await
            .unwrap()
            .unwrap()
    );
    let c = spike_data_path::dsl::open(&path, 2).unwrap();
    assert_eq!(
        a0,
        spike_data_path::dsl::load(&c, &subject.token_hash, now)
            .await
            .unwrap()
            .unwrap()
    );
    // A wrong token reads nothing, on every path.
    assert!(
        any_sqlx::load_fewest(&any, "nope", now)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        spike_data_path::lite::load(&b, "nope", now)
            .await
            .unwrap()
            .is_none()
    );

    let Ok(pg) = any_sqlx::connect(&pg_url).await else {
        eprintln!("skipped PostgreSQL: cannot connect to {pg_url}");
        return;
    };
    let s = fixture::prepare(&pg, now).await.unwrap();
    let p0 = any_sqlx::load_today(&pg, &s.token_hash, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p0.question.as_ref().unwrap().answers.len(), 1);
    let p1 = any_sqlx::load_fewest(&pg, &s.token_hash, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p0, p1);
    let tp = spike_data_path::pg::open(&pg_url, 2).await.unwrap();
    assert_eq!(
        p0,
        spike_data_path::pg::load(&tp, &s.token_hash, now)
            .await
            .unwrap()
            .unwrap()
    );
}
