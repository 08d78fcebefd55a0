//! Couples: creating one with an invite, joining by invite, and leaving. The schema
//! enforces the two invariants (two seats per couple, one current couple per person),
//! so concurrent joins cannot break them.

use super::users::User;
use super::{Conn, Db, Error};
use crate::params;
use crate::secret::{
    hash_token, looks_like_token, new_id, new_short_code, new_token, normalize_short_code,
};

/// An invite link lives this long.
pub const INVITE_LIFETIME_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// One member as their partner sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub display_name: String,
}

/// A person's current couple.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Couple {
    pub id: String,
    /// The time zone the couple's shared day follows (its creator's by default).
    pub timezone: String,
    /// Current members in seat order (one while waiting for a partner, then two).
    pub members: Vec<Member>,
    /// When the second member joined; `None` while waiting for a partner.
    pub formed_at_ms: Option<i64>,
    /// The "State of Us" weekday, ISO (Monday 1 … Sunday 7).
    pub meeting_weekday: i64,
}

impl Couple {
    /// Today in the couple's zone: the couple's shared day.
    pub fn today(&self, now_ms: i64) -> jiff::civil::Date {
        rekindle_core::schedule::local_day_in(&self.timezone, now_ms)
    }

    /// The local day (in the couple's zone) the two became a couple; today while
    /// still waiting.
    pub fn together_since(&self) -> jiff::civil::Date {
        let ms = self.formed_at_ms.unwrap_or_else(super::now_ms);
        rekindle_core::schedule::local_day_in(&self.timezone, ms)
    }

    /// A member's display name ("Your partner" for someone no longer a member).
    pub fn name_of(&self, user_id: &str) -> String {
        self.members
            .iter()
            .find(|m| m.id == user_id)
            .map_or_else(|| "Your partner".to_owned(), |m| m.display_name.clone())
    }

    /// The other member's display name ("Your partner" while there is none).
    pub fn partner_name(&self, user_id: &str) -> String {
        self.partner_of(user_id)
            .map_or_else(|| "Your partner".to_owned(), |m| m.display_name.clone())
    }

    /// The other member, if there is one.
    pub fn partner_of(&self, user_id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id != user_id)
    }
}

/// A fresh invite: the codes are shown once and never stored (only their hashes).
#[derive(Debug, Clone)]
pub struct Invite {
    /// The long secret for the link (256 bits).
    pub code: String,
    /// The short code to type or read aloud (10 symbols, ungrouped); throttled.
    pub short_code: String,
    pub expires_at_ms: i64,
}

/// The stored hash an invite is found by, for either code as a person typed it.
fn lookup_hash(typed: &str) -> Option<String> {
    let typed = typed.trim();
    if looks_like_token(typed) {
        return Some(hash_token(typed));
    }
    normalize_short_code(typed).map(|code| hash_token(&code))
}

