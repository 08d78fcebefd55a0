//! `TestApp`: the application in process on a fresh database (an SQLite file, or a new
//! PostgreSQL database on the local server), with small helpers to send requests as
//! the API and as a browser would.
//!
//! PostgreSQL comes from `REKINDLE_TEST_POSTGRES_URL` (default: the local server as
//! `postgres`). When it cannot be reached the PostgreSQL half of each test is skipped
//! with a note — unless `REKINDLE_TEST_STRICT=1` (set by CI), where it fails.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt as _;
use rekindle::app::{AppState, router};
use rekindle::clock::Clock;
use rekindle::config::{Config, DatabaseUrl};
use rekindle::db::Db;
use rekindle::db::users::{self, NewUser, User};
use rekindle::vault::Purpose;
use serde_json::Value;
use tower::ServiceExt as _;

pub const ORIGIN: &str = "http://rekindle.test";
pub const HOST: &str = "rekindle.test";
pub const PASSWORD: &str = "slow mornings and warm tea";

/// Whether missing PostgreSQL or Chromium must fail the run instead of skipping.
pub fn strict() -> bool {
    std::env::var("REKINDLE_TEST_STRICT").is_ok_and(|v| v == "1" || v == "true")
}

/// Where a Python with `icalendar` and `aiosmtpd` lives: `REKINDLE_PYTHON`, else the
/// one `.ci/run` installs under `target/tools/py`.
pub fn python() -> Option<std::path::PathBuf> {
    if let Ok(p) = std::env::var("REKINDLE_PYTHON") {
        return Some(p.into());
    }
    let local =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/tools/py/bin/python");
    local.exists().then_some(local)
}

/// Where a test database lives, removed when the test ends.
enum Scratch {
    SqliteFile(PathBuf),
    PostgresDb(String),
}

impl Drop for Scratch {
    fn drop(&mut self) {
        match self {
            Self::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.clone().into_os_string();
                    p.push(suffix);
                    let _ = std::fs::remove_file(p);
                }
            }
            Self::PostgresDb(name) => super::pg_admin::drop_now(name),
        }
    }
}

/// A captured response.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    /// The body as text, with the `<bdi>` isolation around names taken out so tests
    /// can look for sentences as people read them ("Sam has invited you").
    pub fn text(&self) -> String {
        self.html().replace("<bdi>", "").replace("</bdi>", "")
    }

    /// The body exactly as sent.
    pub fn html(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The session token a response set, if any.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| c.strip_prefix("rekindle_session="))
            .map(|c| c.split(';').next().unwrap_or_default().to_owned())
            .filter(|t| !t.is_empty())
    }
}

/// The application on a fresh database.
pub struct TestApp {
    pub state: AppState,
    /// Starts at the real time; tests may move it.
    pub clock: Clock,
    router: Router,
    _scratch: Scratch,
}

/// The salt of every fixture account's password key (base64 of 16 bytes).
pub const FIXTURE_KEY_SALT: &str = "Zml4dHVyZS1rZXktc2FsdA";

/// The key every fixture account's password gives, derived once.
pub fn fixture_kek() -> rekindle::vault::Kek {
    static BYTES: OnceLock<[u8; 32]> = OnceLock::new();
    let bytes = BYTES.get_or_init(|| {
        std::thread::spawn(|| {
            use base64::Engine as _;
            let salt = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(FIXTURE_KEY_SALT)
                .unwrap();
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            *rt.block_on(rekindle::auth::password::derive_key(
                PASSWORD.to_owned(),
                salt,
            ))
            .unwrap()
        })
        .join()
        .unwrap()
    });
    rekindle::vault::Kek::from_password_hash(zeroize::Zeroizing::new(*bytes))
}

/// One password hash for every fixture account: Argon2 is slow by design.
pub fn fixture_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        std::thread::spawn(|| {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(rekindle::auth::password::hash(PASSWORD.to_owned()))
                .unwrap()
        })
        .join()
        .unwrap()
    })
}

fn unique_name() -> String {
    format!(
        "rk_test_{}",
        rekindle::secret::new_id()
            .to_lowercase()
            .replace(['-', '_'], "x")
    )
}

impl TestApp {
    pub async fn sqlite() -> Self {
        Self::sqlite_with(Config::default()).await
    }

    /// The app on a copy of an existing SQLite file (migrated as a server would on start).
    pub async fn sqlite_copy_of(file: &std::path::Path) -> Self {
        let path = std::env::temp_dir().join(format!("{}.db", unique_name()));
        std::fs::copy(file, &path).expect("copy the fixture");
        let scratch = Scratch::SqliteFile(path.clone());
        let db = Db::connect(&DatabaseUrl::Sqlite(path))
            .await
            .expect("sqlite connects");
        Self::finish(db, Config::default(), scratch).await
    }

