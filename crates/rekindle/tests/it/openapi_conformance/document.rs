//! The OpenAPI document on its own: one Rust type per schema name, parameters where
//! the handlers read them, the error answers every operation can give, the limits the
//! code enforces, and — for what people write — whether the partner sees it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

fn doc() -> Value {
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

fn property<'a>(doc: &'a Value, schema: &str, field: &str) -> &'a Value {
    let p = &doc["components"]["schemas"][schema]["properties"][field];
    assert!(p.is_object(), "{schema}.{field} is documented");
    p
}

#[test]
fn request_limits_are_the_ones_the_code_enforces() {
    use rekindle_core::{account, checkin, listening as core_listening, meeting};
    let doc = doc();
    let n = |v: usize| Value::from(v as u64);
    let cases: Vec<(&str, &str, &str, Value)> = vec![
        ("CheckInRequest", "closeness", "minimum", 1.into()),
        ("CheckInRequest", "closeness", "maximum", 7.into()),
        ("CheckInRequest", "mood", "minimum", 1.into()),
        ("CheckInRequest", "mood", "maximum", 5.into()),
        ("CheckInRequest", "felt_heard", "minimum", 1.into()),
        ("CheckInRequest", "felt_heard", "maximum", 5.into()),
        (
            "CheckInRequest",
            "appreciation",
            "maxLength",
            n(checkin::APPRECIATION_MAX_CHARS),
        ),
        (
            "CheckInRequest",
            "note",
            "maxLength",
            n(checkin::NOTE_MAX_CHARS),
        ),
        (
            "RegisterRequest",
            "email",
            "maxLength",
            n(account::EMAIL_MAX_CHARS),
        ),
        (
            "RegisterRequest",
            "password",
            "minLength",
            n(account::PASSWORD_MIN_CHARS),
        ),
        (
            "RegisterRequest",
            "password",
            "maxLength",
            n(account::PASSWORD_MAX_CHARS),
        ),
        (
            "RegisterRequest",
            "display_name",
            "maxLength",
            n(account::DISPLAY_NAME_MAX_CHARS),
        ),
        (
            "ProfileUpdate",
            "display_name",
            "maxLength",
            n(account::DISPLAY_NAME_MAX_CHARS),
        ),
        (
            "PasswordChange",
            "new_password",
            "minLength",
            n(account::PASSWORD_MIN_CHARS),
        ),
        (
            "PasswordChange",
            "new_password",
            "maxLength",
            n(account::PASSWORD_MAX_CHARS),
        ),
        (
            "CoachRequest",
            "text",
            "maxLength",
            n(rekindle::api::coach::MAX_CHARS),
        ),
        (
            "AnswerRequest",
            "body",
            "maxLength",
            n(rekindle::questions::ANSWER_MAX_CHARS),
        ),
        (
            "ReplyRequest",
            "body",
            "maxLength",
            n(rekindle::questions::REPLY_MAX_CHARS),
        ),
        (
            "EntriesRequest",
            "entries",
            "minItems",
            n(rekindle_core::love_map::ROUND_SIZE),
        ),
        (
            "EntriesRequest",
            "entries",
            "maxItems",
            n(rekindle_core::love_map::ROUND_SIZE),
        ),
        (
            "MarksRequest",
            "marks",
            "minItems",
            n(rekindle_core::love_map::ROUND_SIZE),
        ),
        (
            "MarksRequest",
            "marks",
            "maxItems",
            n(rekindle_core::love_map::ROUND_SIZE),
        ),
        (
            "ListeningStartRequest",
            "topic",
            "maxLength",
            n(rekindle::listening::TOPIC_MAX_CHARS),
        ),
        (
            "MoveRequest",
            "body",
            "maxLength",
            n(core_listening::MOVE_MAX_CHARS),
        ),
        ("RatingRequest", "felt_heard", "minimum", 1.into()),
        ("RatingRequest", "felt_heard", "maximum", 5.into()),
        (
            "ListeningNoteRequest",
            "body",
            "maxLength",
            n(rekindle::listening::NOTE_MAX_CHARS),
        ),
        (
            "MeetingNoteRequest",
            "body",
            "maxLength",
            n(meeting::NOTE_MAX_CHARS),
        ),
    ];
    let mut wrong = Vec::new();
    for (schema, field, keyword, want) in cases {
        let got = &doc["components"]["schemas"][schema]["properties"][field][keyword];
        if got != &want {
            wrong.push(format!(
                "{schema}.{field} {keyword}: documented {got}, enforced {want}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

const SEEN: &str = "Your partner sees this";
const PRIVATE: &str = "Private: only you see this";

/// The schema name of an operation's JSON request body, or of its answer with `status`.
fn schema_of(doc: &Value, method: &str, path: &str, status: Option<&str>) -> String {
    let op = &doc["paths"][path][method];
    let body = match status {
        None => &op["requestBody"],
        Some(s) => &op["responses"][s],
    };
    let reference = body["content"]["application/json"]["schema"]["$ref"].as_str();
    let name = reference.and_then(|r| r.strip_prefix("#/components/schemas/"));
    name.unwrap_or_else(|| panic!("{method} {path} {status:?} has a named schema"))
        .to_owned()
}

#[test]
fn each_written_field_says_whether_the_partner_sees_it() {
    let doc = doc();
    let checkin_in = schema_of(&doc, "put", "/api/v1/checkins/{day}", None);
    let checkin_out = schema_of(&doc, "put", "/api/v1/checkins/{day}", Some("200"));
    let listening_note = schema_of(&doc, "put", "/api/v1/listening/{id}/note", None);
    let session = schema_of(&doc, "put", "/api/v1/listening/{id}/note", Some("200"));
    let meeting_note = schema_of(&doc, "post", "/api/v1/state-of-us/notes", None);
    let mut cases = Vec::new();
    for schema in [&checkin_in, &checkin_out] {
        for field in ["closeness", "mood", "felt_heard", "appreciation"] {
            cases.push((schema, field, SEEN));
        }
        cases.push((schema, "note", PRIVATE));
    }
    cases.extend([
        (&listening_note, "body", PRIVATE),
        (&session, "my_note", PRIVATE),
        (&meeting_note, "body", SEEN),
    ]);
    let mut wrong = Vec::new();
    for (schema, field, want) in cases {
        let description = property(&doc, schema, field)["description"]
            .as_str()
            .unwrap_or_default();
        if !description.contains(want) {
            wrong.push(format!(
                "{schema}.{field}: {description:?} should say {want:?}"
            ));
        }
    }
    // Nothing may anywhere be described as both private and shared.
    for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
        for (field, p) in schema["properties"].as_object().into_iter().flatten() {
            let d = p["description"].as_str().unwrap_or_default().to_lowercase();
            if d.contains("private") && (d.contains("shared") || d.contains("partner sees")) {
                wrong.push(format!(
                    "{name}.{field}: says both private and shared: {d:?}"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
