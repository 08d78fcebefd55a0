//! "Before": a read-only archive of what a person wrote in couples they are no longer
//! in — their answers and replies, love-map entries, listening pieces and notes,
//! State of Us notes, memories of dates, and the date ideas and traditions they wrote —
//! with the question or topic each belonged to. Nothing of the
//! ex-partner's is read (see `db::archive`). The page and the API share this shape.

use rekindle_core::content::{love_map, prompts};
use rekindle_core::dates::Rhythm;
use rekindle_core::meeting::Section;
use rekindle_core::schedule::local_day_in;
use serde::Serialize;

use crate::db::archive::{self, PieceKind};
use crate::db::keys::place;
use crate::db::visibility::Scope;
use crate::db::{Db, couples::Couple};
use crate::features::dates::traditions::rhythm_words;
use crate::vault::{DataKey, open_own};

/// One piece of writing with what it answered.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = BeforePiece)]
pub struct Piece {
    /// `answer`, `reply`, `love_map_answer`, `love_map_guess`, `listening`,
    /// `listening_note` (private), `state_of_us_note`, `date_memory`, `date_idea`,
    /// `tradition`, `fair_split`, `compromise_stance`, `compromise_option`,
    /// `compromise_review`, `love_note`, `affection_wish` or `partner_love`.
    pub kind: &'static str,
    /// The question, topic or section it belonged to, in our words.
    pub context: String,
    /// What you wrote.
    pub body: String,
    /// When it was written (local day, `YYYY-MM-DD`).
    pub day: String,
}

/// The pieces from one couple that has ended.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = BeforeCouple)]
pub struct PastCouple {
    /// The local day you joined, `YYYY-MM-DD`.
    pub from: String,
    /// The local day it ended, `YYYY-MM-DD`.
    pub until: String,
    pub pieces: Vec<Piece>,
}

/// Everything the viewer wrote in couples that have ended, newest couple first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = BeforeArchive)]
pub struct Archive {
    pub couples: Vec<PastCouple>,
}

impl Archive {
    pub fn is_empty(&self) -> bool {
        self.couples.is_empty()
    }
}

/// Reads the viewer's archive (two queries, whatever its size).
pub async fn load(
    db: &Db,
    viewer_id: &str,
    timezone: &str,
    current: Option<&Couple>,
    key: Option<&DataKey>,
    now_ms: i64,
) -> Result<Archive, crate::db::Error> {
    let scope = Scope::new(viewer_id, current.map(|c| c.id.as_str()), now_ms);
    let couples = archive::past_couples(db, viewer_id).await?;
    if couples.is_empty() {
        return Ok(Archive {
            couples: Vec::new(),
        });
    }
    let pieces = archive::pieces(db, &scope).await?;
    let day = |ms| local_day_in(timezone, ms).to_string();
    let couples = couples
        .into_iter()
        .map(|c| PastCouple {
            from: day(c.joined_at_ms),
            until: day(c.left_at_ms),
            pieces: pieces
                .iter()
                .filter(|p| p.couple_id == c.id)
                .map(|p| Piece {
                    kind: kind_name(p),
                    context: context_of(p, timezone),
                    body: body_of(p, viewer_id, key),
                    day: day(p.created_at_ms),
                })
                .collect(),
        })
        .filter(|c| !c.pieces.is_empty())
        .collect();
    Ok(Archive { couples })
}

/// A piece's words: private prose is opened with the viewer's key; one that does not
/// open says why instead.
fn body_of(p: &archive::Piece, viewer_id: &str, key: Option<&DataKey>) -> String {
    let Some(id) = &p.sealed_id else {
        return p.body.clone();
    };
    let table = match p.kind {
        PieceKind::ListeningNote => "listening_notes",
        PieceKind::AffectionWish => "affection_wishes",
        _ => "partner_loves",
    };
    match open_own(key, &place(table, id, viewer_id), &p.body) {
        Ok(text) => text,
        Err(why) => format!("({})", why.words()),
    }
}

