//! Love-map questions: about the everyday world of one partner — their worries, hopes,
//! favourite things, people and dreams. Each is written twice: once for the person it
//! is about, once for the partner who guesses (`{name}` is their name). Original
//! writing of this project. Ids are stable: stored rounds refer to them.

use serde::Serialize;

/// The corner of someone's world a question visits; a round takes one of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Worries,
    Hopes,
    Favourites,
    Friends,
    Dreams,
}

/// Every theme, in the order a round asks them.
pub const THEMES: [Theme; 5] = [
    Theme::Worries,
    Theme::Hopes,
    Theme::Favourites,
    Theme::Friends,
    Theme::Dreams,
];

impl Theme {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Worries => "worries",
            Self::Hopes => "hopes",
            Self::Favourites => "favourites",
            Self::Friends => "friends",
            Self::Dreams => "dreams",
        }
    }
}

/// One love-map question, in its two voices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MapQuestion {
    pub id: &'static str,
    pub theme: Theme,
    /// Asked of the person the round is about.
    pub about_self: &'static str,
    /// Asked of the partner who guesses; `{name}` is the other's name.
    pub guess: &'static str,
}

impl MapQuestion {
    /// The guessing voice with the partner's name in place.
    #[must_use]
    pub fn guess_about(&self, name: &str) -> String {
        self.guess.replace("{name}", name)
    }
}

const fn q(
    id: &'static str,
    theme: Theme,
    about_self: &'static str,
    guess: &'static str,
) -> MapQuestion {
    MapQuestion {
        id,
        theme,
        about_self,
        guess,
    }
}

use Theme::{Dreams, Favourites, Friends, Hopes, Worries};

