//! Gentle next steps offered when drift is noticed: one small, concrete thing the two
//! of you can do. Original writing of this project. Shown to both partners alike, so
//! none of them points at anyone.

use crate::checkin::drift::Signal;

/// One suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextStep {
    pub title: &'static str,
    pub body: &'static str,
    /// The slug of the guide that goes deeper.
    pub guide: &'static str,
}

const AFTER_A_DIP: &[NextStep] = &[
    NextStep {
        title: "A question for tonight",
        body: "Ask each other: \"What has been weighing on you this week that I might not know about?\" Take turns, and just listen — no fixing.",
        guide: "sharing-hopes-and-dreams",
    },
    NextStep {
        title: "Ten quiet minutes",
        body: "Sit together for ten minutes with phones in another room. Share one thing that felt hard lately and one thing that helped.",
        guide: "reconnecting-after-distance",
    },
    NextStep {
        title: "A small check-in walk",
        body: "Take a short walk side by side. Walking next to each other often makes it easier to say what has been on your mind.",
        guide: "turning-towards-each-other",
    },
];

const FOR_A_GAP: &[NextStep] = &[
    NextStep {
        title: "Try listening in turns",
        body: "One of you shares how the last two weeks have felt, for a few minutes. The other says back what they heard, in their own words, until the speaker says \"that's it\". Then swap.",
        guide: "listening-well",
    },
    NextStep {
        title: "Two views of the same week",
        body: "Each of you finishes this sentence, then the other repeats it back: \"This week, I felt closest to you when… and furthest when…\". It's fine for your answers to differ.",
        guide: "reading-your-check-ins",
    },
];

const AFTER_QUIET: &[NextStep] = &[
    NextStep {
        title: "A tiny date this week",
        body: "Pick an evening and cook something neither of you has made before. Keep it simple; the point is the time together.",
        guide: "dates-that-happen",
    },
    NextStep {
        title: "Something new, together",
        body: "Choose a place nearby that neither of you has been to — a park, a café, a museum — and go for an hour. New things shared tend to bring people closer.",
        guide: "trying-new-things",
    },
    NextStep {
        title: "Rekindle a habit",
        body: "Think of one small thing you used to do together and loved. Suggest doing it again this week, just once, to see how it feels.",
        guide: "bringing-back-traditions",
    },
];

/// The step for a signal, varied by a number such as the day, so the same advice is not
/// shown forever.
#[must_use]
pub fn for_signal(signal: Signal, variation: u64) -> NextStep {
    let list = match signal {
        Signal::Dip => AFTER_A_DIP,
        Signal::Gap => FOR_A_GAP,
        Signal::Quiet => AFTER_QUIET,
    };
    let len = u64::try_from(list.len()).unwrap_or(1);
    let index = usize::try_from(variation % len).unwrap_or(0);
    list[index]
}

/// Words for what was noticed, naming no one.
#[must_use]
pub fn noticed(signal: Signal) -> &'static str {
    match signal {
        Signal::Dip => {
            "The last week seems to have felt a little further apart than usual. That happens to every couple."
        }
        Signal::Gap => {
            "Lately the two of you have been feeling the closeness quite differently. Talking about it gently can help."
        }
        Signal::Quiet => {
            "It's been a couple of weeks since you last did something here together. A small step is plenty."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_signal_has_steps_and_they_vary() {
        for s in [Signal::Dip, Signal::Gap, Signal::Quiet] {
            assert!(!for_signal(s, 0).body.is_empty());
            assert!(!noticed(s).is_empty());
        }
        assert_ne!(for_signal(Signal::Dip, 0), for_signal(Signal::Dip, 1));
    }

    #[test]
    fn every_step_leads_to_a_guide_that_exists() {
        for list in [AFTER_A_DIP, FOR_A_GAP, AFTER_QUIET] {
            for step in list {
                assert!(
                    crate::content::guides::by_slug(step.guide).is_some(),
                    "{}: {}",
                    step.title,
                    step.guide
                );
            }
        }
    }
}
