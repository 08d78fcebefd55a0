//! The snippet under each search result: the guide's sentence that holds the most of
//! the searched words, cut to a short window, with those words marked. Made here rather
//! than by FTS5's `snippet()`, which re-reads and re-stems a guide's whole text for
//! every result (about 70 µs each, several times the cost of the ranking itself).
//! Matching is by word beginnings, as the search itself matches prefixes: "chores"
//! marks "chore" and "chores", "criticism" marks "criticise".

use rekindle_core::content::guide_words::Term;

/// Marks around the matched words of a snippet (never in a guide's text).
pub const MARK_START: char = '\u{2}';
pub const MARK_END: char = '\u{3}';

/// Words shown around the first match when a sentence is long.
const WINDOW_WORDS: usize = 24;
/// Words shown before the first match in a long sentence.
const LEAD_WORDS: usize = 8;

/// A guide's text, prepared once at start-up: its sentences, and each word (lower
/// case, letters and digits only) with the sentences it occurs in, sorted, so a word
/// beginning is found by a binary search rather than by reading the whole text. Kept
/// flat (one string of words, two arrays of numbers) because it stays in memory for
/// the life of the process: a fraction of the size of a map of strings to lists.
pub struct Text {
    sentences: Vec<String>,
    /// The distinct words, sorted, one after another.
    letters: String,
    /// Per distinct word, in order: where it ends in `letters`, and where its
    /// sentences end in `at` (each starts where the one before ends).
    words: Vec<(usize, usize)>,
    /// The sentence of every occurrence, grouped by word (a word twice in a sentence
    /// is there twice, so it counts twice).
    at: Vec<usize>,
}

impl Text {
    pub fn new(text: &str) -> Self {
        let mut sentences = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
            if word.ends_with(['.', '?', '!']) {
                sentences.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            sentences.push(current);
        }
        let mut occurrences: Vec<(String, usize)> = Vec::new();
        for (i, sentence) in sentences.iter().enumerate() {
            for word in sentence.split(' ') {
                let bare = bare(word);
                if !bare.is_empty() {
                    occurrences.push((bare, i));
                }
            }
        }
        occurrences.sort_unstable();
        let mut out = Self {
            sentences,
            letters: String::new(),
            words: Vec::new(),
            at: Vec::with_capacity(occurrences.len()),
        };
        for (i, (word, sentence)) in occurrences.iter().enumerate() {
            if i == 0 || occurrences[i - 1].0 != *word {
                out.letters.push_str(word);
                out.words.push((out.letters.len(), 0));
            }
            out.at.push(*sentence);
            if let Some(last) = out.words.last_mut() {
                last.1 = out.at.len();
            }
        }
        out.letters.shrink_to_fit();
        out.words.shrink_to_fit();
        out
    }

    /// The `i`th distinct word, and the sentences it occurs in.
    fn word(&self, i: usize) -> (&str, &[usize]) {
        let (start, first) = i.checked_sub(1).map_or((0, 0), |p| self.words[p]);
        let (end, at_end) = self.words[i];
        (&self.letters[start..end], &self.at[first..at_end])
    }

    /// How many matched words each sentence holds.
    fn hits(&self, needles: &[String]) -> Vec<usize> {
        let mut hits = vec![0; self.sentences.len()];
        for needle in needles {
            let needle = needle.as_str();
            let mut i = self.first_not_below(needle);
            while i < self.words.len() {
                let (word, at) = self.word(i);
                let found = if is_short(needle) {
                    word == needle
                } else {
                    word.starts_with(needle)
                };
                if !found {
                    break;
                }
                for sentence in at {
                    hits[*sentence] += 1;
                }
                i += 1;
            }
        }
        hits
    }

