//! The listening exercise for a couple, shared by the pages and the API: start a
//! session on a topic, make the moves of the speaker–listener flow (checked by
//! `rekindle_core::listening`), end it, rate how heard you felt (this feeds the
//! dashboard) and keep a private note. On two phones each acts for their own role; on
//! one phone passed between the two, whoever holds it acts for the role on screen.

use std::collections::HashMap;

use rekindle_core::content::listening::{TOPICS, felt_heard_words};
use rekindle_core::listening::{MOVE_MAX_CHARS, MoveKind, Role, State, Step};
use rekindle_core::meeting::Section;

use crate::db::Db;
use crate::db::couples::Couple;
use crate::db::listening::{self, Created, MoveRow, NewSession, SessionRow};
use crate::db::users::User;
use crate::db::visibility::Scope;
use crate::error::AppError;

/// Longest topic, in characters.
pub const TOPIC_MAX_CHARS: usize = 200;
/// Longest private note, in characters.
pub const NOTE_MAX_CHARS: usize = 4_000;
/// Sessions listed (the newest); older ones stay, each at its own address.
pub const LISTED_SESSIONS: i64 = 20;

/// One try at saying a piece back, and how the speaker answered.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub paraphrase: String,
    /// `None` while waiting; `Some(None)` for "that's it"; `Some(Some(meant))` for
    /// "not quite", with what the speaker meant.
    pub answer: Option<Option<String>>,
}

/// A piece the speaker shared, with the listener's tries.
#[derive(Debug, Clone)]
pub struct Turn {
    pub speaker_is_me: bool,
    pub speaker_name: String,
    pub listener_name: String,
    pub piece: String,
    pub attempts: Vec<Attempt>,
}

impl Turn {
    /// The speaker said "that's it".
    pub fn understood(&self) -> bool {
        self.attempts.iter().any(|a| a.answer == Some(None))
    }
}

/// A session as the viewer may see it.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub topic: String,
    pub day: String,
    pub one_phone: bool,
    pub ended: bool,
    pub state: State,
    pub speaker_is_me: bool,
    pub speaker_name: String,
    pub listener_name: String,
    /// Whether this device may make the next move (its role, or one phone).
    pub my_move: bool,
    /// Seconds since the last move (or the start), for the calm timer.
    pub step_seconds: i64,
    pub turns: Vec<Turn>,
    pub my_rating: Option<u8>,
    pub partner_rating: Option<u8>,
    pub partner_name: String,
    pub my_note: Option<String>,
}

impl Session {
    /// Pieces understood in the whole session.
    pub fn understood(&self) -> usize {
        self.turns.iter().filter(|t| t.understood()).count()
    }

    /// How heard the viewer said they felt, in words.
    pub fn my_heard_words(&self) -> Option<&'static str> {
        self.my_rating.map(felt_heard_words)
    }

    /// How heard the partner said they felt, in words.
    pub fn partner_heard_words(&self) -> Option<&'static str> {
        self.partner_rating.map(felt_heard_words)
    }

    /// The next step's name: `speak`, `paraphrase` or `confirm`.
    pub fn step_name(&self) -> &'static str {
        match self.state.step {
            Step::Speak => "speak",
            Step::Paraphrase => "paraphrase",
            Step::Confirm => "confirm",
        }
    }

    /// Time on this step as `m:ss`, for the calm timer.
    pub fn step_time(&self) -> String {
        format!("{}:{:02}", self.step_seconds / 60, self.step_seconds % 60)
    }

    /// The piece being worked on, if a paraphrase or an answer is due.
    pub fn current_turn(&self) -> Option<&Turn> {
        (self.state.step != Step::Speak)
            .then(|| self.turns.last())
            .flatten()
    }
}

/// An ended session as the list shows it.
#[derive(Debug, Clone)]
pub struct SessionSummary {
    pub id: String,
    pub topic: String,
    pub day: String,
    /// Pieces the speakers shared.
    pub pieces: usize,
    pub my_rating: Option<u8>,
    pub partner_rating: Option<u8>,
    pub partner_name: String,
}

impl SessionSummary {
    /// How heard the viewer said they felt, in words.
    pub fn my_heard_words(&self) -> Option<&'static str> {
        self.my_rating.map(felt_heard_words)
    }

    /// How heard the partner said they felt, in words.
    pub fn partner_heard_words(&self) -> Option<&'static str> {
        self.partner_rating.map(felt_heard_words)
    }
}

