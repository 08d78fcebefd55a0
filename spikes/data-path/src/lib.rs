//! Issue 9, part 1: everything the home page reads for one viewer, through several data
//! paths, so they can be measured against each other on the same seeded database.
//!
//! Every variant returns the same [`HomeData`] (rows only, nothing rendered); a test
//! checks that they agree. The SQL is the app's own (crates/rekindle/src/db), copied
//! here, and every content read keeps the visibility predicate.
//!
//! - [`any_sqlx::load_today`] (a0): sqlx `AnyPool`, the app's statements as they are.
//! - [`any_sqlx::load_fewest`] (a1): sqlx `AnyPool`, the fewest statements ([`sql`]).
//! - [`lite::load`] (b): rusqlite, the same fewest statements, cached prepared
//!   statements, on a small pool of connections used through `spawn_blocking`.
//! - [`dsl::load`] (c): diesel's `SqliteConnection`, `sql_query` with the same SQL.
//! - [`pg::load`]: tokio-postgres, the same fewest statements, prepared once.

pub mod any_sqlx;
pub mod blocking;
#[cfg(feature = "diesel")]
pub mod dsl;
pub mod fixture;
#[cfg(feature = "rusqlite")]
pub mod lite;
#[cfg(feature = "tokio-postgres")]
pub mod pg;
pub mod sql;

use std::collections::BTreeSet;

use jiff::ToSpan as _;
use jiff::civil::Date;
use rekindle_core::checkin::streak::current_streak;

/// The person behind the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub timezone: String,
}

/// The viewer's current couple (as `db::couples::current_for` returns it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Couple {
    pub id: String,
    pub timezone: String,
    pub meeting_weekday: i64,
    /// (id, display name) in seat order.
    pub members: Vec<(String, String)>,
    pub formed_at_ms: Option<i64>,
}

/// A check-in as the viewer may see it (`db::checkins::CheckInRow`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIn {
    pub owner_id: String,
    pub day: String,
    pub closeness: i64,
    pub mood: i64,
    pub felt_heard: i64,
    pub appreciation: Option<String>,
    pub note: Option<String>,
    pub updated_at_ms: i64,
}

/// Today's question with what the viewer may see of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub prompt_id: String,
    /// (owner id, body, updated at), oldest first.
    pub answers: Vec<(String, String, i64)>,
    /// Only read once both have answered: (owner id, body).
    pub replies: Vec<(String, String)>,
    pub hearts: Vec<String>,
}

/// Every row the home page needs for one viewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HomeData {
    pub session_id: String,
    pub user: User,
    pub couple: Option<Couple>,
    pub mine: Vec<CheckIn>,
    pub theirs: Vec<CheckIn>,
    pub my_ratings: Vec<(String, i64)>,
    pub their_ratings: Vec<(String, i64)>,
    pub last_shared: Option<String>,
    /// Only read when the streak reaches back past the days read (as the app does).
    pub streak_days: Option<Vec<String>>,
    pub question: Option<Question>,
}

impl HomeData {
    /// How many rows came back, to say what a view reads.
    pub fn rows(&self) -> usize {
        self.mine.len()
            + self.theirs.len()
            + self.my_ratings.len()
            + self.their_ratings.len()
            + self.question.as_ref().map_or(0, |q| q.answers.len())
    }
}

/// The days one view reads, for the 30-day range (as `dashboard::load` computes them).
#[derive(Debug, Clone)]
pub struct Days {
    pub today: Date,
    pub hist_from: String,
    pub to: String,
    pub partner_to: String,
    /// From when `last_shared_day` looks.
    pub since: String,
}

pub const RANGE_DAYS: i32 = 30;
const ROLLING_DAYS: i32 = 7;
const DRIFT_DAYS: i32 = 35;
const STREAK_DAYS: i32 = 365;
/// Sessions are touched at most this often (`db::sessions`).
pub const TOUCH_EVERY_MS: i64 = 5 * 60 * 1000;
pub const IDLE_LIFETIME_MS: i64 = 30 * 24 * 60 * 60 * 1000;

fn days_before(day: Date, n: i32) -> Date {
    day.checked_sub(n.days()).unwrap_or(Date::MIN)
}

