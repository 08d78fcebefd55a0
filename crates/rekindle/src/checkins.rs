//! Saving a check-in, the one flow both the page and the API use: the day must be the
//! person's own today, the values valid, and the check-in lands in their current couple.

use rekindle_core::checkin::{CheckInInput, DayError, check_day};

use crate::app::AppState;
use crate::dashboard::today_for;
use crate::db::checkins::{self, CheckInRow};
use crate::db::couples;
use crate::db::users::User;
use crate::error::AppError;

/// Validates and stores today's check-in.
pub async fn save_today(
    state: &AppState,
    user: &User,
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
    let couple = couples::current_for(&state.db, &user.id).await?;
    Ok(checkins::save(
        &state.db,
        &user.id,
        couple.as_ref().map(|c| c.id.as_str()),
        day,
        &checkin,
    )
    .await?)
}
