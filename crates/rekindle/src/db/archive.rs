//! "Before": what a person wrote in couples they are no longer in. Only their own
//! words, through the one visibility rule *and* an explicit owner check, so nothing of
//! the ex-partner's can come back (PRIVACY.md promise 6: each keeps what they wrote).

use super::visibility::{Scope, predicate};
use super::{Db, Error};
use crate::params;

/// A couple the viewer was in and is no longer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastCouple {
    pub id: String,
    pub timezone: String,
    pub joined_at_ms: i64,
    pub left_at_ms: i64,
}

/// What kind of writing an archived piece is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceKind {
    /// An answer to a question of the day (`reference` = prompt id).
    Answer,
    /// A reply under a question of the day (`reference` = prompt id).
    Reply,
    /// A love-map entry (`reference` = the round's question ids, `position` = which;
    /// `detail` = `subject` when it was about the viewer, `guesser` otherwise).
    LoveMap,
    /// A listening move with words (`reference` = topic, `detail` = move kind).
    Listening,
    /// A private note after a listening session (`reference` = topic).
    ListeningNote,
    /// A State of Us note (`reference` = meeting day, `detail` = section).
    MeetingNote,
    /// A memory of a date (`position` = when the date began, epoch ms).
    DateMemory,
    /// A date idea of the couple's, as the viewer last wrote it (`detail` = how).
    DateIdea,
    /// A tradition, as the viewer last wrote it (`detail` = its rhythm).
    Tradition,
    /// A fair split's title and list, as the viewer last wrote them (`detail` = the
    /// list, one per line).
    FairSplit,
    /// A part of a compromise stance (`reference` = the topic, when the viewer named it;
    /// `detail` = `core`, `flex` or `feel`).
    CompromiseStance,
    /// An option written for a compromise topic (`reference` as above).
    CompromiseOption,
    /// A look back on a compromise tried (`reference` as above).
    CompromiseReview,
    /// A love note the viewer sent (`position` = when it arrived, epoch ms). Notes
    /// still to come when the couple ended were cancelled, so none is here.
    LoveNote,
    /// An affection wish (`detail` = `shared` or `private`).
    AffectionWish,
    /// An entry of the private list of things the partner loved.
    PartnerLove,
}

impl PieceKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "answer" => Self::Answer,
            "reply" => Self::Reply,
            "love_map" => Self::LoveMap,
            "listening" => Self::Listening,
            "listening_note" => Self::ListeningNote,
            "meeting_note" => Self::MeetingNote,
            "date_memory" => Self::DateMemory,
            "date_idea" => Self::DateIdea,
            "tradition" => Self::Tradition,
            "fair_split" => Self::FairSplit,
            "compromise_stance" => Self::CompromiseStance,
            "compromise_option" => Self::CompromiseOption,
            "compromise_review" => Self::CompromiseReview,
            "love_note" => Self::LoveNote,
            "affection_wish" => Self::AffectionWish,
            "partner_love" => Self::PartnerLove,
            _ => return None,
        })
    }
}

/// One piece of the viewer's own writing from a past couple.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub couple_id: String,
    pub kind: PieceKind,
    pub reference: String,
    pub position: i64,
    pub detail: String,
    pub body: String,
    pub created_at_ms: i64,
    /// For private prose sealed with the viewer's key, the row id bound into the seal
    /// (`features::archive` opens it); `None` for plain words.
    pub sealed_id: Option<String>,
}

/// The couples the viewer has left (or that ended), newest first.
pub async fn past_couples(db: &Db, viewer_id: &str) -> Result<Vec<PastCouple>, Error> {
    let viewer_id = viewer_id.to_owned();
    db.read(move |c| {
        c.query(
            "SELECT c.id, c.timezone, m.joined_at, m.left_at FROM couple_members m \
             JOIN couples c ON c.id = m.couple_id \
             WHERE m.user_id = $1 AND m.left_at IS NOT NULL ORDER BY m.left_at DESC",
            params![&viewer_id],
            |r| {
                Ok(PastCouple {
                    id: r.get(0)?,
                    timezone: r.get(1)?,
                    joined_at_ms: r.get(2)?,
                    left_at_ms: r.get(3)?,
                })
            },
        )
    })
    .await
}

