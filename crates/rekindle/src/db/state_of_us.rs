//! "State of Us" meetings: one per couple and day, with shared notes. Notes are read
//! through the visibility rule like every other piece of content.

use super::visibility::{Scope, predicate};
use super::{Conn, Db, Error, Row};
use crate::params;
use crate::secret::new_id;

/// A meeting of a couple.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: String,
    pub day: String,
    pub done_at_ms: Option<i64>,
}

/// A note in a meeting, as the viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingNote {
    pub id: String,
    pub owner_id: String,
    pub section: String,
    pub body: String,
}

fn meeting_from(r: &Row<'_>) -> Result<Meeting, Error> {
    Ok(Meeting {
        id: r.get(0)?,
        day: r.get(1)?,
        done_at_ms: r.get(2)?,
    })
}

fn find_in(c: &mut Conn, couple_id: &str, day: &str) -> Result<Option<Meeting>, Error> {
    c.query_opt(
        "SELECT id, day, done_at FROM meetings WHERE couple_id = $1 AND day = $2",
        params![couple_id, day],
        meeting_from,
    )
}

/// The couple's meeting on `day`, if it was ever opened.
pub async fn find(db: &Db, couple_id: &str, day: &str) -> Result<Option<Meeting>, Error> {
    let args = [couple_id, day].map(str::to_owned);
    db.read(move |c| {
        let [couple_id, day] = &args;
        find_in(c, couple_id, day)
    })
    .await
}

/// The couple's meeting on `day`, opened now if needed.
pub async fn open(db: &Db, couple_id: &str, day: &str, now: i64) -> Result<Meeting, Error> {
    let args = [couple_id, day].map(str::to_owned);
    db.write(move |c| {
        let [couple_id, day] = &args;
        c.execute(
            "INSERT INTO meetings (id, couple_id, day, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (couple_id, day) DO NOTHING",
            params![new_id(), couple_id, day, now],
        )?;
        find_in(c, couple_id, day)?.ok_or(Error::NotFound)
    })
    .await
}

/// Adds a shared note to a meeting of the writer's couple.
pub async fn add_note(
    db: &Db,
    meeting: &Meeting,
    owner_id: &str,
    couple_id: &str,
    section: &str,
    body: &str,
    now: i64,
) -> Result<String, Error> {
    let id = new_id();
    let args = [id.as_str(), &meeting.id, owner_id, couple_id, section, body].map(str::to_owned);
    db.write(move |c| {
        let [id, meeting_id, owner_id, couple_id, section, body] = &args;
        c.execute(
            "INSERT INTO meeting_notes (id, meeting_id, owner_id, couple_id, section, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            params![id, meeting_id, owner_id, couple_id, section, body, now],
        )?;
        Ok::<_, Error>(())
    })
    .await?;
    Ok(id)
}

/// The notes of a meeting the viewer may see, oldest first.
pub async fn notes(db: &Db, scope: &Scope, meeting_id: &str) -> Result<Vec<MeetingNote>, Error> {
    let sql = format!(
        "SELECT n.id, n.owner_id, n.section, n.body FROM meeting_notes n \
         WHERE n.meeting_id = $4 AND {} ORDER BY n.created_at, n.id",
        predicate("n", 1)
    );
    let (scope, meeting_id) = (scope.clone(), meeting_id.to_owned());
    db.read(move |c| {
        c.query(&sql, &scope.with(params![&meeting_id]), |r| {
            Ok(MeetingNote {
                id: r.get(0)?,
                owner_id: r.get(1)?,
                section: r.get(2)?,
                body: r.get(3)?,
            })
        })
    })
    .await
}

/// The couple's earlier meetings (before `day`), newest first, at most `limit`.
pub async fn past(db: &Db, couple_id: &str, day: &str, limit: i64) -> Result<Vec<Meeting>, Error> {
    let args = [couple_id, day].map(str::to_owned);
    db.read(move |c| {
        let [couple_id, day] = &args;
        c.query(
            "SELECT id, day, done_at FROM meetings WHERE couple_id = $1 AND day < $2 ORDER BY day DESC LIMIT $3",
            params![couple_id, day, limit],
            meeting_from,
        )
    })
    .await
}

/// Sets the couple's meeting weekday (ISO number).
pub async fn set_weekday(db: &Db, couple_id: &str, weekday: i64) -> Result<(), Error> {
    let couple_id = couple_id.to_owned();
    db.write(move |c| {
        c.execute(
            "UPDATE couples SET meeting_weekday = $1 WHERE id = $2",
            params![weekday, &couple_id],
        )?;
        Ok(())
    })
    .await
}

/// Takes the meeting's row lock for the rest of the transaction (a no-op update, so the
/// same SQL works on both engines; SQLite's `BEGIN IMMEDIATE` already serialises
/// writers). A confirmation and a take-back then never interleave: each sees the
/// other's result whole.
fn lock_meeting(c: &mut Conn, meeting_id: &str) -> Result<(), Error> {
    c.execute(
        "UPDATE meetings SET done_at = done_at WHERE id = $1",
        params![meeting_id],
    )?;
    Ok(())
}

