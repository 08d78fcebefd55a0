//! The rewrite's two promises, checked on every draft before it is offered: it repeats
//! none of the words the coach flagged in the message (as whole words, whatever the case
//! or apostrophe), and the coach, reading the draft, finds nothing harsh in it.
//!
//! Two allowances, both narrow. A bare command's verb may stand in the request made of it
//! ("Call the plumber." → "Would you call the plumber?"): the finding is about the bare
//! form, and a request is what its suggestion asks for. And the fixed phrase "right now"
//! of two long-standing templates ("I'm feeling stretched thin right now") is allowed,
//! though the lexicon counts it as urgency; a message that itself says "right now" never
//! sees it, by the first promise.

use crate::coach::tokens::{Token, tokenize};
use crate::coach::{Hit, Kind, detect};

/// The flagged words of one message.
pub struct Guard {
    flagged: Vec<Flagged>,
}

struct Flagged {
    words: Vec<String>,
    command: bool,
}

impl Guard {
    pub fn new(tokens: &[Token], hits: &[Hit]) -> Self {
        let flagged = hits
            .iter()
            .map(|h| Flagged {
                words: tokens[h.first..=h.last]
                    .iter()
                    .map(|t| t.norm.clone())
                    .collect(),
                command: h.command,
            })
            .collect();
        Self { flagged }
    }

    /// Whether `draft` keeps both promises. `request_verb` is the verb of the bare command
    /// the draft turns into "Would you …?", if it does.
    pub fn allows(&self, draft: &str, request_verb: Option<&str>) -> bool {
        let tokens = tokenize(draft);
        let words: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
        let repeats = self.flagged.iter().any(|f| {
            let allowed = match (f.command, request_verb, f.words.as_slice()) {
                (true, Some(verb), [word]) if word == verb => {
                    occurrences(&words, &["would", "you", verb])
                }
                _ => 0,
            };
            occurrences(&words, &f.words) > allowed
        });
        !repeats && reads_gently(&tokens)
    }
}

/// How many times `needle` appears in `words` as consecutive words.
fn occurrences<S: AsRef<str>>(words: &[&str], needle: &[S]) -> usize {
    if needle.is_empty() {
        return 0;
    }
    words
        .windows(needle.len())
        .filter(|w| w.iter().zip(needle).all(|(a, b)| *a == b.as_ref()))
        .count()
}

/// The coach finds nothing in the draft but the templates' own "right now".
fn reads_gently(tokens: &[Token]) -> bool {
    detect(tokens).hits.iter().all(|h| {
        h.kind == Kind::Demand
            && !h.command
            && tokens[h.first..=h.last]
                .iter()
                .map(|t| t.norm.as_str())
                .eq(["right", "now"])
    })
}
