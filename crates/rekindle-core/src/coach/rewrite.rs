//! The I-statement rewrite: "I feel … when … Would you …?", built from the message's own
//! situation when one can be lifted out of it (the verb phrase after "you never…", a
//! "why didn't you…", or a bare command), and a warm general shape otherwise.

use super::Kind;
use super::tokens::Token;

/// (kind, first token, last token, is a why-question) of each finding, in order.
pub type Hit = (Kind, usize, usize, bool);

/// Words cut from either end of a lifted phrase.
const FILLER: &[&str] = &[
    "even", "ever", "always", "never", "just", "again", "anymore", "any", "more",
];
/// Longest phrase lifted from the message, in words.
const MAX_WORDS: usize = 12;

fn feeling(kind: Kind) -> &'static str {
    match kind {
        Kind::Criticism => "hurt",
        Kind::Contempt => "really frustrated",
        Kind::Blame => "upset",
        Kind::Defensiveness => "misunderstood",
        Kind::Stonewalling => "overwhelmed",
        Kind::Absolute => "frustrated",
        Kind::Demand => "stretched thin",
    }
}

/// The rest of the sentence after token `after`, trimmed of filler, as written.
fn lift(text: &str, tokens: &[Token], after: usize) -> Option<String> {
    let sentence = tokens.get(after)?.sentence;
    let mut words: Vec<&Token> = tokens[after + 1..]
        .iter()
        .take_while(|t| t.sentence == sentence)
        .collect();
    while words
        .first()
        .is_some_and(|t| FILLER.contains(&t.norm.as_str()))
    {
        words.remove(0);
    }
    while words
        .last()
        .is_some_and(|t| FILLER.contains(&t.norm.as_str()))
    {
        words.pop();
    }
    if words.is_empty() || words.len() > MAX_WORDS {
        return None;
    }
    let phrase = &text[words[0].start..words[words.len() - 1].end];
    Some(lower_first(phrase))
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if !s.starts_with("I ") && !s.starts_with("I'") => {
            f.to_lowercase().chain(c).collect()
        }
        Some(f) => std::iter::once(f).chain(c).collect(),
        None => String::new(),
    }
}

fn phrase_of(tokens: &[Token], first: usize, last: usize) -> String {
    tokens[first..=last]
        .iter()
        .map(|t| t.norm.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A rewrite for a message with findings; `None` when there is nothing to soften.
pub fn suggest(text: &str, tokens: &[Token], hits: &[Hit]) -> Option<String> {
    let main = hits.iter().max_by_key(|h| weight_rank(h.0))?;
    let f = feeling(main.0);
    for &(kind, first, last, why) in hits {
        let phrase = phrase_of(tokens, first, last);
        let Some(x) = lift(text, tokens, last) else {
            continue;
        };
        if why
            && (phrase.ends_with("didn't you")
                || phrase.ends_with("don't you")
                || phrase.ends_with("can't you")
                || phrase.ends_with("won't you"))
        {
            return Some(format!(
                "I feel {f} about this, and it matters to me. Would you be willing to {x}?"
            ));
        }
        if kind == Kind::Demand && tokens[first].sentence_start && first == last {
            let from = if tokens[first].norm == "just" {
                first + 1
            } else {
                first
            };
            let x = lower_first(
                &text[tokens.get(from).map_or(tokens[first].start, |t| t.start)
                    ..sentence_end(tokens, first)],
            );
            return Some(format!(
                "I'm feeling {} right now. Would you {x}? It would really help me.",
                feeling(Kind::Demand)
            ));
        }
        if phrase.ends_with("never")
            || phrase.ends_with("don't")
            || phrase.ends_with("won't")
            || phrase.ends_with("can't even")
            || phrase.ends_with("don't even")
            || phrase.ends_with("never even")
        {
            return Some(format!(
                "I feel {f} when it seems you don't {x}. It matters to me. Would you {x}?"
            ));
        }
        if phrase.ends_with("always") || phrase.ends_with("always make") {
            return Some(format!(
                "I feel {f} when you {x}. I'd love us to find another way. Could we talk about it?"
            ));
        }
    }
    if main.3 {
        return Some(
            "I feel stressed when something I'm counting on is still waiting. Would you be able to take care of it today?".to_owned(),
        );
    }
    Some(match main.0 {
        Kind::Stonewalling => "I'm feeling overwhelmed and need a short break. Can we come back to this in twenty minutes?".to_owned(),
        Kind::Defensiveness => "I can hear this matters to you. Part of it may be on me — could we look at it together?".to_owned(),
        Kind::Blame => format!("I feel {f} about what happened, and I'd like us to understand it together. Could we talk about it?"),
        Kind::Contempt | Kind::Criticism => format!("I'm feeling {f} right now, and I don't want to say it in a way that hurts. Could we talk about what happened?"),
        Kind::Absolute | Kind::Demand => format!("I feel {f} when this happens. I'd love us to find a way that works for both of us. Would you be up for talking about it?"),
    })
}

fn sentence_end(tokens: &[Token], first: usize) -> usize {
    let sentence = tokens[first].sentence;
    tokens[first..]
        .iter()
        .take_while(|t| t.sentence == sentence)
        .last()
        .map_or(tokens[first].end, |t| t.end)
}

/// Which finding leads the rewrite: the most hurtful kind.
fn weight_rank(kind: Kind) -> u8 {
    match kind {
        Kind::Contempt => 7,
        Kind::Criticism => 6,
        Kind::Blame => 5,
        Kind::Stonewalling => 4,
        Kind::Defensiveness => 3,
        Kind::Demand => 2,
        Kind::Absolute => 1,
    }
}
