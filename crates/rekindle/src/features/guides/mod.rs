//! The guides library: the embedded guides (`rekindle_core::content::guides`) rendered
//! once and indexed once, at start-up, for the guides pages, the API and the links
//! from exercises, drift suggestions and coach findings. Guides are the project's own
//! writing, not anyone's data, so anyone may read and search them.

pub mod index;
pub mod render;
pub mod snippet;

use std::collections::HashMap;
use std::sync::OnceLock;

use rekindle_core::content::guide_words;
use rekindle_core::content::guides::{self, Guide};

use index::{Entry, Index};
use render::Rendered;

/// The library, built on first use (the server builds it before it listens).
pub struct Library {
    rendered: HashMap<&'static str, Rendered>,
    /// Each guide's text prepared for snippets.
    texts: HashMap<&'static str, snippet::Text>,
    index: Index,
}

/// One search result.
#[derive(Debug, Clone)]
pub struct Hit {
    pub guide: &'static Guide,
    /// Text with [`snippet::MARK_START`]/[`snippet::MARK_END`] around matched words.
    pub snippet: String,
}

impl Hit {
    /// The snippet as plain text (the marks removed).
    pub fn plain_snippet(&self) -> String {
        self.snippet
            .chars()
            .filter(|c| *c != snippet::MARK_START && *c != snippet::MARK_END)
            .collect()
    }

    /// The snippet in pieces, each saying whether it is a matched word.
    pub fn snippet_parts(&self) -> Vec<(bool, &str)> {
        let mut parts = Vec::new();
        let mut marked = false;
        for piece in self.snippet.split([snippet::MARK_START, snippet::MARK_END]) {
            if !piece.is_empty() {
                parts.push((marked, piece));
            }
            marked = !marked;
        }
        parts
    }
}

/// The one library of this process.
pub fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(Library::build)
}

impl Library {
    fn build() -> Self {
        let rendered: HashMap<&'static str, Rendered> = guides::all()
            .iter()
            .map(|g| (g.slug, render::render(g.body)))
            .collect();
        let entries: Vec<Entry<'_>> = guides::all()
            .iter()
            .map(|g| Entry {
                slug: g.slug,
                title: g.title,
                keywords: g.keywords.join(", "),
                tags: g.tags.join(", "),
                summary: g.summary,
                text: rendered.get(g.slug).map_or("", |r| r.text.as_str()),
            })
            .collect();
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        // Building an in-memory table from our own text fails only if SQLite itself
        // cannot run; then search answers nothing and the pages still list every guide.
        let index = Index::build(&entries, cores).unwrap_or_else(|err| {
            tracing::error!(error = %err, "the guides index could not be built");
            Index::empty()
        });
        let texts = rendered
            .iter()
            .map(|(slug, r)| (*slug, snippet::Text::new(&r.text)))
            .collect();
        Self {
            rendered,
            texts,
            index,
        }
    }

    /// How many guides the library holds.
    pub fn guide_count(&self) -> usize {
        self.rendered.len()
    }

    /// Every guide, in library order, each with its summary as the snippet.
    pub fn everything(&self) -> Vec<Hit> {
        guides::all()
            .iter()
            .map(|guide| Hit {
                guide,
                snippet: guide.summary.to_owned(),
            })
            .collect()
    }

    /// Guides for `query` (best first, at most [`index::MAX_RESULTS`]), or every guide
    /// when the query has no words;
    /// only those carrying `tag` (its address form) when one is given.
    pub fn search(&self, query: &str, tag: Option<&str>) -> Vec<Hit> {
        let terms = guide_words::terms(query);
        let hits = if terms.is_empty() {
            self.everything()
        } else {
            // With a topic, every match is ranked first so the topic's own are not cut.
            let limit = if tag.is_some() {
                i64::try_from(guides::all().len()).unwrap_or(i64::MAX)
            } else {
                index::MAX_RESULTS
            };
            match self.index.search(&terms, limit) {
                Ok(slugs) => {
                    let needles = snippet::needles(&terms);
                    slugs
                        .iter()
                        .filter_map(|slug| {
                            Some((guides::by_slug(slug)?, self.texts.get(slug.as_str())?))
                        })
                        .map(|(guide, text)| Hit {
                            guide,
                            snippet: snippet::make(text, guide.summary, &needles),
                        })
                        .collect()
                }
                Err(err) => {
                    // SQLite's message can quote the query, so only its code is logged:
                    // what someone searched for never reaches the log.
                    tracing::warn!(code = ?err.sqlite_error_code(), "a guide search failed");
                    Vec::new()
                }
            }
        };
        match tag {
            Some(tag) => hits
                .into_iter()
                .filter(|h| h.guide.tags.iter().any(|t| guides::tag_slug(t) == tag))
                .collect(),
            None => hits,
        }
    }

    /// A guide and its HTML.
    pub fn page(&self, slug: &str) -> Option<(&'static Guide, &str)> {
        let guide = guides::by_slug(slug)?;
        let rendered = self.rendered.get(guide.slug)?;
        Some((guide, rendered.html.as_str()))
    }

    /// Every link target in a guide (for the test that walks them).
    pub fn links(&self, slug: &str) -> &[String] {
        self.rendered.get(slug).map_or(&[], |r| r.links.as_slice())
    }

    /// Other guides sharing the most tags with this one (at most `n`).
    pub fn related(&self, guide: &Guide, n: usize) -> Vec<&'static Guide> {
        let mut scored: Vec<(usize, &'static Guide)> = guides::all()
            .iter()
            .filter(|g| g.slug != guide.slug)
            .map(|g| (g.tags.iter().filter(|t| guide.tags.contains(t)).count(), g))
            .filter(|(shared, _)| *shared > 0)
            .collect();
        scored.sort_by_key(|(shared, _)| std::cmp::Reverse(*shared));
        scored.into_iter().take(n).map(|(_, g)| g).collect()
    }
}

/// Longest search people can send (a question, not an essay).
pub const MAX_QUERY_CHARS: usize = 200;

/// The shared search flow of the page and the API: `query` checked, then searched.
pub fn find(query: &str, tag: Option<&str>) -> Result<Vec<Hit>, crate::error::AppError> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(crate::error::AppError::field(
            "q",
            format!("A search can be up to {MAX_QUERY_CHARS} characters."),
        ));
    }
    Ok(library().search(query, tag))
}
