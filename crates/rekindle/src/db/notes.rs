//! Love notes: sealed items whose `unsealed_at` is the delivery moment, so the one
//! visibility rule is also the delivery rule — a note is in its recipient's inbox from
//! that moment on, checked when read, and nowhere before it (no row, no count). The
//! notification is queued in the same transaction and sent by the worker. Marks: a
//! heart (shared, the sender sees it) and a favourite (the recipient's own).

use super::visibility::{Scope, predicate};
use super::{Conn, Db, Error, Row};
use crate::params;

/// How a note is delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    Now,
    /// At a moment the sender chose.
    At,
    /// At a hidden moment inside a window the sender chose.
    Surprise,
}

impl Timing {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Now => "now",
            Self::At => "at",
            Self::Surprise => "surprise",
        }
    }

    fn parse(s: &str) -> Self {
        match s {
            "at" => Self::At,
            "surprise" => Self::Surprise,
            _ => Self::Now,
        }
    }
}

/// A note to write.
pub struct NewNote {
    pub couple_id: String,
    pub sender_id: String,
    pub recipient_id: String,
    pub body: String,
    pub timing: Timing,
    pub deliver_at: i64,
    pub window: Option<(i64, i64)>,
}

/// A note as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: String,
    pub sender_id: String,
    pub body: String,
    pub timing: Timing,
    /// The delivery moment (the caller hides a surprise's before it comes).
    pub deliver_at: i64,
    pub window: Option<(i64, i64)>,
    pub created_at: i64,
    /// The recipient's heart (shared).
    pub hearted: bool,
    /// The viewer's own favourite mark.
    pub favourite: bool,
}

/// Writes a note and queues its notification for the delivery moment.
pub async fn send(db: &Db, note: NewNote, now: i64) -> Result<String, Error> {
    let id = crate::secret::new_id();
    let note_id = id.clone();
    db.write(move |c| {
        c.execute(
            "INSERT INTO love_notes (id, couple_id, owner_id, recipient_id, unsealed_at, body, \
             timing, window_from, window_to, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            params![
                &note_id,
                &note.couple_id,
                &note.sender_id,
                &note.recipient_id,
                note.deliver_at,
                &note.body,
                note.timing.as_str(),
                note.window.map(|w| w.0),
                note.window.map(|w| w.1),
                now
            ],
        )?;
        super::outbox::enqueue(
            c,
            &note.recipient_id,
            "note",
            Some(&note_id),
            &format!("note:{note_id}"),
            note.deliver_at,
            now,
        )
    })
    .await?;
    Ok(id)
}

const NOTE_COLUMNS: &str = "n.id, n.owner_id, n.body, n.timing, n.unsealed_at, n.window_from, \
     n.window_to, n.created_at";

fn note_from(r: &Row<'_>) -> Result<Note, Error> {
    let from: Option<i64> = r.get(5)?;
    let to: Option<i64> = r.get(6)?;
    Ok(Note {
        id: r.get(0)?,
        sender_id: r.get(1)?,
        body: r.get(2)?,
        timing: Timing::parse(&r.get::<String>(3)?),
        deliver_at: r.get(4)?,
        window: from.zip(to),
        created_at: r.get(7)?,
        hearted: r.get::<i64>(8)? > 0,
        favourite: r.get::<i64>(9)? > 0,
    })
}

/// The marks on a note `n`, through the rule: the recipient's heart, the viewer's
/// favourite (placeholders `$1`–`$3` are the scope).
fn marks_sql() -> String {
    format!(
        "(SELECT CAST(COUNT(*) AS BIGINT) FROM love_note_marks h WHERE h.note_id = n.id \
           AND h.kind = 'heart' AND h.owner_id = n.recipient_id AND {}), \
         (SELECT CAST(COUNT(*) AS BIGINT) FROM love_note_marks f WHERE f.note_id = n.id \
           AND f.kind = 'favourite' AND f.owner_id = $1 AND {})",
        predicate("h", 1),
        predicate("f", 1)
    )
}

/// Which notes a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    /// Delivered to the viewer (all, or only favourites).
    Inbox { favourites_only: bool },
    /// Written by the viewer, delivered or not.
    Sent,
}

