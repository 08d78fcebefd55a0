//! Planned dates: plan one (from an idea, a tradition, or from scratch), move or cancel
//! it, and after it each rates it privately and may leave a memory (shared). The dates
//! page's overview and the recommender's inputs are assembled here from the board.

use std::collections::{HashMap, HashSet};

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use rekindle_core::content::date_ideas::{Season, Tags};
use rekindle_core::dates::{Candidate, Constraints, Kind, PastDate, Request, Vote, recommend};

use super::ideas::{self, IdeaView};
use super::traditions::{self, TraditionView};
use super::{MEMORY_MAX_CHARS, PLACE_MAX_CHARS, line, seat_of, title, when_words};
use crate::db::Db;
use crate::db::dates::plans::{self as store, PlanFields};
use crate::db::dates::{Board, Memory, PlannedDate, Rating};
use crate::error::AppError;
use crate::features::Member;

/// A date without an end counts as over this long after it starts.
const ASSUMED_LENGTH_MS: i64 = 3 * 60 * 60 * 1000;
/// Dates may be planned this far back (to remember one) …
const PAST_LIMIT_MS: i64 = 366 * 24 * 60 * 60 * 1000;
/// … and this far ahead.
const FUTURE_LIMIT_MS: i64 = 3 * 366 * 24 * 60 * 60 * 1000;
/// The longest a date may last.
const LONGEST_MS: i64 = 3 * 24 * 60 * 60 * 1000;
/// Dates waiting for a rating are offered for this long after they start.
const RATE_WITHIN_MS: i64 = 60 * 24 * 60 * 60 * 1000;
/// Ideas offered for voting at a time.
pub const TO_VOTE: usize = 5;

/// Who plans a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Planner {
    Me,
    Partner(String),
    Together,
}

impl Planner {
    /// `me`, `partner` or `together`, from the viewer's side.
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Me => "me",
            Self::Partner(_) => "partner",
            Self::Together => "together",
        }
    }

    /// In words: "You're planning it", "Alex is planning it", "Planning it together".
    pub fn words(&self) -> String {
        match self {
            Self::Me => "You're planning it".to_owned(),
            Self::Partner(name) => format!("{name} is planning it"),
            Self::Together => "You're planning it together".to_owned(),
        }
    }
}

/// A memory of a date as the viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoryView {
    pub mine: bool,
    pub name: String,
    pub body: String,
}

/// A date as the viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateView {
    pub id: String,
    pub title: String,
    pub place: Option<String>,
    pub idea_id: Option<String>,
    pub tradition_id: Option<String>,
    pub starts_ms: i64,
    pub ends_ms: Option<i64>,
    /// When, in the viewer's words and zone.
    pub when: String,
    /// The local day and times in the viewer's zone, for the move form.
    pub local_day: String,
    pub local_start: String,
    pub local_end: String,
    pub planner: Planner,
    pub phones_away: bool,
    pub sequence: i64,
    /// When it last changed (for calendars).
    pub changed_ms: i64,
    pub cancelled: bool,
    /// It has started: rating and memories are open.
    pub begun: bool,
    /// It is over (its end, or three hours after a start without one).
    pub over: bool,
    /// The viewer's own rating (enjoyment, closeness), private.
    pub my_rating: Option<(i64, i64)>,
    pub memories: Vec<MemoryView>,
}

impl DateView {
    /// Whether the viewer rated their enjoyment `n` (1–5).
    pub fn rated_enjoyment(&self, n: &usize) -> bool {
        self.my_rating
            .is_some_and(|r| usize::try_from(r.0) == Ok(*n))
    }

    /// Whether the viewer rated their closeness `n` (1–5).
    pub fn rated_closeness(&self, n: &usize) -> bool {
        self.my_rating
            .is_some_and(|r| usize::try_from(r.1) == Ok(*n))
    }

    /// The viewer's own memory, for the form.
    pub fn my_memory(&self) -> &str {
        self.memories
            .iter()
            .find(|m| m.mine)
            .map_or("", |m| m.body.as_str())
    }
}