/// The listening page: the session going on, earlier ones, and topics to start from.
#[derive(Debug, Clone)]
pub struct Overview {
    pub open: Option<Session>,
    pub past: Vec<SessionSummary>,
    /// Topics the two raised in this week's State of Us, then the suggested ones.
    pub our_topics: Vec<String>,
    pub suggested_topics: Vec<&'static str>,
}

fn name_of(couple: &Couple, id: &str) -> String {
    couple
        .members
        .iter()
        .find(|m| m.id == id)
        .map_or_else(|| "Your partner".to_owned(), |m| m.display_name.clone())
}

/// The person in a role: the first speaker, or the other member.
fn person_in(couple: &Couple, row: &SessionRow, role: Role) -> String {
    match role {
        Role::First => row.first_speaker_id.clone(),
        Role::Second => couple
            .partner_of(&row.first_speaker_id)
            .map(|m| m.id.clone())
            .unwrap_or_default(),
    }
}

/// Groups the move log into turns.
fn turns(couple: &Couple, user: &User, moves: &[MoveRow]) -> Vec<Turn> {
    let mut out: Vec<Turn> = Vec::new();
    for m in moves {
        let words = m.body.clone().unwrap_or_default();
        match m.kind {
            MoveKind::Piece => out.push(Turn {
                speaker_is_me: m.owner_id == user.id,
                speaker_name: name_of(couple, &m.owner_id),
                listener_name: couple
                    .partner_of(&m.owner_id)
                    .map_or_else(String::new, |p| p.display_name.clone()),
                piece: words,
                attempts: Vec::new(),
            }),
            MoveKind::Paraphrase => {
                if let Some(t) = out.last_mut() {
                    t.attempts.push(Attempt {
                        paraphrase: words,
                        answer: None,
                    });
                }
            }
            MoveKind::ThatsIt | MoveKind::NotQuite => {
                if let Some(a) = out.last_mut().and_then(|t| t.attempts.last_mut()) {
                    a.answer = Some((m.kind == MoveKind::NotQuite).then_some(words));
                }
            }
            MoveKind::Swap => {}
        }
    }
    out
}

/// Reads one session's moves, ratings and (for the viewer) note, and shapes it.
async fn view(
    db: &Db,
    user: &User,
    couple: &Couple,
    now_ms: i64,
    row: SessionRow,
) -> Result<Session, sqlx::Error> {
    let s = Scope::member(user, couple, now_ms);
    let moves = listening::moves(db, &s, &row.id).await?;
    let ratings = listening::ratings(db, &s, &row.id).await?;
    let my_note = listening::my_note(db, &s, &row.id).await?;
    Ok(shape(user, couple, now_ms, row, &moves, &ratings, my_note))
}

/// A session as the viewer sees it, from what was read.
fn shape(
    user: &User,
    couple: &Couple,
    now_ms: i64,
    row: SessionRow,
    moves: &[MoveRow],
    ratings: &[(String, u8)],
    my_note: Option<String>,
) -> Session {
    let kinds: Vec<MoveKind> = moves.iter().map(|m| m.kind).collect();
    let state = State::replay(&kinds).unwrap_or(State::START);
    let speaker_id = person_in(couple, &row, state.speaker);
    let listener_id = person_in(couple, &row, state.speaker.other());
    let actor = if state.step == Step::Paraphrase {
        &listener_id
    } else {
        &speaker_id
    };
    let last_ms = moves.last().map(|m| m.created_at_ms);
    Session {
        my_move: !row.ended && (row.one_phone || *actor == user.id),
        step_seconds: last_ms.map_or(0, |t| (now_ms - t).max(0) / 1000),
        turns: turns(couple, user, moves),
        speaker_is_me: speaker_id == user.id,
        speaker_name: name_of(couple, &speaker_id),
        listener_name: name_of(couple, &listener_id),
        my_rating: ratings.iter().find(|r| r.0 == user.id).map(|r| r.1),
        partner_rating: ratings.iter().find(|r| r.0 != user.id).map(|r| r.1),
        partner_name: couple
            .partner_of(&user.id)
            .map_or_else(|| "Your partner".to_owned(), |p| p.display_name.clone()),
        my_note,
        state,
        id: row.id,
        topic: row.topic,
        day: row.day,
        one_phone: row.one_phone,
        ended: row.ended,
    }
}

