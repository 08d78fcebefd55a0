//! The demo couple's words: Maya and Tom, together eleven years, who noticed they had
//! become good flatmates and decided to try. Their numbers start low and lift slowly,
//! with bad days in between, as real ones do. Every line here is ours.

/// The two people, as (display name, e-mail).
pub const PEOPLE: [(&str, &str); 2] = [
    ("Maya", "maya@demo.rekindle.local"),
    ("Tom", "tom@demo.rekindle.local"),
];

pub const TIMEZONE: &str = "Europe/London";

/// Appreciations, said out loud in a check-in.
pub const APPRECIATIONS: &[&str] = &[
    "You made coffee before I was even up.",
    "Thank you for taking the bins out in the rain.",
    "You listened about work without fixing it.",
    "The playlist in the car this morning.",
    "You remembered to ask about my dentist appointment.",
    "Thanks for sorting the boiler man, that was a slog.",
    "You laughed at my terrible joke. Twice.",
    "Dinner was lovely, and so was the washing up after.",
    "You held my hand on the walk home.",
    "Thank you for the note in my bag.",
    "You gave me the quiet hour I needed.",
    "You called your mum back for us, I know it was hard.",
    "The way you were with my sister on Sunday.",
    "You noticed I was tired and ran the bath.",
    "Thank you for saying sorry first.",
];

/// Private check-in notes, for the writer's eyes only.
pub const PRIVATE_NOTES: &[&str] = &[
    "Felt far away at dinner. Not sure either of us knew what to say.",
    "Better today. The walk helped.",
    "Work took everything again; nothing left for us by nine.",
    "I want to bring up the weekends but not when we're both tired.",
    "A good, ordinary day. I'd forgotten those feel like this.",
    "Snapped about the dishes. It wasn't really about the dishes.",
    "We talked properly for the first time in weeks.",
];

/// Answers to the question of the day, by the question's category.
pub fn answer(category: &str, who: usize, n: usize) -> &'static str {
    let choices: &[&str] = match (category, who) {
        ("memories", 0) => &[
            "The night the power went out and we ate cereal by candlelight.",
            "Our first flat, with the window that never shut properly.",
        ],
        ("memories", _) => &[
            "Getting lost in Porto and not minding at all.",
            "You, asleep on the train home from your brother's wedding.",
        ],
        ("hopes" | "dreams" | "future" | "ambitions", 0) => &[
            "That we keep making room for each other when the year gets busy.",
            "A small garden, and time to sit in it together.",
        ],
        ("hopes" | "dreams" | "future" | "ambitions", _) => &[
            "To travel somewhere new every year, even if it's near.",
            "That we still make each other laugh at seventy.",
        ],
        ("fears", 0) => &[
            "That we drift and only notice when it's too late. Less afraid now.",
            "Letting you down without realising it.",
        ],
        ("fears", _) => &[
            "That I don't say enough and you fill the silence with the worst guess.",
            "Losing the easy way we used to be.",
        ],
        ("appreciation", 0) => &[
            "How steady you are when everything around us is loud.",
            "Your patience with my family.",
        ],
        ("appreciation", _) => &[
            "You make every room warmer. I mean it.",
            "How you never let a friend's birthday go by.",
        ],
        (_, 0) => &[
            "Honestly? A slow Sunday with nowhere to be.",
            "I'd say the sea, every time.",
            "Something I haven't told you: I still have the first card you gave me.",
        ],
        _ => &[
            "Cooking together with the radio on.",
            "Probably the mountains, though you'd talk me into the beach.",
            "More than I usually say out loud.",
        ],
    };
    choices[n % choices.len()]
}

/// Love-map rounds: five answers about oneself, and the partner's five guesses.
pub const MAP_ANSWERS: [[&str; 5]; 3] = [
    [
        "Rain on the skylight",
        "My friend Priya",
        "The presentation on Thursday",
        "Learning to sail",
        "Cold pizza for breakfast",
    ],
    [
        "Salt and vinegar crisps",
        "Being talked over in meetings",
        "My grandmother's ring",
        "A cabin with no signal",
        "Our first holiday in Wales",
    ],
    [
        "The smell of bread baking",
        "Not being good enough at work",
        "Seeing the northern lights",
        "My cousin Ellie",
        "Autumn, always autumn",
    ],
];

