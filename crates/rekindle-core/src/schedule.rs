//! Time zones and local days. Times are stored as UTC epoch milliseconds; a person's
//! IANA time zone decides their "today". The tz database is bundled into the binary,
//! so the same zone names work on every host.

use jiff::{Timestamp, civil::Date, tz::TimeZone};

/// A validated IANA time zone name, such as `Europe/London`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneName(String);

impl ZoneName {
    /// Accepts a name the bundled tz database knows. Plain fixed offsets and POSIX
    /// strings are refused: a person lives in a place, with its DST rules.
    pub fn parse(name: &str) -> Option<Self> {
        let name = name.trim();
        if name.is_empty() || name.len() > 64 {
            return None;
        }
        TimeZone::get(name).ok()?;
        Some(Self(name.to_owned()))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The local calendar day at `now_ms` in this zone.
    #[must_use]
    pub fn local_day(&self, now_ms: i64) -> Option<Date> {
        let tz = TimeZone::get(&self.0).ok()?;
        let ts = Timestamp::from_millisecond(now_ms).ok()?;
        Some(ts.to_zoned(tz).date())
    }
}

/// The local day at `now_ms` in a stored zone name; a name the tz database no longer
/// knows falls back to UTC (stored names were checked when saved), and an instant out
/// of range to the earliest day — never a panic.
#[must_use]
pub fn local_day_in(zone: &str, now_ms: i64) -> Date {
    let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    Timestamp::from_millisecond(now_ms).map_or(Date::ZERO, |t| t.to_zoned(tz).date())
}

/// Every zone name people can pick, sorted, for forms.
#[must_use]
pub fn zone_names() -> Vec<String> {
    let mut names: Vec<String> = jiff::tz::db()
        .available()
        .map(|n| n.as_str().to_owned())
        .filter(|n| n.contains('/') && !n.starts_with("Etc/") && !n.starts_with("SystemV/"))
        .collect();
    names.push("UTC".to_owned());
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_zones_parse_and_unknown_do_not() {
        for ok in ["Europe/London", "Pacific/Chatham", "Asia/Kathmandu", "UTC"] {
            assert!(ZoneName::parse(ok).is_some(), "{ok}");
        }
        for bad in ["", "Mars/Olympus", "Europe/London\0", "../../etc/passwd"] {
            assert!(ZoneName::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn local_day_follows_the_zone() {
        // 2026-01-01T11:00:00Z is already 2 January in Chatham (+13:45).
        let ms = 1_767_265_200_000;
        let chatham = ZoneName::parse("Pacific/Chatham").unwrap();
        let ny = ZoneName::parse("America/New_York").unwrap();
        assert_eq!(chatham.local_day(ms).unwrap().to_string(), "2026-01-02");
        assert_eq!(ny.local_day(ms).unwrap().to_string(), "2026-01-01");
    }

    #[test]
    fn local_day_in_falls_back_to_utc_for_unknown_names() {
        // 2026-03-01 23:30 UTC is already 2 March in Kathmandu (+05:45).
        let ms = 1_772_407_800_000;
        assert_eq!(local_day_in("Asia/Kathmandu", ms).to_string(), "2026-03-02");
        assert_eq!(local_day_in("Not/AZone", ms).to_string(), "2026-03-01");
    }

    #[test]
    fn zone_list_is_sorted_and_useful() {
        let names = zone_names();
        assert!(names.len() > 300);
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        assert!(names.iter().any(|n| n == "Asia/Kathmandu"));
    }
}