/// The listening page's content.
pub async fn overview(
    db: &Db,
    user: &User,
    couple: &Couple,
    now_ms: i64,
) -> Result<Overview, sqlx::Error> {
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
    let partner_name = couple
        .partner_of(&user.id)
        .map_or_else(|| "Your partner".to_owned(), |p| p.display_name.clone());
    let (mut open, mut past) = (None, Vec::new());
    for row in listening::sessions(db, &s, &couple.id, LISTED_SESSIONS).await? {
        if !row.ended {
            open = Some(view(db, user, couple, now_ms, row).await?);
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
    let agenda = crate::state_of_us::current(db, user, couple, now_ms).await?;
    let our_topics = agenda
        .notes
        .into_iter()
        .filter(|n| n.section == Section::TalkAbout)
        .map(|n| n.body.chars().take(TOPIC_MAX_CHARS).collect())
        .collect();
    Ok(Overview {
        open,
        past,
        our_topics,
        suggested_topics: TOPICS.to_vec(),
    })
}

/// One of the couple's sessions; anything else is not found.
pub async fn read(
    db: &Db,
    user: &User,
    couple: &Couple,
    now_ms: i64,
    id: &str,
) -> Result<Session, AppError> {
    let row = listening::session(db, &Scope::member(user, couple, now_ms), &couple.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(view(db, user, couple, now_ms, row).await?)
}

/// Starts a session — or, when one is going, returns it (`false`: nothing new).
pub async fn start(
    db: &Db,
    user: &User,
    couple: &Couple,
    now_ms: i64,
    topic: &str,
    i_speak_first: bool,
    one_phone: bool,
) -> Result<(Session, bool), AppError> {
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
    Ok((read(db, user, couple, now_ms, &id).await?, created))
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
    user: &User,
    couple: &Couple,
    now_ms: i64,
    id: &str,
    kind: MoveKind,
    body: &str,
) -> Result<Session, AppError> {
    let session = read(db, user, couple, now_ms, id).await?;
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
    let decide = |kinds: &[MoveKind]| {
        let state = State::replay(kinds)?;
        state.apply(kind)?;
        let owner = match kind.made_by(state.speaker) {
            Some(role) => person_in(couple, &row, role),
            None => user.id.clone(),
        };
        (row.one_phone || kind == MoveKind::Swap || owner == user.id).then_some(owner)
    };
    if !listening::add_move(db, &couple.id, id, kind, words, now_ms, decide).await? {
        return Err(out_of_turn(
            "That step has already been taken — here's where you are now.".into(),
        ));
    }
    read(db, user, couple, now_ms, id).await
}

/// Ends a session (either of the two may, at any point).
pub async fn end(
    db: &Db,
    user: &User,
    couple: &Couple,
    now_ms: i64,
    id: &str,
) -> Result<Session, AppError> {
    read(db, user, couple, now_ms, id).await?;
    listening::end(db, &couple.id, id, now_ms).await?;
    read(db, user, couple, now_ms, id).await
}

/// Saves how heard someone felt, once the session has ended: the viewer's own rating,
/// or — on one phone, while the partner has not rated — the partner's, given there.
pub async fn rate(
    db: &Db,
    user: &User,
    couple: &Couple,
    now_ms: i64,
    id: &str,
    felt_heard: i64,
    for_partner: bool,
) -> Result<Session, AppError> {
    let session = read(db, user, couple, now_ms, id).await?;
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
            crate::dashboard::today_for(user, now_ms).to_string(),
        )
    };
    listening::rate(db, &couple.id, id, &owner, value, &day, now_ms).await?;
    read(db, user, couple, now_ms, id).await
}

/// Saves (or clears, when empty) the viewer's private note on a session.
pub async fn note(
    db: &Db,
    user: &User,
    couple: &Couple,
    now_ms: i64,
    id: &str,
    body: &str,
) -> Result<Session, AppError> {
    read(db, user, couple, now_ms, id).await?;
    let body = body.trim();
    if body.chars().count() > NOTE_MAX_CHARS {
        return Err(AppError::field(
            "body",
            format!("Please keep the note to {NOTE_MAX_CHARS} characters."),
        ));
    }
    listening::set_note(db, &couple.id, id, &user.id, body, now_ms).await?;
    read(db, user, couple, now_ms, id).await
}
