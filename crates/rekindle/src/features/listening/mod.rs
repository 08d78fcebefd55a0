//! The listening exercise for a couple, shared by the pages and the API: start a
//! session on a topic, make the moves of the speaker–listener flow (checked by
//! `rekindle_core::listening`), end it, rate how heard you felt (this feeds the
//! dashboard) and keep a private note. On two phones each acts for their own role; on
//! one phone passed between the two, whoever holds it acts for the role on screen.

use std::collections::HashMap;

use rekindle_core::content::listening::TOPICS;
use rekindle_core::listening::{MOVE_MAX_CHARS, MoveKind, State, Step};
use rekindle_core::meeting::Section;

use crate::db::Db;
use crate::db::listening::{self, Created, NewSession, SessionRow};
use crate::db::visibility::Scope;
use crate::error::AppError;
use crate::features::Member;

mod view;

use crate::db::keys::place;
use crate::vault::open_own;

pub use view::{Attempt, Overview, Session, SessionSummary, Turn};
use view::{person_in, shape};

/// Longest topic, in characters.
pub const TOPIC_MAX_CHARS: usize = 200;
/// Longest private note, in characters.
pub const NOTE_MAX_CHARS: usize = 4_000;
/// Sessions listed (the newest); older ones stay, each at its own address.
pub const LISTED_SESSIONS: i64 = 20;

/// Reads one session's moves, ratings and (for the viewer) note, and shapes it.
async fn view(db: &Db, m: &Member, row: SessionRow) -> Result<Session, crate::db::Error> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let s = Scope::member(user, couple, now_ms);
    let moves = listening::moves(db, &s, &row.id).await?;
    let ratings = listening::ratings(db, &s, &row.id).await?;
    // The note is sealed with the viewer's key; one that does not open (locked) is
    // not shown and cannot be overwritten until it opens again.
    let my_note = listening::my_note(db, &s, &row.id)
        .await?
        .and_then(|sealed| {
            let place = place("listening_notes", &row.id, &user.id);
            open_own(m.key.as_ref(), &place, &sealed).ok()
        });
    Ok(shape(user, couple, now_ms, row, &moves, &ratings, my_note))
}

/// The listening page's content.
pub async fn overview(db: &Db, m: &Member) -> Result<Overview, crate::db::Error> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let s = Scope::member(user, couple, now_ms);
    // A fixed number of queries however many sessions there are, and few rows: the
    // list needs counts and ratings, not every word (those are on each session's page).
    let pieces: HashMap<String, usize> =
        listening::recent_piece_counts(db, &s, &couple.id, LISTED_SESSIONS)
            .await?
            .into_iter()
            .collect();
    let mut ratings: HashMap<String, Vec<(String, u8)>> = HashMap::new();
    for (id, owner, value) in listening::recent_ratings(db, &s, &couple.id, LISTED_SESSIONS).await?
    {
        ratings.entry(id).or_default().push((owner, value));
    }
    let partner_name = couple.partner_name(&user.id);
    let (mut open, mut past) = (None, Vec::new());
    for row in listening::sessions(db, &s, &couple.id, LISTED_SESSIONS).await? {
        if !row.ended {
            open = Some(view(db, m, row).await?);
            continue;
        }
        let r = ratings.remove(&row.id).unwrap_or_default();
        past.push(SessionSummary {
            pieces: pieces.get(&row.id).copied().unwrap_or(0),
            my_rating: r.iter().find(|x| x.0 == user.id).map(|x| x.1),
            partner_rating: r.iter().find(|x| x.0 != user.id).map(|x| x.1),
            partner_name: partner_name.clone(),
            id: row.id,
            topic: row.topic,
            day: row.day,
        });
    }
    let agenda = crate::features::state_of_us::current(db, m).await?;
    let mut our_topics: Vec<String> = agenda
        .notes
        .into_iter()
        .filter(|n| n.section == Section::TalkAbout)
        .map(|n| n.body.chars().take(TOPIC_MAX_CHARS).collect())
        .collect();
    // Open compromise topics too — unless this person has said they feel afraid.
    if !crate::features::safety::feels_afraid(db, user, Some(&couple.id), m.now_ms).await? {
        our_topics.extend(
            crate::features::compromise::open_titles(db, m)
                .await?
                .into_iter()
                .map(|t| t.chars().take(TOPIC_MAX_CHARS).collect::<String>()),
        );
    }
    Ok(Overview {
        open,
        past,
        our_topics,
        suggested_topics: TOPICS.to_vec(),
    })
}

/// One of the couple's sessions; anything else is not found.
pub async fn read(db: &Db, m: &Member, id: &str) -> Result<Session, AppError> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let row = listening::session(db, &Scope::member(user, couple, now_ms), &couple.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(view(db, m, row).await?)
}