/// Records the viewer's "we've had our talk"; once both partners have, the meeting is
/// held. Both happen in one write, so two taps at once still hold it exactly once.
/// Returns whether the meeting is held now.
pub async fn confirm(
    db: &Db,
    meeting_id: &str,
    couple_id: &str,
    owner_id: &str,
    now: i64,
) -> Result<bool, Error> {
    let args = [meeting_id, couple_id, owner_id].map(str::to_owned);
    db.write(move |c| {
        let [meeting_id, couple_id, owner_id] = &args;
        lock_meeting(c, meeting_id)?;
        c.execute(
            "INSERT INTO meeting_confirmations (meeting_id, owner_id, couple_id, created_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (meeting_id, owner_id) DO NOTHING",
            params![meeting_id, owner_id, couple_id, now],
        )?;
        let n: i64 = c.scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM meeting_confirmations WHERE meeting_id = $1",
            params![meeting_id],
        )?;
        if n >= 2 {
            c.execute(
                "UPDATE meetings SET done_at = $1 WHERE id = $2 AND done_at IS NULL",
                params![now, meeting_id],
            )?;
        }
        Ok(n >= 2)
    })
    .await
}

/// Takes back the viewer's confirmation while the meeting is not held yet; `false`
/// when it already is (then nothing changes).
pub async fn unconfirm(db: &Db, meeting_id: &str, owner_id: &str) -> Result<bool, Error> {
    let args = [meeting_id, owner_id].map(str::to_owned);
    db.write(move |c| {
        let [meeting_id, owner_id] = &args;
        lock_meeting(c, meeting_id)?;
        let held: Option<Option<i64>> = c.query_opt(
            "SELECT done_at FROM meetings WHERE id = $1",
            params![meeting_id],
            |r| r.get(0),
        )?;
        if held.flatten().is_some() {
            return Ok(false);
        }
        c.execute(
            "DELETE FROM meeting_confirmations WHERE meeting_id = $1 AND owner_id = $2",
            params![meeting_id, owner_id],
        )?;
        Ok(true)
    })
    .await
}

/// Who has said "we've had our talk" for a meeting, as the viewer may see it.
pub async fn confirmations(db: &Db, scope: &Scope, meeting_id: &str) -> Result<Vec<String>, Error> {
    let sql = format!(
        "SELECT c.owner_id FROM meeting_confirmations c WHERE c.meeting_id = $4 AND {}",
        predicate("c", 1)
    );
    let (scope, meeting_id) = (scope.clone(), meeting_id.to_owned());
    db.read(move |c| c.query(&sql, &scope.with(params![&meeting_id]), |r| r.get(0)))
        .await
}

/// A note of the viewer's own, with its meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnNote {
    pub meeting_id: String,
    pub meeting_day: String,
    pub held: bool,
}

/// The viewer's own note `note_id` in their current couple, if there is one.
pub async fn own_note(db: &Db, scope: &Scope, note_id: &str) -> Result<Option<OwnNote>, Error> {
    let sql = format!(
        "SELECT m.id, m.day, m.done_at FROM meeting_notes n JOIN meetings m ON m.id = n.meeting_id \
         WHERE n.id = $4 AND n.owner_id = $1 AND m.couple_id = $2 AND {}",
        predicate("n", 1)
    );
    let (scope, note_id) = (scope.clone(), note_id.to_owned());
    db.read(move |c| {
        c.query_opt(&sql, &scope.with(params![&note_id]), |r| {
            Ok(OwnNote {
                meeting_id: r.get(0)?,
                meeting_day: r.get(1)?,
                held: r.get::<Option<i64>>(2)?.is_some(),
            })
        })
    })
    .await
}

/// Changes (`Some(body)`) or withdraws (`None`) the owner's note while its meeting is
/// not held; `false` when the meeting was held in the meantime.
pub async fn change_note(
    db: &Db,
    note_id: &str,
    owner_id: &str,
    body: Option<&str>,
) -> Result<bool, Error> {
    let (note_id, owner_id, body) = (
        note_id.to_owned(),
        owner_id.to_owned(),
        body.map(str::to_owned),
    );
    let not_held = "meeting_id IN (SELECT id FROM meetings WHERE done_at IS NULL)";
    let (update, delete) = (
        format!(
            "UPDATE meeting_notes SET body = $1 WHERE id = $2 AND owner_id = $3 AND {not_held}"
        ),
        format!("DELETE FROM meeting_notes WHERE id = $1 AND owner_id = $2 AND {not_held}"),
    );
    let done = db
        .write(move |c| match &body {
            Some(body) => c.execute(&update, params![body, &note_id, &owner_id]),
            None => c.execute(&delete, params![&note_id, &owner_id]),
        })
        .await?;
    Ok(done == 1)
}
