//! `/api/v1/journal…`: your private reflection journal (only you ever read it; it is
//! stored encrypted with your own key), its guided prompts, and the excerpts you and
//! your partner chose to share.

use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::affection::CreatedId;
use super::instant;
use super::json::{ApiJson, ApiPath, ApiQuery};
use crate::auth::{ApiMember, ApiUser};
use crate::error::{ApiResult, ErrorBody};
use crate::features::journal::{self, Draft, Entry, Writer};
use crate::state::AppState;

fn writer(u: &ApiUser, now_ms: i64) -> Writer<'_> {
    Writer {
        user: &u.user,
        couple: u.couple.as_ref(),
        key: u.key.as_ref(),
        now_ms,
    }
}

#[derive(Deserialize, ToSchema)]
pub struct JournalRequest {
    /// Up to 20,000 characters. Private: only you see this (stored encrypted).
    pub body: String,
    /// A guided prompt's id (`GET /api/v1/journal/prompts`), if you wrote to one.
    /// Private: only you see this.
    pub prompt_id: Option<String>,
    /// Up to 10 tags of up to 30 characters (lower-cased, repeats dropped). Private:
    /// only you see this.
    #[serde(default)]
    pub tags: Vec<String>,
}

impl JournalRequest {
    fn draft(&self) -> Draft {
        Draft {
            body: self.body.clone(),
            tags: self.tags.join(","),
            prompt_id: self.prompt_id.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct JournalPromptBody {
    pub id: String,
    /// `distance`, `my-part`, `need`, `grateful`, `gently` or `hope`.
    pub theme: String,
    pub text: String,
    /// A line to help you start.
    pub nudge: String,
}

impl From<&rekindle_core::content::reflection::Prompt> for JournalPromptBody {
    fn from(p: &rekindle_core::content::reflection::Prompt) -> Self {
        Self {
            id: p.slug.to_owned(),
            theme: p.theme.as_str().to_owned(),
            text: p.text.to_owned(),
            nudge: p.nudge.to_owned(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct JournalEntryBody {
    pub id: String,
    pub body: String,
    pub tags: Vec<String>,
    pub prompt: Option<JournalPromptBody>,
    pub created_at: String,
    pub updated_at: String,
}

impl From<Entry> for JournalEntryBody {
    fn from(e: Entry) -> Self {
        Self {
            id: e.id,
            body: e.body,
            tags: e.tags,
            prompt: e.prompt.map(Into::into),
            created_at: instant(e.created_at_ms),
            updated_at: instant(e.updated_at_ms),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct JournalList {
    /// Your own entries that match, newest first.
    pub entries: Vec<JournalEntryBody>,
    /// Every tag you have used, by name.
    pub tags: Vec<String>,
    /// Your entries in all, matching or not.
    pub total: usize,
    /// Entries that could not be opened: `locked` (after an operator's password
    /// reset, until you give your recovery code) or changed outside Rekindle.
    pub unopened: usize,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JournalQuery {
    /// Words to find (every one, anywhere in an entry, its tags or prompt; any case).
    #[serde(default)]
    pub q: String,
    /// Only entries with this tag.
    pub tag: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct JournalPrompts {
    /// Today's suggestion (the same all day).
    pub today: JournalPromptBody,
    pub prompts: Vec<JournalPromptBody>,
}

#[derive(Deserialize, ToSchema)]
pub struct ExcerptRequest {
    /// The words to share, up to 2,000 characters. Your partner sees this.
    pub excerpt: String,
    /// Must be `true`: you confirm your partner will read these words.
    #[serde(default)]
    pub confirm: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ExcerptBody {
    pub id: String,
    /// Whether you shared it.
    pub mine: bool,
    /// Who shared it.
    pub name: String,
    pub body: String,
    pub created_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct ExcerptList {
    /// Newest first, from both of you.
    pub excerpts: Vec<ExcerptBody>,
}

#[utoipa::path(post, path = "/api/v1/journal", tag = "journal", security(("bearer" = [])),
    request_body = JournalRequest,
    responses((status = 201, body = CreatedId, description = "Written and stored encrypted; only you can read it"),
        (status = 409, body = ErrorBody, description = "Your private writing is locked (`private_writing_locked`)"),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn write(
    State(state): State<AppState>,
    u: ApiUser,
    ApiJson(body): ApiJson<JournalRequest>,
) -> ApiResult<(StatusCode, axum::Json<CreatedId>)> {
    let w = writer(&u, state.clock.now_ms());
    let id = journal::write(&state.db, &w, &body.draft()).await?;
    Ok((StatusCode::CREATED, axum::Json(CreatedId { id })))
}

#[utoipa::path(get, path = "/api/v1/journal", tag = "journal", security(("bearer" = [])),
    params(JournalQuery),
    responses((status = 200, body = JournalList, description = "Your own entries only"),
        (status = 422, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    u: ApiUser,
    ApiQuery(q): ApiQuery<JournalQuery>,
) -> ApiResult<axum::Json<JournalList>> {
    let w = writer(&u, state.clock.now_ms());
    let found = journal::search(&state.db, &w, &q.q, q.tag.as_deref(), None).await?;
    Ok(axum::Json(JournalList {
        entries: found.entries.into_iter().map(Into::into).collect(),
        tags: found.tags.into_iter().map(|(t, _)| t).collect(),
        total: found.total,
        unopened: found.closed.map_or(0, |(_, n)| n),
    }))
}

#[utoipa::path(get, path = "/api/v1/journal/prompts", tag = "journal", security(("bearer" = [])),
    responses((status = 200, body = JournalPrompts), (status = 401, body = ErrorBody)))]
pub async fn prompts(
    State(state): State<AppState>,
    u: ApiUser,
) -> ApiResult<axum::Json<JournalPrompts>> {
    Ok(axum::Json(JournalPrompts {
        today: journal::suggestion(&u.user, state.clock.now_ms()).into(),
        prompts: rekindle_core::content::reflection::prompts()
            .iter()
            .map(Into::into)
            .collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/journal/{id}", tag = "journal", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your entries")),
    responses((status = 200, body = JournalEntryBody),
        (status = 409, body = ErrorBody, description = "Locked (`private_writing_locked`), or changed outside Rekindle (`unreadable`)"),
        (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    u: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<axum::Json<JournalEntryBody>> {
    let w = writer(&u, state.clock.now_ms());
    Ok(axum::Json(journal::one(&state.db, &w, &id).await?.into()))
}

#[utoipa::path(put, path = "/api/v1/journal/{id}", tag = "journal", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your entries")),
    request_body = JournalRequest,
    responses((status = 204, description = "Replaced"),
        (status = 409, body = ErrorBody, description = "Your private writing is locked"),
        (status = 422, body = ErrorBody), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    u: ApiUser,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<JournalRequest>,
) -> ApiResult<StatusCode> {
    let w = writer(&u, state.clock.now_ms());
    journal::edit(&state.db, &w, &id, &body.draft()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/journal/{id}", tag = "journal", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your entries")),
    responses((status = 204, description = "Deleted for good"), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    u: ApiUser,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    let w = writer(&u, state.clock.now_ms());
    journal::delete(&state.db, &w, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/journal/{id}/share", tag = "journal", security(("bearer" = [])),
    params(("id" = String, Path, description = "One of your entries")),
    request_body = ExcerptRequest,
    responses((status = 201, body = CreatedId, description = "Shared: your partner can read this copy (and is told, without the words)"),
        (status = 409, body = ErrorBody, description = "Locked, or your partner has not joined"),
        (status = 422, body = ErrorBody, description = "Empty, too long, or not confirmed"),
        (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn share(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ExcerptRequest>,
) -> ApiResult<(StatusCode, axum::Json<CreatedId>)> {
    let id = journal::share(&state.db, &m.member, &id, &body.excerpt, body.confirm).await?;
    state.wake_outbox();
    Ok((StatusCode::CREATED, axum::Json(CreatedId { id })))
}

#[utoipa::path(get, path = "/api/v1/journal/shared", tag = "journal", security(("bearer" = [])),
    responses((status = 200, body = ExcerptList), (status = 404, body = ErrorBody, description = "Not in a couple"), (status = 401, body = ErrorBody)))]
pub async fn shared(
    State(state): State<AppState>,
    m: ApiMember,
) -> ApiResult<axum::Json<ExcerptList>> {
    let excerpts = journal::shared(&state.db, &m.member).await?;
    Ok(axum::Json(ExcerptList {
        excerpts: excerpts
            .into_iter()
            .map(|x| ExcerptBody {
                id: x.id,
                mine: x.mine,
                name: x.name,
                body: x.body,
                created_at: instant(x.created_at_ms),
            })
            .collect(),
    }))
}

#[utoipa::path(delete, path = "/api/v1/journal/shared/{id}", tag = "journal", security(("bearer" = [])),
    params(("id" = String, Path, description = "An excerpt you shared")),
    responses((status = 204, description = "Taken back: your partner no longer sees it"), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn unshare(
    State(state): State<AppState>,
    m: ApiMember,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    journal::unshare(&state.db, &m.member, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
