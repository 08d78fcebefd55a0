//! `Checker`: sends API requests through the app and holds each request and answer up
//! against the served OpenAPI document — the operation exists, the status is
//! documented for it, the query names are documented parameters, and the JSON bodies
//! match the documented schemas. Problems are collected, so one run lists them all.

use std::collections::BTreeSet;
use std::sync::Mutex;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::Value;

use super::validator::validate;
use crate::helpers::{HOST, TestApp, TestResponse};

pub struct Checker<'a> {
    pub app: &'a TestApp,
    pub doc: Value,
    errors: Mutex<Vec<String>>,
    seen: Mutex<BTreeSet<(String, String)>>,
}

/// The documented path template a concrete path falls under (most literal segments
/// wins, so `/prompts/history` is not taken for `/prompts/{id}`).
pub fn template_for(doc: &Value, path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    doc["paths"]
        .as_object()?
        .keys()
        .filter_map(|template| {
            let parts: Vec<&str> = template.split('/').collect();
            if parts.len() != segments.len() {
                return None;
            }
            let mut literal = 0;
            for (t, s) in parts.iter().zip(&segments) {
                if t.starts_with('{') {
                    continue;
                }
                if t != s {
                    return None;
                }
                literal += 1;
            }
            Some((literal, template.clone()))
        })
        .max()
        .map(|(_, t)| t)
}

impl<'a> Checker<'a> {
    pub async fn new(app: &'a TestApp) -> Self {
        let res = app.api(Method::GET, "/api/openapi.json", None, None).await;
        assert_eq!(res.status, StatusCode::OK);
        Self {
            app,
            doc: res.json(),
            errors: Mutex::new(Vec::new()),
            seen: Mutex::new(BTreeSet::new()),
        }
    }

    fn fail(&self, message: String) {
        self.errors.lock().unwrap().push(message);
    }

    /// A JSON request (the body, when there is one, is checked against the document
    /// before it is sent).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> TestResponse {
        let op = self.operation(&method, path);
        if let (Some(op), Some(json)) = (op.as_ref(), body.as_ref()) {
            let schema = &op.1["requestBody"]["content"]["application/json"]["schema"];
            if schema.is_null() {
                self.fail(format!(
                    "{method} {}: a body is sent but none is documented",
                    op.0
                ));
            } else {
                let at = format!("{method} {} request", op.0);
                for e in validate(&self.doc, schema, json, &at) {
                    self.fail(e);
                }
            }
        }
        let bytes = body.map(|b| b.to_string().into_bytes());
        self.raw(method, path, token, bytes).await
    }

    /// A JSON body that is wrong on purpose (to see the error answer): sent without
    /// checking it against the document.
    pub async fn invalid(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Value,
    ) -> TestResponse {
        self.raw(method, path, token, Some(body.to_string().into_bytes()))
            .await
    }

    /// Any bytes as a JSON body (for malformed and oversized bodies); only the answer
    /// is checked.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Vec<u8>>,
    ) -> TestResponse {
        let mut req = Request::builder()
            .method(method.clone())
            .uri(path)
            .header(header::HOST, HOST);
        if let Some(token) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some(bytes) => {
                req = req
                    .header(header::CONTENT_TYPE, "application/json")
                    .header(header::CONTENT_LENGTH, bytes.len());
                Body::from(bytes)
            }
            None => Body::empty(),
        };
        let res = self.app.send(req.body(body).unwrap()).await;
        self.check_answer(&method, path, &res);
        res
    }

    /// The operation object for a concrete path, with its template; records that it
    /// was exercised.
    fn operation(&self, method: &Method, path: &str) -> Option<(String, Value)> {
        let (path_only, query) = path.split_once('?').unwrap_or((path, ""));
        let Some(template) = template_for(&self.doc, path_only) else {
            self.fail(format!("{method} {path}: no documented path"));
            return None;
        };
        let m = method.as_str().to_lowercase();
        let op = self.doc["paths"][&template][&m].clone();
        if op.is_null() {
            self.fail(format!("{method} {template}: method not documented"));
            return None;
        }
        self.seen.lock().unwrap().insert((m, template.clone()));
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let name = pair.split('=').next().unwrap_or_default();
            let documented = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|p| p["name"] == name && p["in"] == "query");
            if !documented {
                self.fail(format!(
                    "{method} {template}: query `{name}` is not a documented query parameter"
                ));
            }
        }
        Some((template, op))
    }

    fn check_answer(&self, method: &Method, path: &str, res: &TestResponse) {
        let Some((template, op)) = self.operation(method, path) else {
            return;
        };
        let status = res.status.as_u16().to_string();
        let documented = &op["responses"][&status];
        let at = format!("{method} {template} → {status}");
        if documented.is_null() {
            self.fail(format!("{at}: status not documented ({})", res.text()));
            return;
        }
        // A documented answer that is not JSON (a calendar): its type must match.
        let content_type = res.header("content-type").unwrap_or_default();
        let other_type = documented["content"]
            .as_object()
            .into_iter()
            .flatten()
            .any(|(ty, _)| ty != "application/json" && content_type.starts_with(ty.as_str()));
        if other_type {
            return;
        }
        let schema = &documented["content"]["application/json"]["schema"];
        match (res.body.is_empty(), schema.is_null()) {
            (true, true) => {}
            (true, false) => self.fail(format!("{at}: documented a body, got none")),
            (false, true) => self.fail(format!("{at}: body not documented: {}", res.text())),
            (false, false) => {
                let json_type = res
                    .header("content-type")
                    .is_some_and(|c| c.starts_with("application/json"));
                match serde_json::from_slice::<Value>(&res.body) {
                    Ok(v) if json_type => {
                        for e in validate(&self.doc, schema, &v, &at) {
                            self.fail(e);
                        }
                    }
                    _ => self.fail(format!("{at}: not a JSON answer: {}", res.text())),
                }
            }
        }
    }

    /// Fails the test with every problem seen, and with every documented operation
    /// the journey never exercised.
    pub fn finish(self) {
        let seen = self.seen.into_inner().unwrap();
        let mut errors = self.errors.into_inner().unwrap();
        for (template, item) in self.doc["paths"].as_object().unwrap() {
            for method in item.as_object().unwrap().keys() {
                if !seen.contains(&(method.clone(), template.clone())) {
                    errors.push(format!("{method} {template}: never exercised"));
                }
            }
        }
        errors.sort();
        errors.dedup();
        assert!(
            errors.is_empty(),
            "{} problems:\n{}",
            errors.len(),
            errors.join("\n")
        );
    }
}
