//! What a page says after a redirect ("Saved.", "Write a few words first"), carried in
//! one query key: `?notice=checkin_saved,coached`. Only these fixed keys are read, so no
//! text from the address ever reaches a page; an unknown key is ignored.

use serde::Deserialize;

/// One thing to tell the person on the page they land on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Something they just wrote has a thought from the coach (it was saved anyway).
    Coached,
    /// Today's check-in was saved.
    CheckinSaved,
    /// An answer or reply was empty or too long; nothing saved.
    AnswerEmpty,
    /// Profile saved (Settings).
    ProfileSaved,
    /// Password changed; other sessions ended (Settings).
    PasswordChanged,
    /// A session was ended (Settings).
    SessionEnded,
    /// A listening session needs a topic; nothing started.
    TopicMissing,
    /// A listening step had already been taken.
    StepTaken,
    /// A listening piece was empty; nothing saved.
    WordsMissing,
    /// A felt-heard rating was out of range; nothing saved.
    RatingMissing,
    /// A love-map answer or guess was missing; nothing saved.
    EntriesMissing,
    /// A love-map mark was missing; nothing saved.
    MarksMissing,
    /// The calendar feed was switched off (Settings).
    FeedRevoked,
    /// Reminder choices saved (Settings).
    RemindersSaved,
    /// The private writing was opened with the recovery code (Settings).
    PrivateWritingOpen,
}

const ALL: [(Notice, &str); 15] = [
    (Notice::Coached, "coached"),
    (Notice::CheckinSaved, "checkin_saved"),
    (Notice::AnswerEmpty, "answer_empty"),
    (Notice::ProfileSaved, "profile_saved"),
    (Notice::PasswordChanged, "password_changed"),
    (Notice::SessionEnded, "session_ended"),
    (Notice::TopicMissing, "topic_missing"),
    (Notice::StepTaken, "step_taken"),
    (Notice::WordsMissing, "words_missing"),
    (Notice::RatingMissing, "rating_missing"),
    (Notice::EntriesMissing, "entries_missing"),
    (Notice::MarksMissing, "marks_missing"),
    (Notice::RemindersSaved, "reminders_saved"),
    (Notice::FeedRevoked, "feed_revoked"),
    (Notice::PrivateWritingOpen, "private_open"),
];

impl Notice {
    /// Its key in the address.
    pub fn key(self) -> &'static str {
        ALL.iter().find(|(n, _)| *n == self).map_or("", |(_, k)| k)
    }

    /// The words the page shows, where the notice is a sentence.
    pub fn message(self) -> Option<&'static str> {
        Some(match self {
            Self::ProfileSaved => "Saved.",
            Self::PasswordChanged => {
                "Your password is changed. Other sessions have been signed out."
            }
            Self::SessionEnded => "That session has ended.",
            Self::StepTaken => "That step had already been taken — here's where you are now.",
            Self::WordsMissing => "Write a few words first — nothing was saved.",
            Self::RatingMissing => "Choose how heard you felt, from 1 to 5.",
            Self::EntriesMissing => {
                "Please write something for each question — a guess is fine. Nothing was saved."
            }
            Self::MarksMissing => {
                "Choose spot on, close or not quite for each guess. Nothing was saved."
            }
            Self::FeedRevoked => "Your calendar feed is off. Its address no longer works.",
            Self::RemindersSaved => "Saved. Your reminders follow your new choices from now on.",
            Self::PrivateWritingOpen => "Your private writing is open again.",
            Self::Coached | Self::CheckinSaved | Self::AnswerEmpty | Self::TopicMissing => {
                return None;
            }
        })
    }
}

/// The `notice` query key, as every page reads it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Notices {
    #[serde(default)]
    notice: String,
}

impl Notices {
    /// The notices in a `notice` value (for pages whose query has other keys too).
    pub fn parse(value: &str) -> Self {
        Self {
            notice: value.to_owned(),
        }
    }

    /// Whether `n` is among the notices.
    pub fn has(&self, n: Notice) -> bool {
        self.notice.split(',').any(|k| k == n.key())
    }

    /// The first notice that is a sentence, for pages that show one.
    pub fn message(&self) -> Option<&'static str> {
        self.notice
            .split(',')
            .filter_map(|k| ALL.iter().find(|(_, key)| *key == k))
            .find_map(|(n, _)| n.message())
    }
}

/// `to` (a path, maybe with `#fragment`) with these notices added.
pub fn to(to: &str, notices: &[Notice]) -> String {
    if notices.is_empty() {
        return to.to_owned();
    }
    let (path, fragment) = to.split_once('#').map_or((to, ""), |(p, f)| (p, f));
    let keys: Vec<&str> = notices.iter().map(|n| n.key()).collect();
    let hash = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    format!("{path}?notice={}{hash}", keys.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_travel_in_one_key_and_read_back() {
        assert_eq!(
            to("/#question", &[Notice::CheckinSaved, Notice::Coached]),
            "/?notice=checkin_saved,coached#question"
        );
        assert_eq!(to("/listen", &[]), "/listen");
        let n = Notices {
            notice: "checkin_saved,coached,nonsense".into(),
        };
        assert!(n.has(Notice::Coached) && n.has(Notice::CheckinSaved));
        assert!(!n.has(Notice::AnswerEmpty));
        let m = Notices {
            notice: "password_changed".into(),
        };
        assert_eq!(m.message(), Notice::PasswordChanged.message());
        for (n, key) in ALL {
            assert_eq!(n.key(), key);
        }
    }
}
