//! Real `rekindle` processes for the tests that need them (the demo, two servers on one
//! database, kill -9): start one, read what it printed up to its `listening on` line,
//! call it over real HTTP, and stop it gently or with SIGKILL.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use axum::body::Bytes;
use http_body_util::{BodyExt as _, Full};
use hyper_util::client::legacy::{Client, connect::HttpConnector};
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

/// A running `rekindle` process.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// The lines it printed before `listening on`.
    pub said: Vec<String>,
}

impl Server {
    /// Runs `rekindle ARGS` (a command that ends by serving) and waits for its address.
    pub fn start(args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rekindle"))
            .args(args)
            .env_remove("REKINDLE_ADDR")
            .env_remove("REKINDLE_DATABASE_URL")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("rekindle starts");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let mut said = Vec::new();
        let addr = loop {
            let line = lines
                .next()
                .expect("rekindle printed `listening on` before ending")
                .expect("a line");
            if let Some(addr) = line.strip_prefix("listening on http://") {
                break addr.to_owned();
            }
            said.push(line);
        };
        // Keep reading (and dropping) anything else, so the pipe never fills.
        std::thread::spawn(move || for _ in lines {});
        Self { child, addr, said }
    }

    /// `rekindle serve` on `database_url`, on a free port, plus `extra` options.
    pub fn serve(database_url: &str, extra: &[&str]) -> Self {
        let mut args = vec![
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--database-url",
            database_url,
        ];
        args.extend_from_slice(extra);
        Self::start(&args)
    }

    /// SIGKILL: no chance to finish anything.
    pub fn kill_hard(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// One call over HTTP: the status and the JSON answer (null without one).
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> (u16, Value) {
        call(&self.addr, method, path, token, body)
            .await
            .unwrap_or((0, Value::Null))
    }

    /// Signs in through the API; the bearer token.
    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let body = serde_json::json!({"email": email, "password": password});
        let (status, res) = self
            .call("POST", "/api/v1/auth/login", None, Some(&body))
            .await;
        assert_eq!(status, 200, "{res}");
        res["token"].as_str().expect("a token").to_owned()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill_hard();
    }
}

fn client() -> &'static Client<HttpConnector, Full<Bytes>> {
    static CLIENT: std::sync::OnceLock<Client<HttpConnector, Full<Bytes>>> =
        std::sync::OnceLock::new();
    CLIENT.get_or_init(|| Client::builder(TokioExecutor::new()).build(HttpConnector::new()))
}

/// One call to `addr`; an error when the connection fails (a killed server).
pub async fn call(
    addr: &str,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> Result<(u16, Value), String> {
    let mut req = axum::http::Request::builder()
        .method(method)
        .uri(format!("http://{addr}{path}"))
        .header("host", addr);
    if let Some(token) = token {
        req = req.header("authorization", format!("Bearer {token}"));
    }
    let body = match body {
        Some(json) => {
            req = req.header("content-type", "application/json");
            Full::new(Bytes::from(json.to_string()))
        }
        None => Full::new(Bytes::new()),
    };
    let send = client().request(req.body(body).map_err(|e| e.to_string())?);
    let res = tokio::time::timeout(Duration::from_secs(30), send)
        .await
        .map_err(|_| "timed out".to_owned())?
        .map_err(|e| e.to_string())?;
    let status = res.status().as_u16();
    let bytes = res
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    Ok((
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    ))
}
