//! Love-map rounds for a couple, shared by the pages and the API: start a round about
//! one of the two, answer (about yourself) or guess (about your partner), and — once
//! both are in — mark the guesses about your own world. Everything is read through the
//! visibility rule, so before the reveal each person sees only their own side.

use std::collections::{BTreeMap, HashSet};

use rekindle_core::content::love_map::{self as questions, MapQuestion};
use rekindle_core::love_map::{Mark, ROUND_SIZE, choose_round, reflection};

use crate::db::Db;
use crate::db::couples::Couple;
use crate::db::love_map::{self, Created, Entry, MarksOf, RoundRow};
use crate::db::users::User;
use crate::db::visibility::Scope;
use crate::error::AppError;
use crate::features::Member;

/// Longest answer or guess, in characters.
pub const ENTRY_MAX_CHARS: usize = 1_000;
/// Rounds listed (the newest); older ones stay, each at its own address.
pub const LISTED_ROUNDS: i64 = 20;
/// The couple's first rounds, kept in view for the reflection ("since you began").
const FIRST_ROUNDS: i64 = 3;

/// Whose world a new round is about, from the starter's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    Me,
    Partner,
}

/// One question of a round as the viewer may see it.
#[derive(Debug, Clone)]
pub struct Item {
    pub position: usize,
    pub question: &'static MapQuestion,
    /// The question in the viewer's own voice.
    pub asked: String,
    pub answer: Option<String>,
    pub guess: Option<String>,
    pub mark: Option<Mark>,
}

/// A round as the viewer may see it.
#[derive(Debug, Clone)]
pub struct Round {
    pub id: String,
    pub day: String,
    /// The round is about the viewer's world (they answer; the partner guesses).
    pub about_me: bool,
    pub subject_name: String,
    pub guesser_name: String,
    pub revealed: bool,
    /// The viewer has saved their five.
    pub my_part_done: bool,
    pub items: Vec<Item>,
}

impl Round {
    /// Every guess has its mark.
    pub fn fully_marked(&self) -> bool {
        self.items.iter().all(|i| i.mark.is_some())
    }
}

/// A round as the list shows it: whose, when, and its marks (the answers and guesses
/// are on the round's own page).
#[derive(Debug, Clone)]
pub struct RoundSummary {
    pub id: String,
    pub day: String,
    pub about_me: bool,
    pub subject_name: String,
    pub revealed: bool,
    /// The viewer has saved their five (always true once revealed).
    pub my_part_done: bool,
    /// The marks given so far, in question order.
    pub marks: Vec<Mark>,
}

impl RoundSummary {
    /// Every guess has its mark.
    pub fn fully_marked(&self) -> bool {
        self.marks.len() == ROUND_SIZE
    }
}

/// The love-map page: open rounds, earlier rounds and how the maps are changing.
#[derive(Debug, Clone)]
pub struct Overview {
    pub open: Vec<RoundSummary>,
    pub past: Vec<RoundSummary>,
    pub reflection: &'static str,
}

/// Shapes a stored round for the viewer from the entries they may see of it.
fn shape(
    user: &User,
    couple: &Couple,
    row: RoundRow,
    entries: &[Entry],
    marks: &BTreeMap<usize, Mark>,
) -> Round {
    let about_me = row.subject_id == user.id;
    let subject_name = couple.name_of(&row.subject_id);
    let body = |owner: &str, position: usize| {
        entries
            .iter()
            .find(|e| e.owner_id == owner && e.position == position)
            .map(|e| e.body.clone())
    };
    let items = row
        .question_ids
        .iter()
        .enumerate()
        .filter_map(|(position, id)| questions::by_id(id).map(|q| (position, q)))
        .map(|(position, question)| Item {
            position,
            question,
            asked: if about_me {
                question.about_self.to_owned()
            } else {
                question.guess_about(&subject_name)
            },
            answer: body(&row.subject_id, position),
            guess: body(&row.guesser_id, position),
            mark: marks.get(&position).copied(),
        })
        .collect();
    Round {
        my_part_done: entries.iter().any(|e| e.owner_id == user.id),
        guesser_name: couple.name_of(&row.guesser_id),
        id: row.id,
        day: row.day,
        about_me,
        subject_name,
        revealed: row.revealed,
        items,
    }
}

/// Every visible mark of the couple, by round.
async fn marks_by_round(
    db: &Db,
    m: &Member,
    which: MarksOf<'_>,
) -> Result<Vec<(String, BTreeMap<usize, Mark>)>, crate::db::Error> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let mut out: Vec<(String, BTreeMap<usize, Mark>)> = Vec::new();
    for (round_id, position, mark) in
        love_map::marks(db, &Scope::member(user, couple, now_ms), &couple.id, which).await?
    {
        let Some(mark) = Mark::parse(&mark) else {
            continue;
        };
        match out.last_mut() {
            Some((id, m)) if *id == round_id => {
                m.insert(position, mark);
            }
            _ => out.push((round_id, BTreeMap::from([(position, mark)]))),
        }
    }
    Ok(out)
}

