//! The OpenAPI document on its own: one Rust type per schema name, parameters where
//! the handlers read them, and the error answers every operation can give
//! (`fields.rs` has the fields' limits and who sees them).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

pub fn doc() -> Value {
    serde_json::to_value(<rekindle::api::openapi::ApiDoc as utoipa::OpenApi>::openapi()).unwrap()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `#[derive(… ToSchema …)]` type in the crate, by the component name utoipa
/// gives it (the type's name, or `#[schema(as = …)]`), with where it is defined.
fn schema_types() -> BTreeMap<String, Vec<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut names: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim();
            if !(t.starts_with("#[derive(") && t.contains("ToSchema")) {
                continue;
            }
            let mut renamed = None;
            for next in &lines[i + 1..] {
                let n = next.trim();
                if let Some(rest) = n.strip_prefix("#[schema(as = ") {
                    renamed = Some(
                        rest.trim_end_matches(")]")
                            .rsplit("::")
                            .next()
                            .unwrap()
                            .to_owned(),
                    );
                }
                let decl = n.strip_prefix("pub ").unwrap_or(n);
                if let Some(rest) = decl
                    .strip_prefix("struct ")
                    .or_else(|| decl.strip_prefix("enum "))
                {
                    let ident: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    let place = format!("{}::{ident}", file.strip_prefix(&src).unwrap().display());
                    names
                        .entry(renamed.unwrap_or(ident))
                        .or_default()
                        .push(place);
                    break;
                }
            }
        }
    }
    names
}

#[test]
fn every_schema_name_belongs_to_one_rust_type() {
    let types = schema_types();
    assert!(types.len() > 30, "the scan found the schemas: {types:?}");
    let clashes: Vec<String> = types
        .iter()
        .filter(|(_, places)| places.len() > 1)
        .map(|(name, places)| format!("{name}: {}", places.join(", ")))
        .collect();
    assert!(
        clashes.is_empty(),
        "one schema name, several types (the document keeps only one):\n{}",
        clashes.join("\n")
    );
    let doc = doc();
    let components: BTreeSet<String> = doc["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let scanned: BTreeSet<String> = types.keys().cloned().collect();
    assert_eq!(
        components, scanned,
        "the document's schemas are exactly the crate's ToSchema types"
    );
}

#[test]
fn parameters_are_where_the_handlers_read_them() {
    let doc = doc();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let params = op["parameters"].as_array().cloned().unwrap_or_default();
            let in_path: BTreeSet<String> = params
                .iter()
                .filter(|p| p["in"] == "path")
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect();
            let in_template: BTreeSet<String> = path
                .split('/')
                .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
                .map(str::to_owned)
                .collect();
            assert_eq!(in_path, in_template, "{method} {path}: path parameters");
        }
    }
    let query = |path: &str| -> Vec<(String, bool)> {
        doc["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["in"] == "query")
            .map(|p| {
                (
                    p["name"].as_str().unwrap().to_owned(),
                    p["required"] == true,
                )
            })
            .collect()
    };
    assert_eq!(query("/api/v1/dashboard"), [("range".to_owned(), false)]);
    assert_eq!(
        query("/api/v1/checkins"),
        [("from".to_owned(), false), ("to".to_owned(), false)]
    );
}

#[test]
fn every_operation_documents_the_errors_it_can_give() {
    let doc = doc();
    let mut missing = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let has = |s: &str| op["responses"][s].is_object();
            // Any request can carry a path or query that cannot be read (invalid
            // UTF-8, NUL), so every operation can answer 400.
            let mut need = vec!["400"];
            if op["requestBody"].is_object() {
                need.push("413");
            }
            if op["security"].is_array() {
                need.push("401");
            }
            for status in need {
                if !has(status) {
                    missing.push(format!("{method} {path}: {status}"));
                }
            }
            for (status, response) in op["responses"].as_object().unwrap() {
                if status.starts_with('4') {
                    let schema = &response["content"]["application/json"]["schema"]["$ref"];
                    assert_eq!(
                        schema, "#/components/schemas/ErrorBody",
                        "{method} {path} {status}"
                    );
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "undocumented error answers:\n{}",
        missing.join("\n")
    );
}
