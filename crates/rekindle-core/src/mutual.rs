//! Mutual yes: each partner answers yes / maybe / no privately; an item is a match only
//! when both said yes — or, when *both* have chosen to count maybes, when both said yes
//! or maybe. A "no" and no answer at all are the same here, so nothing about them can
//! show (PRIVACY.md, promise 4).

/// One partner's private answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    Yes,
    Maybe,
    No,
}

impl Answer {
    pub const ALL: [Self; 3] = [Self::Yes, Self::Maybe, Self::No];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::Maybe => "maybe",
            Self::No => "no",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// The words on its button.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Yes => "Yes",
            Self::Maybe => "Maybe",
            Self::No => "No",
        }
    }
}

/// Whether an item matches, from both answers (none: not answered) and whether each
/// partner has chosen to count maybes.
#[must_use]
pub fn is_match(
    a: Option<Answer>,
    b: Option<Answer>,
    a_counts_maybe: bool,
    b_counts_maybe: bool,
) -> bool {
    let maybes = a_counts_maybe && b_counts_maybe;
    let ok = |x: Option<Answer>| match x {
        Some(Answer::Yes) => true,
        Some(Answer::Maybe) => maybes,
        Some(Answer::No) | None => false,
    };
    ok(a) && ok(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_answer() -> impl Strategy<Value = Option<Answer>> {
        prop::sample::select(vec![
            None,
            Some(Answer::Yes),
            Some(Answer::Maybe),
            Some(Answer::No),
        ])
    }

    #[test]
    fn yes_and_yes_match_and_maybes_only_by_both_choosing_them() {
        assert!(is_match(Some(Answer::Yes), Some(Answer::Yes), false, false));
        assert!(!is_match(
            Some(Answer::Yes),
            Some(Answer::Maybe),
            true,
            false
        ));
        assert!(is_match(Some(Answer::Yes), Some(Answer::Maybe), true, true));
        assert!(!is_match(Some(Answer::Maybe), Some(Answer::No), true, true));
    }

    proptest! {
        /// Over random answer sets, what the viewer can learn (the matches) is the same
        /// whether the partner said no or did not answer.
        #[test]
        fn no_and_not_answered_are_indistinguishable(mine in prop::collection::vec(any_answer(), 1..40),
                                                     flips in prop::collection::vec(any::<bool>(), 1..40),
                                                     a_maybe in any::<bool>(), b_maybe in any::<bool>()) {
            let n = mine.len().min(flips.len());
            let with_no: Vec<bool> = (0..n).map(|i| is_match(mine[i], Some(Answer::No), a_maybe, b_maybe)).collect();
            let unanswered: Vec<bool> = (0..n).map(|i| is_match(mine[i], None, a_maybe, b_maybe)).collect();
            prop_assert_eq!(&with_no, &unanswered);
            prop_assert!(with_no.iter().all(|m| !m));
            // And a match never depends on the order of the two.
            for i in 0..n {
                let other = if flips[i] { Some(Answer::Yes) } else { Some(Answer::Maybe) };
                prop_assert_eq!(is_match(mine[i], other, a_maybe, b_maybe), is_match(other, mine[i], b_maybe, a_maybe));
            }
        }
    }
}
