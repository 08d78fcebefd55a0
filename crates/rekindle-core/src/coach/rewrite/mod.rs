//! The I-statement rewrite: "I feel … when … Would you …?", built from the message's own
//! situation when one can be lifted out of it cleanly (`situation`: the rest of the
//! clause after "you never…", "you're always…", a "why didn't you…", or a bare command;
//! `clause`: where that clause ends), and a warm general shape otherwise. A message with
//! several harsh clauses is retold from its first clean situation only, which keeps the
//! rewrite short and kind.
//!
//! Drafts are tried in order of preference and the first that keeps the promises of
//! `guard` is offered: no flagged words repeated, nothing harsh in it. The last resort
//! keeps them for any message (a test checks it against the whole lexicon).

mod clause;
mod guard;
mod situation;

use super::tokens::Token;
use super::{Hit, Kind};
use guard::Guard;
use situation::{Shape, Situation};

fn feeling(kind: Kind) -> &'static str {
    match kind {
        Kind::Criticism => "hurt",
        Kind::Contempt | Kind::Insult => "very frustrated",
        Kind::Sarcasm => "disappointed",
        Kind::Ultimatum => "worried",
        Kind::Blame => "upset",
        Kind::Defensiveness => "misunderstood",
        Kind::Stonewalling => "overwhelmed",
        Kind::Absolute => "frustrated",
        Kind::Demand => "stretched thin",
    }
}

/// A rewrite for a message with findings; `None` when there is nothing to soften.
pub fn suggest(text: &str, tokens: &[Token], hits: &[Hit]) -> Option<String> {
    let main = hits.iter().max_by_key(|h| weight_rank(h.kind))?;
    let f = feeling(main.kind);
    let guard = Guard::new(tokens, hits);
    let from_situation = hits
        .iter()
        .filter_map(|h| situation::lift(text, tokens, hits, h))
        // After "Whatever." a command ("Do what you want") is part of the shutdown, not a
        // request to make kindly.
        .filter(|s| !(main.kind == Kind::Stonewalling && s.shape == Shape::Command))
        .find_map(|s| {
            drafts(&s, f)
                .into_iter()
                .find(|d| guard.allows(d, s.verb.as_deref()))
        });
    from_situation
        .or_else(|| general(main, f).into_iter().find(|d| guard.allows(d, None)))
        .or_else(|| Some(last_resort(f)))
}

/// I-statements around a lifted situation, most natural first.
fn drafts(s: &Situation, f: &str) -> Vec<String> {
    let x = &s.text;
    match s.shape {
        // "you don't listen" is itself criticism, so the second form says it otherwise.
        Shape::Missing => vec![
            format!("I feel {f} when it seems you don't {x}. It matters to me. Would you {x}?"),
            format!(
                "I feel {f} when it doesn't seem like you {x}. It matters to me. Would you {x}?"
            ),
        ],
        Shape::MissingState => vec![format!(
            "I feel {f} when you're not {x}. It matters to me. Would you be {x}?"
        )],
        Shape::Habit => vec![format!(
            "I feel {f} when you {x}. I'd love us to find another way. Could we talk about it?"
        )],
        Shape::HabitState => vec![format!(
            "I feel {f} when you're {x}. I'd love us to find another way. Could we talk about it?"
        )],
        Shape::Why => vec![format!(
            "I feel {f} about this, and it matters to me. Would you be willing to {x}?"
        )],
        Shape::Command => command_drafts(x),
    }
}

/// A bare command as a request. The variants exist for messages that already say
/// "right now" or use "help", which the first form would repeat.
fn command_drafts(x: &str) -> Vec<String> {
    let f = feeling(Kind::Demand);
    let mut out = Vec::new();
    for opening in [
        format!("I'm feeling {f} right now."),
        format!("I'm feeling {f}."),
    ] {
        for closing in ["It would really help me.", "It would mean a lot to me."] {
            out.push(format!("{opening} Would you {x}? {closing}"));
        }
    }
    out
}

/// The warm general shapes, used when no situation can be lifted cleanly.
fn general(main: &Hit, f: &str) -> Vec<String> {
    let mut out = Vec::new();
    if main.why_question {
        out.push("I feel stressed when something I'm counting on is still waiting. Would you be able to take care of it today?".to_owned());
    }
    out.push(match main.kind {
        Kind::Stonewalling => "I'm feeling overwhelmed and need a short break. Can we come back to this in twenty minutes?".to_owned(),
        Kind::Defensiveness => "I can hear this matters to you. Part of it may be on me — could we look at it together?".to_owned(),
        Kind::Blame => format!("I feel {f} about what happened, and I'd like us to understand it together. Could we talk about it?"),
        Kind::Contempt | Kind::Criticism | Kind::Insult | Kind::Sarcasm => format!("I'm feeling {f} right now, and I don't want to say it in a way that hurts. Could we talk about what happened?"),
        Kind::Ultimatum => format!("I'm feeling {f} about this, and it matters a lot to me. Could we work out together what happens next?"),
        Kind::Absolute | Kind::Demand => format!("I feel {f} when this happens. I'd love us to find a way that works for both of us. Would you be up for talking about it?"),
    });
    out
}

/// Offered when every other draft would repeat a flagged word. Its words are none of the
/// lexicon's harsh phrases nor a command verb, so it suits any message.
fn last_resort(f: &str) -> String {
    format!("I'm feeling {f}, and I'd like to say it kindly. Could we talk about what happened?")
}

/// Which finding sets the feeling: the most hurtful kind.
fn weight_rank(kind: Kind) -> u8 {
    match kind {
        Kind::Insult => 9,
        Kind::Contempt => 8,
        Kind::Ultimatum => 7,
        Kind::Sarcasm => 6,
        Kind::Criticism => 6,
        Kind::Blame => 5,
        Kind::Stonewalling => 4,
        Kind::Defensiveness => 3,
        Kind::Demand => 2,
        Kind::Absolute => 1,
    }
}

#[cfg(test)]
mod tests;
