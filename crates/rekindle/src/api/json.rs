//! Extractors whose rejections are the contract's JSON errors (the framework's own are
//! plain text), and the API's fallbacks for unknown paths and methods.

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::{ApiError, AppError};

/// A JSON body.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(ApiError(json_rejection(&rejection))),
        }
    }
}

fn json_rejection(rejection: &JsonRejection) -> AppError {
    match rejection {
        JsonRejection::JsonDataError(err) => AppError::BadRequest {
            code: "invalid_json",
            message: format!(
                "The JSON body has the wrong shape: {}",
                data_error_detail(&err.body_text())
            ),
        },
        JsonRejection::JsonSyntaxError(_) => AppError::BadRequest {
            code: "malformed_json",
            message: "The body is not valid JSON.".into(),
        },
        JsonRejection::MissingJsonContentType(_) => AppError::BadRequest {
            code: "json_required",
            message: "Send the body as JSON with `Content-Type: application/json`.".into(),
        },
        other if other.status() == StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
        _ => AppError::BadRequest {
            code: "unreadable_body",
            message: "The request body could not be read.".into(),
        },
    }
}

/// serde's message names the field and the problem; it never echoes values.
fn data_error_detail(text: &str) -> String {
    let detail = text
        .strip_prefix("Failed to deserialize the JSON body into the target type: ")
        .unwrap_or(text);
    detail.chars().take(200).collect()
}

/// A path parameter.
pub struct ApiPath<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiPath<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Self(value)),
            Err(PathRejection::FailedToDeserializePathParams(_)) => {
                Err(ApiError(AppError::NotFound))
            }
            Err(_) => Err(ApiError(AppError::BadRequest {
                code: "bad_path",
                message: "The path could not be read.".into(),
            })),
        }
    }
}

/// A query string.
pub struct ApiQuery<T>(pub T);

impl<S, T> FromRequestParts<S> for ApiQuery<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Self(value)),
            Err(err) => Err(ApiError(AppError::BadRequest {
                code: "bad_query",
                message: format!(
                    "The query string could not be read: {}",
                    data_error_detail(&err.body_text())
                ),
            })),
        }
    }
}

pub async fn not_found() -> ApiError {
    ApiError(AppError::NotFound)
}

pub async fn method_not_allowed() -> ApiError {
    ApiError(AppError::MethodNotAllowed)
}
