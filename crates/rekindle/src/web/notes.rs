//! `/notes`: write a love note (with the coach's hint) to arrive now, at a chosen
//! moment, or as a surprise inside a window; the inbox with hearts and favourites; and
//! what you sent, with "cancel" until it arrives. A note still to come is nowhere on
//! the recipient's pages — not in a list, a count or a badge.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::form::WebForm;
use super::{Chrome, WebResult, render};
use crate::auth::WebMember;
use crate::error::AppError;
use crate::features::dates::plans::local_instant;
use crate::features::notes::{self, Mark, NoteView, When};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "notes.html")]
struct NotesPage {
    chrome: Chrome,
    partner: String,
    has_partner: bool,
    inbox: Vec<NoteView>,
    sent: Vec<NoteView>,
    favourites_only: bool,
    /// This page of the inbox (from 1), and whether an earlier one follows.
    page: i64,
    more: bool,
    /// Whether more sent notes exist than are shown.
    more_sent: bool,
    form: SendForm,
    errors: BTreeMap<String, String>,
    today: String,
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    favourites: String,
    #[serde(default)]
    page: String,
}

impl NotesPage {
    /// The address of another page of the inbox.
    fn page_href(&self, page: &i64) -> String {
        let favourites = if self.favourites_only {
            "favourites=1&"
        } else {
            ""
        };
        format!("/notes?{favourites}page={page}#inbox")
    }
}

async fn page(
    state: &AppState,
    m: &WebMember,
    (favourites_only, page): (bool, i64),
    form: SendForm,
    errors: BTreeMap<String, String>,
) -> Result<NotesPage, AppError> {
    let shown = usize::try_from(notes::PAGE).unwrap_or(20);
    let mut inbox = notes::inbox(
        &state.db,
        &m.member,
        favourites_only,
        notes::page_window(page),
    )
    .await?;
    let mut sent = notes::sent(&state.db, &m.member, notes::page_window(1)).await?;
    let (more, more_sent) = (inbox.len() > shown, sent.len() > shown);
    inbox.truncate(shown);
    sent.truncate(shown);
    Ok(NotesPage {
        chrome: Chrome::new(state, Some(&m.user), "notes"),
        partner: m.couple.partner_name(&m.user.id),
        has_partner: m.couple.partner_of(&m.user.id).is_some(),
        inbox,
        sent,
        favourites_only,
        page: page.max(1),
        more,
        more_sent,
        form,
        errors,
        today: rekindle_core::schedule::local_day_in(&m.user.timezone, m.now_ms).to_string(),
    })
}

pub async fn show(
    State(state): State<AppState>,
    m: WebMember,
    Query(q): Query<ListQuery>,
) -> WebResult {
    let form = SendForm {
        when: "now".into(),
        ..SendForm::default()
    };
    let number = q.page.trim().parse::<i64>().unwrap_or(1).clamp(1, 10_000);
    let p = page(
        &state,
        &m,
        (q.favourites == "1", number),
        form,
        BTreeMap::new(),
    )
    .await?;
    Ok(render(StatusCode::OK, &p))
}

/// The write form, kept as typed when something needs a look.
#[derive(Deserialize, Default, Clone)]
pub struct SendForm {
    #[serde(default)]
    body: String,
    /// `now`, `at` or `surprise`.
    #[serde(default)]
    when: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    from_time: String,
    #[serde(default)]
    to_time: String,
}

fn when_of(form: &SendForm, zone: &str) -> Result<When, AppError> {
    match form.when.as_str() {
        "at" => Ok(When::At(
            local_instant(&form.day, &form.time, zone)
                .map_err(|_| AppError::field("deliver_at", "Please choose a day and a time."))?,
        )),
        "surprise" => {
            let from = local_instant(&form.day, &form.from_time, zone);
            let to = local_instant(&form.day, &form.to_time, zone);
            match (from, to) {
                (Ok(from), Ok(to)) => Ok(When::Surprise { from, to }),
                _ => Err(AppError::field(
                    "surprise_window",
                    "Please choose a day and the window's two times.",
                )),
            }
        }
        _ => Ok(When::Now),
    }
}

pub async fn send(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<SendForm>,
) -> WebResult {
    let sent = match when_of(&form, &m.user.timezone) {
        Ok(when) => notes::send(&state.db, &m.member, &form.body, when).await,
        Err(e) => Err(e),
    };
    match sent {
        Ok(_) => {
            state.wake_outbox();
            Ok(Redirect::to("/notes#sent").into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let p = page(&state, &m, (false, 1), form, errors).await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &p))
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn cancel(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    match notes::cancel(&state.db, &m.member, &id).await {
        Ok(()) | Err(AppError::Conflict { .. }) => Ok(Redirect::to("/notes#sent").into_response()),
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct MarkForm {
    /// `heart` or `favourite`.
    #[serde(default)]
    mark: String,
    /// `on` or `off`.
    #[serde(default)]
    set: String,
    /// `1` when it came from the favourites list.
    #[serde(default)]
    favourites: String,
}

pub async fn mark(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<MarkForm>,
) -> WebResult {
    let mark = match form.mark.as_str() {
        "heart" => Mark::Heart,
        "favourite" => Mark::Favourite,
        _ => return Err(AppError::field("mark", "Choose a heart or a favourite.").into()),
    };
    notes::mark(&state.db, &m.member, &id, mark, form.set == "on").await?;
    let list = if form.favourites == "1" {
        "?favourites=1"
    } else {
        ""
    };
    Ok(Redirect::to(&format!("/notes{list}#note-{id}")).into_response())
}
