//! When things happen for a person, in their own time zone: the next moment a daily
//! reminder is due (right across daylight-saving changes), quiet hours (which may run
//! over midnight), a surprise note's hidden moment inside the window its sender chose,
//! and the few random moments of a week's "do something kind today" nudges. Pure: the
//! randomness comes in as numbers, so tests can hold it still.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan as _, Zoned};

const MINUTE_MS: i64 = 60_000;
const DAY_MS: i64 = 24 * 60 * MINUTE_MS;

fn zone(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap_or(TimeZone::UTC)
}

fn at(ms: i64, tz: &TimeZone) -> Zoned {
    Timestamp::from_millisecond(ms)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned(tz.clone())
}

/// The instant a local day and time fall on: a time skipped by a change to summer time
/// moves forward by the gap (01:30 on London's spring-forward night is 02:30); a time
/// that happens twice when the clocks go back is its first.
fn instant_of(day: Date, time: Time, tz: &TimeZone) -> Option<i64> {
    DateTime::from_parts(day, time)
        .to_zoned(tz.clone())
        .ok()
        .map(|z| z.timestamp().as_millisecond())
}

/// The first moment strictly after `after_ms` when it is `time` o'clock where the
/// person lives.
#[must_use]
pub fn next_daily(zone_name: &str, time: Time, after_ms: i64) -> i64 {
    let tz = zone(zone_name);
    let today = at(after_ms, &tz).date();
    (0..3)
        .filter_map(|k| today.checked_add(k.days()).ok())
        .filter_map(|d| instant_of(d, time, &tz))
        .find(|ms| *ms > after_ms)
        .unwrap_or(after_ms + DAY_MS)
}

/// Quiet hours, local: from `start` until `end` (running over midnight when `end` is
/// earlier). Equal times mean none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub start: Time,
    pub end: Time,
}

impl QuietHours {
    /// Whether `ms` falls inside them where the person lives.
    #[must_use]
    pub fn contains(&self, zone_name: &str, ms: i64) -> bool {
        let t = at(ms, &zone(zone_name)).time();
        match self.start.cmp(&self.end) {
            std::cmp::Ordering::Equal => false,
            std::cmp::Ordering::Less => t >= self.start && t < self.end,
            std::cmp::Ordering::Greater => t >= self.start || t < self.end,
        }
    }

    /// `ms`, or — when it falls inside them — the moment they end.
    #[must_use]
    pub fn push_out(&self, zone_name: &str, ms: i64) -> i64 {
        if self.contains(zone_name, ms) {
            next_daily(zone_name, self.end, ms)
        } else {
            ms
        }
    }
}

