//! The listening exercise called directly, where HTTP would only get in the way: moves
//! racing each other (six at once, exactly one taken) and the calm timer at exact
//! instants of a fixed clock.

use rekindle::db::couples;
use rekindle_core::listening::MoveKind;

use crate::helpers::{TestApp, member_at};
use crate::on_both;

async fn racing_moves_take_one_step(app: TestApp) {
    let sam = app.person("sam@example.org", "Sam").await;
    let alex = app.person("alex@example.org", "Alex").await;
    app.couple(&sam, &alex).await;
    let couple = couples::current_for(app.db(), &sam.id)
        .await
        .unwrap()
        .unwrap();
    let now = app.clock.now_ms();
    let (s, _) = rekindle::features::listening::start(
        app.db(),
        &member_at(&sam, &couple, now),
        "Us",
        true,
        true,
    )
    .await
    .unwrap();
    let tasks: Vec<_> = (0..6)
        .map(|i| {
            let (db, sam, couple, id) =
                (app.db().clone(), sam.clone(), couple.clone(), s.id.clone());
            tokio::spawn(async move {
                rekindle::features::listening::act(
                    &db,
                    &member_at(&sam, &couple, now),
                    &id,
                    MoveKind::Piece,
                    &format!("piece {i}"),
                )
                .await
                .is_ok()
            })
        })
        .collect();
    let mut ok = 0;
    for t in tasks {
        ok += usize::from(t.await.unwrap());
    }
    assert_eq!(ok, 1, "exactly one of the racing pieces is taken");
    let after =
        rekindle::features::listening::read(app.db(), &member_at(&sam, &couple, now), &s.id)
            .await
            .unwrap();
    assert_eq!(after.turns.len(), 1);
}
on_both!(racing_moves_take_one_step);

async fn the_calm_timer_counts_from_when_the_step_began(app: TestApp) {
    let sam = app.person("sam@example.org", "Sam").await;
    let alex = app.person("alex@example.org", "Alex").await;
    app.couple(&sam, &alex).await;
    let couple = couples::current_for(app.db(), &sam.id)
        .await
        .unwrap()
        .unwrap();
    let start = app.clock.now_ms();
    let (s, _) = rekindle::features::listening::start(
        app.db(),
        &member_at(&sam, &couple, start),
        "Us",
        true,
        false,
    )
    .await
    .unwrap();
    let read = |at: i64| {
        let (db, sam, couple, id) = (app.db().clone(), sam.clone(), couple.clone(), s.id.clone());
        async move {
            rekindle::features::listening::read(&db, &member_at(&sam, &couple, at), &id)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        read(start + 90_000).await.step_time(),
        "1:30",
        "from the start, before any move"
    );
    rekindle::features::listening::act(
        app.db(),
        &member_at(&sam, &couple, start + 100_000),
        &s.id,
        MoveKind::Piece,
        "hi",
    )
    .await
    .unwrap();
    assert_eq!(
        read(start + 105_000).await.step_time(),
        "0:05",
        "from the last move"
    );
}
on_both!(the_calm_timer_counts_from_when_the_step_began);
