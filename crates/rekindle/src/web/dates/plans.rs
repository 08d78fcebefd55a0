//! Planning a date (`/dates/plan`, `POST /dates`), its own page (`/dates/{id}`: move,
//! cancel, and after it the private rating and the shared memory) and the memories
//! timeline (`/dates/memories`).

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use jiff::ToSpan as _;
use jiff::civil::{Date, Weekday};
use serde::Deserialize;

use crate::auth::WebMember;
use crate::error::AppError;
use crate::features::dates::ideas::{self, IdeaView};
use crate::features::dates::plans::{self, DateView, PlanInput, local_instant};
use crate::features::dates::traditions::{self, TraditionView};
use crate::state::AppState;
use crate::web::form::WebForm;
use crate::web::{Chrome, WebResult, render};

/// The words of the after-date scales, 1 to 5.
pub const ENJOYMENT_WORDS: [&str; 5] = [
    "Not much",
    "A little",
    "It was nice",
    "Really enjoyed it",
    "Loved it",
];
pub const CLOSENESS_WORDS: [&str; 5] = [
    "Far apart",
    "A bit distant",
    "Somewhat close",
    "Close",
    "Very close",
];

/// What was typed into the plan form.
#[derive(Deserialize, Default, Debug, Clone)]
pub struct PlanForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub day: String,
    #[serde(default)]
    pub time: String,
    #[serde(default)]
    pub end_time: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub planner: String,
    #[serde(default)]
    pub phones_away: String,
    #[serde(default)]
    pub idea_id: String,
    #[serde(default)]
    pub tradition_id: String,
}

impl PlanForm {
    /// The plan as instants in the viewer's zone (an end earlier than the start is
    /// the next day).
    fn input(&self, zone: &str) -> Result<PlanInput, AppError> {
        let starts_ms = local_instant(&self.day, &self.time, zone)?;
        let ends_ms = match self.end_time.trim() {
            "" => None,
            end => {
                let same_day = local_instant(&self.day, end, zone).map_err(|_| {
                    AppError::field("end_time", "Choose an end time, such as 22:00.")
                })?;
                if same_day > starts_ms {
                    Some(same_day)
                } else {
                    let next: Date = self
                        .day
                        .trim()
                        .parse::<Date>()
                        .ok()
                        .and_then(|d| d.checked_add(1.day()).ok())
                        .ok_or_else(|| AppError::field("day", "That day is out of range."))?;
                    Some(local_instant(&next.to_string(), end, zone)?)
                }
            }
        };
        Ok(PlanInput {
            title: self.title.clone(),
            starts_ms,
            ends_ms,
            place: self.place.clone(),
            idea_id: Some(self.idea_id.clone()).filter(|s| !s.is_empty()),
            tradition_id: Some(self.tradition_id.clone()).filter(|s| !s.is_empty()),
            planner: self.planner.clone(),
            phones_away: !self.phones_away.is_empty(),
        })
    }