    pub async fn sqlite_with(config: Config) -> Self {
        let path = std::env::temp_dir().join(format!("{}.db", unique_name()));
        let scratch = Scratch::SqliteFile(path.clone());
        let db = Db::connect(&DatabaseUrl::Sqlite(path))
            .await
            .expect("sqlite connects");
        Self::finish(db, config, scratch).await
    }

    /// `None` when PostgreSQL is unavailable and the run is not strict.
    pub async fn postgres() -> Option<Self> {
        Self::postgres_with(Config::default()).await
    }

    pub async fn postgres_with(config: Config) -> Option<Self> {
        let name = match super::pg_admin::create("rk_test").await {
            Ok(name) => name,
            Err(err) => {
                assert!(
                    !strict(),
                    "PostgreSQL is required (REKINDLE_TEST_STRICT) but unreachable: {err}"
                );
                eprintln!("note: skipping the PostgreSQL half of this test: {err}");
                return None;
            }
        };
        let url = super::pg_admin::url_of(&name);
        let scratch = Scratch::PostgresDb(name);
        let db = Db::connect(&DatabaseUrl::Postgres(url))
            .await
            .expect("postgres connects");
        Some(Self::finish(db, config, scratch).await)
    }

    async fn finish(db: Db, config: Config, scratch: Scratch) -> Self {
        db.migrate().await.expect("migrations run");
        let clock = Clock::fixed(rekindle::db::now_ms());
        let state = AppState::with_clock(db, config, clock.clone());
        let addr: SocketAddr = "203.0.113.9:4000".parse().unwrap();
        let router = router(state.clone()).layer(MockConnectInfo(addr));
        Self {
            state,
            clock,
            router,
            _scratch: scratch,
        }
    }

    /// The database's URL, for a real server process started on the same database.
    pub fn database_url(&self) -> String {
        match &self._scratch {
            Scratch::SqliteFile(path) => format!("sqlite://{}", path.display()),
            Scratch::PostgresDb(name) => super::pg_admin::url_of(name),
        }
    }

    /// How many SQL statements a page costs once warm (it is read once first), and its
    /// text; the page must answer 200.
    pub async fn page_statements(&self, path: &str, cookie: &str) -> (u64, String) {
        self.page(Method::GET, path, Some(cookie), &[]).await;
        let before = self.db().statements_run();
        let res = self.page(Method::GET, path, Some(cookie), &[]).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        (self.db().statements_run() - before, res.text())
    }

