//! `/`: the welcome page for visitors; for signed-in people, their home: the check-in,
//! the connection dashboard, what the partner appreciated, and — when drift is
//! noticed — one gentle next step for both.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::chart::{self, Chart};
use super::notice::{Notice, Notices};
use super::{Chrome, WebResult, render};
use crate::auth::WebUser;
use crate::db::couples::{Couple, LastEnding};
use crate::features::dashboard::{self, Dashboard, RANGES};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "welcome.html")]
struct WelcomePage {
    chrome: Chrome,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    chrome: Chrome,
    me: String,
    me_initial: String,
    couple: Option<Couple>,
    partner: Option<String>,
    partner_initial: String,
    left_by_partner: bool,
    /// Whether an ended couple's words wait in "Before".
    has_before: bool,
    dash: Dashboard,
    charts: Vec<Chart>,
    ranges: [i32; 3],
    saved: bool,
    /// "today" or "on Sunday 29 November", when in a couple.
    meeting_day: Option<String>,
    /// Today's question, when together with a partner.
    question: Option<crate::features::questions::Question>,
    answer_error: bool,
    /// The coach's thought on the answer or reply just sent, if it had one.
    question_hint: Option<super::coach::SentHint>,
    /// The coach's thought on the appreciation just saved, if it had one.
    checkin_hint: Option<super::coach::SentHint>,
    /// Upcoming dates and one tradition suggestion, when together with a partner.
    together: Option<crate::features::dates::HomeDates>,
    /// A date to plan, offered beside the drift step (only when there is drift).
    drift_date: Option<crate::features::dates::overview::SuggestionView>,
}

#[derive(Deserialize, Default)]
pub struct HomeQuery {
    range: Option<i32>,
    /// What to say after a redirect (`web/notice.rs`).
    #[serde(default)]
    notice: String,
}

pub async fn show(
    State(state): State<AppState>,
    user: Option<WebUser>,
    Query(q): Query<HomeQuery>,
) -> WebResult {
    let Some(user) = user else {
        let page = WelcomePage {
            chrome: Chrome::new(&state, None, "home"),
        };
        return Ok(render(StatusCode::OK, &page));
    };
    let couple = user.couple.clone();
    let partner = couple
        .as_ref()
        .and_then(|c| c.partner_of(&user.user.id))
        .map(|m| m.display_name.clone());
    let last_ending = if couple.is_none() {
        crate::features::couples::last_ending(&state, &user.user.id).await?
    } else {
        LastEnding::None
    };
    let left_by_partner = last_ending == LastEnding::ByPartner;
    let has_before = last_ending != LastEnding::None;
    let dash = dashboard::load(
        &state.db,
        &user.user,
        couple.as_ref(),
        state.clock.now_ms(),
        q.range.unwrap_or(30),
    )
    .await?;
    let with_partner = |pick: fn(&dashboard::Trends) -> &Vec<_>| {
        partner
            .as_deref()
            .zip(dash.partner.as_ref())
            .map(|(name, t)| (name, pick(t).as_slice()))
    };
    let charts = vec![
        chart::build(
            "closeness",
            "Closeness (1–7)",
            7,
            &dash.mine.closeness,
            with_partner(|t| &t.closeness),
        ),
        chart::build(
            "mood",
            "Mood (1–5)",
            5,
            &dash.mine.mood,
            with_partner(|t| &t.mood),
        ),
        chart::build(
            "felt-heard",
            "Felt heard (1–5)",
            5,
            &dash.mine.felt_heard,
            with_partner(|t| &t.felt_heard),
        ),
    ];
    let now = state.clock.now_ms();
    let meeting_day = couple.as_ref().map(|c| {
        let day = crate::features::state_of_us::current_day(c, now);
        if day == c.today(now) {
            "today".to_owned()
        } else {
            day.strftime("on %A %-d %B").to_string()
        }
    });
    let member = match couple.as_ref() {
        Some(c) if c.members.len() == 2 => Some(crate::features::Member {
            user: user.user.clone(),
            couple: c.clone(),
            now_ms: now,
            key: user.key.clone(),
        }),
        _ => None,
    };
    let (question, together, drift_date) = match member.as_ref() {
        Some(member) => (
            Some(crate::features::questions::today(&state.db, member).await?),
            Some(crate::features::dates::home(&state.db, member).await?),
            if dash.drift.is_some() {
                crate::features::dates::first_suggestion(&state.db, member).await?
            } else {
                None
            },
        ),
        None => (None, None, None),
    };
    let notices = Notices::parse(&q.notice);
    let coached = notices.has(Notice::Coached);
    let saved = notices.has(Notice::CheckinSaved);
    let question_hint = question
        .as_ref()
        .filter(|_| coached && !saved)
        .and_then(|qn| {
            // The newest thing the viewer wrote there: a reply, else the answer.
            let reply = qn
                .replies
                .iter()
                .rev()
                .find(|(mine, _)| *mine)
                .map(|r| &r.1);
            reply.or(qn.my_answer.as_ref())
        })
        .and_then(|t| super::coach::after_sending(t));
    let checkin_hint = dash
        .my_today
        .as_ref()
        .filter(|_| coached && saved)
        .and_then(|c| c.appreciation.as_deref())
        .and_then(super::coach::after_sending);
    let page = HomePage {
        question_hint,
        checkin_hint,
        together,
        drift_date,
        meeting_day,
        question,
        answer_error: notices.has(Notice::AnswerEmpty),
        chrome: Chrome::new(&state, Some(&user.user), "home"),
        me: user.user.display_name.clone(),
        me_initial: initial(&user.user.display_name),
        couple,
        partner_initial: partner.as_deref().map(initial).unwrap_or_default(),
        partner,
        left_by_partner,
        has_before,
        dash,
        charts,
        ranges: RANGES,
        saved,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The first letter of a name, for the little round avatars.
fn initial(name: &str) -> String {
    name.chars()
        .next()
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default()
}
