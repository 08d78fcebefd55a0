//! Checks for the short texts people type into forms, worded once for every feature.

use crate::error::AppError;

/// Longest title (of an idea, a date, a tradition, a split), in characters.
pub const TITLE_MAX_CHARS: usize = 120;

/// A one-line text field: trimmed, within `max` characters, no line breaks. `None`
/// when empty.
pub(crate) fn line(field: &str, value: &str, max: usize) -> Result<Option<String>, AppError> {
    let value = value.trim();
    if value.chars().any(char::is_control) {
        return Err(AppError::field(field, "Please keep this to one line."));
    }
    if value.chars().count() > max {
        return Err(AppError::field(
            field,
            format!("Please keep this to {max} characters."),
        ));
    }
    Ok((!value.is_empty()).then(|| value.to_owned()))
}

/// A title: one line, required.
pub(crate) fn title(field: &str, value: &str) -> Result<String, AppError> {
    line(field, value, TITLE_MAX_CHARS)?
        .ok_or_else(|| AppError::field(field, "Please give it a name."))
}
