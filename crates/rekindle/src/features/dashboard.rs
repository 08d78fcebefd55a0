//! The connection dashboard's data: both partners' trends, today's to-dos, the
//! partner's appreciations, a kind streak, and drift with one next step. Pages and the
//! API both call `load`, so they always agree. Every query is bounded by a day range
//! and goes through the visibility rule.

use std::collections::{BTreeMap, BTreeSet};

use jiff::ToSpan as _;
use jiff::civil::Date;
use rekindle_core::checkin::drift::{self, DriftInput, Signal};
use rekindle_core::checkin::streak::current_streak;
use rekindle_core::checkin::trend::{TrendPoint, rolling};
use rekindle_core::content::next_steps::{self, NextStep};

use crate::db::checkins::{self, CheckInRow};
use crate::db::couples::Couple;
use crate::db::users::User;
use crate::db::visibility::Scope;
use crate::db::{Db, dashboard};

/// The ranges a person can pick.
pub const RANGES: [i32; 3] = [30, 90, 365];
/// Days drift detection looks back on (7 recent + 28 baseline).
const DRIFT_DAYS: i32 = 35;
/// How far back a streak is counted.
const STREAK_DAYS: i32 = 365;
/// Rolling-average window.
pub const ROLLING_DAYS: i32 = 7;
/// How many of the partner's appreciations to show.
const APPRECIATIONS: usize = 5;

/// One person's trends over the chosen range.
#[derive(Debug, Clone)]
pub struct Trends {
    pub closeness: Vec<TrendPoint>,
    pub mood: Vec<TrendPoint>,
    /// From check-ins and listening sessions together (see `felt_heard_by_day`).
    pub felt_heard: Vec<TrendPoint>,
}

/// An appreciation the partner shared.
#[derive(Debug, Clone)]
pub struct Appreciation {
    pub day: String,
    pub text: String,
}

/// Drift that was noticed, and what to try.
#[derive(Debug, Clone)]
pub struct Drift {
    pub signal: Signal,
    pub noticed: &'static str,
    pub step: NextStep,
}

/// Everything the home page and `GET /api/v1/dashboard` show.
#[derive(Debug, Clone)]
pub struct Dashboard {
    pub today: Date,
    pub range_days: i32,
    pub mine: Trends,
    pub partner: Option<Trends>,
    pub my_today: Option<CheckInRow>,
    pub streak: u32,
    pub appreciations: Vec<Appreciation>,
    pub drift: Option<Drift>,
}

/// Today for a person, in their own zone.
pub fn today_for(user: &User, now_ms: i64) -> Date {
    rekindle_core::schedule::local_day_in(&user.timezone, now_ms)
}

fn days_before(day: Date, n: i32) -> Date {
    day.checked_sub(n.days()).unwrap_or(Date::MIN)
}

fn by_day(rows: &[CheckInRow], pick: impl Fn(&CheckInRow) -> u8) -> BTreeMap<Date, u8> {
    rows.iter()
        .filter_map(|r| rekindle_core::checkin::parse_day(&r.day).map(|d| (d, pick(r))))
        .collect()
}

/// Felt heard per day: the check-in's answer and any listening-session ratings that
/// day, as their mean (rounded half up, as the scale has whole steps).
fn felt_heard_by_day(rows: &[CheckInRow], listening: &[(String, u8)]) -> BTreeMap<Date, u8> {
    let mut readings: BTreeMap<Date, Vec<u8>> = BTreeMap::new();
    let from_checkins = rows.iter().map(|r| (r.day.as_str(), r.felt_heard));
    let from_listening = listening.iter().map(|(d, v)| (d.as_str(), *v));
    for (day, value) in from_checkins.chain(from_listening) {
        if let Some(d) = rekindle_core::checkin::parse_day(day) {
            readings.entry(d).or_default().push(value);
        }
    }
    readings
        .into_iter()
        .map(|(d, vs)| {
            let sum: usize = vs.iter().map(|v| usize::from(*v)).sum();
            let mean = (2 * sum + vs.len()) / (2 * vs.len().max(1));
            (d, u8::try_from(mean).unwrap_or(u8::MAX))
        })
        .collect()
}

