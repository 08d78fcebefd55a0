//! The guides library: short, original Markdown guides (in `guides/`), embedded in the
//! binary. Each starts with a small front matter block:
//!
//! ```text
//! ---
//! title: Talking without accusing
//! tags: talking, criticism, soft start
//! exercise: /coach
//! keywords: blame, nagging, always fighting
//! summary: One sentence on what the guide helps with.
//! ---
//! ```
//!
//! `keywords` are words people type when this guide is what they need but that its
//! title and tags do not say; search weighs them highly. Parsing happens once; a guide
//! that does not parse is left out and named by [`problems`] (a test keeps it empty).

use std::sync::OnceLock;

/// One guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guide {
    pub slug: &'static str,
    pub title: &'static str,
    pub tags: Vec<&'static str>,
    /// The in-app path of the exercise that practises it.
    pub exercise: &'static str,
    pub keywords: Vec<&'static str>,
    pub summary: &'static str,
    /// The Markdown after the front matter.
    pub body: &'static str,
    /// Words in the body (Markdown marks aside), counted once when parsed.
    pub words: usize,
}

/// Every exercise a guide can lead into: its in-app path and its name in a sentence
/// ("Try it: the listening exercise").
pub const EXERCISES: &[(&str, &str)] = &[
    ("/checkin", "the daily check-in"),
    ("/state-of-us", "the weekly State of Us"),
    ("/#question", "the question of the day"),
    ("/love-map", "the love map"),
    ("/listen", "the listening exercise"),
    ("/coach", "the gentle-start coach"),
    ("/dates", "dates together"),
    ("/dates/traditions", "your traditions"),
    ("/compromise", "the compromise workspace"),
    ("/fair-split", "the fair split"),
    ("/touch", "daily affection"),
    ("/mutual", "the mutual list"),
    ("/notes", "love notes"),
    ("/gestures", "small gestures"),
    ("/journal", "your private journal"),
    ("/safety", "help and safety"),
    ("/reports", "a report for a counsellor"),
];

/// The name of the exercise at `path`, for a sentence.
#[must_use]
pub fn exercise_name(path: &str) -> &'static str {
    EXERCISES
        .iter()
        .find(|(p, _)| *p == path)
        .map_or("the exercise", |(_, name)| name)
}

/// Reading speed behind the "minutes to read" shown with each guide.
const WORDS_PER_MINUTE: usize = 200;

impl Guide {
    /// Whole minutes to read, at least one.
    #[must_use]
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(WORDS_PER_MINUTE).max(1)
    }
}

macro_rules! sources {
    ($($slug:literal),* $(,)?) => {
        &[$(($slug, include_str!(concat!("guides/", $slug, ".md")))),*]
    };
}

/// Every guide, in the order the library lists them. The first guide naming an exercise
/// is the one that exercise's page links to.
const SOURCES: &[(&str, &str)] = sources![
    "reconnecting-after-distance",
    "talking-without-accusing",
    "listening-well",
    "sharing-hopes-and-dreams",
    "knowing-each-other-again",
    "turning-towards-each-other",
    "the-weekly-talk",
    "dates-that-happen",
    "bringing-back-traditions",
    "trying-new-things",
    "compromise-without-surrender",
    "dividing-chores-fairly",
    "daily-affection",
    "talking-about-desire",
    "exploring-together",
    "small-gestures",
    "saying-thank-you",
    "notes-that-land",
    "owning-your-part",
    "writing-for-yourself",
    "patience-and-setbacks",
    "apologies-that-help",
    "taking-a-break-when-flooded",
    "the-arguments-that-come-back",
    "money-without-fights",
    "stress-from-outside",
    "reading-your-check-ins",
    "when-one-wants-more",
    "after-a-baby",
    "close-when-apart",
    "phones-and-attention",
    "rebuilding-trust",
    "finding-a-counsellor",
    "taking-it-to-a-counsellor",
    "when-fear-not-distance",
];

struct Library {
    guides: Vec<Guide>,
    problems: Vec<String>,
}

fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let mut guides = Vec::with_capacity(SOURCES.len());
        let mut problems = Vec::new();
        for (slug, source) in SOURCES {
            match parse(slug, source) {
                Ok(guide) => guides.push(guide),
                Err(why) => problems.push(format!("{slug}: {why}")),
            }
        }
        Library { guides, problems }
    })
}

/// Every guide, in library order.
#[must_use]
pub fn all() -> &'static [Guide] {
    &library().guides
}

/// Guides that failed to parse, with why (empty when all is well).
#[must_use]
pub fn problems() -> &'static [String] {
    &library().problems
}

/// The guide with this slug.
#[must_use]
pub fn by_slug(slug: &str) -> Option<&'static Guide> {
    all().iter().find(|g| g.slug == slug)
}

/// The guide an exercise page points to: the first in library order that practises it.
#[must_use]
pub fn for_exercise(path: &str) -> Option<&'static Guide> {
    all().iter().find(|g| g.exercise == path)
}

