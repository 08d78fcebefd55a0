//! The compromise workspace, shared by the pages and the API: a topic; each partner's
//! stance — what is core for them, where they can flex, how they feel — sealed until
//! both are in, then side by side with the words they share marked as common ground;
//! options both write and each rates privately (0–10), ranked once both have rated
//! every one (maximin, then the Nash product, then the order written) with the reason
//! in words; the chosen option with a trial and a review day; and the look back.

use std::collections::HashMap;

use jiff::ToSpan as _;
use jiff::civil::Date;
use rekindle_core::compromise::{Stage, common_ground, highlight, stage};
use rekindle_core::fairness::choice;

use crate::db::Db;
use crate::db::compromise::{self as store, OptionRefused, Sealed, Topic, TopicRow};
use crate::error::AppError;
use crate::features::Member;
use crate::features::text::{line, title};

/// Longest stance part or look back, in characters.
pub const TEXT_MAX_CHARS: usize = 1_000;
/// Longest option, in characters.
pub const OPTION_MAX_CHARS: usize = 300;
/// The most options a topic holds.
pub const MAX_OPTIONS: usize = 12;
/// Topics listed (the newest).
pub const LISTED: i64 = 30;

/// Text cut into pieces, each marked when it is common ground.
pub type Marked = Vec<(String, bool)>;

/// A stance as the viewer sees it (after both are in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StanceView {
    pub name: String,
    pub mine: bool,
    pub core: Marked,
    pub flex: Marked,
    pub feel: String,
}

/// An option as the viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionView {
    pub id: String,
    pub body: String,
    pub by_me: bool,
    /// The viewer's own rating.
    pub my_rating: Option<i64>,
    /// Both ratings in couple order, once the ranking is open.
    pub ratings: Option<[i64; 2]>,
}

/// A topic as the viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicView {
    pub id: String,
    pub title: String,
    pub stage: Stage,
    pub created_day: String,
    /// The partners' names in couple order.
    pub names: [String; 2],
    /// The viewer's own stance (core, flex, feel), once written.
    pub my_stance: Option<[String; 3]>,
    /// Both stances, once both are in.
    pub stances: Vec<StanceView>,
    /// The words both used about what matters and where they can flex.
    pub common_ground: Vec<String>,
    /// Options in the order written.
    pub options: Vec<OptionView>,
    /// Options best first, once the ranking is open.
    pub ranking: Vec<OptionView>,
    pub reason: Option<String>,
    pub chosen: Option<OptionView>,
    pub trial_until: Option<String>,
    pub review_on: Option<String>,
    /// (name, mine, words).
    pub reviews: Vec<(String, bool, String)>,
}

impl TopicView {
    /// The viewer has rated every option.
    pub fn rated_all(&self) -> bool {
        !self.options.is_empty() && self.options.iter().all(|o| o.my_rating.is_some())
    }

    /// The viewer's own look back.
    pub fn my_review(&self) -> &str {
        self.reviews
            .iter()
            .find(|r| r.1)
            .map_or("", |r| r.2.as_str())
    }

    /// The stage's name, for the API.
    pub fn stage_name(&self) -> &'static str {
        stage_name(self.stage)
    }
}

/// A stage's name, for the API and pages.
pub fn stage_name(s: Stage) -> &'static str {
    match s {
        Stage::Stances => "stances",
        Stage::Options => "options",
        Stage::Choose => "choose",
        Stage::Trying => "trying",
        Stage::Review => "review",
        Stage::Done => "done",
    }
}

fn stage_of(m: &Member, row: &TopicRow) -> Stage {
    stage(
        row.stances_open,
        row.ranked,
        row.chosen_option_id.is_some(),
        row.review_on.as_deref(),
        row.reviewed,
        &m.couple.today(m.now_ms).to_string(),
    )
}

