//! (a0) and (a1): sqlx 0.9 `AnyPool`, as the app uses it.

use anyhow::Result;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, AssertSqlSafe, Executor as _, Row as _};

use crate::sql;
use crate::{CheckIn, ContentRow, Days, HomeData, Question, User};

/// The app's SQLite pragmas (`db::SQLITE_PRAGMAS`).
pub const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; \
     PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL;";

/// Opens a pool the way `Db::connect` does (8 connections on SQLite, 16 on PostgreSQL).
pub async fn connect(url: &str) -> Result<AnyPool> {
    sqlx::any::install_default_drivers();
    let sqlite = url.starts_with("sqlite:");
    let mut options = AnyPoolOptions::new().max_connections(if sqlite { 8 } else { 16 });
    if sqlite {
        options = options.after_connect(|conn, _| {
            Box::pin(async move {
                conn.execute(SQLITE_PRAGMAS).await?;
                Ok(())
            })
        });
    }
    Ok(options.connect(url).await?)
}

pub async fn select_one(pool: &AnyPool) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT CAST(1 AS BIGINT)")
        .fetch_one(pool)
        .await?)
}

fn checkin(r: &AnyRow) -> Result<CheckIn> {
    Ok(CheckIn {
        owner_id: r.try_get("owner_id")?,
        day: r.try_get("day")?,
        closeness: r.try_get("closeness")?,
        mood: r.try_get("mood")?,
        felt_heard: r.try_get("felt_heard")?,
        appreciation: r.try_get("appreciation")?,
        note: r.try_get("note")?,
        updated_at_ms: r.try_get("updated_at")?,
    })
}

/// The viewer scope's three values, bound in front of a content query.
fn scoped<'q>(
    q: &'q str,
    viewer: &'q str,
    couple: Option<&'q str>,
    now: i64,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    sqlx::query(AssertSqlSafe(q))
        .bind(viewer)
        .bind(couple)
        .bind(now)
}

