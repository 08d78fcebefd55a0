//! Bad input on every route: malformed bodies, wrong types, script and SQL
//! metacharacters, huge and odd strings, invalid UTF-8, NUL, odd path parameters.
//! Every answer must be a clear 4xx (or a success) — never a 5xx — and carry the
//! security headers. `input_hygiene.rs` has the exact answers for oversized bodies,
//! invalid UTF-8 and NUL.

use std::collections::BTreeSet;

use axum::body::Body;
use axum::http::{Method, Request, header};
use rekindle::app::routes;
use rekindle::db::sessions::SessionKind;

use rekindle_core::content::date_ideas::{Season, Tag};
use serde_json::Value;
use utoipa::OpenApi as _;

use crate::helpers::{HOST, ORIGIN, TestApp};
use crate::on_both;

/// Every request field the API documents: the properties of every request body in
/// the OpenAPI document (following `$ref`s and array items), so a new field is swept
/// the moment it is documented.
fn api_fields() -> BTreeSet<String> {
    let doc = serde_json::to_value(rekindle::api::openapi::ApiDoc::openapi()).unwrap();
    let mut fields = BTreeSet::new();
    for operations in doc["paths"].as_object().unwrap().values() {
        for operation in operations.as_object().unwrap().values() {
            let schema = &operation["requestBody"]["content"]["application/json"]["schema"];
            collect_properties(&doc, schema, &mut fields, 0);
        }
    }
    fields
}

fn collect_properties(doc: &Value, schema: &Value, into: &mut BTreeSet<String>, depth: u8) {
    if depth > 8 {
        return;
    }
    if let Some(name) = schema["$ref"].as_str().and_then(|r| r.rsplit('/').next()) {
        collect_properties(doc, &doc["components"]["schemas"][name], into, depth + 1);
    }
    if let Some(props) = schema["properties"].as_object() {
        for (name, inner) in props {
            into.insert(name.clone());
            collect_properties(doc, inner, into, depth + 1);
        }
    }
    for key in ["items", "allOf", "oneOf", "anyOf"] {
        match &schema[key] {
            Value::Array(list) => list
                .iter()
                .for_each(|s| collect_properties(doc, s, into, depth + 1)),
            s @ Value::Object(_) => collect_properties(doc, s, into, depth + 1),
            _ => {}
        }
    }
}

/// Every field a page form sends: the `name`s in the templates.
fn form_fields() -> BTreeSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut fields = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for piece in text.split(" name=\"").skip(1) {
            let name: String = piece
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let rest = &piece[name.len()..];
            if name.is_empty() {
                continue;
            }
            if rest.starts_with('"') {
                fields.insert(name);
            } else if rest.starts_with("{{") {
                // A numbered field (`e{{ i.position }}`): the love map's five positions.
                fields.extend((0..5).map(|n| format!("{name}{n}")));
            } else if rest.starts_with("-{{") {
                // A box per choice (`season-{{ s.as_str() }}`, `tag-…`): every choice.
                let choices: Vec<&str> = match name.as_str() {
                    "season" => Season::ALL.iter().map(|s| s.as_str()).collect(),
                    "tag" => Tag::ALL.iter().map(|t| t.as_str()).collect(),
                    // A rating per option (`r-{{ o.id }}`): any made-up option id.
                    "r" => vec!["made-up-option"],
                    other => panic!("unknown per-choice field {other}-…"),
                };
                fields.extend(choices.iter().map(|c| format!("{name}-{c}")));
            }
        }
    }
    fields
}

#[test]
fn the_sweep_covers_every_documented_and_form_field() {
    let api = api_fields();
    for f in [
        "body",
        "topic",
        "kind",
        "entries",
        "marks",
        "closeness",
        "email",
        "invite_code",
        "felt_heard",
        "section",
        "weekday",
        "starts_at",
        "vote",
        "novelty",
        "rhythm",
        "enjoyment",
    ] {
        assert!(api.contains(f), "API field {f} swept: {api:?}");
    }
    let forms = form_fields();
    for f in [
        "body",
        "topic",
        "own_topic",
        "prompt_id",
        "e0",
        "m0",
        "confirm",
        "first",
        "day",
        "end_time",
        "phones_away",
        "season-winter",
        "tag-phones-away",
        "rhythm",
        "enjoyment",
    ] {
        assert!(forms.contains(f), "form field {f} swept: {forms:?}");
    }
}

fn odd_strings() -> Vec<String> {
    vec![
        "<script>alert(1)</script>".to_owned(),
        "'; DROP TABLE users; --".to_owned(),
        "\" OR 1=1 --".to_owned(),
        "x".repeat(100_000),
        "\u{202E}txet desrever".to_owned(),
        "💛 émoji ✨".to_owned(),
        "nul\u{0}inside".to_owned(),
        "../../etc/passwd".to_owned(),
        "   ".to_owned(),
        "1e309".to_owned(),
    ]
}

