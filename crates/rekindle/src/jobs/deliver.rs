//! The in-app part of one outbox item, in one transaction: decide from what is true
//! now (is the note delivered, has today's check-in happened, is the date still on, is
//! it quiet hours), write at most one notification, queue what follows (tomorrow's
//! reminder, next week's nudges), and move the item on. The first statement takes the
//! item's row, so a second worker that reaches it waits and then does nothing.

use rekindle_core::timing;

use crate::db::outbox::{self, Item};
use crate::db::reminders::{self, Person};
use crate::db::visibility::Scope;
use crate::db::{Conn, Error, checkins, notes, notifications, safety};

/// What the in-app part ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Another worker had already done it.
    AlreadyDone,
    /// Nothing to say any more (a cancelled date, a check-in already made).
    Silent,
    /// Quiet hours: moved to when they end.
    Postponed,
    /// Notified in the app; `email` when an e-mail is to follow.
    Notified { email: bool },
}

/// The kinds that notify (the others only plan).
fn notifies(kind: &str) -> bool {
    matches!(kind, "note" | "checkin" | "date" | "kindness" | "excerpt")
}

/// Does the in-app part of `item` at `now`. `can_email`: the server has e-mail set up.
pub fn in_app(c: &mut Conn, item: &Item, now: i64, can_email: bool) -> Result<Outcome, Error> {
    if !outbox::start_in_app(c, &item.id)? {
        return Ok(Outcome::AlreadyDone);
    }
    let Some(person) = reminders::person_in(c, &item.user_id)? else {
        outbox::finish_in_app(c, &item.id, false, now)?;
        return Ok(Outcome::Silent);
    };
    let couple_id: Option<String> = c.query_opt(
        "SELECT couple_id FROM couple_members WHERE user_id = $1 AND left_at IS NULL",
        crate::params![&item.user_id],
        |r| r.get(0),
    )?;
    let scope = Scope::new(&item.user_id, couple_id.as_deref(), now);
    if notifies(&item.kind)
        && let Some(quiet) = person.settings.quiet
        && quiet.contains(&person.zone, now)
    {
        let later = quiet.push_out(&person.zone, now);
        let too_late = item.kind == "date" && date_starts_by(c, &scope, item, later)?;
        if !too_late {
            outbox::postpone(c, &item.id, later)?;
            return Ok(Outcome::Postponed);
        }
        outbox::finish_in_app(c, &item.id, false, now)?;
        return Ok(Outcome::Silent);
    }
    let subject = item.subject_id.clone();
    let notify: Option<Option<String>> = match item.kind.as_str() {
        "note" => match &subject {
            Some(id) if notes::delivered_to(c, &scope, id)? => Some(subject.clone()),
            _ => None,
        },
        "excerpt" => match &subject {
            Some(id) if crate::db::journal::excerpt_visible(c, &scope, id)? => {
                Some(subject.clone())
            }
            _ => None,
        },
        "checkin" => {
            reminders::plan_checkin(c, &item.user_id, &person, now.max(item.due_at), now)?;
            let today = rekindle_core::schedule::local_day_in(&person.zone, now).to_string();
            let wanted = person.settings.checkin_at.is_some();
            (wanted && !checkins::has_day(c, &scope, &today)?).then_some(None)
        }
        "date" => match &subject {
            Some(id) => match crate::db::dates::plans::reminder_state(c, &scope, id)? {
                Some((starts_at, false)) if starts_at > now => Some(subject.clone()),
                _ => None,
            },
            None => None,
        },
        "kindness" => {
            let wanted = person.settings.kindness_per_week > 0;
            (wanted && !safety::feels_afraid_in(c, &scope)?)
                .then(|| Some(gesture_for(item, &person)))
        }
        "kindness-plan" => {
            plan_week(c, item, &person, now)?;
            None
        }
        _ => None,
    };
    let Some(subject_id) = notify else {
        outbox::finish_in_app(c, &item.id, false, now)?;
        return Ok(Outcome::Silent);
    };
    notifications::add(
        c,
        &item.id,
        &item.user_id,
        &item.kind,
        subject_id.as_deref(),
        now,
    )?;
    let email = can_email && person.settings.email;
    outbox::finish_in_app(c, &item.id, email, now)?;
    Ok(Outcome::Notified { email })
}

/// Whether a date's reminder moved to `moment` would come after the date has begun.
fn date_starts_by(c: &mut Conn, scope: &Scope, item: &Item, moment: i64) -> Result<bool, Error> {
    let Some(id) = &item.subject_id else {
        return Ok(true);
    };
    let state = crate::db::dates::plans::reminder_state(c, scope, id)?;
    Ok(state.is_none_or(|(starts_at, cancelled)| cancelled || starts_at <= moment))
}

/// The gesture a nudge suggests: one from the library, chosen by person and moment.
fn gesture_for(item: &Item, person: &Person) -> String {
    let day = rekindle_core::schedule::local_day_in(&person.zone, item.due_at).to_string();
    let n = rekindle_core::question::stable_hash(&[item.user_id.as_bytes(), day.as_bytes()]);
    rekindle_core::content::gestures::pick(n).slug.to_owned()
}

/// Plans the nudges of the week `now` falls in and the plan for the week after.
fn plan_week(c: &mut Conn, item: &Item, person: &Person, now: i64) -> Result<(), Error> {
    if person.settings.kindness_per_week <= 0 {
        return Ok(());
    }
    let (monday, starts, next) = timing::week_of(&person.zone, now);
    reminders::plan_kindness_week(c, &item.user_id, person, monday, starts, next, now)
}
