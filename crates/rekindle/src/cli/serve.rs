//! `serve` and `demo`: the web server, on the configured database or on a fresh demo.

use std::io::Write as _;

use anyhow::Context as _;
use clap::Parser as _;
use tokio::net::TcpListener;

use super::{Cli, Command, DbArgs, DemoArgs, ServeArgs, open_db};
use crate::app::{self, AppState};
use crate::config::Config;

pub(super) async fn serve(args: ServeArgs) -> anyhow::Result<()> {
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

/// A fresh SQLite database filled with the demo couple's history, then the server on
/// it. The passwords are new on every run and printed here only.
pub(super) async fn demo(args: DemoArgs) -> anyhow::Result<()> {
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