/// (a0) The home page's reads exactly as the app makes them today.
pub async fn load_today(pool: &AnyPool, token_hash: &str, now: i64) -> Result<Option<HomeData>> {
    let Some(row) = sqlx::query(sql::SESSION)
        .bind(token_hash)
        .bind("web")
        .bind(now)
        .fetch_optional(pool)
        .await?
    else {
        return Ok(None);
    };
    let session_id: String = row.try_get("session_id")?;
    let last_seen: i64 = row.try_get("last_seen_at")?;
    if now - last_seen > crate::TOUCH_EVERY_MS {
        sqlx::query(sql::TOUCH)
            .bind(now)
            .bind(now + crate::IDLE_LIFETIME_MS)
            .bind(&session_id)
            .execute(pool)
            .await?;
    }
    let user = User {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        timezone: row.try_get("timezone")?,
    };
    let couple = match sqlx::query(sql::COUPLE)
        .bind(&user.id)
        .fetch_optional(pool)
        .await?
    {
        None => None,
        Some(c) => {
            let id: String = c.try_get("id")?;
            let members = sqlx::query(sql::MEMBERS)
                .bind(&id)
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| {
                    Ok((
                        r.try_get("id")?,
                        r.try_get("display_name")?,
                        r.try_get("joined_at")?,
                    ))
                })
                .collect::<Result<Vec<_>>>()?;
            Some(crate::couple_from(
                id,
                c.try_get("timezone")?,
                c.try_get("meeting_weekday")?,
                members,
            ))
        }
    };
    let d = Days::for_user(&user, now);
    let cid = couple.as_ref().map(|c| c.id.as_str());
    let partner = couple.as_ref().and_then(|c| c.partner_of(&user.id));
    let me = user.id.as_str();
    let list = |owner: &str, to: &str| {
        let (owner, to) = (owner.to_owned(), to.to_owned());
        let hist = d.hist_from.clone();
        async move {
            scoped(&sql::CHECKINS, me, cid, now)
                .bind(me)
                .bind(cid)
                .bind(now)
                .bind(owner)
                .bind(hist)
                .bind(to)
                .fetch_all(pool)
                .await?
                .iter()
                .map(checkin)
                .collect::<Result<Vec<_>>>()
        }
    };
    let ratings = |owner: &str, to: &str| {
        let (owner, to) = (owner.to_owned(), to.to_owned());
        let hist = d.hist_from.clone();
        async move {
            scoped(&sql::RATINGS, me, cid, now)
                .bind(owner)
                .bind(hist)
                .bind(to)
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| Ok((r.try_get("day")?, r.try_get("felt_heard")?)))
                .collect::<Result<Vec<_>>>()
        }
    };
    let mine = list(me, &d.to).await?;
    let theirs = match partner {
        Some(p) => list(p, &d.partner_to).await?,
        None => Vec::new(),
    };
    let my_ratings = ratings(me, &d.to).await?;
    let their_ratings = match partner {
        Some(p) => ratings(p, &d.partner_to).await?,
        None => Vec::new(),
    };
    let last_shared = match (cid, partner) {
        (Some(c), Some(p)) => {
            sqlx::query_scalar::<_, Option<String>>(sql::LAST_SHARED)
                .bind(me)
                .bind(p)
                .bind(c)
                .bind(&d.since)
                .fetch_one(pool)
                .await?
        }
        _ => None,
    };
    let streak_days = match d.streak_reread(&mine) {
        None => None,
        Some((from, to)) => Some(
            scoped(&sql::STREAK_DAYS, me, cid, now)
                .bind(me)
                .bind(from)
                .bind(to)
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| r.try_get("day"))
                .collect::<Result<Vec<String>, _>>()?,
        ),
    };
    let question = match couple.as_ref().filter(|c| c.members.len() == 2) {
        None => None,
        Some(c) => {
            let day = crate::couple_day(c, now);
            let prompt: Option<String> = sqlx::query_scalar(sql::PROMPT_ON)
                .bind(&c.id)
                .bind(&day)
                .fetch_optional(pool)
                .await?;
            match prompt {
                // The app would choose and store one here (a write); the fixture has one.
                None => None,
                Some(prompt_id) => {
                    let answers = scoped(&sql::ANSWERS, me, cid, now)
                        .bind(&c.id)
                        .bind(&prompt_id)
                        .fetch_all(pool)
                        .await?
                        .iter()
                        .map(|r| {
                            Ok((
                                r.try_get("owner_id")?,
                                r.try_get("body")?,
                                r.try_get("updated_at")?,
                            ))
                        })
                        .collect::<Result<Vec<(String, String, i64)>>>()?;
                    let revealed =
                        answers.iter().any(|a| a.0 == me) && answers.iter().any(|a| a.0 != me);
                    let (replies, hearts) = if revealed {
                        let replies = scoped(&sql::REPLIES, me, cid, now)
                            .bind(&c.id)
                            .bind(&prompt_id)
                            .fetch_all(pool)
                            .await?
                            .iter()
                            .map(|r| Ok((r.try_get("owner_id")?, r.try_get("body")?)))
                            .collect::<Result<Vec<_>>>()?;
                        let hearts = scoped(&sql::HEARTS, me, cid, now)
                            .bind(&c.id)
                            .bind(&prompt_id)
                            .fetch_all(pool)
                            .await?
                            .iter()
                            .map(|r| r.try_get("owner_id"))
                            .collect::<Result<Vec<String>, _>>()?;
                        (replies, hearts)
                    } else {
                        (Vec::new(), Vec::new())
                    };
                    Some(Question {
                        prompt_id,
                        answers,
                        replies,
                        hearts,
                    })
                }
            }
        }
    };
    Ok(Some(HomeData {
        session_id,
        user,
        couple,
        mine,
        theirs,
        my_ratings,
        their_ratings,
        last_shared,
        streak_days,
        question,
    }))
}