impl Days {
    pub fn for_user(user: &User, now_ms: i64) -> Self {
        let today = rekindle_core::schedule::local_day_in(&user.timezone, now_ms);
        let window = (RANGE_DAYS + ROLLING_DAYS - 1).max(DRIFT_DAYS);
        Self {
            today,
            hist_from: days_before(today, window).to_string(),
            to: today.to_string(),
            partner_to: today.checked_add(1.day()).unwrap_or(today).to_string(),
            since: days_before(today, rekindle_core::checkin::drift::QUIET_DAYS + 1).to_string(),
        }
    }

    /// When the streak over `mine` reaches back past the days read, the range the app
    /// reads again (day only): `Some((from, to))`.
    pub fn streak_reread(&self, mine: &[CheckIn]) -> Option<(String, String)> {
        let days: BTreeSet<Date> = mine
            .iter()
            .filter_map(|c| rekindle_core::checkin::parse_day(&c.day))
            .collect();
        let streak = current_streak(&days, self.today);
        let read_from = rekindle_core::checkin::parse_day(&self.hist_from)?;
        let reaches =
            days_before(self.today, i32::try_from(streak).unwrap_or(i32::MAX)) <= read_from;
        reaches.then(|| {
            (
                days_before(self.today, STREAK_DAYS).to_string(),
                self.to.clone(),
            )
        })
    }
}

/// The couple's day (the question's day), as `Couple::today`.
pub fn couple_day(couple: &Couple, now_ms: i64) -> String {
    rekindle_core::schedule::local_day_in(&couple.timezone, now_ms).to_string()
}

/// SHA-256 hex of a token, as `secret::hash_token`.
pub fn hash_token(token: &str) -> String {
    use sha2::{Digest as _, Sha256};
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Builds the couple from the (id, name, joined at) rows in seat order.
pub fn couple_from(
    id: String,
    timezone: String,
    meeting_weekday: i64,
    members: Vec<(String, String, i64)>,
) -> Couple {
    let formed = members
        .iter()
        .map(|m| m.2)
        .max()
        .filter(|_| members.len() == 2);
    Couple {
        id,
        timezone,
        meeting_weekday,
        members: members.into_iter().map(|(i, n, _)| (i, n)).collect(),
        formed_at_ms: formed,
    }
}

impl Couple {
    pub fn partner_of(&self, user_id: &str) -> Option<&str> {
        self.members
            .iter()
            .find(|m| m.0 != user_id)
            .map(|m| m.0.as_str())
    }
}

/// One row of the fewest-statements content query ([`sql::CONTENT`]).
#[derive(Debug, Clone)]
pub struct ContentRow {
    pub kind: String,
    pub owner_id: Option<String>,
    pub day: Option<String>,
    pub closeness: Option<i64>,
    pub mood: Option<i64>,
    pub felt_heard: Option<i64>,
    pub appreciation: Option<String>,
    pub updated_at: Option<i64>,
    pub note: Option<String>,
}

/// Splits the content rows into the dashboard's parts:
/// (mine, theirs, my ratings, their ratings, last shared day).
pub type Split = (
    Vec<CheckIn>,
    Vec<CheckIn>,
    Vec<(String, i64)>,
    Vec<(String, i64)>,
    Option<String>,
);

pub fn split(rows: Vec<ContentRow>, me: &str) -> Split {
    let (mut mine, mut theirs, mut my_r, mut their_r, mut last) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), None);
    for r in rows {
        let owner = r.owner_id.unwrap_or_default();
        let day = r.day.unwrap_or_default();
        match r.kind.as_str() {
            "c" => {
                let c = CheckIn {
                    day,
                    closeness: r.closeness.unwrap_or_default(),
                    mood: r.mood.unwrap_or_default(),
                    felt_heard: r.felt_heard.unwrap_or_default(),
                    appreciation: r.appreciation,
                    note: r.note,
                    updated_at_ms: r.updated_at.unwrap_or_default(),
                    owner_id: owner,
                };
                if c.owner_id == me {
                    mine.push(c)
                } else {
                    theirs.push(c)
                }
            }
            "r" => {
                let v = (day, r.felt_heard.unwrap_or_default());
                if owner == me {
                    my_r.push(v)
                } else {
                    their_r.push(v)
                }
            }
            _ => last = Some(day).filter(|d| !d.is_empty()),
        }
    }
    (mine, theirs, my_r, their_r, last)
}
