//! The bench subject on a database made by `rekindle seed --couples 100 --days 365
//! --seed 7`: the person `seed-…-50-a` (as crates/rekindle/benches/dashboard.rs picks)
//! with a web session, today's question already chosen and answered by them (not yet
//! by their partner), and two listening sessions rated by both. The seed writes none
//! of these; without them the reads would return nothing. Idempotent.

use anyhow::{Context as _, Result};
use sqlx::{AnyPool, Row as _};

/// The session token the bench signs in with (only its hash is stored).
pub const TOKEN: &str = "spike-data-path-session-token-0001";

pub struct Subject {
    pub token_hash: String,
    pub user_id: String,
}

pub async fn prepare(pool: &AnyPool, now: i64) -> Result<Subject> {
    let row = sqlx::query(
        "SELECT u.id AS user_id, m.couple_id, c.timezone FROM users u \
         JOIN couple_members m ON m.user_id = u.id AND m.left_at IS NULL \
         JOIN couples c ON c.id = m.couple_id WHERE u.email LIKE $1",
    )
    .bind("seed-%-50-a@%")
    .fetch_one(pool)
    .await
    .context("the seeded person -50-a (seed with --couples 100)")?;
    let (user, couple, tz): (String, String, String) =
        (row.try_get(0)?, row.try_get(1)?, row.try_get(2)?);
    let partner: String = sqlx::query_scalar(
        "SELECT user_id FROM couple_members WHERE couple_id = $1 AND user_id <> $2 AND left_at IS NULL",
    )
    .bind(&couple)
    .bind(&user)
    .fetch_one(pool)
    .await?;
    let token_hash = crate::hash_token(TOKEN);
    let today = rekindle_core::schedule::local_day_in(&tz, now);
    let day = |n: i64| {
        today
            .checked_sub(jiff::Span::new().days(n))
            .unwrap_or(today)
            .to_string()
    };
    let q = |s: &'static str| sqlx::query(s);
    q("DELETE FROM sessions WHERE id = 'spike-session'")
        .execute(pool)
        .await?;
    q("INSERT INTO sessions (id, user_id, token_hash, kind, created_at, last_seen_at, expires_at) \
       VALUES ('spike-session', $1, $2, 'web', $3, $4, $4)")
    .bind(&user)
    .bind(&token_hash)
    .bind(now)
    .bind(now + 365 * 24 * 3_600_000)
    .execute(pool)
    .await?;
    q("DELETE FROM answers WHERE couple_id = $1")
        .bind(&couple)
        .execute(pool)
        .await?;
    q("DELETE FROM daily_questions WHERE couple_id = $1")
        .bind(&couple)
        .execute(pool)
        .await?;
    q("INSERT INTO daily_questions (couple_id, day, prompt_id, created_at) VALUES ($1, $2, 'hopes-01', $3)")
        .bind(&couple)
        .bind(day(0))
        .bind(now)
        .execute(pool)
        .await?;
    q("INSERT INTO answers (id, owner_id, couple_id, visibility, prompt_id, body, created_at, updated_at) \
       VALUES ('spike-answer', $1, $2, 'sealed', 'hopes-01', 'A quiet walk by the river.', $3, $3)")
    .bind(&user)
    .bind(&couple)
    .bind(now)
    .execute(pool)
    .await?;
    q("DELETE FROM listening_sessions WHERE id LIKE 'spike-%'")
        .execute(pool)
        .await?;
    for (i, back) in [(1, 3), (2, 10)] {
        let sid = format!("spike-listen-{i}");
        sqlx::query(
            "INSERT INTO listening_sessions (id, couple_id, owner_id, topic, one_phone, first_speaker_id, day, created_at, ended_at) \
             VALUES ($1, $2, $3, 'weekends', 1, $3, $4, $5, $5)",
        )
        .bind(&sid)
        .bind(&couple)
        .bind(&user)
        .bind(day(back))
        .bind(now)
        .execute(pool)
        .await?;
        for (who, score) in [(&user, 4_i64), (&partner, 5)] {
            sqlx::query(
                "INSERT INTO listening_ratings (session_id, owner_id, couple_id, felt_heard, day, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(&sid)
            .bind(who)
            .bind(&couple)
            .bind(score)
            .bind(day(back))
            .bind(now)
            .execute(pool)
            .await?;
        }
    }
    Ok(Subject {
        token_hash,
        user_id: user,
    })
}
