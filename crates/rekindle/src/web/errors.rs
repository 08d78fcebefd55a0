//! Error pages, and the page-side fallbacks for unknown paths and methods.

use askama::Template;
use axum::response::{IntoResponse, Response};

use super::WebError;
use crate::config::DEFAULT_QUICK_EXIT_URL;
use crate::error::AppError;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: super::Chrome,
    title: &'static str,
    message: String,
}

/// Renders an error as a page. The quick-exit link falls back to the default here,
/// because errors are rendered without access to the state.
pub fn page(err: &AppError) -> Response {
    let title = match err {
        AppError::NotFound => "Nothing here",
        AppError::TooManyRequests { .. } => "Let's pause for a moment",
        AppError::Internal(_) => "Something went wrong",
        _ => "That didn't work",
    };
    let page = ErrorPage {
        chrome: super::Chrome {
            signed_in: false,
            quick_exit_url: DEFAULT_QUICK_EXIT_URL.to_owned(),
            current: "",
        },
        title,
        message: err.message(),
    };
    match page.render() {
        Ok(html) => (err.status(), axum::response::Html(html)).into_response(),
        Err(_) => (err.status(), err.message()).into_response(),
    }
}

pub async fn not_found() -> WebError {
    WebError(AppError::NotFound)
}

pub async fn method_not_allowed() -> WebError {
    WebError(AppError::MethodNotAllowed)
}
