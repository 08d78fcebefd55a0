//! A small JSON Schema validator for the subset utoipa writes into an OpenAPI 3.1
//! document (JSON Schema 2020-12): `$ref` to `#/components/schemas/…`, `type` (one or
//! a list, so `["string", "null"]`), `properties`, `required`, `additionalProperties`,
//! `propertyNames`, `items`, `enum`, `minimum`/`maximum`, `minLength`/`maxLength`,
//! `minItems`/`maxItems`, `oneOf`/`anyOf`/`allOf`, plus annotations it ignores.
//!
//! Stricter than JSON Schema on purpose: an object schema with `properties` and no
//! `additionalProperties` refuses fields it does not name (utoipa never writes
//! `additionalProperties: false`, but an undocumented field in an answer is a bug), and
//! a keyword this validator does not know is an error rather than silently ignored.

use serde_json::Value;

/// Keywords that only describe; they never constrain a value.
const ANNOTATIONS: [&str; 8] = [
    "description",
    "title",
    "format",
    "default",
    "example",
    "examples",
    "deprecated",
    "readOnly",
];

/// Checks `value` against `schema`; each problem is one line naming where it is.
/// `root` is the whole document, for `$ref`.
pub fn validate(root: &Value, schema: &Value, value: &Value, at: &str) -> Vec<String> {
    let mut errors = Vec::new();
    check(root, schema, value, at, &mut errors);
    errors
}

fn resolve<'a>(root: &'a Value, reference: &str) -> Option<&'a Value> {
    let pointer = reference.strip_prefix('#')?;
    root.pointer(pointer)
}

fn type_matches(name: &str, value: &Value) -> bool {
    match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "number" => value.is_number(),
        "integer" => value.is_i64() || value.is_u64(),
        _ => false,
    }
}

