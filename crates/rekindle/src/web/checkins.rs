//! The daily check-in page: three one-tap scales and two optional notes. Works as one
//! plain form without JavaScript.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use rekindle_core::checkin::{CLOSENESS_WORDS, CheckInInput, HEARD_WORDS, MOOD_WORDS};
use serde::Deserialize;

use super::{Chrome, WebResult, render};
use crate::auth::WebUser;
use crate::error::AppError;
use crate::features::dashboard::today_for;
use crate::state::AppState;
use crate::web::form::WebForm;

/// One choice on a scale.
pub struct Choice {
    pub value: u8,
    pub word: &'static str,
    /// Closeness only: the two circles' centres.
    pub cx_me: u8,
    pub cx_you: u8,
}

#[derive(Template)]
#[template(path = "checkin.html")]
struct CheckInPage {
    chrome: Chrome,
    day: String,
    partner: Option<String>,
    closeness: Vec<Choice>,
    moods: Vec<Choice>,
    heard: Vec<Choice>,
    picked_closeness: u8,
    picked_mood: u8,
    picked_heard: u8,
    appreciation: String,
    note: String,
    /// Why the saved note cannot be shown (locked, or changed outside Rekindle).
    note_closed: Option<&'static str>,
    /// The person's key is locked: a note cannot be written now.
    locked: bool,
    errors: BTreeMap<String, String>,
}

#[derive(Deserialize, Default)]
pub struct CheckInForm {
    #[serde(default)]
    day: String,
    #[serde(default)]
    closeness: String,
    #[serde(default)]
    mood: String,
    #[serde(default)]
    felt_heard: String,
    #[serde(default)]
    appreciation: String,
    #[serde(default)]
    note: String,
}

fn choices(words: &[&'static str]) -> Vec<Choice> {
    (1u8..)
        .zip(words)
        .map(|(value, word)| {
            // Closeness circles: far apart at 1, nearly one at 7 (radius 12, width 64).
            let gap = 22u8.saturating_sub(value * 3);
            Choice {
                value,
                word,
                cx_me: 32 - gap,
                cx_you: 32 + gap,
            }
        })
        .collect()
}

async fn page(state: &AppState, user: &WebUser) -> Result<CheckInPage, crate::db::Error> {
    let day = today_for(&user.user, state.clock.now_ms()).to_string();
    let (existing, couple, closed) = crate::features::checkins::mine_today(
        state,
        &user.user,
        user.couple.as_ref(),
        user.key.as_ref(),
    )
    .await?;
    Ok(CheckInPage {
        chrome: Chrome::new(state, Some(&user.user), "checkin"),
        partner: couple
            .as_ref()
            .and_then(|c| c.partner_of(&user.user.id))
            .map(|m| m.display_name.clone()),
        closeness: choices(&CLOSENESS_WORDS),
        moods: choices(&MOOD_WORDS),
        heard: choices(&HEARD_WORDS),
        picked_closeness: existing.as_ref().map_or(0, |c| c.closeness),
        picked_mood: existing.as_ref().map_or(0, |c| c.mood),
        picked_heard: existing.as_ref().map_or(0, |c| c.felt_heard),
        appreciation: existing
            .as_ref()
            .and_then(|c| c.appreciation.clone())
            .unwrap_or_default(),
        note: existing.and_then(|c| c.note).unwrap_or_default(),
        note_closed: closed.map(crate::vault::Closed::words),
        locked: user.key.is_none(),
        day,
        errors: BTreeMap::new(),
    })
}

pub async fn show(State(state): State<AppState>, user: WebUser) -> WebResult {
    Ok(render(StatusCode::OK, &page(&state, &user).await?))
}

fn number(text: &str) -> Option<i64> {
    text.trim().parse().ok()
}

pub async fn save(
    State(state): State<AppState>,
    user: WebUser,
    WebForm(form): WebForm<CheckInForm>,
) -> WebResult {
    let input = CheckInInput {
        closeness: number(&form.closeness),
        mood: number(&form.mood),
        felt_heard: number(&form.felt_heard),
        appreciation: Some(form.appreciation.clone()),
        note: Some(form.note.clone()),
    };
    match crate::features::checkins::save_today(
        &state,
        &user.user,
        user.couple.as_ref(),
        user.key.as_ref(),
        &form.day,
        input,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&super::coach::coached(
            "/",
            &[super::notice::Notice::CheckinSaved],
            &form.appreciation,
        ))
        .into_response()),
        Err(err @ (AppError::Invalid(_) | AppError::BadRequest { .. })) => {
            let mut p = page(&state, &user).await?;
            p.picked_closeness = number(&form.closeness)
                .and_then(|v| u8::try_from(v).ok())
                .unwrap_or(0);
            p.picked_mood = number(&form.mood)
                .and_then(|v| u8::try_from(v).ok())
                .unwrap_or(0);
            p.picked_heard = number(&form.felt_heard)
                .and_then(|v| u8::try_from(v).ok())
                .unwrap_or(0);
            p.appreciation = form.appreciation;
            p.note = form.note;
            let status = err.status();
            p.errors = match err {
                AppError::Invalid(fields) => fields,
                other => BTreeMap::from([("day".to_owned(), other.message())]),
            };
            if let Some(day_msg) = p.errors.get_mut("day") {
                day_msg.push_str(" We've opened today's check-in for you.");
            }
            Ok(render(status, &p))
        }
        Err(other) => Err(other.into()),
    }
}
