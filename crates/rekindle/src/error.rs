//! The one application error. API handlers answer it as the contract's JSON error,
//! page handlers as a calm error page. 5xx causes are logged (never user content);
//! the body stays generic.

use std::collections::BTreeMap;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// Everything that can go wrong while answering a request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Does not exist, or the caller may not see it: the two are indistinguishable.
    #[error("not found")]
    NotFound,
    /// A specific thing that does not exist (or not any more), with a clear message.
    #[error("{message}")]
    Missing { code: &'static str, message: String },
    /// No valid session or token.
    #[error("unauthorized")]
    Unauthorized,
    /// Sign-in failed: unknown e-mail and wrong password look the same.
    #[error("invalid credentials")]
    InvalidCredentials,
    /// Some fields are wrong; each has a message for the person.
    #[error("invalid input")]
    Invalid(BTreeMap<String, String>),
    /// The request as a whole cannot be understood.
    #[error("{message}")]
    BadRequest { code: &'static str, message: String },
    /// The request clashes with the current state (taken e-mail, full couple).
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    /// Allowed in general but not here (closed registration, cross-site form).
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
    /// Too many tries; come back later.
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    /// The server is too busy to do this now (bounded password work); come back soon.
    #[error("busy")]
    Busy { retry_after_secs: u64 },
    /// The body is larger than the cap.
    #[error("payload too large")]
    PayloadTooLarge,
    /// No such method on this path.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// Something broke on our side.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// A single-field validation error.
    pub fn field(name: &str, message: impl Into<String>) -> Self {
        Self::Invalid(BTreeMap::from([(name.to_owned(), message.into())]))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Self::NotFound | Self::Missing { .. } => StatusCode::NOT_FOUND,
            Self::Unauthorized | Self::InvalidCredentials => StatusCode::UNAUTHORIZED,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::BadRequest { .. } => StatusCode::BAD_REQUEST,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::Forbidden { .. } => StatusCode::FORBIDDEN,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The machine-readable code of the contract's error shape.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotFound => "not_found",
            Self::Unauthorized => "unauthorized",
            Self::InvalidCredentials => "invalid_credentials",
            Self::Invalid(_) => "invalid_input",
            Self::BadRequest { code, .. }
            | Self::Missing { code, .. }
            | Self::Conflict { code, .. }
            | Self::Forbidden { code, .. } => code,
            Self::TooManyRequests { .. } => "too_many_requests",
            Self::Busy { .. } => "busy",
            Self::PayloadTooLarge => "payload_too_large",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::Internal(_) => "internal",
        }
    }

    /// A sentence for a person.
    pub fn message(&self) -> String {
        match self {
            Self::NotFound => "There's nothing here.".into(),
            Self::Unauthorized => "Please sign in first.".into(),
            Self::InvalidCredentials => {
                "That e-mail and password don't match an account. Please check them and try again."
                    .into()
            }
            Self::Invalid(_) => "Some of what was sent needs another look.".into(),
            Self::BadRequest { message, .. }
            | Self::Missing { message, .. }
            | Self::Conflict { message, .. }
            | Self::Forbidden { message, .. } => message.clone(),
            Self::TooManyRequests { retry_after_secs } => format!(
                "Too many tries for now. Please wait {} and try again.",
                seconds(*retry_after_secs)
            ),
            Self::Busy { retry_after_secs } => format!(
                "Rekindle is busy for a moment. Please try again in {}.",
                seconds(*retry_after_secs)
            ),
            Self::PayloadTooLarge => "That was more than we can take in one go (1 MiB).".into(),
            Self::MethodNotAllowed => "That action isn't available here.".into(),
            Self::Internal(_) => {
                "Something went wrong on our side. Nothing you sent was lost; please try again."
                    .into()
            }
        }
    }

    pub fn fields(&self) -> Option<&BTreeMap<String, String>> {
        match self {
            Self::Invalid(fields) => Some(fields),
            _ => None,
        }
    }

    /// Logs server-side failures with their cause chain; never request content.
    pub fn log(&self) {
        if let Self::Internal(err) = self {
            tracing::error!(error = format!("{err:#}"), "request failed");
        }
    }

    /// Headers every rendering of this error carries.
    pub fn add_headers(&self, response: &mut Response) {
        let headers = response.headers_mut();
        match self {
            Self::TooManyRequests { retry_after_secs } | Self::Busy { retry_after_secs } => {
                if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                    headers.insert(header::RETRY_AFTER, v);
                }
            }
            Self::Unauthorized => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
    }
}

/// "1 second", "30 seconds".
fn seconds(n: u64) -> String {
    if n == 1 {
        "1 second".to_owned()
    } else {
        format!("{n} seconds")
    }
}

impl From<crate::auth::password::PasswordError> for AppError {
    fn from(err: crate::auth::password::PasswordError) -> Self {
        match err {
            crate::auth::password::PasswordError::Busy => Self::Busy {
                retry_after_secs: 1,
            },
            crate::auth::password::PasswordError::Failed(e) => Self::Internal(e),
        }
    }
}

impl From<crate::db::Error> for AppError {
    fn from(err: crate::db::Error) -> Self {
        // A lock wait that ran out is a moment's congestion, not a failure.
        if err.is_busy() {
            tracing::warn!("database busy; asked the client to retry");
            return Self::Busy {
                retry_after_secs: 1,
            };
        }
        if matches!(err, crate::db::Error::Locked) {
            return crate::auth::keyring::locked();
        }
        Self::Internal(anyhow::Error::new(err).context("database"))
    }
}

/// The contract's error body.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<String, String>>,
}

/// An error answered as JSON (for `/api/…`).
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        Self(err)
    }
}

impl From<crate::db::Error> for ApiError {
    fn from(err: crate::db::Error) -> Self {
        Self(err.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let err = self.0;
        err.log();
        let body = ErrorBody {
            error: ErrorDetail {
                code: err.code().to_owned(),
                message: err.message(),
                fields: err.fields().cloned(),
            },
        };
        let mut response = (err.status(), axum::Json(body)).into_response();
        err.add_headers(&mut response);
        response
    }
}

/// Results of API handlers.
pub type ApiResult<T> = Result<T, ApiError>;
