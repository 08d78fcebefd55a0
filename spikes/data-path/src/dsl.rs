//! (c) diesel 2.3 `SqliteConnection` on the same blocking pool: `sql_query` with the
//! fewest-statements SQL and `QueryableByName` rows (the driver's cost, not the DSL's;
//! writing these UNIONs in the DSL was left out of the time box).

use std::sync::Arc;

use anyhow::Result;
use diesel::connection::SimpleConnection as _;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use crate::blocking::BlockingPool;
use crate::{ContentRow, Days, HomeData, Question, User, sql};

pub type Pool = Arc<BlockingPool<SqliteConnection>>;

pub fn open(path: &str, n: usize) -> Result<Pool> {
    let mut conns = Vec::with_capacity(n);
    for _ in 0..n {
        let mut conn = SqliteConnection::establish(path)?;
        conn.batch_execute(crate::any_sqlx::SQLITE_PRAGMAS)?;
        conns.push(conn);
    }
    Ok(BlockingPool::new(conns))
}

#[derive(QueryableByName)]
struct One {
    #[diesel(sql_type = BigInt)]
    one: i64,
}

pub async fn select_one(pool: &Pool) -> Result<i64> {
    pool.run(|c| {
        Ok(diesel::sql_query("SELECT 1 AS one")
            .get_result::<One>(c)?
            .one)
    })
    .await
}

#[derive(QueryableByName, Clone)]
struct Who {
    #[diesel(sql_type = Text)]
    session_id: String,
    #[diesel(sql_type = BigInt)]
    last_seen_at: i64,
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Text)]
    email: String,
    #[diesel(sql_type = Text)]
    display_name: String,
    #[diesel(sql_type = Text)]
    timezone: String,
    #[diesel(sql_type = Nullable<Text>)]
    couple_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    couple_timezone: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    meeting_weekday: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    member_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    member_name: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    joined_at: Option<i64>,
}

#[derive(QueryableByName)]
struct Content {
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Nullable<Text>)]
    owner_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    day: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    closeness: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    mood: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    felt_heard: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    appreciation: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    updated_at: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    note: Option<String>,
}

#[derive(QueryableByName)]
struct Day {
    #[diesel(sql_type = Text)]
    day: String,
}

#[derive(QueryableByName)]
struct QRow {
    #[diesel(sql_type = Text)]
    prompt_id: String,
    #[diesel(sql_type = Nullable<Text>)]
    owner_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    body: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    updated_at: Option<i64>,
}

#[derive(QueryableByName)]
struct Thread {
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Text)]
    owner_id: String,
    #[diesel(sql_type = Nullable<Text>)]
    body: Option<String>,
}

pub async fn load(pool: &Pool, token_hash: &str, now: i64) -> Result<Option<HomeData>> {
    let token_hash = token_hash.to_owned();
    pool.run(move |c| load_on(c, &token_hash, now)).await
}