/// Shapes a stored date for the viewer.
pub(crate) fn view(
    m: &Member,
    d: &PlannedDate,
    rating: Option<&Rating>,
    memories: &[&Memory],
) -> DateView {
    let zone = m.user.timezone.as_str();
    let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    let local = |ms: i64| {
        jiff::Timestamp::from_millisecond(ms)
            .ok()
            .map(|t| t.to_zoned(tz.clone()))
    };
    let start = local(d.starts_at);
    let today = m.couple.today(m.now_ms);
    let planner = match d.planner_id.as_deref() {
        None => Planner::Together,
        Some(id) if id == m.user.id => Planner::Me,
        Some(id) => Planner::Partner(m.couple.name_of(id)),
    };
    DateView {
        id: d.id.clone(),
        title: d.title.clone(),
        place: d.place.clone(),
        idea_id: d.idea_id.clone(),
        tradition_id: d.tradition_id.clone(),
        starts_ms: d.starts_at,
        ends_ms: d.ends_at,
        when: when_words(d.starts_at, zone, today),
        local_day: start
            .as_ref()
            .map(|z| z.date().to_string())
            .unwrap_or_default(),
        local_start: start
            .as_ref()
            .map(|z| z.strftime("%H:%M").to_string())
            .unwrap_or_default(),
        local_end: d
            .ends_at
            .and_then(local)
            .map(|z| z.strftime("%H:%M").to_string())
            .unwrap_or_default(),
        planner,
        phones_away: d.phones_away,
        sequence: d.sequence,
        changed_ms: d.updated_at,
        cancelled: d.cancelled_at.is_some(),
        begun: m.now_ms >= d.starts_at,
        over: m.now_ms >= d.ends_at.unwrap_or(d.starts_at + ASSUMED_LENGTH_MS),
        my_rating: rating.map(|r| (r.enjoyment, r.closeness)),
        memories: memories
            .iter()
            .map(|x| MemoryView {
                mine: x.owner_id == m.user.id,
                name: m.couple.name_of(&x.owner_id),
                body: x.body.clone(),
            })
            .collect(),
    }
}

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
fn views(m: &Member, board: &Board) -> Vec<DateView> {
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

/// What a person sets when planning or moving a date. Times are instants (epoch ms);
/// the page turns its local day and times into them with [`local_instant`].
#[derive(Debug, Clone, Default)]
pub struct PlanInput {
    pub title: String,
    pub starts_ms: i64,
    pub ends_ms: Option<i64>,
    pub place: String,
    pub idea_id: Option<String>,
    pub tradition_id: Option<String>,
    /// `me`, `partner` or `together` (empty: together).
    pub planner: String,
    pub phones_away: bool,
}

/// A local day and time in a zone as an instant; a time that falls in a DST gap moves
/// forward, as clocks do.
pub fn local_instant(day: &str, time: &str, zone: &str) -> Result<i64, AppError> {
    let day: Date = day
        .trim()
        .parse()
        .map_err(|_| AppError::field("day", "Choose a day, such as 2026-12-05."))?;
    let time: Time = time
        .trim()
        .parse()
        .map_err(|_| AppError::field("time", "Choose a time, such as 19:30."))?;
    let tz = TimeZone::get(zone).unwrap_or(TimeZone::UTC);
    day.to_datetime(time)
        .to_zoned(tz)
        .map(|z| z.timestamp().as_millisecond())
        .map_err(|_| AppError::field("day", "That day is out of range."))
}

/// Checks a plan against the couple's board; the stored fields.
fn validate(m: &Member, board: &Board, input: &PlanInput) -> Result<PlanFields, AppError> {
    let idea = match input.idea_id.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(id) => Some(ideas::find(board, id).ok_or_else(|| {
            AppError::field("idea_id", "That idea isn't one of yours or the library's.")
        })?),
    };
    let tradition = match input.tradition_id.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(id) => Some(
            board
                .traditions
                .iter()
                .find(|t| t.id == id)
                .ok_or_else(|| {
                    AppError::field("tradition_id", "That isn't one of your traditions.")
                })?,
        ),
    };
    let typed = input.title.trim();
    let title = if typed.is_empty() {
        idea.as_ref()
            .map(|i| i.title.to_string())
            .or_else(|| tradition.map(|t| t.title.clone()))
            .ok_or_else(|| AppError::field("title", "Please give it a name."))?
    } else {
        title("title", typed)?
    };
    let place = line("place", &input.place, PLACE_MAX_CHARS)?;
    if input.starts_ms < m.now_ms - PAST_LIMIT_MS || input.starts_ms > m.now_ms + FUTURE_LIMIT_MS {
        return Err(AppError::field(
            "starts_at",
            "Choose a time within the next three years (or the past year, to remember one).",
        ));
    }
    if let Some(end) = input.ends_ms
        && (end <= input.starts_ms || end - input.starts_ms > LONGEST_MS)
    {
        return Err(AppError::field(
            "ends_at",
            "The end comes after the start, within three days.",
        ));
    }
    let partner = m.couple.partner_of(&m.user.id);
    let planner_id = match input.planner.trim() {
        "" | "together" => None,
        "me" => Some(m.user.id.clone()),
        "partner" => Some(
            partner
                .map(|p| p.id.clone())
                .ok_or_else(|| AppError::field("planner", "Your partner hasn't joined yet."))?,
        ),
        _ => {
            return Err(AppError::field(
                "planner",
                "Choose me, partner or together.",
            ));
        }
    };
    Ok(PlanFields {
        title,
        place,
        idea_id: idea.map(|i| i.id.into_owned()),
        tradition_id: tradition.map(|t| t.id.clone()),
        starts_at: input.starts_ms,
        ends_at: input.ends_ms,
        planner_id,
        phones_away: input.phones_away,
    })
}

