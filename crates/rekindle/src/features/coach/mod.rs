//! The gentle-start coach as the application offers it: one length rule and one
//! analysis for the page hint (`web/coach.rs`), the API (`api/coach.rs`) and the
//! command line (`cli.rs`). The analysis itself lives in `rekindle_core::coach`.

pub mod cli;

use rekindle_core::coach::Analysis;

use crate::error::AppError;

/// Longest message the coach reads, in characters.
pub const MAX_CHARS: usize = 20_000;

/// Checks the length and analyses.
pub fn analyse(text: &str) -> Result<Analysis, AppError> {
    if text.chars().count() > MAX_CHARS {
        return Err(AppError::field(
            "text",
            format!("The coach reads up to {MAX_CHARS} characters at a time."),
        ));
    }
    Ok(rekindle_core::coach::analyse(text))
}
