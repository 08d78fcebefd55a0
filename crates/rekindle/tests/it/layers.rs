//! The layers, checked: pages (`src/web`) and the API (`src/api`) reach storage only
//! through a feature's service (`src/features`, `src/auth`). They may name storage's
//! types (`Couple`, `SessionKind`, `db::Error`), never call into `db/`.

use std::path::Path;

fn handler_files() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for dir in ["web", "api"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                let name = format!("src/{dir}/{}", path.file_name().unwrap().to_string_lossy());
                files.push((name, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files
}

/// What a `use crate::db…;` line brings in that is not a type (a module or a function).
fn non_types(line: &str) -> Vec<String> {
    let Some(rest) = line.trim().strip_prefix("use crate::db") else {
        return Vec::new();
    };
    let rest = rest.trim_end_matches(';');
    let (path, items) = match rest.split_once("::{") {
        Some((path, items)) => (path, items.trim_end_matches('}').to_owned()),
        None => match rest.rsplit_once("::") {
            Some((path, item)) => (path, item.to_owned()),
            None => ("", "db".to_owned()),
        },
    };
    items
        .split(',')
        .map(str::trim)
        .filter(|i| !i.is_empty() && !i.starts_with(char::is_uppercase))
        .map(|i| format!("crate::db{path}::{i}"))
        .collect()
}

fn violations(name: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        for item in non_types(line) {
            found.push(format!("{name}:{} imports {item}", n + 1));
        }
        let calls_db = line.match_indices("crate::db::").any(|(at, _)| {
            let tail = &line[at + "crate::db::".len()..];
            let path: String = tail
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let last = path.rsplit("::").next().unwrap_or_default();
            tail[path.len()..].starts_with('(') && last.starts_with(char::is_lowercase)
        });
        if calls_db {
            found.push(format!("{name}:{} calls into db/", n + 1));
        }
    }
    found
}

#[test]
fn pages_and_the_api_reach_storage_only_through_services() {
    let found: Vec<String> = handler_files()
        .iter()
        .flat_map(|(name, text)| violations(name, text))
        .collect();
    assert!(
        found.is_empty(),
        "go through the feature's service:\n{}",
        found.join("\n")
    );
}

#[test]
fn a_planted_storage_call_is_caught() {
    let planted = "use crate::db::couples::{self, Couple};\n\
                   use crate::db::sessions::SessionKind;\n\
                   let c = crate::db::couples::current_for(&state.db, id).await?;\n\
                   let k: crate::db::Error = todo;\n";
    let found = violations("src/web/planted.rs", planted);
    assert_eq!(
        found,
        vec![
            "src/web/planted.rs:1 imports crate::db::couples::self".to_owned(),
            "src/web/planted.rs:3 calls into db/".to_owned(),
        ]
    );
}