fn as_f64(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn check(root: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let Some(obj) = schema.as_object() else {
        if schema == &Value::Bool(true) {
            return;
        }
        errors.push(format!("{at}: schema is not an object: {schema}"));
        return;
    };
    for (keyword, arg) in obj {
        match keyword.as_str() {
            "$ref" => match arg.as_str().and_then(|r| resolve(root, r)) {
                Some(target) => check(root, target, value, at, errors),
                None => errors.push(format!("{at}: unresolvable $ref {arg}")),
            },
            "type" => {
                let names: Vec<&str> = match arg {
                    Value::String(s) => vec![s.as_str()],
                    Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                    _ => Vec::new(),
                };
                if !names.iter().any(|n| type_matches(n, value)) {
                    errors.push(format!("{at}: expected type {arg}, got {value}"));
                }
            }
            "enum" => {
                if !arg.as_array().is_some_and(|a| a.contains(value)) {
                    errors.push(format!("{at}: {value} is not one of {arg}"));
                }
            }
            "minimum" | "maximum" => {
                if let (Some(n), Some(limit)) = (as_f64(value), as_f64(arg)) {
                    let ok = if keyword == "minimum" {
                        n >= limit
                    } else {
                        n <= limit
                    };
                    if !ok {
                        errors.push(format!("{at}: {n} breaks {keyword} {limit}"));
                    }
                }
            }
            "minLength" | "maxLength" => {
                if let (Some(s), Some(limit)) = (value.as_str(), arg.as_u64()) {
                    let len = s.chars().count() as u64;
                    let ok = if keyword == "minLength" {
                        len >= limit
                    } else {
                        len <= limit
                    };
                    if !ok {
                        errors.push(format!("{at}: length {len} breaks {keyword} {limit}"));
                    }
                }
            }
            "minItems" | "maxItems" => {
                if let (Some(a), Some(limit)) = (value.as_array(), arg.as_u64()) {
                    let len = a.len() as u64;
                    let ok = if keyword == "minItems" {
                        len >= limit
                    } else {
                        len <= limit
                    };
                    if !ok {
                        errors.push(format!("{at}: {len} items break {keyword} {limit}"));
                    }
                }
            }
            "items" => {
                if let Some(a) = value.as_array() {
                    for (i, item) in a.iter().enumerate() {
                        check(root, arg, item, &format!("{at}[{i}]"), errors);
                    }
                }
            }
            "required" => {
                if let Some(o) = value.as_object() {
                    for name in arg
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                    {
                        if !o.contains_key(name) {
                            errors.push(format!("{at}: required field `{name}` is missing"));
                        }
                    }
                }
            }
            "properties" => {
                let Some(o) = value.as_object() else { continue };
                let props = arg.as_object();
                for (name, v) in o {
                    let path = format!("{at}.{name}");
                    match props.and_then(|p| p.get(name)) {
                        Some(s) => check(root, s, v, &path, errors),
                        None => match obj.get("additionalProperties") {
                            None | Some(Value::Bool(false)) => {
                                errors.push(format!("{path}: field not in the schema"));
                            }
                            Some(_) => {} // checked under additionalProperties
                        },
                    }
                }
            }
            "additionalProperties" => {
                let Some(o) = value.as_object() else { continue };
                let named = obj.get("properties").and_then(Value::as_object);
                for (name, v) in o {
                    if named.is_some_and(|p| p.contains_key(name)) {
                        continue;
                    }
                    let path = format!("{at}.{name}");
                    match arg {
                        Value::Bool(true) => {}
                        Value::Bool(false) => errors.push(format!("{path}: field not allowed")),
                        s => check(root, s, v, &path, errors),
                    }
                }
            }
            "propertyNames" => {
                if let Some(o) = value.as_object() {
                    for name in o.keys() {
                        check(root, arg, &Value::String(name.clone()), at, errors);
                    }
                }
            }
            "allOf" => {
                for s in arg.as_array().into_iter().flatten() {
                    check(root, s, value, at, errors);
                }
            }
            "oneOf" | "anyOf" => {
                let passing = arg
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|s| validate(root, s, value, at).is_empty())
                    .count();
                let ok = if keyword == "oneOf" {
                    passing == 1
                } else {
                    passing >= 1
                };
                if !ok {
                    errors.push(format!(
                        "{at}: {passing} of the {keyword} alternatives match {value}"
                    ));
                }
            }
            k if ANNOTATIONS.contains(&k) => {}
            other => errors.push(format!("{at}: the validator does not know `{other}`")),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::validate;

    fn root() -> serde_json::Value {
        json!({"components": {"schemas": {
            "Pair": {"type": "object", "required": ["a"], "properties": {
                "a": {"type": "integer", "minimum": 1, "maximum": 7},
                "b": {"type": ["string", "null"], "maxLength": 3, "minLength": 1}
            }},
            "Map": {"type": "object", "additionalProperties": {"type": "string"},
                    "propertyNames": {"type": "string"}},
            "List": {"type": "array", "items": {"$ref": "#/components/schemas/Pair"},
                     "minItems": 1, "maxItems": 2},
            "Either": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Pair"}]},
            "Kind": {"type": "string", "enum": ["me", "partner"]}
        }}})
    }

    #[expect(
        clippy::needless_pass_by_value,
        reason = "json! literals read best inline"
    )]
    fn errs(name: &str, value: serde_json::Value) -> Vec<String> {
        let root = root();
        let schema = json!({"$ref": format!("#/components/schemas/{name}")});
        validate(&root, &schema, &value, "$")
    }

    #[test]
    fn accepts_what_matches() {
        assert!(errs("Pair", json!({"a": 3})).is_empty());
        assert!(errs("Pair", json!({"a": 7, "b": null})).is_empty());
        assert!(errs("Pair", json!({"a": 1, "b": "abc"})).is_empty());
        assert!(errs("Map", json!({"x": "y", "z": "w"})).is_empty());
        assert!(errs("List", json!([{"a": 2}])).is_empty());
        assert!(errs("Either", json!(null)).is_empty());
        assert!(errs("Either", json!({"a": 2})).is_empty());
        assert!(errs("Kind", json!("me")).is_empty());
    }

    #[test]
    fn refuses_what_does_not() {
        assert_eq!(errs("Pair", json!({})).len(), 1, "missing required");
        assert_eq!(errs("Pair", json!({"a": 8})).len(), 1, "above maximum");
        assert_eq!(errs("Pair", json!({"a": 0})).len(), 1, "below minimum");
        assert_eq!(errs("Pair", json!({"a": 1.5})).len(), 1, "not an integer");
        assert_eq!(
            errs("Pair", json!({"a": 1, "b": "abcd"})).len(),
            1,
            "too long"
        );
        assert_eq!(errs("Pair", json!({"a": 1, "b": ""})).len(), 1, "too short");
        assert_eq!(
            errs("Pair", json!({"a": 1, "c": 1})).len(),
            1,
            "undocumented field"
        );
        assert_eq!(errs("Map", json!({"x": 1})).len(), 1, "map value type");
        assert_eq!(errs("List", json!([])).len(), 1, "too few items");
        assert_eq!(errs("List", json!([{"a": 9}])).len(), 1, "bad item");
        assert_eq!(errs("Either", json!(3)).len(), 1, "no alternative");
        assert_eq!(errs("Kind", json!("them")).len(), 1, "not in enum");
        assert_eq!(errs("Nope", json!(1)).len(), 1, "unresolvable ref");
    }

    #[test]
    fn unknown_keywords_are_errors_not_ignored() {
        let root = root();
        let e = validate(&root, &json!({"pattern": "^a$"}), &json!("b"), "$");
        assert_eq!(e.len(), 1);
        assert!(e[0].contains("does not know"));
    }
}
