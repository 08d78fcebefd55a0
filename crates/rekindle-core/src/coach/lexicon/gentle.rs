//! Phrases that make a message gentle, and the words that make "I feel…" a feeling.

use super::{Gentle, GentleKind};

pub const GENTLE: &[Gentle] = &[
    Gentle {
        phrase: "i feel",
        what: GentleKind::Feeling,
    },
    Gentle {
        phrase: "i felt",
        what: GentleKind::Feeling,
    },
    Gentle {
        phrase: "i'm feeling",
        what: GentleKind::Feeling,
    },
    Gentle {
        phrase: "i am feeling",
        what: GentleKind::Feeling,
    },
    Gentle {
        phrase: "i've been feeling",
        what: GentleKind::Feeling,
    },
    Gentle {
        phrase: "i have been feeling",
        what: GentleKind::Feeling,
    },
    Gentle {
        phrase: "i need",
        what: GentleKind::Need,
    },
    Gentle {
        phrase: "i'd love",
        what: GentleKind::Need,
    },
    Gentle {
        phrase: "i would love",
        what: GentleKind::Need,
    },
    Gentle {
        phrase: "it would help",
        what: GentleKind::Need,
    },
    Gentle {
        phrase: "it would mean a lot",
        what: GentleKind::Need,
    },
    Gentle {
        phrase: "i'd like",
        what: GentleKind::Need,
    },
    Gentle {
        phrase: "i would like",
        what: GentleKind::Need,
    },
    Gentle {
        phrase: "i miss",
        what: GentleKind::Need,
    },
    Gentle {
        phrase: "would you",
        what: GentleKind::Request,
    },
    Gentle {
        phrase: "could you",
        what: GentleKind::Request,
    },
    Gentle {
        phrase: "can you",
        what: GentleKind::Request,
    },
    Gentle {
        phrase: "could we",
        what: GentleKind::Request,
    },
    Gentle {
        phrase: "can we",
        what: GentleKind::Request,
    },
    Gentle {
        phrase: "would it be possible",
        what: GentleKind::Request,
    },
    Gentle {
        phrase: "would you be willing",
        what: GentleKind::Request,
    },
    Gentle {
        phrase: "would you mind",
        what: GentleKind::Request,
    },
    Gentle {
        phrase: "how about",
        what: GentleKind::Request,
    },
    Gentle {
        phrase: "what if we",
        what: GentleKind::Request,
    },
    Gentle {
        phrase: "shall we",
        what: GentleKind::Request,
    },
    Gentle {
        phrase: "let's",
        what: GentleKind::Request,
    },
    Gentle {
        phrase: "thank you",
        what: GentleKind::Appreciation,
    },
    Gentle {
        phrase: "thanks",
        what: GentleKind::Appreciation,
    },
    Gentle {
        phrase: "i appreciate",
        what: GentleKind::Appreciation,
    },
    Gentle {
        phrase: "i'm grateful",
        what: GentleKind::Appreciation,
    },
    Gentle {
        phrase: "i am grateful",
        what: GentleKind::Appreciation,
    },
    Gentle {
        phrase: "i love",
        what: GentleKind::Appreciation,
    },
    Gentle {
        phrase: "i loved",
        what: GentleKind::Appreciation,
    },
    Gentle {
        phrase: "it meant a lot",
        what: GentleKind::Appreciation,
    },
    Gentle {
        phrase: "that was kind",
        what: GentleKind::Appreciation,
    },
    Gentle {
        phrase: "i'm proud of you",
        what: GentleKind::Appreciation,
    },
    Gentle {
        phrase: "please",
        what: GentleKind::Please,
    },
    Gentle {
        phrase: "maybe",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "perhaps",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "i wonder",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "if you have time",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "when you have a moment",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "when you get a chance",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "if that's ok",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "if that's okay",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "a little",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "a bit",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "kind of",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "sometimes",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "i think",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "it seems",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "no pressure",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "no rush",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "if you can",
        what: GentleKind::Softener,
    },
    Gentle {
        phrase: "i was wondering",
        what: GentleKind::Indirect,
    },
    Gentle {
        phrase: "do you think",
        what: GentleKind::Indirect,
    },
    Gentle {
        phrase: "would it be ok",
        what: GentleKind::Indirect,
    },
    Gentle {
        phrase: "would it be okay",
        what: GentleKind::Indirect,
    },
    Gentle {
        phrase: "any chance",
        what: GentleKind::Indirect,
    },
    Gentle {
        phrase: "is there a chance",
        what: GentleKind::Indirect,
    },
    Gentle {
        phrase: "i'm sorry",
        what: GentleKind::Ownership,
    },
    Gentle {
        phrase: "i am sorry",
        what: GentleKind::Ownership,
    },
    Gentle {
        phrase: "i apologise",
        what: GentleKind::Ownership,
    },
    Gentle {
        phrase: "i apologize",
        what: GentleKind::Ownership,
    },
    Gentle {
        phrase: "my part",
        what: GentleKind::Ownership,
    },
    Gentle {
        phrase: "that's on me",
        what: GentleKind::Ownership,
    },
    Gentle {
        phrase: "i could have",
        what: GentleKind::Ownership,
    },
    Gentle {
        phrase: "i should have",
        what: GentleKind::Ownership,
    },
];

/// Words for feelings: an "I feel" followed by one of these is a real feeling, not an
/// opinion in disguise ("I feel that you…").
pub const FEELING_WORDS: &[&str] = &[
    "sad",
    "hurt",
    "lonely",
    "worried",
    "anxious",
    "frustrated",
    "overwhelmed",
    "tired",
    "scared",
    "disappointed",
    "stressed",
    "upset",
    "unheard",
    "unappreciated",
    "happy",
    "grateful",
    "close",
    "loved",
    "nervous",
    "confused",
    "alone",
    "exhausted",
    "ignored",
    "invisible",
    "afraid",
    "angry",
    "annoyed",
    "embarrassed",
    "jealous",
    "insecure",
    "relieved",
    "hopeful",
    "torn",
    "stuck",
    "drained",
    "rushed",
    "left",
];
