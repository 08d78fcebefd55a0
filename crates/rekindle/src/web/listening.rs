//! `/listen`: the listening exercise on the web. The session page works on one phone
//! passed between the two, or on two phones: the part below the rules ("live") is a
//! fragment that htmx refreshes every few seconds while it is the other's move, so each
//! phone follows the other without a reload. Everything works without JavaScript too.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use rekindle_core::checkin::HEARD_WORDS;
use rekindle_core::content::listening::{CLARIFY_HINT, LISTENER_HINT, RULES, SPEAKER_HINT};
use rekindle_core::listening::MoveKind;
use serde::Deserialize;

use super::notice::{self, Notice, Notices};
use super::{Chrome, WebResult, render};
use crate::auth::WebMember;
use crate::error::AppError;
use crate::features::listening::{self, Overview, Session};
use crate::state::AppState;
use crate::web::form::WebForm;

/// The words each role sees beside the box they write in.
pub struct Hints {
    pub speaker: &'static str,
    pub listener: &'static str,
    pub clarify: &'static str,
}

const HINTS: Hints = Hints {
    speaker: SPEAKER_HINT,
    listener: LISTENER_HINT,
    clarify: CLARIFY_HINT,
};

/// The 1–5 felt-heard scale, in the check-in's words (one scale, one wording).
fn heard_scale() -> [(u8, &'static str); 5] {
    let mut scale = [(0, ""); 5];
    for (value, word) in (1u8..).zip(HEARD_WORDS) {
        scale[usize::from(value - 1)] = (value, word);
    }
    scale
}

#[derive(Template)]
#[template(path = "listening.html")]
struct OverviewPage {
    chrome: Chrome,
    partner: String,
    overview: Overview,
    rules: [(&'static str, &'static str); 3],
    problem: bool,
    /// How many earlier sessions the list shows.
    listed: usize,
}

#[derive(Template)]
#[template(path = "listening_session.html")]
struct SessionPage {
    chrome: Chrome,
    s: Session,
    rules: [(&'static str, &'static str); 3],
    hints: Hints,
    heard: [(u8, &'static str); 5],
    notice: Option<&'static str>,
    /// The coach's thought on the words just sent, if it had one.
    sent_hint: Option<super::coach::SentHint>,
}

#[derive(Template)]
#[template(path = "listening_live.html")]
struct LiveFragment {
    s: Session,
    hints: Hints,
    heard: [(u8, &'static str); 5],
}

pub async fn show(
    State(state): State<AppState>,
    m: WebMember,
    Query(q): Query<Notices>,
) -> WebResult {
    let overview = listening::overview(&state.db, &m.member).await?;
    let page = OverviewPage {
        chrome: Chrome::new(&state, Some(&m.user), "listen"),
        partner: m.couple.partner_name(&m.user.id),
        overview,
        rules: RULES,
        problem: q.has(Notice::TopicMissing),
        listed: usize::try_from(listening::LISTED_SESSIONS).unwrap_or(usize::MAX),
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Deserialize, Default)]
pub struct StartForm {
    /// A chosen topic, or `own` to use `own_topic`.
    #[serde(default)]
    topic: String,
    #[serde(default)]
    own_topic: String,
    /// `me` or `partner`.
    #[serde(default)]
    first: String,
    /// `one` or `two`.
    #[serde(default)]
    phones: String,
}

pub async fn start(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(f): WebForm<StartForm>,
) -> WebResult {
    // Words typed into "your own topic" are the choice, whatever radio is ticked:
    // nobody types a topic they don't mean.
    let topic = if !f.own_topic.trim().is_empty() || f.topic == "own" || f.topic.is_empty() {
        f.own_topic
    } else {
        f.topic
    };
    let result = listening::start(
        &state.db,
        &m.member,
        &topic,
        f.first != "partner",
        f.phones == "one",
    )
    .await;
    match result {
        Ok((s, _)) => Ok(Redirect::to(&format!("/listen/{}", s.id)).into_response()),
        Err(AppError::Invalid(_)) => {
            Ok(Redirect::to(&notice::to("/listen", &[Notice::TopicMissing])).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn session(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    Query(q): Query<Notices>,
) -> WebResult {
    let s = listening::read(&state.db, &m.member, &id).await?;
    let notice = q.message();
    // The words just sent: the newest "what I meant", else the newest piece.
    let sent_hint = s
        .turns
        .last()
        .filter(|_| q.has(Notice::Coached))
        .map(|t| {
            let meant = t
                .attempts
                .iter()
                .rev()
                .find_map(|a| a.answer.clone().flatten());
            meant.unwrap_or_else(|| t.piece.clone())
        })
        .and_then(|text| super::coach::after_sending(&text));
    let page = SessionPage {
        chrome: Chrome::new(&state, Some(&m.user), "listen"),
        sent_hint,
        s,
        rules: RULES,
        hints: HINTS,
        heard: heard_scale(),
        notice,
    };
    Ok(render(StatusCode::OK, &page))
}

/// The live part of the session page, for htmx to refresh.
pub async fn live(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    let s = listening::read(&state.db, &m.member, &id).await?;
    Ok(render(
        StatusCode::OK,
        &LiveFragment {
            s,
            hints: HINTS,
            heard: heard_scale(),
        },
    ))
}

/// Back to the session: as saved (with the coach's thought on `sent`, if it has one),
/// or with a calm notice (nothing saved).
fn back(result: Result<Session, AppError>, id: &str, sent: &str) -> WebResult {
    let to = |n: Notice| Redirect::to(&notice::to(&format!("/listen/{id}"), &[n])).into_response();
    match result {
        Ok(_) => Ok(Redirect::to(&super::coach::coached(
            &format!("/listen/{id}#live"),
            &[],
            sent,
        ))
        .into_response()),
        Err(AppError::Invalid(fields)) if fields.contains_key("felt_heard") => {
            Ok(to(Notice::RatingMissing))
        }
        Err(AppError::Invalid(_)) => Ok(to(Notice::WordsMissing)),
        Err(AppError::Conflict { .. }) => Ok(to(Notice::StepTaken)),
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize, Default)]
pub struct MoveForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    body: String,
}

pub async fn make_move(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(f): WebForm<MoveForm>,
) -> WebResult {
    let Some(kind) = MoveKind::parse(&f.kind) else {
        return Err(AppError::BadRequest {
            code: "bad_form",
            message:
                "We couldn't read that form. Please go back and try again; nothing was changed."
                    .into(),
        }
        .into());
    };
    let result = listening::act(&state.db, &m.member, &id, kind, &f.body).await;
    // The coach speaks to what the speaker says, not to a paraphrase of it.
    let sent = if matches!(kind, MoveKind::Piece | MoveKind::NotQuite) {
        f.body.as_str()
    } else {
        ""
    };
    back(result, &id, sent)
}

pub async fn end(State(state): State<AppState>, m: WebMember, Path(id): Path<String>) -> WebResult {
    let result = listening::end(&state.db, &m.member, &id).await;
    back(result, &id, "")
}

#[derive(Deserialize, Default)]
pub struct RatingForm {
    #[serde(default)]
    felt_heard: String,
    /// `partner` on one phone, for the partner's own rating given there.
    #[serde(default)]
    r#for: String,
}

pub async fn rate(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(f): WebForm<RatingForm>,
) -> WebResult {
    let result = listening::rate(
        &state.db,
        &m.member,
        &id,
        f.felt_heard.trim().parse().unwrap_or(0),
        f.r#for == "partner",
    )
    .await;
    back(result, &id, "")
}

#[derive(Deserialize, Default)]
pub struct NoteForm {
    #[serde(default)]
    body: String,
}

pub async fn note(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(f): WebForm<NoteForm>,
) -> WebResult {
    let result = listening::note(&state.db, &m.member, &id, &f.body).await;
    back(result, &id, "")
}
