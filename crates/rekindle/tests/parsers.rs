//! Every parser of what people type, under generated input (issue 16, part 6): the
//! coach, the fair-split sheet (JSON), Markdown, days and time zones, invite codes,
//! the calendar (.ics) writer, and the small text rules around them. Each must never
//! panic, and each keeps its own promise on anything: spans on character boundaries,
//! nothing of the input run as HTML, a short code read back however it is typed, every
//! .ics line within 75 octets.
//!
//! Bounded: proptest's default 256 cases per property (`PROPTEST_CASES` changes it).

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

use proptest::prelude::*;
use rekindle_core::calendar::{Event, calendar};
use rekindle_core::checkin::parse_day;
use rekindle_core::schedule::{ZoneName, local_day_in};

/// Text as people paste it: any Unicode, plus the characters that break naive code —
/// quotes, angle brackets, emoji with joiners, right-to-left marks, combining accents,
/// CR/LF and tabs, backslashes and the `\u{0}` the HTTP layer refuses before this.
fn messy_text(max: usize) -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "\\PC{0,12}",
        Just("<script>alert(1)</script>".to_owned()),
        Just("'; DROP TABLE users; --".to_owned()),
        Just("👩‍❤️‍👨".to_owned()),
        Just("\u{202e}evil\u{202c}".to_owned()),
        Just("e\u{301}".to_owned()),
        Just("\r\n\t".to_owned()),
        Just("\\".to_owned()),
        Just("you NEVER listen!!!".to_owned()),
        Just("why didn't you".to_owned()),
        Just(" ".to_owned()),
        Just("\u{0}".to_owned()),
    ];
    prop::collection::vec(pieces, 0..max).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn the_coach_reads_anything(text in messy_text(40)) {
        let analysis = rekindle_core::coach::analyse(&text);
        prop_assert!(analysis.gentleness <= 100);
        for f in &analysis.findings {
            prop_assert!(f.start < f.end && f.end <= text.len());
            prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        }
    }

    #[test]
    fn the_fair_split_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = rekindle::features::fair_split::decide_json(&bytes);
    }

    #[test]
    fn the_fair_split_takes_any_sheet_shaped_json(
        mode in prop_oneof![Just("goods".to_owned()), Just("chores".to_owned()), "\\PC{0,8}"],
        names in prop::collection::vec(messy_text(3), 0..4),
        items in prop::collection::vec(
            (messy_text(3), prop::collection::vec(any::<i64>(), 0..4)), 0..12),
        small in prop::collection::vec((messy_text(2), 0i64..=100, 0i64..=100), 0..12),
    ) {
        let mut all: Vec<serde_json::Value> = items
            .iter()
            .map(|(n, p)| serde_json::json!({"name": n, "points": p}))
            .collect();
        all.extend(small.iter().map(|(n, a, b)| serde_json::json!({"name": n, "points": [a, b]})));
        let sheet = serde_json::json!({"mode": mode, "partners": names, "items": all});
        if let Ok(outcome) = rekindle::features::fair_split::decide_json(sheet.to_string().as_bytes()) {
            // A sheet that passes the checks always divides into words.
            prop_assert!(!serde_json::to_string(&outcome).unwrap().is_empty());
        }
    }

    #[test]
    fn markdown_never_lets_html_or_outside_links_through(text in messy_text(30)) {
        let rendered = rekindle::features::guides::render::render(&text);
        let html = rendered.html.to_lowercase();
        prop_assert!(!html.contains("<script"), "{}", rendered.html);
        prop_assert!(!html.contains("javascript:"), "{}", rendered.html);
        for link in rendered.html.match_indices("href=\"").map(|(i, _)| &rendered.html[i + 6..]) {
            prop_assert!(link.starts_with('/') && !link.starts_with("//"), "{}", rendered.html);
        }
    }

    #[test]
    fn markdown_with_links_keeps_only_our_own(
        target in prop_oneof![
            "\\PC{0,20}",
            Just("https://elsewhere.example/".to_owned()),
            Just("//elsewhere.example".to_owned()),
            Just("javascript:alert(1)".to_owned()),
            Just("/guides/listening-well".to_owned()),
        ],
        label in messy_text(3),
    ) {
        let rendered = rekindle::features::guides::render::render(&format!("[{label}]({target})"));
        for link in rendered.html.match_indices("href=\"").map(|(i, _)| &rendered.html[i + 6..]) {
            prop_assert!(link.starts_with('/') && !link.starts_with("//"), "{}", rendered.html);
        }
    }

    #[test]
    fn days_and_zones_parse_or_refuse(text in "\\PC{0,24}", ms in any::<i64>()) {
        let _ = parse_day(&text);
        let _ = ZoneName::parse(&text);
        // Any instant at all, in any zone (or a made-up one), is some local day.
        let _ = local_day_in(&text, ms);
        for zone in ["Pacific/Chatham", "Asia/Kathmandu", "America/St_Johns", "Europe/London"] {
            let _ = local_day_in(zone, ms);
            if let Some(z) = ZoneName::parse(zone) {
                let _ = z.local_day(ms);
            }
        }
    }

    #[test]
    fn a_day_written_back_reads_the_same(y in 1i16..=9999, m in 1i8..=12, d in 1i8..=31) {
        if let Ok(day) = jiff::civil::Date::new(y, m, d) {
            prop_assert_eq!(parse_day(&day.to_string()), Some(day));
        }
    }

    #[test]
    fn traditions_rhythms_parse_or_refuse(name in "\\PC{0,12}", on in prop::option::of("\\PC{0,8}")) {
        let _ = rekindle_core::dates::Rhythm::parse(&name, on.as_deref());
    }

    #[test]
    fn a_short_code_reads_back_however_it_is_typed(
        lower in any::<bool>(), gaps in prop::collection::vec(prop_oneof![Just(""), Just(" "), Just("-"), Just("  ")], 10)
    ) {
        let code = rekindle::secret::new_short_code();
        let typed: String = code
            .chars()
            .zip(gaps)
            .map(|(c, gap)| format!("{}{gap}", if lower { c.to_ascii_lowercase() } else { c }))
            .collect();
        prop_assert_eq!(rekindle::secret::normalize_short_code(&typed), Some(code.clone()));
        prop_assert_eq!(
            rekindle::secret::normalize_short_code(&rekindle::secret::group_short_code(&code)),
            Some(code)
        );
    }

    #[test]
    fn anything_typed_as_a_code_is_a_code_or_refused(text in messy_text(6)) {
        if let Some(code) = rekindle::secret::normalize_short_code(&text) {
            prop_assert_eq!(code.len(), 10);
            prop_assert!(code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
        }
    }

    #[test]
    fn the_calendar_writes_any_words_in_short_lines(
        name in messy_text(8),
        summary in messy_text(8),
        place in prop::option::of(messy_text(8)),
        description in prop::option::of(messy_text(8)),
        starts in -10_000_000_000_000i64..10_000_000_000_000,
    ) {
        let event = Event {
            uid: "id-1",
            sequence: 0,
            starts_ms: starts,
            ends_ms: Some(starts + 3_600_000),
            summary: &summary,
            location: place.as_deref(),
            description: description.as_deref(),
            cancelled: false,
            changed_ms: starts,
        };
        let ics = calendar(&name, &[event], 0);
        prop_assert!(ics.ends_with("\r\n"));
        for line in ics.split("\r\n") {
            prop_assert!(line.len() <= 75, "{line:?}");
            prop_assert!(!line.contains('\n') && !line.contains('\r'));
        }
    }

    #[test]
    fn account_rules_and_tags_take_anything(text in messy_text(10)) {
        let _ = rekindle_core::account::normalize_email(&text);
        let _ = rekindle_core::account::normalize_display_name(&text);
        let _ = rekindle_core::account::check_new_password(&text, "sam@example.org");
        let _ = rekindle_core::journal::parse_tags(text.split(','));
        let _ = rekindle_core::journal::matches(&text, &[text.as_str(), "tea"]);
        let _ = rekindle_core::user_agent::describe(&text);
    }
}
