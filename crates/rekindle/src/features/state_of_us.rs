//! The weekly "State of Us" agenda, assembled for one viewer: the week's shared
//! appreciations, how the week felt for each (in words, from check-ins), and the notes
//! both wrote. Pages and the API both call these functions.

use jiff::civil::{Date, Weekday};
use rekindle_core::checkin::parse_day;
use rekindle_core::checkin::trend::mean_between;
use rekindle_core::meeting::{self, NOTE_MAX_CHARS, Section, week_in_words, weekday_from_number};

use crate::db::Db;
use crate::db::checkins::{self, CheckInRow};
use crate::db::couples::Couple;
use crate::db::state_of_us::{self, Meeting, MeetingNote};
use crate::db::visibility::Scope;
use crate::error::AppError;
use crate::features::Member;

/// An appreciation from the week.
#[derive(Debug, Clone)]
pub struct WeekAppreciation {
    pub by_me: bool,
    pub day: String,
    pub text: String,
}

/// One note, with whose it is.
#[derive(Debug, Clone)]
pub struct AgendaNote {
    pub id: String,
    pub section: Section,
    pub by_me: bool,
    pub body: String,
}

/// A meeting's agenda as the viewer sees it.
#[derive(Debug, Clone)]
pub struct Agenda {
    pub day: Date,
    pub weekday: Weekday,
    pub week_from: Date,
    /// Held: both partners said "we've had our talk".
    pub done: bool,
    /// Whether the viewer has said so (the meeting is held once both have).
    pub i_confirmed: bool,
    /// Whether the partner has said so.
    pub partner_confirmed: bool,
    pub appreciations: Vec<WeekAppreciation>,
    pub my_week: String,
    pub partner_week: Option<String>,
    pub notes: Vec<AgendaNote>,
    /// Compromise topics whose look-back day has come: (id, title). This week's agenda
    /// only, and never for someone who has said they feel afraid.
    pub look_back_due: Vec<(String, String)>,
}

fn words(rows: &[CheckInRow], from: Date, to: Date) -> String {
    let pick = |f: fn(&CheckInRow) -> u8| {
        rows.iter()
            .filter_map(|r| parse_day(&r.day).map(|d| (d, f(r))))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let (closeness, n) = mean_between(&pick(|r| r.closeness), from, to);
    let (mood, _) = mean_between(&pick(|r| r.mood), from, to);
    week_in_words(closeness, mood, n)
}

fn agenda_notes(notes: Vec<MeetingNote>, me: &str) -> Vec<AgendaNote> {
    notes
        .into_iter()
        .filter_map(|n| {
            Section::parse(&n.section).map(|section| AgendaNote {
                id: n.id,
                section,
                by_me: n.owner_id == me,
                body: n.body,
            })
        })
        .collect()
}

/// The agenda of the meeting on `day` (which may not have been opened yet).
pub async fn agenda_for(
    db: &Db,
    m: &Member,
    day: Date,
    meeting: Option<&Meeting>,
) -> Result<Agenda, crate::db::Error> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let (from, to) = meeting::week_of(day);
    let scope = Scope::member(user, couple, now_ms);
    let (f, t) = (from.to_string(), to.to_string());
    let mine = checkins::list(db, &scope, &user.id, &f, &t).await?;
    let partner = couple.partner_of(&user.id);
    let theirs = match partner {
        Some(p) => checkins::list(db, &scope, &p.id, &f, &t).await?,
        None => Vec::new(),
    };
    let mut appreciations: Vec<WeekAppreciation> = mine
        .iter()
        .map(|r| (true, r))
        .chain(theirs.iter().map(|r| (false, r)))
        .filter_map(|(by_me, r)| {
            r.appreciation.as_ref().map(|t| WeekAppreciation {
                by_me,
                day: r.day.clone(),
                text: t.clone(),
            })
        })
        .collect();
    appreciations.sort_by(|a, b| a.day.cmp(&b.day));
    let (notes, confirmed) = match meeting {
        Some(m) => (
            agenda_notes(state_of_us::notes(db, &scope, &m.id).await?, &user.id),
            state_of_us::confirmations(db, &scope, &m.id).await?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    Ok(Agenda {
        day,
        weekday: weekday_from_number(couple.meeting_weekday),
        week_from: from,
        done: meeting.is_some_and(|m| m.done_at_ms.is_some()),
        i_confirmed: confirmed.contains(&user.id),
        partner_confirmed: confirmed.iter().any(|id| *id != user.id),
        appreciations,
        my_week: words(&mine, from, to),
        // "You can share in your own words" is said to the viewer about themself only.
        partner_week: partner.map(|_| {
            if theirs.is_empty() {
                "No check-ins this week — they can share in their own words.".to_owned()
            } else {
                words(&theirs, from, to)
            }
        }),
        notes,
        look_back_due: Vec::new(),
    })
}

/// This week's meeting day for the couple.
pub fn current_day(couple: &Couple, now_ms: i64) -> Date {
    meeting::upcoming(
        couple.today(now_ms),
        weekday_from_number(couple.meeting_weekday),
    )
}

/// The agenda of this week's meeting.
pub async fn current(db: &Db, m: &Member) -> Result<Agenda, crate::db::Error> {
    let (couple, now_ms) = (&m.couple, m.now_ms);
    let day = current_day(couple, now_ms);
    let meeting = state_of_us::find(db, &couple.id, &day.to_string()).await?;
    let mut agenda = agenda_for(db, m, day, meeting.as_ref()).await?;
    if !crate::features::safety::feels_afraid(db, &m.user, Some(&couple.id), now_ms).await? {
        agenda.look_back_due = crate::features::compromise::look_backs_due(db, m).await?;
    }
    Ok(agenda)
}

/// Earlier meetings with their agendas, newest first.
pub async fn past(db: &Db, m: &Member) -> Result<Vec<Agenda>, crate::db::Error> {
    let (couple, now_ms) = (&m.couple, m.now_ms);
    let day = current_day(couple, now_ms);
    let mut out = Vec::new();
    for meeting in state_of_us::past(db, &couple.id, &day.to_string(), 12).await? {
        if let Some(d) = parse_day(&meeting.day) {
            out.push(agenda_for(db, m, d, Some(&meeting)).await?);
        }
    }
    Ok(out)
}

/// Adds the viewer's note to this week's agenda.
pub async fn add_note(db: &Db, m: &Member, section: &str, body: &str) -> Result<String, AppError> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let section = Section::parse(section)
        .ok_or_else(|| AppError::field("section", "Please pick one of the three parts."))?;
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::field("body", "Write a few words first."));
    }
    if body.chars().count() > NOTE_MAX_CHARS {
        return Err(AppError::field(
            "body",
            format!("Please keep this to {NOTE_MAX_CHARS} characters."),
        ));
    }
    let day = current_day(couple, now_ms).to_string();
    let meeting = state_of_us::open(db, &couple.id, &day, now_ms).await?;
    Ok(state_of_us::add_note(
        db,
        &meeting,
        &user.id,
        &couple.id,
        section.as_str(),
        body,
        now_ms,
    )
    .await?)
}

