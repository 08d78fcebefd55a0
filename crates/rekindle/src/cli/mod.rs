//! The command line: `serve`, `migrate`, and operator commands. Logs go to stderr;
//! stdout carries only a command's output (for `serve`, the `listening on` line).

mod args;
mod operator;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use args::*;

use crate::config::DatabaseUrl;
use crate::db::Db;
use operator::{backup, export, list_users, migrate, reset_password, restore, seed};
use serve::{demo, serve};

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
pub(super) async fn open_db(args: &DbArgs) -> anyhow::Result<Db> {
    let db = connect_db(args).await?;
    db.migrate().await?;
    Ok(db)
}

/// Connects without touching the schema (a backup copies it as it is; a restore
/// migrates to its backup's version first).
pub(super) async fn connect_db(args: &DbArgs) -> anyhow::Result<Db> {
    let url = DatabaseUrl::parse(args.database_url.as_deref()).map_err(anyhow::Error::msg)?;
    Db::connect(&url).await
}