pub const MAP_GUESSES: [[&str; 5]; 3] = [
    [
        "Thunderstorms",
        "Priya",
        "Something at work this week",
        "Sailing, I think",
        "Toast",
    ],
    [
        "Crisps, the sour ones",
        "Meetings",
        "Your gran's ring",
        "Somewhere quiet",
        "Wales",
    ],
    [
        "Fresh bread",
        "Work, again",
        "The northern lights",
        "Ellie",
        "Autumn",
    ],
];

/// How each round's guesses were marked (they get closer).
pub const MAP_MARKS: [[&str; 5]; 3] = [
    ["not_quite", "spot_on", "close", "spot_on", "not_quite"],
    ["spot_on", "close", "spot_on", "close", "spot_on"],
    ["spot_on", "close", "spot_on", "spot_on", "spot_on"],
];

/// Listening sessions: a topic, the speaker's piece, the listener's paraphrase.
pub const LISTENING: &[(&str, &str, &str)] = &[
    (
        "Our weekends",
        "I feel like weekends disappear into errands and I miss just being with you.",
        "You miss having time that's only ours, not just jobs.",
    ),
    (
        "Your mum's visit",
        "I get anxious before she comes because I want it to go well for you.",
        "You worry about the visit because you care how it feels for me.",
    ),
    (
        "Phones at dinner",
        "When we both scroll at dinner I feel lonely even though you're right there.",
        "Scrolling at the table leaves you feeling alone with me.",
    ),
    (
        "Money this winter",
        "I'm scared about the heating bills and I haven't said because I didn't want to worry you.",
        "You've been carrying the bills worry on your own so I wouldn't have to.",
    ),
];

/// State of Us notes by section.
pub const WENT_WELL: &[&str] = &[
    "The walk on Saturday morning.",
    "We cooked together twice.",
    "Talking in bed instead of scrolling.",
    "You came to the school play with me.",
];
pub const NEXT_WEEK: &[&str] = &[
    "Plan one evening with no screens.",
    "Book the dentist for both of us.",
    "Try the new café on Sunday.",
    "Ask each other one real question at dinner.",
];

/// Love notes.
pub const NOTES: &[&str] = &[
    "Thinking of you in that long meeting. You've got this.",
    "I loved last night. Just saying.",
    "Home by six, I'll bring the good bread.",
    "Still the best decision I ever made.",
    "Thank you for being patient with me this week.",
    "You looked so happy at the market. I want more of that for you.",
];

/// Journal entries, each with its tags: Maya's, then Tom's.
pub const JOURNAL: [&[(&str, &[&str])]; 2] = [MAYA_JOURNAL, TOM_JOURNAL];

const TOM_JOURNAL: &[(&str, &[&str])] = &[
    (
        "I go quiet when I'm stressed and she reads it as distance. Both true, I suppose.",
        &["me"],
    ),
    (
        "Said the thing about money out loud. The sky didn't fall.",
        &["listening", "hope"],
    ),
    (
        "Planned the date myself this time. Her face when she saw the place.",
        &["joy", "us"],
    ),
];

const MAYA_JOURNAL: &[(&str, &[&str])] = &[
    (
        "I keep waiting for us to feel like before, but maybe it's not about before. Maybe it's about now.",
        &["hope"],
    ),
    (
        "Got defensive when he mentioned the weekends. I think I heard blame that wasn't there.",
        &["conflict", "me"],
    ),
    (
        "The listening exercise felt silly for two minutes and then it didn't.",
        &["listening"],
    ),
    (
        "Small thing: he put my mug out. I noticed. I want to keep noticing.",
        &["gratitude"],
    ),
    (
        "Tired and short-tempered today. Not his fault. Writing it here instead of taking it out on him.",
        &["me"],
    ),
    (
        "We laughed properly tonight. I'd missed that sound.",
        &["joy", "us"],
    ),
];

/// Things one partner knows the other loves (the private gestures list).
pub const LOVES: [&[&str]; 2] = [
    &["Hot chocolate with cinnamon", "Old jazz on a Sunday"],
    &["A back rub after a run", "Being asked about her day first"],
];

/// Date memories.
pub const MEMORIES: &[&str] = &[
    "We stayed far too long and walked home in the drizzle, laughing.",
    "Not a perfect evening, but we talked the whole way home.",
    "The best part was the bit we didn't plan.",
];
