//! How a search for guides reads what someone typed: words split the way the index
//! splits them, little words dropped, and each word widened by the everyday words people
//! use for the same thing ("therapist" finds the counselling guides). Stemming (dates →
//! date) is the index's job; this is the vocabulary it cannot know.

/// One searched word and the words that mean the same here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub word: String,
    pub also: Vec<&'static str>,
}

/// At most this many words of a query are searched (the rest adds nothing but work).
pub const MAX_TERMS: usize = 8;
/// Longer "words" are cut: nothing in a guide is longer.
const MAX_WORD_CHARS: usize = 32;

/// Words too common to tell guides apart.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "but", "by", "can", "could", "did", "do", "does", "don", "doesn", "for", "from", "get",
    "got", "had", "has", "have", "he", "her", "him", "his", "how", "i", "if", "in", "into", "is",
    "isn", "it", "its", "just", "ll", "m", "me", "my", "of", "on", "or", "our", "re", "s", "she",
    "should", "so", "t", "that", "the", "their", "them", "then", "there", "they", "this", "to",
    "too", "us", "ve", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will",
    "with", "would", "you", "your",
];

/// Groups of words that a person may use for the same need.
const SAME_NEED: &[&[&str]] = &[
    &[
        "therapist",
        "therapists",
        "therapy",
        "counsellor",
        "counselor",
        "counsellors",
        "counselling",
        "counseling",
        "psychologist",
    ],
    &[
        "afraid",
        "scared",
        "fear",
        "frightened",
        "unsafe",
        "threatened",
        "abuse",
        "abusive",
        "violent",
        "violence",
        "controlling",
    ],
    &[
        "chores",
        "chore",
        "housework",
        "cleaning",
        "laundry",
        "dishes",
        "tidying",
        "household",
    ],
    &[
        "lonely",
        "loneliness",
        "alone",
        "disconnected",
        "distant",
        "numb",
        "roommates",
        "flatmates",
        "strangers",
    ],
    &["date", "dates", "dating", "outing", "outings"],
    &[
        "criticism",
        "critical",
        "criticise",
        "criticize",
        "criticising",
        "criticizing",
        "nagging",
        "accusing",
    ],
    &["desire", "libido", "sex", "sexual"],
    &[
        "argue",
        "arguing",
        "argument",
        "arguments",
        "fight",
        "fights",
        "fighting",
        "rows",
        "conflict",
    ],
    &[
        "money",
        "finances",
        "financial",
        "spending",
        "debt",
        "budget",
    ],
    &["phone", "phones", "screen", "screens", "scrolling"],
    &[
        "sorry",
        "apology",
        "apologise",
        "apologize",
        "apologising",
        "apologizing",
    ],
    &["baby", "newborn", "parenthood"],
    &[
        "trust", "cheating", "cheated", "affair", "betrayal", "betrayed", "lied",
    ],
    &["listen", "listening", "unheard"],
    &[
        "thanks",
        "thank",
        "grateful",
        "gratitude",
        "appreciation",
        "appreciate",
    ],
    &[
        "hug",
        "hugs",
        "cuddle",
        "cuddling",
        "kiss",
        "touch",
        "affection",
    ],
    &[
        "tradition",
        "traditions",
        "ritual",
        "rituals",
        "anniversary",
    ],
    &["compromise", "compromising", "disagreement", "disagree"],
    &["stress", "stressed", "overwhelmed", "pressure"],
    &["angry", "anger", "furious", "shouting", "yelling", "heated"],
    &["bored", "boring", "rut", "routine"],
];

/// The words of `query` to search, each with its same-need words. Little words are
/// dropped unless nothing else is left.
#[must_use]
pub fn terms(query: &str) -> Vec<Term> {
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.chars()
                .take(MAX_WORD_CHARS)
                .collect::<String>()
                .to_lowercase()
        })
        .collect();
    let content: Vec<&String> = words
        .iter()
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect();
    let chosen = if content.is_empty() {
        words.iter().collect()
    } else {
        content
    };
    let mut out: Vec<Term> = Vec::new();
    for word in chosen {
        if out.iter().any(|t| &t.word == word) {
            continue;
        }
        let also = SAME_NEED
            .iter()
            .filter(|group| group.contains(&word.as_str()))
            .flat_map(|group| group.iter().copied())
            .filter(|w| w != word)
            .collect();
        out.push(Term {
            word: word.clone(),
            also,
        });
        if out.len() == MAX_TERMS {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(query: &str) -> Vec<String> {
        terms(query).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn little_words_go_unless_they_are_all_there_is() {
        assert_eq!(words("we don't talk anymore"), ["talk", "anymore"]);
        assert_eq!(words("We"), ["we"]);
        assert_eq!(words("  "), Vec::<String>::new());
    }

    #[test]
    fn words_are_split_like_the_index_and_bounded() {
        assert_eq!(words("Chores?! chores, CHORES"), ["chores"]);
        assert_eq!(words(&"long".repeat(20))[0].chars().count(), MAX_WORD_CHARS);
        assert_eq!(
            terms("one two three four five six seven eight nine ten").len(),
            MAX_TERMS
        );
        assert_eq!(words("café \"x\" OR y*"), ["café", "x", "y"]);
    }

    #[test]
    fn same_need_words_widen_a_search() {
        let t = &terms("therapist")[0];
        assert!(t.also.contains(&"counsellor"));
        assert!(!t.also.contains(&"therapist"));
        assert!(terms("afraid")[0].also.contains(&"fear"));
        assert!(terms("talk")[0].also.is_empty());
    }

    #[test]
    fn the_vocabulary_is_lower_case_single_words() {
        for word in SAME_NEED.iter().flat_map(|g| g.iter()).chain(STOPWORDS) {
            assert!(
                word.chars()
                    .all(|c| c.is_lowercase() && c.is_alphanumeric()),
                "{word}"
            );
        }
    }
}
