//! Dates, traditions and new adventures: private votes with shared matches, when a
//! tradition has gone quiet, the season where a couple lives, and the recommender that
//! proposes the next three dates. Pure and deterministic: the same couple, day and
//! inputs always give the same answer.
//!
//! **The recommender** (also in docs/ARCHITECTURE.md). Candidates are the ideas both
//! partners said yes to (like or love) and the couple's traditions that have gone
//! quiet. Ideas that do not fit the constraints (budget, time available, home or out,
//! the season in the couple's hemisphere) are left out; traditions are the couple's
//! own and always fit. Each candidate gets
//! - *joint enjoyment*: both votes (love 1, like 0.6, averaged), blended with how the
//!   two rated earlier dates with similar tags (their mean, weighted by likeness; only
//!   dates both rated count);
//! - *novelty*: how new the idea is (familiar 0, fresh 0.5, adventurous 1) and how
//!   little its tags appear among the last ten dates — shared novelty tends to bring
//!   couples closer (Aron et al. 2000), so it weighs 40% against enjoyment's 60%; an
//!   idea the couple has already done counts as familiar.
//!
//! Then three are chosen: first the best among the favourites (loves) of the partner
//! whose turn it is — turns alternate with each date planned — then the best among the
//! other partner's favourites, then whichever balances the first two (something
//! familiar after two new things, something new otherwise). A slot with no fitting
//! favourite takes the best remaining candidate. Ties break by a hash of couple, day
//! and candidate. Each suggestion says why in one sentence.

use jiff::ToSpan as _;
use jiff::civil::Date;

use crate::content::date_ideas::{Cost, Novelty, Season, Setting, Tags, Traits};
use crate::question::stable_hash;

/// A partner's private vote on an idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Vote {
    Love,
    Like,
    No,
}

impl Vote {
    pub const ALL: [Self; 3] = [Self::Love, Self::Like, Self::No];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Love => "love",
            Self::Like => "like",
            Self::No => "no",
        }
    }

    /// In words, for pages.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Love => "Love it",
            Self::Like => "Like it",
            Self::No => "Not for me",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// A yes (like or love).
    #[must_use]
    pub fn is_yes(self) -> bool {
        self != Self::No
    }

    fn weight(self) -> f64 {
        match self {
            Self::Love => 1.0,
            Self::Like => 0.6,
            Self::No => 0.0,
        }
    }
}

/// An idea is a match only when both said yes. A "no" and no vote at all are the same
/// here, so nothing about them can show (PRIVACY.md, promise 4).
#[must_use]
pub fn is_match(a: Option<Vote>, b: Option<Vote>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if x.is_yes() && y.is_yes())
}

/// How often a tradition comes round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rhythm {
    Weekly,
    Monthly,
    Yearly,
    /// Every year on this day (`month`, `day`).
    OnDate {
        month: i8,
        day: i8,
    },
}

impl Rhythm {
    /// The stored name (`on_date` keeps its day apart).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Weekly => "weekly",
            Self::Monthly => "monthly",
            Self::Yearly => "yearly",
            Self::OnDate { .. } => "on_date",
        }
    }

    /// From the stored name and, for `on_date`, its `MM-DD`.
    #[must_use]
    pub fn parse(name: &str, on: Option<&str>) -> Option<Self> {
        match name {
            "weekly" => Some(Self::Weekly),
            "monthly" => Some(Self::Monthly),
            "yearly" => Some(Self::Yearly),
            "on_date" => {
                let (m, d) = on?.split_once('-')?;
                let (month, day): (i8, i8) = (m.parse().ok()?, d.parse().ok()?);
                // A day that exists in some year (29 February included).
                Date::new(2024, month, day).ok()?;
                Some(Self::OnDate { month, day })
            }
            _ => None,
        }
    }

    /// `MM-DD` for `on_date`.
    #[must_use]
    pub fn on(self) -> Option<String> {
        match self {
            Self::OnDate { month, day } => Some(format!("{month:02}-{day:02}")),
            _ => None,
        }
    }

    fn next_after(self, day: Date) -> Date {
        let span = match self {
            Self::Weekly => 1.week(),
            Self::Monthly => 1.month(),
            Self::Yearly | Self::OnDate { .. } => 1.year(),
        };
        day.checked_add(span).unwrap_or(Date::MAX)
    }
}

