//! The outbox: work due at a moment (a note's notification, a reminder, a nudge),
//! queued in the same transaction as what caused it and done by the worker in `jobs/`.
//!
//! Exactly once in the app: a worker *claims* due items with a lease (the claim
//! repeats its condition in the `UPDATE`, so two workers on PostgreSQL never both take
//! a row — ARCHITECTURE.md, "Claiming due work"), then does each item's in-app part in
//! one transaction whose first statement takes the row (`start_in_app`): a second
//! worker that reaches the same row waits, then finds it already moved on and does
//! nothing. The notification's `UNIQUE (outbox_id)` is a second guard. E-mail is sent
//! after that commit and recorded; a crash in between sends it again, with the same
//! Message-ID.

use super::{Conn, Db, Error};
use crate::params;

/// How long a claim lasts before another worker may take the item again (longer than
/// the slowest e-mail send, whose timeout is 15 s).
pub const LEASE_MS: i64 = 60_000;

/// A claimed item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub user_id: String,
    pub kind: String,
    pub subject_id: Option<String>,
    /// `app` (the in-app part is still to do) or `email`.
    pub stage: String,
    pub due_at: i64,
}

/// Queues work inside the caller's transaction. The same `dedupe_key` twice queues
/// it once.
pub fn enqueue(
    c: &mut Conn,
    user_id: &str,
    kind: &str,
    subject_id: Option<&str>,
    dedupe_key: &str,
    due_at: i64,
    now: i64,
) -> Result<(), Error> {
    c.execute(
        "INSERT INTO outbox (id, user_id, kind, subject_id, dedupe_key, due_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING",
        params![
            &crate::secret::new_id(),
            user_id,
            kind,
            subject_id,
            dedupe_key,
            due_at,
            now
        ],
    )?;
    Ok(())
}

/// Drops the pending work of a kind about a subject (a cancelled note, a moved date).
pub fn drop_for_subject(c: &mut Conn, kind: &str, subject_id: &str) -> Result<(), Error> {
    c.execute(
        "DELETE FROM outbox WHERE kind = $1 AND subject_id = $2 AND done_at IS NULL",
        params![kind, subject_id],
    )?;
    Ok(())
}

/// Drops a person's pending work of the given kinds (their reminder choices changed).
pub fn drop_for_user(c: &mut Conn, user_id: &str, kinds: &[&str]) -> Result<(), Error> {
    for kind in kinds {
        c.execute(
            "DELETE FROM outbox WHERE user_id = $1 AND kind = $2 AND done_at IS NULL",
            params![user_id, *kind],
        )?;
    }
    Ok(())
}

/// Claims up to `limit` due items for `worker` until `now + lease_ms`.
pub async fn claim(
    db: &Db,
    worker: &str,
    now: i64,
    lease_ms: i64,
    limit: i64,
) -> Result<Vec<Item>, Error> {
    let worker = worker.to_owned();
    db.write(move |c| {
        c.query(
            "UPDATE outbox SET claimed_by = $1, claimed_until = $2, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox WHERE done_at IS NULL AND due_at <= $3 \
                          AND (claimed_until IS NULL OR claimed_until < $3) \
                          ORDER BY due_at LIMIT $4) \
             AND done_at IS NULL AND due_at <= $3 AND (claimed_until IS NULL OR claimed_until < $3) \
             RETURNING id, user_id, kind, subject_id, stage, due_at",
            params![&worker, now + lease_ms, now, limit],
            |r| {
                Ok(Item {
                    id: r.get(0)?,
                    user_id: r.get(1)?,
                    kind: r.get(2)?,
                    subject_id: r.get(3)?,
                    stage: r.get(4)?,
                    due_at: r.get(5)?,
                })
            },
        )
    })
    .await
}

/// The first statement of an item's in-app transaction: takes the row if its in-app
/// part is still to do (`false`: another worker did it; do nothing).
pub fn start_in_app(c: &mut Conn, id: &str) -> Result<bool, Error> {
    Ok(c.execute(
        "UPDATE outbox SET attempts = attempts WHERE id = $1 AND done_at IS NULL AND stage = 'app'",
        params![id],
    )? == 1)
}

/// Finishes the in-app part: done, or on to the e-mail stage.
pub fn finish_in_app(c: &mut Conn, id: &str, email_next: bool, now: i64) -> Result<(), Error> {
    if email_next {
        c.execute(
            "UPDATE outbox SET stage = 'email' WHERE id = $1",
            params![id],
        )?;
    } else {
        c.execute(
            "UPDATE outbox SET done_at = $2, claimed_until = NULL WHERE id = $1",
            params![id, now],
        )?;
    }
    Ok(())
}

/// Moves an item to a later moment (quiet hours) and lets it go.
pub fn postpone(c: &mut Conn, id: &str, due_at: i64) -> Result<(), Error> {
    c.execute(
        "UPDATE outbox SET due_at = $2, claimed_by = NULL, claimed_until = NULL WHERE id = $1",
        params![id, due_at],
    )?;
    Ok(())
}

/// Records an e-mail as sent and finishes the item (a resend records nothing new).
pub async fn email_sent(db: &Db, id: &str, message_id: &str, now: i64) -> Result<(), Error> {
    let (id, message_id) = (id.to_owned(), message_id.to_owned());
    db.write(move |c| {
        c.execute(
            "INSERT INTO email_sends (outbox_id, message_id, sent_at) VALUES ($1, $2, $3) \
             ON CONFLICT (outbox_id) DO NOTHING",
            params![&id, &message_id, now],
        )?;
        c.execute(
            "UPDATE outbox SET done_at = $2, claimed_until = NULL WHERE id = $1 AND done_at IS NULL",
            params![&id, now],
        )?;
        Ok::<_, Error>(())
    })
    .await
}

/// Gives up on an e-mail that cannot be sent (the in-app notification stands).
pub async fn email_abandoned(db: &Db, id: &str, now: i64) -> Result<(), Error> {
    let id = id.to_owned();
    db.write(move |c| {
        c.execute(
            "UPDATE outbox SET done_at = $2, claimed_until = NULL WHERE id = $1 AND done_at IS NULL",
            params![&id, now],
        )?;
        Ok::<_, Error>(())
    })
    .await
}

/// How many times an item has been claimed (to stop retrying an e-mail forever).
pub async fn attempts(db: &Db, id: &str) -> Result<i64, Error> {
    let id = id.to_owned();
    db.read(move |c| c.scalar("SELECT attempts FROM outbox WHERE id = $1", params![&id]))
        .await
}

/// When the next pending item becomes workable, if any (a claimed one when its lease
/// runs out).
pub async fn next_due(db: &Db) -> Result<Option<i64>, Error> {
    db.read(|c| {
        c.scalar(
            "SELECT MIN(CASE WHEN claimed_until IS NOT NULL AND claimed_until > due_at \
             THEN claimed_until ELSE due_at END) FROM outbox WHERE done_at IS NULL",
            params![],
        )
    })
    .await
}

/// How long finished items are kept (their dedupe keys stop a reminder being queued
/// twice meanwhile).
pub const KEEP_DONE_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// Forgets items finished more than [`KEEP_DONE_MS`] ago.
pub async fn prune(db: &Db, now: i64) -> Result<u64, Error> {
    db.write(move |c| {
        c.execute(
            "DELETE FROM outbox WHERE done_at IS NOT NULL AND done_at < $1",
            params![now - KEEP_DONE_MS],
        )
    })
    .await
}