#[derive(Debug, thiserror::Error)]
pub enum InviteError {
    #[error("the couple already has two members")]
    CoupleFull,
    #[error(transparent)]
    Db(#[from] Error),
}

#[derive(Debug, thiserror::Error)]
pub enum JoinError {
    #[error("the invite is unknown, used or expired")]
    InvalidInvite,
    #[error("already together with someone")]
    AlreadyInCouple,
    #[error("the invite is the person's own")]
    OwnInvite,
    #[error("the couple already has two members")]
    CoupleFull,
    #[error(transparent)]
    Db(#[from] Error),
}

pub(super) fn current_couple_id(c: &mut Conn, user_id: &str) -> Result<Option<String>, Error> {
    c.query_opt(
        "SELECT couple_id FROM couple_members WHERE user_id = $1 AND left_at IS NULL",
        params![user_id],
        |r| r.get(0),
    )
}

fn member_count(c: &mut Conn, couple_id: &str) -> Result<i64, Error> {
    c.scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM couple_members WHERE couple_id = $1 AND left_at IS NULL",
        params![couple_id],
    )
}

/// Ends a couple for everyone in it: memberships close, unused invites go.
pub(super) fn end_couple(
    c: &mut Conn,
    couple_id: &str,
    ended_by: &str,
    now: i64,
) -> Result<(), Error> {
    c.execute(
        "UPDATE couple_members SET left_at = $1 WHERE couple_id = $2 AND left_at IS NULL",
        params![now, couple_id],
    )?;
    c.execute(
        "UPDATE couples SET ended_at = $1, ended_by = $2 WHERE id = $3",
        params![now, ended_by, couple_id],
    )?;
    c.execute(
        "DELETE FROM invites WHERE couple_id = $1 AND used_at IS NULL",
        params![couple_id],
    )?;
    super::notes::cancel_pending_of_couple(c, couple_id, now)?;
    Ok(())
}

/// A couple's columns then one member's (id, name, joined at), for a query with `c`
/// the couple, `mm` each current member's membership and `mu` that member's user; one
/// row per member, read back by [`couple_of`].
pub(super) const COUPLE_COLUMNS: &str =
    "c.id, c.timezone, c.meeting_weekday, mu.id, mu.display_name, mm.joined_at";

/// Joins a viewer's current membership `m` to the couple and all its current members.
pub(super) const COUPLE_JOINS: &str = "JOIN couples c ON c.id = m.couple_id \
     JOIN couple_members mm ON mm.couple_id = c.id AND mm.left_at IS NULL \
     JOIN users mu ON mu.id = mm.user_id";

pub(super) fn current_in(c: &mut Conn, user_id: &str) -> Result<Option<Couple>, Error> {
    let sql = format!(
        "SELECT {COUPLE_COLUMNS} FROM couple_members m {COUPLE_JOINS} \
         WHERE m.user_id = $1 AND m.left_at IS NULL ORDER BY mm.seat"
    );
    let mut found = None;
    let mut members = Vec::new();
    c.query(&sql, params![user_id], |r| {
        if found.is_none() {
            found = Some((r.get::<String>(0)?, r.get::<String>(1)?, r.get::<i64>(2)?));
        }
        members.push((r.get::<String>(3)?, r.get::<String>(4)?, r.get::<i64>(5)?));
        Ok(())
    })?;
    Ok(found
        .map(|(id, timezone, meeting_weekday)| couple_of(id, timezone, meeting_weekday, members)))
}

/// A couple from its own columns and its members' (id, name, joined at), in seat order.
pub(super) fn couple_of(
    id: String,
    timezone: String,
    meeting_weekday: i64,
    members: Vec<(String, String, i64)>,
) -> Couple {
    let formed_at_ms = members
        .iter()
        .map(|m| m.2)
        .max()
        .filter(|_| members.len() == 2);
    Couple {
        id,
        timezone,
        meeting_weekday,
        formed_at_ms,
        members: members
            .into_iter()
            .map(|(id, display_name, _)| Member { id, display_name })
            .collect(),
    }
}

/// The person's current couple with its members, if any (one statement).
pub async fn current_for(db: &Db, user_id: &str) -> Result<Option<Couple>, Error> {
    let user_id = user_id.to_owned();
    db.read(move |c| current_in(c, &user_id)).await
}

/// Makes an invite for the person's couple, starting the couple when they have none.
/// Older unused invites of the couple stop working, so only the newest link is live.
pub async fn invite(db: &Db, user: &User, now: i64) -> Result<Invite, InviteError> {
    let (user_id, timezone) = (user.id.clone(), user.timezone.clone());
    db.write(move |c| {
        let couple_id = if let Some(id) = current_couple_id(c, &user_id)? {
            if member_count(c, &id)? >= 2 {
                return Err(InviteError::CoupleFull);
            }
            id
        } else {
            let id = new_id();
            c.execute(
                "INSERT INTO couples (id, timezone, created_at) VALUES ($1, $2, $3)",
                params![&id, &timezone, now],
            )?;
            c.execute(
                "INSERT INTO couple_members (couple_id, seat, user_id, joined_at) VALUES ($1, 1, $2, $3)",
                params![&id, &user_id, now],
            )?;
            id
        };
        c.execute(
            "DELETE FROM invites WHERE couple_id = $1 AND used_at IS NULL",
            params![&couple_id],
        )?;
        let code = new_token();
        // A clash with an earlier short code (odds about 10^-10 per stored code) fails the
        // unique index and the request; trying again makes a new one.
        let short_code = new_short_code();
        let expires_at_ms = now + INVITE_LIFETIME_MS;
        c.execute(
            "INSERT INTO invites (code_hash, couple_id, created_by, created_at, expires_at, short_hash) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            params![
                hash_token(&code),
                &couple_id,
                &user_id,
                now,
                expires_at_ms,
                hash_token(&short_code)
            ],
        )?;
        Ok(Invite {
            code,
            short_code,
            expires_at_ms,
        })
    })
    .await
}

/// The inviter's display name for a live invite (either code), to greet the invitee.
pub async fn invite_preview(db: &Db, code: &str, now: i64) -> Result<Option<String>, Error> {
    let Some(hash) = lookup_hash(code) else {
        return Ok(None);
    };
    db.read(move |c| {
        c.query_opt(
            "SELECT u.display_name FROM invites i \
             JOIN couples c ON c.id = i.couple_id \
             JOIN users u ON u.id = i.created_by \
             WHERE (i.code_hash = $1 OR i.short_hash = $1) \
             AND i.used_at IS NULL AND i.expires_at > $2 AND c.ended_at IS NULL",
            params![&hash, now],
            |r| r.get(0),
        )
    })
    .await
}