/// The day `month`-`day` falls on in `year` (29 February is the 28th in other years).
fn yearly_day(year: i16, month: i8, day: i8) -> Date {
    Date::new(year, month, day)
        .or_else(|_| Date::new(year, month, day - 1))
        .unwrap_or(Date::ZERO)
}

/// How a tradition stands today, for its one gentle suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nudge {
    /// Quiet for longer than its rhythm: this many days past when it would have come round.
    Quiet { days: i64 },
    /// Its day is coming (`on_date` traditions), in this many days (0 = today).
    Coming { days: i64 },
}

/// Days before an `on_date` tradition when it is suggested.
pub const COMING_WITHIN_DAYS: i64 = 7;

/// Whether a tradition deserves a suggestion today. `last_done` is when the couple
/// last did it (none: not since they wrote it down, so it is quiet from the start).
#[must_use]
pub fn nudge(rhythm: Rhythm, last_done: Option<Date>, today: Date) -> Option<Nudge> {
    if let Rhythm::OnDate { month, day } = rhythm {
        let this_year = yearly_day(today.year(), month, day);
        let next = if this_year >= today {
            this_year
        } else {
            yearly_day(today.year().saturating_add(1), month, day)
        };
        let until = (next - today).get_days().into();
        let done_for_it = last_done.is_some_and(|d| (next - d).get_days() <= 14);
        return (until <= COMING_WITHIN_DAYS && !done_for_it)
            .then_some(Nudge::Coming { days: until });
    }
    let Some(last) = last_done else {
        return Some(Nudge::Quiet { days: 0 });
    };
    let due = rhythm.next_after(last);
    (today > due).then(|| Nudge::Quiet {
        days: (today - due).get_days().into(),
    })
}

/// The one tradition to suggest today, from `(id, rhythm, last_done)`: a coming day
/// first (the nearest), then the quietest relative to its rhythm. Ties go by id.
#[must_use]
pub fn tradition_to_suggest<'a>(
    traditions: &[(&'a str, Rhythm, Option<Date>)],
    today: Date,
) -> Option<(&'a str, Nudge)> {
    let rank = |n: Nudge, rhythm: Rhythm| -> (u8, i64) {
        match n {
            Nudge::Coming { days } => (0, days),
            Nudge::Quiet { days } => {
                let period = match rhythm {
                    Rhythm::Weekly => 7,
                    Rhythm::Monthly => 30,
                    Rhythm::Yearly | Rhythm::OnDate { .. } => 365,
                };
                // Most overdue for its rhythm first: thousandths of a period, negated.
                (1, -(days.saturating_add(1).saturating_mul(1000) / period))
            }
        }
    };
    traditions
        .iter()
        .filter_map(|(id, rhythm, last)| nudge(*rhythm, *last, today).map(|n| (*id, *rhythm, n)))
        .min_by_key(|(id, rhythm, n)| (rank(*n, *rhythm), *id))
        .map(|(id, _, n)| (id, n))
}

/// Which half of the world a couple lives in, for the seasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hemisphere {
    North,
    South,
}

/// Zones south of the equator with a real winter and summer. Everything else counts as
/// north; the tropics have no strong seasons, so either answer does little harm there.
const SOUTHERN_ZONES: &[&str] = &[
    "Australia/",
    "Antarctica/",
    "America/Argentina/",
    "America/Santiago",
    "America/Punta_Arenas",
    "America/Sao_Paulo",
    "America/Montevideo",
    "America/Asuncion",
    "Atlantic/Stanley",
    "Africa/Johannesburg",
    "Africa/Maseru",
    "Africa/Mbabane",
    "Africa/Windhoek",
    "Africa/Gaborone",
    "Africa/Maputo",
    "Africa/Harare",
    "Africa/Lusaka",
    "Indian/Mauritius",
    "Indian/Reunion",
    "Indian/Antananarivo",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "Pacific/Norfolk",
    "Pacific/Noumea",
    "Pacific/Fiji",
    "Pacific/Tongatapu",
    "Chile/",
    "Brazil/",
    "NZ",
];

