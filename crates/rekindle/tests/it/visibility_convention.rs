//! The visibility rule lives in one place (`db::visibility::predicate`); *using* it is
//! checked here. Every SQL read in `src/` that touches a content table (a table with a
//! `visibility` column, found from the migrations) must go through the predicate, or be
//! one of the named exceptions in `db::visibility::EXCEPTIONS`, each with its reason.
//! A planted query that skips the predicate is caught (the last test). Also: the two
//! migration folders stay identical, file for file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rekindle::db::visibility::EXCEPTIONS;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Tables that carry a `visibility` column: the content tables.
fn content_tables() -> BTreeSet<String> {
    let mut tables = BTreeSet::new();
    for entry in std::fs::read_dir(crate_dir().join("migrations/sqlite")).unwrap() {
        let sql = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        // Comments first: one once ended a table early ("…sees it);").
        let sql: String = sql
            .lines()
            .map(|l| l.split("--").next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n");
        for block in sql.split("CREATE TABLE ").skip(1) {
            let name: String = block
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let body = block.split(");").next().unwrap_or_default();
            if body.contains(" visibility ") {
                tables.insert(name);
            }
        }
    }
    tables
}

/// The string literals of a Rust source with the byte offset where each ends. A small
/// lexer: comments, char literals and raw strings are skipped correctly, so a `"` in a
/// comment or `b'"'` never starts a string.
fn string_literals(src: &str) -> Vec<(String, usize)> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 2;
            }
            b'\'' => {
                // A char literal ('x', '\n', '\'') — or a lifetime, which never closes.
                if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                    i += 1;
                } else if b.get(i + 2) == Some(&b'\'') {
                    i += 3;
                } else {
                    i += 1;
                }
            }
            b'r' if (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let start = j + 1;
                let end = src[start..].find(&close).map_or(b.len(), |k| start + k);
                out.push((src[start..end].to_owned(), end));
                i = end + close.len();
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < b.len() && b[j] != b'"' {
                    if b[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                out.push((src[start..j.min(b.len())].to_owned(), j));
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Content tables a SQL text reads (after FROM or JOIN).
fn tables_read(sql: &str, content: &BTreeSet<String>) -> Vec<String> {
    let words: Vec<&str> = sql
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(2)
        .filter(|w| w[0] == "FROM" || w[0] == "JOIN")
        .map(|w| w[1].to_owned())
        .filter(|t| content.contains(t))
        .collect()
}

/// Reads of content tables that do not go through the predicate: the literal, then the
/// rest of its statement (up to the next `;`), must call `predicate(`.
fn violations(file: &str, src: &str, content: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for (sql, end) in string_literals(src) {
        if !sql.contains("SELECT") {
            continue;
        }
        let tables = tables_read(&sql, content);
        if tables.is_empty() {
            continue;
        }
        let statement_rest = src[end..].split(';').next().unwrap_or_default();
        if statement_rest.contains("predicate(") {
            continue;
        }
        if EXCEPTIONS
            .iter()
            .any(|e| file.ends_with(e.file) && sql.contains(e.sql))
        {
            continue;
        }
        let line = src[..end].matches('\n').count() + 1;
        found.push(format!(
            "{file}:{line} reads {tables:?} without the predicate"
        ));
    }
    found
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

#[test]
fn every_read_of_content_goes_through_the_visibility_rule() {
    let content = content_tables();
    for t in [
        "answers",
        "checkin_notes",
        "listening_notes",
        "meeting_notes",
    ] {
        assert!(content.contains(t), "{t} is a content table: {content:?}");
    }
    let mut files = Vec::new();
    rust_files(&crate_dir().join("src"), &mut files);
    let mut all = Vec::new();
    for path in &files {
        let name = path
            .strip_prefix(crate_dir())
            .unwrap()
            .display()
            .to_string();
        if name == "src/db/visibility.rs" {
            continue; // the rule and its named exceptions; no queries
        }
        let src = std::fs::read_to_string(path).unwrap();
        all.extend(violations(&name, &src, &content));
    }
    assert!(
        all.is_empty(),
        "content read without the visibility predicate (use it, or name an exception in db/visibility.rs):\n{}",
        all.join("\n")
    );
    // Every exception still matches something, so the list cannot rot.
    for e in EXCEPTIONS {
        let src = std::fs::read_to_string(crate_dir().join(e.file)).unwrap();
        assert!(
            string_literals(&src).iter().any(|(s, _)| s.contains(e.sql)),
            "exception no longer matches: {} {:?}",
            e.file,
            e.sql
        );
    }
}

#[test]
fn a_planted_query_that_skips_the_predicate_is_caught() {
    let content = content_tables();
    let planted = r#"
        // "SELECT body FROM answers" in a comment is not code.
        let quote = b'"';
        fn leak(c: &mut Conn, couple: &str) {
            c.query("SELECT a.body FROM answers a WHERE a.couple_id = $1", params![couple], |r| r.get(0));
        }
        pub async fn fine(db: &Db, scope: &Scope) {
            let sql = format!("SELECT a.body FROM answers a WHERE {}", predicate("a", 1));
        }
    "#;
    let found = violations("src/db/planted.rs", planted, &content);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("src/db/planted.rs:5 reads [\"answers\"]"));
}

#[test]
fn the_two_migration_folders_are_identical() {
    let names = |dir: &str| -> BTreeSet<String> {
        std::fs::read_dir(crate_dir().join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let (sqlite, postgres) = (names("migrations/sqlite"), names("migrations/postgres"));
    assert_eq!(sqlite, postgres);
    for name in sqlite {
        let a = std::fs::read(crate_dir().join("migrations/sqlite").join(&name)).unwrap();
        let b = std::fs::read(crate_dir().join("migrations/postgres").join(&name)).unwrap();
        assert!(a == b, "{name} differs between the engines");
    }
}

#[test]
fn the_export_knows_every_content_table() {
    let listed: BTreeSet<String> = rekindle::db::export::CONTENT_TABLES
        .iter()
        .map(|t| (*t).to_owned())
        .collect();
    assert_eq!(
        listed,
        content_tables(),
        "db::export::CONTENT_TABLES must name every table with a visibility column"
    );
    for col in rekindle::db::keys::SEALED_PROSE {
        assert!(
            listed.contains(col.table),
            "{} is not a content table",
            col.table
        );
    }
}
