//! Couples: creating one with an invite, joining by invite, and leaving. The schema
//! enforces the two invariants (two seats per couple, one current couple per person),
//! so concurrent joins cannot break them.

use sqlx::Row as _;

use super::users::User;
use super::{Db, is_unique_violation};
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
    Db(#[from] sqlx::Error),
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
    Db(#[from] sqlx::Error),
}

async fn current_couple_id<'e, E>(exec: E, user_id: &str) -> Result<Option<String>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "SELECT couple_id FROM couple_members WHERE user_id = $1 AND left_at IS NULL",
    )
    .bind(user_id)
    .fetch_optional(exec)
    .await
}

async fn member_count<'e, E>(exec: E, couple_id: &str) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM couple_members WHERE couple_id = $1 AND left_at IS NULL",
    )
    .bind(couple_id)
    .fetch_one(exec)
    .await
}

/// Ends a couple for everyone in it: memberships close, unused invites go.
async fn end_couple(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    couple_id: &str,
    ended_by: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE couple_members SET left_at = $1 WHERE couple_id = $2 AND left_at IS NULL")
        .bind(now)
        .bind(couple_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE couples SET ended_at = $1, ended_by = $2 WHERE id = $3")
        .bind(now)
        .bind(ended_by)
        .bind(couple_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM invites WHERE couple_id = $1 AND used_at IS NULL")
        .bind(couple_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The person's current couple with its members, if any.
pub async fn current_for(db: &Db, user_id: &str) -> Result<Option<Couple>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT c.id, c.timezone, c.meeting_weekday FROM couple_members m JOIN couples c ON c.id = m.couple_id \
         WHERE m.user_id = $1 AND m.left_at IS NULL",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id: String = row.try_get("id")?;
    let rows = sqlx::query(
        "SELECT u.id, u.display_name, m.joined_at FROM couple_members m JOIN users u ON u.id = m.user_id \
         WHERE m.couple_id = $1 AND m.left_at IS NULL ORDER BY m.seat",
    )
    .bind(&id)
    .fetch_all(db.pool())
    .await?;
    let mut members = Vec::with_capacity(rows.len());
    let mut formed_at_ms = None;
    for r in &rows {
        members.push(Member {
            id: r.try_get("id")?,
            display_name: r.try_get("display_name")?,
        });
        let joined: i64 = r.try_get("joined_at")?;
        formed_at_ms = Some(formed_at_ms.map_or(joined, |f: i64| f.max(joined)));
    }
    Ok(Some(Couple {
        id,
        timezone: row.try_get("timezone")?,
        formed_at_ms: formed_at_ms.filter(|_| members.len() == 2),
        meeting_weekday: row.try_get("meeting_weekday")?,
        members,
    }))
}

/// Makes an invite for the person's couple, starting the couple when they have none.
/// Older unused invites of the couple stop working, so only the newest link is live.
pub async fn invite(db: &Db, user: &User, now: i64) -> Result<Invite, InviteError> {
    let mut tx = db.begin_write().await?;
    let couple_id = if let Some(id) = current_couple_id(&mut *tx, &user.id).await? {
        if member_count(&mut *tx, &id).await? >= 2 {
            return Err(InviteError::CoupleFull);
        }
        id
    } else {
        let id = new_id();
        sqlx::query("INSERT INTO couples (id, timezone, created_at) VALUES ($1, $2, $3)")
            .bind(&id)
            .bind(&user.timezone)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO couple_members (couple_id, seat, user_id, joined_at) VALUES ($1, 1, $2, $3)",
        )
        .bind(&id)
        .bind(&user.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        id
    };
    sqlx::query("DELETE FROM invites WHERE couple_id = $1 AND used_at IS NULL")
        .bind(&couple_id)
        .execute(&mut *tx)
        .await?;
    let code = new_token();
    // A clash with an earlier short code (odds about 10^-10 per stored code) fails the
    // unique index and the request; trying again makes a new one.
    let short_code = new_short_code();
    let expires_at_ms = now + INVITE_LIFETIME_MS;
    sqlx::query(
        "INSERT INTO invites (code_hash, couple_id, created_by, created_at, expires_at, short_hash) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(hash_token(&code))
    .bind(&couple_id)
    .bind(&user.id)
    .bind(now)
    .bind(expires_at_ms)
    .bind(hash_token(&short_code))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Invite {
        code,
        short_code,
        expires_at_ms,
    })
}

/// The inviter's display name for a live invite (either code), to greet the invitee.
pub async fn invite_preview(db: &Db, code: &str, now: i64) -> Result<Option<String>, sqlx::Error> {
    let Some(hash) = lookup_hash(code) else {
        return Ok(None);
    };
    sqlx::query_scalar(
        "SELECT u.display_name FROM invites i \
         JOIN couples c ON c.id = i.couple_id \
         JOIN users u ON u.id = i.created_by \
         WHERE (i.code_hash = $1 OR i.short_hash = $1) \
         AND i.used_at IS NULL AND i.expires_at > $2 AND c.ended_at IS NULL",
    )
    .bind(hash)
    .bind(now)
    .fetch_optional(db.pool())
    .await
}

/// Joins the couple behind an invite. A person waiting alone in a couple of their own
/// quietly leaves it to join; a person already with a partner must leave first.
pub async fn join(db: &Db, user_id: &str, code: &str, now: i64) -> Result<Couple, JoinError> {
    let hash = lookup_hash(code).ok_or(JoinError::InvalidInvite)?;
    let mut tx = db.begin_write().await?;
    if let Some(mine) = current_couple_id(&mut *tx, user_id).await? {
        if member_count(&mut *tx, &mine).await? >= 2 {
            return Err(JoinError::AlreadyInCouple);
        }
        let own_invite: Option<String> = sqlx::query_scalar(
            "SELECT couple_id FROM invites WHERE (code_hash = $1 OR short_hash = $1) AND couple_id = $2",
        )
        .bind(&hash)
        .bind(&mine)
        .fetch_optional(&mut *tx)
        .await?;
        if own_invite.is_some() {
            return Err(JoinError::OwnInvite);
        }
        end_couple(&mut tx, &mine, user_id, now).await?;
    }
    let couple_id: Option<String> = sqlx::query_scalar(
        "UPDATE invites SET used_at = $1 \
         WHERE (code_hash = $2 OR short_hash = $2) AND used_at IS NULL AND expires_at > $1 \
         AND couple_id IN (SELECT id FROM couples WHERE ended_at IS NULL) \
         RETURNING couple_id",
    )
    .bind(now)
    .bind(&hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(couple_id) = couple_id else {
        return Err(JoinError::InvalidInvite);
    };
    if member_count(&mut *tx, &couple_id).await? >= 2 {
        return Err(JoinError::CoupleFull);
    }
    let inserted = sqlx::query(
        "INSERT INTO couple_members (couple_id, seat, user_id, joined_at) VALUES ($1, 2, $2, $3)",
    )
    .bind(&couple_id)
    .bind(user_id)
    .bind(now)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {}
        Err(err) if is_unique_violation(&err) => return Err(JoinError::CoupleFull),
        Err(err) => return Err(err.into()),
    }
    tx.commit().await?;
    current_for(db, user_id)
        .await?
        .ok_or(JoinError::Db(sqlx::Error::RowNotFound))
}

/// When the person's unused, live invite stops working, if they have one waiting.
pub async fn pending_invite_expiry(
    db: &Db,
    user_id: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT MAX(i.expires_at) FROM invites i JOIN couple_members m ON m.couple_id = i.couple_id \
         WHERE m.user_id = $1 AND m.left_at IS NULL AND i.used_at IS NULL AND i.expires_at > $2",
    )
    .bind(user_id)
    .bind(now)
    .fetch_one(db.pool())
    .await
}

/// Leaves the current couple, at once and without the partner's consent. The couple
/// ends for both; each keeps what they wrote. `false` when not in a couple.
pub async fn leave(db: &Db, user_id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let Some(couple_id) = current_couple_id(&mut *tx, user_id).await? else {
        return Ok(false);
    };
    end_couple(&mut tx, &couple_id, user_id, now).await?;
    tx.commit().await?;
    Ok(true)
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
pub async fn last_ending(db: &Db, user_id: &str) -> Result<LastEnding, sqlx::Error> {
    let ended_by: Option<Option<String>> = sqlx::query_scalar(
        "SELECT c.ended_by FROM couple_members m JOIN couples c ON c.id = m.couple_id \
         WHERE m.user_id = $1 AND m.left_at IS NOT NULL ORDER BY m.left_at DESC LIMIT 1",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(match ended_by {
        None => LastEnding::None,
        Some(Some(by)) if by != user_id => LastEnding::ByPartner,
        Some(_) => LastEnding::ByThem,
    })
}
