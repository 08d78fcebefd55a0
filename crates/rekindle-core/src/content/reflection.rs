//! Guided prompts for the private reflection journal (`reflection.txt`, one per line:
//! slug | theme | prompt | nudge). Original text, written for Rekindle.

use std::sync::OnceLock;

/// What a prompt helps a person look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Theme {
    Distance,
    MyPart,
    Need,
    Grateful,
    Gently,
    Hope,
}

impl Theme {
    pub const ALL: [Self; 6] = [
        Self::Distance,
        Self::MyPart,
        Self::Need,
        Self::Grateful,
        Self::Gently,
        Self::Hope,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Distance => "distance",
            Self::MyPart => "my-part",
            Self::Need => "need",
            Self::Grateful => "grateful",
            Self::Gently => "gently",
            Self::Hope => "hope",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The heading people read.
    #[must_use]
    pub fn heading(self) -> &'static str {
        match self {
            Self::Distance => "What led to the distance",
            Self::MyPart => "My part in it",
            Self::Need => "What I need",
            Self::Grateful => "What I'm grateful for",
            Self::Gently => "What I want to say gently",
            Self::Hope => "What I hope for us",
        }
    }
}

/// One guided prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prompt {
    pub slug: &'static str,
    pub theme: Theme,
    pub text: &'static str,
    /// A line that helps someone start writing.
    pub nudge: &'static str,
}

const SOURCE: &str = include_str!("reflection.txt");

/// Every prompt, in the file's order (grouped by theme).
#[must_use]
pub fn prompts() -> &'static [Prompt] {
    static ALL: OnceLock<Vec<Prompt>> = OnceLock::new();
    ALL.get_or_init(|| SOURCE.lines().filter_map(parse_line).collect())
}

/// The prompt with this slug.
#[must_use]
pub fn by_slug(slug: &str) -> Option<&'static Prompt> {
    prompts().iter().find(|p| p.slug == slug)
}

/// One prompt chosen by a stable number (a hash of person and day), so the suggestion
/// stays the same all day and changes from one day to the next.
#[must_use]
pub fn pick(number: u64) -> &'static Prompt {
    let all = prompts();
    let len = u64::try_from(all.len()).unwrap_or(1).max(1);
    &all[usize::try_from(number % len).unwrap_or(0)]
}

fn parse_line(line: &'static str) -> Option<Prompt> {
    let f: Vec<&'static str> = line.split(" | ").map(str::trim).collect();
    let [slug, theme, text, nudge] = f[..] else {
        return None;
    };
    Some(Prompt {
        slug,
        theme: Theme::parse(theme)?,
        text,
        nudge,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn at_least_fifty_whole_prompts_in_every_theme() {
        for line in SOURCE.lines() {
            assert!(parse_line(line).is_some(), "unreadable prompt line: {line}");
        }
        assert!(prompts().len() >= 50, "{}", prompts().len());
        let slugs: HashSet<&str> = prompts().iter().map(|p| p.slug).collect();
        assert_eq!(slugs.len(), prompts().len());
        for t in Theme::ALL {
            assert!(
                prompts().iter().filter(|p| p.theme == t).count() >= 8,
                "{t:?}"
            );
        }
        for p in prompts() {
            assert!(
                !p.text.contains('!') && !p.nudge.contains('!'),
                "{}",
                p.slug
            );
        }
    }

    #[test]
    fn a_pick_is_always_in_the_library() {
        for n in [0, 1, 63, u64::MAX] {
            assert!(by_slug(pick(n).slug).is_some());
        }
    }
}
