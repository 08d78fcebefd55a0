//! The server's settings: a plain struct built by clap from flags and `REKINDLE_*`
//! environment variables. No globals; `AppState` carries it. Secrets never print.

use std::fmt;
use std::path::PathBuf;

/// Where the data lives. Parsing refuses unknown schemes, so a typo never silently
/// creates a fresh empty database.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// An SQLite file; the folder is created when missing.
    Sqlite(PathBuf),
    /// A `postgres://` URL, kept whole.
    Postgres(String),
}

/// Where the SQLite file goes when no URL is given.
pub const DEFAULT_SQLITE_PATH: &str = "rekindle-data/rekindle.db";

impl DatabaseUrl {
    /// Reads `REKINDLE_DATABASE_URL`-style text; `None` means the default SQLite file.
    pub fn parse(raw: Option<&str>) -> Result<Self, String> {
        let Some(raw) = raw.map(str::trim).filter(|s| !s.is_empty()) else {
            return Ok(Self::Sqlite(PathBuf::from(DEFAULT_SQLITE_PATH)));
        };
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(Self::Postgres(raw.to_owned()));
        }
        if let Some(rest) = raw.strip_prefix("sqlite:") {
            let path = rest.trim_start_matches("//");
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() || path.contains(":memory:") {
                return Err("an SQLite URL needs a file path, such as sqlite://rekindle.db".into());
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        let scheme = raw.split(':').next().unwrap_or_default();
        Err(format!(
            "unsupported database URL scheme {scheme:?}: use sqlite://PATH or postgres://…"
        ))
    }
}

impl fmt::Display for DatabaseUrl {
    /// Shows where the data is, with any password replaced.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            Self::Postgres(url) => match url::Url::parse(url) {
                Ok(mut parsed) => {
                    if parsed.password().is_some() {
                        let _ = parsed.set_password(Some("REDACTED"));
                    }
                    write!(f, "{parsed}")
                }
                Err(_) => f.write_str("postgres://(unparseable URL)"),
            },
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Who may create an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Registration {
    /// Anyone who can reach the server.
    Open,
    /// Only people holding a valid couple invite link.
    InviteOnly,
}

/// Everything the running application needs to know.
#[derive(Debug, Clone)]
pub struct Config {
    pub registration: Registration,
    /// Mark cookies `Secure`; turn on whenever the server is reached over HTTPS.
    pub cookie_secure: bool,
    /// Take the client address from `X-Forwarded-For` (only behind your own proxy).
    pub trust_proxy_headers: bool,
    /// Where the quick-exit button goes: a neutral page outside Rekindle.
    pub quick_exit_url: String,
    /// Helplines for the safety page; empty means "how to find local help".
    pub helplines: Vec<crate::web::helplines::Helpline>,
    /// How long the browser keeps the session cookie, in days (1–400; browsers cap
    /// cookies at 400). The server still ends a session after 30 idle days.
    pub session_days: u32,
    /// E-mail through SMTP; `None`: off (the default).
    pub smtp: Option<Smtp>,
    /// The address people reach Rekindle at, for links in e-mails.
    pub public_url: Option<String>,
}

/// Where e-mail goes out. Its `Debug` hides any password in the URL.
#[derive(Clone)]
pub struct Smtp {
    /// `smtp://host:25`, `smtp://host:587?tls=required`, `smtps://user:pass@host`.
    pub url: String,
    /// The From address.
    pub from: String,
}

impl std::fmt::Debug for Smtp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = url::Url::parse(&self.url).map_or_else(
            |_| "(unreadable)".to_owned(),
            |mut u| {
                if u.password().is_some() {
                    let _ = u.set_password(Some("redacted"));
                }
                u.to_string()
            },
        );
        f.debug_struct("Smtp")
            .field("url", &shown)
            .field("from", &self.from)
            .finish()
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            registration: Registration::Open,
            cookie_secure: false,
            trust_proxy_headers: false,
            quick_exit_url: DEFAULT_QUICK_EXIT_URL.to_owned(),
            helplines: Vec::new(),
            session_days: DEFAULT_SESSION_DAYS,
            smtp: None,
            public_url: None,
        }
    }
}

/// The session cookie's default lifetime: as long as browsers allow, so a person who
/// uses Rekindle now and then is not signed out every month (the server ends idle
/// sessions after 30 days on its own).
pub const DEFAULT_SESSION_DAYS: u32 = 400;

/// A neutral page that looks like ordinary browsing.
pub const DEFAULT_QUICK_EXIT_URL: &str = "https://www.wikipedia.org/";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_a_local_sqlite_file() {
        assert_eq!(
            DatabaseUrl::parse(None).unwrap(),
            DatabaseUrl::Sqlite(PathBuf::from(DEFAULT_SQLITE_PATH))
        );
    }

    #[test]
    fn unknown_schemes_are_refused() {
        for bad in ["mysql://x", "postgress://x", "file.db", "sqlite::memory:"] {
            assert!(DatabaseUrl::parse(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords_never_print() {
        let url = DatabaseUrl::parse(Some("postgres://me:hunter2@db:5432/r")).unwrap();
        let shown = format!("{url} {url:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("REDACTED"));
    }

    #[test]
    fn sqlite_urls_keep_their_path() {
        assert_eq!(
            DatabaseUrl::parse(Some("sqlite://data/x.db?mode=rwc")).unwrap(),
            DatabaseUrl::Sqlite(PathBuf::from("data/x.db"))
        );
    }
}