/// The whole set: eight per theme.
pub const QUESTIONS: [MapQuestion; 40] = [
    q(
        "lm-worries-01",
        Worries,
        "What is weighing on your mind most this week?",
        "What do you think is weighing on {name}'s mind most this week?",
    ),
    q(
        "lm-worries-02",
        Worries,
        "Which part of your days feels hardest right now?",
        "Which part of {name}'s days do you think feels hardest right now?",
    ),
    q(
        "lm-worries-03",
        Worries,
        "What small thing has been quietly bothering you lately?",
        "What small thing do you think has been quietly bothering {name} lately?",
    ),
    q(
        "lm-worries-04",
        Worries,
        "What worry do you tend not to mention?",
        "What worry do you think {name} tends not to mention?",
    ),
    q(
        "lm-worries-05",
        Worries,
        "What about the coming month makes you a little nervous?",
        "What about the coming month do you think makes {name} a little nervous?",
    ),
    q(
        "lm-worries-06",
        Worries,
        "Whose wellbeing have you been worrying about recently?",
        "Whose wellbeing do you think {name} has been worrying about recently?",
    ),
    q(
        "lm-worries-07",
        Worries,
        "What would take a weight off your shoulders right now?",
        "What do you think would take a weight off {name}'s shoulders right now?",
    ),
    q(
        "lm-worries-08",
        Worries,
        "What keeps you awake on a restless night these days?",
        "What do you think keeps {name} awake on a restless night these days?",
    ),
    q(
        "lm-hopes-01",
        Hopes,
        "What are you most looking forward to in the next few weeks?",
        "What do you think {name} is most looking forward to in the next few weeks?",
    ),
    q(
        "lm-hopes-02",
        Hopes,
        "What do you hope this year still brings you?",
        "What do you think {name} hopes this year still brings?",
    ),
    q(
        "lm-hopes-03",
        Hopes,
        "What are you hoping the two of us get to do together soon?",
        "What do you think {name} is hoping the two of you get to do together soon?",
    ),
    q(
        "lm-hopes-04",
        Hopes,
        "What are you hoping to get better at?",
        "What do you think {name} is hoping to get better at?",
    ),
    q(
        "lm-hopes-05",
        Hopes,
        "What would make next weekend feel just right for you?",
        "What do you think would make next weekend feel just right for {name}?",
    ),
    q(
        "lm-hopes-06",
        Hopes,
        "What change at home would you welcome most?",
        "What change at home do you think {name} would welcome most?",
    ),
    q(
        "lm-hopes-07",
        Hopes,
        "What are you hoping someone will notice about you?",
        "What do you think {name} is hoping someone will notice about them?",
    ),
    q(
        "lm-hopes-08",
        Hopes,
        "What good news are you waiting for at the moment?",
        "What good news do you think {name} is waiting for at the moment?",
    ),
    q(
        "lm-favourites-01",
        Favourites,
        "What is your favourite way to spend a slow Sunday?",
        "What is {name}'s favourite way to spend a slow Sunday?",
    ),
    q(
        "lm-favourites-02",
        Favourites,
        "Which meal would you choose if you could have anything tonight?",
        "Which meal would {name} choose if they could have anything tonight?",
    ),
    q(
        "lm-favourites-03",
        Favourites,
        "What song or album have you been playing most lately?",
        "What song or album has {name} been playing most lately?",
    ),
    q(
        "lm-favourites-04",
        Favourites,
        "In which place do you feel most like yourself?",
        "In which place does {name} feel most like themselves?",
    ),
    q(
        "lm-favourites-05",
        Favourites,
        "What small treat always lifts your day?",
        "What small treat always lifts {name}'s day?",
    ),
    q(
        "lm-favourites-06",
        Favourites,
        "What book, show or film would you happily revisit?",
        "What book, show or film would {name} happily revisit?",
    ),
    q(
        "lm-favourites-07",
        Favourites,
        "What time of day do you like best?",
        "What time of day does {name} like best?",
    ),
    q(
        "lm-favourites-08",
        Favourites,
        "What smell takes you straight back to being a child?",
        "What smell takes {name} straight back to being a child?",
    ),
    q(
        "lm-friends-01",
        Friends,
        "Who would you call first with big news?",
        "Who would {name} call first with big news?",
    ),
    q(
        "lm-friends-02",
        Friends,
        "Which friend have you been missing lately?",
        "Which friend do you think {name} has been missing lately?",
    ),
    q(
        "lm-friends-03",
        Friends,
        "Who in your days do you enjoy most right now?",
        "Who in their days do you think {name} enjoys most right now?",
    ),
    q(
        "lm-friends-04",
        Friends,
        "Who outside our home do you lean on when things are hard?",
        "Who outside your home do you think {name} leans on when things are hard?",
    ),
    q(
        "lm-friends-05",
        Friends,
        "Whose company always makes you laugh?",
        "Whose company always makes {name} laugh?",
    ),
    q(
        "lm-friends-06",
        Friends,
        "Which person from your past would you love to catch up with?",
        "Which person from their past would {name} love to catch up with?",
    ),
    q(
        "lm-friends-07",
        Friends,
        "Who taught you something that has stayed with you?",
        "Who do you think taught {name} something that has stayed with them?",
    ),
    q(
        "lm-friends-08",
        Friends,
        "Which relative do you feel closest to right now?",
        "Which relative do you think {name} feels closest to right now?",
    ),
    q(
        "lm-dreams-01",
        Dreams,
        "If you could live anywhere for a year, where would it be?",
        "Where would {name} live for a year if they could go anywhere?",
    ),
    q(
        "lm-dreams-02",
        Dreams,
        "What would you do with a whole free month?",
        "What would {name} do with a whole free month?",
    ),
    q(
        "lm-dreams-03",
        Dreams,
        "What adventure is still on your list?",
        "What adventure do you think is still on {name}'s list?",
    ),
    q(
        "lm-dreams-04",
        Dreams,
        "What would you love to make or build one day?",
        "What do you think {name} would love to make or build one day?",
    ),
    q(
        "lm-dreams-05",
        Dreams,
        "What would a perfect ordinary day look like for you in ten years?",
        "What would a perfect ordinary day look like for {name} in ten years?",
    ),
    q(
        "lm-dreams-06",
        Dreams,
        "What skill would you learn if time and money were no object?",
        "What skill would {name} learn if time and money were no object?",
    ),
    q(
        "lm-dreams-07",
        Dreams,
        "Which dream have you set aside that you'd like to pick up again?",
        "Which dream do you think {name} has set aside and would like to pick up again?",
    ),
    q(
        "lm-dreams-08",
        Dreams,
        "What would you like people to say about the life you've lived?",
        "What do you think {name} would like people to say about the life they've lived?",
    ),
];

/// The question with this id.
#[must_use]
pub fn by_id(id: &str) -> Option<&'static MapQuestion> {
    QUESTIONS.iter().find(|q| q.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_every_theme_has_eight() {
        let ids: HashSet<&str> = QUESTIONS.iter().map(|q| q.id).collect();
        assert_eq!(ids.len(), QUESTIONS.len());
        for t in THEMES {
            assert_eq!(QUESTIONS.iter().filter(|q| q.theme == t).count(), 8);
        }
    }

    #[test]
    fn every_guess_names_the_partner_and_reads_as_a_question() {
        for q in &QUESTIONS {
            assert!(q.guess.contains("{name}"), "{}", q.id);
            assert!(!q.about_self.contains("{name}"), "{}", q.id);
            assert!(
                q.about_self.ends_with('?') && q.guess.ends_with('?'),
                "{}",
                q.id
            );
            assert!(q.id.contains(q.theme.as_str()), "{}", q.id);
        }
        assert_eq!(
            QUESTIONS[0].guess_about("Sam"),
            "What do you think is weighing on Sam's mind most this week?"
        );
    }
}