    /// The first distinct word not sorted before `needle`.
    fn first_not_below(&self, needle: &str) -> usize {
        let (mut low, mut high) = (0, self.words.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if self.word(middle).0 < needle {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }
}

/// The beginnings a word of the text must start with to count as a match.
pub fn needles(terms: &[Term]) -> Vec<String> {
    let mut out: Vec<String> = terms
        .iter()
        .flat_map(|t| std::iter::once(t.word.as_str()).chain(t.also.iter().copied()))
        .map(stem)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A word without the endings English adds to it, so its other forms share the start.
fn stem(word: &str) -> String {
    let word = word.to_lowercase();
    for ending in ["ing", "ism", "ies", "ed", "es", "ly", "s", "e", "y"] {
        if let Some(root) = word.strip_suffix(ending)
            && root.chars().count() >= 3
        {
            return root.to_owned();
        }
    }
    word
}

/// A word as the index of a text keeps it: lower case, letters and digits only.
fn bare(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Short beginnings match whole words only ("an" is not "another").
fn is_short(needle: &str) -> bool {
    needle.chars().count() < 3
}

fn matches(word: &str, needles: &[String]) -> bool {
    let bare = bare(word);
    !bare.is_empty()
        && needles.iter().any(|n| {
            if is_short(n) {
                bare == *n
            } else {
                bare.starts_with(n.as_str())
            }
        })
}

/// The snippet for one result: the best sentence (or the summary when no sentence of
/// the text holds a searched word), with marks around the matched words.
pub fn make(text: &Text, summary: &str, needles: &[String]) -> String {
    let hits = text.hits(needles);
    // The first of the sentences with the most matches.
    let best = hits
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .fold(None::<(usize, usize)>, |best, (i, n)| match best {
            Some((_, most)) if most >= *n => best,
            _ => Some((i, *n)),
        })
        .and_then(|(i, _)| text.sentences.get(i))
        .map(|s| s.split(' ').collect::<Vec<&str>>());
    let Some(words) = best else {
        let words: Vec<&str> = summary.split(' ').collect();
        return marked(&words, needles);
    };
    if words.len() <= WINDOW_WORDS + LEAD_WORDS {
        return marked(&words, needles);
    }
    let first = words.iter().position(|w| matches(w, needles)).unwrap_or(0);
    let start = first.saturating_sub(LEAD_WORDS);
    let end = (start + WINDOW_WORDS).min(words.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&marked(&words[start..end], needles));
    if end < words.len() {
        out.push('…');
    }
    out
}

fn marked(words: &[&str], needles: &[String]) -> String {
    let pieces: Vec<String> = words
        .iter()
        .map(|w| {
            if !matches(w, needles) {
                return (*w).to_owned();
            }
            // Punctuation stays outside the mark: "«chores», then".
            let start = w.find(char::is_alphanumeric).unwrap_or(0);
            let end = w.rfind(char::is_alphanumeric).map_or(w.len(), |i| {
                i + w[i..].chars().next().map_or(1, char::len_utf8)
            });
            format!(
                "{}{MARK_START}{}{MARK_END}{}",
                &w[..start],
                &w[start..end],
                &w[end..]
            )
        })
        .collect();
    pieces.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rekindle_core::content::guide_words::terms;

    fn shown(s: &str) -> String {
        s.replace(MARK_START, "[").replace(MARK_END, "]")
    }

    #[test]
    fn the_sentence_with_most_matches_is_shown_with_marks() {
        let text = "Nothing here. The chores pile up. Chores and the dishes, every day! Last words";
        let n = needles(&terms("pile"));
        let s = make(&Text::new(text), "A summary.", &n);
        assert_eq!(shown(&s), "The chores [pile] up.");
        // Same-need words count too: "dishes" is chores.
        let n = needles(&terms("chores"));
        let s = make(&Text::new(text), "A summary.", &n);
        assert_eq!(shown(&s), "[Chores] and the [dishes], every day!");
        let s = make(
            &Text::new("One word. Word two."),
            "S.",
            &needles(&terms("word")),
        );
        assert_eq!(shown(&s), "One [word].", "the first of the best");
    }

    #[test]
    fn forms_of_a_word_share_its_start() {
        let n = needles(&terms("criticism"));
        assert!(matches("criticise", &n) && matches("Criticism,", &n));
        let n = needles(&terms("dates"));
        assert!(matches("date", &n) && matches("dating", &n));
        assert!(!matches("a", &needles(&terms("an"))));
    }

    #[test]
    fn a_long_sentence_is_cut_around_its_first_match() {
        let long: Vec<String> = (0..60).map(|i| format!("w{i}")).collect();
        let text = format!(
            "{} listening {}.",
            long[..30].join(" "),
            long[30..].join(" ")
        );
        let s = make(&Text::new(&text), "S.", &needles(&terms("listening")));
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(shown(&s).contains("w29 [listening] w30"), "{s}");
        assert_eq!(s.split(' ').count(), WINDOW_WORDS);
    }

    #[test]
    fn without_a_match_in_the_text_the_summary_is_shown() {
        let s = make(
            &Text::new("Nothing here."),
            "Helps with money talks.",
            &needles(&terms("money")),
        );
        assert_eq!(shown(&s), "Helps with [money] talks.");
    }

    #[test]
    fn the_word_index_counts_what_reading_every_sentence_counts() {
        let text = "The chores pile up, chores and chores. Dates: a date, dating, an anchor! \
                    An end. Critics criticise criticism? Zebra";
        let t = Text::new(text);
        for needle in [
            "chore", "date", "an", "a", "critic", "zebra", "nothing", "z",
        ] {
            let needles = [needle.to_owned()];
            let read: Vec<usize> = t
                .sentences
                .iter()
                .map(|s| s.split(' ').filter(|w| matches(w, &needles)).count())
                .collect();
            assert_eq!(t.hits(&needles), read, "{needle}");
        }
        assert_eq!(t.hits(&["chore".to_owned()]), [3, 0, 0, 0, 0]);
    }
}
