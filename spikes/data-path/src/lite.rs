//! (b) rusqlite 0.39 (libsqlite3-sys 0.37, the same as sqlx-sqlite 0.9 here), the
//! fewest statements with `prepare_cached`, the whole view on one connection in one
//! `spawn_blocking` hop.

use std::sync::Arc;

use anyhow::Result;
use rusqlite::{Connection, params};

use crate::blocking::BlockingPool;
use crate::{ContentRow, Days, HomeData, Question, User, sql};

pub type Pool = Arc<BlockingPool<Connection>>;

/// `n` connections with the app's pragmas.
pub fn open(path: &str, n: usize) -> Result<Pool> {
    let mut conns = Vec::with_capacity(n);
    for _ in 0..n {
        let conn = Connection::open(path)?;
        conn.execute_batch(crate::any_sqlx::SQLITE_PRAGMAS)?;
        conn.set_prepared_statement_cache_capacity(32);
        conns.push(conn);
    }
    Ok(BlockingPool::new(conns))
}

pub async fn select_one(pool: &Pool) -> Result<i64> {
    pool.run(|c| Ok(c.prepare_cached("SELECT 1")?.query_row([], |r| r.get(0))?))
        .await
}

pub async fn load(pool: &Pool, token_hash: &str, now: i64) -> Result<Option<HomeData>> {
    let token_hash = token_hash.to_owned();
    pool.run(move |c| load_on(c, &token_hash, now)).await
}

type WhoRow = (
    String,
    i64,
    User,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<(String, String, i64)>,
);

/// (prompt, answer owner, body, updated at) from [`sql::QUESTION`].
type QRow = (String, Option<String>, Option<String>, Option<i64>);

/// The whole view on one connection (synchronous).
pub fn load_on(c: &Connection, token_hash: &str, now: i64) -> Result<Option<HomeData>> {
    let mut st = c.prepare_cached(&sql::native(sql::WHO))?;
    let rows: Vec<WhoRow> = st
        .query_map(params![token_hash, "web", now], |r| {
            let member = match r.get::<_, Option<String>>("member_id")? {
                Some(id) => Some((id, r.get("member_name")?, r.get("joined_at")?)),
                None => None,
            };
            Ok((
                r.get("session_id")?,
                r.get("last_seen_at")?,
                User {
                    id: r.get("id")?,
                    email: r.get("email")?,
                    display_name: r.get("display_name")?,
                    timezone: r.get("timezone")?,
                },
                r.get("couple_id")?,
                r.get("couple_timezone")?,
                r.get("meeting_weekday")?,
                member,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let Some(first) = rows.first().cloned() else {
        return Ok(None);
    };
    let (session_id, last_seen, user, couple_id, couple_tz, weekday, _) = first;
    if now - last_seen > crate::TOUCH_EVERY_MS {
        c.prepare_cached(&sql::native(sql::TOUCH))?
            .execute(params![now, now + crate::IDLE_LIFETIME_MS, session_id])?;
    }
    let couple = couple_id.map(|id| {
        let members = rows.into_iter().filter_map(|r| r.6).collect();
        crate::couple_from(
            id,
            couple_tz.unwrap_or_default(),
            weekday.unwrap_or_default(),
            members,
        )
    });
    let d = Days::for_user(&user, now);
    let me = user.id.as_str();
    let cid = couple.as_ref().map(|c| c.id.as_str());
    let partner = couple.as_ref().and_then(|c| c.partner_of(me));
    let content = c
        .prepare_cached(&sql::native(&sql::CONTENT))?
        .query_map(
            params![
                me,
                cid,
                now,
                me,
                partner,
                d.hist_from,
                d.to,
                d.partner_to,
                d.since
            ],
            |r| {
                Ok(ContentRow {
                    kind: r.get(0)?,
                    owner_id: r.get(1)?,
                    day: r.get(2)?,
                    closeness: r.get(3)?,
                    mood: r.get(4)?,
                    felt_heard: r.get(5)?,
                    appreciation: r.get(6)?,
                    updated_at: r.get(7)?,
                    note: r.get(8)?,
                })
            },
        )?
        .collect::<Result<Vec<_>, _>>()?;
    let (mine, theirs, my_ratings, their_ratings, last_shared) = crate::split(content, me);
    let last_shared = last_shared.filter(|_| partner.is_some());
    let streak_days = match d.streak_reread(&mine) {
        None => None,
        Some((from, to)) => Some(
            c.prepare_cached(&sql::native(&sql::STREAK_DAYS))?
                .query_map(params![me, cid, now, me, from, to], |r| r.get(0))?
                .collect::<Result<Vec<String>, _>>()?,
        ),
    };
    let question = match couple.as_ref().filter(|c| c.members.len() == 2) {
        None => None,
        Some(cp) => {
            let day = crate::couple_day(cp, now);
            let rows: Vec<QRow> = c
                .prepare_cached(&sql::native(&sql::QUESTION))?
                .query_map(params![me, cid, now, cp.id, day], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?
                .collect::<Result<_, _>>()?;
            match rows.first().map(|r| r.0.clone()) {
                None => None,
                Some(prompt_id) => {
                    let answers: Vec<(String, String, i64)> = rows
                        .into_iter()
                        .filter_map(|(_, o, b, u)| {
                            Some((o?, b.unwrap_or_default(), u.unwrap_or_default()))
                        })
                        .collect();
                    let revealed =
                        answers.iter().any(|a| a.0 == me) && answers.iter().any(|a| a.0 != me);
                    let (mut replies, mut hearts) = (Vec::new(), Vec::new());
                    if revealed {
                        let mut st = c.prepare_cached(&sql::native(&sql::THREAD))?;
                        let mut q = st.query(params![me, cid, now, cp.id, prompt_id])?;
                        while let Some(r) = q.next()? {
                            let kind: String = r.get(0)?;
                            if kind == "r" {
                                replies.push((
                                    r.get(1)?,
                                    r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                                ));
                            } else {
                                hearts.push(r.get(1)?);
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
