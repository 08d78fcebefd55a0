//! The private journal's small rules: tags as people type them, and search over a
//! person's own entries — done in memory on opened entries, since nothing of the
//! journal's words may ever sit in an index.

/// Most tags on one entry.
pub const MAX_TAGS: usize = 10;
/// Longest tag, in characters.
pub const TAG_MAX_CHARS: usize = 30;

/// Tags from what was typed ("work, Sunday walks , work"): split on commas, trimmed,
/// lower-cased, empty ones and repeats dropped, first-seen order kept.
///
/// # Errors
/// A message for the person when there are too many or one is too long.
pub fn parse_tags<'a>(typed: impl IntoIterator<Item = &'a str>) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::new();
    for part in typed.into_iter().flat_map(|t| t.split(',')) {
        let tag: String = part
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if tag.is_empty() || tags.contains(&tag) {
            continue;
        }
        if tag.chars().count() > TAG_MAX_CHARS {
            return Err(format!(
                "Please keep each tag to {TAG_MAX_CHARS} characters."
            ));
        }
        tags.push(tag);
    }
    if tags.len() > MAX_TAGS {
        return Err(format!("An entry can have up to {MAX_TAGS} tags."));
    }
    Ok(tags)
}

/// Text folded for matching: lower case, runs of whitespace as one space.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether an entry matches a search: every word of the query appears somewhere in
/// its words, its tags or its prompt (case does not matter). An empty query matches.
#[must_use]
pub fn matches(query: &str, texts: &[&str]) -> bool {
    let query = fold(query);
    if query.is_empty() {
        return true;
    }
    let haystack = fold(&texts.join("\n"));
    query.split(' ').all(|word| haystack.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tags_are_tidied_as_people_expect() {
        assert_eq!(
            parse_tags(["Work, sunday   walks , work,, "]).unwrap(),
            ["work", "sunday walks"]
        );
        assert_eq!(parse_tags(["a", "b,c"]).unwrap(), ["a", "b", "c"]);
        assert!(parse_tags([&*"x".repeat(31)]).is_err());
        let many = (0..11).map(|n| n.to_string()).collect::<Vec<_>>().join(",");
        assert!(parse_tags([many.as_str()]).is_err());
        assert!(parse_tags([""]).unwrap().is_empty());
    }

    #[test]
    fn search_needs_every_word_anywhere_in_any_case() {
        let texts = ["I miss our Sunday walks", "hope, weekends"];
        assert!(matches("sunday", &texts));
        assert!(matches("WALKS hope", &texts));
        assert!(matches("  ", &texts));
        assert!(!matches("sunday mountains", &texts));
        assert!(matches("Ärger", &["viel ärger heute"]));
    }

    proptest! {
        #[test]
        fn any_word_of_an_entry_finds_it(words in proptest::collection::vec("[a-zA-Zé]{1,8}", 1..8), pick in 0usize..8) {
            let body = words.join(" ");
            let word = &words[pick % words.len()];
            prop_assert!(matches(word, &[&body]));
            prop_assert!(matches(&word.to_uppercase(), &[&body]));
        }
    }
}
