//! The coach's hint while someone writes to their partner: htmx posts the text as they
//! type (debounced) and swaps in this small fragment. Words, not a score; a suggestion,
//! never a block. Without JavaScript nothing changes.

use askama::Template;
use axum::http::StatusCode;
use serde::Deserialize;

use super::notice::Notice;
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
    /// The compromise workspace's three parts.
    #[serde(default)]
    core: String,
    #[serde(default)]
    flex: String,
    #[serde(default)]
    feel: String,
}

fn tone(gentleness: u8) -> &'static str {
    match gentleness {
        70.. => "This reads as a gentle start.",
        45..=69 => "This could land a little harder than you mean.",
        _ => "This might land hard.",
    }
}

pub async fn hint(_user: WebUser, WebForm(form): WebForm<HintForm>) -> WebResult {
    let text = [
        form.text,
        form.appreciation,
        form.body,
        form.core,
        form.flex,
        form.feel,
    ]
    .into_iter()
    .find(|t| !t.trim().is_empty())
    .unwrap_or_default();
    let analysis = crate::features::coach::analyse(&text)?;
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

/// The coach's thought on something just sent, shown on the page after saving (the
/// same words as the hint while typing). The text is saved either way.
#[derive(Debug, Clone)]
pub struct SentHint {
    pub explanation: &'static str,
    pub suggestion: &'static str,
    pub rewrite: Option<String>,
}

/// A thought on `text` when the coach found something; `None` when it reads gently.
pub fn after_sending(text: &str) -> Option<SentHint> {
    let analysis = crate::features::coach::analyse(text).ok()?;
    let first = analysis.findings.first()?;
    Some(SentHint {
        explanation: first.explanation,
        suggestion: first.suggestion,
        rewrite: analysis.rewrite,
    })
}

/// `to` with `also` and, when the coach has a thought on the sent `text`, the
/// `coached` notice — so the page after it can show the thought (the text itself never
/// goes into the address).
pub fn coached(to: &str, also: &[Notice], text: &str) -> String {
    let mut notices = also.to_vec();
    if after_sending(text).is_some() {
        notices.push(Notice::Coached);
    }
    super::notice::to(to, &notices)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_harsh_message_adds_the_flag_and_the_fragment_stays_last() {
        assert_eq!(
            coached("/#question", &[], "Thank you for tonight, I loved it."),
            "/#question"
        );
        assert_eq!(
            coached("/#question", &[], "You never listen to me"),
            "/?notice=coached#question"
        );
        assert_eq!(
            coached("/", &[Notice::CheckinSaved], "You never listen to me"),
            "/?notice=checkin_saved,coached"
        );
        assert!(after_sending("You never listen to me").is_some());
    }
}