fn names(m: &Member) -> ([String; 2], Vec<String>) {
    let seats: Vec<String> = m.couple.members.iter().map(|x| x.id.clone()).collect();
    let name = |i: usize| {
        seats
            .get(i)
            .map_or_else(|| "Your partner".to_owned(), |id| m.couple.name_of(id))
    };
    ([name(0), name(1)], seats)
}

fn shape(m: &Member, t: &Topic) -> TopicView {
    let (names, seats) = names(m);
    let stage = stage_of(m, &t.row);
    let mine = |owner: &str| owner == m.user.id;
    let my_stance = t
        .stances
        .iter()
        .find(|s| mine(&s.owner_id))
        .map(|s| [s.core.clone(), s.flex.clone(), s.feel.clone()]);
    let (mut stances, mut ground) = (Vec::new(), Vec::new());
    if t.row.stances_open && t.stances.len() == 2 {
        let mut both = t.stances.clone();
        both.sort_by_key(|s| seats.iter().position(|x| *x == s.owner_id));
        let text = |s: &store::StanceRow| format!("{} {}", s.core, s.flex);
        ground = common_ground(&text(&both[0]), &text(&both[1]));
        stances = both
            .iter()
            .map(|s| StanceView {
                name: m.couple.name_of(&s.owner_id),
                mine: mine(&s.owner_id),
                core: highlight(&s.core, &ground),
                flex: highlight(&s.flex, &ground),
                feel: s.feel.clone(),
            })
            .collect();
    }
    let mut by_option: HashMap<&str, [Option<i64>; 2]> = HashMap::new();
    let mut my_rating: HashMap<&str, i64> = HashMap::new();
    for (option, owner, rating) in &t.ratings {
        if mine(owner) {
            my_rating.insert(option.as_str(), *rating);
        }
        if let Some(seat) = seats.iter().position(|x| x == owner) {
            by_option.entry(option.as_str()).or_default()[seat] = Some(*rating);
        }
    }
    let options: Vec<OptionView> = t
        .options
        .iter()
        .map(|o| OptionView {
            id: o.id.clone(),
            body: o.body.clone(),
            by_me: mine(&o.owner_id),
            my_rating: my_rating.get(o.id.as_str()).copied(),
            ratings: t
                .row
                .ranked
                .then(|| by_option.get(o.id.as_str()))
                .flatten()
                .and_then(|r| Some([r[0]?, r[1]?])),
        })
        .collect();
    let (ranking, reason) = if t.row.ranked && options.iter().all(|o| o.ratings.is_some()) {
        let scores: Vec<[u8; 2]> = options
            .iter()
            .map(|o| {
                let r = o.ratings.unwrap_or([0, 0]);
                r.map(|x| u8::try_from(x).unwrap_or(0))
            })
            .collect();
        let order = choice::rank(&scores);
        let bodies: Vec<&str> = options.iter().map(|o| o.body.as_str()).collect();
        let reason = choice::reason(&bodies, &scores, &order);
        (
            order.iter().map(|&i| options[i].clone()).collect(),
            Some(reason),
        )
    } else {
        (Vec::new(), None)
    };
    let chosen = t
        .row
        .chosen_option_id
        .as_deref()
        .and_then(|id| options.iter().find(|o| o.id == id))
        .cloned();
    TopicView {
        created_day: m.couple.today(t.row.created_at).to_string(),
        id: t.row.id.clone(),
        title: t.row.title.clone(),
        stage,
        names,
        my_stance,
        stances,
        common_ground: ground,
        ranking,
        reason,
        chosen,
        trial_until: t.row.trial_until.clone(),
        review_on: t.row.review_on.clone(),
        reviews: t
            .reviews
            .iter()
            .map(|r| {
                (
                    m.couple.name_of(&r.owner_id),
                    mine(&r.owner_id),
                    r.body.clone(),
                )
            })
            .collect(),
        options,
    }
}

/// A topic as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicSummary {
    pub id: String,
    pub title: String,
    pub stage: Stage,
    pub created_day: String,
    pub review_on: Option<String>,
}

