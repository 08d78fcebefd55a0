//! `/mutual`: the mutual-yes list on the web — each item answered yes / maybe / no,
//! privately; matches at the top; the choices (show the intimate section, count
//! maybes). The page says plainly what it cannot hide: if you said yes and see no
//! match, your partner did not say yes.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use rekindle_core::content::mutual::{Item, Section};
use rekindle_core::mutual::Answer;
use serde::Deserialize;

use super::form::WebForm;
use super::{Chrome, WebResult, render};
use crate::auth::WebMember;
use crate::db::mutual::Choices;
use crate::features::mutual::{self, ItemView};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "mutual.html")]
struct MutualPage {
    chrome: Chrome,
    partner: String,
    matches: Vec<&'static Item>,
    sections: Vec<(Section, Vec<ItemView>)>,
    choices: Choices,
    answers: [Answer; 3],
}

impl MutualPage {
    fn answered(&self, i: &ItemView, a: &Answer) -> bool {
        i.my_answer == Some(*a)
    }
}

pub async fn show(State(state): State<AppState>, m: WebMember) -> WebResult {
    let view = mutual::list(&state.db, &m.member).await?;
    let mut sections: Vec<(Section, Vec<ItemView>)> = Vec::new();
    for item in view.items {
        match sections.last_mut() {
            Some((s, items)) if *s == item.section => items.push(item),
            _ => sections.push((item.section, vec![item])),
        }
    }
    let page = MutualPage {
        chrome: Chrome::new(&state, Some(&m.user), "touch"),
        partner: m.couple.partner_name(&m.user.id),
        matches: mutual::matches(&state.db, &m.member).await?,
        sections,
        choices: view.choices,
        answers: Answer::ALL,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Deserialize, Default)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
}

pub async fn answer(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<AnswerForm>,
) -> WebResult {
    mutual::answer(&state.db, &m.member, &id, &form.answer).await?;
    Ok(Redirect::to(&format!("/mutual#item-{id}")).into_response())
}

#[derive(Deserialize, Default)]
pub struct ChoicesForm {
    #[serde(default)]
    intimate: String,
    #[serde(default)]
    count_maybe: String,
}

pub async fn choose(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<ChoicesForm>,
) -> WebResult {
    let choices = Choices {
        intimate: form.intimate == "on",
        count_maybe: form.count_maybe == "on",
    };
    mutual::choose(&state.db, &m.member, choices).await?;
    Ok(Redirect::to("/mutual#choices").into_response())
}
