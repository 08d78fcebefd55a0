//! Love notes: write one (the page offers the coach's hint), send it now, at a chosen
//! moment, or as a surprise at a moment the server picks inside a window and keeps
//! hidden — from the recipient and the sender alike. Until its moment a note does not
//! exist for the recipient: no preview, no count, no badge (PRIVACY.md, promise 5).
//! The sender may cancel it until then. The recipient may heart it (the sender sees
//! that) and keep it among their favourites (theirs alone).

use crate::db::Db;
use crate::db::notes::{self as store, Cancelled, Folder, NewNote, Note, Timing};
use crate::error::AppError;
use crate::features::Member;
use crate::features::dates::when_words;

/// The longest note, in characters.
pub const NOTE_MAX_CHARS: usize = 2000;
/// How far ahead a note may be sent.
pub const FURTHEST_MS: i64 = 366 * 24 * 60 * 60 * 1000;
/// The narrowest surprise window (a surprise needs some room).
pub const NARROWEST_WINDOW_MS: i64 = 10 * 60 * 1000;
/// How many notes an API list gives.
pub const SHOWN: i64 = 200;
/// How many notes a page shows at a time.
pub const PAGE: i64 = 20;
/// A moment this close to now counts as "now" (clocks differ a little).
const SLACK_MS: i64 = 60_000;

/// When a note is to arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Now,
    At(i64),
    Surprise { from: i64, to: i64 },
}

/// A note as the viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteView {
    pub id: String,
    pub from_me: bool,
    /// Who wrote it.
    pub from_name: String,
    pub body: String,
    /// Delivered (for the sender; every note the recipient sees is).
    pub delivered: bool,
    /// `now`, `at` or `surprise`.
    pub timing: &'static str,
    /// The delivery moment, once it may be told: always to the recipient, and to the
    /// sender except for a surprise still to come.
    pub delivered_at_ms: Option<i64>,
    /// The surprise window, to the sender.
    pub window: Option<(i64, i64)>,
    /// When, in words, in the viewer's zone.
    pub when: String,
    pub hearted: bool,
    pub favourite: bool,
}

/// Checks and sends a note to the partner; its id.
pub async fn send(db: &Db, m: &Member, body: &str, when: When) -> Result<String, AppError> {
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::field("body", "Please write a few words."));
    }
    if body.chars().count() > NOTE_MAX_CHARS {
        return Err(AppError::field(
            "body",
            format!("Please keep a note to {NOTE_MAX_CHARS} characters."),
        ));
    }
    let Some(partner) = m.couple.members.iter().find(|p| p.id != m.user.id) else {
        return Err(AppError::Conflict {
            code: "no_partner",
            message: "Notes go to your partner once they have joined.".into(),
        });
    };
    let now = m.now_ms;
    let check_ahead = |field: &str, at: i64| {
        if at < now - SLACK_MS {
            Err(AppError::field(
                field,
                "Please choose a moment still to come.",
            ))
        } else if at > now + FURTHEST_MS {
            Err(AppError::field(
                field,
                "Please choose a moment within a year.",
            ))
        } else {
            Ok(at.max(now))
        }
    };
    let (timing, deliver_at, window) = match when {
        When::Now => (Timing::Now, now, None),
        When::At(at) => (Timing::At, check_ahead("deliver_at", at)?, None),
        When::Surprise { from, to } => {
            let from = check_ahead("surprise_window", from)?;
            let to = check_ahead("surprise_window", to)?;
            if to - from < NARROWEST_WINDOW_MS {
                return Err(AppError::field(
                    "surprise_window",
                    "Please give the surprise a window of at least ten minutes, ending after it starts.",
                ));
            }
            let moment =
                rekindle_core::timing::surprise_moment(from, to, crate::secret::random_u64());
            (Timing::Surprise, moment.max(now), Some((from, to)))
        }
    };
    let note = NewNote {
        couple_id: m.couple.id.clone(),
        sender_id: m.user.id.clone(),
        recipient_id: partner.id.clone(),
        body: body.to_owned(),
        timing,
        deliver_at,
        window,
    };
    Ok(store::send(db, note, now).await?)
}

fn view(m: &Member, n: Note) -> NoteView {
    let from_me = n.sender_id == m.user.id;
    let delivered = n.deliver_at <= m.now_ms;
    let zone = &m.user.timezone;
    let today = rekindle_core::schedule::local_day_in(zone, m.now_ms);
    let words = |ms| when_words(ms, zone, today);
    let hidden = from_me && !delivered && n.timing == Timing::Surprise;
    let when = match (from_me, delivered, n.window) {
        (true, false, Some((from, to))) if hidden => {
            format!(
                "A surprise, some time between {} and {}",
                words(from),
                words(to)
            )
        }
        (true, false, _) => format!("Arrives {}", words(n.deliver_at)),
        (true, true, _) => format!("Arrived {}", words(n.deliver_at)),
        (false, _, _) => words(n.deliver_at),
    };
    let from_name = m
        .couple
        .members
        .iter()
        .find(|p| p.id == n.sender_id)
        .map_or_else(|| "Your partner".to_owned(), |p| p.display_name.clone());
    NoteView {
        from_me,
        from_name,
        delivered,
        timing: n.timing.as_str(),
        delivered_at_ms: (!hidden).then_some(n.deliver_at),
        window: if from_me { n.window } else { None },
        when,
        hearted: n.hearted,
        favourite: n.favourite,
        id: n.id,
        body: n.body,
    }
}

/// Which part of a list: `(how many, how many to skip)`; the API's is `(SHOWN, 0)`.
pub type Window = (i64, i64);

/// The first `count` notes of page `page` (from 1), asking for one more to tell
/// whether another page follows.
pub fn page_window(page: i64) -> Window {
    (PAGE + 1, (page.max(1) - 1) * PAGE)
}

/// Notes delivered to the viewer, newest first (or only their favourites).
pub async fn inbox(
    db: &Db,
    m: &Member,
    favourites_only: bool,
    (limit, offset): Window,
) -> Result<Vec<NoteView>, AppError> {
    let folder = Folder::Inbox { favourites_only };
    let notes = store::list(db, &m.scope(), folder, limit, offset).await?;
    Ok(notes.into_iter().map(|n| view(m, n)).collect())
}

/// Notes the viewer wrote, newest first, delivered or not.
pub async fn sent(db: &Db, m: &Member, (limit, offset): Window) -> Result<Vec<NoteView>, AppError> {
    let notes = store::list(db, &m.scope(), Folder::Sent, limit, offset).await?;
    Ok(notes.into_iter().map(|n| view(m, n)).collect())
}

/// Cancels the viewer's own note before it arrives.
pub async fn cancel(db: &Db, m: &Member, id: &str) -> Result<(), AppError> {
    match store::cancel(db, &m.scope(), id).await? {
        Cancelled::Done => Ok(()),
        Cancelled::NotFound => Err(AppError::NotFound),
        Cancelled::TooLate => Err(AppError::Conflict {
            code: "already_delivered",
            message: "This note has already arrived, so it stays.".into(),
        }),
    }
}

/// A heart or a favourite on a note delivered to the viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Heart,
    Favourite,
}

/// Puts a mark on a note delivered to the viewer, or takes it off.
pub async fn mark(db: &Db, m: &Member, id: &str, mark: Mark, on: bool) -> Result<(), AppError> {
    let kind = match mark {
        Mark::Heart => "heart",
        Mark::Favourite => "favourite",
    };
    if store::mark(db, &m.scope(), id, kind, on).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
