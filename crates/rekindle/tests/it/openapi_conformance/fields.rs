//! The document's request fields: the limits the code enforces, and — for what people
//! write — whether the partner sees it.

use serde_json::Value;

use super::document::doc;

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
            n(rekindle::features::coach::MAX_CHARS),
        ),
        (
            "AnswerRequest",
            "body",
            "maxLength",
            n(rekindle::features::questions::ANSWER_MAX_CHARS),
        ),
        (
            "ReplyRequest",
            "body",
            "maxLength",
            n(rekindle::features::questions::REPLY_MAX_CHARS),
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
            n(rekindle::features::listening::TOPIC_MAX_CHARS),
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
            n(rekindle::features::listening::NOTE_MAX_CHARS),
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
    let love_note = schema_of(&doc, "post", "/api/v1/notes", None);
    let partner_loves = schema_of(&doc, "post", "/api/v1/gestures/loves", None);
    let mutual_answer = schema_of(&doc, "put", "/api/v1/mutual/{id}", None);
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
        (&love_note, "body", SEEN),
        (&partner_loves, "body", PRIVATE),
        (&mutual_answer, "answer", PRIVATE),
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