/// Joins the couple behind an invite. A person waiting alone in a couple of their own
/// quietly leaves it to join; a person already with a partner must leave first.
pub async fn join(db: &Db, user_id: &str, code: &str, now: i64) -> Result<Couple, JoinError> {
    let hash = lookup_hash(code).ok_or(JoinError::InvalidInvite)?;
    let user_id = user_id.to_owned();
    db.write(move |c| {
        if let Some(mine) = current_couple_id(c, &user_id)? {
            if member_count(c, &mine)? >= 2 {
                return Err(JoinError::AlreadyInCouple);
            }
            let own_invite: Option<String> = c.query_opt(
                "SELECT couple_id FROM invites WHERE (code_hash = $1 OR short_hash = $1) AND couple_id = $2",
                params![&hash, &mine],
                |r| r.get(0),
            )?;
            if own_invite.is_some() {
                return Err(JoinError::OwnInvite);
            }
            end_couple(c, &mine, &user_id, now)?;
        }
        let couple_id: Option<String> = c.query_opt(
            "UPDATE invites SET used_at = $1 \
             WHERE (code_hash = $2 OR short_hash = $2) AND used_at IS NULL AND expires_at > $1 \
             AND couple_id IN (SELECT id FROM couples WHERE ended_at IS NULL) \
             RETURNING couple_id",
            params![now, &hash],
            |r| r.get(0),
        )?;
        let Some(couple_id) = couple_id else {
            return Err(JoinError::InvalidInvite);
        };
        if member_count(c, &couple_id)? >= 2 {
            return Err(JoinError::CoupleFull);
        }
        let inserted = c.execute(
            "INSERT INTO couple_members (couple_id, seat, user_id, joined_at) VALUES ($1, 2, $2, $3)",
            params![&couple_id, &user_id, now],
        );
        match inserted {
            Ok(_) => {}
            Err(err) if err.is_unique_violation() => return Err(JoinError::CoupleFull),
            Err(err) => return Err(err.into()),
        }
        current_in(c, &user_id)?.ok_or(JoinError::Db(Error::NotFound))
    })
    .await
}

/// When the person's unused, live invite stops working, if they have one waiting.
pub async fn pending_invite_expiry(db: &Db, user_id: &str, now: i64) -> Result<Option<i64>, Error> {
    let user_id = user_id.to_owned();
    db.read(move |c| {
        c.scalar(
            "SELECT MAX(i.expires_at) FROM invites i JOIN couple_members m ON m.couple_id = i.couple_id \
             WHERE m.user_id = $1 AND m.left_at IS NULL AND i.used_at IS NULL AND i.expires_at > $2",
            params![&user_id, now],
        )
    })
    .await
}

/// Leaves the current couple, at once and without the partner's consent. The couple
/// ends for both; each keeps what they wrote. `false` when not in a couple.
pub async fn leave(db: &Db, user_id: &str, now: i64) -> Result<bool, Error> {
    let user_id = user_id.to_owned();
    db.write(move |c| {
        let Some(couple_id) = current_couple_id(c, &user_id)? else {
            return Ok(false);
        };
        end_couple(c, &couple_id, &user_id, now)?;
        Ok(true)
    })
    .await
}

/// How a person's most recent couple ended, for someone not in a couple now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastEnding {
    /// Never in a couple that ended.
    None,
    /// They left (or ended it) themselves.
    ByThem,
    /// Their partner left.
    ByPartner,
}

/// How the person's last couple ended, so the home page can say so gently and point
/// to what they wrote. Call it only for someone without a current couple.
pub async fn last_ending(db: &Db, user_id: &str) -> Result<LastEnding, Error> {
    let user_id_owned = user_id.to_owned();
    let ended_by: Option<Option<String>> = db
        .read(move |c| {
            c.query_opt(
                "SELECT c.ended_by FROM couple_members m JOIN couples c ON c.id = m.couple_id \
                 WHERE m.user_id = $1 AND m.left_at IS NOT NULL ORDER BY m.left_at DESC LIMIT 1",
                params![&user_id_owned],
                |r| r.get(0),
            )
        })
        .await?;
    Ok(match ended_by {
        None => LastEnding::None,
        Some(Some(by)) if by != user_id => LastEnding::ByPartner,
        Some(_) => LastEnding::ByThem,
    })
}