    /// The one number a `SELECT CAST(COUNT(*) AS BIGINT) …` returns.
    pub async fn count(&self, sql: &str) -> i64 {
        self.db().column(sql, vec![]).await.expect("count")[0]
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// Sends any request.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        TestResponse {
            status,
            headers,
            body,
        }
    }

    /// An API call with an optional bearer token and JSON body.
    pub async fn api(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> TestResponse {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, HOST);
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
        self.send(req.body(body).unwrap()).await
    }

    /// A page request as a browser on our own origin would send it.
    pub async fn page(
        &self,
        method: Method,
        path: &str,
        cookie: Option<&str>,
        form: &[(&str, &str)],
    ) -> TestResponse {
        let mut req = Request::builder()
            .method(method.clone())
            .uri(path)
            .header(header::HOST, HOST);
        if let Some(token) = cookie {
            req = req.header(header::COOKIE, format!("rekindle_session={token}"));
        }
        let body = if method == Method::GET {
            Body::empty()
        } else {
            req = req
                .header(header::ORIGIN, ORIGIN)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            Body::from(form_encode(form))
        };
        self.send(req.body(body).unwrap()).await
    }

    /// Registers through the API and returns (user id, token).
    pub async fn register(&self, email: &str, name: &str) -> (String, String) {
        let res = self
            .api(
                Method::POST,
                "/api/v1/auth/register",
                None,
                Some(serde_json::json!({"email": email, "password": PASSWORD, "display_name": name, "timezone": "Europe/London"})),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{}", res.text());
        let json = res.json();
        (
            json["user"]["id"].as_str().unwrap().to_owned(),
            json["token"].as_str().unwrap().to_owned(),
        )
    }

    /// A person made directly in the database (fast; for fixtures).
    pub async fn person(&self, email: &str, name: &str) -> User {
        let user = users::create(
            self.db(),
            &NewUser {
                email,
                password_hash: fixture_hash(),
                display_name: name,
                timezone: "Europe/London",
            },
            self.clock.now_ms(),
        )
        .await
        .expect("create person");
        // A data key of their own, wrapped by the fixture password (as at sign-up,
        // without a recovery code and without another Argon2 run per person).
        let key = rekindle::vault::DataKey::generate();
        let stored = rekindle::db::keys::StoredKeys {
            password_salt: FIXTURE_KEY_SALT.to_owned(),
            by_password: Some(fixture_kek().wrap(&key, &user.id, Purpose::Password)),
            recovery_salt: None,
            by_recovery: None,
        };
        rekindle::db::keys::create(self.db(), &user.id, &stored, self.clock.now_ms())
            .await
            .expect("store the person's key");
        user
    }

    /// A fixture person's data key (opened with the fixture password).
    pub async fn key_of(&self, user_id: &str) -> rekindle::vault::DataKey {
        let stored = rekindle::db::keys::get(self.db(), user_id)
            .await
            .unwrap()
            .expect("a fixture person has a key");
        fixture_kek()
            .unwrap(
                stored.by_password.as_deref().expect("not locked"),
                user_id,
                Purpose::Password,
            )
            .expect("the fixture key opens")
    }

    /// A live session (API token or cookie value) for a fixture person, carrying their
    /// data key as a sign-in would.
    pub async fn session_for(
        &self,
        user_id: &str,
        kind: rekindle::db::sessions::SessionKind,
    ) -> String {
        let key = self.key_of(user_id).await;
        rekindle::db::sessions::create(
            self.db(),
            user_id,
            kind,
            Some(&key),
            std::net::IpAddr::from([127, 0, 0, 1]),
            self.clock.now_ms(),
        )
        .await
        .expect("create session")
        .1
    }

    /// Two fixture people paired into a couple.
    pub async fn couple(&self, a: &User, b: &User) {
        let invite = rekindle::db::couples::invite(self.db(), a, self.clock.now_ms())
            .await
            .expect("invite");
        rekindle::db::couples::join(self.db(), &b.id, &invite.code, self.clock.now_ms())
            .await
            .expect("join");
    }
}

pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter())
        .finish()
}

/// Runs an async test body on SQLite and on PostgreSQL, as two tests named
/// `<name>::sqlite` and `<name>::postgres`.
#[macro_export]
macro_rules! on_both {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::helpers::TestApp::sqlite().await).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::helpers::TestApp::postgres().await {
                    super::$name(app).await;
                }
            }
        }
    };
}

/// Today in Europe/London (the fixture zone) at the app's clock.
pub fn london_today(app: &TestApp) -> String {
    let ms = app.clock.now_ms();
    rekindle_core::schedule::ZoneName::parse("Europe/London")
        .and_then(|z| z.local_day(ms))
        .unwrap()
        .to_string()
}

/// Sam and Alex, a couple, each with an API token and a signed-in browser cookie.
pub struct Pair {
    /// API tokens.
    pub sam: String,
    pub alex: String,
    pub sam_id: String,
    pub alex_id: String,
    pub sam_cookie: String,
    pub alex_cookie: String,
}

/// Makes Sam and Alex a couple and signs both in (API and web).
pub async fn pair(app: &TestApp) -> Pair {
    use rekindle::db::sessions::SessionKind;
    let sam = app.person("sam@example.org", "Sam").await;
    let alex = app.person("alex@example.org", "Alex").await;
    app.couple(&sam, &alex).await;
    let mut cookies = Vec::new();
    for email in ["sam@example.org", "alex@example.org"] {
        let res = app
            .page(
                Method::POST,
                "/login",
                None,
                &[("email", email), ("password", PASSWORD)],
            )
            .await;
        cookies.push(res.session_cookie().unwrap());
    }
    let alex_cookie = cookies.pop().unwrap();
    let sam_cookie = cookies.pop().unwrap();
    let token = |id: String| async move { app.session_for(&id, SessionKind::Api).await };
    Pair {
        sam: token(sam.id.clone()).await,
        alex: token(alex.id.clone()).await,
        sam_id: sam.id,
        alex_id: alex.id,
        sam_cookie,
        alex_cookie,
    }
}

/// What a feature service acts for: `user` in `couple` at `now_ms`.
pub fn member_at(
    user: &User,
    couple: &rekindle::db::couples::Couple,
    now_ms: i64,
) -> rekindle::features::Member {
    rekindle::features::Member {
        user: user.clone(),
        couple: couple.clone(),
        now_ms,
        // Services that seal private prose need `with_key` (below).
        key: None,
    }
}
