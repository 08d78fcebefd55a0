//! Words for the listening exercise: the rules card, suggested topics and the short
//! coaching lines for each role. Original writing of this project, after the
//! speaker–listener technique of PREP (Markman, Stanley & Blumberg): the speaker speaks
//! for themself in short pieces, the listener says it back, nobody solves yet.

/// The rules card, as (title, line).
pub const RULES: [(&str, &str); 3] = [
    (
        "Speak for yourself",
        "Say what you feel and need — \"I felt…\", \"I'd love…\" — rather than what your partner is or does.",
    ),
    (
        "Keep it short",
        "A few sentences at a time, so the other can hold all of it. There's no rush; you'll get more turns.",
    ),
    (
        "No solving yet",
        "Today is for understanding each other. Fixes can wait for another talk, once you both feel heard.",
    ),
];

/// Topics to start from when nothing is on your mind yet; gentle ones first.
pub const TOPICS: [&str; 12] = [
    "Something that made you happy this week",
    "A moment recently when you felt close to each other",
    "What you'd love our weekends to feel like",
    "Something you're looking forward to, and why it matters to you",
    "How the two of us share the everyday jobs at home",
    "How we spend time with family and friends",
    "Money: what feels comfortable and what worries you",
    "How much time together and time alone feels right",
    "What helps you unwind after a long day",
    "Something you'd like to try together",
    "A recent moment that stung, told from your side",
    "What you need from me when you're stressed",
];

/// For the speaker, beside the box they write in.
pub const SPEAKER_HINT: &str = "A few sentences about your own feelings and needs. Your partner will say back what they heard.";

/// For the listener, beside the box they write in.
pub const LISTENER_HINT: &str = "In your own words, what did you hear? Try \"It sounds like…\" — no answers, defence or advice yet.";

/// For the speaker who says "not quite".
pub const CLARIFY_HINT: &str = "Gently add what was missed — just the part that matters most.";

/// How heard someone felt, in words after their name ("Alex felt mostly heard"), so a
/// rating reads as a feeling rather than a score.
#[must_use]
pub fn felt_heard_words(value: u8) -> &'static str {
    match value {
        0 | 1 => "didn't feel very heard this time",
        2 => "felt a little heard",
        3 => "felt partly heard",
        4 => "felt mostly heard",
        _ => "felt fully heard",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_distinct_and_short() {
        let set: std::collections::HashSet<&str> = TOPICS.iter().copied().collect();
        assert_eq!(set.len(), TOPICS.len());
        assert!(TOPICS.iter().all(|t| t.len() <= 80));
    }
}
