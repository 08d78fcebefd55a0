//! "State of Us": a short weekly meeting on a day the couple picks. The agenda looks back
//! on the seven days ending on the meeting day and has three parts both partners fill
//! in. Texts are original writing of this project.

use jiff::civil::{Date, Weekday};

/// The weekdays, Monday first, with their names for people and for URLs.
pub const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Monday, "monday"),
    (Weekday::Tuesday, "tuesday"),
    (Weekday::Wednesday, "wednesday"),
    (Weekday::Thursday, "thursday"),
    (Weekday::Friday, "friday"),
    (Weekday::Saturday, "saturday"),
    (Weekday::Sunday, "sunday"),
];

/// Parses `monday` … `sunday` (any case).
#[must_use]
pub fn parse_weekday(text: &str) -> Option<Weekday> {
    let lower = text.trim().to_lowercase();
    WEEKDAYS.iter().find(|(_, n)| *n == lower).map(|(w, _)| *w)
}

/// `monday` … `sunday`.
#[must_use]
pub fn weekday_name(day: Weekday) -> &'static str {
    WEEKDAYS
        .iter()
        .find(|(w, _)| *w == day)
        .map_or("sunday", |(_, n)| n)
}

/// ISO number, Monday = 1 … Sunday = 7 (how it is stored).
#[must_use]
pub fn weekday_number(day: Weekday) -> i8 {
    day.to_monday_one_offset()
}

/// From the stored number; anything odd becomes Sunday.
#[must_use]
pub fn weekday_from_number(n: i64) -> Weekday {
    i8::try_from(n)
        .ok()
        .and_then(|n| Weekday::from_monday_one_offset(n).ok())
        .unwrap_or(Weekday::Sunday)
}

/// The meeting this week: today if today is the meeting day, otherwise the next one.
#[must_use]
pub fn upcoming(today: Date, day: Weekday) -> Date {
    if today.weekday() == day {
        today
    } else {
        today.nth_weekday(1, day).unwrap_or(today)
    }
}

/// The seven days a meeting looks back on, ending on its own day.
#[must_use]
pub fn week_of(meeting_day: Date) -> (Date, Date) {
    let from = meeting_day
        .checked_sub(jiff::ToSpan::days(6))
        .unwrap_or(meeting_day);
    (from, meeting_day)
}

/// The parts of the agenda both partners write in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    WentWell,
    TalkAbout,
    NextWeek,
}

impl Section {
    pub const ALL: [Self; 3] = [Self::WentWell, Self::TalkAbout, Self::NextWeek];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WentWell => "went_well",
            Self::TalkAbout => "talk_about",
            Self::NextWeek => "next_week",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    #[must_use]
    pub fn heading(self) -> &'static str {
        match self {
            Self::WentWell => "What went well",
            Self::TalkAbout => "One thing to talk about",
            Self::NextWeek => "What I need next week",
        }
    }

    #[must_use]
    pub fn prompt(self) -> &'static str {
        match self {
            Self::WentWell => {
                "Name one moment, however small, that felt good between you this week."
            }
            Self::TalkAbout => {
                "Pick one thing, not five. Start softly — \"I feel … when … and I'd love …\" — and describe the moment, not the person."
            }
            Self::NextWeek => {
                "One thing that would help you feel close or supported in the week ahead."
            }
        }
    }
}

/// Longest note in a section.
pub const NOTE_MAX_CHARS: usize = 2_000;

/// Words for how a week felt for one person, from their check-ins. Never a grade.
#[must_use]
pub fn week_in_words(closeness: Option<f64>, mood: Option<f64>, days: usize) -> String {
    let (Some(c), Some(m)) = (closeness, mood) else {
        return "No check-ins this week — that's fine; you can share in your own words.".to_owned();
    };
    let close = match c {
        c if c >= 5.5 => "very close",
        c if c >= 4.5 => "close",
        c if c >= 3.5 => "somewhere in between",
        c if c >= 2.5 => "a little apart",
        _ => "far apart",
    };
    let mood = match m {
        m if m >= 4.5 => "bright",
        m if m >= 3.5 => "good",
        m if m >= 2.5 => "okay",
        m if m >= 1.5 => "low",
        _ => "heavy",
    };
    format!(
        "Mostly {close}, with {} mood (checked in {}).",
        crate::words::with_article(mood),
        crate::words::times(u64::try_from(days).unwrap_or(u64::MAX))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    #[test]
    fn weekdays_round_trip() {
        for (w, name) in WEEKDAYS {
            assert_eq!(parse_weekday(name), Some(w));
            assert_eq!(weekday_name(w), name);
            assert_eq!(weekday_from_number(i64::from(weekday_number(w))), w);
        }
        assert_eq!(parse_weekday("Funday"), None);
        assert_eq!(weekday_from_number(99), Weekday::Sunday);
    }

    #[test]
    fn the_meeting_is_today_or_next() {
        let friday = date(2026, 11, 27);
        assert_eq!(upcoming(friday, Weekday::Friday), friday);
        assert_eq!(upcoming(friday, Weekday::Sunday), date(2026, 11, 29));
        assert_eq!(upcoming(friday, Weekday::Thursday), date(2026, 12, 3));
        assert_eq!(
            week_of(date(2026, 11, 29)),
            (date(2026, 11, 23), date(2026, 11, 29))
        );
    }

    #[test]
    fn sections_round_trip() {
        for s in Section::ALL {
            assert_eq!(Section::parse(s.as_str()), Some(s));
        }
        assert_eq!(Section::parse("blame"), None);
    }

    #[test]
    fn weeks_are_described_not_graded() {
        assert!(week_in_words(Some(6.0), Some(5.0), 7).contains("very close"));
        assert!(week_in_words(None, None, 0).contains("that's fine"));
    }

    #[test]
    fn weeks_read_as_people_say_them() {
        assert_eq!(
            week_in_words(Some(4.0), Some(3.0), 1),
            "Mostly somewhere in between, with an okay mood (checked in once)."
        );
        assert_eq!(
            week_in_words(Some(6.0), Some(4.0), 2),
            "Mostly very close, with a good mood (checked in twice)."
        );
        assert!(week_in_words(Some(6.0), Some(4.0), 5).ends_with("(checked in 5 times)."));
    }

    proptest! {
        #[test]
        fn upcoming_is_within_a_week_and_on_the_day(offset in 0i32..3000, w in 1i8..=7) {
            let today = date(2020, 1, 1).checked_add(jiff::ToSpan::days(offset)).unwrap();
            let day = Weekday::from_monday_one_offset(w).unwrap();
            let m = upcoming(today, day);
            prop_assert_eq!(m.weekday(), day);
            prop_assert!(m >= today);
            prop_assert!((m - today).get_days() < 7);
        }
    }
}