fn json_bodies() -> Vec<Vec<u8>> {
    let mut bodies: Vec<Vec<u8>> = [
        "",
        "{",
        "null",
        "[]",
        "\"text\"",
        "{\"email\": 5, \"password\": [], \"display_name\": {}, \"timezone\": null}",
    ]
    .iter()
    .map(|s| s.as_bytes().to_vec())
    .collect();
    bodies.push(b"{\"email\": \"\xff\xfe\"}".to_vec());
    let fields = api_fields();
    for odd in odd_strings() {
        let object: serde_json::Map<String, serde_json::Value> = fields
            .iter()
            .map(|f| (f.clone(), serde_json::Value::String(odd.clone())))
            .collect();
        bodies.push(serde_json::Value::Object(object).to_string().into_bytes());
    }
    bodies
}

fn form_bodies() -> Vec<Vec<u8>> {
    let mut bodies = vec![
        b"".to_vec(),
        b"%%%&&&==".to_vec(),
        b"email=%FF%FE&password=\xff".to_vec(),
    ];
    let fields = form_fields();
    for odd in odd_strings() {
        let pairs: Vec<(&str, &str)> = fields.iter().map(|f| (f.as_str(), odd.as_str())).collect();
        bodies.push(crate::helpers::form_encode(&pairs).into_bytes());
    }
    bodies
}

const ODD_PATH_PARAMS: [&str; 6] = [
    "%00",
    "..%2F..%2Fetc",
    "%27%20OR%201%3D1",
    "%F0%9F%92%9B",
    "%FF",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
];

async fn no_route_answers_bad_input_with_a_server_error(app: TestApp) {
    let member = app.person("member@example.org", "Member").await;
    let partner = app.person("partner@example.org", "Partner").await;
    app.couple(&member, &partner).await;
    let api_token = app.session_for(&member.id, SessionKind::Api).await;
    let web_token = app.session_for(&member.id, SessionKind::Web).await;
    let mut failures = Vec::new();
    for route in routes() {
        let params: Vec<&str> = if route.path.contains('{') {
            ODD_PATH_PARAMS.to_vec()
        } else {
            vec![""]
        };
        for param in params {
            let path = route
                .path
                .replace("{id}", param)
                .replace("{code}", param)
                .replace("{file}", param)
                .replace("{day}", param);
            let bodies = match (route.method.clone(), route.is_api()) {
                (Method::GET | Method::DELETE, _) => vec![Vec::new()],
                (_, true) => json_bodies(),
                (_, false) => form_bodies(),
            };
            for body in bodies {
                let mut req = Request::builder()
                    .method(route.method.clone())
                    .uri(&path)
                    .header(header::HOST, HOST)
                    .header(header::CONTENT_LENGTH, body.len());
                if route.is_api() {
                    req = req
                        .header(header::AUTHORIZATION, format!("Bearer {api_token}"))
                        .header(header::CONTENT_TYPE, "application/json");
                } else {
                    req = req
                        .header(header::COOKIE, format!("rekindle_session={web_token}"))
                        .header(header::ORIGIN, ORIGIN)
                        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                }
                let res = app.send(req.body(Body::from(body.clone())).unwrap()).await;
                if res.status.is_server_error() {
                    failures.push(format!(
                        "{} {path} with {:?}: {}",
                        route.method,
                        String::from_utf8_lossy(&body[..body.len().min(80)]),
                        res.status
                    ));
                }
                if res.header("content-security-policy").is_none()
                    || res.header("x-content-type-options") != Some("nosniff")
                {
                    failures.push(format!(
                        "{} {path}: {} without the security headers",
                        route.method, res.status
                    ));
                }
                if route.is_api() && !res.status.is_success() && !res.body.is_empty() {
                    let json: serde_json::Value = res.json();
                    assert!(
                        json["error"]["code"].is_string(),
                        "{} {path}: contract error shape",
                        route.method
                    );
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "server errors or missing headers on bad input:\n{}",
        failures.join("\n")
    );
}
on_both!(no_route_answers_bad_input_with_a_server_error);

async fn nul_is_refused_clearly_and_nothing_is_saved(app: TestApp) {
    let res = app
        .api(
            Method::POST,
            "/api/v1/auth/register",
            None,
            Some(serde_json::json!({"email": "nul@example.org", "password": "pass\u{0}word word", "display_name": "N", "timezone": "UTC"})),
        )
        .await;
    assert_eq!(res.status, axum::http::StatusCode::BAD_REQUEST);
    assert_eq!(res.json()["error"]["code"], "nul_character");
    let count = app
        .count("SELECT CAST(COUNT(*) AS BIGINT) FROM users")
        .await;
    assert_eq!(count, 0);
}
on_both!(nul_is_refused_clearly_and_nothing_is_saved);