/// The couple's topics, newest first.
pub async fn list(db: &Db, m: &Member) -> Result<Vec<TopicSummary>, AppError> {
    let rows = store::list(db, &m.scope(), &m.couple.id, LISTED).await?;
    Ok(rows
        .iter()
        .map(|r| TopicSummary {
            id: r.id.clone(),
            title: r.title.clone(),
            stage: stage_of(m, r),
            created_day: m.couple.today(r.created_at).to_string(),
            review_on: r.review_on.clone(),
        })
        .collect())
}

/// The titles of topics not yet looked back on, for the listening exercise's topic
/// picker.
pub async fn open_titles(db: &Db, m: &Member) -> Result<Vec<String>, crate::db::Error> {
    let rows = store::list(db, &m.scope(), &m.couple.id, LISTED).await?;
    Ok(rows
        .iter()
        .filter(|r| stage_of(m, r) != Stage::Done)
        .map(|r| r.title.clone())
        .collect())
}

/// Topics whose look-back day has come and that nobody has looked back on yet: (id,
/// title), for the State of Us agenda.
pub async fn look_backs_due(
    db: &Db,
    m: &Member,
) -> Result<Vec<(String, String)>, crate::db::Error> {
    let rows = store::list(db, &m.scope(), &m.couple.id, LISTED).await?;
    Ok(rows
        .iter()
        .filter(|r| stage_of(m, r) == Stage::Review)
        .map(|r| (r.id.clone(), r.title.clone()))
        .collect())
}

