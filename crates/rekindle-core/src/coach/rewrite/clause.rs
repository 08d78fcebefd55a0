//! Where a lifted situation ends. A clause ends at any punctuation (only a plain space or
//! an in-word hyphen joins words), at the end of the sentence, at a conjunction that
//! starts a new clause ("…and you always…", "…but…", "…so I…"), and at the next finding
//! that starts one. A finding in the middle of the clause ("you always ruin
//! *everything*") means there is no clean lift, since cutting it out would leave half a
//! sentence.

use crate::coach::tokens::Token;
use crate::coach::{Hit, Kind};

/// Intensifiers cut from either end: they only sharpen the situation.
const FILLER: &[&str] = &[
    "even",
    "ever",
    "always",
    "never",
    "just",
    "again",
    "anymore",
    "any",
    "more",
    "anyway",
    "either",
    "really",
    "actually",
    "literally",
    "seriously",
    "honestly",
];
/// Conjunctions that always end the situation: what follows is an argument about it.
const BREAKS: &[&str] = &[
    "but", "because", "cause", "cos", "although", "though", "whereas", "unless",
];
/// Conjunctions that end it when a new clause follows ("and you never…", "so I…"),
/// but not inside one ("the bins and the recycling").
const JOINERS: &[&str] = &["and", "so", "or", "then", "plus", "yet", "while"];
/// Words that sit between a conjunction and its clause ("and ok so you…").
const INTERJECTIONS: &[&str] = &["ok", "okay", "oh", "well", "honestly", "seriously", "like"];
/// Words that open a clause of their own.
const CLAUSE_OPENERS: &[&str] = &[
    "i", "i'm", "i've", "i'd", "i'll", "you", "you're", "you've", "you'd", "you'll", "we", "we're",
    "it", "it's", "that", "that's", "this", "he", "she", "they", "there", "there's", "why", "how",
    "what", "what's", "if", "because", "thanks", "well", "yes", "yeah", "not",
];
/// Findings that may end a clause without being part of its meaning ("…right now",
/// "…all the time"); anything else inside the clause stops the lift.
const TRAILING_ADVERBS: &[&str] = &[
    "right now",
    "immediately",
    "asap",
    "all the time",
    "constantly",
    "forever",
    "every time",
    "everytime",
];

/// The token range `[start, end)` of the clause starting at `from`, trimmed of filler;
/// `None` when a finding sits inside it or it does not follow the opening directly.
pub fn clause(
    text: &str,
    tokens: &[Token],
    hits: &[Hit],
    opening: &Hit,
    from: usize,
) -> Option<(usize, usize)> {
    let sentence = tokens.get(from)?.sentence;
    // "You never, ever help": the comma already ends what the opening said.
    if from > opening.last && !joined(text, tokens, from) {
        return None;
    }
    let mut end = from;
    while let Some(t) = tokens.get(end) {
        if t.sentence != sentence || (end > from && !joined(text, tokens, end)) {
            break;
        }
        if end > opening.last {
            if let Some(h) = hits.iter().find(|h| h.first <= end && end <= h.last) {
                if opens_clause(tokens, h.first)
                    || (is_trailing_adverb(tokens, h) && clause_ends_after(text, tokens, hits, h))
                {
                    break;
                }
                return None;
            }
            if end > from && new_clause_at(tokens, hits, end) {
                break;
            }
        }
        end += 1;
    }
    Some(trimmed(tokens, from, end))
}

/// `[start, end)` without filler at either end or a loose conjunction at the end.
fn trimmed(tokens: &[Token], mut start: usize, mut end: usize) -> (usize, usize) {
    while start < end && FILLER.contains(&tokens[start].norm.as_str()) {
        start += 1;
    }
    loop {
        if end > start && is_loose_end(&tokens[end - 1].norm) {
            end -= 1;
        } else if end >= start + 2 && tokens[end - 2].norm == "at" && tokens[end - 1].norm == "all"
        {
            // "…listen to me at all?" would read as a jab.
            end -= 2;
        } else {
            break;
        }
    }
    (start, end)
}

/// Nothing but a plain space (or an in-word hyphen) between token `i` and the one before.
fn joined(text: &str, tokens: &[Token], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).and_then(|p| tokens.get(p)) else {
        return false;
    };
    let gap = &text[prev.end..tokens[i].start];
    gap == "-" || gap.chars().all(char::is_whitespace)
}

fn opens_clause(tokens: &[Token], i: usize) -> bool {
    CLAUSE_OPENERS.contains(&tokens[i].norm.as_str())
}

fn is_trailing_adverb(tokens: &[Token], h: &Hit) -> bool {
    let phrase = tokens[h.first..=h.last]
        .iter()
        .map(|t| t.norm.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    matches!(h.kind, Kind::Demand | Kind::Absolute)
        && !h.command
        && TRAILING_ADVERBS.contains(&phrase.as_str())
}

/// The clause ends right after finding `h`.
fn clause_ends_after(text: &str, tokens: &[Token], hits: &[Hit], h: &Hit) -> bool {
    let next = h.last + 1;
    tokens.get(next).is_none_or(|t| {
        t.sentence != tokens[h.last].sentence
            || !joined(text, tokens, next)
            || new_clause_at(tokens, hits, next)
            || hits
                .iter()
                .any(|o| o.first == next && opens_clause(tokens, next))
    })
}

/// Token `i` is a conjunction that starts a new clause.
fn new_clause_at(tokens: &[Token], hits: &[Hit], i: usize) -> bool {
    let word = tokens[i].norm.as_str();
    if BREAKS.contains(&word) {
        return true;
    }
    if !JOINERS.contains(&word) {
        return false;
    }
    // "…and then ok so you…": look past further joiners and interjections for the subject.
    let mut next = i + 1;
    while tokens.get(next).is_some_and(|t| {
        JOINERS.contains(&t.norm.as_str()) || INTERJECTIONS.contains(&t.norm.as_str())
    }) {
        next += 1;
    }
    tokens.get(next).is_some_and(|t| {
        t.sentence == tokens[i].sentence
            && (opens_clause(tokens, next) || hits.iter().any(|h| h.first == next))
    })
}

/// A word the situation should not end on.
fn is_loose_end(word: &str) -> bool {
    FILLER.contains(&word) || BREAKS.contains(&word) || JOINERS.contains(&word)
}
