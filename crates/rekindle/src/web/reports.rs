//! `/reports…`: a report for a therapist — make one over a period, read it together,
//! take out anything (either of you), approve, and download once both have.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::form::WebForm;
use super::{Chrome, WebResult, render};
use crate::auth::WebMember;
use crate::db::reports::ReportRow;
use crate::error::AppError;
use crate::features::reports::{self, PERIODS, ReportView, WARNING};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "reports.html")]
struct ReportsPage {
    chrome: Chrome,
    partner: String,
    reports: Vec<ReportRow>,
    periods: [i64; 3],
    warning: &'static str,
}

pub async fn list(State(state): State<AppState>, m: WebMember) -> WebResult {
    let page = ReportsPage {
        chrome: Chrome::new(&state, Some(&m.user), "reports"),
        partner: m.couple.partner_name(&m.user.id),
        reports: reports::list(&state.db, &m.member).await?,
        periods: PERIODS,
        warning: WARNING,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Deserialize, Default)]
pub struct CreateForm {
    #[serde(default)]
    days: String,
}

pub async fn create(
    State(state): State<AppState>,
    m: WebMember,
    WebForm(form): WebForm<CreateForm>,
) -> WebResult {
    let days = form.days.trim().parse().unwrap_or(0);
    let id = reports::create(&state.db, &m.member, days).await?;
    Ok(Redirect::to(&format!("/reports/{id}")).into_response())
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    chrome: Chrome,
    partner: String,
    report: ReportView,
    warning: &'static str,
}

pub async fn show(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    let page = ReportPage {
        chrome: Chrome::new(&state, Some(&m.user), "reports"),
        partner: m.couple.partner_name(&m.user.id),
        report: reports::show(&state.db, &m.member, &id).await?,
        warning: WARNING,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Deserialize, Default)]
pub struct RedactForm {
    #[serde(default)]
    item: String,
}

pub async fn redact(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<RedactForm>,
) -> WebResult {
    reports::redact(&state.db, &m.member, &id, &form.item).await?;
    Ok(Redirect::to(&format!("/reports/{id}")).into_response())
}

#[derive(Deserialize, Default)]
pub struct ApproveForm {
    #[serde(default)]
    version: String,
}

pub async fn approve(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
    WebForm(form): WebForm<ApproveForm>,
) -> WebResult {
    let version = form.version.trim().parse().unwrap_or(0);
    match reports::approve(&state.db, &m.member, &id, version).await {
        Ok(()) | Err(AppError::Conflict { .. }) => {
            // A changed report is simply shown again, to be read before approving.
            Ok(Redirect::to(&format!("/reports/{id}")).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn download(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
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
    )
        .into_response())
}

pub async fn remove(
    State(state): State<AppState>,
    m: WebMember,
    Path(id): Path<String>,
) -> WebResult {
    reports::remove(&state.db, &m.member, &id).await?;
    Ok(Redirect::to("/reports").into_response())
}
