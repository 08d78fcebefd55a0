//! Small words the way a person says them: days ("Tuesday 1 December"), how often
//! ("once", "twice", "3 times") and articles ("an okay mood"). Pages use these; the
//! API keeps ISO dates and plain numbers.

use jiff::civil::Date;

/// A day in words: "Today", "Yesterday", "Tuesday 1 December", with the year only
/// when it is not `today`'s year ("Sunday 29 November 2025").
#[must_use]
pub fn day(date: Date, today: Date) -> String {
    if date == today {
        return "Today".to_owned();
    }
    if today.yesterday().ok() == Some(date) {
        return "Yesterday".to_owned();
    }
    full_day(date, today)
}

/// Like [`day`] but never "Today"/"Yesterday" (for ranges and headings).
#[must_use]
pub fn full_day(date: Date, today: Date) -> String {
    if date.year() == today.year() {
        date.strftime("%A %-d %B").to_string()
    } else {
        date.strftime("%A %-d %B %Y").to_string()
    }
}

/// A short day for tight places such as chart axes: "1 Dec".
#[must_use]
pub fn short_day(date: Date) -> String {
    date.strftime("%-d %b").to_string()
}

/// How often: "once", "twice", "3 times".
/// A text with its first letter in upper case ("summer and autumn" → "Summer and
/// autumn").
#[must_use]
pub fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[must_use]
pub fn times(n: u64) -> String {
    match n {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{n} times"),
    }
}

/// The indefinite article for a word as it is said: "an okay", "a good", "an hour".
#[must_use]
pub fn a_or_an(word: &str) -> &'static str {
    let lower = word.trim_start().to_ascii_lowercase();
    // Sounds, not letters: "a useful", "an hour", "an honest".
    let vowel_sound = if ["hour", "honest", "honour", "heir"]
        .iter()
        .any(|w| lower.starts_with(w))
    {
        true
    } else if ["uni", "use", "usu", "one", "eu"]
        .iter()
        .any(|w| lower.starts_with(w))
    {
        false
    } else {
        lower.starts_with(['a', 'e', 'i', 'o', 'u'])
    };
    if vowel_sound { "an" } else { "a" }
}

/// The word with its article: "an okay", "a good".
#[must_use]
pub fn with_article(word: &str) -> String {
    format!("{} {word}", a_or_an(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn days_read_as_people_say_them() {
        let today = date(2026, 12, 1);
        assert_eq!(day(today, today), "Today");
        assert_eq!(day(date(2026, 11, 30), today), "Yesterday");
        assert_eq!(day(date(2026, 11, 24), today), "Tuesday 24 November");
        assert_eq!(day(date(2025, 11, 30), today), "Sunday 30 November 2025");
        assert_eq!(full_day(today, today), "Tuesday 1 December");
        assert_eq!(short_day(today), "1 Dec");
    }

    #[test]
    fn counts_and_articles() {
        assert_eq!(times(1), "once");
        assert_eq!(times(2), "twice");
        assert_eq!(times(3), "3 times");
        assert_eq!(times(0), "0 times");
        assert_eq!(with_article("okay"), "an okay");
        assert_eq!(with_article("good"), "a good");
        assert_eq!(with_article("hour"), "an hour");
        assert_eq!(with_article("unusual"), "an unusual");
        assert_eq!(with_article("useful"), "a useful");
        assert_eq!(with_article("easy"), "an easy");
    }
}
