//! Dates, traditions and new adventures, shared by the pages and the API: the idea
//! library and the couple's own ideas with private votes and shared matches
//! ([`ideas`]), planned dates with private ratings and shared memories ([`plans`]),
//! traditions ([`traditions`]), the recommender's suggestions ([`overview`]) and the
//! calendars ([`calendar`]). Everything a page shows comes from one read of the
//! couple's board (`db::dates::board`), so a page costs a fixed number of statements
//! however many ideas, votes and dates there are.

pub mod calendar;
pub mod ideas;
pub mod overview;
pub mod plans;
pub mod traditions;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use rekindle_core::content::date_ideas::{Cost, Season, Setting};
use rekindle_core::dates::{Constraints, Hemisphere, season_of};

use crate::db::dates::{self as store, Board};
use crate::error::AppError;
use crate::features::Member;
pub(crate) use crate::features::text::{line, title};

pub use ideas::IdeaView;
pub use plans::{DateView, MemoryView};
pub use traditions::TraditionView;

pub use crate::features::text::TITLE_MAX_CHARS;
/// Longest place, in characters.
pub const PLACE_MAX_CHARS: usize = 200;
/// Longest "how" of an idea, in characters.
pub const HOW_MAX_CHARS: usize = 400;
/// Longest memory of a date, in characters.
pub const MEMORY_MAX_CHARS: usize = 2_000;

/// Reads the couple's board for this member.
pub(crate) async fn board(db: &crate::db::Db, m: &Member) -> Result<Board, crate::db::Error> {
    let partner = m.couple.partner_of(&m.user.id).map(|p| p.id.as_str());
    store::board(db, &m.scope(), &m.couple.id, partner).await
}

/// What the couple can do this time, as typed into the suggestions form (each empty
/// for "any").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wishes {
    /// `free`, `low`, `medium` or `high`: the most it may cost.
    pub budget: String,
    /// The most minutes there are.
    pub minutes: String,
    /// `home` or `out`.
    pub setting: String,
}

impl Wishes {
    /// Whether any wish narrows the suggestions.
    pub fn is_set(&self) -> bool {
        [&self.budget, &self.minutes, &self.setting]
            .iter()
            .any(|w| !w.trim().is_empty() && w.trim() != "any")
    }

    /// The recommender's constraints for these wishes, in `season`.
    pub fn constraints(&self, season: Season) -> Result<Constraints, AppError> {
        let budget =
            match self.budget.trim() {
                "" | "any" => None,
                b => Some(Cost::parse(b).ok_or_else(|| {
                    AppError::field("budget", "Choose free, low, medium or high.")
                })?),
            };
        let minutes = match self.minutes.trim() {
            "" | "any" => None,
            m => Some(
                m.parse::<u32>()
                    .ok()
                    .filter(|m| (15..=10_080).contains(m))
                    .ok_or_else(|| {
                        AppError::field("minutes", "Give the time you have in minutes, 15 or more.")
                    })?,
            ),
        };
        let setting = match self.setting.trim() {
            "" | "any" => None,
            s => Some(
                Setting::parse(s)
                    .ok_or_else(|| AppError::field("setting", "Choose home or out."))?,
            ),
        };
        Ok(Constraints {
            max_cost: budget,
            max_minutes: minutes,
            setting,
            season,
        })
    }
}

/// The season today where the couple lives.
pub fn season_now(m: &Member) -> Season {
    season_of(
        m.couple.today(m.now_ms),
        Hemisphere::of_zone(&m.couple.timezone),
    )
}

/// An instant in a person's words, in their zone: "Saturday 5 December, 19:30" (with
/// "Today" and "Tomorrow" for the nearest days).
pub fn when_words(ms: i64, zone: &str, today: jiff::civil::Date) -> String {
    let Ok(ts) = Timestamp::from_millisecond(ms) else {
        return String::new();
    };
    let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    let local = ts.to_zoned(tz);
    let day = if today.tomorrow().ok() == Some(local.date()) {
        "Tomorrow".to_owned()
    } else {
        rekindle_core::words::day(local.date(), today)
    };
    format!("{day}, {}", local.strftime("%H:%M"))
}

/// The seat (0 or 1) of a member in their couple.
pub(crate) fn seat_of(m: &Member, user_id: &str) -> usize {
    m.couple
        .members
        .iter()
        .position(|x| x.id == user_id)
        .unwrap_or(0)
}

pub use overview::Overview;

/// The dates page: suggestions for these wishes, what is coming up, what is waiting
/// for the viewer's rating, matches, ideas to vote on and the traditions.
pub async fn overview(
    db: &crate::db::Db,
    m: &Member,
    wishes: &Wishes,
) -> Result<Overview, AppError> {
    let constraints = wishes.constraints(season_now(m))?;
    let board = board(db, m).await?;
    Ok(overview::overview(m, &board, constraints))
}

/// What the home page shows: the next dates (within [`HOME_DAYS`] days) and at most one
/// gentle tradition suggestion.
#[derive(Debug, Clone, Default)]
pub struct HomeDates {
    pub upcoming: Vec<DateView>,
    pub tradition: Option<TraditionView>,
}

/// How far ahead the home page looks for dates.
pub const HOME_DAYS: i64 = 14;

/// The home page's dates, in one trip to the database.
pub async fn home(db: &crate::db::Db, m: &Member) -> Result<HomeDates, crate::db::Error> {
    const DAY_MS: i64 = 24 * 60 * 60 * 1000;
    // A date that began in the last few hours is still "tonight".
    let from = m.now_ms - 3 * 60 * 60 * 1000;
    let (dates, rows) = store::home(
        db,
        &m.scope(),
        &m.couple.id,
        from,
        m.now_ms + HOME_DAYS * DAY_MS,
    )
    .await?;
    let all = traditions::views(m, &rows);
    Ok(HomeDates {
        upcoming: dates.iter().map(|d| plans::view(m, d, None, &[])).collect(),
        tradition: traditions::to_suggest(m, &all),
    })
}

/// The recommender's first suggestion for the default wishes (for the drift step).
pub async fn first_suggestion(
    db: &crate::db::Db,
    m: &Member,
) -> Result<Option<overview::SuggestionView>, AppError> {
    let o = overview(db, m, &Wishes::default()).await?;
    Ok(o.suggestions.into_iter().next())
}
