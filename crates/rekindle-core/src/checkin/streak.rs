//! Personal streaks, counted kindly: today still counts as "in progress", so a streak
//! never looks broken before the day is over, and a gap is simply a fresh start.

use std::collections::BTreeSet;

use jiff::ToSpan as _;
use jiff::civil::Date;

/// Consecutive days with a check-in, ending today — or yesterday, when today's is
/// still to come.
#[must_use]
pub fn current_streak(days: &BTreeSet<Date>, today: Date) -> u32 {
    let mut day = if days.contains(&today) {
        today
    } else {
        match today.checked_sub(1.day()) {
            Ok(d) => d,
            Err(_) => return 0,
        }
    };
    let mut count = 0;
    while days.contains(&day) {
        count += 1;
        match day.checked_sub(1.day()) {
            Ok(d) => day = d,
            Err(_) => break,
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    fn set(days: &[Date]) -> BTreeSet<Date> {
        days.iter().copied().collect()
    }

    #[test]
    fn counts_back_from_today_or_yesterday() {
        let today = date(2026, 1, 10);
        assert_eq!(current_streak(&set(&[]), today), 0);
        assert_eq!(current_streak(&set(&[date(2026, 1, 10)]), today), 1);
        let three = set(&[date(2026, 1, 7), date(2026, 1, 8), date(2026, 1, 9)]);
        assert_eq!(
            current_streak(&three, today),
            3,
            "today not done yet is not a break"
        );
        let gap = set(&[date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 8)]);
        assert_eq!(current_streak(&gap, today), 0, "a gap is a fresh start");
        assert_eq!(
            current_streak(
                &set(&[date(2025, 12, 31), date(2026, 1, 1)]),
                date(2026, 1, 1)
            ),
            2
        );
    }

    proptest! {
        #[test]
        fn never_longer_than_the_days_given(offsets in proptest::collection::btree_set(0i32..60, 0..60)) {
            let today = date(2026, 6, 1);
            let days: BTreeSet<Date> = offsets.iter().map(|o| today.checked_sub(o.days()).unwrap()).collect();
            let streak = current_streak(&days, today);
            prop_assert!(streak as usize <= days.len());
            // Adding today never shortens a streak.
            let mut with_today = days.clone();
            with_today.insert(today);
            prop_assert!(current_streak(&with_today, today) >= streak);
        }
    }
}
