//! Check-ins: one per person per local day. The scores and the appreciation are shared;
//! the note is a separate private item. Every read goes through the visibility rule.

use super::keys::place;
use super::visibility::{Scope, predicate};
use super::{Conn, Db, Error, Row};
use crate::params;
use crate::secret::new_id;
use crate::vault::DataKey;
use rekindle_core::checkin::CheckIn;

/// A check-in as a viewer may see it: `note` is only ever filled for its owner, and
/// comes out of storage sealed with the owner's data key (`features::checkins` opens
/// it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInRow {
    pub id: String,
    pub owner_id: String,
    pub day: String,
    pub closeness: u8,
    pub mood: u8,
    pub felt_heard: u8,
    pub appreciation: Option<String>,
    pub note: Option<String>,
    pub updated_at_ms: i64,
}

/// Writes (or rewrites) the person's check-in for `day`, in their current couple; the
/// private note is sealed with `key` for the check-in's row (its id is known only
/// inside the write).
pub async fn save(
    db: &Db,
    owner_id: &str,
    couple_id: Option<&str>,
    day: &str,
    checkin: &CheckIn,
    key: Option<&DataKey>,
    now: i64,
) -> Result<CheckInRow, Error> {
    let mut row = CheckInRow {
        id: String::new(),
        owner_id: owner_id.to_owned(),
        day: day.to_owned(),
        closeness: checkin.closeness,
        mood: checkin.mood,
        felt_heard: checkin.felt_heard,
        appreciation: checkin.appreciation.clone(),
        note: checkin.note.clone(),
        updated_at_ms: now,
    };
    let couple_id = couple_id.map(str::to_owned);
    let key = key.cloned();
    db.write(move |c| {
        let id: String = c.scalar(
            "INSERT INTO checkins (id, owner_id, couple_id, day, closeness, mood, felt_heard, appreciation, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) \
             ON CONFLICT (owner_id, day) DO UPDATE SET couple_id = excluded.couple_id, closeness = excluded.closeness, \
             mood = excluded.mood, felt_heard = excluded.felt_heard, appreciation = excluded.appreciation, \
             updated_at = excluded.updated_at \
             RETURNING id",
            params![
                new_id(),
                &row.owner_id,
                couple_id.as_deref(),
                &row.day,
                row.closeness,
                row.mood,
                row.felt_heard,
                row.appreciation.as_deref(),
                now
            ],
        )?;
        match (&row.note, &key) {
            (Some(note), Some(key)) => {
                let sealed = key.seal(&place("checkin_notes", &id, &row.owner_id), note);
                c.execute(
                    "INSERT INTO checkin_notes (checkin_id, owner_id, couple_id, body) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (checkin_id) DO UPDATE SET body = excluded.body, couple_id = excluded.couple_id",
                    params![&id, &row.owner_id, couple_id.as_deref(), &sealed],
                )?
            }
            // The caller refuses a note while the key is locked; never stored plain.
            (Some(_), None) => return Err(Error::Locked),
            (None, Some(_)) => {
                c.execute("DELETE FROM checkin_notes WHERE checkin_id = $1", params![&id])?
            }
            // Without the key a stored note cannot be seen, so it is left as it is.
            (None, None) => 0,
        };
        row.id = id;
        Ok(row)
    })
    .await
}

/// The columns [`read_row`] expects, for a check-in `c` joined with its note `n`.
pub(super) const ROW_COLUMNS: &str = "c.owner_id, c.day, c.closeness, c.mood, c.felt_heard, \
     c.appreciation, c.updated_at, n.body, c.id";

/// A check-in from the columns of [`ROW_COLUMNS`], starting at column `at`.
pub(super) fn read_row(r: &Row<'_>, at: usize) -> Result<CheckInRow, Error> {
    Ok(CheckInRow {
        owner_id: r.get(at)?,
        day: r.get(at + 1)?,
        closeness: r.get(at + 2)?,
        mood: r.get(at + 3)?,
        felt_heard: r.get(at + 4)?,
        appreciation: r.get(at + 5)?,
        updated_at_ms: r.get(at + 6)?,
        note: r.get(at + 7)?,
        id: r.get(at + 8)?,
    })
}

/// The check-ins of `owner_id` from `from` to `to` (local days, both included) that the
/// scope's viewer may see, oldest first. Bounded by the day range and the
/// `(owner_id, day)` index.
pub async fn list(
    db: &Db,
    scope: &Scope,
    owner_id: &str,
    from: &str,
    to: &str,
) -> Result<Vec<CheckInRow>, Error> {
    let sql = format!(
        "SELECT {ROW_COLUMNS} \
         FROM checkins c LEFT JOIN checkin_notes n ON n.checkin_id = c.id AND {} \
         WHERE {} AND c.owner_id = $4 AND c.day >= $5 AND c.day <= $6 ORDER BY c.day",
        predicate("n", 1),
        predicate("c", 1)
    );
    let (scope, owner_id, from, to) = (
        scope.clone(),
        owner_id.to_owned(),
        from.to_owned(),
        to.to_owned(),
    );
    db.read(move |c| {
        c.query(&sql, &scope.with(params![&owner_id, &from, &to]), |r| {
            read_row(r, 0)
        })
    })
    .await
}

/// Just the days (no content) of the viewer's own check-ins, for counting streaks over
/// long spans cheaply: the owner is always the scope's viewer, whom the visibility rule
/// always lets see their own rows, so the `(owner_id, day)` index answers it alone.
pub async fn own_days(db: &Db, scope: &Scope, from: &str, to: &str) -> Result<Vec<String>, Error> {
    let (viewer, from, to) = (scope.viewer_id.clone(), from.to_owned(), to.to_owned());
    db.read(move |c| {
        c.query(
            "SELECT c.day FROM checkins c WHERE c.owner_id = $1 AND c.day >= $2 AND c.day <= $3",
            params![&viewer, &from, &to],
            |r| r.get(0),
        )
    })
    .await
}

/// Whether the viewer has checked in on a day (the check-in reminder's test: no
/// reminder once it is done).
pub fn has_day(c: &mut Conn, scope: &Scope, day: &str) -> Result<bool, Error> {
    let sql = format!(
        "SELECT c.day FROM checkins c WHERE c.owner_id = $1 AND c.day = $4 AND {}",
        predicate("c", 1)
    );
    let found: Option<String> = c.query_opt(&sql, &scope.with(&[day.into()]), |r| r.get(0))?;
    Ok(found.is_some())
}
