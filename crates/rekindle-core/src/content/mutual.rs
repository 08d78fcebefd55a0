//! The mutual-yes list: things a couple might try (`mutual.txt`, one per line: slug |
//! section | text). The intimate section is shown only to those who turn it on.
//! Original text.

use std::sync::OnceLock;

/// Which part of the list an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Affection,
    Romance,
    Adventure,
    /// Opt-in: shown only to a person who turned it on.
    Intimate,
}

impl Section {
    pub const ALL: [Self; 4] = [
        Self::Affection,
        Self::Romance,
        Self::Adventure,
        Self::Intimate,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Affection => "affection",
            Self::Romance => "romance",
            Self::Adventure => "adventure",
            Self::Intimate => "intimate",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The heading people read.
    #[must_use]
    pub fn heading(self) -> &'static str {
        match self {
            Self::Affection => "Affection",
            Self::Romance => "Romance",
            Self::Adventure => "Adventure",
            Self::Intimate => "Intimacy",
        }
    }
}

/// One thing to try.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub slug: &'static str,
    pub section: Section,
    pub text: &'static str,
}

const SOURCE: &str = include_str!("mutual.txt");

/// Every item, in the file's order.
#[must_use]
pub fn items() -> &'static [Item] {
    static ALL: OnceLock<Vec<Item>> = OnceLock::new();
    ALL.get_or_init(|| SOURCE.lines().filter_map(parse_line).collect())
}

/// The item with this slug.
#[must_use]
pub fn by_slug(slug: &str) -> Option<&'static Item> {
    items().iter().find(|i| i.slug == slug)
}

fn parse_line(line: &'static str) -> Option<Item> {
    let f: Vec<&'static str> = line.split(" | ").map(str::trim).collect();
    let [slug, section, text] = f[..] else {
        return None;
    };
    Some(Item {
        slug,
        section: Section::parse(section)?,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_line_is_a_whole_item_and_each_section_has_enough() {
        for line in SOURCE.lines() {
            assert!(parse_line(line).is_some(), "unreadable item line: {line}");
        }
        let slugs: HashSet<&str> = items().iter().map(|i| i.slug).collect();
        assert_eq!(slugs.len(), items().len());
        for s in Section::ALL {
            assert!(
                items().iter().filter(|i| i.section == s).count() >= 15,
                "{s:?}"
            );
        }
    }
}
