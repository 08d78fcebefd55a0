//! The notification centre: a person's own notifications in words, and their reminder
//! choices. Words are chosen here from a notification's kind — never from content — so
//! the app, the API and e-mail all say only "You have a new note" (PRIVACY.md,
//! promise 7).

use crate::db::notifications::{self as store, Notification};
use crate::db::reminders::{self, Settings};
use crate::db::{Db, Error};

/// How many notifications the centre shows.
pub const SHOWN: i64 = 50;

/// What a notification says, and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub title: &'static str,
    pub line: &'static str,
    pub link: String,
}

/// The words for a kind of notification (also the e-mail's subject and line).
pub fn words(kind: &str, subject_id: Option<&str>) -> Words {
    let subject = subject_id.unwrap_or_default();
    match kind {
        "note" => Words {
            title: "You have a new note",
            line: "A note is waiting for you in Rekindle.",
            link: "/notes".into(),
        },
        "checkin" => Words {
            title: "Today's check-in",
            line: "A moment for today's check-in, whenever you're ready.",
            link: "/checkin".into(),
        },
        "date" => Words {
            title: "A date is coming up",
            line: "You have a date in about two hours.",
            link: format!("/dates/{subject}"),
        },
        "excerpt" => Words {
            title: "Something shared with you",
            line: "Your partner shared a few lines from their journal with you.",
            link: "/journal/shared".into(),
        },
        "kindness" => Words {
            title: "A small kind idea for today",
            line: "An idea for something kind is waiting in Rekindle.",
            link: format!("/gestures#g-{subject}"),
        },
        _ => Words {
            title: "Something new",
            line: "Something new is waiting in Rekindle.",
            link: "/".into(),
        },
    }
}

/// A local time from `HH:MM` (a reminder's, quiet hours'), or a 422 on `field`.
pub fn time_of_day(field: &str, text: &str) -> Result<jiff::civil::Time, crate::error::AppError> {
    rekindle_core::timing::parse_hhmm(text)
        .ok_or_else(|| crate::error::AppError::field(field, "Give a time as HH:MM, such as 08:30."))
}

/// A person's latest notifications.
pub async fn latest(db: &Db, user_id: &str) -> Result<Vec<Notification>, Error> {
    store::latest(db, user_id, SHOWN).await
}

/// Marks them all read.
pub async fn mark_read(db: &Db, user_id: &str, now: i64) -> Result<(), Error> {
    store::mark_all_read(db, user_id, now).await
}

/// A person's reminder choices.
pub async fn settings(db: &Db, user_id: &str) -> Result<Settings, Error> {
    reminders::get(db, user_id).await
}

/// Saves them and re-plans at once.
pub async fn save_settings(db: &Db, user_id: &str, s: Settings, now: i64) -> Result<(), Error> {
    reminders::set(db, user_id, s, now).await
}
