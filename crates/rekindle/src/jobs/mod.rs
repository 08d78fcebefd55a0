//! The outbox worker: every server process runs one. It claims due items (see
//! `db/outbox.rs` for how claims and exactly-once work), does each one's in-app part
//! (`deliver.rs`), then sends its e-mail if there is one (`email.rs`). It sleeps until
//! the next item is due, at most `poll`, and wakes early when a request queues
//! something due now.

pub mod deliver;
pub mod email;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;

use crate::clock::Clock;
use crate::db::{Db, outbox};
use deliver::Outcome;
pub use email::Mailer;

/// Items claimed at a time.
const BATCH: i64 = 20;
/// An e-mail is given up after this many tries (the in-app notification stands).
const EMAIL_TRIES: i64 = 5;

/// One worker.
#[derive(Clone)]
pub struct Worker {
    db: Db,
    clock: Clock,
    mailer: Option<Arc<Mailer>>,
    id: String,
    wake: Arc<Notify>,
    poll: Duration,
    lease_ms: i64,
}

impl Worker {
    pub fn new(
        db: Db,
        clock: Clock,
        mailer: Option<Arc<Mailer>>,
        wake: Arc<Notify>,
        poll: Duration,
    ) -> Self {
        Self {
            db,
            clock,
            mailer,
            id: crate::secret::new_id(),
            wake,
            poll,
            lease_ms: outbox::LEASE_MS,
        }
    }

    /// A shorter claim (tests that kill servers wait for claims to run out).
    #[must_use]
    pub fn with_lease(mut self, lease: Duration) -> Self {
        self.lease_ms = i64::try_from(lease.as_millis()).unwrap_or(outbox::LEASE_MS);
        self
    }

    /// Does everything due now; how many items it worked on.
    ///
    /// # Errors
    /// A storage error (the items stay claimed and are retried when the lease ends).
    pub async fn run_due(&self) -> Result<usize, crate::db::Error> {
        let mut worked = 0;
        loop {
            let now = self.clock.now_ms();
            let items = outbox::claim(&self.db, &self.id, now, self.lease_ms, BATCH).await?;
            if items.is_empty() {
                return Ok(worked);
            }
            worked += items.len();
            // The in-app parts all at once (each its own transaction), so on SQLite
            // they share one commit rather than queueing for one each behind the
            // requests' writes; then the e-mails, one by one.
            let now = self.clock.now_ms();
            let can_email = self.mailer.is_some();
            let in_app = items
                .iter()
                .filter(|item| item.stage != "email")
                .map(|item| {
                    let claimed = item.clone();
                    move |c: &mut crate::db::Conn| deliver::in_app(c, &claimed, now, can_email)
                })
                .collect();
            let mut outcomes = self.db.write_each(in_app).await.into_iter();
            for item in &items {
                let email = item.stage == "email"
                    || outcomes.next().transpose()? == Some(Outcome::Notified { email: true });
                if email {
                    self.send_email(item).await?;
                }
            }
        }
    }

    async fn send_email(&self, item: &outbox::Item) -> Result<(), crate::db::Error> {
        let Some(mailer) = &self.mailer else {
            return outbox::email_abandoned(&self.db, &item.id, self.clock.now_ms()).await;
        };
        let to = crate::db::reminders::address(&self.db, &item.user_id).await?;
        let sent = match to {
            Some(to) => {
                mailer
                    .send(&to, &item.id, &item.kind, item.subject_id.as_deref())
                    .await
            }
            None => Err(anyhow::anyhow!("no such person")),
        };
        let now = self.clock.now_ms();
        match sent {
            Ok(message_id) => outbox::email_sent(&self.db, &item.id, &message_id, now).await,
            Err(err) => {
                // Never the address or any content: the item and why.
                tracing::warn!(outbox = %item.id, kind = %item.kind, error = %err, "e-mail not sent");
                if outbox::attempts(&self.db, &item.id).await? >= EMAIL_TRIES {
                    outbox::email_abandoned(&self.db, &item.id, now).await?;
                }
                Ok(())
            }
        }
    }

    /// Runs until the task is dropped: due work, then sleep until the next is due; once
    /// an hour, old finished items are forgotten.
    pub async fn run(self) {
        let mut pruned_at = i64::MIN;
        loop {
            if let Err(err) = self.run_due().await {
                tracing::error!(error = %err, "outbox worker");
            }
            let now = self.clock.now_ms();
            if now.saturating_sub(pruned_at) > 60 * 60 * 1000 {
                pruned_at = now;
                if let Err(err) = outbox::prune(&self.db, now).await {
                    tracing::error!(error = %err, "outbox prune");
                }
            }
            let now = self.clock.now_ms();
            let next = outbox::next_due(&self.db).await.ok().flatten();
            let wait = next.map_or(self.poll, |at| {
                Duration::from_millis(u64::try_from((at - now).max(0)).unwrap_or(0)).min(self.poll)
            });
            tokio::select! {
                () = tokio::time::sleep(wait.max(Duration::from_millis(20))) => {},
                () = self.wake.notified() => {},
            }
        }
    }
}
