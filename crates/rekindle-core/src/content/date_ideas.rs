//! The date-idea library: 160 ideas for time together, each with where it happens, what
//! it costs, how long and how lively it is, how new it is likely to feel, when in the
//! year it suits, and a few tags. Original writing of this project, kept as one line
//! per idea in `date_ideas.txt` (`slug | title | setting | cost | minutes | energy |
//! novelty | seasons | tags | how`) and read once. Slugs are stable: votes and planned
//! dates refer to them.

use std::sync::OnceLock;

/// Where a date happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Setting {
    Home,
    Out,
}

impl Setting {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Home => "home",
            Self::Out => "out",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "home" => Some(Self::Home),
            "out" => Some(Self::Out),
            _ => None,
        }
    }
}

/// What a date costs, in rough bands (ordered: a budget allows its band and below).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cost {
    Free,
    Low,
    Medium,
    High,
}

impl Cost {
    pub const ALL: [Self; 4] = [Self::Free, Self::Low, Self::Medium, Self::High];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Free => "free",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }

    /// In words, for pages.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Free => "Free",
            Self::Low => "Little cost",
            Self::Medium => "Some cost",
            Self::High => "A treat",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// How much energy a date asks of you.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Energy {
    Low,
    Medium,
    High,
}

impl Energy {
    pub const ALL: [Self; 3] = [Self::Low, Self::Medium, Self::High];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }

    /// In words, for pages.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Low => "Restful",
            Self::Medium => "Easy-going",
            Self::High => "Lively",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// How new an idea is likely to feel: 1 familiar, 2 a fresh twist, 3 adventurous.
pub type Novelty = u8;

/// In words, for pages.
#[must_use]
pub fn novelty_label(n: Novelty) -> &'static str {
    match n {
        0 | 1 => "Familiar",
        2 => "A fresh twist",
        _ => "Adventurous",
    }
}

/// A season of the year (in the couple's hemisphere).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    pub const ALL: [Self; 4] = [Self::Spring, Self::Summer, Self::Autumn, Self::Winter];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Spring => "spring",
            Self::Summer => "summer",
            Self::Autumn => "autumn",
            Self::Winter => "winter",
        }
    }

    fn bit(self) -> u8 {
        match self {
            Self::Spring => 1,
            Self::Summer => 2,
            Self::Autumn => 4,
            Self::Winter => 8,
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The seasons an idea suits; empty means any time of year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Seasons(u8);

impl Seasons {
    pub const ANY: Self = Self(0);

    #[must_use]
    pub fn of(list: &[Season]) -> Self {
        Self(list.iter().fold(0, |acc, s| acc | s.bit()))
    }

    #[must_use]
    pub fn suits(self, season: Season) -> bool {
        self.0 == 0 || self.0 & season.bit() != 0
    }

    #[must_use]
    pub fn is_any(self) -> bool {
        self.0 == 0
    }

    #[must_use]
    pub fn list(self) -> Vec<Season> {
        Season::ALL
            .into_iter()
            .filter(|s| self.0 & s.bit() != 0)
            .collect()
    }
}

/// A kind of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    Dinner,
    NewPlace,
    MovieNight,
    Hobby,
    Outdoors,
    Learning,
    Adventure,
    PhonesAway,
}

impl Tag {
    pub const ALL: [Self; 8] = [
        Self::Dinner,
        Self::NewPlace,
        Self::MovieNight,
        Self::Hobby,
        Self::Outdoors,
        Self::Learning,
        Self::Adventure,
        Self::PhonesAway,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Dinner => "dinner",
            Self::NewPlace => "new-place",
            Self::MovieNight => "movie-night",
            Self::Hobby => "hobby",
            Self::Outdoors => "outdoors",
            Self::Learning => "learning",
            Self::Adventure => "adventure",
            Self::PhonesAway => "phones-away",
        }
    }

    /// In words, for pages.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Dinner => "Dinner",
            Self::NewPlace => "New place",
            Self::MovieNight => "Movie night",
            Self::Hobby => "Hobby",
            Self::Outdoors => "Outdoors",
            Self::Learning => "Learning",
            Self::Adventure => "Adventure",
            Self::PhonesAway => "Phones away",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A set of tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Tags(u8);

impl Tags {
    #[must_use]
    pub fn of(list: &[Tag]) -> Self {
        Self(list.iter().fold(0, |acc, t| acc | t.bit()))
    }

    #[must_use]
    pub fn has(self, tag: Tag) -> bool {
        self.0 & tag.bit() != 0
    }

    #[must_use]
    pub fn list(self) -> Vec<Tag> {
        Tag::ALL.into_iter().filter(|t| self.has(*t)).collect()
    }

    /// How alike two sets are: shared tags over all tags (Jaccard), 0 when both empty.
    #[must_use]
    pub fn likeness(self, other: Self) -> f64 {
        let union = (self.0 | other.0).count_ones();
        if union == 0 {
            return 0.0;
        }
        f64::from((self.0 & other.0).count_ones()) / f64::from(union)
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// What describes an idea, the library's and a couple's own alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Traits {
    pub setting: Setting,
    pub cost: Cost,
    /// Typical length in minutes.
    pub minutes: u32,
    pub energy: Energy,
    pub novelty: Novelty,
    pub seasons: Seasons,
    pub tags: Tags,
}

/// One idea of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Idea {
    pub slug: &'static str,
    pub title: &'static str,
    pub how: &'static str,
    pub traits: Traits,
}

const SOURCE: &str = include_str!("date_ideas.txt");

/// Every idea of the library, in the file's order.
///
/// # Panics
/// Never in a build whose tests pass: the file is checked line by line below.
#[must_use]
pub fn ideas() -> &'static [Idea] {
    static IDEAS: OnceLock<Vec<Idea>> = OnceLock::new();
    IDEAS.get_or_init(|| SOURCE.lines().filter_map(parse_line).collect())
}

