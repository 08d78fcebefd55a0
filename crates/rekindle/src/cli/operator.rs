//! The operator's commands: migrate, seed, backup and restore, list users, reset a
//! password, export an account.

use std::io::Write as _;

use super::{DbArgs, ExportArgs, FileArgs, ResetArgs, SeedArgs, connect_db, open_db};
use crate::db::users;

pub(super) async fn migrate(args: &DbArgs) -> anyhow::Result<()> {
    open_db(args).await?;
    println!("database is up to date");
    Ok(())
}

pub(super) async fn seed(args: &SeedArgs) -> anyhow::Result<()> {
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

pub(super) async fn backup(args: &FileArgs) -> anyhow::Result<()> {
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

pub(super) async fn restore(args: &FileArgs) -> anyhow::Result<()> {
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

pub(super) async fn list_users(args: &DbArgs) -> anyhow::Result<()> {
    let db = open_db(args).await?;
    let mut out = std::io::stdout().lock();
    for u in users::list(&db).await? {
        writeln!(out, "{}\t{}\t{}", u.id, u.email, u.display_name)?;
    }
    Ok(())
}

/// The account an operator named by e-mail (as typed: normalised here), and the
/// normalised address.
async fn account_by_email(db: &crate::db::Db, raw: &str) -> anyhow::Result<(users::User, String)> {
    let email = rekindle_core::account::normalize_email(raw).map_err(anyhow::Error::msg)?;
    let (user, _) = users::find_for_login(db, &email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no account with that e-mail"))?;
    Ok((user, email))
}

/// One account's export to stdout, as its owner would get it but without their key.
pub(super) async fn export(args: &ExportArgs) -> anyhow::Result<()> {
    let db = open_db(&args.db).await?;
    let (user, _) = account_by_email(&db, &args.user).await?;
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
pub(super) async fn reset_password(args: &ResetArgs) -> anyhow::Result<()> {
    let db = open_db(&args.db).await?;
    let (user, email) = account_by_email(&db, &args.email).await?;
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
