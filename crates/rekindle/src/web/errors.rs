//! Error pages, and the page-side fallbacks for unknown paths and methods.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::WebError;
use crate::config::DEFAULT_QUICK_EXIT_URL;
use crate::error::AppError;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    chrome: super::Chrome,
    title: &'static str,
    message: String,
}

/// What an error page says, kept on the response: errors are made without the app's
/// state, so the outer layer (`with_configured_quick_exit`) renders the page again
/// with the operator's quick-exit address.
#[derive(Debug, Clone)]
struct ErrorPageParts {
    title: &'static str,
    message: String,
}

fn render(parts: &ErrorPageParts, status: StatusCode, quick_exit_url: &str) -> Response {
    let page = ErrorPage {
        chrome: super::Chrome {
            signed_in: false,
            quick_exit_url: quick_exit_url.to_owned(),
            current: "",
            // An error page has no request state (so no app clock); the day is unused.
            today: rekindle_core::schedule::local_day_in(
                "UTC",
                jiff::Timestamp::now().as_millisecond(),
            ),
            unread: 0,
        },
        title: parts.title,
        message: parts.message.clone(),
    };
    match page.render() {
        Ok(html) => (status, axum::response::Html(html)).into_response(),
        Err(_) => (status, parts.message.clone()).into_response(),
    }
}

/// Renders an error as a page (with the default quick exit until the outer layer
/// puts the configured one in).
pub fn page(err: &AppError) -> Response {
    let title = match err {
        AppError::NotFound => "Nothing here",
        AppError::TooManyRequests { .. } | AppError::Busy { .. } => "Let's pause for a moment",
        AppError::Internal(_) => "Something went wrong",
        _ => "That didn't work",
    };
    let parts = ErrorPageParts {
        title,
        message: err.message(),
    };
    let mut response = render(&parts, err.status(), DEFAULT_QUICK_EXIT_URL);
    response.extensions_mut().insert(parts);
    response
}

/// Gives error pages the operator's quick-exit address, keeping status and headers.
pub async fn with_configured_quick_exit(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let url = &state.config.quick_exit_url;
    if url == DEFAULT_QUICK_EXIT_URL {
        return response;
    }
    let Some(parts) = response.extensions_mut().remove::<ErrorPageParts>() else {
        return response;
    };
    let (mut head, _) = response.into_parts();
    let (_, body) = render(&parts, head.status, url).into_parts();
    head.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(head, body)
}

pub async fn not_found() -> WebError {
    WebError(AppError::NotFound)
}

pub async fn method_not_allowed() -> WebError {
    WebError(AppError::MethodNotAllowed)
}
