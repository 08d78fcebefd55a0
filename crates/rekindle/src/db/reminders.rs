//! A person's reminder choices (no content): the daily check-in reminder's local time,
//! quiet hours, kindness nudges a week, and e-mail — and the planning of the outbox
//! items they lead to. A change re-plans at once, in the same transaction.

use jiff::civil::{Date, Time};
use rekindle_core::timing::{self, QuietHours, hhmm};

use super::{Conn, Db, Error};
use crate::params;

/// What a person chose.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// The daily check-in reminder's local time, `None`: off.
    pub checkin_at: Option<Time>,
    pub quiet: Option<QuietHours>,
    /// "Do something kind today" nudges a week, 0–7.
    pub kindness_per_week: i64,
    /// Also send e-mail (when the server has it set up).
    pub email: bool,
}

/// A person as the worker needs them: where they live, their address, their choices.
#[derive(Debug, Clone)]
pub struct Person {
    pub zone: String,
    pub email: String,
    pub settings: Settings,
}

fn time_of(text: Option<&str>) -> Option<Time> {
    text.and_then(timing::parse_hhmm)
}

/// The person with their choices (defaults when they never chose), in a transaction.
pub fn person_in(c: &mut Conn, user_id: &str) -> Result<Option<Person>, Error> {
    c.query_opt(
        "SELECT u.timezone, u.email, r.checkin_at, r.quiet_from, r.quiet_to, \
         r.kindness_per_week, r.email FROM users u \
         LEFT JOIN reminder_settings r ON r.user_id = u.id WHERE u.id = $1",
        params![user_id],
        |r| {
            let (from, to): (Option<String>, Option<String>) = (r.get(3)?, r.get(4)?);
            let at: Option<String> = r.get(2)?;
            let quiet = time_of(from.as_deref())
                .zip(time_of(to.as_deref()))
                .map(|(start, end)| QuietHours { start, end });
            Ok(Person {
                zone: r.get(0)?,
                email: r.get(1)?,
                settings: Settings {
                    checkin_at: time_of(at.as_deref()),
                    quiet,
                    kindness_per_week: r.get::<Option<i64>>(5)?.unwrap_or(0),
                    email: r.get::<Option<i64>>(6)?.unwrap_or(0) == 1,
                },
            })
        },
    )
}

/// A person's choices.
pub async fn get(db: &Db, user_id: &str) -> Result<Settings, Error> {
    let user_id = user_id.to_owned();
    db.read(move |c| {
        Ok(person_in(c, &user_id)?
            .map(|p| p.settings)
            .unwrap_or_default())
    })
    .await
}

/// Saves a person's choices and re-plans their reminders and nudges from `now`.
pub async fn set(db: &Db, user_id: &str, s: Settings, now: i64) -> Result<(), Error> {
    let user_id = user_id.to_owned();
    db.write(move |c| {
        c.execute(
            "INSERT INTO reminder_settings (user_id, checkin_at, quiet_from, quiet_to, \
             kindness_per_week, email, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (user_id) DO UPDATE SET checkin_at = $2, quiet_from = $3, \
             quiet_to = $4, kindness_per_week = $5, email = $6, updated_at = $7",
            params![
                &user_id,
                s.checkin_at.map(hhmm),
                s.quiet.map(|q| hhmm(q.start)),
                s.quiet.map(|q| hhmm(q.end)),
                s.kindness_per_week,
                i64::from(s.email),
                now
            ],
        )?;
        replan(c, &user_id, now)
    })
    .await
}

/// Plans a person's reminders and nudges again from `now` (their zone changed).
pub async fn replan_now(db: &Db, user_id: &str, now: i64) -> Result<(), Error> {
    let user_id = user_id.to_owned();
    db.write(move |c| replan(c, &user_id, now)).await
}

/// Drops a person's pending reminders and nudges and plans them again from `now`.
pub fn replan(c: &mut Conn, user_id: &str, now: i64) -> Result<(), Error> {
    super::outbox::drop_for_user(c, user_id, &["checkin", "kindness", "kindness-plan"])?;
    let Some(person) = person_in(c, user_id)? else {
        return Ok(());
    };
    plan_checkin(c, user_id, &person, now, now)?;
    if person.settings.kindness_per_week > 0 {
        super::outbox::enqueue(
            c,
            user_id,
            "kindness-plan",
            None,
            &format!("kindness-plan:{user_id}:{now}"),
            now,
            now,
        )?;
    }
    Ok(())
}

/// Queues the next daily check-in reminder after `after` (if the person wants one).
pub fn plan_checkin(
    c: &mut Conn,
    user_id: &str,
    person: &Person,
    after: i64,
    now: i64,
) -> Result<(), Error> {
    let Some(at) = person.settings.checkin_at else {
        return Ok(());
    };
    let due = timing::next_daily(&person.zone, at, after);
    let day = rekindle_core::schedule::local_day_in(&person.zone, due);
    super::outbox::enqueue(
        c,
        user_id,
        "checkin",
        None,
        &format!("checkin:{user_id}:{day}:{}", hhmm(at)),
        due,
        now,
    )
}

/// Queues the kindness nudges of the week starting `monday` that are still ahead,
/// fewer by any already sent that week, and the plan for the week after.
pub fn plan_kindness_week(
    c: &mut Conn,
    user_id: &str,
    person: &Person,
    monday: Date,
    week_starts_at: i64,
    next_week_at: i64,
    now: i64,
) -> Result<(), Error> {
    let per_week = usize::try_from(person.settings.kindness_per_week.clamp(0, 7)).unwrap_or(0);
    let sent: i64 = c.scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM notifications \
         WHERE user_id = $1 AND kind = 'kindness' AND created_at >= $2",
        params![user_id, week_starts_at],
    )?;
    let left = per_week.saturating_sub(usize::try_from(sent).unwrap_or(0));
    let random: Vec<u64> = (0..7)
        .map(|i: u8| {
            rekindle_core::question::stable_hash(&[
                user_id.as_bytes(),
                monday.to_string().as_bytes(),
                &[i],
            ])
        })
        .collect();
    let moments = timing::kindness_nudges(
        &person.zone,
        monday,
        per_week,
        person.settings.quiet,
        &random,
    );
    for ms in moments.into_iter().filter(|ms| *ms > now).take(left) {
        super::outbox::enqueue(
            c,
            user_id,
            "kindness",
            None,
            &format!("kindness:{user_id}:{ms}"),
            ms,
            now,
        )?;
    }
    super::outbox::enqueue(
        c,
        user_id,
        "kindness-plan",
        None,
        &format!("kindness-plan:{user_id}:{monday}:next"),
        next_week_at,
        now,
    )
}

/// A person's e-mail address (for the worker's e-mail).
pub async fn address(db: &Db, user_id: &str) -> Result<Option<String>, Error> {
    let user_id = user_id.to_owned();
    db.read(move |c| {
        c.query_opt(
            "SELECT email FROM users WHERE id = $1",
            params![&user_id],
            |r| r.get(0),
        )
    })
    .await
}
