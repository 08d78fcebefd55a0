//! The guides' full-text index: an SQLite FTS5 table in memory, built once at start-up
//! from the embedded guides, so search works the same whichever database holds the
//! couples' data. Words are stemmed (porter: "dates" finds "date"), every searched word
//! also matches as a prefix ("crit" finds "criticism"), and each word is widened by the
//! words people use for the same need (`rekindle_core::content::guide_words`).
//! Ranking is BM25 with the title and the guide's keywords weighed above its body.
//!
//! The table keeps only what ranking needs, since it lives in the process's memory for
//! good: no copy of the text (`content=''`; a row's id is its slug's place in the
//! slugs' order), no extra prefix tables (at a few dozen guides a prefix is found by
//! reading its run of words in the one index), and no pages left free by the build.
//! About 100 KB a copy instead of 750 KB.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use rekindle_core::content::guide_words::Term;
use rusqlite::{Connection, params};

/// What one row of the index holds.
pub struct Entry<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub keywords: String,
    pub tags: String,
    pub summary: &'a str,
    pub text: &'a str,
}

pub struct Index {
    // Searches take about a tenth of a millisecond and never wait on IO, so they run on
    // the request's own thread. One copy of the index per core, each behind its own
    // lock, lets searches on different threads run side by side. Empty only if SQLite
    // could not build the table at all.
    copies: Vec<Mutex<Connection>>,
    next: AtomicUsize,
    /// The guides' slugs in order; a row's id is its slug's place here.
    slugs: Vec<String>,
}

const SCHEMA: &str = "CREATE VIRTUAL TABLE guide_text USING fts5(
    title, keywords, tags, summary, body,
    content = '',
    tokenize = 'porter unicode61 remove_diacritics 2'
)";

/// At most this many guides answer one search (the closest ones).
pub const MAX_RESULTS: i64 = 12;

// Weights per column, in schema order. Row ids follow the slugs' order, so ties go
// to the slug first in the alphabet.
const SEARCH: &str = "SELECT rowid FROM guide_text WHERE guide_text MATCH ?1
    ORDER BY bm25(guide_text, 10.0, 8.0, 6.0, 3.0, 1.0), rowid LIMIT ?2";

impl Index {
    /// `copies` identical indexes of `entries` (at least one).
    pub fn build(entries: &[Entry<'_>], copies: usize) -> rusqlite::Result<Self> {
        let mut entries: Vec<&Entry<'_>> = entries.iter().collect();
        entries.sort_by_key(|e| e.slug);
        let copies = (0..copies.max(1))
            .map(|_| Self::one(&entries).map(Mutex::new))
            .collect::<rusqlite::Result<_>>()?;
        Ok(Self {
            copies,
            next: AtomicUsize::new(0),
            slugs: entries.iter().map(|e| e.slug.to_owned()).collect(),
        })
    }

    fn one(entries: &[&Entry<'_>]) -> rusqlite::Result<Connection> {
        let conn = Connection::open_in_memory()?;
        conn.execute(SCHEMA, [])?;
        {
            let mut insert = conn.prepare(
                "INSERT INTO guide_text (rowid, title, keywords, tags, summary, body)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (rowid, e) in (0_i64..).zip(entries) {
                insert.execute(params![
                    rowid, e.title, e.keywords, e.tags, e.summary, e.text
                ])?;
            }
        }
        conn.execute("INSERT INTO guide_text(guide_text) VALUES ('optimize')", [])?;
        // Merging the index frees pages that an in-memory database would keep.
        conn.execute_batch("VACUUM")?;
        Ok(conn)
    }

    /// An index that finds nothing.
    pub fn empty() -> Self {
        Self {
            copies: Vec::new(),
            next: AtomicUsize::new(0),
            slugs: Vec::new(),
        }
    }

    /// The slugs of the guides matching `terms`, best first. No terms match nothing
    /// (the caller lists the library instead).
    pub fn search(&self, terms: &[Term], limit: i64) -> rusqlite::Result<Vec<String>> {
        let Some(expression) = match_expression(terms) else {
            return Ok(Vec::new());
        };
        let Some(conn) = self.free_copy() else {
            return Ok(Vec::new());
        };
        let mut statement = conn.prepare_cached(SEARCH)?;
        let rows = statement.query_map(params![expression, limit], |row| row.get::<_, i64>(0))?;
        let mut slugs = Vec::new();
        for rowid in rows {
            let slug = usize::try_from(rowid?).ok().and_then(|i| self.slugs.get(i));
            slugs.extend(slug.cloned());
        }
        Ok(slugs)
    }
}

impl Index {
    /// A copy no other search holds, or (all busy) the next in turn to wait for.
    fn free_copy(&self) -> Option<MutexGuard<'_, Connection>> {
        let n = self.copies.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed) % n.max(1);
        for i in 0..n {
            if let Ok(conn) = self.copies[(start + i) % n].try_lock() {
                return Some(conn);
            }
        }
        // A poisoned lock only means another search panicked; the index is read-only.
        let copy = self.copies.get(start)?;
        Some(
            copy.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
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
        // A one-letter prefix would match most of the library and cost a full scan.
        let prefix = if term.word.chars().count() > 1 {
            "*"
        } else {
            ""
        };
        alternatives.push(format!("\"{}\"{prefix}", term.word));
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
    use rekindle_core::content::guide_words::terms;

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
            (
                "d",
                "Evenings",
                "",
                "A body that says dates, dates and dates again.",
            ),
        ];
        let entries: Vec<Entry<'_>> = rows
            .iter()
            .map(|(slug, title, keywords, text)| Entry {
                slug,
                title,
                keywords: (*keywords).to_owned(),
                tags: String::new(),
                summary: "A summary.",
                text,
            })
            .collect();
        Index::build(&entries, 2).expect("builds")
    }

    fn found(index: &Index, query: &str) -> Vec<String> {
        index.search(&terms(query), MAX_RESULTS).expect("search")
    }

    #[test]
    fn stems_prefixes_and_same_need_words_all_find() {
        let index = index();
        assert_eq!(found(&index, "dated"), ["c", "d"], "stemmed");
        assert_eq!(found(&index, "critic"), ["b"], "prefix");
        assert_eq!(found(&index, "cleaning"), ["a"], "same need");
        assert!(found(&index, "zebra").is_empty());
        assert!(found(&index, "  ").is_empty());
        assert!(
            found(&index, "c").is_empty(),
            "one letter is a word, not a prefix"
        );
    }

    #[test]
    fn the_title_outranks_the_body() {
        assert_eq!(found(&index(), "dates"), ["c", "d"]);
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
            assert!(index.search(&terms(nasty), MAX_RESULTS).is_ok(), "{nasty}");
        }
        assert!(
            Index::empty()
                .search(&terms("chores"), MAX_RESULTS)
                .expect("empty")
                .is_empty()
        );
    }
}
