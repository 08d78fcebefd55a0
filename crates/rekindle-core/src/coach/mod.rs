//! The gentle-start coach: a local, explainable analyser of a message about to be sent.
//! It finds criticism, contempt, blame, defensiveness, stonewalling, absolutes and
//! demands, recognises what is gentle (feelings, needs, requests, thanks, softeners),
//! scores the whole from 0 (harsh) to 100 (gentle), explains each finding, and offers an
//! I-statement rewrite built from the message's own words where it can. It suggests;
//! it never blocks. Deterministic, no network, no model.
//!
//! Grounding (facts, not sentences): Gottman's research distinguishes a *complaint*
//! (a specific situation, a feeling, a request) from *criticism* (an attack on
//! character), and found contempt the strongest predictor of separation; how a
//! conflict talk starts predicts how it ends.

pub mod lexicon;
mod rewrite;
mod tokens;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use lexicon::{GentleKind, Harsh};
use tokens::{Token, tokenize};

/// What a finding is about (the contract's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Criticism,
    Contempt,
    Blame,
    Defensiveness,
    Stonewalling,
    Absolute,
    Demand,
}

impl Kind {
    pub const ALL: [Self; 7] = [
        Self::Criticism,
        Self::Contempt,
        Self::Blame,
        Self::Defensiveness,
        Self::Stonewalling,
        Self::Absolute,
        Self::Demand,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Criticism => "criticism",
            Self::Contempt => "contempt",
            Self::Blame => "blame",
            Self::Defensiveness => "defensiveness",
            Self::Stonewalling => "stonewalling",
            Self::Absolute => "absolute",
            Self::Demand => "demand",
        }
    }

    /// The slug of the guide that says more about this pattern and what helps instead.
    #[must_use]
    pub fn guide(self) -> &'static str {
        match self {
            Self::Criticism | Self::Absolute | Self::Demand => "talking-without-accusing",
            // What tends to help against contempt is a habit of noticing the good.
            Self::Contempt => "saying-thank-you",
            Self::Blame => "owning-your-part",
            Self::Defensiveness => "apologies-that-help",
            Self::Stonewalling => "taking-a-break-when-flooded",
        }
    }
}

/// One thing the coach noticed, with where it is (byte offsets) and what to try.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub explanation: &'static str,
    pub suggestion: &'static str,
}

/// The coach's answer (the contract's object).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Analysis {
    /// 0 (harsh) … 100 (a gentle start).
    pub gentleness: u8,
    pub findings: Vec<Finding>,
    pub rewrite: Option<String>,
}

/// Where an ordinary, neutral message starts.
const BASE: i32 = 60;
/// Gentle words can lift a message this far at most.
const MAX_LIFT: i32 = 40;
/// A message with criticism, contempt or blame stays at or below this.
const HARSH_CEILING: i32 = 45;

fn explain(kind: Kind, why_question: bool) -> (&'static str, &'static str) {
    if why_question {
        return (
            "A \"why didn't you…\" question often lands as an accusation rather than curiosity.",
            "Say what you need instead: \"I'd love it if…\" or \"Could we…?\"",
        );
    }
    match kind {
        Kind::Criticism => (
            "\"You always/never…\" or a remark about who someone is tends to feel like an attack on their character, so the talk turns into a defence.",
            "Describe one specific moment and how you felt: \"Last night, when…, I felt…\".",
        ),
        Kind::Contempt => (
            "Insults, mockery and sarcasm carry disgust or superiority; in couples research this is the most corrosive pattern of all.",
            "Take a breath. Say what hurt or angered you, without the label.",
        ),
        Kind::Blame => (
            "Putting the whole cause on your partner invites them to defend themselves rather than listen.",
            "Talk about the effect on you and what you need, and leave room for both your parts.",
        ),
        Kind::Defensiveness => (
            "Counter-attacking or explaining a concern away can tell your partner it doesn't count.",
            "Try accepting even a small part first: \"You're right that I…\".",
        ),
        Kind::Stonewalling => (
            "Shutting the conversation down leaves your partner alone with it.",
            "If you're overwhelmed, say so and offer a time: \"I need twenty minutes, then I want to talk.\"",
        ),
        Kind::Absolute => (
            "Words like always and never are rarely literally true, and they start a debate about the exceptions.",
            "Name this time instead: \"today\", \"this week\".",
        ),
        Kind::Demand => (
            "A bare instruction can land as an order, even when you're only in a hurry.",
            "Turn it into a request: \"Would you…?\" — a please helps too.",
        ),
    }
}

