//! The coach's English lexicon, as data: phrases that tend to make a message harsh, and
//! phrases that make it gentle, each with a weight. Another language is another table
//! like this one. Phrases are lower-case words separated by single spaces; apostrophes
//! are straight (the tokenizer folds curly ones).

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

pub const CRITICISM: &[Harsh] = harsh!(
    Criticism,
    22,
    [
        "you always",
        "you never",
        "you're always",
        "you are always",
        "you're never",
        "you are never",
        "you're so",
        "you are so",
        "you're such a",
        "you are such a",
        "you're such an",
        "you are such an",
        "what's wrong with you",
        "what is wrong with you",
        "you don't even",
        "you do not even",
        "you can't even",
        "you cannot even",
        "you never even",
        "you only ever",
        "you don't care",
        "you do not care",
        "you don't listen",
        "you don't ever",
        "you're impossible",
        "you are impossible",
        "typical of you",
        "so typical",
        "you're just like",
        "you are just like",
        "you're the worst",
        "you are the worst",
        "you're too",
        "you are too",
        "you're hopeless",
        "you are hopeless",
        "you'll never",
        "you will never",
        "you just don't",
        "you just never",
        "you just always",
    ]
);

pub const WHY_QUESTIONS: &[Harsh] = &[
    Harsh {
        phrase: "why didn't you",
        kind: Kind::Criticism,
        weight: 12,
        why_question: true,
    },
    Harsh {
        phrase: "why did you",
        kind: Kind::Criticism,
        weight: 12,
        why_question: true,
    },
    Harsh {
        phrase: "why don't you",
        kind: Kind::Criticism,
        weight: 12,
        why_question: true,
    },
    Harsh {
        phrase: "why do you",
        kind: Kind::Criticism,
        weight: 12,
        why_question: true,
    },
    Harsh {
        phrase: "why haven't you",
        kind: Kind::Criticism,
        weight: 12,
        why_question: true,
    },
    Harsh {
        phrase: "why can't you",
        kind: Kind::Criticism,
        weight: 14,
        why_question: true,
    },
    Harsh {
        phrase: "why won't you",
        kind: Kind::Criticism,
        weight: 12,
        why_question: true,
    },
    Harsh {
        phrase: "why are you",
        kind: Kind::Criticism,
        weight: 10,
        why_question: true,
    },
    Harsh {
        phrase: "why would you",
        kind: Kind::Criticism,
        weight: 12,
        why_question: true,
    },
    Harsh {
        phrase: "how many times",
        kind: Kind::Criticism,
        weight: 16,
        why_question: true,
    },
    Harsh {
        phrase: "how come you",
        kind: Kind::Criticism,
        weight: 10,
        why_question: true,
    },
];

pub const CONTEMPT: &[Harsh] = harsh!(
    Contempt,
    30,
    [
        "idiot",
        "stupid",
        "pathetic",
        "useless",
        "lazy",
        "selfish",
        "loser",
        "moron",
        "dumb",
        "ridiculous",
        "disgusting",
        "worthless",
        "incompetent",
        "clueless",
        "childish",
        "grow up",
        "get a life",
        "give me a break",
        "yeah right",
        "oh please",
        "big surprise",
        "what a surprise",
        "oh great",
        "nice job",
        "good job genius",
        "whatever you say",
        "who cares",
        "how hard can it be",
        "are you serious",
        "unbelievable",
        "eye roll",
        "lol",
        "ugh",
        "pfft",
        "duh",
        "genius",
        "crazy",
        "psycho",
        "shut up",
        "sure you did",
        "oh sure",
        "as if",
        "get over it",
        "spare me",
    ]
);

pub const BLAME: &[Harsh] = harsh!(
    Blame,
    20,
    [
        "your fault",
        "because of you",
        "you made me",
        "you caused",
        "thanks to you",
        "you ruined",
        "you started it",
        "you did this",
        "if you had",
        "if you hadn't",
        "if only you",
        "all because you",
        "you're the reason",
        "you are the reason",
        "you always make",
        "you make me",
        "blame you",
        "you're responsible",
        "you are responsible",
        "you forced me",
    ]
);

pub const DEFENSIVENESS: &[Harsh] = harsh!(
    Defensiveness,
    14,
    [
        "not my fault",
        "i didn't do anything",
        "i did nothing wrong",
        "that's not true",
        "that is not true",
        "yes but",
        "yeah but",
        "what about you",
        "well you",
        "you're one to talk",
        "look who's talking",
        "i was only",
        "not my problem",
        "don't blame me",
        "it wasn't me",
        "i had no choice",
        "you're overreacting",
        "you are overreacting",
        "you're too sensitive",
        "you are too sensitive",
        "calm down",
        "i never said that",
        "that's not what happened",
        "you're imagining things",
        "you do it too",
        "you did it too",
    ]
);

pub const STONEWALLING: &[Harsh] = harsh!(
    Stonewalling,
    18,
    [
        "whatever",
        "i'm done",
        "i am done",
        "forget it",
        "leave me alone",
        "i don't care",
        "i do not care",
        "talk to the hand",
        "i'm not talking about this",
        "i'm not discussing this",
        "drop it",
        "end of discussion",
        "i don't want to talk",
        "go away",
        "never mind",
        "nevermind",
        "not doing this",
        "i'm not doing this",
        "not again",
        "conversation over",
    ]
);

pub const ABSOLUTES: &[Harsh] = harsh!(
    Absolute,
    6,
    [
        "always",
        "never",
        "every time",
        "everytime",
        "everything",
        "nothing",
        "constantly",
        "all the time",
        "nobody",
        "no one",
        "forever",
        "every single",
    ]
);

pub const DEMANDS: &[Harsh] = harsh!(
    Demand,
    12,
    [
        "you need to",
        "you have to",
        "you must",
        "you better",
        "you'd better",
        "you had better",
        "i want you to",
        "i expect you to",
        "you should",
        "right now",
        "immediately",
        "asap",
    ]
);

/// Verbs that make a bare command when they open a sentence.
pub const IMPERATIVE_VERBS: &[&str] = &[
    "stop", "do", "don't", "get", "give", "go", "come", "clean", "fix", "call", "answer", "tell",
    "take", "put", "bring", "make", "pick", "shut", "listen", "help", "leave", "hurry", "move",
    "wash", "pay", "text", "look", "just", "remember", "buy", "send", "finish", "sort", "tidy",
    "cook", "empty", "turn", "quit", "keep", "reply", "respond", "check",
];

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