    fn of(d: &DateView) -> Self {
        Self {
            title: d.title.clone(),
            day: d.local_day.clone(),
            time: d.local_start.clone(),
            end_time: d.local_end.clone(),
            place: d.place.clone().unwrap_or_default(),
            planner: d.planner.as_str().to_owned(),
            phones_away: if d.phones_away { "on" } else { "" }.to_owned(),
            idea_id: d.idea_id.clone().unwrap_or_default(),
            tradition_id: d.tradition_id.clone().unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "dates_plan.html")]
struct PlanPage {
    chrome: Chrome,
    partner: String,
    idea: Option<IdeaView>,
    tradition: Option<TraditionView>,
    form: PlanForm,
    errors: BTreeMap<String, String>,
    /// The viewer's time zone, which the form's times are in.
    zone: String,
}

#[derive(Template)]
#[template(path = "dates_date.html")]
struct DatePage {
    chrome: Chrome,
    partner: String,
    date: DateView,
    form: PlanForm,
    errors: BTreeMap<String, String>,
    enjoyment_words: [&'static str; 5],
    closeness_words: [&'static str; 5],
    zone: String,
}

#[derive(Deserialize, Default)]
pub struct PlanQuery {
    #[serde(default)]
    idea: String,
    #[serde(default)]
    tradition: String,
}

async fn plan_page(
    state: &AppState,
    m: &WebMember,
    form: PlanForm,
    errors: BTreeMap<String, String>,
) -> Result<PlanPage, AppError> {
    let idea = match form.idea_id.as_str() {
        "" => None,
        id => Some(ideas::read(&state.db, &m.member, id).await?),
    };
    let tradition = match form.tradition_id.as_str() {
        "" => None,
        id => Some(traditions::read(&state.db, &m.member, id).await?),
    };
    Ok(PlanPage {
        chrome: Chrome::new(state, Some(&m.user), "dates"),
        partner: m.couple.partner_name(&m.user.id),
        idea,
        tradition,
        form,
        errors,
        zone: m.user.timezone.clone(),
    })
}

pub async fn new(
    State(state): State<AppState>,
    m: WebMember,
    Query(q): Query<PlanQuery>,
) -> WebResult {
    // Next Saturday evening, to change as they like.
    let today = m.couple.today(m.now_ms);
    let saturday = today.nth_weekday(1, Weekday::Saturday).unwrap_or(today);
    let form = PlanForm {
        day: saturday.to_string(),
        time: "19:00".to_owned(),
        idea_id: q.idea,
        tradition_id: q.tradition,
        planner: "together".to_owned(),
        ..PlanForm::default()
    };
    let page = plan_page(&state, &m, form, BTreeMap::new()).await?;
    Ok(render(StatusCode::OK, &page))
}

pub async fn create(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<PlanForm>,
) -> WebResult {
    let planned = match form.input(&m.user.timezone) {
        Ok(input) => plans::plan(&state.db, &m.member, &input).await,
        Err(e) => Err(e),
    };
    match planned {
        Ok(date) => Ok(Redirect::to(&format!("/dates/{}", date.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = plan_page(&state, &m, form, errors).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}

fn date_page(
    state: &AppState,
    m: &WebMember,
    date: DateView,
    form: Option<PlanForm>,
    errors: BTreeMap<String, String>,
) -> DatePage {
    DatePage {
        chrome: Chrome::new(state, Some(&m.user), "dates"),
        partner: m.couple.partner_name(&m.user.id),
        form: form.unwrap_or_else(|| PlanForm::of(&date)),
        date,
        errors,
        enjoyment_words: ENJOYMENT_WORDS,
        closeness_words: CLOSENESS_WORDS,
        zone: m.user.timezone.clone(),
    }
}

pub async fn show(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    let date = plans::read(&state.db, &m.member, &id).await?;
    Ok(render(
        StatusCode::OK,
        &date_page(&state, &m, date, None, BTreeMap::new()),
    ))
}

/// Back to the date's page, or the page again with what to fix (nothing saved).
async fn after(
    state: &AppState,
    m: &WebMember,
    id: &str,
    result: Result<DateView, AppError>,
    form: Option<PlanForm>,
    anchor: &str,
) -> WebResult {
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/dates/{id}{anchor}")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let date = plans::read(&state.db, &m.member, id).await?;
            Ok(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &date_page(state, m, date, form, errors),
            ))
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn change(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<PlanForm>,
) -> WebResult {
    let result = match form.input(&m.user.timezone) {
        Ok(input) => plans::change(&state.db, &m.member, &id, &input).await,
        Err(e) => Err(e),
    };
    after(&state, &m, &id, result, Some(form), "").await
}

pub async fn cancel(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    plans::cancel(&state.db, &m.member, &id).await?;
    Ok(Redirect::to(&format!("/dates/{id}")).into_response())
}

#[derive(Deserialize, Default)]
pub struct RatingForm {
    #[serde(default)]
    enjoyment: String,
    #[serde(default)]
    closeness: String,
}

pub async fn rate(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<RatingForm>,
) -> WebResult {
    let number = |s: &str| s.trim().parse::<i64>().unwrap_or(0);
    let result = plans::rate(
        &state.db,
        &m.member,
        &id,
        number(&form.enjoyment),
        number(&form.closeness),
    )
    .await;
    after(&state, &m, &id, result, None, "#after").await
}

#[derive(Deserialize, Default)]
pub struct MemoryForm {
    #[serde(default)]
    body: String,
}

pub async fn remember(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<MemoryForm>,
) -> WebResult {
    let result = plans::remember(&state.db, &m.member, &id, &form.body).await;
    after(&state, &m, &id, result, None, "#memories").await
}

#[derive(Template)]
#[template(path = "dates_memories.html")]
struct TimelinePage {
    chrome: Chrome,
    dates: Vec<DateView>,
}

pub async fn timeline(State(state): State<AppState>, m: WebMember) -> WebResult {
    let dates = plans::timeline(&state.db, &m.member).await?;
    let page = TimelinePage {
        chrome: Chrome::new(&state, Some(&m.user), "dates"),
        dates,
    };
    Ok(render(StatusCode::OK, &page))
}
