//! Settings' "download everything": the export as a readable HTML file and as JSON
//! (the same document as `GET /api/v1/me/export`).

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use serde_json::Value;

use super::WebResult;
use crate::auth::WebUser;
use crate::db::visibility::Scope;
use crate::error::AppError;
use crate::features::export;
use crate::state::AppState;

async fn document(state: &AppState, u: &WebUser) -> Result<Value, AppError> {
    let scope = Scope::new(
        &u.user.id,
        u.couple.as_ref().map(|c| c.id.as_str()),
        state.clock.now_ms(),
    );
    Ok(export::document(&state.db, &scope, u.key.as_ref()).await?)
}

/// One section of the readable export: a title and its rows as (field, text) pairs.
struct Section {
    title: &'static str,
    rows: Vec<Vec<(String, String)>>,
}

#[derive(Template)]
#[template(path = "export.html")]
struct ExportFile {
    name: String,
    exported_at: String,
    sections: Vec<Section>,
}

fn shown(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn rows(list: &Value) -> Vec<Vec<(String, String)>> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .map(|row| {
            row.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.replace('_', " "), shown(v)))
                .collect()
        })
        .collect()
}

pub async fn html(State(state): State<AppState>, u: WebUser) -> WebResult {
    let doc = document(&state, &u).await?;
    let mut sections = vec![
        Section {
            title: "Your account",
            rows: rows(&Value::Array(vec![doc["account"].clone()])),
        },
        Section {
            title: "Your couples",
            rows: rows(&doc["couples"]),
        },
    ];
    if let Some(content) = doc["content"].as_object() {
        for (table, list) in content {
            let rows = rows(list);
            if !rows.is_empty() {
                sections.push(Section {
                    title: export::table_title(table),
                    rows,
                });
            }
        }
    }
    sections.push(Section {
        title: "Notifications you received",
        rows: rows(&doc["notifications"]),
    });
    let file = ExportFile {
        name: u.user.display_name.clone(),
        exported_at: shown(&doc["exported_at"]),
        sections,
    };
    let html = file
        .render()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("export template: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"rekindle-export.html\"",
            ),
        ],
        html,
    )
        .into_response())
}

pub async fn json(State(state): State<AppState>, u: WebUser) -> WebResult {
    let doc = document(&state, &u).await?;
    let body = serde_json::to_string_pretty(&doc).map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"rekindle-export.json\"",
            ),
        ],
        body,
    )
        .into_response())
}