/// One list of notes, newest first, in one statement: `limit` of them after skipping
/// `offset`.
pub async fn list(
    db: &Db,
    scope: &Scope,
    which: Folder,
    limit: i64,
    offset: i64,
) -> Result<Vec<Note>, Error> {
    let filter = match which {
        Folder::Inbox {
            favourites_only: false,
        } => "n.recipient_id = $1".to_owned(),
        Folder::Inbox {
            favourites_only: true,
        } => {
            // Only the viewer's own marks ($1), through the rule like every read.
            format!(
                "n.recipient_id = $1 AND EXISTS (SELECT 1 FROM love_note_marks x WHERE \
                 x.note_id = n.id AND x.owner_id = $1 AND x.kind = 'favourite' AND {})",
                predicate("x", 1)
            )
        }
        Folder::Sent => "n.owner_id = $1".to_owned(),
    };
    let order = match which {
        Folder::Inbox { .. } => "n.unsealed_at DESC, n.id",
        Folder::Sent => "n.created_at DESC, n.id",
    };
    let sql = format!(
        "SELECT {NOTE_COLUMNS}, {} FROM love_notes n WHERE {filter} AND {} \
         ORDER BY {order} LIMIT $4 OFFSET $5",
        marks_sql(),
        predicate("n", 1)
    );
    let scope = scope.clone();
    db.read(move |c| c.query(&sql, &scope.with(&[limit.into(), offset.into()]), note_from))
        .await
}

/// One note the viewer may see (sent by them, or delivered to them).
pub fn one(c: &mut Conn, scope: &Scope, id: &str) -> Result<Option<Note>, Error> {
    let sql = format!(
        "SELECT {NOTE_COLUMNS}, {} FROM love_notes n WHERE n.id = $4 AND {}",
        marks_sql(),
        predicate("n", 1)
    );
    c.query_opt(&sql, &scope.with(&[id.into()]), note_from)
}

/// What cancelling did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cancelled {
    Done,
    /// Already delivered: it stays.
    TooLate,
    NotFound,
}

/// Cancels the viewer's own note before its delivery (with its notification).
pub async fn cancel(db: &Db, scope: &Scope, id: &str) -> Result<Cancelled, Error> {
    let (scope, id) = (scope.clone(), id.to_owned());
    db.write(move |c| {
        let Some(note) = one(c, &scope, &id)? else {
            return Ok(Cancelled::NotFound);
        };
        if note.sender_id != scope.viewer_id {
            return Ok(Cancelled::NotFound);
        }
        let gone = c.execute(
            "DELETE FROM love_notes WHERE id = $1 AND owner_id = $2 AND unsealed_at > $3",
            params![&id, &scope.viewer_id, scope.now_ms],
        )?;
        if gone == 0 {
            return Ok(Cancelled::TooLate);
        }
        super::outbox::drop_for_subject(c, "note", &id)?;
        Ok::<_, Error>(Cancelled::Done)
    })
    .await
}

/// Puts a mark on (or takes it off) a note delivered to the viewer. `false` if there is
/// no such note for them.
pub async fn mark(
    db: &Db,
    scope: &Scope,
    id: &str,
    kind: &'static str,
    on: bool,
) -> Result<bool, Error> {
    let (scope, id) = (scope.clone(), id.to_owned());
    db.write(move |c| {
        let Some(note) = one(c, &scope, &id)? else {
            return Ok(false);
        };
        if note.sender_id == scope.viewer_id {
            return Ok(false);
        }
        let Some(couple_id) = scope.couple_id.as_ref() else {
            return Ok(false);
        };
        if on {
            let visibility = if kind == "heart" { "shared" } else { "private" };
            c.execute(
                "INSERT INTO love_note_marks (note_id, owner_id, couple_id, visibility, kind, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (note_id, owner_id, kind) DO NOTHING",
                params![&id, &scope.viewer_id, couple_id, visibility, kind, scope.now_ms],
            )?;
        } else {
            c.execute(
                "DELETE FROM love_note_marks WHERE note_id = $1 AND owner_id = $2 AND kind = $3",
                params![&id, &scope.viewer_id, kind],
            )?;
        }
        Ok::<_, Error>(true)
    })
    .await
}

/// Whether a note is delivered and waiting for `scope`'s viewer (the worker's check
/// before it notifies).
pub fn delivered_to(c: &mut Conn, scope: &Scope, id: &str) -> Result<bool, Error> {
    Ok(one(c, scope, id)?.is_some_and(|n| n.sender_id != scope.viewer_id))
}

/// Leaving a couple cancels its notes not yet delivered, both ways (PRIVACY.md,
/// promise 6), with their notifications.
pub fn cancel_pending_of_couple(c: &mut Conn, couple_id: &str, now: i64) -> Result<(), Error> {
    let pending: Vec<String> = c.query(
        "SELECT p.id FROM love_notes p WHERE p.couple_id = $1 AND p.unsealed_at > $2",
        params![couple_id, now],
        |r| r.get(0),
    )?;
    for id in &pending {
        super::outbox::drop_for_subject(c, "note", id)?;
    }
    c.execute(
        "DELETE FROM love_notes WHERE couple_id = $1 AND unsealed_at > $2",
        params![couple_id, now],
    )?;
    Ok(())
}
