//! `WebForm`: a urlencoded form whose rejection is our error page (400), not the
//! framework's plain text.

use axum::extract::{Form, FromRequest, Request};
use serde::de::DeserializeOwned;

use super::WebError;
use crate::error::AppError;

pub struct WebForm<T>(pub T);

impl<S, T> FromRequest<S> for WebForm<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, WebError> {
        match Form::<T>::from_request(req, state).await {
            Ok(Form(value)) => Ok(Self(value)),
            Err(rejection) => Err(WebError(rejection_error(
                rejection.status(),
                rejection.body_text(),
            ))),
        }
    }
}

fn rejection_error(status: axum::http::StatusCode, _detail: String) -> AppError {
    if status == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        AppError::PayloadTooLarge
    } else {
        AppError::BadRequest {
            code: "bad_form",
            message:
                "We couldn't read that form. Please go back and try again; nothing was changed."
                    .into(),
        }
    }
}
