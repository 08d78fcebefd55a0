//! The demo's hands: the app called in process as an API client would, with the clock
//! set to the moment each thing happens.

use anyhow::{anyhow, bail};
use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::Value;
use tower::ServiceExt as _;

use super::story;
use crate::clock::Clock;

pub(super) const DAY_MS: i64 = 86_400_000;
pub(super) const HOUR_MS: i64 = 3_600_000;

/// Calls the app in process, as a client of the API would, at the clock's time.
pub(super) struct Driver {
    pub(super) router: Router,
    pub(super) clock: Clock,
}

impl Driver {
    /// One call; the answer's status and JSON (null when it had no body).
    pub(super) async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> anyhow::Result<(StatusCode, Value)> {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "demo.rekindle.local");
        if let Some(token) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let body = match body {
            Some(json) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(json.to_string())
            }
            None => Body::empty(),
        };
        let res = self.router.clone().oneshot(req.body(body)?).await?;
        let status = res.status();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20).await?;
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Ok((status, json))
    }

    /// A call that must succeed (any 2xx); anything else stops the demo with the path
    /// and status.
    pub(super) async fn ok(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> anyhow::Result<Value> {
        let (status, json) = self.call(method.clone(), path, Some(token), body).await?;
        if !status.is_success() {
            bail!("demo: {method} {path} answered {status}: {}", json["error"]);
        }
        Ok(json)
    }

    /// Sets the clock to `hour` o'clock (UTC) on the day `days_ago` days before `now`
    /// — never later than `now` (today's evening has not happened yet).
    pub(super) fn at(&self, now: i64, days_ago: i64, hour: i64) {
        let midnight = now - now.rem_euclid(DAY_MS);
        let then = midnight - days_ago * DAY_MS + hour * HOUR_MS + 7 * 60_000;
        self.clock.set(then.min(now));
    }

    pub(super) fn today(&self) -> String {
        rekindle_core::schedule::local_day_in(story::TIMEZONE, self.clock.now_ms()).to_string()
    }
}

pub(super) fn id(v: &Value) -> anyhow::Result<String> {
    v["id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("demo: an answer without an id"))
}

/// A number that looks random but is the same on every run (the demo is repeatable).
pub(super) fn wobble(day: i64, salt: i64) -> i64 {
    let x = (day * 7_919 + salt * 104_729) as u64;
    let x = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    i64::try_from((x >> 33) % 1_000).unwrap_or(0)
}

impl Driver {
    pub(super) fn today_is_sunday(&self) -> bool {
        let day = rekindle_core::schedule::local_day_in(story::TIMEZONE, self.clock.now_ms());
        day.weekday() == jiff::civil::Weekday::Sunday
    }

    pub(super) async fn tradition_id(&self, token: &str) -> anyhow::Result<String> {
        let list = self
            .ok(Method::GET, "/api/v1/dates/traditions", token, None)
            .await?;
        id(&list["traditions"][0])
    }

    /// The `n`th of the ideas both said yes to, in turn.
    pub(super) async fn matched_idea(&self, token: &str, n: usize) -> anyhow::Result<String> {
        let found = self
            .ok(Method::GET, "/api/v1/dates/matches", token, None)
            .await?;
        let matches = found["matches"].as_array().cloned().unwrap_or_default();
        id(matches
            .get(n % matches.len().max(1))
            .unwrap_or(&Value::Null))
    }
}

pub(super) fn instant(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}
