//! Couples: making an invite and joining with one — the one flow the page and the API
//! share, so each refusal is worded once (the page shows the message, the API sends it
//! with its code). Joining goes through `auth::invite`, which throttles wrong codes.

use std::net::IpAddr;

use crate::auth::invite::{self, JoinRefusal};
use crate::db::couples::{self, Couple, Invite, InviteError, JoinError};
use crate::db::users::User;
use crate::error::AppError;
use crate::state::AppState;

/// A fresh invite for the person's couple (made if they have none yet); older unused
/// invites stop working.
pub async fn invite(state: &AppState, user: &User) -> Result<Invite, AppError> {
    match couples::invite(&state.db, user, state.clock.now_ms()).await {
        Ok(invite) => Ok(invite),
        Err(InviteError::CoupleFull) => Err(AppError::Conflict {
            code: "couple_full",
            message: "You two are already together here; there is no one else to invite.".into(),
        }),
        Err(InviteError::Db(err)) => Err(err.into()),
    }
}

/// Joins the couple behind `code` (the link's long code or the typed short one).
pub async fn join(
    state: &AppState,
    user_id: &str,
    code: &str,
    source: IpAddr,
) -> Result<Couple, AppError> {
    let err = match invite::join(state, user_id, code, source).await {
        Ok(couple) => return Ok(couple),
        Err(JoinRefusal::Wait(secs)) => {
            return Err(AppError::TooManyRequests {
                retry_after_secs: secs,
            });
        }
        Err(JoinRefusal::Join(err)) => err,
    };
    Err(match err {
        JoinError::InvalidInvite => AppError::Missing {
            code: "invite_invalid",
            message: "This invite has expired or was already used. Ask your partner for a fresh link — it takes them a moment.".into(),
        },
        JoinError::OwnInvite => AppError::Conflict {
            code: "own_invite",
            message: "That's your own invite — it's the one to send to your partner. When they open the link or type the code, you'll be connected.".into(),
        },
        JoinError::CoupleFull => AppError::Conflict {
            code: "couple_full",
            message: "That shared space already has two people in it.".into(),
        },
        JoinError::AlreadyInCouple => AppError::Conflict {
            code: "already_in_couple",
            message: "You're already sharing Rekindle with someone. To join another space, leave your current one first in Settings.".into(),
        },
        JoinError::Db(err) => err.into(),
    })
}

/// The person's current couple, read again (after a write that may have changed it).
pub async fn current(state: &AppState, user_id: &str) -> Result<Option<Couple>, crate::db::Error> {
    couples::current_for(&state.db, user_id).await
}

/// Leaves the current couple, at once; `false` when not in one.
pub async fn leave(state: &AppState, user_id: &str) -> Result<bool, crate::db::Error> {
    couples::leave(&state.db, user_id, state.clock.now_ms()).await
}

/// The inviter's name behind a live invite code, to greet the invitee.
pub async fn invite_preview(
    state: &AppState,
    code: &str,
) -> Result<Option<String>, crate::db::Error> {
    couples::invite_preview(&state.db, code, state.clock.now_ms()).await
}

/// When the person's waiting invite stops working, if they have one.
pub async fn pending_invite_expiry(
    state: &AppState,
    user_id: &str,
) -> Result<Option<i64>, crate::db::Error> {
    couples::pending_invite_expiry(&state.db, user_id, state.clock.now_ms()).await
}

/// How the person's last couple ended (for someone not in one now).
pub async fn last_ending(
    state: &AppState,
    user_id: &str,
) -> Result<couples::LastEnding, crate::db::Error> {
    couples::last_ending(&state.db, user_id).await
}
