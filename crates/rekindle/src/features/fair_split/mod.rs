//! Fair split: dividing chores or things between two people with Adjusted Winner
//! (`rekindle_core::fairness`). One reading of a sheet for the command line
//! (`cli.rs`), the API and the app, so the three cannot disagree.

pub mod app;
pub mod cli;

use rekindle_core::fairness::sheet::{Outcome, Sheet, SheetError};

/// Reads a sheet from JSON and divides it; every refusal is one line.
pub fn decide_json(bytes: &[u8]) -> Result<Outcome, SheetError> {
    let sheet: Sheet = serde_json::from_slice(bytes)
        .map_err(|e| SheetError(format!("not a fair-split sheet: {e}")))?;
    decide(&sheet)
}

/// Divides a sheet already read.
pub fn decide(sheet: &Sheet) -> Result<Outcome, SheetError> {
    Ok(sheet.validate()?.outcome())
}
