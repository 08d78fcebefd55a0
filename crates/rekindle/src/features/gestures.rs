//! Gestures: the library of small kind things (one suggested for today, the same all
//! day), and each person's private list of things their partner loves, for gift
//! ideas. The opt-in "do something kind today" nudges are planned from the reminder
//! settings (`db/reminders.rs`) and sent by the worker.

use rekindle_core::content::gestures::{self as library, Gesture};

use crate::db::Db;
use crate::db::gestures::{self as store, Love};
use crate::db::keys::place;
use crate::error::AppError;
use crate::features::Member;
use crate::features::text::line;
use crate::vault::open_own;

/// The longest entry, in characters.
pub const LOVE_MAX_CHARS: usize = 200;
/// How many entries a list keeps.
pub const LOVES_MAX: usize = 100;

/// Today's suggestion for a person: the same all day, another tomorrow.
pub fn for_today(m: &Member) -> &'static Gesture {
    let day = rekindle_core::schedule::local_day_in(&m.user.timezone, m.now_ms).to_string();
    library::pick(rekindle_core::question::stable_hash(&[
        m.user.id.as_bytes(),
        day.as_bytes(),
    ]))
}

/// The viewer's private list, opened with their key (an entry that does not open is
/// left out; while locked the list is empty and cannot grow).
pub async fn loves(db: &Db, m: &Member) -> Result<Vec<Love>, AppError> {
    let sealed = store::loves(db, &m.scope()).await?;
    Ok(sealed
        .into_iter()
        .filter_map(|love| {
            let place = place("partner_loves", &love.id, &m.user.id);
            let body = open_own(m.key.as_ref(), &place, &love.body).ok()?;
            Some(Love { body, ..love })
        })
        .collect())
}

/// Adds to it; the new entry's id.
pub async fn add_love(db: &Db, m: &Member, body: &str) -> Result<String, AppError> {
    let body = line("body", body, LOVE_MAX_CHARS)?
        .ok_or_else(|| AppError::field("body", "Please write something they love."))?;
    if store::count(db, &m.scope()).await? >= LOVES_MAX {
        return Err(AppError::Conflict {
            code: "list_full",
            message: format!("The list keeps up to {LOVES_MAX}; remove one first."),
        });
    }
    let key = crate::auth::keyring::require(m.key.as_ref())?;
    let id = crate::secret::new_id();
    let sealed = key.seal(&place("partner_loves", &id, &m.user.id), &body);
    store::add(db, &m.scope(), &m.couple.id, &id, &sealed).await?;
    Ok(id)
}

/// Removes one of the viewer's own.
pub async fn remove_love(db: &Db, m: &Member, id: &str) -> Result<(), AppError> {
    if store::remove(db, &m.scope(), id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
