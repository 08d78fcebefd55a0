//! Dates, traditions and new adventures: the couple's own ideas and everyone's private
//! votes ([`ideas`]), planned dates with their private ratings and shared memories
//! ([`plans`]), traditions ([`traditions`]) and private calendar feeds ([`feeds`]).
//! The dates page reads everything it shows in one unit of work ([`board`]).

pub mod feeds;
pub mod ideas;
pub mod plans;
pub mod traditions;

use super::visibility::Scope;
use super::{Db, Error};

pub use ideas::{Match, OwnIdea};
pub use plans::{Memory, PlannedDate, Rating};
pub use traditions::TraditionRow;

/// How many of the couple's dates the dates page reads (newest first); older ones
/// keep their own pages.
pub const DATES_READ: i64 = 200;

/// Everything the dates page and the recommender need, read in one go.
#[derive(Debug, Clone, Default)]
pub struct Board {
    pub own_ideas: Vec<OwnIdea>,
    /// The viewer's own votes: (idea id, vote).
    pub my_votes: Vec<(String, String)>,
    pub matches: Vec<Match>,
    pub traditions: Vec<TraditionRow>,
    /// Not cancelled, newest first, at most [`DATES_READ`].
    pub dates: Vec<PlannedDate>,
    pub my_ratings: Vec<Rating>,
    /// Dates both partners rated: (date id, the sum of both people's two ratings).
    pub joint_ratings: Vec<(String, i64)>,
    pub memories: Vec<Memory>,
    /// How many dates the couple has planned, cancelled ones too (whose turn it is).
    pub planned_count: i64,
}

/// Reads the board for a member of `couple_id` whose partner is `partner_id` (none
/// while the partner has not joined): a fixed nine statements, one trip to the pool.
pub async fn board(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    partner_id: Option<&str>,
) -> Result<Board, Error> {
    let (scope, couple_id, partner_id) = (
        scope.clone(),
        couple_id.to_owned(),
        partner_id.map(str::to_owned),
    );
    db.read(move |c| {
        Ok(Board {
            own_ideas: ideas::own_ideas(c, &scope, &couple_id)?,
            my_votes: ideas::my_votes(c, &scope, &couple_id)?,
            matches: match &partner_id {
                Some(p) => ideas::matches(c, &couple_id, &scope.viewer_id, p)?,
                None => Vec::new(),
            },
            traditions: traditions::all(c, &scope, &couple_id)?,
            dates: plans::recent(c, &scope, &couple_id, DATES_READ)?,
            my_ratings: plans::my_ratings(c, &scope, &couple_id)?,
            joint_ratings: plans::joint_ratings(c, &couple_id, &scope.viewer_id)?,
            memories: plans::memories(c, &scope, &couple_id, None)?,
            planned_count: plans::count(c, &couple_id)?,
        })
    })
    .await
}

/// What the home page shows of dates: the next few (starting from `from` until
/// `until`) and the traditions, in one trip — two statements.
pub async fn home(
    db: &Db,
    scope: &Scope,
    couple_id: &str,
    from: i64,
    until: i64,
) -> Result<(Vec<PlannedDate>, Vec<TraditionRow>), Error> {
    let (scope, couple_id) = (scope.clone(), couple_id.to_owned());
    db.read(move |c| {
        Ok((
            plans::between(c, &scope, &couple_id, from, until, HOME_DATES)?,
            traditions::all(c, &scope, &couple_id)?,
        ))
    })
    .await
}

/// Upcoming dates the home page shows at most.
const HOME_DATES: i64 = 2;
