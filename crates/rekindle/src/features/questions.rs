//! The question of the day for a couple, shared by the pages and the API: choose (once
//! per couple and day, in the couple's zone), answer, and read answers through the
//! visibility rule — the partner's answer stays sealed until both have answered.

use std::collections::HashSet;

use jiff::ToSpan as _;
use rekindle_core::content::prompts::{self, Prompt};
use rekindle_core::question::{choose, is_hard_day};

use crate::db::Db;
use crate::db::checkins;
use crate::db::couples::Couple;
use crate::db::questions;
use crate::db::users::User;
use crate::db::visibility::Scope;
use crate::error::AppError;
use crate::features::Member;

/// Longest answer, in characters.
pub const ANSWER_MAX_CHARS: usize = 4_000;

/// A prompt with the viewer's answer and, once both have answered, the partner's, the
/// replies and hearts.
#[derive(Debug, Clone)]
pub struct Question {
    /// The couple's day it was asked (empty when not known).
    pub day: String,
    pub prompt: &'static Prompt,
    pub my_answer: Option<String>,
    pub partner_answer: Option<String>,
    /// Both have answered: replies and hearts are open.
    pub revealed: bool,
    /// (written by me, text), oldest first.
    pub replies: Vec<(bool, String)>,
    pub my_heart: bool,
    pub partner_heart: bool,
}

/// Longest reply, in characters.
pub const REPLY_MAX_CHARS: usize = 2_000;

/// Today's question (choosing and storing it on first sight).
pub async fn today(db: &Db, m: &Member) -> Result<Question, crate::db::Error> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let day = couple.today(now_ms);
    let day_text = day.to_string();
    let scope = Scope::member(user, couple, now_ms);
    if let Some((id, answers)) = questions::on_day(db, &scope, &couple.id, &day_text).await? {
        let mut q = assemble(db, user, couple, &scope, &id, answers).await?;
        q.day = day_text;
        return Ok(q);
    }
    // The couple's first look today: choose the question and keep it.
    let asked = questions::asked(db, &couple.id).await?;
    let used: HashSet<&str> = asked.iter().map(String::as_str).collect();
    let days_together = (day - couple.together_since()).get_days();
    let from = day.checked_sub(1.day()).unwrap_or(day).to_string();
    let mut recent = Vec::new();
    for m in &couple.members {
        for c in checkins::list(db, &scope, &m.id, &from, &day_text).await? {
            recent.push((c.closeness, c.mood));
        }
    }
    let chosen = choose(
        &couple.id,
        day,
        &used,
        i64::from(days_together),
        is_hard_day(&recent),
    );
    let id = questions::settle(db, &couple.id, &day_text, chosen.id, now_ms).await?;
    let mut q = read(db, m, &id).await?;
    q.day = day_text;
    Ok(q)
}

/// A prompt the couple was asked, with what the viewer may see of it.
pub async fn read(db: &Db, m: &Member, prompt_id: &str) -> Result<Question, crate::db::Error> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let s = Scope::member(user, couple, now_ms);
    let answers = questions::answers(db, &s, &couple.id, prompt_id).await?;
    assemble(db, user, couple, &s, prompt_id, answers).await
}

/// A question from its answers; the thread is read (one more statement) only once both
/// have answered.
async fn assemble(
    db: &Db,
    user: &User,
    couple: &Couple,
    s: &Scope,
    prompt_id: &str,
    answers: Vec<questions::Answer>,
) -> Result<Question, crate::db::Error> {
    let prompt = prompts::by_id(prompt_id).ok_or(crate::db::Error::NotFound)?;
    let mine = answers
        .iter()
        .find(|a| a.owner_id == user.id)
        .map(|a| a.body.clone());
    let partner = answers
        .into_iter()
        .find(|a| a.owner_id != user.id)
        .map(|a| a.body);
    let revealed = mine.is_some() && partner.is_some();
    let (replies, hearts) = if revealed {
        questions::thread(db, s, &couple.id, prompt_id).await?
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(Question {
        day: String::new(),
        prompt,
        my_answer: mine,
        partner_answer: partner,
        revealed,
        replies: replies
            .into_iter()
            .map(|r| (r.owner_id == user.id, r.body))
            .collect(),
        my_heart: hearts.contains(&user.id),
        partner_heart: hearts.iter().any(|h| *h != user.id),
    })
}

/// Replies open once both have answered; before that the thread is not there.
async fn revealed_or_conflict(db: &Db, m: &Member, prompt_id: &str) -> Result<Question, AppError> {
    let couple = &m.couple;
    if prompts::by_id(prompt_id).is_none()
        || !questions::was_asked(db, &couple.id, prompt_id).await?
    {
        return Err(AppError::NotFound);
    }
    let q = read(db, m, prompt_id).await?;
    if !q.revealed {
        return Err(AppError::Conflict {
            code: "not_revealed",
            message: "Replies and hearts open once you've both answered.".into(),
        });
    }
    Ok(q)
}

/// Adds the viewer's reply to a revealed question.
pub async fn reply(db: &Db, m: &Member, prompt_id: &str, body: &str) -> Result<Question, AppError> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    revealed_or_conflict(db, m, prompt_id).await?;
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::field("body", "Write a few words first."));
    }
    if body.chars().count() > REPLY_MAX_CHARS {
        return Err(AppError::field(
            "body",
            format!("Please keep a reply to {REPLY_MAX_CHARS} characters."),
        ));
    }
    questions::add_reply(db, &couple.id, prompt_id, &user.id, body, now_ms).await?;
    Ok(read(db, m, prompt_id).await?)
}

