//! JSON handlers for `/api/v1`, one file per resource, each operation documented for
//! the OpenAPI document. They call the same db/ and core functions as the pages.

pub mod accounts;
pub mod affection;
pub mod archive;
pub mod checkins;
pub mod coach;
pub mod compromise;
pub mod couples;
pub mod dashboard;
pub mod dates;
pub mod export;
pub mod fair_split;
pub mod gestures;
pub mod guides;
pub mod journal;
pub mod json;
pub mod keyring;
pub mod listening;
pub mod love_map;
pub mod me;
pub mod mutual;
pub mod notes;
pub mod notifications;
pub mod openapi;
pub mod questions;
pub mod reports;
pub mod state_of_us;

/// An instant as the contract writes it: RFC 3339 with offset (UTC, `Z`).
pub fn instant(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).map_or_else(|_| String::new(), |t| t.to_string())
}

/// An instant from a request: RFC 3339 with its offset; a clear 422 on `field` if not.
pub(crate) fn parse_instant(field: &str, text: &str) -> Result<i64, crate::error::AppError> {
    text.trim()
        .parse::<jiff::Timestamp>()
        .map(jiff::Timestamp::as_millisecond)
        .map_err(|_| {
            crate::error::AppError::field(
                field,
                "Give an instant with its offset, such as 2026-12-05T19:30:00+01:00.",
            )
        })
}
