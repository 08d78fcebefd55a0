//! The couple's planned dates as iCalendar: for the API (`GET /api/v1/calendar.ics`),
//! one date as a download, and each person's private subscription feed
//! (`/calendar/{token}.ics`), whose token is shown once, stored only as a hash, and
//! can be revoked or replaced at any time.

use rekindle_core::calendar::{Event, calendar};

use super::plans::{self, DateView};
use crate::db::Db;
use crate::db::dates::{feeds, plans as store};
use crate::error::AppError;
use crate::features::Member;
use crate::secret::{hash_token, new_token};

/// Dates shown in a calendar start no earlier than this long ago.
const CALENDAR_PAST_MS: i64 = 180 * 24 * 60 * 60 * 1000;
/// The most dates one calendar holds.
const CALENDAR_MAX: i64 = 1_000;
/// What calendar apps call the calendar.
const CALENDAR_NAME: &str = "Our dates (Rekindle)";

fn description(d: &DateView) -> String {
    let mut lines = vec![format!("{}.", d.planner.words())];
    if d.phones_away {
        lines.push("Phones away: you've both agreed to put them aside.".to_owned());
    }
    lines.join("\n")
}

fn render(dates: &[DateView], now_ms: i64) -> String {
    let texts: Vec<(String, String)> = dates
        .iter()
        .map(|d| (format!("{}@rekindle", d.id), description(d)))
        .collect();
    let list: Vec<Event<'_>> = dates
        .iter()
        .zip(&texts)
        .map(|(d, (uid, text))| Event {
            uid,
            sequence: d.sequence,
            starts_ms: d.starts_ms,
            ends_ms: d.ends_ms,
            summary: &d.title,
            location: d.place.as_deref(),
            description: Some(text),
            cancelled: d.cancelled,
            changed_ms: d.changed_ms,
        })
        .collect();
    calendar(CALENDAR_NAME, &list, now_ms)
}

/// The couple's calendar as this member sees it.
pub async fn for_member(db: &Db, m: &Member) -> Result<String, AppError> {
    let rows = store::for_calendar(
        db,
        &m.scope(),
        &m.couple.id,
        m.now_ms - CALENDAR_PAST_MS,
        CALENDAR_MAX,
    )
    .await?;
    let views: Vec<DateView> = rows.iter().map(|d| plans::view(m, d, None, &[])).collect();
    Ok(render(&views, m.now_ms))
}

/// One date as a calendar of its own.
pub async fn one(db: &Db, m: &Member, id: &str) -> Result<String, AppError> {
    let date = plans::read(db, m, id).await?;
    Ok(render(std::slice::from_ref(&date), m.now_ms))
}

/// The calendar behind a feed token; not found for an unknown or revoked token. A
/// person no longer in a couple gets an empty calendar.
pub async fn for_feed(db: &Db, token: &str, now_ms: i64) -> Result<String, AppError> {
    if !crate::secret::looks_like_token(token) {
        return Err(AppError::NotFound);
    }
    let (user, couple) = feeds::owner(db, &hash_token(token))
        .await?
        .ok_or(AppError::NotFound)?;
    match couple {
        Some(couple) => {
            let m = Member {
                user,
                couple,
                now_ms,
                // A calendar feed never needs private prose.
                key: None,
            };
            for_member(db, &m).await
        }
        None => Ok(render(&[], now_ms)),
    }
}

/// Makes (or replaces) the person's feed; returns the new token, shown once.
pub async fn new_feed(db: &Db, user_id: &str, now_ms: i64) -> Result<String, AppError> {
    let token = new_token();
    feeds::replace(db, user_id, &hash_token(&token), now_ms).await?;
    Ok(token)
}

/// Revokes the person's feed (nothing to do when there is none).
pub async fn revoke_feed(db: &Db, user_id: &str) -> Result<(), AppError> {
    feeds::revoke(db, user_id).await?;
    Ok(())
}

/// When the person's current feed was made, if they have one.
pub async fn feed_since(db: &Db, user_id: &str) -> Result<Option<i64>, AppError> {
    Ok(feeds::created_at(db, user_id).await?)
}

/// The feed's address for a token, on this server.
pub fn feed_path(token: &str) -> String {
    format!("/calendar/{token}.ics")
}
