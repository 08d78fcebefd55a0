//! Date ideas: the library and the couple's own, each with the viewer's private vote
//! and whether it is a match (both said yes). Nothing here ever carries the partner's
//! vote on an idea that is not a match.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use rekindle_core::content::date_ideas::{
    self as library, Cost, Energy, Novelty, Season, Seasons, Setting, Tag, Tags, Traits,
};
use rekindle_core::dates::Vote;

use super::{HOW_MAX_CHARS, line, title};
use crate::db::Db;
use crate::db::dates::ideas::{self as store, IdeaFields};
use crate::db::dates::{Board, OwnIdea};
use crate::error::AppError;
use crate::features::Member;

/// An idea as the viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdeaView {
    /// A library slug or one of the couple's own ids.
    pub id: Cow<'static, str>,
    /// The library's words are borrowed, not copied, on every page view.
    pub title: Cow<'static, str>,
    pub how: Cow<'static, str>,
    pub traits: Traits,
    /// One of the couple's own ideas (either partner may change it).
    pub own: bool,
    /// The viewer's own vote.
    pub my_vote: Option<Vote>,
    /// Both said yes.
    pub is_match: bool,
}

impl IdeaView {
    /// How long, in words ("About an hour", "Half a day").
    pub fn duration_words(&self) -> String {
        duration_words(self.traits.minutes)
    }

    /// Its traits in a line: "At home · Free · About an hour · Restful · Familiar".
    pub fn facts(&self) -> String {
        let t = self.traits;
        let setting = match t.setting {
            Setting::Home => "At home",
            Setting::Out => "Out",
        };
        format!(
            "{setting} · {} · {} · {} · {}",
            t.cost.label(),
            self.duration_words(),
            t.energy.label(),
            library::novelty_label(t.novelty)
        )
    }

    /// Whether the viewer's vote is this one (`love`, `like`, `no`).
    pub fn voted(&self, vote: &str) -> bool {
        self.my_vote.is_some_and(|v| v.as_str() == vote)
    }

    /// Its tags in words.
    pub fn tag_labels(&self) -> Vec<&'static str> {
        self.traits.tags.list().iter().map(|t| t.label()).collect()
    }

    /// The seasons it suits, in words ("Any time of year", "Summer and autumn").
    pub fn season_words(&self) -> String {
        let list = self.traits.seasons.list();
        if list.is_empty() {
            return "Any time of year".to_owned();
        }
        let names: Vec<&str> = list.iter().map(|s| s.as_str()).collect();
        let text = match names.as_slice() {
            [one] => (*one).to_owned(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
            [] => String::new(),
        };
        rekindle_core::words::capitalised(&text)
    }
}

/// A length of time in words.
pub fn duration_words(minutes: u32) -> String {
    match minutes {
        0..=40 => "Half an hour or so".to_owned(),
        41..=75 => "About an hour".to_owned(),
        76..=150 => "A couple of hours".to_owned(),
        151..=300 => "An afternoon or evening".to_owned(),
        301..=600 => "Most of a day".to_owned(),
        _ => "A whole day or a night away".to_owned(),
    }
}

/// The traits of one of the couple's own ideas (values the schema already checked; a
/// value it did not know reads as the mildest choice).
pub(crate) fn own_traits(i: &OwnIdea) -> Traits {
    let seasons: Vec<Season> = i.seasons.split(',').filter_map(Season::parse).collect();
    let tags: Vec<Tag> = i.tags.split(',').filter_map(Tag::parse).collect();
    Traits {
        setting: Setting::parse(&i.setting).unwrap_or(Setting::Home),
        cost: Cost::parse(&i.cost).unwrap_or(Cost::Free),
        minutes: u32::try_from(i.minutes).unwrap_or(60).max(1),
        energy: Energy::parse(&i.energy).unwrap_or(Energy::Low),
        novelty: Novelty::try_from(i.novelty).unwrap_or(1).clamp(1, 3),
        seasons: Seasons::of(&seasons),
        tags: Tags::of(&tags),
    }
}

/// Every idea the couple can see — the library's, then their own — with the viewer's
/// votes and matches.
pub(crate) fn all(board: &Board) -> Vec<IdeaView> {
    let votes: HashMap<&str, Vote> = board
        .my_votes
        .iter()
        .filter_map(|(id, v)| Vote::parse(v).map(|v| (id.as_str(), v)))
        .collect();
    let matched: HashSet<&str> = board.matches.iter().map(|m| m.idea_id.as_str()).collect();
    let lib = library::ideas().iter().map(|i| IdeaView {
        id: Cow::Borrowed(i.slug),
        title: Cow::Borrowed(i.title),
        how: Cow::Borrowed(i.how),
        traits: i.traits,
        own: false,
        my_vote: votes.get(i.slug).copied(),
        is_match: matched.contains(i.slug),
    });
    let own = board.own_ideas.iter().map(|i| IdeaView {
        id: Cow::Owned(i.id.clone()),
        title: Cow::Owned(i.title.clone()),
        how: Cow::Owned(i.how.clone()),
        traits: own_traits(i),
        own: true,
        my_vote: votes.get(i.id.as_str()).copied(),
        is_match: matched.contains(i.id.as_str()),
    });
    lib.chain(own).collect()
}

/// One idea the couple can see (the library's by slug, or their own by id).
pub(crate) fn find(board: &Board, id: &str) -> Option<IdeaView> {
    all(board).into_iter().find(|i| i.id == id)
}

