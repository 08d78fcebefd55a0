//! tokio-postgres 0.7 with the fewest statements, each prepared once per connection;
//! a few connections used round robin (a `Client` pipelines concurrent queries).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context as _, Result};
use tokio_postgres::{Client, NoTls, Row, Statement};

use crate::{ContentRow, Days, HomeData, Question, User, sql};

struct Conn {
    client: Client,
    who: Statement,
    touch: Statement,
    content: Statement,
    streak: Statement,
    question: Statement,
    thread: Statement,
    one: Statement,
}

pub struct Pool {
    conns: Vec<Conn>,
    next: AtomicUsize,
}

pub async fn open(url: &str, n: usize) -> Result<Arc<Pool>> {
    let mut conns = Vec::with_capacity(n);
    for _ in 0..n {
        let (client, connection) = tokio_postgres::connect(url, NoTls).await?;
        tokio::spawn(connection);
        conns.push(Conn {
            who: client.prepare(sql::WHO).await.context("who")?,
            touch: client.prepare(sql::TOUCH).await?,
            content: client.prepare(&sql::CONTENT).await.context("content")?,
            streak: client.prepare(&sql::STREAK_DAYS).await?,
            question: client.prepare(&sql::QUESTION).await.context("question")?,
            thread: client.prepare(&sql::THREAD).await.context("thread")?,
            one: client.prepare("SELECT 1::BIGINT").await?,
            client,
        });
    }
    Ok(Arc::new(Pool {
        conns,
        next: AtomicUsize::new(0),
    }))
}

impl Pool {
    fn pick(&self) -> &Conn {
        &self.conns[self.next.fetch_add(1, Ordering::Relaxed) % self.conns.len()]
    }
}

/// INTEGER columns arrive as i32, BIGINT as i64.
fn int(r: &Row, i: usize) -> Result<Option<i64>> {
    Ok(match r.try_get::<_, Option<i64>>(i) {
        Ok(v) => v,
        Err(_) => r.try_get::<_, Option<i32>>(i)?.map(i64::from),
    })
}

pub async fn select_one(pool: &Pool) -> Result<i64> {
    let c = pool.pick();
    Ok(c.client.query_one(&c.one, &[]).await?.try_get(0)?)
}

pub async fn load(pool: &Pool, token_hash: &str, now: i64) -> Result<Option<HomeData>> {
    let c = pool.pick();
    let rows = c.client.query(&c.who, &[&token_hash, &"web", &now]).await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let session_id: String = first.try_get("session_id")?;
    let last_seen: i64 = first.try_get("last_seen_at")?;
    if now - last_seen > crate::TOUCH_EVERY_MS {
        c.client
            .execute(
                &c.touch,
                &[&now, &(now + crate::IDLE_LIFETIME_MS), &session_id],
            )
            .await?;
    }
    let user = User {
        id: first.try_get("id")?,
        email: first.try_get("email")?,
        display_name: first.try_get("display_name")?,
        timezone: first.try_get("timezone")?,
    };
    let couple = match first.try_get::<_, Option<String>>("couple_id")? {
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
                int(first, 8)?.unwrap_or_default(),
                members,
            ))
        }
    };
    let d = Days::for_user(&user, now);
    let me = user.id.as_str();
    let cid = couple.as_ref().map(|c| c.id.as_str());
    let partner = couple.as_ref().and_then(|c| c.partner_of(me));
    let content = c
        .client
        .query(
            &c.content,
            &[
                &me,
                &cid,
                &now,
                &me,
                &partner,
                &d.hist_from,
                &d.to,
                &d.partner_to,
                &d.since,
            ],
        )
        .await?
        .iter()
        .map(|r| {
            Ok(ContentRow {
                kind: r.try_get(0)?,
                owner_id: r.try_get(1)?,
                day: r.try_get(2)?,
                closeness: int(r, 3)?,
                mood: int(r, 4)?,
                felt_heard: int(r, 5)?,
                appreciation: r.try_get(6)?,
                updated_at: int(r, 7)?,
                note: r.try_get(8)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let (mine, theirs, my_ratings, their_ratings, last_shared) = crate::split(content, me);
    let last_shared = last_shared.filter(|_| partner.is_some());
    let streak_days = match d.streak_reread(&mine) {
        None => None,
        Some((from, to)) => Some(
            c.client
                .query(&c.streak, &[&me, &cid, &now, &me, &from, &to])
                .await?
                .iter()
                .map(|r| r.try_get(0))
                .collect::<Result<Vec<String>, _>>()?,
        ),
    };
    let question = match couple.as_ref().filter(|c| c.members.len() == 2) {
        None => None,
        Some(cp) => {
            let day = crate::couple_day(cp, now);
            let rows = c
                .client
                .query(&c.question, &[&me, &cid, &now, &cp.id, &day])
                .await?;
            match rows.first() {
                None => None,
                Some(f) => {
                    let prompt_id: String = f.try_get(0)?;
                    let mut answers = Vec::new();
                    for r in &rows {
                        if let Some(owner) = r.try_get::<_, Option<String>>(1)? {
                            answers.push((owner, r.try_get(2)?, int(r, 3)?.unwrap_or_default()));
                        }
                    }
                    let revealed =
                        answers.iter().any(|a| a.0 == me) && answers.iter().any(|a| a.0 != me);
                    let (mut replies, mut hearts) = (Vec::new(), Vec::new());
                    if revealed {
                        for r in c
                            .client
                            .query(&c.thread, &[&me, &cid, &now, &cp.id, &prompt_id])
                            .await?
                        {
                            let kind: String = r.try_get(0)?;
                            if kind == "r" {
                                replies.push((
                                    r.try_get(1)?,
                                    r.try_get::<_, Option<String>>(2)?.unwrap_or_default(),
                                ));
                            } else {
                                hearts.push(r.try_get(1)?);
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