/// (a1) The same reads in the fewest statements: who (1), content (1), question (1),
/// plus the thread once both have answered, and the streak's re-read when it is long.
pub async fn load_fewest(pool: &AnyPool, token_hash: &str, now: i64) -> Result<Option<HomeData>> {
    let rows = sqlx::query(sql::WHO)
        .bind(token_hash)
        .bind("web")
        .bind(now)
        .fetch_all(pool)
        .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let session_id: String = first.try_get("session_id")?;
    let last_seen: i64 = first.try_get("last_seen_at")?;
    if now - last_seen > crate::TOUCH_EVERY_MS {
        sqlx::query(sql::TOUCH)
            .bind(now)
            .bind(now + crate::IDLE_LIFETIME_MS)
            .bind(&session_id)
            .execute(pool)
            .await?;
    }
    let user = User {
        id: first.try_get("id")?,
        email: first.try_get("email")?,
        display_name: first.try_get("display_name")?,
        timezone: first.try_get("timezone")?,
    };
    let couple = match first.try_get::<Option<String>, _>("couple_id")? {
        None => None,
        Some(id) => {
            let members = rows
                .iter()
                .map(|r| {
                    Ok((
                        r.try_get("member_id")?,
                        r.try_get("member_name")?,
                        r.try_get("joined_at")?,
                    ))
                })
                .collect::<Result<Vec<_>>>()?;
            Some(crate::couple_from(
                id,
                first.try_get("couple_timezone")?,
                first.try_get("meeting_weekday")?,
                members,
            ))
        }
    };
    let d = Days::for_user(&user, now);
    let me = user.id.as_str();
    let cid = couple.as_ref().map(|c| c.id.as_str());
    let partner = couple.as_ref().and_then(|c| c.partner_of(me));
    let content = scoped(&sql::CONTENT, me, cid, now)
        .bind(me)
        .bind(partner)
        .bind(&d.hist_from)
        .bind(&d.to)
        .bind(&d.partner_to)
        .bind(&d.since)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            Ok(ContentRow {
                kind: r.try_get("kind")?,
                owner_id: r.try_get("owner_id")?,
                day: r.try_get("day")?,
                closeness: r.try_get("closeness")?,
                mood: r.try_get("mood")?,
                felt_heard: r.try_get("felt_heard")?,
                appreciation: r.try_get("appreciation")?,
                updated_at: r.try_get("updated_at")?,
                note: r.try_get("note")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let (mine, theirs, my_ratings, their_ratings, last_shared) = crate::split(content, me);
    let last_shared = last_shared.filter(|_| partner.is_some());
    let streak_days = match d.streak_reread(&mine) {
        None => None,
        Some((from, to)) => Some(
            scoped(&sql::STREAK_DAYS, me, cid, now)
                .bind(me)
                .bind(from)
                .bind(to)
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| r.try_get("day"))
                .collect::<Result<Vec<String>, _>>()?,
        ),
    };
    let question = match couple.as_ref().filter(|c| c.members.len() == 2) {
        None => None,
        Some(c) => {
            let day = crate::couple_day(c, now);
            let rows = scoped(&sql::QUESTION, me, cid, now)
                .bind(&c.id)
                .bind(&day)
                .fetch_all(pool)
                .await?;
            match rows.first() {
                None => None,
                Some(f) => {
                    let prompt_id: String = f.try_get("prompt_id")?;
                    let mut answers = Vec::new();
                    for r in &rows {
                        if let Some(owner) = r.try_get::<Option<String>, _>("owner_id")? {
                            answers.push((owner, r.try_get("body")?, r.try_get("updated_at")?));
                        }
                    }
                    let revealed =
                        answers.iter().any(|a| a.0 == me) && answers.iter().any(|a| a.0 != me);
                    let (mut replies, mut hearts) = (Vec::new(), Vec::new());
                    if revealed {
                        for r in scoped(&sql::THREAD, me, cid, now)
                            .bind(&c.id)
                            .bind(&prompt_id)
                            .fetch_all(pool)
                            .await?
                        {
                            let kind: String = r.try_get("kind")?;
                            let owner: String = r.try_get("owner_id")?;
                            if kind == "r" {
                                replies.push((
                                    owner,
                                    r.try_get::<Option<String>, _>("body")?.unwrap_or_default(),
                                ));
                            } else {
                                hearts.push(owner);
                            }
                        }
                    }
                    Some(Question {
                        prompt_id,
                        answers,
                        replies,
                        hearts,
                    })
                }
            }
        }
    };
    Ok(Some(HomeData {
        session_id,
        user,
        couple,
        mine,
        theirs,
        my_ratings,
        their_ratings,
        last_shared,
        streak_days,
        question,
    }))
}