pub fn load_on(c: &mut SqliteConnection, token_hash: &str, now: i64) -> Result<Option<HomeData>> {
    let rows: Vec<Who> = diesel::sql_query(sql::native(sql::WHO))
        .bind::<Text, _>(token_hash)
        .bind::<Text, _>("web")
        .bind::<BigInt, _>(now)
        .load(c)?;
    let Some(first) = rows.first().cloned() else {
        return Ok(None);
    };
    if now - first.last_seen_at > crate::TOUCH_EVERY_MS {
        diesel::sql_query(sql::native(sql::TOUCH))
            .bind::<BigInt, _>(now)
            .bind::<BigInt, _>(now + crate::IDLE_LIFETIME_MS)
            .bind::<Text, _>(&first.session_id)
            .execute(c)?;
    }
    let user = User {
        id: first.id,
        email: first.email,
        display_name: first.display_name,
        timezone: first.timezone,
    };
    let couple = first.couple_id.map(|id| {
        let members = rows
            .into_iter()
            .filter_map(|r| {
                Some((
                    r.member_id?,
                    r.member_name.unwrap_or_default(),
                    r.joined_at.unwrap_or_default(),
                ))
            })
            .collect();
        crate::couple_from(
            id,
            first.couple_timezone.unwrap_or_default(),
            first.meeting_weekday.unwrap_or_default(),
            members,
        )
    });
    let d = Days::for_user(&user, now);
    let me = user.id.as_str();
    let cid = couple.as_ref().map(|c| c.id.clone());
    let partner = couple
        .as_ref()
        .and_then(|c| c.partner_of(me))
        .map(str::to_owned);
    let content: Vec<Content> = diesel::sql_query(sql::native(&sql::CONTENT))
        .bind::<Text, _>(me)
        .bind::<Nullable<Text>, _>(cid.as_deref())
        .bind::<BigInt, _>(now)
        .bind::<Text, _>(me)
        .bind::<Nullable<Text>, _>(partner.as_deref())
        .bind::<Text, _>(&d.hist_from)
        .bind::<Text, _>(&d.to)
        .bind::<Text, _>(&d.partner_to)
        .bind::<Text, _>(&d.since)
        .load(c)?;
    let content = content
        .into_iter()
        .map(|r| ContentRow {
            kind: r.kind,
            owner_id: r.owner_id,
            day: r.day,
            closeness: r.closeness,
            mood: r.mood,
            felt_heard: r.felt_heard,
            appreciation: r.appreciation,
            updated_at: r.updated_at,
            note: r.note,
        })
        .collect();
    let (mine, theirs, my_ratings, their_ratings, last_shared) = crate::split(content, me);
    let last_shared = last_shared.filter(|_| partner.is_some());
    let streak_days = match d.streak_reread(&mine) {
        None => None,
        Some((from, to)) => Some(
            diesel::sql_query(sql::native(&sql::STREAK_DAYS))
                .bind::<Text, _>(me)
                .bind::<Nullable<Text>, _>(cid.as_deref())
                .bind::<BigInt, _>(now)
                .bind::<Text, _>(me)
                .bind::<Text, _>(from)
                .bind::<Text, _>(to)
                .load::<Day>(c)?
                .into_iter()
                .map(|r| r.day)
                .collect(),
        ),
    };
    let question = match couple.as_ref().filter(|c| c.members.len() == 2) {
        None => None,
        Some(cp) => {
            let day = crate::couple_day(cp, now);
            let rows: Vec<QRow> = diesel::sql_query(sql::native(&sql::QUESTION))
                .bind::<Text, _>(me)
                .bind::<Nullable<Text>, _>(cid.as_deref())
                .bind::<BigInt, _>(now)
                .bind::<Text, _>(&cp.id)
                .bind::<Text, _>(&day)
                .load(c)?;
            match rows.first().map(|r| r.prompt_id.clone()) {
                None => None,
                Some(prompt_id) => {
                    let answers: Vec<(String, String, i64)> = rows
                        .into_iter()
                        .filter_map(|r| {
                            Some((
                                r.owner_id?,
                                r.body.unwrap_or_default(),
                                r.updated_at.unwrap_or_default(),
                            ))
                        })
                        .collect();
                    let revealed =
                        answers.iter().any(|a| a.0 == me) && answers.iter().any(|a| a.0 != me);
                    let (mut replies, mut hearts) = (Vec::new(), Vec::new());
                    if revealed {
                        let thread: Vec<Thread> = diesel::sql_query(sql::native(&sql::THREAD))
                            .bind::<Text, _>(me)
                            .bind::<Nullable<Text>, _>(cid.as_deref())
                            .bind::<BigInt, _>(now)
                            .bind::<Text, _>(&cp.id)
                            .bind::<Text, _>(&prompt_id)
                            .load(c)?;
                        for t in thread {
                            if t.kind == "r" {
                                replies.push((t.owner_id, t.body.unwrap_or_default()));
                            } else {
                                hearts.push(t.owner_id);
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
        session_id: first.session_id,
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
