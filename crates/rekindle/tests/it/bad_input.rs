//! Bad input on every route: malformed bodies, wrong types, script and SQL
//! metacharacters, huge and odd strings, invalid UTF-8, NUL, odd path parameters.
//! Every answer must be a clear 4xx (or a success) — never a 5xx — and carry the
//! security headers. `input_hygiene.rs` has the exact answers for oversized bodies,
//! invalid UTF-8 and NUL.

use axum::body::Body;
use axum::http::{Method, Request, header};
use rekindle::app::routes;
use rekindle::db::sessions::{self, SessionKind};

use crate::helpers::{HOST, ORIGIN, TestApp};
use crate::on_both;

const FIELDS: [&str; 16] = [
    "closeness",
    "mood",
    "felt_heard",
    "appreciation",
    "note",
    "day",
    "email",
    "password",
    "display_name",
    "timezone",
    "invite_code",
    "current_password",
    "new_password",
    "confirm",
    "device_token",
    "replace",
];

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
    for odd in odd_strings() {
        let object: serde_json::Map<String, serde_json::Value> = FIELDS
            .iter()
            .map(|f| ((*f).to_owned(), serde_json::Value::String(odd.clone())))
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
    for odd in odd_strings() {
        let pairs: Vec<(&str, &str)> = FIELDS.iter().map(|f| (*f, odd.as_str())).collect();
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
    let (_, api_token) = sessions::create(app.db(), &member.id, SessionKind::Api)
        .await
        .unwrap();
    let (_, web_token) = sessions::create(app.db(), &member.id, SessionKind::Web)
        .await
        .unwrap();
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
    let count: i64 = sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM users")
        .fetch_one(app.db().pool())
        .await
        .unwrap();
    assert_eq!(count, 0);
}
on_both!(nul_is_refused_clearly_and_nothing_is_saved);
