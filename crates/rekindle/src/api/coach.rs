//! `POST /api/v1/coach`: the gentle-start coach, the same answer as `rekindle coach --json`.

use rekindle_core::coach::Analysis;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::json::ApiJson;
use crate::auth::ApiUser;
use crate::error::{ApiResult, ErrorBody};

#[derive(Deserialize, ToSchema)]
pub struct CoachRequest {
    /// The message to look at (up to 20 000 characters).
    #[schema(max_length = 20000)]
    pub text: String,
}

#[derive(Serialize, ToSchema)]
pub struct FindingBody {
    /// `criticism`, `contempt`, `blame`, `defensiveness`, `stonewalling`, `absolute`,
    /// `demand`, `sarcasm`, `insult` or `ultimatum`.
    pub kind: String,
    /// Byte offsets into `text`.
    pub start: usize,
    pub end: usize,
    pub explanation: String,
    pub suggestion: String,
    /// The slug of the guide that says more (`GET /api/v1/guides/{slug}`).
    pub guide: String,
}

#[derive(Serialize, ToSchema)]
pub struct CoachBody {
    /// 0 (harsh) … 100 (a gentle start).
    pub gentleness: u8,
    pub findings: Vec<FindingBody>,
    /// An I-statement version, or null when there is nothing to soften.
    pub rewrite: Option<String>,
}

impl From<Analysis> for CoachBody {
    fn from(a: Analysis) -> Self {
        Self {
            gentleness: a.gentleness,
            findings: a
                .findings
                .into_iter()
                .map(|f| FindingBody {
                    kind: f.kind.as_str().to_owned(),
                    start: f.start,
                    end: f.end,
                    explanation: f.explanation.to_owned(),
                    suggestion: f.suggestion.to_owned(),
                    guide: f.guide.to_owned(),
                })
                .collect(),
            rewrite: a.rewrite,
        }
    }
}

#[utoipa::path(post, path = "/api/v1/coach", tag = "talk", security(("bearer" = [])),
    request_body = CoachRequest,
    responses(
        (status = 200, body = CoachBody, description = "Findings with byte spans, a 0–100 gentleness score and a rewrite"),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn analyse_text(
    _user: ApiUser,
    ApiJson(body): ApiJson<CoachRequest>,
) -> ApiResult<axum::Json<CoachBody>> {
    Ok(axum::Json(
        crate::features::coach::analyse(&body.text)?.into(),
    ))
}