/// The viewer says "we've had our talk" for this week; the meeting is held once both
/// partners have said so.
pub async fn confirm_talk(db: &Db, m: &Member) -> Result<(), crate::db::Error> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let day = current_day(couple, now_ms).to_string();
    let meeting = state_of_us::open(db, &couple.id, &day, now_ms).await?;
    state_of_us::confirm(db, &meeting.id, &couple.id, &user.id, now_ms).await?;
    Ok(())
}

fn already_held() -> AppError {
    AppError::Conflict {
        code: "meeting_held",
        message: "You've both said this week's talk is done, so it stays as it was.".into(),
    }
}

/// Takes back the viewer's "we've had our talk" while the partner has not said it too.
pub async fn undo_talk(db: &Db, m: &Member) -> Result<(), AppError> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let day = current_day(couple, now_ms).to_string();
    let Some(meeting) = state_of_us::find(db, &couple.id, &day).await? else {
        return Ok(());
    };
    if state_of_us::unconfirm(db, &meeting.id, &user.id).await? {
        Ok(())
    } else {
        Err(already_held())
    }
}

/// Changes (`Some(body)`) or withdraws (`None`) one of the viewer's own notes in this
/// week's meeting, before the talk is held. Someone else's note, or none, is 404.
pub async fn change_note(
    db: &Db,
    m: &Member,
    note_id: &str,
    body: Option<&str>,
) -> Result<(), AppError> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let scope = Scope::member(user, couple, now_ms);
    let note = state_of_us::own_note(db, &scope, note_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let body = match body.map(str::trim) {
        Some("") => {
            return Err(AppError::field(
                "body",
                "Write a few words first — or remove the note.",
            ));
        }
        Some(b) if b.chars().count() > NOTE_MAX_CHARS => {
            return Err(AppError::field(
                "body",
                format!("Please keep this to {NOTE_MAX_CHARS} characters."),
            ));
        }
        other => other,
    };
    if note.meeting_day != current_day(couple, now_ms).to_string() {
        return Err(AppError::Conflict {
            code: "meeting_over",
            message: "That week has passed, so its notes stay as they were.".into(),
        });
    }
    if note.held {
        return Err(already_held());
    }
    if state_of_us::change_note(db, note_id, &user.id, body).await? {
        Ok(())
    } else {
        Err(already_held())
    }
}

/// Changes the couple's meeting day.
pub async fn set_weekday(db: &Db, couple: &Couple, text: &str) -> Result<Weekday, AppError> {
    let day = meeting::parse_weekday(text)
        .ok_or_else(|| AppError::field("weekday", "Please pick a day from Monday to Sunday."))?;
    state_of_us::set_weekday(db, &couple.id, i64::from(meeting::weekday_number(day))).await?;
    Ok(day)
}
