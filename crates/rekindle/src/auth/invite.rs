//! Using an invite code — the long one from the link or the short one typed in —
//! throttled per source like sign-in, so the short code (about 49 bits) cannot be
//! guessed: a few free tries, then doubling waits capped at a minute and at most 100
//! wrong codes an hour from one source. With 30^10 ≈ 5.9 × 10^14 codes and even a
//! thousand live at once, a source guessing at that pace for a code's whole week
//! (16,800 tries) hits one with odds of about 3 in 100 million.

use std::net::IpAddr;

use super::throttle::Key;
use crate::db::couples::{self, Couple, JoinError};
use crate::state::AppState;

/// Why a code did not join.
#[derive(Debug)]
pub enum JoinRefusal {
    /// Too many wrong codes from this source: wait this many seconds.
    Wait(u64),
    Join(JoinError),
}

/// Joins the couple behind `code` (either form).
pub async fn join(
    state: &AppState,
    user_id: &str,
    code: &str,
    source: IpAddr,
) -> Result<Couple, JoinRefusal> {
    let attempt = state
        .throttle
        .begin(vec![Key::invite(source)])
        .map_err(JoinRefusal::Wait)?;
    match couples::join(&state.db, user_id, code, state.clock.now_ms()).await {
        Ok(couple) => {
            attempt.succeeded();
            Ok(couple)
        }
        Err(err @ JoinError::InvalidInvite) => {
            attempt.failed();
            Err(JoinRefusal::Join(err))
        }
        // Not a guess (a full couple, one's own code, a database error): not counted.
        Err(err) => Err(JoinRefusal::Join(err)),
    }
}

/// The inviter's name when `code` is a live invite; a wrong code counts as a guess.
pub async fn preview(
    state: &AppState,
    code: &str,
    source: IpAddr,
) -> Result<Option<String>, JoinRefusal> {
    let attempt = state
        .throttle
        .begin(vec![Key::invite(source)])
        .map_err(JoinRefusal::Wait)?;
    let found = couples::invite_preview(&state.db, code, state.clock.now_ms())
        .await
        .map_err(|e| JoinRefusal::Join(JoinError::Db(e)))?;
    if found.is_some() {
        attempt.succeeded();
    } else {
        attempt.failed();
    }
    Ok(found)
}
