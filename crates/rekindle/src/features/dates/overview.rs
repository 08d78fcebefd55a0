//! The dates page's overview: what is coming up, what waits for the viewer's rating,
//! matches, a few ideas to vote on, traditions — and the recommender's suggestions,
//! assembled from the board (`db::dates::board`) with no further reads.

use std::collections::{HashMap, HashSet};

use rekindle_core::content::date_ideas::{Season, Tags};
use rekindle_core::dates::{Candidate, Constraints, Kind, PastDate, Request, Vote, recommend};

use super::ideas::{self, IdeaView};
use super::plans::{DateView, view};
use super::seat_of;
use super::traditions::{self, TraditionView};
use crate::db::dates::{Board, Memory, Rating};
use crate::features::Member;

/// Dates waiting for a rating are offered for this long after they start.
const RATE_WITHIN_MS: i64 = 60 * 24 * 60 * 60 * 1000;
/// Ideas offered for voting at a time.
pub const TO_VOTE: usize = 5;

/// A suggestion as the viewer sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionView {
    /// The idea's id, or the tradition's.
    pub id: String,
    pub title: String,
    pub is_tradition: bool,
    pub why: String,
    /// The idea, for its details (none for a tradition).
    pub idea: Option<IdeaView>,
}

/// The dates page.
#[derive(Debug, Clone)]
pub struct Overview {
    pub suggestions: Vec<SuggestionView>,
    pub season: Season,
    /// Not over yet, soonest first.
    pub upcoming: Vec<DateView>,
    /// Begun within the last weeks and not rated by the viewer yet, newest first.
    pub to_rate: Vec<DateView>,
    pub matches: Vec<IdeaView>,
    /// The next few ideas the viewer has not voted on.
    pub to_vote: Vec<IdeaView>,
    /// How many ideas are still without the viewer's vote.
    pub unvoted: usize,
    pub traditions: Vec<TraditionView>,
    pub has_partner: bool,
}

/// Builds the overview from the board.
pub(crate) fn overview(m: &Member, board: &Board, constraints: Constraints) -> Overview {
    let all = ideas::all(board);
    let dates = views(m, board);
    let traditions = traditions::views(m, &board.traditions);
    let mut upcoming: Vec<DateView> = dates.iter().filter(|d| !d.over).cloned().collect();
    upcoming.sort_by_key(|d| d.starts_ms);
    let to_rate: Vec<DateView> = dates
        .iter()
        .filter(|d| d.begun && d.my_rating.is_none() && m.now_ms - d.starts_ms <= RATE_WITHIN_MS)
        .cloned()
        .collect();
    let mut unvoted: Vec<&IdeaView> = all.iter().filter(|i| i.my_vote.is_none()).collect();
    // Each person meets the ideas in an order of their own, so the two lists differ.
    unvoted.sort_by_cached_key(|i| {
        rekindle_core::question::stable_hash(&[m.user.id.as_bytes(), i.id.as_bytes()])
    });
    let suggestions = suggest(m, board, &all, &traditions, &upcoming, constraints);
    Overview {
        suggestions,
        season: constraints.season,
        matches: all.iter().filter(|i| i.is_match).cloned().collect(),
        to_vote: unvoted.iter().take(TO_VOTE).map(|i| (*i).clone()).collect(),
        unvoted: unvoted.len(),
        upcoming,
        to_rate,
        traditions,
        has_partner: m.couple.partner_of(&m.user.id).is_some(),
    }
}

/// Every date of the board as the viewer sees it (newest first).
pub(crate) fn views(m: &Member, board: &Board) -> Vec<DateView> {
    let ratings: HashMap<&str, &Rating> = board
        .my_ratings
        .iter()
        .map(|r| (r.date_id.as_str(), r))
        .collect();
    let mut memories: HashMap<&str, Vec<&Memory>> = HashMap::new();
    for x in &board.memories {
        memories.entry(x.date_id.as_str()).or_default().push(x);
    }
    board
        .dates
        .iter()
        .map(|d| {
            view(
                m,
                d,
                ratings.get(d.id.as_str()).copied(),
                memories.get(d.id.as_str()).map_or(&[][..], Vec::as_slice),
            )
        })
        .collect()
}

/// The recommender's three suggestions for this member.
fn suggest(
    m: &Member,
    board: &Board,
    all: &[IdeaView],
    traditions: &[TraditionView],
    upcoming: &[DateView],
    constraints: Constraints,
) -> Vec<SuggestionView> {
    let Some(partner) = m.couple.partner_of(&m.user.id) else {
        return Vec::new();
    };
    let viewer = seat_of(m, &m.user.id);
    let by_id: HashMap<&str, &IdeaView> = all.iter().map(|i| (i.id.as_ref(), i)).collect();
    let planned: HashSet<&str> = upcoming
        .iter()
        .flat_map(|d| [d.idea_id.as_deref(), d.tradition_id.as_deref()])
        .flatten()
        .collect();
    let mut candidates: Vec<Candidate> = Vec::new();
    for x in &board.matches {
        let (Some(idea), Some(mine), Some(theirs)) = (
            by_id.get(x.idea_id.as_str()),
            Vote::parse(&x.mine),
            Vote::parse(&x.partners),
        ) else {
            continue;
        };
        if planned.contains(idea.id.as_ref()) {
            continue;
        }
        let mut votes = [mine, mine];
        votes[1 - viewer] = theirs;
        candidates.push(Candidate {
            id: idea.id.to_string(),
            title: idea.title.to_string(),
            kind: Kind::Match {
                votes,
                traits: idea.traits,
            },
        });
    }
    for t in traditions {
        if let (Some(n), false) = (t.nudge, planned.contains(t.id.as_str())) {
            candidates.push(Candidate {
                id: t.id.clone(),
                title: t.title.clone(),
                kind: Kind::Tradition { nudge: n },
            });
        }
    }
    let joint: HashMap<&str, i64> = board
        .joint_ratings
        .iter()
        .map(|(id, sum)| (id.as_str(), *sum))
        .collect();
    let history: Vec<PastDate> = board
        .dates
        .iter()
        .filter(|d| d.starts_at <= m.now_ms)
        .map(|d| PastDate {
            idea_id: d.idea_id.clone(),
            tags: d
                .idea_id
                .as_deref()
                .and_then(|id| by_id.get(id))
                .map_or_else(Tags::default, |i| i.traits.tags),
            // The sum of four 1–5 numbers, as their mean.
            joint_rating: joint
                .get(d.id.as_str())
                .map(|sum| f64::from(i32::try_from(*sum).unwrap_or(0)) / 4.0),
        })
        .collect();
    let request = Request {
        couple_id: &m.couple.id,
        day: m.couple.today(m.now_ms),
        turn: usize::try_from(board.planned_count).unwrap_or(0) % 2,
        viewer,
        partner_name: &partner.display_name,
        candidates: &candidates,
        history: &history,
        constraints,
    };
    recommend(&request)
        .into_iter()
        .map(|s| SuggestionView {
            idea: by_id.get(s.id.as_str()).map(|i| (*i).clone()),
            id: s.id,
            title: s.title,
            is_tradition: s.is_tradition,
            why: s.why,
        })
        .collect()
}