/// A tag as it appears in an address: lower case, spaces as hyphens.
#[must_use]
pub fn tag_slug(tag: &str) -> String {
    tag.trim().to_lowercase().replace(' ', "-")
}

/// Every tag with how many guides carry it, alphabetically.
#[must_use]
pub fn tags() -> Vec<(&'static str, usize)> {
    let mut counts: std::collections::BTreeMap<&'static str, usize> = Default::default();
    for guide in all() {
        for tag in &guide.tags {
            *counts.entry(tag).or_default() += 1;
        }
    }
    counts.into_iter().collect()
}

/// The tag (as written) whose address form is `slug`, with its guides in library order.
#[must_use]
pub fn tagged(slug: &str) -> Option<(&'static str, Vec<&'static Guide>)> {
    let name = tags()
        .into_iter()
        .map(|(tag, _)| tag)
        .find(|tag| tag_slug(tag) == slug)?;
    let guides = all().iter().filter(|g| g.tags.contains(&name)).collect();
    Some((name, guides))
}

fn parse(slug: &'static str, source: &'static str) -> Result<Guide, String> {
    let rest = source
        .strip_prefix("---\n")
        .ok_or("no front matter at the top")?;
    let (head, body) = rest
        .split_once("\n---\n")
        .ok_or("the front matter is not closed")?;
    let mut fields = [
        ("title", ""),
        ("tags", ""),
        ("exercise", ""),
        ("keywords", ""),
        ("summary", ""),
    ];
    for line in head.lines() {
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| format!("not a key: value line: {line}"))?;
        let field = fields
            .iter_mut()
            .find(|(name, _)| *name == key.trim())
            .ok_or_else(|| format!("unknown key {key}"))?;
        field.1 = value.trim();
    }
    let [title, tags, exercise, keywords, summary] = fields.map(|(_, value)| value);
    for (name, value) in [
        ("title", title),
        ("tags", tags),
        ("exercise", exercise),
        ("summary", summary),
    ] {
        if value.is_empty() {
            return Err(format!("{name} is missing"));
        }
    }
    let list = |text: &'static str| -> Vec<&'static str> {
        text.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    };
    let body = body.trim_start_matches('\n');
    Ok(Guide {
        words: body
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count(),
        slug,
        title,
        tags: list(tags),
        exercise,
        keywords: list(keywords),
        summary,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_guide_parses_and_the_library_is_whole() {
        assert!(problems().is_empty(), "{:?}", problems());
        assert!(all().len() >= 30, "{} guides", all().len());
        let mut slugs: Vec<_> = all().iter().map(|g| g.slug).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), all().len(), "slugs are unique");
    }

    #[test]
    fn every_guide_is_a_short_read_with_tags_and_an_exercise() {
        for g in all() {
            let words = g.words;
            assert!((300..=900).contains(&words), "{}: {words} words", g.slug);
            assert!((1..=6).contains(&g.tags.len()), "{}: tags", g.slug);
            assert!(g.exercise.starts_with('/'), "{}: exercise", g.slug);
            assert!(!g.keywords.is_empty(), "{}: keywords", g.slug);
            assert!(
                g.body.contains("## Try it in Rekindle"),
                "{}: ends by leading into its exercise",
                g.slug
            );
            assert!(
                g.body.contains(&format!("]({})", g.exercise)),
                "{}: links its exercise",
                g.slug
            );
        }
    }

    #[test]
    fn every_exercise_has_a_guide_and_every_guide_a_known_exercise() {
        for g in all() {
            assert!(
                EXERCISES.iter().any(|(path, _)| *path == g.exercise),
                "{}: {} is not an exercise",
                g.slug,
                g.exercise
            );
        }
        for (path, _) in EXERCISES {
            assert!(for_exercise(path).is_some(), "no guide leads into {path}");
        }
    }

    #[test]
    fn the_front_matter_is_read_field_by_field() {
        let g = parse("x", "---\ntitle: A\ntags: one, two words\nexercise: /listen\nsummary: S.\n---\n\nBody here.\n")
            .expect("parses");
        assert_eq!(g.title, "A");
        assert_eq!(g.tags, ["one", "two words"]);
        assert!(g.keywords.is_empty());
        assert_eq!(g.body, "Body here.\n");
        assert_eq!(g.reading_minutes(), 1);
        assert!(parse("x", "no front matter").is_err());
        assert!(
            parse("x", "---\ntitle: A\n---\nbody").is_err(),
            "tags missing"
        );
        assert!(parse("x", "---\ncolour: red\n---\nbody").is_err());
    }

    #[test]
    fn tags_have_address_forms_and_pages() {
        assert_eq!(tag_slug("soft start"), "soft-start");
        let (name, guides) = tagged("soft-start").expect("a tag page");
        assert_eq!(name, "soft start");
        assert!(guides.iter().any(|g| g.slug == "talking-without-accusing"));
        assert!(tagged("no-such-tag").is_none());
    }
}
