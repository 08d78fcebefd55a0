//! `/api/v1/reports…`: a report for a therapist that both partners approve and either
//! can redact. Only what you both shared is ever in it.

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::affection::CreatedId;
use super::instant;
use super::json::{ApiJson, ApiPath};
use crate::auth::ApiMember;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::features::reports::{self, ReportView};
use crate::state::AppState;

#[derive(Deserialize, ToSchema)]
pub struct ReportRequest {
    /// The last this many days (1 to 366), today included.
    pub days: i64,
}

#[derive(Serialize, ToSchema)]
pub struct ReportSummaryBody {
    pub id: String,
    pub from_day: String,
    pub to_day: String,
    pub created_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct ReportList {
    /// Newest first.
    pub reports: Vec<ReportSummaryBody>,
    /// Who might see a report once it is downloaded: read it before making one.
    pub warning: String,
}

#[derive(Serialize, ToSchema)]
pub struct ReportItemBody {
    /// Name it to take it out (`POST …/redactions`).
    pub key: String,
    pub heading: String,
    /// Who wrote it.
    pub name: String,
    pub day: String,
    pub context: String,
    pub text: String,
}

#[derive(Serialize, ToSchema)]
pub struct RemovedBody {
    pub name: String,
    pub count: usize,
}

#[derive(Serialize, ToSchema)]
pub struct ReportBody {
    pub id: String,
    pub made_by: String,
    pub from_day: String,
    pub to_day: String,
    /// Approvals are for this version; taking anything out makes a new one.
    pub version: i64,
    pub items: Vec<ReportItemBody>,
    /// How many items each of you took out.
    pub removed: Vec<RemovedBody>,
    pub i_approved: bool,
    pub partner_approved: bool,
    /// Both approved this version: `GET …/document` works.
    pub ready: bool,
    pub warning: String,
}

impl From<ReportView> for ReportBody {
    fn from(r: ReportView) -> Self {
        Self {
            ready: r.ready(),
            id: r.id,
            made_by: r.made_by,
            from_day: r.from_day,
            to_day: r.to_day,
            version: r.version,
            items: r
                .items
                .into_iter()
                .map(|i| ReportItemBody {
                    key: i.key,
                    heading: i.heading.to_owned(),
                    name: i.name,
                    day: i.day,
                    context: i.context,
                    text: i.text,
                })
                .collect(),
            removed: r
                .removed
                .into_iter()
                .map(|(name, count)| RemovedBody { name, count })
                .collect(),
            i_approved: r.i_approved,
            partner_approved: r.partner_approved,
            warning: reports::WARNING.to_owned(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
pub struct RedactionRequest {
    /// An item's `key`. Both of you will need to approve again.
    pub item: String,
}

#[derive(Deserialize, ToSchema)]
pub struct ApprovalRequest {
    /// The `version` you read.
    pub version: i64,
}

#[utoipa::path(post, path = "/api/v1/reports", tag = "reports", security(("bearer" = [])),
    request_body = ReportRequest,
    responses((status = 201, body = CreatedId, description = "Made; your partner sees it too"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    m: ApiMember,
    ApiJson(body): ApiJson<ReportRequest>,
) -> ApiResult<(StatusCode, axum::Json<CreatedId>)> {
    let id = reports::create(&state.db, &m.member, body.days).await?;
    Ok((StatusCode::CREATED, axum::Json(CreatedId { id })))
}

#[utoipa::path(get, path = "/api/v1/reports", tag = "reports", security(("bearer" = [])),
    responses((status = 200, body = ReportList), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<ReportList>> {
    let rows = reports::list(&state.db, &m.member).await?;
    Ok(axum::Json(ReportList {
        reports: rows
            .into_iter()
            .map(|r| ReportSummaryBody {
                id: r.id,
                from_day: r.from_day,
                to_day: r.to_day,
                created_at: instant(r.created_at_ms),
            })
            .collect(),
        warning: reports::WARNING.to_owned(),
    }))
}

#[utoipa::path(get, path = "/api/v1/reports/{id}", tag = "reports", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your couple's reports")),
    responses((status = 200, body = ReportBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<ReportBody>> {
    Ok(axum::Json(
        reports::show(&state.db, &m.member, &id).await?.into(),
    ))
}

#[utoipa::path(post, path = "/api/v1/reports/{id}/redactions", tag = "reports", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your couple's reports")),
    request_body = RedactionRequest,
    responses((status = 204, description = "Taken out; both of you need to approve again"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn redact(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<RedactionRequest>,
) -> ApiResult<StatusCode> {
    reports::redact(&state.db, &m.member, &id, &body.item).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/reports/{id}/approval", tag = "reports", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your couple's reports")),
    request_body = ApprovalRequest,
    responses((status = 204, description = "Approved"),
        (status = 409, body = ErrorBody, description = "It changed since that version (`report_changed`)"),
        (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn approve(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ApprovalRequest>,
) -> ApiResult<StatusCode> {
    reports::approve(&state.db, &m.member, &id, body.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/reports/{id}/document", tag = "reports", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your couple's reports")),
    responses((status = 200, description = "The report as a printable HTML file", content_type = "text/html"),
        (status = 409, body = ErrorBody, description = "Not approved by both of you (`not_approved`)"),
        (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn document(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> Result<impl IntoResponse, ApiError> {
    let report = reports::for_download(&state.db, &m.member, &id).await?;
    let html = reports::file(&report)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"rekindle-report.html\"",
            ),
        ],
        html,
    ))
}

#[utoipa::path(delete, path = "/api/v1/reports/{id}", tag = "reports", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your couple's reports")),
    responses((status = 204, description = "Deleted (either of you may)"), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    reports::remove(&state.db, &m.member, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
