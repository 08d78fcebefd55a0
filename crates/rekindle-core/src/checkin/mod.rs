//! The daily check-in: three one-tap scales and two optional texts, for one person and
//! one local day. Closeness uses the Inclusion of Other in the Self picture scale
//! (Aron, Aron & Smollan 1992; open access): seven pairs of circles from apart to
//! almost one.

pub mod drift;
pub mod streak;
pub mod trend;

use std::collections::BTreeMap;

use jiff::civil::Date;

/// Longest shared appreciation, in characters.
pub const APPRECIATION_MAX_CHARS: usize = 1_000;
/// Longest private note, in characters.
pub const NOTE_MAX_CHARS: usize = 4_000;

/// A validated check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIn {
    /// 1 (far apart) to 7 (very close).
    pub closeness: u8,
    /// 1 (heavy) to 5 (bright).
    pub mood: u8,
    /// 1 (not at all) to 5 (completely) heard and appreciated.
    pub felt_heard: u8,
    /// Shared with the partner.
    pub appreciation: Option<String>,
    /// Only for its owner.
    pub note: Option<String>,
}

/// What a person sent, before checking.
#[derive(Debug, Clone, Default)]
pub struct CheckInInput {
    pub closeness: Option<i64>,
    pub mood: Option<i64>,
    pub felt_heard: Option<i64>,
    pub appreciation: Option<String>,
    pub note: Option<String>,
}

fn scale(value: Option<i64>, max: i64, field: &str, errors: &mut BTreeMap<String, String>) -> u8 {
    match value {
        Some(v) if (1..=max).contains(&v) => u8::try_from(v).unwrap_or(1),
        Some(_) => {
            errors.insert(
                field.to_owned(),
                format!("Please choose a value from 1 to {max}."),
            );
            0
        }
        None => {
            errors.insert(field.to_owned(), "Please choose one.".to_owned());
            0
        }
    }
}

fn text(
    value: Option<String>,
    max: usize,
    field: &str,
    errors: &mut BTreeMap<String, String>,
) -> Option<String> {
    let trimmed = value
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())?;
    if trimmed.chars().count() > max {
        errors.insert(
            field.to_owned(),
            format!("Please keep this to {max} characters."),
        );
    }
    Some(trimmed)
}

impl CheckInInput {
    /// Checks every field; on failure, a message per field.
    pub fn validate(self) -> Result<CheckIn, BTreeMap<String, String>> {
        let mut errors = BTreeMap::new();
        let closeness = scale(self.closeness, 7, "closeness", &mut errors);
        let mood = scale(self.mood, 5, "mood", &mut errors);
        let felt_heard = scale(self.felt_heard, 5, "felt_heard", &mut errors);
        let appreciation = text(
            self.appreciation,
            APPRECIATION_MAX_CHARS,
            "appreciation",
            &mut errors,
        );
        let note = text(self.note, NOTE_MAX_CHARS, "note", &mut errors);
        if errors.is_empty() {
            Ok(CheckIn {
                closeness,
                mood,
                felt_heard,
                appreciation,
                note,
            })
        } else {
            Err(errors)
        }
    }
}

/// Words for each mood value, kind at every step.
pub const MOOD_WORDS: [&str; 5] = ["Heavy", "Low", "Okay", "Good", "Bright"];
/// Words for each felt-heard value.
pub const HEARD_WORDS: [&str; 5] = ["Not really", "A little", "Partly", "Mostly", "Fully"];
/// Words for each closeness value (the circles).
pub const CLOSENESS_WORDS: [&str; 7] = [
    "Far apart",
    "Distant",
    "A little apart",
    "Side by side",
    "Close",
    "Very close",
    "Almost one",
];

/// Why a day cannot take a check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayError {
    /// Not `YYYY-MM-DD`, or no such date.
    Malformed,
    /// After the person's today.
    Future,
    /// Before the person's today: a check-in is for the day it describes.
    Past,
}

/// Parses a strict `YYYY-MM-DD`.
pub fn parse_day(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    text.parse::<Date>().ok()
}

/// A check-in can be written and edited on its own day only (the owner's today).
pub fn check_day(text: &str, today: Date) -> Result<Date, DayError> {
    let day = parse_day(text).ok_or(DayError::Malformed)?;
    match day.cmp(&today) {
        std::cmp::Ordering::Greater => Err(DayError::Future),
        std::cmp::Ordering::Less => Err(DayError::Past),
        std::cmp::Ordering::Equal => Ok(day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn valid_input_passes_and_texts_are_trimmed() {
        let ok = CheckInInput {
            closeness: Some(7),
            mood: Some(1),
            felt_heard: Some(5),
            appreciation: Some("  thank you for the tea  ".into()),
            note: Some("   ".into()),
        }
        .validate()
        .unwrap();
        assert_eq!(ok.appreciation.as_deref(), Some("thank you for the tea"));
        assert_eq!(ok.note, None);
    }

    #[test]
    fn out_of_range_and_missing_values_are_named() {
        let errors = CheckInInput {
            closeness: Some(8),
            mood: Some(0),
            felt_heard: None,
            appreciation: Some("x".repeat(APPRECIATION_MAX_CHARS + 1)),
            note: None,
        }
        .validate()
        .unwrap_err();
        for f in ["closeness", "mood", "felt_heard", "appreciation"] {
            assert!(errors.contains_key(f), "{f}");
        }
    }

    #[test]
    fn days_are_strict_and_only_today_is_open() {
        let today = date(2026, 3, 29);
        assert_eq!(check_day("2026-03-29", today), Ok(today));
        assert_eq!(check_day("2026-03-30", today), Err(DayError::Future));
        assert_eq!(check_day("2026-03-28", today), Err(DayError::Past));
        for bad in [
            "2026-3-29",
            "2026-02-30",
            "29-03-2026",
            "2026-03-29T00:00",
            "",
            "２０２６-03-29",
            "+2026-03-2",
        ] {
            assert_eq!(check_day(bad, today), Err(DayError::Malformed), "{bad}");
        }
    }
}