/// One of the couple's topics; anything else is not found.
pub async fn read(db: &Db, m: &Member, id: &str) -> Result<TopicView, AppError> {
    let t = store::one(db, &m.scope(), &m.couple.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(shape(m, &t))
}

/// Starts a topic.
pub async fn create(db: &Db, m: &Member, topic: &str) -> Result<TopicView, AppError> {
    let topic = title("title", topic)?;
    let id = store::create(db, &m.couple.id, &m.user.id, &topic, m.now_ms).await?;
    read(db, m, &id).await
}

fn text(field: &str, value: &str) -> Result<String, AppError> {
    let value = value.trim();
    if value.chars().count() > TEXT_MAX_CHARS {
        return Err(AppError::field(
            field,
            format!("Please keep this to {TEXT_MAX_CHARS} characters."),
        ));
    }
    Ok(value.to_owned())
}

/// Saves the viewer's stance (sealed until both are in).
pub async fn save_stance(
    db: &Db,
    m: &Member,
    id: &str,
    core: &str,
    flex: &str,
    feel: &str,
) -> Result<TopicView, AppError> {
    read(db, m, id).await?;
    let core = text("core", core)?;
    if core.is_empty() {
        return Err(AppError::field(
            "core",
            "Write what matters most to you here — the need or dream behind where you stand.",
        ));
    }
    let stance = [core, text("flex", flex)?, text("feel", feel)?];
    match store::save_stance(db, &m.couple.id, id, &m.user.id, stance, m.now_ms).await? {
        Sealed::TooLate => Err(AppError::Conflict {
            code: "already_open",
            message: "You've both written yours, so they stay as they are.".into(),
        }),
        Sealed::Kept | Sealed::Opened => read(db, m, id).await,
    }
}

/// Adds an option (shared) once both stances are open.
pub async fn add_option(db: &Db, m: &Member, id: &str, body: &str) -> Result<TopicView, AppError> {
    let topic = read(db, m, id).await?;
    let Some(body) = line("body", body, OPTION_MAX_CHARS)? else {
        return Err(AppError::field("body", "Write the option in a few words."));
    };
    if topic.options.len() >= MAX_OPTIONS {
        return Err(AppError::field(
            "body",
            format!("{MAX_OPTIONS} options is plenty — rate these first."),
        ));
    }
    match store::add_option(db, &m.couple.id, id, &m.user.id, &body, m.now_ms).await? {
        Ok(_) => read(db, m, id).await,
        Err(OptionRefused::NoTopic) => Err(AppError::NotFound),
        Err(OptionRefused::TooEarly) => Err(AppError::Conflict {
            code: "stances_first",
            message: "Options come once you've both written what matters to you.".into(),
        }),
        Err(OptionRefused::TooLate) => Err(ranked()),
    }
}

fn ranked() -> AppError {
    AppError::Conflict {
        code: "already_ranked",
        message: "You've both rated the options, so they stay as they are.".into(),
    }
}

/// Saves the viewer's ratings (0–10) of every option, by option id.
pub async fn rate(
    db: &Db,
    m: &Member,
    id: &str,
    ratings: &[(String, i64)],
) -> Result<TopicView, AppError> {
    let topic = read(db, m, id).await?;
    if ratings.iter().any(|(_, r)| !(0..=10).contains(r)) {
        return Err(AppError::field("ratings", "Rate each option from 0 to 10."));
    }
    let known = |o: &str| topic.options.iter().any(|x| x.id == o);
    if ratings.len() != topic.options.len() || !ratings.iter().all(|(o, _)| known(o)) {
        return Err(AppError::field("ratings", "Rate every option, once each."));
    }
    match store::save_ratings(db, &m.couple.id, id, &m.user.id, ratings.to_vec(), m.now_ms).await? {
        None => Err(AppError::Conflict {
            code: "options_changed",
            message: "The options changed while you were rating — please rate them again.".into(),
        }),
        Some(Sealed::TooLate) => Err(ranked()),
        Some(Sealed::Kept | Sealed::Opened) => read(db, m, id).await,
    }
}

fn day(field: &str, text: &str, today: Date) -> Result<Date, AppError> {
    let d: Date = text
        .trim()
        .parse()
        .map_err(|_| AppError::field(field, "Choose a day, such as 2026-12-14."))?;
    let latest = today.checked_add(1.year()).unwrap_or(today);
    if d < today || d > latest {
        return Err(AppError::field(field, "Choose a day within the next year."));
    }
    Ok(d)
}

/// Chooses an option to try until `trial_until`, looking back on `review_on`.
pub async fn choose(
    db: &Db,
    m: &Member,
    id: &str,
    option_id: &str,
    trial_until: &str,
    review_on: &str,
) -> Result<TopicView, AppError> {
    let topic = read(db, m, id).await?;
    if topic.ranking.is_empty() {
        return Err(AppError::Conflict {
            code: "not_ranked",
            message: "Choose once you've both rated the options.".into(),
        });
    }
    if !topic.options.iter().any(|o| o.id == option_id) {
        return Err(AppError::field("option_id", "Choose one of the options."));
    }
    let today = m.couple.today(m.now_ms);
    let until = day("trial_until", trial_until, today)?;
    let review = day("review_on", review_on, today)?;
    if review < until {
        return Err(AppError::field(
            "review_on",
            "Look back on the last day of the trial or after it.",
        ));
    }
    store::choose(
        db,
        &m.couple.id,
        id,
        option_id,
        &until.to_string(),
        &review.to_string(),
        m.now_ms,
    )
    .await?;
    read(db, m, id).await
}

/// Saves the viewer's look back, once the review day has come.
pub async fn look_back(db: &Db, m: &Member, id: &str, body: &str) -> Result<TopicView, AppError> {
    let topic = read(db, m, id).await?;
    if !matches!(topic.stage, Stage::Review | Stage::Done) {
        return Err(AppError::Conflict {
            code: "not_yet",
            message: "The look back opens on its day.".into(),
        });
    }
    let body = text("body", body)?;
    if body.is_empty() {
        return Err(AppError::field(
            "body",
            "Write a few words about how it went.",
        ));
    }
    store::review(db, &m.couple.id, id, &m.user.id, &body, m.now_ms).await?;
    read(db, m, id).await
}
