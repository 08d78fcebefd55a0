//! Writes that run at the same moment (on SQLite, grouped into one transaction and one
//! commit: `db/group_commit.rs`) each keep or lose only their own changes, and each
//! caller hears its own answer: a refusal, a failed statement or a panic in one write
//! takes nothing from the others.

use std::collections::BTreeSet;

use rekindle::db::Error;
use rekindle::params;

use crate::helpers::TestApp;
use crate::on_both;

/// What write `n` does after inserting its row.
fn outcome(n: i64) -> &'static str {
    match n % 5 {
        0 => "refuses",
        1 => "breaks a unique key",
        2 if n % 4 == 2 => "panics",
        _ => "keeps",
    }
}

async fn each_write_keeps_or_loses_only_its_own_changes(app: TestApp) {
    let db = app.db().clone();
    db.execute("CREATE TABLE group_probe (n BIGINT PRIMARY KEY)", vec![])
        .await
        .unwrap();
    let writes: Vec<_> = (0..120_i64)
        .map(|n| {
            let db = db.clone();
            tokio::spawn(async move {
                db.write(move |c| -> Result<i64, Error> {
                    c.execute("INSERT INTO group_probe (n) VALUES ($1)", params![n])?;
                    match outcome(n) {
                        "refuses" => Err(Error::NotFound),
                        "breaks a unique key" => {
                            c.execute("INSERT INTO group_probe (n) VALUES ($1)", params![n])?;
                            Ok(n)
                        }
                        "panics" => panic!("write {n} panics on purpose (a test)"),
                        _ => Ok(n),
                    }
                })
                .await
            })
        })
        .collect();
    let mut acknowledged = BTreeSet::new();
    for (n, write) in (0..).zip(writes) {
        let answer = write.await.unwrap();
        match (outcome(n), answer) {
            ("keeps", Ok(got)) => assert!(acknowledged.insert(got) && got == n),
            ("refuses", Err(Error::NotFound)) | ("panics", Err(Error::Panicked)) => {}
            ("breaks a unique key", Err(err)) => assert!(err.is_unique_violation(), "{err}"),
            (expected, answer) => panic!("write {n} ({expected}) answered {answer:?}"),
        }
    }
    let kept: BTreeSet<i64> = db
        .column("SELECT n FROM group_probe", vec![])
        .await
        .unwrap()
        .into_iter()
        .collect();
    assert_eq!(kept, acknowledged);
    assert_eq!(
        kept.len(),
        (0..120).filter(|n| outcome(*n) == "keeps").count()
    );
    // The writing connection is still good afterwards.
    db.execute("INSERT INTO group_probe (n) VALUES (1000)", vec![])
        .await
        .unwrap();
}
on_both!(each_write_keeps_or_loses_only_its_own_changes);

/// `write_each` queues several writes at once: each still keeps or loses only its own.
async fn writes_queued_together_are_answered_each_in_order(app: TestApp) {
    let db = app.db().clone();
    db.execute("CREATE TABLE each_probe (n BIGINT PRIMARY KEY)", vec![])
        .await
        .unwrap();
    let works: Vec<_> = (1..=3_i64)
        .map(|n| {
            move |c: &mut rekindle::db::Conn| -> Result<i64, Error> {
                c.execute("INSERT INTO each_probe (n) VALUES ($1)", params![n])?;
                if n == 2 { Err(Error::NotFound) } else { Ok(n) }
            }
        })
        .collect();
    let answers = db.write_each(works).await;
    assert!(matches!(
        answers.as_slice(),
        [Ok(1), Err(Error::NotFound), Ok(3)]
    ));
    let kept: Vec<i64> = db
        .column("SELECT n FROM each_probe ORDER BY n", vec![])
        .await
        .unwrap();
    assert_eq!(kept, [1, 3]);
}
on_both!(writes_queued_together_are_answered_each_in_order);

/// A write whose changes can no longer be undone alone (here it ends its own savepoint,
/// which no write may do) must not have them committed with the others: on SQLite its
/// whole group is refused; on either engine exactly the acknowledged rows are stored.
async fn a_write_that_cannot_be_undone_alone_takes_its_group_with_it(app: TestApp) {
    let db = app.db().clone();
    db.execute("CREATE TABLE lost_probe (n BIGINT PRIMARY KEY)", vec![])
        .await
        .unwrap();
    let works: Vec<_> = (1..=3_i64)
        .map(|n| {
            move |c: &mut rekindle::db::Conn| -> Result<i64, Error> {
                c.execute("INSERT INTO lost_probe (n) VALUES ($1)", params![n])?;
                if n == 2 {
                    let _ = c.batch("RELEASE piece");
                    return Err(Error::NotFound);
                }
                Ok(n)
            }
        })
        .collect();
    let answers = db.write_each(works).await;
    assert!(matches!(answers[1], Err(Error::NotFound)), "{answers:?}");
    let acknowledged: Vec<i64> = answers.into_iter().filter_map(Result::ok).collect();
    let kept: Vec<i64> = db
        .column("SELECT n FROM lost_probe ORDER BY n", vec![])
        .await
        .unwrap();
    assert_eq!(kept, acknowledged);
    assert!(!kept.contains(&2), "a refused write's row was committed");
    // The writing connection is still good afterwards.
    db.execute("INSERT INTO lost_probe (n) VALUES (10)", vec![])
        .await
        .unwrap();
}
on_both!(a_write_that_cannot_be_undone_alone_takes_its_group_with_it);
