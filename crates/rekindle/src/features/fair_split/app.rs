//! Fair split in the app: the couple lists chores or things; each privately spreads 100
//! points (sealed until both are in); then the division — a table, a line per item in
//! words and why it is fair — and, for chores, a weekly rota if they want one.

use std::collections::BTreeMap;

use jiff::ToSpan as _;
use jiff::civil::Date;
use rekindle_core::fairness::ratio::Ratio;
use rekindle_core::fairness::rota::who_does;
use rekindle_core::fairness::sheet::{Mode, Valid, in_words};

use crate::db::Db;
use crate::db::fair_split::{self as store, PointsRow, Saved, SplitRow};
use crate::error::AppError;
use crate::features::Member;
use crate::features::text::{line, title};

/// The most items a split in the app holds (the command line takes 200).
pub const MAX_ITEMS: usize = 30;
/// Splits listed (the newest); older ones keep their own pages.
pub const LISTED: i64 = 30;
/// Weeks of a rota shown at once.
pub const ROTA_WEEKS: i64 = 4;
/// The longest item name, in characters.
pub const ITEM_MAX_CHARS: usize = 80;

/// One item of a revealed split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    pub name: String,
    /// Each partner's share, in seat order.
    pub shares: [Ratio; 2],
    /// The item in words ("Dishes: Alex does it").
    pub words: String,
}

/// A revealed split's division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    /// The partners' names, in seat order.
    pub partners: [String; 2],
    pub rows: Vec<ResultRow>,
    /// Each partner's own points of what they get or do.
    pub points: [Ratio; 2],
    pub split_item: Option<String>,
    /// Why it is fair, in words.
    pub why: String,
}

/// One week of a rota.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RotaWeek {
    /// Its Monday.
    pub monday: Date,
    /// (chore, who does it).
    pub rows: Vec<(String, String)>,
}

/// A split as the viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitView {
    pub id: String,
    pub title: String,
    pub mode: Mode,
    pub items: Vec<String>,
    /// Both gave points: the division is open to both.
    pub revealed: bool,
    /// The viewer's own points, in item order, once given.
    pub my_points: Option<Vec<i64>>,
    pub division: Option<Division>,
    /// The rota's weeks from this one, when there is a rota.
    pub rota: Option<Vec<RotaWeek>>,
    pub created_day: String,
}

fn mode_of(row: &SplitRow) -> Mode {
    Mode::parse(&row.mode).unwrap_or(Mode::Chores)
}

/// The Monday of the week `day` is in.
fn monday_of(day: Date) -> Date {
    let back = i64::from(day.weekday().to_monday_zero_offset());
    day.checked_sub(back.days()).unwrap_or(day)
}

fn shape(m: &Member, row: SplitRow, points: &[PointsRow]) -> SplitView {
    let mode = mode_of(&row);
    let mine = points
        .iter()
        .find(|p| p.owner_id == m.user.id)
        .map(|p| p.points.clone());
    let seats: Vec<&str> = m.couple.members.iter().map(|x| x.id.as_str()).collect();
    let division = if row.revealed && seats.len() == 2 {
        division(m, &row, mode, points, &seats)
    } else {
        None
    };
    let rota = match (&division, row.rota_from.as_deref(), mode) {
        (Some(d), Some(from), Mode::Chores) => from.parse::<Date>().ok().map(|from| {
            let this_week = monday_of(m.couple.today(m.now_ms));
            let first = (this_week - from).get_days() / 7;
            (0..ROTA_WEEKS)
                .map(|k| {
                    let week = i64::from(first) + k;
                    RotaWeek {
                        monday: this_week.checked_add((k * 7).days()).unwrap_or(this_week),
                        rows: d
                            .rows
                            .iter()
                            .map(|r| {
                                let who = who_does(r.shares[0], week);
                                (r.name.clone(), d.partners[who].clone())
                            })
                            .collect(),
                    }
                })
                .collect()
        }),
        _ => None,
    };
    SplitView {
        created_day: m.couple.today(row.created_at).to_string(),
        id: row.id,
        title: row.title,
        mode,
        items: row.items,
        revealed: row.revealed,
        my_points: mine,
        division,
        rota,
    }
}

fn division(
    m: &Member,
    row: &SplitRow,
    mode: Mode,
    points: &[PointsRow],
    seats: &[&str],
) -> Option<Division> {
    let of = |seat: &str| points.iter().find(|p| p.owner_id == seat);
    let (a, b) = (of(seats[0])?, of(seats[1])?);
    let to_u32 = |x: i64| u32::try_from(x).ok();
    let pairs: Option<Vec<[u32; 2]>> = a
        .points
        .iter()
        .zip(&b.points)
        .map(|(x, y)| Some([to_u32(*x)?, to_u32(*y)?]))
        .collect();
    let valid = Valid {
        mode,
        partners: [m.couple.name_of(seats[0]), m.couple.name_of(seats[1])],
        names: row.items.clone(),
        points: pairs.filter(|p| p.len() == row.items.len())?,
    };
    let split = valid.split();
    let (lines, why) = in_words(&valid, &split);
    Some(Division {
        rows: row
            .items
            .iter()
            .zip(&split.shares)
            .zip(lines)
            .map(|((name, shares), words)| ResultRow {
                name: name.clone(),
                shares: *shares,
                words,
            })
            .collect(),
        points: split.points,
        split_item: split.split_item.map(|i| row.items[i].clone()),
        partners: valid.partners,
        why,
    })
}

