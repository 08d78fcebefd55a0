//! Lifting a situation out of the message: the words after a harsh "you …" opening
//! ("you never *listen to me*"), a "why didn't you…", or a bare command, to the end of
//! that clause (see `clause`), in the message's own words.

use super::clause::clause;
use crate::coach::Hit;
use crate::coach::tokens::Token;

/// How the opening frames the lifted words, which decides the I-statement's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// "you never listen" → "…you don't listen… Would you listen?"
    Missing,
    /// "you're never home" → "…you're not home… Would you be home?"
    MissingState,
    /// "you always leave…" → "…when you leave…"
    Habit,
    /// "you're always on your phone" → "…when you're on your phone…"
    HabitState,
    /// "why didn't you call" → "Would you be willing to call…?"
    Why,
    /// "Call the plumber." → "Would you call the plumber?"
    Command,
}

/// A situation lifted from the message, in the message's own words.
pub struct Situation {
    pub shape: Shape,
    /// As written (shouting calmed), lower-case first unless it starts with "I".
    pub text: String,
    /// For a command, its verb (normalised): the one flagged word the request repeats.
    pub verb: Option<String>,
}

/// Longest situation lifted, in words; a longer clause is retold in general words.
const MAX_WORDS: usize = 12;
/// Verbs that only lean on another ("you never *will*").
const AUXILIARIES: &[&str] = &[
    "will", "would", "do", "does", "did", "can", "could", "should", "shall", "have", "has", "had",
    "is", "are", "am", "was", "were", "be", "must", "might", "may",
];
/// Common irregular past tenses, for [`looks_past`].
const IRREGULAR_PAST: &[&str] = &[
    "did",
    "said",
    "went",
    "came",
    "made",
    "took",
    "got",
    "gave",
    "forgot",
    "left",
    "told",
    "brought",
    "thought",
    "bought",
    "sent",
    "kept",
    "ate",
    "saw",
    "was",
    "were",
    "had",
    "knew",
    "found",
    "felt",
    "heard",
    "ran",
    "sat",
    "stood",
    "spent",
    "paid",
    "lost",
    "wrote",
    "spoke",
    "broke",
    "chose",
    "drove",
    "woke",
    "understood",
    "forgave",
    "threw",
    "began",
];

/// The situation `hit` opens, if one can be lifted without any flagged words.
pub fn lift(text: &str, tokens: &[Token], hits: &[Hit], hit: &Hit) -> Option<Situation> {
    let (shape, from) = opening(tokens, hit)?;
    let (start, end) = clause(text, tokens, hits, hit, from)?;
    // A command of one word ("Look, …") is more often a turn of phrase than a request.
    let min = if shape == Shape::Command { 2 } else { 1 };
    if end - start < min || end - start > MAX_WORDS || !fits(shape, &tokens[start..end]) {
        return None;
    }
    Some(Situation {
        shape,
        text: written(text, &tokens[start..end]),
        verb: (shape == Shape::Command).then(|| tokens[start].norm.clone()),
    })
}

/// Whether the words read well in the shape's sentences. A lone auxiliary ("you never
/// *will*") says nothing to ask for, and a past tense cannot follow "you don't" or
/// "Would you" ("Would you called…?"); the general shape reads better than either.
fn fits(shape: Shape, words: &[Token]) -> bool {
    let first = words.first().map_or("", |t| t.norm.as_str());
    let verb_phrase = matches!(shape, Shape::Missing | Shape::Habit | Shape::Why);
    let needs_base_form = matches!(shape, Shape::Missing | Shape::Why);
    let lone_auxiliary = verb_phrase && words.len() == 1 && AUXILIARIES.contains(&first);
    let past = needs_base_form && looks_past(first);
    !(lone_auxiliary || past)
}

/// A past-tense verb, by its ending or from a short list of common irregular ones.
fn looks_past(word: &str) -> bool {
    let regular = word.len() >= 5 && word.ends_with("ed") && !word.ends_with("eed");
    regular || IRREGULAR_PAST.contains(&word)
}

/// The shape a finding gives to the words after it, and the token they start at.
fn opening(tokens: &[Token], hit: &Hit) -> Option<(Shape, usize)> {
    let after = hit.last + 1;
    if hit.command {
        let verb = if tokens[hit.first].norm == "just" {
            hit.first + 1
        } else {
            hit.first
        };
        // "Don't shout" or "Do not shout" can't become "Would you don't…".
        let negative = tokens.get(verb).is_none_or(|t| t.norm == "don't")
            || tokens.get(verb + 1).is_some_and(|t| t.norm == "not");
        return (!negative).then_some((Shape::Command, verb));
    }
    let words: Vec<&str> = tokens[hit.first..=hit.last]
        .iter()
        .map(|t| t.norm.as_str())
        .collect();
    let mut core = words.as_slice();
    while let [rest @ .., "even" | "ever"] = core {
        core = rest;
    }
    if hit.why_question {
        let asks_for_something =
            matches!(core, [.., "didn't" | "don't" | "can't" | "won't", "you"]);
        return asks_for_something.then_some((Shape::Why, after));
    }
    // Only a "you …" opening describes something the partner does; "we always…" and
    // "I never…" are not theirs to change.
    if !matches!(core.first(), Some(&("you" | "you're" | "you'll"))) {
        return None;
    }
    match core {
        [.., "you're" | "are", "always"] => Some((Shape::HabitState, after)),
        [.., "you're" | "are", "never"] => Some((Shape::MissingState, after)),
        // The verb is part of the finding: "you always make | me late".
        [.., "always", "make"] => Some((Shape::Habit, hit.last)),
        [.., "always"] => Some((Shape::Habit, after)),
        [.., "don't", "listen"] => Some((Shape::Missing, hit.last)),
        [.., "never" | "don't" | "won't" | "can't" | "cannot"] | [.., "do", "not"] => {
            Some((Shape::Missing, after))
        }
        _ => None,
    }
}

/// The words as the message wrote them, single-spaced. A rewrite should not shout, so
/// when any of them is shouted, all go to lower case (short ones like "TO ME" are not
/// counted as shouting on their own).
fn written(text: &str, words: &[Token]) -> String {
    let loud = words.iter().any(|t| t.shouted);
    let mut out = String::new();
    for (k, t) in words.iter().enumerate() {
        if k > 0 {
            let hyphen = &text[words[k - 1].end..t.start] == "-";
            out.push(if hyphen { '-' } else { ' ' });
        }
        let word = &text[t.start..t.end];
        if loud {
            out.push_str(&calm(word, t));
        } else {
            out.push_str(word);
        }
    }
    lower_first(&out)
}

/// A word in lower case, but "I" stays a capital.
fn calm(word: &str, t: &Token) -> String {
    let lower = word.to_lowercase();
    if t.norm == "i" || t.norm.starts_with("i'") {
        upper_first(&lower)
    } else {
        lower
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The situation goes mid-sentence, so its first letter is lower-case, unless it is "I".
fn lower_first(s: &str) -> String {
    if s == "I" || s.starts_with("I ") || s.starts_with("I'") || s.starts_with("I\u{2019}") {
        return s.to_owned();
    }
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}