/// A phrase entry of the index: its words and what it means.
enum Entry {
    Harsh(&'static Harsh),
    Gentle(GentleKind),
}

struct Index {
    by_first_word: HashMap<&'static str, Vec<(Vec<&'static str>, Entry)>>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut by_first_word: HashMap<&'static str, Vec<(Vec<&'static str>, Entry)>> =
            HashMap::new();
        let harsh = [
            lexicon::CRITICISM,
            lexicon::WHY_QUESTIONS,
            lexicon::CONTEMPT,
            lexicon::BLAME,
            lexicon::DEFENSIVENESS,
            lexicon::STONEWALLING,
            lexicon::ABSOLUTES,
            lexicon::DEMANDS,
        ];
        for list in harsh {
            for h in list {
                let words: Vec<&'static str> = h.phrase.split(' ').collect();
                by_first_word
                    .entry(words[0])
                    .or_default()
                    .push((words, Entry::Harsh(h)));
            }
        }
        for g in lexicon::GENTLE {
            let words: Vec<&'static str> = g.phrase.split(' ').collect();
            by_first_word
                .entry(words[0])
                .or_default()
                .push((words, Entry::Gentle(g.what)));
        }
        // Longest phrases first, so "you're such a" wins over "you're so".
        for list in by_first_word.values_mut() {
            list.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
        Index { by_first_word }
    })
}

fn matches_at(tokens: &[Token], i: usize, words: &[&str]) -> bool {
    tokens.len() >= i + words.len()
        && words
            .iter()
            .enumerate()
            .all(|(k, w)| tokens[i + k].norm == *w)
}

/// A harsh match before findings are merged.
struct Hit {
    kind: Kind,
    weight: i32,
    why_question: bool,
    /// A bare command found by the sentence rule ("Call the plumber."): its span is the
    /// opening verb, which a request may repeat ("Would you call…?").
    command: bool,
    first: usize,
    last: usize,
}

/// Analyses one message.
#[must_use]
pub fn analyse(text: &str) -> Analysis {
    let tokens = tokenize(text);
    let (hits, gentle) = detect(&tokens);
    score_and_report(text, &tokens, &hits, &gentle)
}

/// The harsh and gentle phrases of a tokenized message. The rewrite uses it too, to check
/// its own drafts.
fn detect(tokens: &[Token]) -> (Vec<Hit>, Vec<(GentleKind, usize)>) {
    let idx = index();
    let mut hits: Vec<Hit> = Vec::new();
    let mut gentle: Vec<(GentleKind, usize)> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut advanced = false;
        if let Some(list) = idx.by_first_word.get(tokens[i].norm.as_str()) {
            for (words, entry) in list {
                if !matches_at(tokens, i, words) {
                    continue;
                }
                let last = i + words.len() - 1;
                match entry {
                    Entry::Harsh(h) => {
                        // Stand-alone one-word stonewalls ("fine", "whatever") are handled
                        // below; absolutes inside a longer finding are not counted twice.
                        let inside = hits.iter().any(|x| x.first <= i && i <= x.last);
                        if !(h.kind == Kind::Absolute && inside) {
                            hits.push(Hit {
                                kind: h.kind,
                                weight: h.weight,
                                why_question: h.why_question,
                                command: false,
                                first: i,
                                last,
                            });
                        }
                    }
                    Entry::Gentle(g) => gentle.push((*g, i)),
                }
                if words.len() > 1 {
                    i = last + 1;
                    advanced = true;
                }
                break;
            }
        }
        if !advanced {
            i += 1;
        }
    }
    sentence_rules(tokens, &mut hits, &gentle);
    hits.sort_by_key(|h| (h.first, h.last));
    (hits, gentle)
}