impl Hemisphere {
    /// From an IANA zone name.
    #[must_use]
    pub fn of_zone(zone: &str) -> Self {
        if SOUTHERN_ZONES.iter().any(|z| {
            if z.ends_with('/') {
                zone.starts_with(z)
            } else {
                zone == *z || zone.starts_with(&format!("{z}-"))
            }
        }) {
            Self::South
        } else {
            Self::North
        }
    }
}

/// The season of `day` (meteorological: whole months) in a hemisphere.
#[must_use]
pub fn season_of(day: Date, hemisphere: Hemisphere) -> Season {
    let north = match day.month() {
        3..=5 => Season::Spring,
        6..=8 => Season::Summer,
        9..=11 => Season::Autumn,
        _ => Season::Winter,
    };
    match (hemisphere, north) {
        (Hemisphere::North, s) => s,
        (Hemisphere::South, Season::Spring) => Season::Autumn,
        (Hemisphere::South, Season::Summer) => Season::Winter,
        (Hemisphere::South, Season::Autumn) => Season::Spring,
        (Hemisphere::South, Season::Winter) => Season::Summer,
    }
}

/// What a couple can do this time: each `None` is "no limit".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Constraints {
    pub max_cost: Option<Cost>,
    pub max_minutes: Option<u32>,
    pub setting: Option<Setting>,
    pub season: Season,
}

impl Constraints {
    /// Whether an idea with these traits fits.
    #[must_use]
    pub fn allow(&self, t: &Traits) -> bool {
        self.max_cost.is_none_or(|c| t.cost <= c)
            && self.max_minutes.is_none_or(|m| t.minutes <= m)
            && self.setting.is_none_or(|s| t.setting == s)
            && t.seasons.suits(self.season)
    }
}

/// What the recommender may propose.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// An idea both said yes to; the votes are by seat (the couple's first and second
    /// member).
    Match { votes: [Vote; 2], traits: Traits },
    /// A tradition that has gone quiet (or whose day is coming).
    Tradition { nudge: Nudge },
}

/// One candidate.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The idea's or tradition's id (unique among candidates).
    pub id: String,
    pub title: String,
    pub kind: Kind,
}

/// A date the couple had, as it informs the next.
#[derive(Debug, Clone, PartialEq)]
pub struct PastDate {
    /// The idea it came from, if any.
    pub idea_id: Option<String>,
    pub tags: Tags,
    /// Both partners' enjoyment and closeness (1–5), averaged — only when both rated.
    pub joint_rating: Option<f64>,
}

/// Everything the recommender looks at.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub couple_id: &'a str,
    pub day: Date,
    /// The seat whose favourites come first this time (0 or 1).
    pub turn: usize,
    /// The viewer's seat (0 or 1), for the wording.
    pub viewer: usize,
    /// The partner's name, for the wording.
    pub partner_name: &'a str,
    pub candidates: &'a [Candidate],
    /// Earlier dates, newest first.
    pub history: &'a [PastDate],
    pub constraints: Constraints,
}

/// A proposed date and why, in one plain sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub id: String,
    pub title: String,
    pub is_tradition: bool,
    pub why: String,
}

/// How many dates are proposed at once.
pub const SUGGESTIONS: usize = 3;
/// Earlier dates that count for novelty.
const RECENT_FOR_NOVELTY: usize = 10;
const ENJOYMENT_WEIGHT: f64 = 0.6;
const NOVELTY_WEIGHT: f64 = 0.4;

struct Scored<'a> {
    c: &'a Candidate,
    score: f64,
    /// A fresh twist or an adventure the couple has not had yet.
    new: bool,
    /// Rated earlier dates like this one went well (mean above 3.5 of 5).
    went_well_before: bool,
}

fn novelty_of(n: Novelty) -> f64 {
    match n {
        0 | 1 => 0.0,
        2 => 0.5,
        _ => 1.0,
    }
}

