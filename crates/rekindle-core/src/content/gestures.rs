//! The gesture library: small thoughtful things and little gifts, for no reason
//! (`gestures.txt`, one per line: slug | category | title | how). Original text.

use std::sync::OnceLock;

/// What kind of gesture it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    Words,
    Time,
    Help,
    Gift,
    Touch,
    Surprise,
}

impl Category {
    pub const ALL: [Self; 6] = [
        Self::Words,
        Self::Time,
        Self::Help,
        Self::Gift,
        Self::Touch,
        Self::Surprise,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Words => "words",
            Self::Time => "time",
            Self::Help => "help",
            Self::Gift => "gift",
            Self::Touch => "touch",
            Self::Surprise => "surprise",
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
            Self::Words => "Kind words",
            Self::Time => "Time together",
            Self::Help => "A helping hand",
            Self::Gift => "Small gifts",
            Self::Touch => "Warm touch",
            Self::Surprise => "Little surprises",
        }
    }
}

/// One gesture of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gesture {
    pub slug: &'static str,
    pub category: Category,
    pub title: &'static str,
    pub how: &'static str,
}

const SOURCE: &str = include_str!("gestures.txt");

/// Every gesture, in the file's order.
#[must_use]
pub fn gestures() -> &'static [Gesture] {
    static ALL: OnceLock<Vec<Gesture>> = OnceLock::new();
    ALL.get_or_init(|| SOURCE.lines().filter_map(parse_line).collect())
}

/// The gesture with this slug.
#[must_use]
pub fn by_slug(slug: &str) -> Option<&'static Gesture> {
    gestures().iter().find(|g| g.slug == slug)
}

/// One gesture chosen by a stable number (a hash of person and day), so a person's
/// suggestion stays the same all day and changes from one day to the next.
#[must_use]
pub fn pick(number: u64) -> &'static Gesture {
    let all = gestures();
    let len = u64::try_from(all.len()).unwrap_or(1).max(1);
    let index = usize::try_from(number % len).unwrap_or(0);
    &all[index]
}

fn parse_line(line: &'static str) -> Option<Gesture> {
    let f: Vec<&'static str> = line.split(" | ").map(str::trim).collect();
    let [slug, category, title, how] = f[..] else {
        return None;
    };
    Some(Gesture {
        slug,
        category: Category::parse(category)?,
        title,
        how,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_line_is_a_whole_gesture_and_there_are_at_least_a_hundred() {
        for line in SOURCE.lines() {
            assert!(
                parse_line(line).is_some(),
                "unreadable gesture line: {line}"
            );
        }
        assert!(gestures().len() >= 100, "{}", gestures().len());
        let slugs: HashSet<&str> = gestures().iter().map(|g| g.slug).collect();
        assert_eq!(slugs.len(), gestures().len());
        for c in Category::ALL {
            assert!(gestures().iter().filter(|g| g.category == c).count() >= 10);
        }
    }

    #[test]
    fn a_pick_is_always_in_the_library() {
        for n in [0, 1, 131, u64::MAX] {
            assert!(by_slug(pick(n).slug).is_some());
        }
    }
}
