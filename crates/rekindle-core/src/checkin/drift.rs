//! Drift detection: an early, gentle signal that the two of you may be drifting, with
//! one concrete next step offered to both — never naming who.
//!
//! The rule, with its thresholds (all on the 1–7 closeness scale):
//! - **Dip**: a partner's mean over the last 7 days is at least [`DIP_DROP`] below
//!   their own mean over the 28 days before that. Needs at least
//!   [`DIP_MIN_RECENT`] recent and [`DIP_MIN_BASELINE`] baseline check-ins, so one hard
//!   day never fires it.
//! - **Gap**: over the last 14 days, on days both checked in (at least
//!   [`GAP_MIN_DAYS`]), the partners' closeness differs by [`GAP_MIN`] or more on
//!   average — they are experiencing the relationship quite differently.
//! - **Quiet**: no shared activity (a day both checked in, or anything else done
//!   together) for [`QUIET_DAYS`] days, in a couple at least that old.
//!
//! The first that holds, in that order, is reported.

use std::collections::BTreeMap;

use jiff::ToSpan as _;
use jiff::civil::Date;

use super::trend::mean_between;

pub const DIP_DROP: f64 = 1.0;
pub const DIP_MIN_RECENT: usize = 4;
pub const DIP_MIN_BASELINE: usize = 10;
pub const GAP_MIN: f64 = 2.0;
pub const GAP_MIN_DAYS: usize = 5;
pub const QUIET_DAYS: i32 = 14;

/// What was noticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Dip,
    Gap,
    Quiet,
}

/// What the rule needs: each partner's closeness by local day, and the couple's
/// shared-activity history.
#[derive(Debug, Clone)]
pub struct DriftInput<'a> {
    pub today: Date,
    pub first: &'a BTreeMap<Date, u8>,
    pub second: &'a BTreeMap<Date, u8>,
    /// The most recent day of shared activity, if any.
    pub last_shared_day: Option<Date>,
    /// The day the couple formed.
    pub together_since: Date,
}

fn days_before(day: Date, n: i32) -> Date {
    day.checked_sub(n.days()).unwrap_or(Date::MIN)
}

fn dipped(values: &BTreeMap<Date, u8>, today: Date) -> bool {
    let recent_from = days_before(today, 6);
    let base_to = days_before(today, 7);
    let base_from = days_before(today, 34);
    let (recent, n_recent) = mean_between(values, recent_from, today);
    let (baseline, n_base) = mean_between(values, base_from, base_to);
    match (recent, baseline) {
        (Some(r), Some(b)) if n_recent >= DIP_MIN_RECENT && n_base >= DIP_MIN_BASELINE => {
            r <= b - DIP_DROP
        }
        _ => false,
    }
}

fn gap(first: &BTreeMap<Date, u8>, second: &BTreeMap<Date, u8>, today: Date) -> bool {
    let from = days_before(today, 13);
    let diffs: Vec<f64> = first
        .range(from..=today)
        .filter_map(|(d, a)| second.get(d).map(|b| f64::from(a.abs_diff(*b))))
        .collect();
    if diffs.len() < GAP_MIN_DAYS {
        return false;
    }
    let n = u32::try_from(diffs.len()).unwrap_or(u32::MAX);
    diffs.iter().sum::<f64>() / f64::from(n) >= GAP_MIN
}

fn quiet(input: &DriftInput<'_>) -> bool {
    let since = days_before(input.today, QUIET_DAYS);
    input.together_since <= since && input.last_shared_day.is_none_or(|d| d <= since)
}

/// The first drift signal that holds, if any.
#[must_use]
pub fn detect(input: &DriftInput<'_>) -> Option<Signal> {
    if dipped(input.first, input.today) || dipped(input.second, input.today) {
        Some(Signal::Dip)
    } else if gap(input.first, input.second, input.today) {
        Some(Signal::Gap)
    } else if quiet(input) {
        Some(Signal::Quiet)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    const TODAY: Date = date(2026, 6, 30);

    fn series(f: impl Fn(i32) -> Option<u8>) -> BTreeMap<Date, u8> {
        (0..60)
            .filter_map(|back| f(back).map(|v| (days_before(TODAY, back), v)))
            .collect()
    }

    fn input<'a>(a: &'a BTreeMap<Date, u8>, b: &'a BTreeMap<Date, u8>) -> DriftInput<'a> {
        DriftInput {
            today: TODAY,
            first: a,
            second: b,
            last_shared_day: Some(TODAY),
            together_since: date(2025, 1, 1),
        }
    }

    #[test]
    fn steady_couples_get_no_signal() {
        let a = series(|_| Some(5));
        let b = series(|_| Some(5));
        assert_eq!(detect(&input(&a, &b)), None);
    }

    #[test]
    fn a_clear_dip_fires_and_one_hard_day_does_not() {
        let dip = series(|back| Some(if back < 7 { 3 } else { 5 }));
        let steady = series(|_| Some(5));
        assert_eq!(detect(&input(&dip, &steady)), Some(Signal::Dip));
        assert_eq!(
            detect(&input(&steady, &dip)),
            Some(Signal::Dip),
            "either partner, same signal"
        );
        let one_day = series(|back| Some(if back == 0 { 1 } else { 5 }));
        assert_eq!(detect(&input(&one_day, &steady)), None);
    }

    #[test]
    fn a_persistent_gap_fires() {
        let a = series(|_| Some(6));
        let b = series(|_| Some(3));
        assert_eq!(detect(&input(&a, &b)), Some(Signal::Gap));
    }

    #[test]
    fn quiet_weeks_fire_only_for_couples_that_old() {
        let empty = BTreeMap::new();
        let mut i = input(&empty, &empty);
        i.last_shared_day = Some(days_before(TODAY, 20));
        assert_eq!(detect(&i), Some(Signal::Quiet));
        i.together_since = days_before(TODAY, 5);
        assert_eq!(detect(&i), None, "new couples are not quiet, just new");
        i.together_since = date(2025, 1, 1);
        i.last_shared_day = Some(days_before(TODAY, 3));
        assert_eq!(detect(&i), None);
    }

    fn any_series() -> impl Strategy<Value = BTreeMap<Date, u8>> {
        proptest::collection::btree_map(0i32..60, 1u8..=7, 0..60).prop_map(|m| {
            m.into_iter()
                .map(|(back, v)| (days_before(TODAY, back), v))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn the_rule_is_symmetric_between_partners(a in any_series(), b in any_series()) {
            prop_assert_eq!(detect(&input(&a, &b)), detect(&input(&b, &a)));
        }

        #[test]
        fn identical_constant_partners_never_drift(v in 1u8..=7, missing in proptest::collection::btree_set(0i32..60, 0..30)) {
            let a = series(|back| (!missing.contains(&back)).then_some(v));
            prop_assert_eq!(detect(&input(&a, &a)), None);
        }

        #[test]
        fn too_little_data_never_dips(values in proptest::collection::vec(1u8..=7, 0..3)) {
            let a: BTreeMap<Date, u8> = values.iter().enumerate().map(|(i, v)| (days_before(TODAY, i32::try_from(i).unwrap()), *v)).collect();
            let b = BTreeMap::new();
            prop_assert_ne!(detect(&input(&a, &b)), Some(Signal::Dip));
        }
    }
}
