//! The visibility rule of `rekindle_core::reveal`, written as a SQL predicate so that
//! every content query filters in the database. Content tables carry `owner_id`,
//! `couple_id`, `visibility` and `unsealed_at`; a test checks this predicate against
//! the core rule on both engines.

use super::Value;
use super::couples::Couple;
use super::users::User;

/// Who is asking, bound into every content query.
#[derive(Debug, Clone)]
pub struct Scope {
    pub viewer_id: String,
    /// The viewer's current couple; `None` after leaving (then only own items show).
    pub couple_id: Option<String>,
    pub now_ms: i64,
}

/// The predicate for a table alias, using three consecutive placeholders starting at
/// `$first`: viewer id, viewer's couple id (may be NULL), now.
pub fn predicate(alias: &str, first: usize) -> String {
    let (viewer, couple, now) = (first, first + 1, first + 2);
    format!(
        "({alias}.owner_id = ${viewer} OR ({alias}.couple_id = ${couple} AND \
         ({alias}.visibility = 'shared' OR \
          ({alias}.visibility = 'sealed' AND {alias}.unsealed_at IS NOT NULL AND {alias}.unsealed_at <= ${now}))))"
    )
}

impl Scope {
    /// A couple member looking at their couple's things at `now_ms`.
    pub fn member(user: &User, couple: &Couple, now_ms: i64) -> Self {
        Self::new(&user.id, Some(&couple.id), now_ms)
    }

    /// The scope of `viewer_id` in their current couple (if any) at `now_ms`.
    pub fn new(viewer_id: &str, couple_id: Option<&str>, now_ms: i64) -> Self {
        Self {
            viewer_id: viewer_id.to_owned(),
            couple_id: couple_id.map(str::to_owned),
            now_ms,
        }
    }

    /// The three values `predicate` expects (`$1`–`$3`), then the query's own.
    pub fn with<'a>(&'a self, rest: &[Value<'a>]) -> Vec<Value<'a>> {
        let mut all = Vec::with_capacity(3 + rest.len());
        all.extend([
            Value::from(&self.viewer_id),
            Value::from(self.couple_id.as_ref()),
            Value::from(self.now_ms),
        ]);
        all.extend_from_slice(rest);
        all
    }
}

/// A read of a content table that does not go through [`predicate`], and why that is
/// safe. The test `visibility_convention` requires every other content read in `src/`
/// to use the predicate, and every exception here to still match a real statement.
pub struct Exception {
    /// The file, from the crate root (`src/db/questions.rs`).
    pub file: &'static str,
    /// A piece of the SQL text that identifies the statement.
    pub sql: &'static str,
    /// Why the rule does not apply.
    pub why: &'static str,
}

/// The named exceptions to "every content read goes through the predicate".
pub const EXCEPTIONS: &[Exception] = &[
    Exception {
        file: "src/db/reports.rs",
        sql: "SELECT version FROM reports WHERE id = $1 AND couple_id = $2",
        why: "a report's version (a number, no words) inside the write that records an \
              approval of it, for the caller's own couple",
    },
    Exception {
        file: "src/db/notes.rs",
        sql: "SELECT p.id FROM love_notes p WHERE p.couple_id = $1 AND p.unsealed_at > $2",
        why: "leaving a couple: the ids of its notes not yet delivered, to drop their \
              notifications in the same write that deletes them; nothing is shown",
    },
    Exception {
        file: "src/db/mutual.rs",
        sql: "FROM mutual_answers a JOIN mutual_answers b",
        why: "mutual-yes matches: only items both partners said yes to (or yes/maybe when \
              both count maybes); a \"no\" and no answer never come out (PRIVACY.md, \
              promise 4)",
    },
    Exception {
        file: "src/db/dashboard.rs",
        sql: "SELECT MAX(a.day) FROM checkins a JOIN checkins b",
        why: "only the latest day both checked in, within the couple, for drift; no \
              content and no note (notes are another table)",
    },
    Exception {
        file: "src/db/checkins.rs",
        sql: "SELECT c.day FROM checkins c WHERE c.owner_id = $1 AND",
        why: "the viewer's own check-in days ($1 is always the scope's viewer), for the \
              streak; the rule always lets people see their own rows, and a day is no content",
    },
    Exception {
        file: "src/db/questions.rs",
        sql: "SELECT CAST(COUNT(*) AS BIGINT) FROM answers",
        why: "counts answers inside the write that unseals them; the count is never shown",
    },
    Exception {
        file: "src/db/love_map.rs",
        sql: "SELECT CAST(COUNT(DISTINCT owner_id) AS BIGINT) FROM love_map_entries",
        why: "counts who has written inside the write that unseals the round; never shown",
    },
    Exception {
        file: "src/db/state_of_us.rs",
        sql: "SELECT CAST(COUNT(*) AS BIGINT) FROM meeting_confirmations",
        why: "counts the two taps inside the write that holds the meeting",
    },
    Exception {
        file: "src/db/listening.rs",
        sql: "SELECT ended_at FROM listening_sessions",
        why: "whether the couple's session has ended, inside the write of a move",
    },
    Exception {
        file: "src/db/listening.rs",
        sql: "SELECT kind FROM listening_moves",
        why: "the kinds of moves so far (no words), replayed inside the write to check the \
              next move",
    },
    Exception {
        file: "src/db/dates/ideas.rs",
        sql: "SELECT a.idea_id, a.vote, b.vote FROM date_votes a JOIN date_votes b",
        why: "matches: only ideas both partners said yes to (PRIVACY.md promise 4); a \
              \"no\" and a missing vote never come out, so they cannot be told apart",
    },
    Exception {
        file: "src/db/dates/plans.rs",
        sql: "FROM date_ratings a JOIN date_ratings b",
        why: "the recommender's input: for dates both partners rated, the sum of their four \
              numbers, never shown; nothing for a date only one of them rated",
    },
    Exception {
        file: "src/db/dates/plans.rs",
        sql: "SELECT CAST(COUNT(*) AS BIGINT) FROM planned_dates",
        why: "how many dates the couple has planned, for whose favourites come first; no \
              content",
    },
    Exception {
        file: "src/db/fair_split.rs",
        sql: "SELECT CAST(COUNT(*) AS BIGINT) FROM fair_split_points",
        why: "counts who has given points inside the write that unseals them; never shown",
    },
    Exception {
        file: "src/db/fair_split.rs",
        sql: "SELECT revealed_at FROM fair_splits",
        why: "whether the couple's split is revealed, inside a write (no words)",
    },
    Exception {
        file: "src/db/compromise.rs",
        sql: "SELECT CAST(COUNT(*) AS BIGINT) FROM compromise_stances",
        why: "counts the stances inside the write that unseals them; never shown",
    },
    Exception {
        file: "src/db/compromise.rs",
        sql: "SELECT owner_id FROM compromise_ratings",
        why: "counts who has rated every option inside the write that unseals the ratings; \
              never shown",
    },
    Exception {
        file: "src/db/compromise.rs",
        sql: "SELECT id FROM compromise_options WHERE topic_id",
        why: "the topic's option ids (no words), to check a set of ratings inside its write",
    },
    Exception {
        file: "src/db/compromise.rs",
        sql: "FROM compromise_topics WHERE id = $1 AND couple_id = $2",
        why: "where the couple's topic stands (times, no words), inside a write",
    },
];
