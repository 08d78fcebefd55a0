//! `/journal…`: the private reflection journal — write freely or to a guided prompt,
//! search and tag your own entries, edit and delete them, and share an excerpt with
//! your partner after confirming. `/journal/shared` lists what either of you shared.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use rekindle_core::content::reflection::{Prompt, Theme, by_slug, prompts};
use serde::Deserialize;

use super::form::WebForm;
use super::{Chrome, WebResult, render};
use crate::auth::{WebMember, WebUser};
use crate::error::AppError;
use crate::features::journal::{self, Draft, Entry, ExcerptView, Found, Writer};
use crate::state::AppState;

fn writer(u: &WebUser, now_ms: i64) -> Writer<'_> {
    Writer {
        user: &u.user,
        couple: u.couple.as_ref(),
        key: u.key.as_ref(),
        now_ms,
    }
}

/// An entry as the list shows it.
struct Listed {
    id: String,
    when: String,
    prompt: Option<&'static str>,
    preview: String,
    tags: Vec<String>,
}

fn preview(body: &str) -> String {
    const SHOWN: usize = 220;
    let mut text: String = body.chars().take(SHOWN).collect();
    if body.chars().count() > SHOWN {
        text.push('…');
    }
    text
}

/// "Today at 16:40", "Tuesday 1 December at 09:05", in the person's own zone.
fn when(ms: i64, timezone: &str, chrome: &Chrome) -> String {
    let day = rekindle_core::schedule::local_day_in(timezone, ms);
    let tz = jiff::tz::TimeZone::get(timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    let time = jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(tz).strftime("%H:%M").to_string())
        .unwrap_or_default();
    format!("{} at {time}", chrome.day(day))
}

