//! In-app notifications: a person's own, written only by the outbox worker (one per
//! outbox item at most). They carry a kind and a subject id, never content; the words
//! are chosen when they are shown.

use super::{Conn, Db, Error};
use crate::params;

/// One notification as its owner sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub id: String,
    pub kind: String,
    pub subject_id: Option<String>,
    pub created_at: i64,
    pub read: bool,
}

/// Writes the notification for an outbox item (a second time writes nothing).
pub fn add(
    c: &mut Conn,
    outbox_id: &str,
    user_id: &str,
    kind: &str,
    subject_id: Option<&str>,
    now: i64,
) -> Result<(), Error> {
    c.execute(
        "INSERT INTO notifications (id, user_id, outbox_id, kind, subject_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (outbox_id) DO NOTHING",
        params![
            &crate::secret::new_id(),
            user_id,
            outbox_id,
            kind,
            subject_id,
            now
        ],
    )?;
    Ok(())
}

/// A person's latest notifications, newest first.
pub async fn latest(db: &Db, user_id: &str, limit: i64) -> Result<Vec<Notification>, Error> {
    let user_id = user_id.to_owned();
    db.read(move |c| {
        c.query(
            "SELECT id, kind, subject_id, created_at, read_at FROM notifications \
             WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2",
            params![&user_id, limit],
            |r| {
                Ok(Notification {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    subject_id: r.get(2)?,
                    created_at: r.get(3)?,
                    read: r.get::<Option<i64>>(4)?.is_some(),
                })
            },
        )
    })
    .await
}

/// Marks all of a person's notifications read.
pub async fn mark_all_read(db: &Db, user_id: &str, now: i64) -> Result<(), Error> {
    let user_id = user_id.to_owned();
    db.write(move |c| {
        c.execute(
            "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL",
            params![&user_id, now],
        )?;
        Ok::<_, Error>(())
    })
    .await
}