/// The love-map page's content.
pub async fn overview(db: &Db, m: &Member) -> Result<Overview, crate::db::Error> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    // Marks and rounds for the list; entries only for the (at most two) open rounds,
    // to tell whether the viewer has done their part. Rows read stay few.
    let which = MarksOf::ListedAndFirst {
        listed: LISTED_ROUNDS,
        first: FIRST_ROUNDS,
    };
    let marks = marks_by_round(db, m, which).await?;
    let s = Scope::member(user, couple, now_ms);
    let (mut open, mut past) = (Vec::new(), Vec::new());
    for row in love_map::rounds(db, &couple.id, LISTED_ROUNDS).await? {
        let my_part_done = row.revealed
            || love_map::entries(db, &s, &row.id)
                .await?
                .iter()
                .any(|e| e.owner_id == user.id);
        let summary = RoundSummary {
            about_me: row.subject_id == user.id,
            subject_name: couple.name_of(&row.subject_id),
            revealed: row.revealed,
            my_part_done,
            marks: marks
                .iter()
                .find(|(r, _)| *r == row.id)
                .map(|(_, m)| m.values().copied().collect())
                .unwrap_or_default(),
            id: row.id,
            day: row.day,
        };
        if summary.revealed {
            past.push(summary);
        } else {
            open.push(summary);
        }
    }
    let over_time: Vec<Vec<Mark>> = marks
        .iter()
        .map(|(_, m)| m.values().copied().collect())
        .collect();
    Ok(Overview {
        open,
        past,
        reflection: reflection(&over_time),
    })
}

/// One of the couple's rounds; anything else is not found.
pub async fn read(db: &Db, m: &Member, round_id: &str) -> Result<Round, AppError> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let row = love_map::round(db, &couple.id, round_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let marks = marks_by_round(db, m, MarksOf::Round(&row.id))
        .await?
        .into_iter()
        .find(|(id, _)| *id == row.id)
        .map(|(_, m)| m)
        .unwrap_or_default();
    let entries = love_map::entries(db, &Scope::member(user, couple, now_ms), &row.id).await?;
    Ok(shape(user, couple, row, &entries, &marks))
}

/// Starts a round about the viewer or their partner — or, when one about that person
/// is still open, returns it (`false`: nothing new was started).
pub async fn start(db: &Db, m: &Member, about: About) -> Result<(Round, bool), AppError> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let Some(partner) = couple.partner_of(&user.id) else {
        return Err(AppError::Conflict {
            code: "no_partner_yet",
            message: "Love-map rounds start once your partner has joined.".into(),
        });
    };
    let (subject, guesser) = match about {
        About::Me => (user.id.as_str(), partner.id.as_str()),
        About::Partner => (partner.id.as_str(), user.id.as_str()),
    };
    let asked = love_map::asked_about(db, &couple.id, subject).await?;
    let used: HashSet<&str> = asked.iter().map(String::as_str).collect();
    let round_no = u64::try_from(love_map::count(db, &couple.id).await?).unwrap_or(0);
    let chosen = choose_round(&couple.id, subject, round_no, &used).map(|q| q.id);
    let day = couple.today(now_ms).to_string();
    let (id, created) =
        match love_map::create(db, &couple.id, subject, guesser, &chosen, &day, now_ms).await? {
            Created::New(id) => (id, true),
            Created::AlreadyOpen(id) => (id, false),
        };
    Ok((read(db, m, &id).await?, created))
}

/// Saves the viewer's five answers (about themself) or guesses (about their partner).
pub async fn save_mine(
    db: &Db,
    m: &Member,
    round_id: &str,
    bodies: &[String],
) -> Result<Round, AppError> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let round = read(db, m, round_id).await?;
    let bodies: Vec<String> = bodies.iter().map(|b| b.trim().to_owned()).collect();
    if bodies.len() != ROUND_SIZE || bodies.iter().any(String::is_empty) {
        return Err(AppError::field(
            "entries",
            format!(
                "Please write something for each of the {ROUND_SIZE} questions — a guess is fine."
            ),
        ));
    }
    if bodies.iter().any(|b| b.chars().count() > ENTRY_MAX_CHARS) {
        return Err(AppError::field(
            "entries",
            format!("Please keep each one to {ENTRY_MAX_CHARS} characters."),
        ));
    }
    let saved = !round.revealed
        && love_map::save_entries(db, &couple.id, round_id, &user.id, &bodies, now_ms).await?;
    if !saved {
        return Err(AppError::Conflict {
            code: "already_revealed",
            message: "This round is already open to you both, so it stays as it was.".into(),
        });
    }
    read(db, m, round_id).await
}

/// The person a revealed round is about marks each guess.
pub async fn mark(
    db: &Db,
    m: &Member,
    round_id: &str,
    marks: &[String],
) -> Result<Round, AppError> {
    let (user, couple, now_ms) = (&m.user, &m.couple, m.now_ms);
    let round = read(db, m, round_id).await?;
    if !round.revealed {
        return Err(AppError::Conflict {
            code: "not_revealed",
            message: "Guesses can be marked once you've both finished the round.".into(),
        });
    }
    if !round.about_me {
        return Err(AppError::Conflict {
            code: "not_yours_to_mark",
            message: format!(
                "{} marks the guesses about their own world.",
                round.subject_name
            ),
        });
    }
    let parsed: Option<Vec<Mark>> = marks.iter().map(|m| Mark::parse(m.trim())).collect();
    let Some(parsed) = parsed.filter(|p| p.len() == ROUND_SIZE) else {
        return Err(AppError::field(
            "marks",
            "Choose spot on, close or not quite for each guess.",
        ));
    };
    let rows: Vec<(usize, &str)> = parsed.iter().map(|m| m.as_str()).enumerate().collect();
    love_map::set_marks(db, &couple.id, round_id, &user.id, &rows, now_ms).await?;
    read(db, m, round_id).await
}
