//! The coach's hint while someone writes to their partner: htmx posts the text as they
//! type (debounced) and swaps in this small fragment. Words, not a score; a suggestion,
//! never a block. Without JavaScript nothing changes.

use askama::Template;
use axum::http::StatusCode;
use serde::Deserialize;

use super::{WebResult, render};
use crate::auth::WebUser;
use crate::web::form::WebForm;

#[derive(Template)]
#[template(path = "coach_hint.html")]
struct Hint {
    /// Empty text: nothing to say.
    empty: bool,
    tone: &'static str,
    explanation: Option<&'static str>,
    suggestion: Option<&'static str>,
    rewrite: Option<String>,
}

/// The field names the hint accepts (the textareas it is attached to).
#[derive(Deserialize, Default)]
pub struct HintForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    appreciation: String,
    #[serde(default)]
    body: String,
}

fn tone(gentleness: u8) -> &'static str {
    match gentleness {
        70.. => "This reads as a gentle start.",
        45..=69 => "This could land a little harder than you mean.",
        _ => "This might land hard.",
    }
}

pub async fn hint(_user: WebUser, WebForm(form): WebForm<HintForm>) -> WebResult {
    let text = [form.text, form.appreciation, form.body]
        .into_iter()
        .find(|t| !t.trim().is_empty())
        .unwrap_or_default();
    let analysis = crate::api::coach::coach(&text)?;
    let first = analysis.findings.first();
    let page = Hint {
        empty: text.trim().is_empty(),
        tone: tone(analysis.gentleness),
        explanation: first.map(|f| f.explanation),
        suggestion: first.map(|f| f.suggestion),
        rewrite: analysis.rewrite,
    };
    Ok(render(StatusCode::OK, &page))
}
