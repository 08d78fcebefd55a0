//! The compromise workspace's pure parts: where two stances meet (the words both used
//! about what matters to them, marked in each text), and what stage a topic is at.

use std::collections::HashSet;

/// Words too common to be common ground ("need", "feel" and the like say how, not what).
const STOPWORDS: &[&str] = &[
    "about",
    "after",
    "again",
    "also",
    "always",
    "because",
    "been",
    "before",
    "being",
    "both",
    "could",
    "didn",
    "does",
    "doesn",
    "doing",
    "done",
    "each",
    "even",
    "ever",
    "feel",
    "feeling",
    "from",
    "have",
    "having",
    "here",
    "into",
    "just",
    "know",
    "like",
    "little",
    "make",
    "more",
    "most",
    "much",
    "need",
    "needs",
    "never",
    "only",
    "other",
    "over",
    "really",
    "same",
    "should",
    "some",
    "something",
    "still",
    "such",
    "sure",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "very",
    "want",
    "wants",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "with",
    "would",
    "your",
    "yours",
];

/// A word's stem: lower case, a few English endings taken off, so "walks" and "walking"
/// meet "walk".
fn stem(word: &str) -> String {
    let w = word.to_lowercase();
    let w = w.trim_end_matches("'s").trim_end_matches("’s");
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(root) = w.strip_suffix(suffix)
            && root.chars().count() >= 3
        {
            return root.to_owned();
        }
    }
    w.to_owned()
}

/// The words of a text with their byte spans (letters, digits and apostrophes).
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || c == '\'' || c == '’';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn meaningful(word: &str) -> bool {
    word.chars().count() >= 4 && !STOPWORDS.contains(&word.to_lowercase().as_str())
}

/// The stems both texts share, in the order they first appear in `a`.
#[must_use]
pub fn common_ground(a: &str, b: &str) -> Vec<String> {
    let theirs: HashSet<String> = words(b)
        .into_iter()
        .map(|(s, e)| &b[s..e])
        .filter(|w| meaningful(w))
        .map(stem)
        .collect();
    let mut seen = HashSet::new();
    words(a)
        .into_iter()
        .map(|(s, e)| &a[s..e])
        .filter(|w| meaningful(w))
        .map(stem)
        .filter(|s| theirs.contains(s) && seen.insert(s.clone()))
        .collect()
}

/// A text cut into pieces, each marked when it is one of the shared words.
#[must_use]
pub fn highlight(text: &str, shared: &[String]) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut at = 0;
    for (s, e) in words(text) {
        let word = &text[s..e];
        if meaningful(word) && shared.contains(&stem(word)) {
            if s > at {
                out.push((text[at..s].to_owned(), false));
            }
            out.push((word.to_owned(), true));
            at = e;
        }
    }
    if at < text.len() {
        out.push((text[at..].to_owned(), false));
    }
    out
}

/// Where a topic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Each writes what is core, where they can flex and how they feel (sealed).
    Stances,
    /// Both stances are open; options are written and rated (ratings sealed).
    Options,
    /// Both rated every option: the ranking is open; one is to be chosen.
    Choose,
    /// An option is being tried until its review day.
    Trying,
    /// The review day has come.
    Review,
    /// Looked back on.
    Done,
}

/// The stage from what has happened (days as `YYYY-MM-DD`, compared as text).
#[must_use]
pub fn stage(
    stances_open: bool,
    ranked: bool,
    chosen: bool,
    review_on: Option<&str>,
    reviewed: bool,
    today: &str,
) -> Stage {
    match (stances_open, ranked, chosen, reviewed) {
        (false, ..) => Stage::Stances,
        (true, false, ..) => Stage::Options,
        (true, true, false, _) => Stage::Choose,
        (true, true, true, true) => Stage::Done,
        (true, true, true, false) => match review_on {
            Some(day) if day <= today => Stage::Review,
            _ => Stage::Trying,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_words_meet_across_endings_and_skip_the_common_ones() {
        let sam = "I need our Sunday walks, and time with my sister.";
        let alex = "I need quiet Sundays; walking together matters to me, and my sister's visits.";
        let shared = common_ground(sam, alex);
        assert_eq!(shared, ["sunday", "walk", "sister"]);
        let marked: Vec<String> = highlight(alex, &shared)
            .into_iter()
            .filter(|(_, on)| *on)
            .map(|(w, _)| w)
            .collect();
        assert_eq!(marked, ["Sundays", "walking", "sister's"]);
        let whole: String = highlight(alex, &shared)
            .into_iter()
            .map(|(w, _)| w)
            .collect();
        assert_eq!(whole, alex, "nothing lost");
        assert!(common_ground("I need to feel heard", "I need to feel seen").is_empty());
    }

    #[test]
    fn stages_follow_the_steps() {
        let t = "2026-12-01";
        assert_eq!(stage(false, false, false, None, false, t), Stage::Stances);
        assert_eq!(stage(true, false, false, None, false, t), Stage::Options);
        assert_eq!(stage(true, true, false, None, false, t), Stage::Choose);
        assert_eq!(
            stage(true, true, true, Some("2026-12-08"), false, t),
            Stage::Trying
        );
        assert_eq!(
            stage(true, true, true, Some("2026-12-01"), false, t),
            Stage::Review
        );
        assert_eq!(
            stage(true, true, true, Some("2026-11-01"), true, t),
            Stage::Done
        );
    }
}