#[derive(Template)]
#[template(path = "journal.html")]
struct JournalPage {
    chrome: Chrome,
    today: &'static Prompt,
    themes: Vec<(Theme, Vec<&'static Prompt>)>,
    entries: Vec<Listed>,
    tags: Vec<(String, usize)>,
    total: usize,
    /// This page of the matches, and how many pages there are.
    page: usize,
    pages: usize,
    q: String,
    tag: String,
    closed: Option<(&'static str, usize)>,
    locked: bool,
    in_couple: bool,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    tag: String,
    /// Which page of matches (from 1); a number that is not one shows the first.
    #[serde(default)]
    page: String,
}

pub async fn show(
    State(state): State<AppState>,
    u: WebUser,
    Query(query): Query<ListQuery>,
) -> WebResult {
    let now = state.clock.now_ms();
    let chrome = Chrome::new(&state, Some(&u.user), "journal");
    let tag = Some(query.tag.as_str()).filter(|t| !t.is_empty());
    let page = query.page.trim().parse::<usize>().unwrap_or(1);
    let w = writer(&u, now);
    let (found, error, status) =
        match journal::search(&state.db, &w, &query.q, tag, Some(page)).await {
            Ok(found) => (found, None, StatusCode::OK),
            Err(AppError::Invalid(errors)) => (
                Found::default(),
                errors.into_values().next(),
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            Err(other) => return Err(other.into()),
        };
    let entries = found
        .entries
        .iter()
        .map(|e| Listed {
            id: e.id.clone(),
            when: when(e.created_at_ms, &u.user.timezone, &chrome),
            prompt: e.prompt.map(|p| p.text),
            preview: preview(&e.body),
            tags: e.tags.clone(),
        })
        .collect();
    let page = JournalPage {
        today: journal::suggestion(&u.user, now),
        themes: Theme::ALL
            .into_iter()
            .map(|t| (t, prompts().iter().filter(|p| p.theme == t).collect()))
            .collect(),
        entries,
        tags: found.tags,
        total: found.total,
        page: found.page,
        pages: found.pages,
        q: query.q,
        tag: query.tag,
        closed: found.closed.map(|(why, n)| (why.words(), n)),
        locked: u.key.is_none(),
        in_couple: u.couple.as_ref().is_some_and(|c| c.members.len() == 2),
        error,
        chrome,
    };
    Ok(render(status, &page))
}

#[derive(Template)]
#[template(path = "journal_entry.html")]
struct EntryPage {
    chrome: Chrome,
    /// `None` for a new entry.
    id: Option<String>,
    written: String,
    prompt: Option<&'static Prompt>,
    body: String,
    tags: String,
    in_couple: bool,
    errors: BTreeMap<String, String>,
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    #[serde(default)]
    prompt: String,
}

pub async fn new(
    State(state): State<AppState>,
    u: WebUser,
    Query(query): Query<NewQuery>,
) -> WebResult {
    if u.key.is_none() {
        return Err(crate::auth::keyring::locked().into());
    }
    let page = EntryPage {
        chrome: Chrome::new(&state, Some(&u.user), "journal"),
        id: None,
        written: String::new(),
        prompt: by_slug(&query.prompt),
        body: String::new(),
        tags: String::new(),
        in_couple: false,
        errors: BTreeMap::new(),
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Deserialize, Default)]
pub struct EntryForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    prompt_id: String,
}

impl EntryForm {
    fn draft(&self) -> Draft {
        Draft {
            body: self.body.clone(),
            tags: self.tags.clone(),
            prompt_id: Some(self.prompt_id.clone()),
        }
    }
}

/// The form again with what was typed and what needs another look.
fn again(
    state: &AppState,
    u: &WebUser,
    id: Option<String>,
    form: EntryForm,
    errors: BTreeMap<String, String>,
) -> EntryPage {
    EntryPage {
        chrome: Chrome::new(state, Some(&u.user), "journal"),
        id,
        written: String::new(),
        prompt: by_slug(&form.prompt_id),
        body: form.body,
        tags: form.tags,
        in_couple: false,
        errors,
    }
}

pub async fn write(
    State(state): State<AppState>,
    u: WebUser,
    WebForm(form): WebForm<EntryForm>,
) -> WebResult {
    let w = writer(&u, state.clock.now_ms());
    match journal::write(&state.db, &w, &form.draft()).await {
        Ok(id) => Ok(Redirect::to(&format!("/journal/{id}")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = again(&state, &u, None, form, errors);
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}

fn entry_page(state: &AppState, u: &WebUser, e: Entry) -> EntryPage {
    let chrome = Chrome::new(state, Some(&u.user), "journal");
    let mut written = when(e.created_at_ms, &u.user.timezone, &chrome);
    if e.updated_at_ms != e.created_at_ms {
        written.push_str(&format!(
            " (changed {})",
            when(e.updated_at_ms, &u.user.timezone, &chrome)
        ));
    }
    EntryPage {
        chrome,
        written,
        prompt: e.prompt,
        tags: e.tags.join(", "),
        body: e.body,
        id: Some(e.id),
        in_couple: u.couple.as_ref().is_some_and(|c| c.members.len() == 2),
        errors: BTreeMap::new(),
    }
}

pub async fn one(State(state): State<AppState>, u: WebUser, Path(id): Path<String>) -> WebResult {
    let w = writer(&u, state.clock.now_ms());
    let entry = journal::one(&state.db, &w, &id).await?;
    Ok(render(StatusCode::OK, &entry_page(&state, &u, entry)))
}

pub async fn edit(
    State(state): State<AppState>,
    u: WebUser,
    Path(id): Path<String>,
    WebForm(form): WebForm<EntryForm>,
) -> WebResult {
    let w = writer(&u, state.clock.now_ms());
    match journal::edit(&state.db, &w, &id, &form.draft()).await {
        Ok(()) => Ok(Redirect::to(&format!("/journal/{id}")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let page = again(&state, &u, Some(id), form, errors);
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct DeleteForm {
    #[serde(default)]
    confirm: String,
}

pub async fn delete(
    State(state): State<AppState>,
    u: WebUser,
    Path(id): Path<String>,
    WebForm(form): WebForm<DeleteForm>,
) -> WebResult {
    let w = writer(&u, state.clock.now_ms());
    if form.confirm != "yes" {
        let entry = journal::one(&state.db, &w, &id).await?;
        let mut page = entry_page(&state, &u, entry);
        page.errors.insert(
            "confirm".to_owned(),
            "Tick the box to delete this entry for good.".to_owned(),
        );
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    journal::delete(&state.db, &w, &id).await?;
    Ok(Redirect::to("/journal").into_response())
}

#[derive(Template)]
#[template(path = "journal_share.html")]
struct SharePage {
    chrome: Chrome,
    id: String,
    partner: String,
    excerpt: String,
    errors: BTreeMap<String, String>,
}

pub async fn share_form(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    let u = m.web_user();
    let entry = journal::one(&state.db, &writer(&u, m.now_ms), &id).await?;
    let page = SharePage {
        chrome: Chrome::new(&state, Some(&m.user), "journal"),
        id,
        partner: m.couple.partner_name(&m.user.id),
        excerpt: entry.body,
        errors: BTreeMap::new(),
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Deserialize, Default)]
pub struct ShareForm {
    #[serde(default)]
    excerpt: String,
    #[serde(default)]
    confirm: String,
}

pub async fn share(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<ShareForm>,
) -> WebResult {
    let confirmed = form.confirm == "yes";
    match journal::share(&state.db, &m.member, &id, &form.excerpt, confirmed).await {
        Ok(_) => {
            state.wake_outbox();
            Ok(Redirect::to("/journal/shared").into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let page = SharePage {
                chrome: Chrome::new(&state, Some(&m.user), "journal"),
                id,
                partner: m.couple.partner_name(&m.user.id),
                excerpt: form.excerpt,
                errors,
            };
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}

struct SharedRow {
    view: ExcerptView,
    when: String,
}

#[derive(Template)]
#[template(path = "journal_shared.html")]
struct SharedPage {
    chrome: Chrome,
    partner: String,
    excerpts: Vec<SharedRow>,
}

pub async fn shared(State(state): State<AppState>, m: WebMember) -> WebResult {
    let chrome = Chrome::new(&state, Some(&m.user), "journal");
    let excerpts = journal::shared(&state.db, &m.member)
        .await?
        .into_iter()
        .map(|view| SharedRow {
            when: when(view.created_at_ms, &m.user.timezone, &chrome),
            view,
        })
        .collect();
    let page = SharedPage {
        partner: m.couple.partner_name(&m.user.id),
        excerpts,
        chrome,
    };
    Ok(render(StatusCode::OK, &page))
}

pub async fn unshare(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    journal::unshare(&state.db, &m.member, &id).await?;
    Ok(Redirect::to("/journal/shared").into_response())
}