fn trends(rows: &[CheckInRow], listening: &[(String, u8)], from: Date, to: Date) -> Trends {
    Trends {
        closeness: rolling(&by_day(rows, |r| r.closeness), from, to, ROLLING_DAYS),
        mood: rolling(&by_day(rows, |r| r.mood), from, to, ROLLING_DAYS),
        felt_heard: rolling(&felt_heard_by_day(rows, listening), from, to, ROLLING_DAYS),
    }
}

/// Assembles the dashboard for `user` at `now_ms`.
pub async fn load(
    db: &Db,
    user: &User,
    couple: Option<&Couple>,
    now_ms: i64,
    range_days: i32,
) -> Result<Dashboard, crate::db::Error> {
    let range_days = if RANGES.contains(&range_days) {
        range_days
    } else {
        RANGES[0]
    };
    let today = today_for(user, now_ms);
    let from = days_before(today, range_days - 1);
    // Read only what this view needs: the range plus the rolling window before it, and
    // at least what drift looks at. Bounded, whatever the size of the history.
    let window = (range_days + ROLLING_DAYS - 1).max(DRIFT_DAYS);
    let history_from = days_before(today, window);
    let scope = Scope::new(&user.id, couple.map(|c| c.id.as_str()), now_ms);
    // A partner's day may run ahead of ours (another zone): read one day further.
    let (hist_from, to, partner_to) = (
        history_from.to_string(),
        today.to_string(),
        today.checked_add(1.day()).unwrap_or(today).to_string(),
    );
    let partner_member = couple.and_then(|c| c.partner_of(&user.id));
    let span = dashboard::Span {
        partner_id: partner_member.map(|p| p.id.clone()),
        from: hist_from,
        to: to.clone(),
        partner_to,
        // Drift only asks "within the quiet window or not".
        shared_since: days_before(today, drift::QUIET_DAYS + 1).to_string(),
    };
    let dashboard::Rows {
        mine,
        theirs,
        my_ratings: my_listening,
        their_ratings: their_listening,
        last_shared_day,
    } = dashboard::rows(db, &scope, &span).await?;
    let my_days: BTreeSet<Date> = by_day(&mine, |r| r.closeness).into_keys().collect();
    let my_today = mine.iter().find(|r| r.day == to).cloned();
    let appreciations = theirs
        .iter()
        .rev()
        .filter_map(|r| {
            r.appreciation.as_ref().map(|t| Appreciation {
                day: r.day.clone(),
                text: t.clone(),
            })
        })
        .take(APPRECIATIONS)
        .collect();
    let drift = match (couple, partner_member) {
        (Some(c), Some(_)) => {
            let last_shared = last_shared_day
                .as_deref()
                .and_then(rekindle_core::checkin::parse_day);
            let input = DriftInput {
                today,
                first: &by_day(&mine, |r| r.closeness),
                second: &by_day(&theirs, |r| r.closeness),
                last_shared_day: last_shared,
                together_since: c.together_since(),
            };
            drift::detect(&input).map(|signal| Drift {
                signal,
                noticed: next_steps::noticed(signal),
                step: next_steps::for_signal(
                    signal,
                    u64::try_from(today.day_of_year()).unwrap_or(0),
                ),
            })
        }
        _ => None,
    };
    Ok(Dashboard {
        today,
        range_days,
        mine: trends(&mine, &my_listening, from, today),
        partner: partner_member.map(|_| trends(&theirs, &their_listening, from, today)),
        my_today,
        streak: streak(db, &scope, &my_days, today, history_from).await?,
        appreciations,
        drift,
    })
}

/// The streak from the days already read; only a streak reaching back past them needs
/// one more (day-only) query.
async fn streak(
    db: &Db,
    scope: &Scope,
    days: &BTreeSet<Date>,
    today: Date,
    read_from: Date,
) -> Result<u32, crate::db::Error> {
    let streak = current_streak(days, today);
    let reaches_back = days_before(today, i32::try_from(streak).unwrap_or(i32::MAX)) <= read_from;
    if !reaches_back {
        return Ok(streak);
    }
    let from = days_before(today, STREAK_DAYS).to_string();
    let all: BTreeSet<Date> = checkins::own_days(db, scope, &from, &today.to_string())
        .await?
        .iter()
        .filter_map(|d| rekindle_core::checkin::parse_day(d))
        .collect();
    Ok(current_streak(&all, today))
}
