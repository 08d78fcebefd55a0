//! What a listening session looks like to one viewer: the move log grouped into turns,
//! whose move is next, the ratings and the viewer's own note — shaped from rows already
//! read, so the list and the single page share one shape.

use rekindle_core::content::listening::felt_heard_words;
use rekindle_core::listening::{MoveKind, Role, State, Step};

use crate::db::couples::Couple;
use crate::db::listening::{MoveRow, SessionRow};
use crate::db::users::User;

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

/// The person in a role: the first speaker, or the other member.
pub(super) fn person_in(couple: &Couple, row: &SessionRow, role: Role) -> String {
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
                speaker_name: couple.name_of(&m.owner_id),
                listener_name: couple.partner_name(&m.owner_id),
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

/// A session as the viewer sees it, from what was read.
pub(super) fn shape(
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
    // The current step began with the last move, or with the session itself.
    let step_began_ms = moves.last().map_or(row.created_at_ms, |m| m.created_at_ms);
    Session {
        my_move: !row.ended && (row.one_phone || *actor == user.id),
        step_seconds: (now_ms - step_began_ms).max(0) / 1000,
        turns: turns(couple, user, moves),
        speaker_is_me: speaker_id == user.id,
        speaker_name: couple.name_of(&speaker_id),
        listener_name: couple.name_of(&listener_id),
        my_rating: ratings.iter().find(|r| r.0 == user.id).map(|r| r.1),
        partner_rating: ratings.iter().find(|r| r.0 != user.id).map(|r| r.1),
        partner_name: couple.partner_name(&user.id),
        my_note,
        state,
        id: row.id,
        topic: row.topic,
        day: row.day,
        one_phone: row.one_phone,
        ended: row.ended,
    }
}