fn kind_name(p: &archive::Piece) -> &'static str {
    match p.kind {
        PieceKind::Answer => "answer",
        PieceKind::Reply => "reply",
        PieceKind::LoveMap if p.detail == "subject" => "love_map_answer",
        PieceKind::LoveMap => "love_map_guess",
        PieceKind::Listening => "listening",
        PieceKind::ListeningNote => "listening_note",
        PieceKind::MeetingNote => "state_of_us_note",
        PieceKind::DateMemory => "date_memory",
        PieceKind::DateIdea => "date_idea",
        PieceKind::Tradition => "tradition",
        PieceKind::FairSplit => "fair_split",
        PieceKind::CompromiseStance => "compromise_stance",
        PieceKind::CompromiseOption => "compromise_option",
        PieceKind::CompromiseReview => "compromise_review",
        PieceKind::LoveNote => "love_note",
        PieceKind::AffectionWish => "affection_wish",
        PieceKind::PartnerLove => "partner_love",
    }
}

/// The question, topic or section a piece belonged to (days in `timezone`).
fn context_of(p: &archive::Piece, timezone: &str) -> String {
    match p.kind {
        PieceKind::Answer | PieceKind::Reply => prompts::by_id(&p.reference)
            .map_or_else(|| "A question of the day".to_owned(), |q| q.text.to_owned()),
        PieceKind::LoveMap => {
            let question = usize::try_from(p.position)
                .ok()
                .and_then(|i| p.reference.split(',').nth(i))
                .and_then(love_map::by_id);
            match question {
                Some(q) if p.detail == "subject" => q.about_self.to_owned(),
                Some(q) => q.guess_about("your partner"),
                None => "A love-map question".to_owned(),
            }
        }
        PieceKind::Listening => match p.detail.as_str() {
            "paraphrase" => format!("{} — what you heard", p.reference),
            "not_quite" => format!("{} — what you meant", p.reference),
            _ => format!("{} — what you said", p.reference),
        },
        PieceKind::ListeningNote => format!("{} — your private note", p.reference),
        PieceKind::MeetingNote => Section::parse(&p.detail)
            .map_or("State of Us", Section::heading)
            .to_owned(),
        PieceKind::DateMemory => format!(
            "A memory of your date on {}",
            local_day_in(timezone, p.position).strftime("%-d %B %Y")
        ),
        PieceKind::DateIdea if p.detail.is_empty() => "A date idea you wrote".to_owned(),
        PieceKind::DateIdea => format!("A date idea you wrote: {}", p.detail),
        PieceKind::Tradition => Rhythm::parse(&p.detail, None).map_or_else(
            || "A tradition you wrote down".to_owned(),
            |r| {
                format!(
                    "A tradition you wrote down ({})",
                    rhythm_words(r).to_lowercase()
                )
            },
        ),
        PieceKind::FairSplit => format!(
            "A fair split of {} you wrote: {}",
            if p.reference == "goods" {
                "things"
            } else {
                "chores"
            },
            p.detail.lines().collect::<Vec<_>>().join(", ")
        ),
        PieceKind::CompromiseStance => {
            let part = match p.detail.as_str() {
                "flex" => "where you could bend",
                "feel" => "how you felt",
                _ => "what mattered most to you",
            };
            topic_context(&p.reference, &format!("Finding common ground — {part}"))
        }
        PieceKind::CompromiseOption => topic_context(&p.reference, "An option you wrote"),
        PieceKind::CompromiseReview => topic_context(&p.reference, "Your look back"),
        PieceKind::LoveNote => format!(
            "A love note you sent, which arrived on {}",
            local_day_in(timezone, p.position).strftime("%-d %B %Y")
        ),
        PieceKind::AffectionWish if p.detail == "shared" => "A wish you shared".to_owned(),
        PieceKind::AffectionWish => "A wish you kept to yourself".to_owned(),
        PieceKind::PartnerLove => "On your list of things they loved".to_owned(),
    }
}

/// A compromise piece's context, with the topic when the viewer named it.
fn topic_context(topic: &str, what: &str) -> String {
    if topic.is_empty() {
        what.to_owned()
    } else {
        format!("{what} (“{topic}”)")
    }
}
