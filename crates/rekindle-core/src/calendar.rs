//! iCalendar (RFC 5545) for planned dates: one `VCALENDAR` of `VEVENT`s, times in UTC
//! (so no `VTIMEZONE` is needed and every calendar app shows the right local time),
//! stable `UID`s, `SEQUENCE` raised on each move, `STATUS:CANCELLED` for a cancelled
//! date, text escaped and lines folded at 75 octets without splitting a character.

use std::fmt::Write as _;

use jiff::Timestamp;

/// One planned date as a calendar event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event<'a> {
    /// Stable for the life of the date (the app's id), so updates replace the event.
    pub uid: &'a str,
    /// Raised each time the date is moved.
    pub sequence: i64,
    pub starts_ms: i64,
    pub ends_ms: Option<i64>,
    pub summary: &'a str,
    pub location: Option<&'a str>,
    pub description: Option<&'a str>,
    pub cancelled: bool,
    /// When the event last changed.
    pub changed_ms: i64,
}

/// The longest line, in octets, before it is folded (RFC 5545 §3.1).
const LINE_OCTETS: usize = 75;

/// A whole calendar. `stamp_ms` is when it is made (`DTSTAMP`); `name` is shown by
/// apps that read `X-WR-CALNAME`.
#[must_use]
pub fn calendar(name: &str, events: &[Event<'_>], stamp_ms: i64) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Rekindle//Dates//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for e in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape(e.uid)));
        line(&mut out, &format!("DTSTAMP:{}", utc(stamp_ms)));
        line(&mut out, &format!("LAST-MODIFIED:{}", utc(e.changed_ms)));
        line(&mut out, &format!("SEQUENCE:{}", e.sequence.max(0)));
        line(&mut out, &format!("DTSTART:{}", utc(e.starts_ms)));
        if let Some(end) = e.ends_ms.filter(|end| *end > e.starts_ms) {
            line(&mut out, &format!("DTEND:{}", utc(end)));
        }
        line(&mut out, &format!("SUMMARY:{}", escape(e.summary)));
        if let Some(place) = e.location.filter(|p| !p.is_empty()) {
            line(&mut out, &format!("LOCATION:{}", escape(place)));
        }
        if let Some(text) = e.description.filter(|d| !d.is_empty()) {
            line(&mut out, &format!("DESCRIPTION:{}", escape(text)));
        }
        let status = if e.cancelled {
            "CANCELLED"
        } else {
            "CONFIRMED"
        };
        line(&mut out, &format!("STATUS:{status}"));
        line(&mut out, "TRANSP:OPAQUE");
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// An instant as a UTC date-time (`20261201T183000Z`); out of range falls back to the
/// epoch rather than failing.
fn utc(ms: i64) -> String {
    Timestamp::from_millisecond(ms)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in TEXT.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded: at most 75 octets per physical line, each
/// continuation starting with a space, never splitting a UTF-8 character.
fn line(out: &mut String, content: &str) {
    let mut rest = content;
    let mut limit = LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            let _ = write!(out, "{rest}\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let _ = write!(out, "{}\r\n ", &rest[..cut]);
        rest = &rest[cut..];
        // The leading space of a continuation counts towards its 75.
        limit = LINE_OCTETS - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn event<'a>(summary: &'a str) -> Event<'a> {
        Event {
            uid: "d1@rekindle",
            sequence: 2,
            starts_ms: 1_796_148_000_000,
            ends_ms: Some(1_796_155_200_000),
            summary,
            location: Some("The river, by the old mill"),
            description: None,
            cancelled: false,
            changed_ms: 1_796_000_000_000,
        }
    }

    /// Undoes folding: a line break followed by a space joins the lines.
    fn unfold(s: &str) -> String {
        s.replace("\r\n ", "")
    }

    #[test]
    fn a_calendar_has_its_parts_in_utc() {
        let ics = calendar(
            "Our dates",
            &[event("Dinner; then a walk")],
            1_796_000_000_000,
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("\r\nDTSTART:20261201T180000Z\r\n"), "{ics}");
        assert!(ics.contains("\r\nDTEND:20261201T200000Z\r\n"));
        assert!(ics.contains("\r\nSEQUENCE:2\r\n"));
        assert!(ics.contains("\r\nSUMMARY:Dinner\\; then a walk\r\n"));
        assert!(ics.contains("\r\nLOCATION:The river\\, by the old mill\r\n"));
        assert!(ics.contains("\r\nSTATUS:CONFIRMED\r\n"));
        let cancelled = calendar(
            "x",
            &[Event {
                cancelled: true,
                ..event("x")
            }],
            0,
        );
        assert!(cancelled.contains("\r\nSTATUS:CANCELLED\r\n"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a\\b;c,d\r\ne\nf\u{7}"), "a\\\\b\\;c\\,d\\ne\\nf");
    }

    proptest! {
        #[test]
        fn folding_keeps_every_line_short_and_loses_nothing(summary in "\\PC{0,300}") {
            let ics = calendar("Our dates", &[event(&summary)], 0);
            for physical in ics.split("\r\n") {
                prop_assert!(physical.len() <= LINE_OCTETS, "{} octets", physical.len());
            }
            let unfolded = unfold(&ics);
            let expected = format!("\r\nSUMMARY:{}\r\n", escape(&summary));
            prop_assert!(unfolded.contains(&expected));
            prop_assert!(!ics.contains("\n\n") && !ics.replace("\r\n", "").contains('\n'));
        }
    }
}
