//! Trends for the dashboard: daily values and their trailing rolling mean.

use std::collections::BTreeMap;

use jiff::ToSpan as _;
use jiff::civil::Date;

/// One day of a series: the value given that day (if any) and the rolling mean.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    pub day: Date,
    pub value: Option<u8>,
    /// Mean of the values within the window ending on this day, if there were any.
    pub rolling: Option<f64>,
}

/// Every day from `from` to `to` (both included) with the trailing mean over `window`
/// days. Runs in one pass over the days, whatever the window.
#[must_use]
pub fn rolling(values: &BTreeMap<Date, u8>, from: Date, to: Date, window: i32) -> Vec<TrendPoint> {
    let window = window.max(1);
    let mut out = Vec::new();
    let Ok(start) = from.checked_sub((window - 1).days()) else {
        return out;
    };
    // The last `window` days' values in a ring, so a day leaving the window is a
    // slot, not a date computed and looked up again.
    let slots = usize::try_from(window).unwrap_or(1);
    let mut ring: Vec<Option<u8>> = vec![None; slots];
    let (mut sum, mut count) = (0u32, 0u32);
    let mut day = start;
    let mut i = 0usize;
    while day <= to {
        let value = values.get(&day).copied();
        let slot = &mut ring[i % slots];
        if let Some(old) = slot.take() {
            sum -= u32::from(old);
            count -= 1;
        }
        if let Some(v) = value {
            *slot = Some(v);
            sum += u32::from(v);
            count += 1;
        }
        if day >= from {
            out.push(TrendPoint {
                day,
                value,
                rolling: (count > 0).then(|| f64::from(sum) / f64::from(count)),
            });
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
        i += 1;
    }
    out
}

/// The mean of the values on days within `[from, to]`, and how many there were.
#[must_use]
pub fn mean_between(values: &BTreeMap<Date, u8>, from: Date, to: Date) -> (Option<f64>, usize) {
    if from > to {
        return (None, 0);
    }
    let (sum, n) = values
        .range(from..=to)
        .fold((0u32, 0usize), |(s, n), (_, v)| (s + u32::from(*v), n + 1));
    let n32 = u32::try_from(n).unwrap_or(u32::MAX);
    ((n > 0).then(|| f64::from(sum) / f64::from(n32)), n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    #[test]
    fn rolling_mean_uses_only_days_in_the_window() {
        let values: BTreeMap<Date, u8> = [
            (date(2026, 1, 1), 2),
            (date(2026, 1, 3), 4),
            (date(2026, 1, 9), 6),
        ]
        .into();
        let points = rolling(&values, date(2026, 1, 1), date(2026, 1, 10), 7);
        assert_eq!(points.len(), 10);
        assert_eq!(points[0].rolling, Some(2.0));
        assert_eq!(points[2].rolling, Some(3.0));
        assert_eq!(
            points[7].rolling,
            Some(4.0),
            "1 Jan has left the window of 8 Jan"
        );
        assert_eq!(points[8].rolling, Some(5.0), "3 and 9 January");
        assert_eq!(points[8].value, Some(6));
        assert_eq!(points[9].value, None);
    }

    proptest! {
        #[test]
        fn sliding_equals_recomputing(days in proptest::collection::btree_map(0i32..90, 1u8..=7, 0..90), window in 1i32..30) {
            let base = date(2026, 1, 1);
            let values: BTreeMap<Date, u8> = days.iter().map(|(o, v)| (base.checked_add(o.days()).unwrap(), *v)).collect();
            let from = base.checked_add(20.days()).unwrap();
            let to = base.checked_add(89.days()).unwrap();
            for p in rolling(&values, from, to, window) {
                let start = p.day.checked_sub((window - 1).days()).unwrap();
                let (expected, _) = mean_between(&values, start, p.day);
                match (p.rolling, expected) {
                    (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9),
                    (a, b) => prop_assert_eq!(a, b),
                }
            }
        }
    }
}
