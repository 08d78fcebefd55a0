//! Inviting a partner and joining by invite link or code; the welcome for the partner
//! who joins.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::{Chrome, WebResult, render};
use crate::auth::origin::server_scheme;
use crate::auth::{ClientIp, WebMember, WebUser};
use crate::error::AppError;
use crate::secret::{group_short_code, looks_like_token};
use crate::state::AppState;
use crate::web::form::WebForm;

#[derive(Template)]
#[template(path = "invite.html")]
struct InvitePage {
    chrome: Chrome,
    /// The partner's name when the couple is already complete.
    partner: Option<String>,
    /// A freshly made link, shown once.
    link: Option<String>,
    /// Its short code, grouped, shown once.
    short_code: Option<String>,
    /// Until when the fresh link works, in words.
    expires: Option<String>,
    /// An earlier link is still waiting to be used: until when, in words.
    waiting_until: Option<String>,
    /// Asking before a new link replaces the waiting one.
    confirm_replace: bool,
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

#[derive(Template)]
#[template(path = "connected.html")]
struct ConnectedPage {
    chrome: Chrome,
    partner: String,
}

#[derive(Deserialize, Default)]
pub struct JoinForm {
    #[serde(default)]
    invite_code: String,
}

#[derive(Deserialize, Default)]
pub struct InviteForm {
    /// "yes" once the person has been told the waiting link will stop working.
    #[serde(default)]
    replace: String,
}

/// A day in people's words, in their zone: "Tuesday 8 December".
fn day_in_words(ms: i64, timezone: &str) -> String {
    let Ok(ts) = jiff::Timestamp::from_millisecond(ms) else {
        return String::new();
    };
    let tz = jiff::tz::TimeZone::get(timezone).unwrap_or(jiff::tz::TimeZone::UTC);
    ts.to_zoned(tz).strftime("%A %-d %B").to_string()
}

async fn invite_page_for(state: &AppState, user: &WebUser) -> Result<InvitePage, crate::db::Error> {
    let couple = user.couple.clone();
    let partner = couple
        .as_ref()
        .and_then(|c| c.partner_of(&user.user.id))
        .map(|m| m.display_name.clone());
    let waiting_until = if partner.is_none() {
        crate::features::couples::pending_invite_expiry(state, &user.user.id)
            .await?
            .map(|ms| day_in_words(ms, &user.user.timezone))
    } else {
        None
    };
    Ok(InvitePage {
        chrome: Chrome::new(state, Some(&user.user), "invite"),
        partner,
        link: None,
        short_code: None,
        expires: None,
        waiting_until,
        confirm_replace: false,
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
    headers: HeaderMap,
    WebForm(form): WebForm<InviteForm>,
) -> WebResult {
    let mut page = invite_page_for(&state, &user).await?;
    if page.partner.is_none() && page.waiting_until.is_some() && form.replace != "yes" {
        // A link is out there; replacing it silently would break what was sent.
        page.confirm_replace = true;
        return Ok(render(StatusCode::OK, &page));
    }
    match crate::features::couples::invite(&state, &user.user).await {
        Ok(invite) => {
            let host = headers
                .get(axum::http::header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("localhost");
            let scheme = server_scheme(&state.config, &headers);
            page.link = Some(format!("{scheme}://{host}/join/{}", invite.code));
            page.short_code = Some(group_short_code(&invite.short_code));
            page.expires = Some(day_in_words(invite.expires_at_ms, &user.user.timezone));
            page.waiting_until = None;
            Ok(render(StatusCode::CREATED, &page))
        }
        Err(err @ AppError::Conflict { .. }) => Ok(render(err.status(), &page)),
        Err(err) => Err(err.into()),
    }
}

pub async fn join_page(
    State(state): State<AppState>,
    user: Option<WebUser>,
    Path(code): Path<String>,
) -> WebResult {
    // Only the long code (256 bits) is looked up here; short codes are typed into the
    // throttled form.
    let inviter = if looks_like_token(&code) {
        crate::features::couples::invite_preview(&state, &code).await?
    } else {
        None
    };
    let status = if inviter.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let page = JoinPage {
        chrome: Chrome::new(&state, user.as_ref().map(|u| &u.user), "join"),
        code,
        inviter,
        error: None,
    };
    Ok(render(status, &page))
}

pub async fn join(
    State(state): State<AppState>,
    user: WebUser,
    ClientIp(ip): ClientIp,
    WebForm(form): WebForm<JoinForm>,
) -> WebResult {
    let err =
        match crate::features::couples::join(&state, &user.user.id, &form.invite_code, ip).await {
            Ok(_) => return Ok(Redirect::to("/welcome").into_response()),
            Err(err @ AppError::Internal(_)) => return Err(err.into()),
            Err(err) => err,
        };
    let mut page = invite_page_for(&state, &user).await?;
    page.join_error = Some(err.message());
    let mut response = render(err.status(), &page);
    err.add_headers(&mut response);
    Ok(response)
}

/// The first page after joining: you're connected, and what to try first.
pub async fn welcome(State(state): State<AppState>, member: WebMember) -> WebResult {
    let page = ConnectedPage {
        chrome: Chrome::new(&state, Some(&member.user), "welcome"),
        partner: member.couple.partner_name(&member.user.id),
    };
    Ok(render(StatusCode::OK, &page))
}
