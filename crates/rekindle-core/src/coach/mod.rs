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
    /// Mock praise and irony meant to sting ("Great job, as usual.").
    Sarcasm,
    /// Names and swearing aimed at the partner ("you idiot").
    Insult,
    /// A threat with a consequence ("Do it again and I'm gone").
    Ultimatum,
}

impl Kind {
    pub const ALL: [Self; 10] = [
        Self::Criticism,
        Self::Contempt,
        Self::Blame,
        Self::Defensiveness,
        Self::Stonewalling,
        Self::Absolute,
        Self::Demand,
        Self::Sarcasm,
        Self::Insult,
        Self::Ultimatum,
    ];

    /// Kinds that attack the person rather than the problem: a message with one never
    /// scores above the harsh ceiling, however polite the rest of it is.
    #[must_use]
    pub fn caps_the_score(self) -> bool {
        matches!(
            self,
            Self::Criticism
                | Self::Contempt
                | Self::Blame
                | Self::Sarcasm
                | Self::Insult
                | Self::Ultimatum
        )
    }

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
            Self::Sarcasm => "sarcasm",
            Self::Insult => "insult",
            Self::Ultimatum => "ultimatum",
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
            // Say the real thing plainly; when it comes out as names, step away first.
            Self::Sarcasm => "talking-without-accusing",
            Self::Insult => "taking-a-break-when-flooded",
            Self::Ultimatum => "compromise-without-surrender",
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
    /// The slug of the guide that says more (`/guides/{slug}`).
    pub guide: &'static str,
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
        Kind::Sarcasm => (
            "Praise that means its opposite stings twice: the hurt, and the mockery around it.",
            "Say the real thing plainly: \"I was hoping the dishes would be done, and I'm disappointed.\"",
        ),
        Kind::Insult => (
            "Names and swearing aimed at someone hurt long after the argument is over, and nothing gets solved while they're in the air.",
            "Name what upset you instead of naming them: \"I'm really angry that…\".",
        ),
        Kind::Ultimatum => (
            "A threat turns a problem you share into a test of power, and it's hard to hear anything after it.",
            "Say how much this matters and what you need: \"This is serious for me — can we work out a plan together?\"",
        ),
    }
}

/// A phrase entry of the index: what it means.
enum Entry {
    Harsh(&'static Harsh),
    Gentle(GentleKind),
    /// A politeness strategy's signed weight (`lexicon::TONE`).
    Tone(i32),
}

/// A lexicon phrase, read: its words ("*" is any one word) and where it must stand.
/// In the lexicon a leading `^` means "opens a sentence", a trailing `$` "ends one" and a
/// trailing `?` "ends a question".
struct Pattern {
    words: Vec<&'static str>,
    at_start: bool,
    at_end: bool,
    question: bool,
}

impl Pattern {
    fn read(phrase: &'static str) -> Self {
        let mut words: Vec<&'static str> = phrase.split(' ').collect();
        let at_start = words.first() == Some(&"^");
        if at_start {
            words.remove(0);
        }
        let (at_end, question) = match words.last() {
            Some(&"?") => (true, true),
            Some(&"$") => (true, false),
            _ => (false, false),
        };
        if at_end {
            words.pop();
        }
        Self {
            words,
            at_start,
            at_end,
            question,
        }
    }

    fn matches_at(&self, tokens: &[Token], i: usize) -> bool {
        let n = self.words.len();
        if tokens.len() < i + n || n == 0 {
            return false;
        }
        let last = i + n - 1;
        self.words
            .iter()
            .enumerate()
            .all(|(k, w)| *w == "*" || tokens[i + k].norm == *w)
            && (!self.at_start || tokens[i].sentence_start)
            && (!self.at_end || Token::ends_sentence(tokens, last))
            && (!self.question || tokens[last].question)
            // A phrase never runs across two sentences.
            && tokens[last].sentence == tokens[i].sentence
    }
}

struct Index {
    by_first_word: HashMap<&'static str, Vec<(Pattern, Entry)>>,
    shorthand: HashMap<&'static str, &'static str>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut by_first_word: HashMap<&'static str, Vec<(Pattern, Entry)>> = HashMap::new();
        let mut add = |phrase: &'static str, entry: Entry| {
            let pattern = Pattern::read(phrase);
            let first = pattern.words.first().copied().unwrap_or("*");
            by_first_word
                .entry(first)
                .or_default()
                .push((pattern, entry));
        };
        for list in lexicon::HARSH {
            for h in *list {
                add(h.phrase, Entry::Harsh(h));
            }
        }
        for g in lexicon::GENTLE {
            add(g.phrase, Entry::Gentle(g.what));
        }
        for (phrase, weight) in lexicon::TONE {
            add(phrase, Entry::Tone(*weight));
        }
        // Longest phrases first, so "you're such a" wins over "you're so".
        for list in by_first_word.values_mut() {
            list.sort_by_key(|e| std::cmp::Reverse(e.0.words.len()));
        }
        Index {
            by_first_word,
            shorthand: lexicon::SHORTHAND.iter().copied().collect(),
        }
    })
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
    let mut tokens = tokenize(text);
    // Texting shorthand reads as what it stands for ("u" is "you").
    let shorthand = &index().shorthand;
    for t in &mut tokens {
        if let Some(full) = shorthand.get(t.norm.as_str()) {
            (*full).clone_into(&mut t.norm);
        }
    }
    let found = detect(&tokens);
    score_and_report(text, &tokens, &found)
}

