//! The coach's English lexicon, as data: phrases that tend to make a message harsh
//! (`harsh.rs`), phrases that make it gentle (`gentle.rs`), and the politeness
//! strategies, shorthand and small word lists that colour a score (`tone.rs`). Another
//! language is another set of tables like these. Phrases are lower-case words separated
//! by single spaces; apostrophes are straight (the tokenizer folds curly ones). A phrase
//! may say where it stands: a leading `^` opens a sentence, a trailing `$` ends one, a
//! trailing `?` ends a question, and `*` is any one word.

use super::Kind;

/// A phrase that counts against gentleness.
pub struct Harsh {
    pub phrase: &'static str,
    pub kind: Kind,
    /// Points taken off the score.
    pub weight: i32,
    /// A direct "why did you…" question rather than a statement.
    pub why_question: bool,
}

/// A phrase that counts towards gentleness.
pub struct Gentle {
    pub phrase: &'static str,
    pub what: GentleKind,
}

/// What a gentle phrase does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GentleKind {
    /// "I feel …"
    Feeling,
    /// "I need …", "I'd love …"
    Need,
    /// "Would you …?", "Could we …?"
    Request,
    /// "Thank you", "I appreciate …"
    Appreciation,
    /// "maybe", "a little", "when you have a moment"
    Softener,
    /// "please"
    Please,
    /// "I was wondering if …"
    Indirect,
    /// "I'm sorry", "my part"
    Ownership,
}

impl GentleKind {
    /// Points added to the score.
    pub fn weight(self) -> i32 {
        match self {
            Self::Feeling | Self::Appreciation => 10,
            Self::Request | Self::Ownership => 8,
            Self::Need => 7,
            Self::Please | Self::Indirect => 6,
            Self::Softener => 4,
        }
    }
}

macro_rules! harsh {
    ($kind:ident, $weight:expr, [$($p:literal),* $(,)?]) => {
        &[$(Harsh { phrase: $p, kind: Kind::$kind, weight: $weight, why_question: false }),*]
    };
}

// After the macro, which the tables use (macros are in scope from where they are defined).
mod gentle;
mod harsh;
mod tone;

pub use gentle::*;
pub use harsh::*;
pub use tone::*;
