//! The command line: `serve`, `migrate`, and operator commands. Logs go to stderr;
//! stdout carries only a command's output (for `serve`, the `listening on` line).

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand};
use tokio::net::TcpListener;

use crate::app::{self, AppState};
use crate::config::{
    Config, DEFAULT_QUICK_EXIT_URL, DEFAULT_SESSION_DAYS, DatabaseUrl, Registration,
};
use crate::db::{Db, users};

#[derive(Parser, Debug)]
#[command(
    name = "rekindle",
    version,
    about = "Rekindle: a private daily practice for two."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web server (pages and API).
    Serve(ServeArgs),
    /// Bring the database schema up to date, then exit.
    Migrate(DbArgs),
    /// The gentle-start coach: analyse a message (TEXT, or stdin).
    Coach(CoachArgs),
    /// Divide chores or things fairly (Adjusted Winner): a JSON sheet from FILE or stdin.
    FairSplit(FairSplitArgs),
    /// Fill the database with realistic synthetic couples and check-in histories.
    Seed(SeedArgs),
    /// Write a consistent backup of the database to FILE while it runs (SQLite: a copy
    /// of the database file; PostgreSQL: a logical backup either engine can restore).
    Backup(FileArgs),
    /// Restore a backup FILE (of either kind) into an empty database of either kind.
    Restore(FileArgs),
    /// Try Rekindle: a fresh database with a demo couple and ~90 days of history, then
    /// the server; prints how to sign in as each partner.
    Demo(DemoArgs),
    /// Operator tasks for accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Print one account's export (the same JSON document as `GET /api/v1/me/export`)
    /// to stdout. Run by the operator, it has no key: private writing stays sealed.
    Export(ExportArgs),
}

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

/// Logs to stderr; `RUST_LOG` adjusts the level (default `info`).
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .init();
}