fn score<'a>(req: &Request<'_>, c: &'a Candidate) -> Option<Scored<'a>> {
    let jitter = f64::from(
        u16::try_from(
            stable_hash(&[
                req.couple_id.as_bytes(),
                req.day.to_string().as_bytes(),
                c.id.as_bytes(),
            ]) % 1000,
        )
        .unwrap_or(0),
    ) / 100_000.0;
    let (enjoyment, novelty, new, went_well_before) = match &c.kind {
        Kind::Match { votes, traits } => {
            if !req.constraints.allow(traits) {
                return None;
            }
            let by_votes = (votes[0].weight() + votes[1].weight()) / 2.0;
            let (mut weight, mut total) = (0.0, 0.0);
            for past in req.history {
                let Some(rating) = past.joint_rating else {
                    continue;
                };
                let likeness = if past.idea_id.as_deref() == Some(c.id.as_str()) {
                    1.0
                } else {
                    traits.tags.likeness(past.tags)
                };
                weight += likeness;
                total += likeness * (rating - 1.0) / 4.0;
            }
            let from_past = (weight > 0.0).then(|| total / weight);
            let weight = weight.min(2.0);
            let enjoyment =
                from_past.map_or(by_votes, |p| (by_votes + weight * p) / (1.0 + weight));
            let done_before = req
                .history
                .iter()
                .any(|p| p.idea_id.as_deref() == Some(c.id.as_str()));
            let recent = &req.history[..req.history.len().min(RECENT_FOR_NOVELTY)];
            let seen = recent
                .iter()
                .filter(|p| p.tags.likeness(traits.tags) > 0.0)
                .count();
            let fresh_tags =
                1.0 - f64::from(u32::try_from(seen).unwrap_or(u32::MAX).min(10)) / 10.0;
            let newness = if done_before {
                0.0
            } else {
                novelty_of(traits.novelty)
            };
            (
                enjoyment,
                (newness + fresh_tags) / 2.0,
                newness >= 0.5,
                from_past.is_some_and(|p| p > 0.625),
            )
        }
        // A tradition is loved and familiar by definition.
        Kind::Tradition { .. } => (0.8, 0.0, false, false),
    };
    Some(Scored {
        c,
        score: ENJOYMENT_WEIGHT * enjoyment + NOVELTY_WEIGHT * novelty + jitter,
        new,
        went_well_before,
    })
}

fn loves(s: &Scored<'_>, seat: usize) -> bool {
    matches!(&s.c.kind, Kind::Match { votes, .. } if votes[seat] == Vote::Love)
}

fn is_new(s: &Scored<'_>) -> bool {
    s.new
}

/// The next dates to propose, best first, each with its reason.
#[must_use]
pub fn recommend(req: &Request<'_>) -> Vec<Suggestion> {
    let mut pool: Vec<Scored<'_>> = req
        .candidates
        .iter()
        .filter_map(|c| score(req, c))
        .collect();
    pool.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.c.id.cmp(&b.c.id))
    });
    let turn = req.turn % 2;
    let other = 1 - turn;
    let mut chosen: Vec<(usize, Slot)> = Vec::new();
    take(
        &pool,
        &mut chosen,
        &|s| loves(s, turn),
        Slot::FavouriteOf(turn),
    );
    take(
        &pool,
        &mut chosen,
        &|s| loves(s, other),
        Slot::FavouriteOf(other),
    );
    let both_new = chosen.len() == 2 && chosen.iter().all(|(i, _)| is_new(&pool[*i]));
    if both_new {
        take(&pool, &mut chosen, &|s| !is_new(s), Slot::Familiar);
    } else {
        take(&pool, &mut chosen, &is_new, Slot::New);
    }
    chosen
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(i, slot)| {
            let s = &pool[i];
            Suggestion {
                id: s.c.id.clone(),
                title: s.c.title.clone(),
                is_tradition: matches!(s.c.kind, Kind::Tradition { .. }),
                why: why(req, s, slot),
            }
        })
        .collect()
}

