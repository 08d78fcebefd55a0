//! The arguments of each command.

use clap::{Args, Subcommand};

use crate::config::{DEFAULT_QUICK_EXIT_URL, DEFAULT_SESSION_DAYS, Registration};

#[derive(Args, Debug, Clone)]
pub struct DemoArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Days of history (14-365).
    #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(i64).range(14..=365))]
    pub days: i64,
    /// Where the demo database goes (default: a new folder in the system's temporary
    /// folder); it must not exist yet.
    #[arg(long)]
    pub file: Option<std::path::PathBuf>,
}

#[derive(Args, Debug, Clone)]
pub struct FileArgs {
    /// The backup file.
    pub file: std::path::PathBuf,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Args, Debug, Clone)]
pub struct ExportArgs {
    /// The account's e-mail address.
    #[arg(long)]
    pub user: String,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// List accounts (id, e-mail, display name) as tab-separated lines.
    List(DbArgs),
    /// Give an account a new random password and end all its sessions; prints it.
    ResetPassword(ResetArgs),
}

#[derive(Args, Debug, Clone)]
pub struct ResetArgs {
    /// The account's e-mail address.
    pub email: String,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Args, Debug, Clone)]
pub struct CoachArgs {
    /// Print one JSON object instead of a readable report.
    #[arg(long)]
    pub json: bool,
    /// Every stdin line is one message; print one JSON object per line, in order.
    #[arg(long, conflicts_with = "text")]
    pub lines: bool,
    /// The message; read from stdin when absent.
    pub text: Vec<String>,
}

#[derive(Args, Debug, Clone)]
pub struct FairSplitArgs {
    /// The sheet (JSON); `-` or nothing reads stdin.
    pub file: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct SeedArgs {
    /// How many couples to create.
    #[arg(long, default_value_t = 100)]
    pub couples: usize,
    /// Days of history per couple, ending today.
    #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(i32).range(1..=3650))]
    pub days: i32,
    /// Seed of the random generator (same seed, same shapes).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Also add the demo couple (Maya and Tom, 90 days in every feature) and print
    /// their logins: a realistic person to measure pages as.
    #[arg(long)]
    pub demo: bool,
    #[command(flatten)]
    pub db: DbArgs,
}

#[derive(Args, Debug, Clone)]
pub struct DbArgs {
    /// sqlite://PATH or postgres://… (default: rekindle-data/rekindle.db).
    #[arg(long, env = "REKINDLE_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "REKINDLE_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    #[command(flatten)]
    pub db: DbArgs,
    /// Who may create an account.
    #[arg(
        long,
        env = "REKINDLE_REGISTRATION",
        value_enum,
        default_value = "open"
    )]
    pub registration: Registration,
    /// Mark cookies Secure (turn on when served over HTTPS).
    #[arg(long, env = "REKINDLE_COOKIE_SECURE", default_value_t = false)]
    pub cookie_secure: bool,
    /// Trust X-Forwarded-For for the client address (only behind your own proxy).
    #[arg(long, env = "REKINDLE_TRUST_PROXY_HEADERS", default_value_t = false)]
    pub trust_proxy_headers: bool,
    /// Where the quick-exit button leads.
    #[arg(long, env = "REKINDLE_QUICK_EXIT_URL", default_value = DEFAULT_QUICK_EXIT_URL)]
    pub quick_exit_url: String,
    /// Helplines for the safety page: `Name|phone or https address`, separated by `;`.
    #[arg(long, env = "REKINDLE_HELPLINES", default_value = "")]
    pub helplines: String,
    /// How many days the browser keeps the session cookie (1-400).
    #[arg(long, env = "REKINDLE_SESSION_DAYS", default_value_t = DEFAULT_SESSION_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=400))]
    pub session_days: u32,
    /// Send e-mail through this SMTP server: `smtp://host:25` (plain),
    /// `smtp://host:587?tls=required` (STARTTLS), `smtps://user:pass@host` (TLS). Off
    /// when empty.
    #[arg(
        long,
        env = "REKINDLE_SMTP_URL",
        default_value = "",
        hide_env_values = true
    )]
    pub smtp_url: String,
    /// The From address of e-mails.
    #[arg(
        long,
        env = "REKINDLE_SMTP_FROM",
        default_value = "Rekindle <rekindle@localhost>"
    )]
    pub smtp_from: String,
    /// The address people reach Rekindle at (`https://rekindle.example`), for links in
    /// e-mails.
    #[arg(long, env = "REKINDLE_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// The outbox worker looks for due work at least this often (milliseconds).
    #[arg(long, env = "REKINDLE_WORKER_POLL_MS", default_value_t = 15_000,
          value_parser = clap::value_parser!(u64).range(50..=600_000))]
    pub worker_poll_ms: u64,
    /// How long a worker's claim on an item lasts (milliseconds; for tests that kill
    /// servers on purpose).
    #[arg(long, env = "REKINDLE_WORKER_LEASE_MS", default_value_t = 60_000, hide = true,
          value_parser = clap::value_parser!(u64).range(500..=600_000))]
    pub worker_lease_ms: u64,
}