/// Runs a parsed command and turns failures into a message on stderr and exit code 1.
pub fn run(cli: Cli) -> ExitCode {
    // The coach needs no runtime or database.
    if let Command::Coach(args) = &cli.command {
        return match crate::features::coach::cli::run(args.json, args.lines, &args.text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(crate::features::coach::cli::CoachInputError::Io(e))
                if e.kind() == std::io::ErrorKind::BrokenPipe =>
            {
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("rekindle coach: {err}");
                ExitCode::from(2)
            }
        };
    }
    // Nor does the fair split.
    if let Command::FairSplit(args) = &cli.command {
        use crate::features::fair_split::cli::{FairSplitError, run};
        return match run(args.file.as_deref()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(FairSplitError::Write(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                ExitCode::SUCCESS
            }
            Err(err @ FairSplitError::Write(_)) => {
                eprintln!("rekindle fair-split: {err}");
                ExitCode::FAILURE
            }
            Err(err) => {
                eprintln!("rekindle fair-split: {err}");
                ExitCode::from(2)
            }
        };
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("rekindle: cannot start the runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            Command::Serve(args) => serve(args).await,
            Command::Migrate(args) => migrate(&args).await,
            Command::Seed(args) => seed(&args).await,
            Command::Backup(args) => backup(&args).await,
            Command::Restore(args) => restore(&args).await,
            Command::Demo(args) => demo(args).await,
            Command::User(UserCommand::List(args)) => list_users(&args).await,
            Command::User(UserCommand::ResetPassword(args)) => reset_password(&args).await,
            Command::Export(args) => export(&args).await,
            Command::Coach(_) | Command::FairSplit(_) => Ok(()),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("rekindle: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Connects and brings the schema up to date.
async fn open_db(args: &DbArgs) -> anyhow::Result<Db> {
    let db = connect_db(args).await?;
    db.migrate().await?;
    Ok(db)
}

/// Connects without touching the schema (a backup copies it as it is; a restore
/// migrates to its backup's version first).
async fn connect_db(args: &DbArgs) -> anyhow::Result<Db> {
    let url = DatabaseUrl::parse(args.database_url.as_deref()).map_err(anyhow::Error::msg)?;
    Db::connect(&url).await
}

async fn backup(args: &FileArgs) -> anyhow::Result<()> {
    let db = connect_db(&args.db).await?;
    let started = std::time::Instant::now();
    let done = crate::db::backup::backup(&db, &args.file).await?;
    let mut out = std::io::stdout().lock();
    match done.kind {
        "sqlite" => writeln!(
            out,
            "wrote a copy of the database file to {}",
            args.file.display()
        )?,
        _ => writeln!(
            out,
            "wrote {} rows from {} tables to {} (a logical backup)",
            done.rows,
            done.tables,
            args.file.display()
        )?,
    }
    writeln!(out, "took {:.1}s", started.elapsed().as_secs_f64())?;
    Ok(())
}

/// A fresh SQLite database filled with the demo couple's history, then the server on
/// it. The passwords are new on every run and printed here only.
async fn demo(args: DemoArgs) -> anyhow::Result<()> {
    let file = args.file.clone().unwrap_or_else(|| {
        let folder = format!("rekindle-demo-{}", &crate::secret::new_id()[..8]);
        std::env::temp_dir().join(folder).join("rekindle.db")
    });
    anyhow::ensure!(!file.exists(), "{} already exists", file.display());
    let url = format!("sqlite://{}", file.display());
    let db = open_db(&DbArgs {
        database_url: Some(url.clone()),
    })
    .await?;
    eprintln!("making {} days of a couple's history…", args.days);
    let started = std::time::Instant::now();
    let logins = crate::demo::fill(&db, args.days).await?;
    db.close().await;
    {
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "demo ready in {:.1}s: {} days of Maya and Tom, in {}",
            started.elapsed().as_secs_f64(),
            args.days,
            file.display()
        )?;
        for (name, email, password) in &logins.people {
            writeln!(out, "sign in as {name}: {email} / {password}")?;
        }
        out.flush()?;
    }
    let Command::Serve(serve_args) = Cli::try_parse_from([
        "rekindle",
        "serve",
        "--addr",
        &args.addr,
        "--database-url",
        &url,
    ])?
    .command
    else {
        anyhow::bail!("the demo could not read its own serve options");
    };
    serve(serve_args).await
}

async fn restore(args: &FileArgs) -> anyhow::Result<()> {
    let db = connect_db(&args.db).await?;
    let started = std::time::Instant::now();
    let done = crate::db::backup::restore(&db, &args.file).await?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "restored {} rows in {} tables from {} in {:.1}s",
        done.rows,
        done.tables,
        args.file.display(),
        started.elapsed().as_secs_f64()
    )?;
    Ok(())
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let db = open_db(&args.db).await?;
    let config = Config {
        registration: args.registration,
        cookie_secure: args.cookie_secure,
        trust_proxy_headers: args.trust_proxy_headers,
        quick_exit_url: args.quick_exit_url,
        helplines: crate::web::helplines::parse(&args.helplines)
            .map_err(|e| anyhow::anyhow!("REKINDLE_HELPLINES: {e}"))?,
        session_days: args.session_days,
        smtp: (!args.smtp_url.is_empty()).then(|| crate::config::Smtp {
            url: args.smtp_url.clone(),
            from: args.smtp_from.clone(),
        }),
        public_url: args.public_url.clone(),
    };
    let mailer = match &config.smtp {
        Some(smtp) => Some(std::sync::Arc::new(crate::jobs::Mailer::new(
            &smtp.url,
            &smtp.from,
            config.public_url.clone(),
        )?)),
        None => None,
    };
    tracing::info!(?config, "starting");
    let listener = TcpListener::bind(&args.addr)
        .await
        .with_context(|| format!("binding {}", args.addr))?;
    let local = listener.local_addr()?;
    let shutdown = shutdown_signal()?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on http://{local}")?;
        out.flush()?;
    }
    let state = AppState::new(db.clone(), config);
    let worker = crate::jobs::Worker::new(
        db.clone(),
        state.clock.clone(),
        mailer,
        state.outbox_wake.clone(),
        std::time::Duration::from_millis(args.worker_poll_ms),
    )
    .with_lease(std::time::Duration::from_millis(args.worker_lease_ms));
    let worker = tokio::spawn(worker.run());
    app::serve(listener, state, shutdown).await?;
    // A unit of work already handed to the database finishes (or rolls back) on its
    // own; either way each item is done once.
    worker.abort();
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// A future that resolves on Ctrl-C or SIGTERM. The handlers are installed here, at
/// once — not when the future is first polled — so a signal that comes right after the
/// `listening on` line is already ours to answer gracefully.
fn shutdown_signal()
-> anyhow::Result<std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate()).context("listening for SIGTERM")?;
        let mut interrupt = signal(SignalKind::interrupt()).context("listening for Ctrl-C")?;
        Ok(Box::pin(async move {
            tokio::select! {
                _ = term.recv() => {},
                _ = interrupt.recv() => {},
            }
            tracing::info!("shutting down: finishing requests in flight");
        }))
    }
    #[cfg(not(unix))]
    {
        Ok(Box::pin(async {
            let _ = tokio::signal::ctrl_c().await;
            tracing::info!("shutting down: finishing requests in flight");
        }))
    }
}

