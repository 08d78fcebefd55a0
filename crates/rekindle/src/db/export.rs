//! Reading everything a person wrote and may see, for their export (PRIVACY.md,
//! promise 6): every row of every content table that the visibility rule lets them
//! see — all of their own from every couple, and what the partner shared in the
//! current one — plus their own account rows. Whole rows, column by column, so a
//! table added later is exported without code here (a test checks the list against
//! the migrations).

use super::visibility::{Scope, predicate};
use super::{Cell, Db, Error};
use crate::params;

/// Every table with a `visibility` column, in the order of the migrations.
pub const CONTENT_TABLES: &[&str] = &[
    "checkins",
    "checkin_notes",
    "meeting_notes",
    "answers",
    "answer_replies",
    "answer_hearts",
    "love_map_entries",
    "love_map_marks",
    "listening_sessions",
    "listening_moves",
    "listening_ratings",
    "listening_notes",
    "meeting_confirmations",
    "date_ideas",
    "date_votes",
    "traditions",
    "planned_dates",
    "date_ratings",
    "date_memories",
    "fair_splits",
    "fair_split_points",
    "compromise_topics",
    "compromise_stances",
    "compromise_options",
    "compromise_ratings",
    "compromise_reviews",
    "safety_flags",
    "affection_moments",
    "affection_wishes",
    "mutual_answers",
    "mutual_settings",
    "love_notes",
    "love_note_marks",
    "partner_loves",
    "journal_entries",
    "journal_excerpts",
    "reports",
    "report_redactions",
    "report_approvals",
];

/// One row: its columns' names and values.
pub type Record = Vec<(String, Cell)>;

fn records(
    c: &mut super::Conn,
    sql: &str,
    params: &[super::Value<'_>],
) -> Result<Vec<Record>, Error> {
    c.query(sql, params, |r| {
        r.column_names()
            .into_iter()
            .enumerate()
            .map(|(i, name)| Ok((name, r.get::<Cell>(i)?)))
            .collect()
    })
}

/// What the export reads.
#[derive(Debug, Default)]
pub struct Rows {
    /// The person's own row, without the password hash.
    pub account: Vec<Record>,
    /// Their couple memberships, with each couple's start and end.
    pub memberships: Vec<Record>,
    pub reminders: Vec<Record>,
    pub notifications: Vec<Record>,
    /// For each content table, the rows the person may see.
    pub content: Vec<(&'static str, Vec<Record>)>,
}

/// Everything for the scope's viewer, in one read transaction's worth of statements.
pub async fn rows(db: &Db, scope: &Scope) -> Result<Rows, Error> {
    let scope = scope.clone();
    db.read_bulk(move |c| {
        let me = params![&scope.viewer_id];
        let mut out = Rows {
            account: records(
                c,
                "SELECT id, email, display_name, timezone, created_at FROM users WHERE id = $1",
                me,
            )?,
            memberships: records(
                c,
                "SELECT m.couple_id, m.seat, m.joined_at, m.left_at, c.timezone, c.created_at, \
                 c.ended_at FROM couple_members m JOIN couples c ON c.id = m.couple_id \
                 WHERE m.user_id = $1 ORDER BY m.joined_at",
                me,
            )?,
            reminders: records(c, "SELECT * FROM reminder_settings WHERE user_id = $1", me)?,
            notifications: records(
                c,
                "SELECT id, kind, subject_id, created_at, read_at FROM notifications \
                 WHERE user_id = $1 ORDER BY created_at",
                me,
            )?,
            content: Vec::new(),
        };
        for table in CONTENT_TABLES {
            let sql = format!("SELECT t.* FROM {table} t WHERE {}", predicate("t", 1));
            out.content
                .push((table, records(c, &sql, &scope.with(&[]))?));
        }
        Ok(out)
    })
    .await
}