/// Sets or clears the viewer's heart on a revealed question.
pub async fn heart(db: &Db, m: &Member, prompt_id: &str, on: bool) -> Result<Question, AppError> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    revealed_or_conflict(db, m, prompt_id).await?;
    questions::set_heart(db, &couple.id, prompt_id, &user.id, on, now_ms).await?;
    Ok(read(db, m, prompt_id).await?)
}

/// Earlier questions of the couple, newest first (at most 60).
pub async fn history(db: &Db, m: &Member) -> Result<Vec<Question>, crate::db::Error> {
    let today = m.couple.today(m.now_ms).to_string();
    history_before(db, m, &today, 60).await
}

/// Questions on a page of the history (the page reads each question whole, so it
/// shows a few at a time).
pub const HISTORY_PAGE: usize = 10;

/// One page of earlier questions, newest first, from the day before `before` (a
/// YYYY-MM-DD day, or today when absent or not a day); and the day to ask from for
/// the page after it, if there is one.
pub async fn history_page(
    db: &Db,
    m: &Member,
    before: Option<&str>,
) -> Result<(Vec<Question>, Option<String>), crate::db::Error> {
    let today = m.couple.today(m.now_ms).to_string();
    let before = before
        .and_then(rekindle_core::checkin::parse_day)
        .map_or(today, |d| d.to_string());
    let limit = i64::try_from(HISTORY_PAGE).unwrap_or(10) + 1;
    let mut page = history_before(db, m, &before, limit).await?;
    let more = (page.len() > HISTORY_PAGE).then(|| {
        page.truncate(HISTORY_PAGE);
        page.last().map(|q| q.day.clone()).unwrap_or_default()
    });
    Ok((page, more))
}

async fn history_before(
    db: &Db,
    m: &Member,
    before: &str,
    limit: i64,
) -> Result<Vec<Question>, crate::db::Error> {
    let couple = &m.couple;
    let mut out = Vec::new();
    for (day, id) in questions::history(db, &couple.id, before, limit).await? {
        if prompts::by_id(&id).is_some() {
            let mut q = read(db, m, &id).await?;
            q.day = day;
            out.push(q);
        }
    }
    Ok(out)
}

/// Saves the viewer's answer to a prompt the couple was asked; not-asked is not found.
pub async fn answer(
    db: &Db,
    m: &Member,
    prompt_id: &str,
    body: &str,
) -> Result<Question, AppError> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    if prompts::by_id(prompt_id).is_none()
        || !questions::was_asked(db, &couple.id, prompt_id).await?
    {
        return Err(AppError::NotFound);
    }
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::field("body", "Write a few words first."));
    }
    if body.chars().count() > ANSWER_MAX_CHARS {
        return Err(AppError::field(
            "body",
            format!("Please keep your answer to {ANSWER_MAX_CHARS} characters."),
        ));
    }
    if !questions::answer(db, &couple.id, &user.id, prompt_id, body, now_ms).await? {
        return Err(AppError::Conflict {
            code: "answer_revealed",
            message:
                "You've both answered, so your answers stay as they were. Add a reply to say more."
                    .into(),
        });
    }
    Ok(read(db, m, prompt_id).await?)
}
