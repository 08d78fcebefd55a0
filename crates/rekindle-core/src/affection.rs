//! The affection log: moments of touch the couple records for their day ("we hugged"),
//! never who tapped — so there is nothing to compare. The couple sees days in a row
//! (counted kindly, as check-in streaks are) and a gentle picture of the last week.

use std::collections::{BTreeMap, BTreeSet};

use jiff::ToSpan as _;
use jiff::civil::Date;

/// A kind of moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Hug,
    Kiss,
    HoldingHands,
    Cuddle,
    Massage,
    Intimacy,
    Other,
}

impl Kind {
    pub const ALL: [Self; 7] = [
        Self::Hug,
        Self::Kiss,
        Self::HoldingHands,
        Self::Cuddle,
        Self::Massage,
        Self::Intimacy,
        Self::Other,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hug => "hug",
            Self::Kiss => "kiss",
            Self::HoldingHands => "holding-hands",
            Self::Cuddle => "cuddle",
            Self::Massage => "massage",
            Self::Intimacy => "intimacy",
            Self::Other => "other",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The words on its button.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Hug => "A hug",
            Self::Kiss => "A kiss",
            Self::HoldingHands => "Holding hands",
            Self::Cuddle => "A cuddle",
            Self::Massage => "A massage",
            Self::Intimacy => "Intimacy",
            Self::Other => "Another warm moment",
        }
    }
}

/// Days in a row with at least one moment, ending today (or yesterday while today is
/// still open) — the same kind counting as check-in streaks.
#[must_use]
pub fn days_in_a_row(days: &BTreeSet<Date>, today: Date) -> u32 {
    crate::checkin::streak::current_streak(days, today)
}

/// One day of the week's picture: the day and the kinds of moment it held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    pub day: Date,
    pub kinds: Vec<Kind>,
}

/// The last seven days, oldest first, with what each held.
#[must_use]
pub fn week(moments: &BTreeMap<Date, BTreeSet<Kind>>, today: Date) -> Vec<Day> {
    (0..7_i64)
        .rev()
        .filter_map(|back| today.checked_sub(back.days()).ok())
        .map(|day| Day {
            day,
            kinds: moments
                .get(&day)
                .map(|k| k.iter().copied().collect())
                .unwrap_or_default(),
        })
        .collect()
}

/// A sentence about the week that never scores: it speaks of warmth found, or — for an
/// empty week — of an easy way back, never of a shortfall.
#[must_use]
pub fn week_in_words(week: &[Day]) -> String {
    let warm = week.iter().filter(|d| !d.kinds.is_empty()).count();
    match warm {
        0 => "A quiet week for touch. A long hug today is a lovely place to start.".into(),
        1 => "One warm moment this week. Small ones count.".into(),
        7 => "Some warmth every day this week.".into(),
        n => format!(
            "Warm moments on {} days this week.",
            ["two", "three", "four", "five", "six"][n - 2]
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn kinds_read_back_from_their_names() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("score"), None);
    }

    #[test]
    fn the_week_is_seven_days_ending_today_with_their_kinds() {
        let today = date(2026, 3, 29);
        let mut m = BTreeMap::new();
        m.insert(today, BTreeSet::from([Kind::Hug, Kind::Kiss]));
        m.insert(date(2026, 3, 20), BTreeSet::from([Kind::Hug]));
        let w = week(&m, today);
        assert_eq!(w.len(), 7);
        assert_eq!(w[0].day, date(2026, 3, 23));
        assert_eq!(w[6].kinds, vec![Kind::Hug, Kind::Kiss]);
        assert!(w[..6].iter().all(|d| d.kinds.is_empty()));
        assert_eq!(
            week_in_words(&w),
            "One warm moment this week. Small ones count."
        );
    }

    #[test]
    fn days_in_a_row_wait_for_today() {
        let today = date(2026, 1, 10);
        let days: BTreeSet<Date> = [date(2026, 1, 8), date(2026, 1, 9)].into();
        assert_eq!(days_in_a_row(&days, today), 2);
    }
}