async fn migrate(args: &DbArgs) -> anyhow::Result<()> {
    open_db(args).await?;
    println!("database is up to date");
    Ok(())
}

async fn list_users(args: &DbArgs) -> anyhow::Result<()> {
    let db = open_db(args).await?;
    let mut out = std::io::stdout().lock();
    for u in users::list(&db).await? {
        writeln!(out, "{}\t{}\t{}", u.id, u.email, u.display_name)?;
    }
    Ok(())
}

async fn seed(args: &SeedArgs) -> anyhow::Result<()> {
    let db = open_db(&args.db).await?;
    let started = std::time::Instant::now();
    let done = crate::seed::seed(&db, args.couples, args.days, args.seed).await?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "seeded {} couples with {} check-ins over {} days in {:.1}s",
        done.couples,
        done.checkins,
        args.days,
        started.elapsed().as_secs_f64()
    )?;
    writeln!(
        out,
        "log in as {} with the password \"{}\" (each couple: seed-…-N-a / -b)",
        done.first_email,
        crate::seed::SEED_PASSWORD
    )?;
    if args.demo {
        drop(out);
        let logins = crate::demo::fill(&db, 90).await?;
        let mut out = std::io::stdout().lock();
        for (name, email, password) in &logins.people {
            writeln!(out, "sign in as {name}: {email} / {password}")?;
        }
    }
    Ok(())
}

/// One account's export to stdout, as its owner would get it but without their key.
async fn export(args: &ExportArgs) -> anyhow::Result<()> {
    let db = open_db(&args.db).await?;
    let email = rekindle_core::account::normalize_email(&args.user).map_err(anyhow::Error::msg)?;
    let (user, _) = users::find_for_login(&db, &email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no account with that e-mail"))?;
    let couple = crate::db::couples::current_for(&db, &user.id).await?;
    let scope = crate::db::visibility::Scope::new(
        &user.id,
        couple.as_ref().map(|c| c.id.as_str()),
        crate::clock::Clock::system().now_ms(),
    );
    let doc = crate::features::export::document(&db, &scope, None).await?;
    let mut out = std::io::stdout().lock();
    serde_json::to_writer(&mut out, &doc)?;
    writeln!(out)?;
    Ok(())
}

/// The operator's reset: a fresh random password (shown once, to hand over in person)
/// and every session ended, so the person notices and no old device stays signed in.
/// Their private writing stays encrypted and locked until they give their recovery
/// code: the operator never gets to read it.
async fn reset_password(args: &ResetArgs) -> anyhow::Result<()> {
    let db = open_db(&args.db).await?;
    let email = rekindle_core::account::normalize_email(&args.email).map_err(anyhow::Error::msg)?;
    let (user, _) = users::find_for_login(&db, &email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no account with that e-mail"))?;
    let password = crate::auth::accounts::reset_by_operator(&db, &user.id).await?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "new password for {email}: {password}")?;
    writeln!(
        out,
        "all of this account's sessions have ended; ask them to change it in Settings"
    )?;
    writeln!(
        out,
        "their private writing stays locked until they enter their recovery code in Settings"
    )?;
    Ok(())
}
