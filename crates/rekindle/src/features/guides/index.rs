//! The guides' full-text index: an SQLite FTS5 table in memory, built once at start-up
//! from the embedded guides, so search works the same whichever database holds the
//! couples' data. Words are stemmed (porter: "dates" finds "date"), every searched word
//! also matches as a prefix ("crit" finds "criticism"), and each word is widened by the
//! words people use for the same need (`rekindle_core::content::guide_words`).
//! Ranking is BM25 with the title and the guide's keywords weighed above its body.

use std::sync::Mutex;

use rekindle_core::content::guide_words::{self, Term};
use rusqlite::{Connection, params};

/// Marks around the matched words of a snippet (never in a guide's text).
pub const MARK_START: char = '\u{2}';
pub const MARK_END: char = '\u{3}';

/// Words of body text around a match in a snippet.
const SNIPPET_TOKENS: i32 = 18;

/// What one row of the index holds.
pub struct Entry<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub keywords: String,
    pub tags: String,
    pub summary: &'a str,
    pub text: &'a str,
}

/// One match: the guide's slug and a snippet with marks around the matched words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub slug: String,
    pub snippet: String,
}

pub struct Index {
    // Searches take microseconds and never wait on IO, so one connection behind a lock
    // serves every request without a thread hand-off.
    // `None` only if SQLite could not build the table at all.
    conn: Option<Mutex<Connection>>,
}

const SCHEMA: &str = "CREATE VIRTUAL TABLE guide_text USING fts5(
    slug UNINDEXED, title, keywords, tags, summary, body,
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '2 3 4'
)";

// Weights per column, in schema order (the slug is not searched).
const SEARCH: &str = "SELECT slug,
        snippet(guide_text, 5, ?2, ?3, '…', ?4),
        snippet(guide_text, 4, ?2, ?3, '…', 64)
    FROM guide_text WHERE guide_text MATCH ?1
    ORDER BY bm25(guide_text, 0.0, 10.0, 8.0, 6.0, 3.0, 1.0), slug";

impl Index {
    pub fn build<'a>(entries: impl IntoIterator<Item = Entry<'a>>) -> rusqlite::Result<Self> {
        let conn = Connection::open_in_memory()?;
        conn.execute(SCHEMA, [])?;
        {
            let mut insert = conn.prepare(
                "INSERT INTO guide_text (slug, title, keywords, tags, summary, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for e in entries {
                insert.execute(params![
                    e.slug, e.title, e.keywords, e.tags, e.summary, e.text
                ])?;
            }
        }
        conn.execute("INSERT INTO guide_text(guide_text) VALUES ('optimize')", [])?;
        Ok(Self {
            conn: Some(Mutex::new(conn)),
        })
    }

    /// An index that finds nothing.
    pub fn empty() -> Self {
        Self { conn: None }
    }

    /// Guides matching `query`, best first. A query with no searchable words matches
    /// nothing (the caller lists the library instead).
    pub fn search(&self, query: &str) -> rusqlite::Result<Vec<Match>> {
        let Some(expression) = match_expression(&guide_words::terms(query)) else {
            return Ok(Vec::new());
        };
        // A poisoned lock only means another search panicked; the index is read-only.
        let Some(conn) = &self.conn else {
            return Ok(Vec::new());
        };
        let conn = conn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut statement = conn.prepare_cached(SEARCH)?;
        let rows = statement.query_map(
            params![
                expression,
                MARK_START.to_string(),
                MARK_END.to_string(),
                SNIPPET_TOKENS
            ],
            |row| {
                let body: String = row.get(1)?;
                let summary: String = row.get(2)?;
                // A match only in the title or keywords shows the summary instead of
                // an arbitrary stretch of the body.
                let snippet = if body.contains(MARK_START) {
                    body
                } else {
                    summary
                };
                Ok(Match {
                    slug: row.get(0)?,
                    snippet,
                })
            },
        )?;
        rows.collect()
    }
}

/// The FTS5 query for `terms`: any word (as typed, as a prefix, or one of its
/// same-need words) may match, and the words together as a phrase count extra. Every
/// word is quoted, so nothing a person types is read as query syntax.
fn match_expression(terms: &[Term]) -> Option<String> {
    if terms.is_empty() {
        return None;
    }
    let mut alternatives: Vec<String> = Vec::new();
    for term in terms {
        alternatives.push(format!("\"{}\"*", term.word));
        alternatives.extend(term.also.iter().map(|w| format!("\"{w}\"")));
    }
    if terms.len() > 1 {
        let phrase: Vec<&str> = terms.iter().map(|t| t.word.as_str()).collect();
        alternatives.push(format!("\"{}\"", phrase.join(" ")));
    }
    Some(alternatives.join(" OR "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> Index {
        let rows = [
            (
                "a",
                "Chores and fairness",
                "housework split",
                "The dishes and the laundry, shared.",
            ),
            (
                "b",
                "Talking gently",
                "complaint",
                "Criticism attacks a person; a complaint names a moment.",
            ),
            (
                "c",
                "Dates",
                "time together",
                "Plan an evening out and keep it.",
            ),
        ];
        Index::build(rows.iter().map(|(slug, title, keywords, text)| Entry {
            slug,
            title,
            keywords: (*keywords).to_owned(),
            tags: String::new(),
            summary: "A summary.",
            text,
        }))
        .expect("builds")
    }

    fn slugs(found: &[Match]) -> Vec<&str> {
        found.iter().map(|m| m.slug.as_str()).collect()
    }

    #[test]
    fn stems_prefixes_and_same_need_words_all_find() {
        let index = index();
        assert_eq!(
            slugs(&index.search("dated").expect("search")),
            ["c"],
            "stemmed"
        );
        assert_eq!(
            slugs(&index.search("critic").expect("search")),
            ["b"],
            "prefix"
        );
        assert_eq!(
            slugs(&index.search("cleaning").expect("search")),
            ["a"],
            "same need"
        );
        assert!(index.search("zebra").expect("search").is_empty());
        assert!(index.search("  ").expect("search").is_empty());
    }

    #[test]
    fn snippets_mark_the_matched_words() {
        let found = index().search("laundry").expect("search");
        assert_eq!(
            found[0].snippet,
            "The dishes and the \u{2}laundry\u{3}, shared."
        );
        let titled = index().search("fairness").expect("search");
        assert_eq!(
            titled[0].snippet, "A summary.",
            "a title-only match shows the summary"
        );
    }

    #[test]
    fn query_syntax_is_only_ever_words() {
        let index = index();
        for nasty in [
            "\"",
            "NEAR(a b)",
            "title:x",
            "a AND",
            "*",
            "^x",
            "-y",
            "(",
            "'",
        ] {
            assert!(index.search(nasty).is_ok(), "{nasty}");
        }
    }
}
