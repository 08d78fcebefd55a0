//! Check-ins, the one flow both the page and the API use. Saving: the day must be the
//! person's own today, the values valid, and the check-in lands in their current couple.
//! Reading: the viewer's and the partner's check-ins, each through the visibility rule
//! (the partner's note never comes back).

use rekindle_core::checkin::{CheckInInput, DayError, check_day};

use crate::db::checkins;
pub use crate::db::checkins::CheckInRow;
use crate::db::couples::Couple;
use crate::db::keys::place;
use crate::db::users::User;
use crate::db::visibility::Scope;
use crate::error::AppError;
use crate::features::dashboard::today_for;
use crate::state::AppState;
use crate::vault::{Closed, DataKey, open_own};

/// Validates and stores today's check-in.
pub async fn save_today(
    state: &AppState,
    user: &User,
    couple: Option<&Couple>,
    key: Option<&DataKey>,
    day: &str,
    input: CheckInInput,
) -> Result<CheckInRow, AppError> {
    let today = today_for(user, state.clock.now_ms());
    match check_day(day, today) {
        Ok(_) => {}
        Err(DayError::Malformed) => {
            return Err(AppError::BadRequest {
                code: "bad_day",
                message: "A day is written YYYY-MM-DD, such as 2026-11-27.".into(),
            });
        }
        Err(DayError::Future) => {
            return Err(AppError::field(
                "day",
                format!("That day hasn't come yet. Today is {today} where you are."),
            ));
        }
        Err(DayError::Past) => {
            return Err(AppError::field(
                "day",
                format!("A check-in is for the day it describes; today is {today} where you are."),
            ));
        }
    }
    let checkin = input.validate().map_err(AppError::Invalid)?;
    let mut row = checkins::save(
        &state.db,
        &user.id,
        couple.map(|c| c.id.as_str()),
        day,
        &checkin,
        key,
        state.clock.now_ms(),
    )
    .await?;
    // What was saved comes back as written (storage keeps it sealed).
    row.note = checkin.note.clone();
    Ok(row)
}

/// Opens the viewer's own private notes among `rows` with their key. A note that
/// cannot be opened (locked, or changed outside Rekindle) is left out: the check-in
/// page says why (`notes_closed`).
fn open_notes(rows: &mut [CheckInRow], key: Option<&DataKey>) -> Option<Closed> {
    let mut closed = None;
    for row in rows {
        if let Some(sealed) = row.note.take() {
            let place = place("checkin_notes", &row.id, &row.owner_id);
            match open_own(key, &place, &sealed) {
                Ok(text) => row.note = Some(text),
                Err(why) => closed = Some(why),
            }
        }
    }
    closed
}

/// The viewer's and their partner's check-ins over a range of days (both ends
/// included), with the viewer's current couple.
pub struct Range {
    pub couple: Option<Couple>,
    pub mine: Vec<CheckInRow>,
    pub partner: Vec<CheckInRow>,
    /// Why some of the viewer's own notes could not be opened, if any could not.
    pub notes_closed: Option<Closed>,
}

/// Reads both partners' check-ins from `from` to `to` (`YYYY-MM-DD`); `couple` is the
/// viewer's current couple, from the session lookup.
pub async fn read_range(
    state: &AppState,
    user: &User,
    couple: Option<&Couple>,
    key: Option<&DataKey>,
    from: &str,
    to: &str,
) -> Result<Range, crate::db::Error> {
    let couple = couple.cloned();
    let scope = Scope::new(
        &user.id,
        couple.as_ref().map(|c| c.id.as_str()),
        state.clock.now_ms(),
    );
    let mut mine = checkins::list(&state.db, &scope, &user.id, from, to).await?;
    let notes_closed = open_notes(&mut mine, key);
    let partner = match couple.as_ref().and_then(|c| c.partner_of(&user.id)) {
        Some(p) => checkins::list(&state.db, &scope, &p.id, from, to).await?,
        None => Vec::new(),
    };
    Ok(Range {
        couple,
        mine,
        partner,
        notes_closed,
    })
}

/// The viewer's own check-in for today, if any (its note opened), their current
/// couple, and why the note could not be opened, if it could not.
pub async fn mine_today(
    state: &AppState,
    user: &User,
    couple: Option<&Couple>,
    key: Option<&DataKey>,
) -> Result<(Option<CheckInRow>, Option<Couple>, Option<Closed>), crate::db::Error> {
    let day = today_for(user, state.clock.now_ms()).to_string();
    let couple = couple.cloned();
    let scope = Scope::new(
        &user.id,
        couple.as_ref().map(|c| c.id.as_str()),
        state.clock.now_ms(),
    );
    let mut today = checkins::list(&state.db, &scope, &user.id, &day, &day).await?;
    let closed = open_notes(&mut today, key);
    Ok((today.pop(), couple, closed))
}