/// Starts a session — or, when one is going, returns it (`false`: nothing new).
pub async fn start(
    db: &Db,
    m: &Member,
    topic: &str,
    i_speak_first: bool,
    one_phone: bool,
) -> Result<(Session, bool), AppError> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let Some(partner) = couple.partner_of(&user.id) else {
        return Err(AppError::Conflict {
            code: "no_partner_yet",
            message: "The listening exercise starts once your partner has joined.".into(),
        });
    };
    let topic = topic.trim();
    if topic.is_empty() {
        return Err(AppError::field(
            "topic",
            "Choose a topic, or write your own.",
        ));
    }
    if topic.chars().count() > TOPIC_MAX_CHARS {
        return Err(AppError::field(
            "topic",
            format!("Please keep the topic to {TOPIC_MAX_CHARS} characters."),
        ));
    }
    let first = if i_speak_first { &user.id } else { &partner.id };
    let day = couple.today(now_ms).to_string();
    let new = NewSession {
        couple_id: &couple.id,
        owner_id: &user.id,
        topic,
        one_phone,
        first_speaker_id: first,
        day: &day,
    };
    let (id, created) =
        match listening::create(db, &Scope::member(user, couple, now_ms), &new, now_ms).await? {
            Created::New(id) => (id, true),
            Created::AlreadyOpen(id) => (id, false),
        };
    Ok((read(db, m, &id).await?, created))
}

fn out_of_turn(message: String) -> AppError {
    AppError::Conflict {
        code: "not_this_step",
        message,
    }
}

/// Makes a move in a session that is going.
pub async fn act(
    db: &Db,
    m: &Member,
    id: &str,
    kind: MoveKind,
    body: &str,
) -> Result<Session, AppError> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let session = read(db, m, id).await?;
    let body = body.trim();
    let words = if kind.has_words() {
        if body.is_empty() {
            return Err(AppError::field("body", "Write a few words first."));
        }
        if body.chars().count() > MOVE_MAX_CHARS {
            return Err(AppError::field(
                "body",
                format!("Shorter is better here — up to {MOVE_MAX_CHARS} characters."),
            ));
        }
        Some(body)
    } else {
        None
    };
    if session.ended {
        return Err(out_of_turn("This session has ended.".into()));
    }
    if session.state.apply(kind).is_none() {
        return Err(out_of_turn(
            "That step has already been taken — here's where you are now.".into(),
        ));
    }
    if kind != MoveKind::Swap && !session.my_move {
        return Err(out_of_turn(format!(
            "It's {}'s turn just now.",
            if session.state.step == Step::Paraphrase {
                &session.listener_name
            } else {
                &session.speaker_name
            }
        )));
    }
    let row = listening::session(db, &Scope::member(user, couple, now_ms), &couple.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Decided inside the write, against the moves there at that moment.
    let (couple_owned, user_id) = (couple.clone(), user.id.clone());
    let decide = move |kinds: &[MoveKind]| {
        let state = State::replay(kinds)?;
        state.apply(kind)?;
        let owner = match kind.made_by(state.speaker) {
            Some(role) => person_in(&couple_owned, &row, role),
            None => user_id.clone(),
        };
        (row.one_phone || kind == MoveKind::Swap || owner == user_id).then_some(owner)
    };
    if !listening::add_move(db, &couple.id, id, kind, words, now_ms, decide).await? {
        return Err(out_of_turn(
            "That step has already been taken — here's where you are now.".into(),
        ));
    }
    read(db, m, id).await
}

/// Ends a session (either of the two may, at any point).
pub async fn end(db: &Db, m: &Member, id: &str) -> Result<Session, AppError> {
    let (couple, now_ms) = (&m.couple, m.now_ms);
    read(db, m, id).await?;
    listening::end(db, &couple.id, id, now_ms).await?;
    read(db, m, id).await
}

/// Saves how heard someone felt, once the session has ended: the viewer's own rating,
/// or — on one phone, while the partner has not rated — the partner's, given there.
pub async fn rate(
    db: &Db,
    m: &Member,
    id: &str,
    felt_heard: i64,
    for_partner: bool,
) -> Result<Session, AppError> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let session = read(db, m, id).await?;
    let Some(value) = u8::try_from(felt_heard)
        .ok()
        .filter(|v| (1..=5).contains(v))
    else {
        return Err(AppError::field("felt_heard", "Choose from 1 to 5."));
    };
    if !session.ended {
        return Err(out_of_turn(
            "Ratings come at the end — finish the session first.".into(),
        ));
    }
    let (owner, day) = if for_partner {
        let partner = couple.partner_of(&user.id).ok_or(AppError::NotFound)?;
        if !session.one_phone || session.partner_rating.is_some() {
            return Err(out_of_turn(format!(
                "{} gives their own rating.",
                partner.display_name
            )));
        }
        (partner.id.clone(), couple.today(now_ms).to_string())
    } else {
        (
            user.id.clone(),
            crate::features::dashboard::today_for(user, now_ms).to_string(),
        )
    };
    listening::rate(db, &couple.id, id, &owner, value, &day, now_ms).await?;
    read(db, m, id).await
}

/// Saves (or clears, when empty) the viewer's private note on a session.
pub async fn note(db: &Db, m: &Member, id: &str, body: &str) -> Result<Session, AppError> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    read(db, m, id).await?;
    let body = body.trim();
    if body.chars().count() > NOTE_MAX_CHARS {
        return Err(AppError::field(
            "body",
            format!("Please keep the note to {NOTE_MAX_CHARS} characters."),
        ));
    }
    let key = crate::auth::keyring::require(m.key.as_ref())?;
    let sealed = if body.is_empty() {
        String::new()
    } else {
        key.seal(&place("listening_notes", id, &user.id), body)
    };
    listening::set_note(db, &couple.id, id, &user.id, &sealed, now_ms).await?;
    read(db, m, id).await
}
