//! Inviting a partner and joining by invite link or code.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::{Chrome, WebResult, local_date, render};
use crate::app::AppState;
use crate::auth::WebUser;
use crate::db::couples::{self, InviteError, JoinError};
use crate::secret::looks_like_token;
use crate::web::form::WebForm;

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage {
    chrome: Chrome,
    /// The partner's name when the couple is already complete.
    partner: Option<String>,
    /// A freshly made link, shown once.
    link: Option<String>,
    code: Option<String>,
    expires: Option<String>,
    join_error: Option<String>,
}

#[derive(Template)]
#[template(path = "join.html")]
struct JoinPage {
    chrome: Chrome,
    code: String,
    inviter: Option<String>,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct JoinForm {
    #[serde(default)]
    invite_code: String,
}

fn base_url(headers: &axum::http::HeaderMap, secure: bool) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if secure { "https" } else { "http" };
    format!("{scheme}://{host}")
}

async fn invite_page_for(state: &AppState, user: &WebUser) -> Result<InvitePage, sqlx::Error> {
    let couple = couples::current_for(&state.db, &user.user.id).await?;
    Ok(InvitePage {
        chrome: Chrome::new(state, Some(user), "invite"),
        partner: couple
            .as_ref()
            .and_then(|c| c.partner_of(&user.user.id))
            .map(|m| m.display_name.clone()),
        link: None,
        code: None,
        expires: None,
        join_error: None,
    })
}

pub async fn invite_page(State(state): State<AppState>, user: WebUser) -> WebResult {
    let page = invite_page_for(&state, &user).await?;
    Ok(render(StatusCode::OK, &page))
}

pub async fn make_invite(
    State(state): State<AppState>,
    user: WebUser,
    headers: axum::http::HeaderMap,
) -> WebResult {
    let mut page = invite_page_for(&state, &user).await?;
    match couples::invite(&state.db, &user.user).await {
        Ok(invite) => {
            page.link = Some(format!(
                "{}/join/{}",
                base_url(&headers, state.config.cookie_secure),
                invite.code
            ));
            page.code = Some(invite.code);
            page.expires = Some(local_date(invite.expires_at_ms, &user.user.timezone));
            Ok(render(StatusCode::CREATED, &page))
        }
        Err(InviteError::CoupleFull) => Ok(render(StatusCode::CONFLICT, &page)),
        Err(InviteError::Db(err)) => Err(err.into()),
    }
}

pub async fn join_page(
    State(state): State<AppState>,
    user: Option<WebUser>,
    Path(code): Path<String>,
) -> WebResult {
    let inviter = if looks_like_token(&code) {
        couples::invite_preview(&state.db, &code).await?
    } else {
        None
    };
    let status = if inviter.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let page = JoinPage {
        chrome: Chrome::new(&state, user.as_ref(), "join"),
        code,
        inviter,
        error: None,
    };
    Ok(render(status, &page))
}

pub async fn join(
    State(state): State<AppState>,
    user: WebUser,
    WebForm(form): WebForm<JoinForm>,
) -> WebResult {
    let code = form.invite_code.trim().to_owned();
    let result = if looks_like_token(&code) {
        couples::join(&state.db, &user.user.id, &code).await
    } else {
        Err(JoinError::InvalidInvite)
    };
    let (status, message) = match result {
        Ok(_) => return Ok(Redirect::to("/").into_response()),
        Err(JoinError::InvalidInvite) => (
            StatusCode::NOT_FOUND,
            "This invite has expired or was already used. Ask your partner for a fresh link — it takes them a moment.",
        ),
        Err(JoinError::CoupleFull) => (
            StatusCode::CONFLICT,
            "That shared space already has two people in it.",
        ),
        Err(JoinError::AlreadyInCouple) => (
            StatusCode::CONFLICT,
            "You're already sharing Rekindle with someone. To join another space, leave your current one first in Settings.",
        ),
        Err(JoinError::Db(err)) => return Err(err.into()),
    };
    let mut page = invite_page_for(&state, &user).await?;
    page.join_error = Some(message.to_owned());
    Ok(render(status, &page))
}
