//! The gentle-start coach on the page: the hint while someone writes to their partner
//! (htmx posts the text as they type, debounced, and swaps in a small fragment), and
//! `/coach`, a scratchpad to try words out before saying them — nothing typed there is
//! kept. Words, not a score; a suggestion, never a block. Without JavaScript the hint
//! simply does not appear, and the scratchpad answers on submit.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use rekindle_core::coach::Finding;
use rekindle_core::content::guides::{self, Guide};
use serde::Deserialize;

use super::notice::Notice;
use super::{Chrome, WebResult, render};
use crate::auth::WebUser;
use crate::state::AppState;
use crate::web::form::WebForm;

/// The guide that says more about a finding.
fn guide_for(finding: &Finding) -> Option<&'static Guide> {
    guides::by_slug(finding.kind.guide())
}

#[derive(Template)]
#[template(path = "coach_hint.html")]
struct Hint {
    /// Empty text: nothing to say.
    empty: bool,
    tone: &'static str,
    explanation: Option<&'static str>,
    suggestion: Option<&'static str>,
    rewrite: Option<String>,
    guide: Option<&'static Guide>,
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

/// Words for the whole message. With findings the page names them; without, a plain
/// message is simply fine — only shouting or a pile of negative words makes it "harder".
fn tone(gentleness: u8, found_something: bool) -> &'static str {
    match (gentleness, found_something) {
        (70.., _) => "This reads as a gentle start.",
        (50..=69, false) => "Nothing here is likely to put them on guard.",
        (45..=69, true) | (_, false) => "This could land a little harder than you mean.",
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
        tone: tone(analysis.gentleness, first.is_some()),
        explanation: first.map(|f| f.explanation),
        suggestion: first.map(|f| f.suggestion),
        guide: first.and_then(guide_for),
        rewrite: analysis.rewrite,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "coach.html")]
struct CoachPage {
    chrome: Chrome,
    text: String,
    /// What the coach found, once something was checked.
    checked: Option<Checked>,
}

impl CoachPage {
    /// The words a finding is about.
    fn span(&self, finding: &Finding) -> &str {
        self.text.get(finding.start..finding.end).unwrap_or("")
    }
}

struct Checked {
    tone: &'static str,
    findings: Vec<(Finding, Option<&'static Guide>)>,
    rewrite: Option<String>,
}

/// `GET /coach`: the empty scratchpad.
pub async fn page(State(state): State<AppState>, user: WebUser) -> WebResult {
    let page = CoachPage {
        chrome: Chrome::new(&state, Some(&user.user), "coach"),
        text: String::new(),
        checked: None,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Deserialize, Default)]
pub struct CheckForm {
    #[serde(default)]
    text: String,
}

/// `POST /coach`: the whole look at a draft (every finding, each with its guide). The
/// draft is only echoed back into the form; it is never stored or logged.
pub async fn check(
    State(state): State<AppState>,
    user: WebUser,
    WebForm(form): WebForm<CheckForm>,
) -> WebResult {
    let analysis = crate::features::coach::analyse(&form.text)?;
    let checked = (!form.text.trim().is_empty()).then(|| Checked {
        tone: tone(analysis.gentleness, !analysis.findings.is_empty()),
        findings: analysis
            .findings
            .into_iter()
            .map(|f| {
                let guide = guide_for(&f);
                (f, guide)
            })
            .collect(),
        rewrite: analysis.rewrite,
    });
    let page = CoachPage {
        chrome: Chrome::new(&state, Some(&user.user), "coach"),
        text: form.text,
        checked,
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
    pub guide: Option<&'static Guide>,
}

/// A thought on `text` when the coach found something; `None` when it reads gently.
pub fn after_sending(text: &str) -> Option<SentHint> {
    let analysis = crate::features::coach::analyse(text).ok()?;
    let first = analysis.findings.first()?;
    Some(SentHint {
        explanation: first.explanation,
        suggestion: first.suggestion,
        guide: guide_for(first),
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
