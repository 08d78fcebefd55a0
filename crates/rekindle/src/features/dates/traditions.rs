//! Traditions we used to love: rituals the couple writes down with how often they come
//! round; one that has gone quiet (or whose day is near) gets one gentle suggestion on
//! the home page, and doing it is one tap.

use jiff::civil::Date;
use rekindle_core::dates::{Nudge, Rhythm, nudge, tradition_to_suggest};

use super::title;
use crate::db::Db;
use crate::db::dates::TraditionRow;
use crate::db::dates::traditions::{self as store, TraditionFields};
use crate::error::AppError;
use crate::features::Member;

/// A tradition as the viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraditionView {
    pub id: String,
    pub title: String,
    pub rhythm: Rhythm,
    /// The local day it was last done (`YYYY-MM-DD`).
    pub last_done: Option<String>,
    pub nudge: Option<Nudge>,
}

impl TraditionView {
    /// How often, in words: "Every week", "Every year on 14 June".
    pub fn rhythm_words(&self) -> String {
        rhythm_words(self.rhythm)
    }

    /// The gentle line for a suggestion ("It's been a while", "Its day is in 3 days").
    pub fn nudge_words(&self) -> Option<String> {
        self.nudge.map(|n| match n {
            Nudge::Quiet { .. } => "It's been a little while — fancy bringing it back?".to_owned(),
            Nudge::Coming { days: 0 } => "Its day is today.".to_owned(),
            Nudge::Coming { days: 1 } => "Its day is tomorrow.".to_owned(),
            Nudge::Coming { days } => format!("Its day is in {days} days."),
        })
    }
}

/// A rhythm in words.
pub fn rhythm_words(r: Rhythm) -> String {
    match r {
        Rhythm::Weekly => "Every week".to_owned(),
        Rhythm::Monthly => "Every month".to_owned(),
        Rhythm::Yearly => "Once a year".to_owned(),
        Rhythm::OnDate { month, day } => Date::new(2024, month, day).map_or_else(
            |_| "Once a year".to_owned(),
            |d| format!("Every year on {}", d.strftime("%-d %B")),
        ),
    }
}

/// Stored traditions as the viewer sees them today.
pub(crate) fn views(m: &Member, rows: &[TraditionRow]) -> Vec<TraditionView> {
    let today = m.couple.today(m.now_ms);
    rows.iter()
        .filter_map(|t| {
            let rhythm = Rhythm::parse(&t.rhythm, t.on_day.as_deref())?;
            let last: Option<Date> = t.last_done.as_deref().and_then(|d| d.parse().ok());
            Some(TraditionView {
                id: t.id.clone(),
                title: t.title.clone(),
                rhythm,
                last_done: t.last_done.clone(),
                nudge: nudge(rhythm, last, today),
            })
        })
        .collect()
}

/// The one tradition to suggest today, if any.
pub fn to_suggest(m: &Member, all: &[TraditionView]) -> Option<TraditionView> {
    let today = m.couple.today(m.now_ms);
    let list: Vec<(&str, Rhythm, Option<Date>)> = all
        .iter()
        .map(|t| {
            (
                t.id.as_str(),
                t.rhythm,
                t.last_done.as_deref().and_then(|d| d.parse().ok()),
            )
        })
        .collect();
    let (id, _) = tradition_to_suggest(&list, today)?;
    all.iter().find(|t| t.id == id).cloned()
}

/// The couple's traditions.
pub async fn list(db: &Db, m: &Member) -> Result<Vec<TraditionView>, AppError> {
    let rows = store::list(db, &m.scope(), &m.couple.id).await?;
    Ok(views(m, &rows))
}

/// One of the couple's traditions; anything else is not found.
pub async fn read(db: &Db, m: &Member, id: &str) -> Result<TraditionView, AppError> {
    list(db, m)
        .await?
        .into_iter()
        .find(|t| t.id == id)
        .ok_or(AppError::NotFound)
}

/// What a person writes for a tradition.
#[derive(Debug, Clone, Default)]
pub struct TraditionInput {
    pub title: String,
    /// `weekly`, `monthly`, `yearly` or `on_date`.
    pub rhythm: String,
    /// For `on_date`: `MM-DD` (a full `YYYY-MM-DD` is accepted too; its year is ignored).
    pub on_day: String,
    /// The day it was last done (`YYYY-MM-DD`), if they remember.
    pub last_done: String,
}

impl TraditionInput {
    fn validate(&self, today: Date) -> Result<TraditionFields, AppError> {
        let title = title("title", &self.title)?;
        let on = self.on_day.trim();
        let on = on.get(on.len().saturating_sub(5)..).unwrap_or(on);
        let rhythm =
            Rhythm::parse(self.rhythm.trim(), (!on.is_empty()).then_some(on)).ok_or_else(|| {
                match self.rhythm.trim() {
                    "on_date" => AppError::field("on_day", "Choose the day it falls on."),
                    _ => AppError::field("rhythm", "Choose weekly, monthly, yearly or on a date."),
                }
            })?;
        let last_done = match self.last_done.trim() {
            "" => None,
            d => {
                let day: Date = d.parse().map_err(|_| {
                    AppError::field(
                        "last_done",
                        "Write the day as YYYY-MM-DD, or leave it empty.",
                    )
                })?;
                if day > today {
                    return Err(AppError::field("last_done", "That day hasn't come yet."));
                }
                Some(day.to_string())
            }
        };
        Ok(TraditionFields {
            title,
            rhythm: rhythm.as_str().to_owned(),
            on_day: rhythm.on(),
            last_done,
        })
    }
}

/// Writes a tradition down; returns it.
pub async fn add(db: &Db, m: &Member, input: &TraditionInput) -> Result<TraditionView, AppError> {
    let fields = input.validate(m.couple.today(m.now_ms))?;
    let id = store::add(db, &m.couple.id, &m.user.id, fields, m.now_ms).await?;
    read(db, m, &id).await
}

/// Changes a tradition.
pub async fn update(
    db: &Db,
    m: &Member,
    id: &str,
    input: &TraditionInput,
) -> Result<TraditionView, AppError> {
    let fields = input.validate(m.couple.today(m.now_ms))?;
    if !store::update(db, &m.couple.id, id, &m.user.id, fields, m.now_ms).await? {
        return Err(AppError::NotFound);
    }
    read(db, m, id).await
}

/// "We did it today": one tap.
pub async fn done_today(db: &Db, m: &Member, id: &str) -> Result<TraditionView, AppError> {
    let today = m.couple.today(m.now_ms).to_string();
    if !store::done(db, &m.couple.id, id, &today, m.now_ms).await? {
        return Err(AppError::NotFound);
    }
    read(db, m, id).await
}

/// Removes a tradition.
pub async fn remove(db: &Db, m: &Member, id: &str) -> Result<(), AppError> {
    if store::remove(db, &m.couple.id, id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}