/// Every piece the viewer wrote in couples they have left, oldest first, in one query.
pub async fn pieces(db: &Db, scope: &Scope) -> Result<Vec<Piece>, Error> {
    // $1 viewer, $2 current couple, $3 now: the placeholders `predicate` expects.
    let past =
        "IN (SELECT couple_id FROM couple_members WHERE user_id = $1 AND left_at IS NOT NULL)";
    let sql = format!(
        "SELECT a.couple_id, 'answer' AS kind, a.prompt_id AS ref, CAST(0 AS BIGINT) AS pos, \
                '' AS detail, a.body, a.created_at, '' AS sealed_id \
           FROM answers a WHERE a.owner_id = $1 AND a.couple_id {past} AND {pa} \
         UNION ALL \
         SELECT r.couple_id, 'reply', r.prompt_id, CAST(0 AS BIGINT), '', r.body, r.created_at, '' \
           FROM answer_replies r WHERE r.owner_id = $1 AND r.couple_id {past} AND {pr} \
         UNION ALL \
         SELECT e.couple_id, 'love_map', lr.question_ids, CAST(e.position AS BIGINT), \
                CASE WHEN lr.subject_id = $1 THEN 'subject' ELSE 'guesser' END, e.body, e.created_at, '' \
           FROM love_map_entries e JOIN love_map_rounds lr ON lr.id = e.round_id \
          WHERE e.owner_id = $1 AND e.couple_id {past} AND {pe} \
         UNION ALL \
         SELECT mv.couple_id, 'listening', s.topic, CAST(mv.seq AS BIGINT), mv.kind, mv.body, mv.created_at, '' \
           FROM listening_moves mv JOIN listening_sessions s ON s.id = mv.session_id \
          WHERE mv.owner_id = $1 AND mv.body IS NOT NULL AND mv.couple_id {past} AND {pm} \
         UNION ALL \
         SELECT n.couple_id, 'listening_note', s.topic, CAST(0 AS BIGINT), '', n.body, n.updated_at, n.session_id \
           FROM listening_notes n JOIN listening_sessions s ON s.id = n.session_id \
          WHERE n.owner_id = $1 AND n.couple_id {past} AND {pn} \
         UNION ALL \
         SELECT m.couple_id, 'meeting_note', m.day, CAST(0 AS BIGINT), mn.section, mn.body, mn.created_at, '' \
           FROM meeting_notes mn JOIN meetings m ON m.id = mn.meeting_id \
          WHERE mn.owner_id = $1 AND m.couple_id {past} AND {pmn} \
         UNION ALL \
         SELECT dm.couple_id, 'date_memory', '', CAST(d.starts_at AS BIGINT), '', dm.body, dm.created_at, '' \
           FROM date_memories dm JOIN planned_dates d ON d.id = dm.date_id \
          WHERE dm.owner_id = $1 AND dm.couple_id {past} AND {pdm} \
         UNION ALL \
         SELECT i.couple_id, 'date_idea', '', CAST(0 AS BIGINT), i.how, i.title, i.updated_at, '' \
           FROM date_ideas i WHERE i.owner_id = $1 AND i.couple_id {past} AND {pi} \
         UNION ALL \
         SELECT t.couple_id, 'tradition', '', CAST(0 AS BIGINT), t.rhythm, t.title, t.updated_at, '' \
           FROM traditions t WHERE t.owner_id = $1 AND t.couple_id {past} AND {pt} \
         UNION ALL \
         SELECT fs.couple_id, 'fair_split', fs.mode, CAST(0 AS BIGINT), fs.items, fs.title, fs.updated_at, '' \
           FROM fair_splits fs WHERE fs.owner_id = $1 AND fs.couple_id {past} AND {pfs} \
         UNION ALL \
         SELECT cs.couple_id, 'compromise_stance', {topic}, CAST(0 AS BIGINT), 'core', cs.core, cs.created_at, '' \
           FROM compromise_stances cs JOIN compromise_topics ct ON ct.id = cs.topic_id \
          WHERE cs.owner_id = $1 AND cs.couple_id {past} AND {pcs} \
         UNION ALL \
         SELECT cs.couple_id, 'compromise_stance', {topic}, CAST(1 AS BIGINT), 'flex', cs.flex, cs.created_at, '' \
           FROM compromise_stances cs JOIN compromise_topics ct ON ct.id = cs.topic_id \
          WHERE cs.owner_id = $1 AND cs.flex <> '' AND cs.couple_id {past} AND {pcs} \
         UNION ALL \
         SELECT cs.couple_id, 'compromise_stance', {topic}, CAST(2 AS BIGINT), 'feel', cs.feel, cs.created_at, '' \
           FROM compromise_stances cs JOIN compromise_topics ct ON ct.id = cs.topic_id \
          WHERE cs.owner_id = $1 AND cs.feel <> '' AND cs.couple_id {past} AND {pcs} \
         UNION ALL \
         SELECT co.couple_id, 'compromise_option', {topic}, CAST(0 AS BIGINT), '', co.body, co.created_at, '' \
           FROM compromise_options co JOIN compromise_topics ct ON ct.id = co.topic_id \
          WHERE co.owner_id = $1 AND co.couple_id {past} AND {pco} \
         UNION ALL \
         SELECT cr.couple_id, 'compromise_review', {topic}, CAST(0 AS BIGINT), '', cr.body, cr.created_at, '' \
           FROM compromise_reviews cr JOIN compromise_topics ct ON ct.id = cr.topic_id \
          WHERE cr.owner_id = $1 AND cr.couple_id {past} AND {pcr} \
         UNION ALL \
         SELECT ln.couple_id, 'love_note', '', CAST(ln.unsealed_at AS BIGINT), '', ln.body, ln.created_at, '' \
           FROM love_notes ln WHERE ln.owner_id = $1 AND ln.couple_id {past} AND {pln} \
         UNION ALL \
         SELECT aw.couple_id, 'affection_wish', '', CAST(0 AS BIGINT), aw.visibility, aw.body, aw.created_at, CASE WHEN aw.visibility = 'private' THEN aw.id ELSE '' END \
           FROM affection_wishes aw WHERE aw.owner_id = $1 AND aw.couple_id {past} AND {paw} \
         UNION ALL \
         SELECT pl.couple_id, 'partner_love', '', CAST(0 AS BIGINT), '', pl.body, pl.created_at, pl.id \
           FROM partner_loves pl WHERE pl.owner_id = $1 AND pl.couple_id {past} AND {ppl} \
         ORDER BY 7, 4",
        pa = predicate("a", 1),
        pr = predicate("r", 1),
        pe = predicate("e", 1),
        pm = predicate("mv", 1),
        pn = predicate("n", 1),
        pmn = predicate("mn", 1),
        pdm = predicate("dm", 1),
        pi = predicate("i", 1),
        pt = predicate("t", 1),
        pfs = predicate("fs", 1),
        pcs = predicate("cs", 1),
        pco = predicate("co", 1),
        pcr = predicate("cr", 1),
        pln = predicate("ln", 1),
        paw = predicate("aw", 1),
        ppl = predicate("pl", 1),
        // A topic's title is shown beside the viewer's words only when they wrote it.
        topic = "CASE WHEN ct.owner_id = $1 THEN ct.title ELSE '' END",
    );
    let scope = scope.clone();
    // Everything an ended couple wrote: of any size.
    let pieces = db
        .read_bulk(move |c| {
            c.query(&sql, &scope.with(&[]), |r| {
                let kind: String = r.get(1)?;
                let Some(kind) = PieceKind::parse(&kind) else {
                    return Ok(None);
                };
                Ok(Some(Piece {
                    couple_id: r.get(0)?,
                    kind,
                    reference: r.get(2)?,
                    position: r.get(3)?,
                    detail: r.get(4)?,
                    body: r.get(5)?,
                    created_at_ms: r.get(6)?,
                    sealed_id: Some(r.get::<String>(7)?).filter(|id| !id.is_empty()),
                }))
            })
        })
        .await?;
    Ok(pieces.into_iter().flatten().collect())
}
