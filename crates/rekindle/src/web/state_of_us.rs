//! The weekly "State of Us" pages: this week's agenda with notes both can add, marking
//! it held, choosing the day, and the meetings before.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use rekindle_core::meeting::{Section, WEEKDAYS, weekday_name};
use serde::Deserialize;

use super::notice::{Notice, Notices};
use super::{Chrome, WebError, WebResult, render};
use crate::auth::WebMember;
use crate::error::AppError;
use crate::features::Member;
use crate::features::state_of_us::{self, Agenda};
use crate::state::AppState;
use crate::web::form::WebForm;

/// One section of the agenda, ready to show.
pub struct SectionView {
    pub key: &'static str,
    pub heading: &'static str,
    pub prompt: &'static str,
    pub notes: Vec<NoteView>,
}

/// A note in a section: whose, what, and its id (to change one's own).
pub struct NoteView {
    pub id: String,
    pub by_me: bool,
    pub body: String,
}

#[derive(Template)]
#[template(path = "state_of_us.html")]
struct AgendaPage {
    chrome: Chrome,
    partner: Option<String>,
    agenda: Agenda,
    day_label: String,
    weekday: &'static str,
    weekdays: Vec<(&'static str, String)>,
    sections: Vec<SectionView>,
    errors: BTreeMap<String, String>,
    draft_section: String,
    draft: String,
    /// The id of the viewer's note being edited when its edit was refused.
    editing: String,
    /// The coach's thought on the note just added, if it had one.
    sent_hint: Option<super::coach::SentHint>,
}

#[derive(Template)]
#[template(path = "state_of_us_past.html")]
struct PastPage {
    chrome: Chrome,
    partner: Option<String>,
    meetings: Vec<(Agenda, Vec<SectionView>)>,
}

#[derive(Deserialize, Default)]
pub struct NoteForm {
    #[serde(default)]
    section: String,
    #[serde(default)]
    body: String,
}

#[derive(Deserialize, Default)]
pub struct DayForm {
    #[serde(default)]
    weekday: String,
}

fn sections(agenda: &Agenda) -> Vec<SectionView> {
    Section::ALL
        .into_iter()
        .map(|s| SectionView {
            key: s.as_str(),
            heading: s.heading(),
            prompt: s.prompt(),
            notes: agenda
                .notes
                .iter()
                .filter(|n| n.section == s)
                .map(|n| NoteView {
                    id: n.id.clone(),
                    by_me: n.by_me,
                    body: n.body.clone(),
                })
                .collect(),
        })
        .collect()
}

async fn agenda_page(state: &AppState, m: &Member) -> Result<AgendaPage, WebError> {
    let agenda = state_of_us::current(&state.db, m).await?;
    let weekday = weekday_name(agenda.weekday);
    Ok(AgendaPage {
        chrome: Chrome::new(state, Some(&m.user), "state-of-us"),
        partner: m
            .couple
            .partner_of(&m.user.id)
            .map(|m| m.display_name.clone()),
        day_label: agenda.day.strftime("%A %-d %B").to_string(),
        weekday,
        weekdays: WEEKDAYS
            .iter()
            .map(|(_, n)| (*n, rekindle_core::words::capitalised(n)))
            .collect(),
        sections: sections(&agenda),
        agenda,
        errors: BTreeMap::new(),
        draft_section: String::new(),
        draft: String::new(),
        editing: String::new(),
        sent_hint: None,
    })
}

pub async fn show(
    State(state): State<AppState>,
    m: WebMember,
    Query(q): Query<Notices>,
) -> WebResult {
    let mut page = agenda_page(&state, &m.member).await?;
    if q.has(Notice::Coached) {
        // The note just added is the viewer's newest.
        page.sent_hint = page
            .agenda
            .notes
            .iter()
            .rev()
            .find(|n| n.by_me)
            .and_then(|n| super::coach::after_sending(&n.body));
    }
    Ok(render(StatusCode::OK, &page))
}

pub async fn add_note(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<NoteForm>,
) -> WebResult {
    match state_of_us::add_note(&state.db, &m.member, &form.section, &form.body).await {
        Ok(_) => Ok(Redirect::to(&super::coach::coached(
            &format!("/state-of-us#{}", form.section),
            &[],
            &form.body,
        ))
        .into_response()),
        Err(AppError::Invalid(fields)) => {
            let mut page = agenda_page(&state, &m.member).await?;
            page.errors = fields;
            page.draft_section = form.section;
            page.draft = form.body;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}

/// "We've had our talk", said by one; the meeting is held once both have.
pub async fn done(State(state): State<AppState>, m: WebMember) -> WebResult {
    state_of_us::confirm_talk(&state.db, &m.member).await?;
    Ok(Redirect::to("/state-of-us#talk").into_response())
}

/// Takes one's own "we've had our talk" back while the other has not said it.
pub async fn undo(State(state): State<AppState>, m: WebMember) -> WebResult {
    state_of_us::undo_talk(&state.db, &m.member).await?;
    Ok(Redirect::to("/state-of-us#talk").into_response())
}

#[derive(Deserialize, Default)]
pub struct EditForm {
    #[serde(default)]
    body: String,
}

pub async fn edit_note(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<EditForm>,
) -> WebResult {
    match state_of_us::change_note(&state.db, &m.member, &id, Some(&form.body)).await {
        Ok(()) => Ok(
            Redirect::to(&super::coach::coached("/state-of-us", &[], &form.body)).into_response(),
        ),
        Err(AppError::Invalid(fields)) => {
            let mut page = agenda_page(&state, &m.member).await?;
            page.errors = fields;
            page.editing = id;
            page.draft = form.body;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn withdraw_note(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    state_of_us::change_note(&state.db, &m.member, &id, None).await?;
    Ok(Redirect::to("/state-of-us").into_response())
}

pub async fn set_day(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<DayForm>,
) -> WebResult {
    match state_of_us::set_weekday(&state.db, &m.couple, &form.weekday).await {
        Ok(_) => Ok(Redirect::to("/state-of-us").into_response()),
        Err(AppError::Invalid(fields)) => {
            let mut page = agenda_page(&state, &m.member).await?;
            page.errors = fields;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn past(State(state): State<AppState>, m: WebMember) -> WebResult {
    let meetings = state_of_us::past(&state.db, &m.member)
        .await?
        .into_iter()
        .map(|a| {
            let s = sections(&a);
            (a, s)
        })
        .collect();
    let page = PastPage {
        chrome: Chrome::new(&state, Some(&m.user), "state-of-us"),
        partner: m
            .couple
            .partner_of(&m.user.id)
            .map(|m| m.display_name.clone()),
        meetings,
    };
    Ok(render(StatusCode::OK, &page))
}
