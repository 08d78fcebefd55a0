//! Love-map rounds: five questions about one partner's world, one from each theme. The
//! person it is about answers; the other guesses; once both are done, the person it is
//! about marks each guess. Choosing is deterministic per couple, person and round, and a
//! question is not asked about the same person again until its theme is used up. How
//! well the two know each other's worlds is told as a shared, gentle reflection over
//! time — never a score per person, never a leaderboard.

use std::collections::HashSet;

use serde::Serialize;

use crate::content::love_map::{MapQuestion, QUESTIONS, THEMES};
use crate::question::stable_hash;

/// Questions in a round.
pub const ROUND_SIZE: usize = THEMES.len();

/// The five questions of a round, one per theme, in theme order. `used` holds the ids
/// already asked about this person; `round_no` counts the couple's earlier rounds.
#[must_use]
pub fn choose_round(
    couple_id: &str,
    subject_id: &str,
    round_no: u64,
    used: &HashSet<&str>,
) -> [&'static MapQuestion; ROUND_SIZE] {
    THEMES.map(|theme| {
        let all: Vec<&'static MapQuestion> =
            QUESTIONS.iter().filter(|q| q.theme == theme).collect();
        let fresh: Vec<&'static MapQuestion> = all
            .iter()
            .copied()
            .filter(|q| !used.contains(q.id))
            .collect();
        // A theme used up starts over rather than running dry.
        let pool = if fresh.is_empty() { &all } else { &fresh };
        let h = stable_hash(&[
            couple_id.as_bytes(),
            subject_id.as_bytes(),
            &round_no.to_le_bytes(),
            theme.as_str().as_bytes(),
        ]);
        let len = u64::try_from(pool.len()).unwrap_or(1).max(1);
        pool[usize::try_from(h % len).unwrap_or(0)]
    })
}

/// How close a guess came, as the person it was about sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    SpotOn,
    Close,
    NotQuite,
}

impl Mark {
    pub const ALL: [Self; 3] = [Self::SpotOn, Self::Close, Self::NotQuite];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SpotOn => "spot_on",
            Self::Close => "close",
            Self::NotQuite => "not_quite",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == text)
    }

    /// How it reads on the page.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::SpotOn => "Spot on",
            Self::Close => "Close",
            Self::NotQuite => "Not quite",
        }
    }

    /// A guess's share of "knowing": spot on counts whole, close half.
    fn weight(self) -> f64 {
        match self {
            Self::SpotOn => 1.0,
            Self::Close => 0.5,
            Self::NotQuite => 0.0,
        }
    }
}

/// Rounds compared at each end of the couple's history.
const ENDS: usize = 3;
/// Differences smaller than this read as "about the same".
const STEADY_WITHIN: f64 = 0.1;

fn share(round: &[Mark]) -> f64 {
    if round.is_empty() {
        return 0.0;
    }
    round.iter().map(|m| m.weight()).sum::<f64>() / round.len() as f64
}

fn mean(rounds: &[Vec<Mark>]) -> f64 {
    rounds.iter().map(|r| share(r)).sum::<f64>() / rounds.len().max(1) as f64
}

/// One sentence about how the couple's maps of each other are changing, from their
/// marked rounds (both directions together, oldest first). Nothing until there is
/// something to compare; never a number, never who knows whom better.
#[must_use]
pub fn reflection(rounds_oldest_first: &[Vec<Mark>]) -> &'static str {
    let marked: Vec<Vec<Mark>> = rounds_oldest_first
        .iter()
        .filter(|r| !r.is_empty())
        .cloned()
        .collect();
    if marked.len() <= ENDS {
        return "Every round fills in a little more of each other's world.";
    }
    let first = mean(&marked[..ENDS]);
    let recent = mean(&marked[marked.len() - ENDS..]);
    if recent > first + STEADY_WITHIN {
        "You know more of each other's worlds than when you began. That's care, showing."
    } else if recent + STEADY_WITHIN < first {
        "Worlds keep changing, and these rounds are how you keep up with each other."
    } else {
        "Your maps of each other are holding steady, and each round adds a little detail."
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_round_takes_one_question_from_each_theme() {
        let round = choose_round("c1", "ann", 0, &HashSet::new());
        for (q, theme) in round.iter().zip(THEMES) {
            assert_eq!(q.theme, theme);
        }
    }

    #[test]
    fn questions_about_a_person_do_not_repeat_until_a_theme_is_used_up() {
        let mut used: HashSet<&str> = HashSet::new();
        for n in 0..8 {
            for q in choose_round("c1", "ann", n, &used) {
                assert!(used.insert(q.id), "{} repeated early", q.id);
            }
        }
        assert_eq!(used.len(), QUESTIONS.len());
        // Used up: a ninth round still has five questions.
        assert_eq!(choose_round("c1", "ann", 8, &used).len(), ROUND_SIZE);
    }

    #[test]
    fn marks_round_trip_their_spelling() {
        for m in Mark::ALL {
            assert_eq!(Mark::parse(m.as_str()), Some(m));
        }
        assert_eq!(Mark::parse("wrong"), None);
    }

    #[test]
    fn the_reflection_follows_the_direction_without_numbers() {
        use Mark::{Close, NotQuite, SpotOn};
        let low = vec![NotQuite, NotQuite, Close, NotQuite, NotQuite];
        let high = vec![SpotOn, SpotOn, Close, SpotOn, NotQuite];
        let growing = [
            low.clone(),
            low.clone(),
            low.clone(),
            high.clone(),
            high.clone(),
            high.clone(),
        ];
        assert!(reflection(&growing).starts_with("You know more"));
        let fading = [
            high.clone(),
            high.clone(),
            high.clone(),
            low.clone(),
            low.clone(),
            low.clone(),
        ];
        assert!(reflection(&fading).starts_with("Worlds keep changing"));
        let steady = [high.clone(), high.clone(), high.clone(), high.clone()];
        assert!(reflection(&steady).starts_with("Your maps"));
        assert!(reflection(&[high]).starts_with("Every round"));
    }

    proptest! {
        #[test]
        fn choosing_is_deterministic(couple in "[a-z0-9]{1,12}", subject in "[a-z0-9]{1,12}", n in 0u64..1000) {
            let used = HashSet::new();
            let a = choose_round(&couple, &subject, n, &used).map(|q| q.id);
            prop_assert_eq!(a, choose_round(&couple, &subject, n, &used).map(|q| q.id));
        }

        #[test]
        fn reflections_never_contain_digits(rounds in proptest::collection::vec(proptest::collection::vec(0usize..3, 0..6), 0..12)) {
            let rounds: Vec<Vec<Mark>> = rounds.into_iter().map(|r| r.into_iter().map(|i| Mark::ALL[i]).collect()).collect();
            prop_assert!(!reflection(&rounds).chars().any(|c| c.is_ascii_digit()));
        }
    }
}