/// A local time as people and forms write it: `08:30`.
#[must_use]
pub fn hhmm(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// A local time from `HH:MM` (what [`hhmm`] writes and time inputs send).
#[must_use]
pub fn parse_hhmm(text: &str) -> Option<Time> {
    Time::strptime("%H:%M", text.trim()).ok()
}

/// The local week a moment falls in: its Monday, the instant that Monday begins and
/// the instant the next one begins (each day's first moment, which a DST change may
/// move off midnight).
#[must_use]
pub fn week_of(zone_name: &str, ms: i64) -> (Date, i64, i64) {
    let tz = zone(zone_name);
    let day = at(ms, &tz).date();
    let back = i64::from(day.weekday().to_monday_zero_offset());
    let monday = day.checked_sub(back.days()).unwrap_or(day);
    let start_of = |d: Date| {
        d.to_zoned(tz.clone())
            .map_or(ms, |z| z.timestamp().as_millisecond())
    };
    let next = monday.checked_add(7.days()).unwrap_or(monday);
    (monday, start_of(monday), start_of(next))
}

/// A surprise note's moment: somewhere in `[from_ms, to_ms]`, chosen from `random` (the
/// server's secret randomness) and never shown to the recipient before it comes. Whole
/// minutes, so the moment itself gives nothing away.
#[must_use]
pub fn surprise_moment(from_ms: i64, to_ms: i64, random: u64) -> i64 {
    let (from, to) = (from_ms.min(to_ms), from_ms.max(to_ms));
    let first_minute = from.div_euclid(MINUTE_MS) + i64::from(from.rem_euclid(MINUTE_MS) != 0);
    let last_minute = to.div_euclid(MINUTE_MS);
    if last_minute < first_minute {
        return from;
    }
    let minutes = u64::try_from(last_minute - first_minute + 1).unwrap_or(1);
    let pick = i64::try_from(random % minutes).unwrap_or(0);
    (first_minute + pick) * MINUTE_MS
}

/// The moments of a week's kindness nudges, starting on `monday` where the person lives:
/// at most `per_week`, on different days, between 09:00 and 21:00 and never in quiet
/// hours, chosen from `random` (one number per nudge; fewer numbers, fewer nudges).
#[must_use]
pub fn kindness_nudges(
    zone_name: &str,
    monday: Date,
    per_week: usize,
    quiet: Option<QuietHours>,
    random: &[u64],
) -> Vec<i64> {
    let tz = zone(zone_name);
    let mut days: Vec<i64> = (0..7).collect();
    let mut out = Vec::new();
    for r in random.iter().take(per_week.min(7)) {
        if days.is_empty() {
            break;
        }
        let len = u64::try_from(days.len()).unwrap_or(1);
        let day = days.remove(usize::try_from(r % len).unwrap_or(0));
        let Ok(d) = monday.checked_add(day.days()) else {
            continue;
        };
        // A minute of the waking day, 09:00 to 20:59, outside quiet hours: the drawn
        // one, or the next free one after it (stepping by a prime, so every minute is
        // tried once before giving up).
        let first = (r / 7) % 720;
        let moment = (0..720).find_map(|k| {
            let minute = (first + k * 7) % 720;
            let hour = i8::try_from(minute / 60 + 9).ok()?;
            let min = i8::try_from(minute % 60).ok()?;
            let ms = instant_of(d, Time::new(hour, min, 0, 0).ok()?, &tz)?;
            (!quiet.is_some_and(|q| q.contains(zone_name, ms))).then_some(ms)
        });
        if let Some(ms) = moment {
            out.push(ms);
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ms(zone_name: &str, local: &str) -> i64 {
        local
            .parse::<DateTime>()
            .unwrap()
            .to_zoned(zone(zone_name))
            .unwrap()
            .timestamp()
            .as_millisecond()
    }

    fn t(s: &str) -> Time {
        s.parse().unwrap()
    }

    #[test]
    fn a_week_runs_monday_to_monday_even_across_a_clock_change() {
        // Sunday 29 March 2026 is London's spring-forward day.
        let (monday, start, next) =
            week_of("Europe/London", ms("Europe/London", "2026-03-29T12:00"));
        assert_eq!(monday.to_string(), "2026-03-23");
        assert_eq!(start, ms("Europe/London", "2026-03-23T00:00"));
        assert_eq!(next, ms("Europe/London", "2026-03-30T00:00"));
        assert_eq!(next - start, 7 * DAY_MS - 3_600_000);
        // Kathmandu is 5:45 ahead; a Monday morning there is still Sunday in UTC.
        let (m, s, _) = week_of("Asia/Kathmandu", ms("Asia/Kathmandu", "2026-06-01T03:00"));
        assert_eq!(m.to_string(), "2026-06-01");
        assert_eq!(s, ms("Asia/Kathmandu", "2026-06-01T00:00"));
    }

    #[test]
    fn a_daily_reminder_keeps_its_local_time_across_dst() {
        let london = "Europe/London";
        // The evening before the clocks go forward (28 March 2027), then the next days.
        let before = ms(london, "2027-03-27T20:00");
        let next = next_daily(london, t("19:30"), before);
        assert_eq!(next, ms(london, "2027-03-28T19:30"));
        assert_eq!(
            next - ms(london, "2027-03-27T19:30"),
            23 * 60 * MINUTE_MS,
            "a 23-hour day"
        );
        // London skips 01:00–02:00 that night: 01:30 is 02:30 instead.
        assert_eq!(
            next_daily(london, t("01:30"), before),
            ms(london, "2027-03-28T02:30")
        );
        assert_eq!(
            ms(london, "2027-03-28T02:30"),
            ms("UTC", "2027-03-28T01:30")
        );
        // When the clocks go back, 01:30 happens twice: the first one.
        let fold = next_daily(london, t("01:30"), ms(london, "2026-10-24T12:00"));
        assert_eq!(fold, ms("UTC", "2026-10-25T00:30"));
        // Unusual zones: Chatham (+12:45/+13:45) and Kathmandu (+05:45).
        let chatham = next_daily("Pacific/Chatham", t("08:00"), ms("UTC", "2026-12-01T00:00"));
        assert_eq!(at(chatham, &zone("Pacific/Chatham")).time(), t("08:00"));
        assert_eq!(
            next_daily("Asia/Kathmandu", t("07:15"), ms("UTC", "2026-12-01T00:00")),
            ms("UTC", "2026-12-01T01:30")
        );
    }

    #[test]
    fn quiet_hours_may_run_over_midnight() {
        let night = QuietHours {
            start: t("22:00"),
            end: t("07:00"),
        };
        let z = "Europe/London";
        assert!(night.contains(z, ms(z, "2026-12-01T23:30")));
        assert!(night.contains(z, ms(z, "2026-12-02T06:59")));
        assert!(!night.contains(z, ms(z, "2026-12-02T07:00")));
        assert_eq!(
            night.push_out(z, ms(z, "2026-12-01T23:30")),
            ms(z, "2026-12-02T07:00")
        );
        assert_eq!(
            night.push_out(z, ms(z, "2026-12-01T12:00")),
            ms(z, "2026-12-01T12:00")
        );
        let none = QuietHours {
            start: t("09:00"),
            end: t("09:00"),
        };
        assert!(!none.contains(z, ms(z, "2026-12-01T09:00")));
    }

    proptest! {
        #[test]
        fn a_surprise_lands_inside_its_window_on_a_whole_minute(from in 0i64..4_000_000_000_000, width in 0i64..30 * DAY_MS, random in any::<u64>()) {
            let to = from + width;
            let moment = surprise_moment(from, to, random);
            prop_assert!(moment >= from && moment <= to || (width < MINUTE_MS && moment == from));
            if width >= MINUTE_MS {
                prop_assert_eq!(moment.rem_euclid(MINUTE_MS), 0);
            }
        }

        #[test]
        fn kindness_nudges_are_few_apart_and_never_in_quiet_hours(
            per_week in 0usize..10,
            random in prop::collection::vec(any::<u64>(), 0..10),
            zone_name in prop::sample::select(vec!["Europe/London", "Pacific/Chatham", "Asia/Kathmandu", "America/St_Johns", "UTC"]),
            quiet_start in 0i8..24, quiet_len in 0i8..12,
        ) {
            let monday: Date = "2027-03-22".parse().unwrap();
            let quiet = QuietHours { start: Time::new(quiet_start, 0, 0, 0).unwrap(), end: Time::new((quiet_start + quiet_len) % 24, 0, 0, 0).unwrap() };
            let nudges = kindness_nudges(zone_name, monday, per_week, Some(quiet), &random);
            prop_assert!(nudges.len() <= per_week.min(random.len()).min(7));
            let tz = zone(zone_name);
            let days: std::collections::HashSet<Date> = nudges.iter().map(|m| at(*m, &tz).date()).collect();
            prop_assert_eq!(days.len(), nudges.len(), "one a day at most");
            for m in &nudges {
                let local = at(*m, &tz);
                prop_assert!(!quiet.contains(zone_name, *m));
                prop_assert!(local.date() >= monday && local.date() < monday.checked_add(7.days()).unwrap());
                prop_assert!(local.time() >= t("09:00") && local.time() < t("22:00"));
            }
        }
    }
}