/// Plans a date; returns it.
pub async fn plan(db: &Db, m: &Member, input: &PlanInput) -> Result<DateView, AppError> {
    let board = super::board(db, m).await?;
    let fields = validate(m, &board, input)?;
    let id = store::add(db, &m.couple.id, &m.user.id, fields, m.now_ms).await?;
    read(db, m, &id).await
}

/// One of the couple's dates; anything else is not found.
pub async fn read(db: &Db, m: &Member, id: &str) -> Result<DateView, AppError> {
    let (d, rating, memories) = store::one(db, &m.scope(), &m.couple.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let memories: Vec<&Memory> = memories.iter().collect();
    Ok(view(m, &d, rating.as_ref(), &memories))
}

fn cancelled() -> AppError {
    AppError::Conflict {
        code: "date_cancelled",
        message: "This date was cancelled, so it stays as it was. Plan a new one any time.".into(),
    }
}

/// Moves or changes a date (its calendar sequence rises).
pub async fn change(
    db: &Db,
    m: &Member,
    id: &str,
    input: &PlanInput,
) -> Result<DateView, AppError> {
    let current = read(db, m, id).await?;
    if current.cancelled {
        return Err(cancelled());
    }
    let board = super::board(db, m).await?;
    let mut fields = validate(m, &board, input)?;
    // What it was planned from stays.
    fields.idea_id = current.idea_id;
    fields.tradition_id = current.tradition_id;
    if !store::update(db, &m.couple.id, id, &m.user.id, fields, m.now_ms).await? {
        return Err(cancelled());
    }
    read(db, m, id).await
}

/// Cancels a date.
pub async fn cancel(db: &Db, m: &Member, id: &str) -> Result<DateView, AppError> {
    let current = read(db, m, id).await?;
    if current.cancelled || !store::cancel(db, &m.couple.id, id, m.now_ms).await? {
        return Err(cancelled());
    }
    read(db, m, id).await
}

fn not_yet() -> AppError {
    AppError::Conflict {
        code: "not_yet",
        message: "This opens once your date has begun.".into(),
    }
}

/// A rating from 1 to 5, or the field's message.
fn scale(field: &str, value: i64) -> Result<i64, AppError> {
    if (1..=5).contains(&value) {
        Ok(value)
    } else {
        Err(AppError::field(field, "Choose from 1 to 5."))
    }
}

/// Saves the viewer's private rating of a date that has begun.
pub async fn rate(
    db: &Db,
    m: &Member,
    id: &str,
    enjoyment: i64,
    closeness: i64,
) -> Result<DateView, AppError> {
    let (enjoyment, closeness) = (
        scale("enjoyment", enjoyment)?,
        scale("closeness", closeness)?,
    );
    let current = read(db, m, id).await?;
    if current.cancelled {
        return Err(cancelled());
    }
    if !current.begun {
        return Err(not_yet());
    }
    store::rate(
        db,
        &m.couple.id,
        id,
        &m.user.id,
        enjoyment,
        closeness,
        m.now_ms,
    )
    .await?;
    read(db, m, id).await
}

/// Saves (or, when empty, removes) the viewer's memory of a date that has begun.
pub async fn remember(db: &Db, m: &Member, id: &str, body: &str) -> Result<DateView, AppError> {
    let body = body.trim();
    if body.chars().count() > MEMORY_MAX_CHARS {
        return Err(AppError::field(
            "body",
            format!("Please keep this to {MEMORY_MAX_CHARS} characters."),
        ));
    }
    let current = read(db, m, id).await?;
    if current.cancelled {
        return Err(cancelled());
    }
    if !current.begun {
        return Err(not_yet());
    }
    store::remember(db, &m.couple.id, id, &m.user.id, body, m.now_ms).await?;
    read(db, m, id).await
}

/// The memories timeline: dates with at least one memory, newest first.
pub async fn timeline(db: &Db, m: &Member) -> Result<Vec<DateView>, AppError> {
    let board = super::board(db, m).await?;
    Ok(views(m, &board)
        .into_iter()
        .filter(|d| !d.memories.is_empty())
        .collect())
}