/// The library idea with this slug.
#[must_use]
pub fn by_slug(slug: &str) -> Option<&'static Idea> {
    ideas().iter().find(|i| i.slug == slug)
}

fn parse_line(line: &'static str) -> Option<Idea> {
    let f: Vec<&'static str> = line.split(" | ").map(str::trim).collect();
    let [
        slug,
        title,
        setting,
        cost,
        minutes,
        energy,
        novelty,
        seasons,
        tags,
        how,
    ] = f[..]
    else {
        return None;
    };
    let seasons = if seasons == "any" {
        Seasons::ANY
    } else {
        let list: Option<Vec<Season>> = seasons.split(',').map(Season::parse).collect();
        Seasons::of(&list?)
    };
    let tags: Option<Vec<Tag>> = tags.split(',').map(Tag::parse).collect();
    let novelty: Novelty = novelty.parse().ok().filter(|n| (1..=3).contains(n))?;
    Some(Idea {
        slug,
        title,
        how,
        traits: Traits {
            setting: Setting::parse(setting)?,
            cost: Cost::parse(cost)?,
            minutes: minutes.parse().ok().filter(|m| *m > 0)?,
            energy: Energy::parse(energy)?,
            novelty,
            seasons,
            tags: Tags::of(&tags?),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_line_is_a_whole_idea_and_slugs_are_unique() {
        let lines: Vec<&str> = SOURCE.lines().collect();
        for line in &lines {
            assert!(parse_line(line).is_some(), "unreadable idea line: {line}");
        }
        assert!(ideas().len() >= 150, "{} ideas", ideas().len());
        let slugs: HashSet<&str> = ideas().iter().map(|i| i.slug).collect();
        assert_eq!(slugs.len(), ideas().len());
        for i in ideas() {
            assert!(
                i.slug
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                i.slug
            );
            assert!(!i.title.is_empty() && !i.how.is_empty());
            assert!(!i.traits.tags.is_empty(), "{} has no tag", i.slug);
        }
    }

    #[test]
    fn the_library_has_range() {
        let all = ideas();
        let count = |f: &dyn Fn(&Idea) -> bool| all.iter().filter(|i| f(i)).count();
        assert!(count(&|i| i.traits.setting == Setting::Home) >= 40);
        assert!(count(&|i| i.traits.setting == Setting::Out) >= 40);
        assert!(count(&|i| i.traits.cost == Cost::Free) >= 25);
        assert!(count(&|i| i.traits.novelty == 3) >= 25);
        assert!(count(&|i| i.traits.novelty == 1) >= 25);
        for tag in Tag::ALL {
            assert!(count(&|i| i.traits.tags.has(tag)) >= 10, "{tag:?}");
        }
        for season in Season::ALL {
            assert!(
                count(&|i| !i.traits.seasons.is_any() && i.traits.seasons.suits(season)) >= 10,
                "{season:?}"
            );
        }
    }

    #[test]
    fn likeness_is_shared_over_all() {
        let a = Tags::of(&[Tag::Dinner, Tag::Outdoors]);
        let b = Tags::of(&[Tag::Dinner, Tag::Learning]);
        assert!((a.likeness(b) - 1.0 / 3.0).abs() < 1e-9);
        assert!((a.likeness(a) - 1.0).abs() < 1e-9);
        assert!(Tags::default().likeness(Tags::default()).abs() < 1e-9);
    }
}