/// Bare commands at the start of a sentence without please or a question, and curt
/// one-word shutdowns ("Fine.", "K.").
fn sentence_rules(tokens: &[Token], hits: &mut Vec<Hit>, gentle: &[(GentleKind, usize)]) {
    for (i, t) in tokens.iter().enumerate() {
        if !t.sentence_start {
            continue;
        }
        let sentence_len = tokens[i..]
            .iter()
            .take_while(|x| x.sentence == t.sentence)
            .count();
        let softened = gentle.iter().any(|(g, at)| {
            tokens[*at].sentence == t.sentence
                && matches!(
                    g,
                    GentleKind::Please | GentleKind::Request | GentleKind::Indirect
                )
        });
        if sentence_len == 1
            && matches!(t.norm.as_str(), "fine" | "k" | "ok" | "okay")
            && tokens.len() <= 3
        {
            hits.push(Hit {
                kind: Kind::Stonewalling,
                weight: 18,
                why_question: false,
                command: false,
                first: i,
                last: i,
            });
        } else if sentence_len >= 2
            && !softened
            && lexicon::IMPERATIVE_VERBS.contains(&t.norm.as_str())
            // "Just" commands only when a verb follows ("Just call…", not "Just unbelievable").
            && (t.norm != "just"
                || tokens
                    .get(i + 1)
                    .is_some_and(|n| lexicon::IMPERATIVE_VERBS.contains(&n.norm.as_str())))
        {
            let covered = hits.iter().any(|h| h.first <= i && i <= h.last);
            if !covered {
                hits.push(Hit {
                    kind: Kind::Demand,
                    weight: 12,
                    why_question: false,
                    command: true,
                    first: i,
                    last: i,
                });
            }
        }
    }
}

fn score_and_report(
    text: &str,
    tokens: &[Token],
    hits: &[Hit],
    gentle: &[(GentleKind, usize)],
) -> Analysis {
    let harsh: i32 = hits.iter().map(|h| h.weight).sum();
    let mut lift = 0;
    let mut softeners = 0;
    for (g, at) in gentle {
        let mut w = g.weight();
        if *g == GentleKind::Softener {
            softeners += 1;
            if softeners > 3 {
                continue;
            }
        }
        // "I feel" + a feeling word is a real feeling; "I feel that you…" is not.
        if *g == GentleKind::Feeling
            && !tokens
                .get(at + 2..(at + 5).min(tokens.len()))
                .unwrap_or_default()
                .iter()
                .any(|t| lexicon::FEELING_WORDS.contains(&t.norm.as_str()))
        {
            w = 3;
        }
        lift += w;
    }
    let shouting = tokens
        .iter()
        .filter(|t| t.shouted && t.norm != "ok")
        .count()
        .min(2);
    let bangs = text.matches('!').count().min(3);
    let penalty = i32::try_from(shouting * 6 + bangs * 3).unwrap_or(0);
    let mut score = BASE + lift.min(MAX_LIFT) - harsh - penalty;
    if hits.iter().any(|h| {
        matches!(h.kind, Kind::Criticism | Kind::Contempt | Kind::Blame) && !h.why_question
    }) {
        score = score.min(HARSH_CEILING);
    }
    let gentleness = u8::try_from(score.clamp(0, 100)).unwrap_or(0);
    let findings = hits
        .iter()
        .map(|h| {
            let (explanation, suggestion) = explain(h.kind, h.why_question);
            Finding {
                kind: h.kind,
                start: tokens[h.first].start,
                end: tokens[h.last].end,
                explanation,
                suggestion,
            }
        })
        .collect::<Vec<_>>();
    let rewrite = rewrite::suggest(text, tokens, hits);
    Analysis {
        gentleness,
        findings,
        rewrite,
    }
}

#[cfg(test)]
mod tests;
