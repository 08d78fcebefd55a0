//! Storage: migrations match across engines, and the SQL form of the visibility rule
//! agrees with the core rule on every combination.

use std::collections::BTreeSet;

use rekindle::db::Value;
use rekindle::db::visibility::{Scope, predicate};
use rekindle_core::reveal::{ItemAccess, Viewer, Visibility, may_see};

use crate::helpers::TestApp;
use crate::on_both;

fn versions(dir: &str) -> BTreeSet<String> {
    std::fs::read_dir(format!("{}/migrations/{dir}", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .map(|n| n.split('_').next().unwrap().to_owned())
        .collect()
}

/// See `.cargo/config.toml`: with STAT4, statements re-prepare on every request.
#[tokio::test]
async fn sqlite_is_built_without_stat4() {
    let app = TestApp::sqlite().await;
    let stat4: Vec<String> = app
        .db()
        .column(
            "SELECT compile_options FROM pragma_compile_options WHERE compile_options LIKE '%STAT4%'",
            vec![],
        )
        .await
        .unwrap();
    assert!(stat4.is_empty(), "{stat4:?}");
}

#[test]
fn every_migration_file_is_in_the_embedded_list_in_order() {
    let mut files: Vec<String> =
        std::fs::read_dir(format!("{}/migrations/sqlite", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter_map(|n| n.strip_suffix(".sql").map(str::to_owned))
            .collect();
    files.sort();
    let listed: Vec<&str> = rekindle::db::migrate::MIGRATIONS
        .iter()
        .map(|m| m.name)
        .collect();
    assert_eq!(listed, files);
}

#[test]
fn sqlite_and_postgres_migrations_have_the_same_versions() {
    let sqlite = versions("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, versions("postgres"));
}

async fn migrating_twice_is_harmless(app: TestApp) {
    app.db().migrate().await.unwrap();
    assert!(app.db().is_healthy().await);
}
on_both!(migrating_twice_is_harmless);

async fn the_sql_visibility_rule_matches_the_core_rule(app: TestApp) {
    let db = app.db();
    db.execute(
        "CREATE TABLE visibility_probe (id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, couple_id TEXT NOT NULL, \
         visibility TEXT NOT NULL, unsealed_at BIGINT)",
        vec![],
    )
    .await
    .unwrap();
    let owners = ["ann", "ben", "cid"];
    let couples = ["c1", "c2"];
    let kinds = [Visibility::Private, Visibility::Shared, Visibility::Sealed];
    let unsealed = [None, Some(500_i64), Some(1_000), Some(1_500)];
    let mut rows = Vec::new();
    for o in owners {
        for c in couples {
            for v in kinds {
                for u in unsealed {
                    let id = format!("{o}-{c}-{}-{u:?}", v.as_str());
                    db.execute(
                        "INSERT INTO visibility_probe VALUES ($1, $2, $3, $4, $5)",
                        vec![
                            id.clone().into(),
                            o.to_owned().into(),
                            c.to_owned().into(),
                            v.as_str().to_owned().into(),
                            u.into(),
                        ],
                    )
                    .await
                    .unwrap();
                    rows.push((id, o, c, v, u));
                }
            }
        }
    }
    let viewers = [
        ("ann", Some("c1")),
        ("ben", Some("c1")),
        ("ben", None),
        ("cid", Some("c2")),
        ("dan", None),
    ];
    let now = 1_000;
    let sql = format!(
        "SELECT p.id FROM visibility_probe p WHERE {} ORDER BY p.id",
        predicate("p", 1)
    );
    for (viewer, couple) in viewers {
        let scope = Scope {
            viewer_id: viewer.to_owned(),
            couple_id: couple.map(str::to_owned),
            now_ms: now,
        };
        let params: Vec<Value<'static>> =
            scope.with(&[]).into_iter().map(Value::into_owned).collect();
        let seen: BTreeSet<String> = db
            .column::<String>(&sql, params)
            .await
            .unwrap()
            .into_iter()
            .collect();
        let expected: BTreeSet<String> = rows
            .iter()
            .filter(|(_, o, c, v, u)| {
                may_see(
                    &ItemAccess {
                        owner_id: o,
                        couple_id: c,
                        visibility: *v,
                        unsealed_at_ms: *u,
                    },
                    &Viewer {
                        user_id: viewer,
                        couple_id: couple,
                    },
                    now,
                )
            })
            .map(|(id, ..)| id.clone())
            .collect();
        assert_eq!(seen, expected, "viewer {viewer} in {couple:?}");
    }
}
on_both!(the_sql_visibility_rule_matches_the_core_rule);
