//! The affection log: one tap records a moment of touch for the couple's day (never
//! whose tap it was, so nothing can be compared); days in a row and a gentle week
//! picture; each person's wishes ("I'd love more hugs"), private until they share them.
//! Someone who has said privately that they feel afraid is not nudged towards any of
//! it (the page says so and points to the safety page instead).

use std::collections::{BTreeMap, BTreeSet};

use jiff::ToSpan as _;
use jiff::civil::Date;
use rekindle_core::affection::{self, Day, Kind};

use crate::db::Db;
use crate::db::affection as store;
use crate::db::keys::place;
use crate::error::AppError;
use crate::features::Member;
use crate::features::text::line;
use crate::vault::open_own;

/// The longest wish, in characters.
pub const WISH_MAX_CHARS: usize = 200;
/// How many wishes a person keeps.
pub const WISHES_MAX: i64 = 20;
/// How far back days in a row are counted.
const LOOK_BACK_DAYS: i64 = 400;

/// A wish as the viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WishView {
    pub id: String,
    pub mine: bool,
    pub name: String,
    pub body: String,
    pub shared: bool,
}

/// The log as the couple sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogView {
    pub today: Date,
    pub today_kinds: Vec<Kind>,
    pub days_in_a_row: u32,
    pub week: Vec<Day>,
    pub week_words: String,
    pub wishes: Vec<WishView>,
}

/// The couple's log and the wishes the viewer may see.
pub async fn log(db: &Db, m: &Member) -> Result<LogView, AppError> {
    let today = m.couple.today(m.now_ms);
    let since = today
        .checked_sub(LOOK_BACK_DAYS.days())
        .unwrap_or(today)
        .to_string();
    let (moments, wishes) = store::log(db, &m.scope(), &m.couple.id, &since).await?;
    let mut by_day: BTreeMap<Date, BTreeSet<Kind>> = BTreeMap::new();
    for (day, kind) in moments {
        if let (Ok(day), Some(kind)) = (day.parse::<Date>(), Kind::parse(&kind)) {
            by_day.entry(day).or_default().insert(kind);
        }
    }
    let days: BTreeSet<Date> = by_day.keys().copied().collect();
    let week = affection::week(&by_day, today);
    Ok(LogView {
        today,
        today_kinds: by_day
            .get(&today)
            .map(|k| k.iter().copied().collect())
            .unwrap_or_default(),
        days_in_a_row: affection::days_in_a_row(&days, today),
        week_words: affection::week_in_words(&week),
        week,
        wishes: wishes
            .into_iter()
            .filter_map(|w| {
                // A private wish is the viewer's own, sealed with their key; one that
                // does not open (locked) is not shown.
                let body = if w.shared {
                    w.body
                } else {
                    let place = place("affection_wishes", &w.id, &m.user.id);
                    open_own(m.key.as_ref(), &place, &w.body).ok()?
                };
                Some(WishView {
                    mine: w.owner_id == m.user.id,
                    name: m.couple.name_of(&w.owner_id),
                    id: w.id,
                    body,
                    shared: w.shared,
                })
            })
            .collect(),
    })
}

fn kind_of(text: &str) -> Result<Kind, AppError> {
    Kind::parse(text.trim()).ok_or_else(|| {
        AppError::field(
            "kind",
            "Choose hug, kiss, holding-hands, cuddle, massage, intimacy or other.",
        )
    })
}

/// Records a moment for today (the couple's day), or takes it back.
pub async fn tap(db: &Db, m: &Member, kind: &str, on: bool) -> Result<(), AppError> {
    let kind = kind_of(kind)?;
    let today = m.couple.today(m.now_ms).to_string();
    store::set_moment(db, &m.scope(), &m.couple.id, &today, kind.as_str(), on).await?;
    Ok(())
}

fn wish_text(body: &str) -> Result<String, AppError> {
    line("body", body, WISH_MAX_CHARS)?
        .ok_or_else(|| AppError::field("body", "Please write your wish."))
}

/// How a wish is stored: plain when shared (the partner reads it), sealed with the
/// owner's key while private.
fn stored_wish(m: &Member, id: &str, body: &str, shared: bool) -> Result<String, AppError> {
    if shared {
        return Ok(body.to_owned());
    }
    let key = crate::auth::keyring::require(m.key.as_ref())?;
    Ok(key.seal(&place("affection_wishes", id, &m.user.id), body))
}

/// Adds a wish (private unless `shared`); its id.
pub async fn add_wish(db: &Db, m: &Member, body: &str, shared: bool) -> Result<String, AppError> {
    let body = wish_text(body)?;
    if store::count_wishes(db, &m.scope(), &m.couple.id).await? >= WISHES_MAX {
        return Err(AppError::Conflict {
            code: "too_many_wishes",
            message: format!("You can keep up to {WISHES_MAX} wishes; change or remove one first."),
        });
    }
    let id = crate::secret::new_id();
    let stored = stored_wish(m, &id, &body, shared)?;
    store::add_wish(db, &m.scope(), &m.couple.id, &id, &stored, shared).await?;
    Ok(id)
}

/// Changes the viewer's own wish.
pub async fn update_wish(
    db: &Db,
    m: &Member,
    id: &str,
    body: &str,
    shared: bool,
) -> Result<(), AppError> {
    let body = wish_text(body)?;
    let stored = stored_wish(m, id, &body, shared)?;
    if store::update_wish(db, &m.scope(), id, &stored, shared).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Removes the viewer's own wish.
pub async fn remove_wish(db: &Db, m: &Member, id: &str) -> Result<(), AppError> {
    if store::remove_wish(db, &m.scope(), id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