/// The idea list, optionally only those with `tag`.
pub async fn list(db: &Db, m: &Member, tag: Option<&str>) -> Result<Vec<IdeaView>, AppError> {
    let tag = match tag.map(str::trim).filter(|t| !t.is_empty()) {
        None => None,
        Some(t) => Some(
            Tag::parse(t).ok_or_else(|| AppError::field("tag", "That isn't one of the tags."))?,
        ),
    };
    let board = super::board(db, m).await?;
    Ok(all(&board)
        .into_iter()
        .filter(|i| tag.is_none_or(|t| i.traits.tags.has(t)))
        .collect())
}

/// One idea with the viewer's vote; not found when the couple cannot see it.
pub async fn read(db: &Db, m: &Member, id: &str) -> Result<IdeaView, AppError> {
    let board = super::board(db, m).await?;
    find(&board, id).ok_or(AppError::NotFound)
}

/// Sets the viewer's private vote on an idea.
pub async fn vote(db: &Db, m: &Member, id: &str, vote: &str) -> Result<IdeaView, AppError> {
    let Some(vote) = Vote::parse(vote.trim()) else {
        return Err(AppError::field("vote", "Choose love, like or no."));
    };
    // Only ideas the couple can see take votes (a made-up id is not found).
    read(db, m, id).await?;
    store::vote(db, &m.couple.id, &m.user.id, id, vote.as_str(), m.now_ms).await?;
    read(db, m, id).await
}

/// What a person writes for an idea of their own.
#[derive(Debug, Clone, Default)]
pub struct IdeaInput {
    pub title: String,
    pub how: String,
    pub setting: String,
    pub cost: String,
    pub minutes: String,
    pub energy: String,
    pub novelty: String,
    pub seasons: Vec<String>,
    pub tags: Vec<String>,
}

impl IdeaInput {
    /// Checks every field at once, so a form can show all that needs fixing.
    fn validate(&self) -> Result<IdeaFields, AppError> {
        let mut problems = BTreeMap::new();
        let title = keep(title("title", &self.title), &mut problems);
        let how = keep(line("how", &self.how, HOW_MAX_CHARS), &mut problems);
        let mut note = |field: &str, message: &str| {
            problems.insert(field.to_owned(), message.to_owned());
        };
        let setting = Setting::parse(self.setting.trim());
        if setting.is_none() {
            note("setting", "Choose home or out.");
        }
        let cost = Cost::parse(self.cost.trim());
        if cost.is_none() {
            note("cost", "Choose free, low, medium or high.");
        }
        let minutes = self
            .minutes
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|m| (5..=10_080).contains(m));
        if minutes.is_none() {
            note(
                "minutes",
                "Give roughly how long it takes, in minutes (5 or more).",
            );
        }
        let energy = Energy::parse(self.energy.trim());
        if energy.is_none() {
            note("energy", "Choose low, medium or high.");
        }
        let novelty = self
            .novelty
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=3).contains(n));
        if novelty.is_none() {
            note(
                "novelty",
                "Choose 1 (familiar), 2 (a fresh twist) or 3 (adventurous).",
            );
        }
        let seasons: Option<Vec<Season>> = self
            .seasons
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty() && *s != "any")
            .map(Season::parse)
            .collect();
        if seasons.is_none() {
            note("seasons", "Seasons are spring, summer, autumn and winter.");
        }
        let tags: Option<Vec<Tag>> = self
            .tags
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .map(Tag::parse)
            .collect();
        if tags.is_none() {
            note("tags", "That isn't one of the tags.");
        }
        match (
            title, how, setting, cost, minutes, energy, novelty, seasons, tags,
        ) {
            (
                Some(title),
                Some(how),
                Some(setting),
                Some(cost),
                Some(minutes),
                Some(energy),
                Some(novelty),
                Some(seasons),
                Some(tags),
            ) if problems.is_empty() => Ok(IdeaFields {
                title,
                how: how.unwrap_or_default(),
                setting: setting.as_str().to_owned(),
                cost: cost.as_str().to_owned(),
                minutes,
                energy: energy.as_str().to_owned(),
                novelty,
                seasons: if seasons.is_empty() {
                    "any".to_owned()
                } else {
                    seasons
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(",")
                },
                tags: Tags::of(&tags)
                    .list()
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            }),
            _ => Err(AppError::Invalid(problems)),
        }
    }
}

/// The value of a field check, or `None` with its problems noted.
fn keep<T>(checked: Result<T, AppError>, problems: &mut BTreeMap<String, String>) -> Option<T> {
    match checked {
        Ok(value) => Some(value),
        Err(err) => {
            if let Some(fields) = err.fields() {
                problems.extend(fields.clone());
            }
            None
        }
    }
}

/// Adds an idea of the couple's own (shared with the partner); returns it.
pub async fn add(db: &Db, m: &Member, input: &IdeaInput) -> Result<IdeaView, AppError> {
    let fields = input.validate()?;
    let id = store::add(db, &m.couple.id, &m.user.id, fields, m.now_ms).await?;
    read(db, m, &id).await
}

/// Changes one of the couple's own ideas (library ideas cannot be changed: not found).
pub async fn update(
    db: &Db,
    m: &Member,
    id: &str,
    input: &IdeaInput,
) -> Result<IdeaView, AppError> {
    let fields = input.validate()?;
    if !store::update(db, &m.couple.id, id, &m.user.id, fields, m.now_ms).await? {
        return Err(AppError::NotFound);
    }
    read(db, m, id).await
}

/// Removes one of the couple's own ideas and the votes on it.
pub async fn remove(db: &Db, m: &Member, id: &str) -> Result<(), AppError> {
    if store::remove(db, &m.couple.id, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
