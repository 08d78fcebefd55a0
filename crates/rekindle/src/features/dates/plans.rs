//! Planned dates: plan one (from an idea, a tradition, or from scratch), move or cancel
//! it, and after it each rates it privately and may leave a memory (shared).

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

use super::ideas;
use super::{MEMORY_MAX_CHARS, PLACE_MAX_CHARS, line, title, when_words};
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
    Ok(super::overview::views(m, &board)
        .into_iter()
        .filter(|d| !d.memories.is_empty())
        .collect())
}