/// Checks a list typed as one item per line (or given as a list).
fn items_of(list: &[String]) -> Result<Vec<String>, AppError> {
    let mut items: Vec<String> = Vec::new();
    for raw in list {
        let Some(item) = line("items", raw, ITEM_MAX_CHARS)? else {
            continue;
        };
        if items.iter().any(|x| x.eq_ignore_ascii_case(&item)) {
            return Err(AppError::field(
                "items",
                format!("“{item}” is in the list twice."),
            ));
        }
        items.push(item);
    }
    if items.is_empty() {
        return Err(AppError::field(
            "items",
            "List at least one chore or thing.",
        ));
    }
    if items.len() > MAX_ITEMS {
        return Err(AppError::field(
            "items",
            format!("Please keep it to {MAX_ITEMS} at a time."),
        ));
    }
    Ok(items)
}

/// The couple's splits, newest first.
pub async fn list(db: &Db, m: &Member) -> Result<Vec<SplitView>, AppError> {
    let rows = store::list(db, &m.scope(), &m.couple.id, LISTED).await?;
    Ok(rows.into_iter().map(|r| shape(m, r, &[])).collect())
}

/// One of the couple's splits; anything else is not found.
pub async fn read(db: &Db, m: &Member, id: &str) -> Result<SplitView, AppError> {
    let (row, points) = store::one(db, &m.scope(), &m.couple.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(shape(m, row, &points))
}

/// Starts a split with its list.
pub async fn create(
    db: &Db,
    m: &Member,
    title_text: &str,
    mode: &str,
    items: &[String],
) -> Result<SplitView, AppError> {
    let mut problems = BTreeMap::new();
    let title = title("title", title_text)
        .map_err(|e| problems.extend(e.fields().cloned().unwrap_or_default()));
    let mode = Mode::parse(mode.trim()).ok_or_else(|| {
        problems.insert("mode".to_owned(), "Choose chores or things.".to_owned());
    });
    let items =
        items_of(items).map_err(|e| problems.extend(e.fields().cloned().unwrap_or_default()));
    let (Ok(title), Ok(mode), Ok(items)) = (title, mode, items) else {
        return Err(AppError::Invalid(problems));
    };
    let id = store::create(
        db,
        &m.couple.id,
        &m.user.id,
        &title,
        mode.as_str(),
        &items,
        m.now_ms,
    )
    .await?;
    read(db, m, &id).await
}

/// Replaces the list until the points are revealed (points given so far are cleared).
pub async fn set_items(
    db: &Db,
    m: &Member,
    id: &str,
    items: &[String],
) -> Result<SplitView, AppError> {
    let items = items_of(items)?;
    match store::set_items(db, &m.couple.id, id, &m.user.id, &items, m.now_ms).await? {
        None => Err(AppError::NotFound),
        Some(false) => Err(revealed()),
        Some(true) => read(db, m, id).await,
    }
}

fn revealed() -> AppError {
    AppError::Conflict {
        code: "already_revealed",
        message:
            "You've both given your points, so this split stays as it is. Start a new one any time."
                .into(),
    }
}

/// Saves the viewer's 100 points, in item order (sealed until both are in).
pub async fn give_points(
    db: &Db,
    m: &Member,
    id: &str,
    points: &[i64],
) -> Result<SplitView, AppError> {
    let split = read(db, m, id).await?;
    if split.revealed {
        return Err(revealed());
    }
    if points.len() != split.items.len() {
        return Err(AppError::field(
            "points",
            format!("Give points for each of the {} items.", split.items.len()),
        ));
    }
    let points: Option<Vec<u32>> = points
        .iter()
        .map(|p| u32::try_from(*p).ok().filter(|p| *p <= 100))
        .collect();
    let Some(points) = points else {
        return Err(AppError::field(
            "points",
            "Points are whole numbers from 0 to 100.",
        ));
    };
    let total: u32 = points.iter().sum();
    if total != 100 {
        return Err(AppError::field(
            "points",
            format!("Your points add up to {total}; spread exactly 100."),
        ));
    }
    match store::save_points(db, &m.couple.id, id, &m.user.id, &points, m.now_ms).await? {
        Saved::AlreadyRevealed => Err(revealed()),
        Saved::Sealed | Saved::Revealed => read(db, m, id).await,
    }
}

/// Makes a revealed chores split the couple's weekly rota, from this week.
pub async fn start_rota(db: &Db, m: &Member, id: &str) -> Result<SplitView, AppError> {
    let split = read(db, m, id).await?;
    if !split.revealed || split.mode != Mode::Chores {
        return Err(AppError::Conflict {
            code: "no_rota_yet",
            message: "A rota comes from a chores split you've both given points to.".into(),
        });
    }
    let monday = monday_of(m.couple.today(m.now_ms)).to_string();
    store::set_rota(db, &m.couple.id, id, Some(&monday), m.now_ms).await?;
    read(db, m, id).await
}

/// Stops a split's rota.
pub async fn stop_rota(db: &Db, m: &Member, id: &str) -> Result<SplitView, AppError> {
    read(db, m, id).await?;
    store::set_rota(db, &m.couple.id, id, None, m.now_ms).await?;
    read(db, m, id).await
}