/// The harsh and gentle phrases of a tokenized message. The rewrite uses it too, to check
/// its own drafts.
fn detect(tokens: &[Token]) -> Detected {
    let idx = index();
    let mut found = Detected::default();
    let wildcard = idx.by_first_word.get("*");
    let mut i = 0;
    while i < tokens.len() {
        let mut advanced = false;
        let candidates = idx
            .by_first_word
            .get(tokens[i].norm.as_str())
            .into_iter()
            .chain(wildcard)
            .flatten();
        for (pattern, entry) in candidates {
            if !pattern.matches_at(tokens, i) {
                continue;
            }
            let last = i + pattern.words.len() - 1;
            match entry {
                Entry::Harsh(h) => {
                    // Absolutes inside a longer finding are not counted twice; praise
                    // after an intensifier ("you're such a good dad") is not criticism.
                    let inside = found.hits.iter().any(|x| x.first <= i && i <= x.last);
                    let praise = pattern
                        .words
                        .last()
                        .is_some_and(|w| lexicon::INTENSIFIERS.contains(w))
                        && tokens
                            .get(last + 1)
                            .is_some_and(|t| lexicon::PRAISE.contains(&t.norm.as_str()));
                    if praise {
                        continue;
                    }
                    if !(h.kind == Kind::Absolute && inside) {
                        found.hits.push(Hit {
                            kind: h.kind,
                            weight: h.weight,
                            why_question: h.why_question,
                            command: false,
                            first: i,
                            last,
                        });
                    }
                }
                Entry::Gentle(g) => found.gentle.push((*g, i)),
                Entry::Tone(w) => found.tone.push(*w),
            }
            if pattern.words.len() > 1 {
                i = last + 1;
                advanced = true;
            }
            break;
        }
        if !advanced {
            i += 1;
        }
    }
    sentence_rules(tokens, &mut found.hits, &found.gentle);
    found.hits.sort_by_key(|h| (h.first, h.last));
    found
}

/// What a message holds: harsh hits, gentle phrases (with where they start) and the
/// signed weights of the politeness strategies it uses.
#[derive(Default)]
struct Detected {
    hits: Vec<Hit>,
    gentle: Vec<(GentleKind, usize)>,
    tone: Vec<i32>,
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
            && lexicon::CURT_REPLIES.contains(&t.norm.as_str())
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
            && !gentle.iter().any(|(_, at)| *at == i)
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

/// Negative politeness strategies can take at most this much off an otherwise plain
/// message (they colour it; findings are what make a message harsh).
const MAX_TONE_DROP: i32 = 20;

fn score_and_report(text: &str, tokens: &[Token], found: &Detected) -> Analysis {
    let hits = &found.hits;
    let harsh: i32 = hits.iter().map(|h| h.weight).sum();
    let mut lift = 0;
    let mut softeners = 0;
    for (g, at) in &found.gentle {
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
    let tone_up: i32 = found.tone.iter().filter(|w| **w > 0).sum();
    let tone_down: i32 = -found.tone.iter().filter(|w| **w < 0).sum::<i32>();
    let shouting = tokens
        .iter()
        .filter(|t| t.shouted && t.norm != "ok")
        .count()
        .min(2);
    // Exclamation marks are as often warmth as heat in a text, so they count little.
    let bangs = text.matches('!').count().min(2);
    // "?!", "??": exasperation.
    let exasperated =
        (text.matches("?!").count() + text.matches("!?").count() + text.matches("??").count())
            .min(2);
    let penalty = i32::try_from(shouting * 6 + bangs * 2 + exasperated * 6).unwrap_or(0);
    let mut score =
        BASE + (lift + tone_up).min(MAX_LIFT) - tone_down.min(MAX_TONE_DROP) - harsh - penalty;
    if hits
        .iter()
        .any(|h| h.kind.caps_the_score() && !h.why_question)
    {
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
                guide: h.kind.guide(),
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