/// Takes the best candidate not yet chosen that `pick` likes, for `slot` — or, when
/// none does, the best one left (as [`Slot::Best`]).
fn take(
    pool: &[Scored<'_>],
    chosen: &mut Vec<(usize, Slot)>,
    pick: &dyn Fn(&Scored<'_>) -> bool,
    slot: Slot,
) {
    let free = |i: &usize| !chosen.iter().any(|(c, _)| c == i);
    let found = pool
        .iter()
        .enumerate()
        .find(|(i, s)| free(i) && pick(s))
        .map(|(i, _)| (i, slot))
        .or_else(|| {
            pool.iter()
                .enumerate()
                .find(|(i, _)| free(i))
                .map(|(i, _)| (i, Slot::Best))
        });
    if let Some(found) = found {
        chosen.push(found);
    }
}

/// Why a candidate was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    FavouriteOf(usize),
    New,
    Familiar,
    Best,
}

fn why(req: &Request<'_>, s: &Scored<'_>, slot: Slot) -> String {
    let partner = req.partner_name;
    if let Kind::Tradition { nudge } = s.c.kind {
        return match nudge {
            Nudge::Coming { days: 0 } => "One of your traditions, and its day is today.".to_owned(),
            Nudge::Coming { days: 1 } => {
                "One of your traditions, and its day is tomorrow.".to_owned()
            }
            Nudge::Coming { days } => {
                format!("One of your traditions, and its day is {days} days away.")
            }
            Nudge::Quiet { .. } => {
                "One of your own traditions that has gone quiet — a chance to bring it back."
                    .to_owned()
            }
        };
    }
    let both_love = loves(s, 0) && loves(s, 1);
    match slot {
        _ if both_love => "You both love this one.".to_owned(),
        Slot::FavouriteOf(seat) if seat == req.viewer => {
            format!("A favourite of yours, and {partner} said yes to it too.")
        }
        Slot::FavouriteOf(_) => {
            format!("One of {partner}'s favourites, and you said yes to it too.")
        }
        _ if s.went_well_before => "Dates like this have gone well for you two before.".to_owned(),
        Slot::New | Slot::Best if is_new(s) => {
            "Something new for you both — trying new things together tends to bring couples closer."
                .to_owned()
        }
        Slot::Familiar => "Something easy and familiar, to balance the new ones.".to_owned(),
        _ => "You both said yes to this one.".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::date_ideas::{Energy, Seasons, Tag};
    use proptest::prelude::*;
    use std::collections::HashSet;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn traits(novelty: Novelty, tags: &[Tag]) -> Traits {
        Traits {
            setting: Setting::Home,
            cost: Cost::Low,
            minutes: 120,
            energy: Energy::Low,
            novelty,
            seasons: Seasons::ANY,
            tags: Tags::of(tags),
        }
    }

    fn idea(id: &str, votes: [Vote; 2], novelty: Novelty, tags: &[Tag]) -> Candidate {
        Candidate {
            id: id.to_owned(),
            title: format!("Idea {id}"),
            kind: Kind::Match {
                votes,
                traits: traits(novelty, tags),
            },
        }
    }

    fn open(season: Season) -> Constraints {
        Constraints {
            max_cost: None,
            max_minutes: None,
            setting: None,
            season,
        }
    }

    fn request<'a>(
        candidates: &'a [Candidate],
        history: &'a [PastDate],
        turn: usize,
    ) -> Request<'a> {
        Request {
            couple_id: "c1",
            day: day("2026-12-01"),
            turn,
            viewer: 0,
            partner_name: "Alex",
            candidates,
            history,
            constraints: open(Season::Winter),
        }
    }

    #[test]
    fn only_two_yeses_make_a_match() {
        for a in [None, Some(Vote::Love), Some(Vote::Like), Some(Vote::No)] {
            for b in [None, Some(Vote::Love), Some(Vote::Like), Some(Vote::No)] {
                let yes = |v: Option<Vote>| v.is_some_and(Vote::is_yes);
                assert_eq!(is_match(a, b), yes(a) && yes(b));
            }
        }
    }

    proptest! {
        /// The partner's side of a match cannot tell "no" from "not voted": for any
        /// vote of the viewer, the outcome is the same either way.
        #[test]
        fn no_and_not_voted_are_the_same_for_matching(mine in prop::sample::select(vec![None, Some(Vote::Love), Some(Vote::Like), Some(Vote::No)])) {
            prop_assert_eq!(is_match(mine, Some(Vote::No)), is_match(mine, None));
            prop_assert_eq!(is_match(Some(Vote::No), mine), is_match(None, mine));
        }
    }

    #[test]
    fn traditions_go_quiet_past_their_rhythm() {
        let today = day("2026-12-01");
        assert_eq!(nudge(Rhythm::Weekly, Some(day("2026-11-24")), today), None);
        assert_eq!(
            nudge(Rhythm::Weekly, Some(day("2026-11-23")), today),
            Some(Nudge::Quiet { days: 1 })
        );
        assert_eq!(nudge(Rhythm::Monthly, Some(day("2026-11-01")), today), None);
        assert_eq!(
            nudge(Rhythm::Monthly, Some(day("2026-10-15")), today),
            Some(Nudge::Quiet { days: 16 })
        );
        assert_eq!(nudge(Rhythm::Yearly, Some(day("2026-01-10")), today), None);
        assert_eq!(
            nudge(Rhythm::Weekly, None, today),
            Some(Nudge::Quiet { days: 0 })
        );
        let anniversary = Rhythm::OnDate { month: 12, day: 5 };
        assert_eq!(
            nudge(anniversary, None, today),
            Some(Nudge::Coming { days: 4 })
        );
        assert_eq!(nudge(anniversary, Some(day("2026-12-01")), today), None);
        assert_eq!(
            nudge(anniversary, Some(day("2025-12-05")), today),
            Some(Nudge::Coming { days: 4 })
        );
        assert_eq!(
            nudge(Rhythm::OnDate { month: 12, day: 20 }, None, today),
            None
        );
        // Across the new year, and 29 February in a common year.
        assert_eq!(
            nudge(Rhythm::OnDate { month: 1, day: 2 }, None, day("2026-12-30")),
            Some(Nudge::Coming { days: 3 })
        );
        assert_eq!(
            nudge(
                Rhythm::OnDate { month: 2, day: 29 },
                None,
                day("2027-02-25")
            ),
            Some(Nudge::Coming { days: 3 })
        );
    }

    #[test]
    fn one_tradition_is_suggested_a_coming_day_first() {
        let today = day("2026-12-01");
        let list = [
            ("a", Rhythm::Weekly, Some(day("2026-11-01"))),
            ("b", Rhythm::Monthly, Some(day("2026-10-01"))),
            ("c", Rhythm::Weekly, Some(day("2026-11-30"))),
        ];
        // a is 23 days past a weekly rhythm; b is 1 day past a monthly one.
        assert_eq!(tradition_to_suggest(&list, today).map(|t| t.0), Some("a"));
        let mut with_day = list.to_vec();
        with_day.push(("d", Rhythm::OnDate { month: 12, day: 3 }, None));
        assert_eq!(
            tradition_to_suggest(&with_day, today).map(|t| t.0),
            Some("d")
        );
        assert_eq!(tradition_to_suggest(&list[2..], today), None);
    }

    #[test]
    fn rhythms_read_back_as_written() {
        for r in [
            Rhythm::Weekly,
            Rhythm::Monthly,
            Rhythm::Yearly,
            Rhythm::OnDate { month: 2, day: 29 },
        ] {
            assert_eq!(Rhythm::parse(r.as_str(), r.on().as_deref()), Some(r));
        }
        assert_eq!(Rhythm::parse("on_date", Some("02-30")), None);
        assert_eq!(Rhythm::parse("on_date", None), None);
        assert_eq!(Rhythm::parse("daily", None), None);
    }

    #[test]
    fn seasons_turn_over_at_the_equator() {
        assert_eq!(Hemisphere::of_zone("Europe/London"), Hemisphere::North);
        assert_eq!(Hemisphere::of_zone("Australia/Sydney"), Hemisphere::South);
        assert_eq!(Hemisphere::of_zone("Pacific/Chatham"), Hemisphere::South);
        assert_eq!(
            Hemisphere::of_zone("America/Argentina/Buenos_Aires"),
            Hemisphere::South
        );
        assert_eq!(Hemisphere::of_zone("NZ"), Hemisphere::South);
        assert_eq!(Hemisphere::of_zone("NZ-CHAT"), Hemisphere::South);
        assert_eq!(Hemisphere::of_zone("America/New_York"), Hemisphere::North);
        let december = day("2026-12-01");
        assert_eq!(season_of(december, Hemisphere::North), Season::Winter);
        assert_eq!(season_of(december, Hemisphere::South), Season::Summer);
        assert_eq!(
            season_of(day("2026-04-10"), Hemisphere::South),
            Season::Autumn
        );
    }

    #[test]
    fn favourites_alternate_and_each_says_why() {
        let candidates = [
            idea("sam-loves", [Vote::Love, Vote::Like], 2, &[Tag::Dinner]),
            idea("alex-loves", [Vote::Like, Vote::Love], 2, &[Tag::Hobby]),
            idea("both-like", [Vote::Like, Vote::Like], 1, &[Tag::MovieNight]),
        ];
        let first = recommend(&request(&candidates, &[], 0));
        assert_eq!(first[0].id, "sam-loves");
        assert_eq!(
            first[0].why,
            "A favourite of yours, and Alex said yes to it too."
        );
        assert_eq!(first[1].id, "alex-loves");
        assert_eq!(
            first[1].why,
            "One of Alex's favourites, and you said yes to it too."
        );
        let next = recommend(&request(&candidates, &[], 1));
        assert_eq!(next[0].id, "alex-loves");
        assert_eq!(next[1].id, "sam-loves");
    }

    #[test]
    fn constraints_are_honoured() {
        let mut summer_only = idea("picnic", [Vote::Love, Vote::Love], 2, &[Tag::Outdoors]);
        if let Kind::Match { traits, .. } = &mut summer_only.kind {
            traits.seasons = Seasons::of(&[Season::Summer]);
            traits.setting = Setting::Out;
        }
        let mut costly = idea("balloon", [Vote::Love, Vote::Love], 3, &[Tag::Adventure]);
        if let Kind::Match { traits, .. } = &mut costly.kind {
            traits.cost = Cost::High;
            traits.minutes = 240;
        }
        let candidates = [
            summer_only,
            costly,
            idea("cards", [Vote::Like, Vote::Like], 1, &[Tag::Hobby]),
        ];
        let mut req = request(&candidates, &[], 0);
        let ids = |r: &Request<'_>| recommend(r).into_iter().map(|s| s.id).collect::<Vec<_>>();
        assert!(
            !ids(&req).contains(&"picnic".to_owned()),
            "winter: no picnic"
        );
        req.constraints.max_cost = Some(Cost::Medium);
        assert_eq!(ids(&req), vec!["cards".to_owned()]);
        req.constraints = open(Season::Summer);
        req.constraints.setting = Some(Setting::Out);
        assert_eq!(ids(&req), vec!["picnic".to_owned()]);
        req.constraints = open(Season::Winter);
        req.constraints.max_minutes = Some(180);
        assert_eq!(ids(&req), vec!["cards".to_owned()]);
    }

    #[test]
    fn good_past_dates_lift_similar_ideas() {
        let candidates = [
            idea("cook-a", [Vote::Like, Vote::Like], 2, &[Tag::Dinner]),
            idea("climb-b", [Vote::Like, Vote::Like], 2, &[Tag::Adventure]),
        ];
        let loved_dinners = [PastDate {
            idea_id: None,
            tags: Tags::of(&[Tag::Dinner]),
            joint_rating: Some(5.0),
        }];
        let s = recommend(&request(&candidates, &loved_dinners, 0));
        // Novelty favours the untried adventure a little; the ratings outweigh it.
        assert_eq!(s[0].id, "cook-a");
        assert_eq!(
            s[0].why,
            "Dates like this have gone well for you two before."
        );
        let hard_dinners = [PastDate {
            idea_id: None,
            tags: Tags::of(&[Tag::Dinner]),
            joint_rating: Some(1.0),
        }];
        assert_eq!(
            recommend(&request(&candidates, &hard_dinners, 0))[0].id,
            "climb-b"
        );
    }

    #[test]
    fn two_new_things_are_balanced_by_a_familiar_one() {
        let candidates = [
            idea("new-1", [Vote::Love, Vote::Like], 3, &[Tag::Adventure]),
            idea("new-2", [Vote::Like, Vote::Love], 3, &[Tag::Learning]),
            idea("new-3", [Vote::Like, Vote::Like], 3, &[Tag::NewPlace]),
            idea("cosy", [Vote::Like, Vote::Like], 1, &[Tag::MovieNight]),
        ];
        let s = recommend(&request(&candidates, &[], 0));
        assert_eq!(s[2].id, "cosy");
        assert_eq!(
            s[2].why,
            "Something easy and familiar, to balance the new ones."
        );
    }

    #[test]
    fn a_quiet_tradition_is_offered_with_its_reason() {
        let candidates = [Candidate {
            id: "t1".into(),
            title: "Sunday pancakes".into(),
            kind: Kind::Tradition {
                nudge: Nudge::Quiet { days: 20 },
            },
        }];
        let s = recommend(&request(&candidates, &[], 0));
        assert!(s[0].is_tradition);
        assert!(s[0].why.contains("gone quiet"));
    }

    fn any_vote() -> impl Strategy<Value = Vote> {
        prop::sample::select(vec![Vote::Love, Vote::Like])
    }

    prop_compose! {
        fn any_candidate()(id in 0u32..40, v0 in any_vote(), v1 in any_vote(), novelty in 1u8..=3,
                           tags in prop::sample::subsequence(Tag::ALL.to_vec(), 1..3),
                           cost in prop::sample::select(Cost::ALL.to_vec()),
                           minutes in prop::sample::select(vec![30u32, 60, 120, 240, 1440]),
                           home in any::<bool>(), tradition in any::<bool>(), quiet in 0i64..100) -> Candidate {
            if tradition {
                Candidate { id: format!("t{id}"), title: format!("T{id}"), kind: Kind::Tradition { nudge: Nudge::Quiet { days: quiet } } }
            } else {
                let mut t = traits(novelty, &tags);
                t.cost = cost;
                t.minutes = minutes;
                t.setting = if home { Setting::Home } else { Setting::Out };
                Candidate { id: format!("i{id}"), title: format!("I{id}"), kind: Kind::Match { votes: [v0, v1], traits: t } }
            }
        }
    }

    proptest! {
        #[test]
        fn recommendations_are_few_distinct_fitting_and_deterministic(
            mut candidates in prop::collection::vec(any_candidate(), 0..30),
            turn in 0usize..2,
            max_cost in prop::option::of(prop::sample::select(Cost::ALL.to_vec())),
            max_minutes in prop::option::of(prop::sample::select(vec![60u32, 120, 240])),
            home in prop::option::of(any::<bool>()),
            rated in prop::collection::vec((prop::sample::subsequence(Tag::ALL.to_vec(), 1..3), prop::option::of(1.0f64..=5.0)), 0..12),
        ) {
            candidates.sort_by(|a, b| a.id.cmp(&b.id));
            candidates.dedup_by(|a, b| a.id == b.id);
            let history: Vec<PastDate> = rated
                .into_iter()
                .map(|(tags, joint_rating)| PastDate { idea_id: None, tags: Tags::of(&tags), joint_rating })
                .collect();
            let mut req = request(&candidates, &history, turn);
            req.constraints = Constraints {
                max_cost,
                max_minutes,
                setting: home.map(|h| if h { Setting::Home } else { Setting::Out }),
                season: Season::Winter,
            };
            let out = recommend(&req);
            prop_assert!(out.len() <= SUGGESTIONS);
            let fitting = candidates.iter().filter(|c| match &c.kind {
                Kind::Match { traits, .. } => req.constraints.allow(traits),
                Kind::Tradition { .. } => true,
            }).count();
            prop_assert_eq!(out.len(), fitting.min(SUGGESTIONS));
            let ids: HashSet<&str> = out.iter().map(|s| s.id.as_str()).collect();
            prop_assert_eq!(ids.len(), out.len());
            for s in &out {
                let c = candidates.iter().find(|c| c.id == s.id).unwrap();
                if let Kind::Match { traits, .. } = &c.kind {
                    prop_assert!(req.constraints.allow(traits));
                }
                prop_assert!(s.why.ends_with('.') && !s.why.chars().any(|ch| ch.is_ascii_digit() && !s.is_tradition));
            }
            // The same request gives the same answer, in any input order.
            let mut reversed = candidates.clone();
            reversed.reverse();
            let again = recommend(&Request { candidates: &reversed, ..req.clone() });
            prop_assert_eq!(out, again);
            // The turn's favourite, when one fits, comes first.
            let turn_loves = candidates.iter().any(|c| matches!(&c.kind, Kind::Match { votes, traits } if votes[turn % 2] == Vote::Love && req.constraints.allow(traits)));
            if turn_loves {
                let first = candidates.iter().find(|c| c.id == recommend(&req)[0].id).unwrap();
                let favourite = matches!(&first.kind, Kind::Match { votes, .. } if votes[turn % 2] == Vote::Love);
                prop_assert!(favourite, "the turn's favourite comes first");
            }
        }
    }
}
