//! The speaker–listener exercise as a small state machine over the moves the two make:
//! the speaker shares a piece, the listener says it back, the speaker answers "that's
//! it" (the next piece, or a swap) or "not quite" with what they meant (the listener
//! tries again). Every move is checked against the current step here, so the pages,
//! the API and two phones racing each other all follow one rule.

use serde::Serialize;

/// Longest piece, paraphrase or clarification, in characters — short is the point.
pub const MOVE_MAX_CHARS: usize = 1_200;
/// After this many understood pieces in one role, the page suggests swapping.
pub const SUGGEST_SWAP_AFTER: u32 = 3;

/// Which of the two is speaking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The person who started speaking first.
    First,
    Second,
}

impl Role {
    #[must_use]
    pub fn other(self) -> Self {
        match self {
            Self::First => Self::Second,
            Self::Second => Self::First,
        }
    }
}

/// What the two did, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    /// The speaker shares a short piece.
    Piece,
    /// The listener says it back.
    Paraphrase,
    /// The speaker: "that's it".
    ThatsIt,
    /// The speaker: "not quite — here's what I meant".
    NotQuite,
    /// The two change roles.
    Swap,
}

impl MoveKind {
    pub const ALL: [Self; 5] = [
        Self::Piece,
        Self::Paraphrase,
        Self::ThatsIt,
        Self::NotQuite,
        Self::Swap,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Piece => "piece",
            Self::Paraphrase => "paraphrase",
            Self::ThatsIt => "thats_it",
            Self::NotQuite => "not_quite",
            Self::Swap => "swap",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// Whether the move carries words (a piece, a paraphrase, what was meant).
    #[must_use]
    pub fn has_words(self) -> bool {
        matches!(self, Self::Piece | Self::Paraphrase | Self::NotQuite)
    }

    /// Who makes it: the speaker, the listener, or (for a swap) either.
    #[must_use]
    pub fn made_by(self, speaker: Role) -> Option<Role> {
        match self {
            Self::Piece | Self::ThatsIt | Self::NotQuite => Some(speaker),
            Self::Paraphrase => Some(speaker.other()),
            Self::Swap => None,
        }
    }
}

/// Whose move it is, and which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The speaker shares a piece (or the two swap).
    Speak,
    /// The listener says back what they heard.
    Paraphrase,
    /// The speaker says whether that was it.
    Confirm,
}

/// Where an exercise stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct State {
    pub speaker: Role,
    pub step: Step,
    /// Pieces understood ("that's it") since the current speaker began.
    pub understood_in_role: u32,
    /// Tries at saying back the current piece (0 before the first).
    pub attempt: u32,
}

impl State {
    /// The beginning: the first speaker is about to speak.
    pub const START: Self = Self {
        speaker: Role::First,
        step: Step::Speak,
        understood_in_role: 0,
        attempt: 0,
    };

    /// Whether the page should suggest swapping roles now.
    #[must_use]
    pub fn suggest_swap(&self) -> bool {
        self.step == Step::Speak && self.understood_in_role >= SUGGEST_SWAP_AFTER
    }

    /// The state after `kind`, or `None` when it does not fit the current step.
    #[must_use]
    pub fn apply(self, kind: MoveKind) -> Option<Self> {
        match (self.step, kind) {
            (Step::Speak, MoveKind::Piece) => Some(Self {
                step: Step::Paraphrase,
                attempt: 0,
                ..self
            }),
            (Step::Speak, MoveKind::Swap) => Some(Self {
                speaker: self.speaker.other(),
                understood_in_role: 0,
                ..self
            }),
            (Step::Paraphrase, MoveKind::Paraphrase) => Some(Self {
                step: Step::Confirm,
                attempt: self.attempt + 1,
                ..self
            }),
            (Step::Confirm, MoveKind::ThatsIt) => Some(Self {
                step: Step::Speak,
                understood_in_role: self.understood_in_role + 1,
                attempt: 0,
                ..self
            }),
            (Step::Confirm, MoveKind::NotQuite) => Some(Self {
                step: Step::Paraphrase,
                ..self
            }),
            _ => None,
        }
    }

    /// Replays moves from the start; `None` if any does not fit.
    #[must_use]
    pub fn replay(moves: &[MoveKind]) -> Option<Self> {
        moves.iter().try_fold(Self::START, |s, m| s.apply(*m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MoveKind::{NotQuite, Paraphrase, Piece, Swap, ThatsIt};
    use proptest::prelude::*;

    #[test]
    fn a_piece_is_said_back_until_the_speaker_says_thats_it() {
        let s = State::replay(&[Piece, Paraphrase, NotQuite, Paraphrase]).unwrap();
        assert_eq!((s.step, s.attempt), (Step::Confirm, 2));
        let s = s.apply(ThatsIt).unwrap();
        assert_eq!(
            (s.step, s.understood_in_role, s.speaker),
            (Step::Speak, 1, Role::First)
        );
    }

    #[test]
    fn moves_out_of_turn_do_not_fit() {
        assert_eq!(State::START.apply(Paraphrase), None);
        assert_eq!(State::START.apply(ThatsIt), None);
        let after_piece = State::START.apply(Piece).unwrap();
        assert_eq!(after_piece.apply(Piece), None);
        assert_eq!(after_piece.apply(Swap), None, "no swapping mid-piece");
    }

    #[test]
    fn swapping_is_suggested_after_a_few_understood_pieces() {
        let one = [Piece, Paraphrase, ThatsIt];
        let moves: Vec<MoveKind> = one.iter().copied().cycle().take(9).collect();
        let s = State::replay(&moves).unwrap();
        assert!(s.suggest_swap());
        let swapped = s.apply(Swap).unwrap();
        assert_eq!(
            (swapped.speaker, swapped.understood_in_role),
            (Role::Second, 0)
        );
        assert!(!swapped.suggest_swap());
    }

    #[test]
    fn who_makes_each_move() {
        assert_eq!(Piece.made_by(Role::Second), Some(Role::Second));
        assert_eq!(Paraphrase.made_by(Role::Second), Some(Role::First));
        assert_eq!(Swap.made_by(Role::First), None);
        for k in MoveKind::ALL {
            assert_eq!(MoveKind::parse(k.as_str()), Some(k));
        }
    }

    proptest! {
        #[test]
        fn any_sequence_is_either_refused_or_keeps_the_roles_consistent(moves in proptest::collection::vec(0usize..5, 0..40)) {
            let mut s = State::START;
            for i in moves {
                let kind = MoveKind::ALL[i];
                let allowed: &[MoveKind] = match s.step {
                    Step::Speak => &[Piece, Swap],
                    Step::Paraphrase => &[Paraphrase],
                    Step::Confirm => &[ThatsIt, NotQuite],
                };
                let next = s.apply(kind);
                prop_assert_eq!(next.is_some(), allowed.contains(&kind));
                if let Some(next) = next {
                    // Only a swap changes the speaker, and only between pieces.
                    prop_assert_eq!(next.speaker != s.speaker, kind == Swap);
                    prop_assert!(next.step != Step::Confirm || next.attempt >= 1);
                    s = next;
                }
            }
        }
    }
}
