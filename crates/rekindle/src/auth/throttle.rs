//! Throttling of failed sign-ins and of sign-ups, kept in memory.
//!
//! Failed sign-ins are counted per account *and* source together, so a partner
//! guessing from their own phone slows down only themselves. After a few failures each
//! new try must wait longer (doubling, capped at a minute), and at most 100 failures an
//! hour are allowed — but nothing ever locks an account for good, and a success clears
//! the slate. In-memory state resets on restart and is per process; that is accepted
//! for a self-hosted app of one process.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60 * 60);
/// Failures allowed without any wait.
const FREE_TRIES: u32 = 3;
const MAX_DELAY: Duration = Duration::from_secs(60);
/// PRIVACY.md: at most 100 failed sign-ins an hour for one account from one source.
pub const MAX_FAILURES_PER_HOUR: usize = 100;
/// New accounts from one source per hour.
pub const MAX_SIGNUPS_PER_HOUR: usize = 20;
/// Beyond this many tracked keys, stale ones are dropped before adding more.
const MAX_KEYS: usize = 100_000;

#[derive(Default)]
struct Record {
    /// Failure instants within the window, oldest first.
    failures: VecDeque<Instant>,
    /// Failures since the last success.
    consecutive: u32,
}

/// The throttle shared by all requests.
#[derive(Default)]
pub struct Throttle {
    records: Mutex<HashMap<(String, IpAddr), Record>>,
}

impl Throttle {
    /// `Err(seconds)` when a sign-in for `account` from `source` must wait.
    pub fn check_login(&self, account: &str, source: IpAddr) -> Result<(), u64> {
        self.check(
            &format!("login:{account}"),
            source,
            MAX_FAILURES_PER_HOUR,
            true,
        )
    }

    pub fn login_failed(&self, account: &str, source: IpAddr) {
        self.record(format!("login:{account}"), source);
    }

    pub fn login_succeeded(&self, account: &str, source: IpAddr) {
        if let Ok(mut map) = self.records.lock() {
            map.remove(&(format!("login:{account}"), source));
        }
    }

    /// `Err(seconds)` when this source has made too many accounts lately.
    pub fn check_signup(&self, source: IpAddr) -> Result<(), u64> {
        self.check("signup", source, MAX_SIGNUPS_PER_HOUR, false)
    }

    /// Counts a new account made from this source.
    pub fn count_signup(&self, source: IpAddr) {
        self.record("signup".to_owned(), source);
    }

    fn check(&self, key: &str, source: IpAddr, max: usize, growing: bool) -> Result<(), u64> {
        let now = Instant::now();
        let Ok(mut map) = self.records.lock() else {
            return Ok(());
        };
        let Some(rec) = map.get_mut(&(key.to_owned(), source)) else {
            return Ok(());
        };
        while rec
            .failures
            .front()
            .is_some_and(|t| now.duration_since(*t) > WINDOW)
        {
            rec.failures.pop_front();
        }
        if rec.failures.len() >= max {
            let oldest = rec.failures.front().copied().unwrap_or(now);
            return Err(secs_until(now, oldest + WINDOW));
        }
        if growing && rec.consecutive >= FREE_TRIES {
            let exp = (rec.consecutive - FREE_TRIES).min(6);
            let delay = Duration::from_secs(1 << exp).min(MAX_DELAY);
            if let Some(last) = rec.failures.back().copied()
                && now < last + delay
            {
                return Err(secs_until(now, last + delay));
            }
        }
        Ok(())
    }

    fn record(&self, key: String, source: IpAddr) {
        let now = Instant::now();
        let Ok(mut map) = self.records.lock() else {
            return;
        };
        if map.len() >= MAX_KEYS {
            map.retain(|_, r| {
                r.failures
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < WINDOW)
            });
        }
        let rec = map.entry((key, source)).or_default();
        rec.failures.push_back(now);
        rec.consecutive = rec.consecutive.saturating_add(1);
        if rec.failures.len() > MAX_FAILURES_PER_HOUR {
            rec.failures.pop_front();
        }
    }
}

fn secs_until(now: Instant, then: Instant) -> u64 {
    then.saturating_duration_since(now).as_secs().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));
    const PHONE: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(198, 51, 100, 7));

    #[test]
    fn a_few_mistakes_cost_nothing_then_waits_grow() {
        let t = Throttle::default();
        for _ in 0..FREE_TRIES {
            assert!(t.check_login("sam@x.org", HOME).is_ok());
            t.login_failed("sam@x.org", HOME);
        }
        let wait = t.check_login("sam@x.org", HOME).unwrap_err();
        assert!((1..=60).contains(&wait));
    }

    #[test]
    fn throttling_is_per_account_and_source() {
        let t = Throttle::default();
        for _ in 0..10 {
            t.login_failed("sam@x.org", HOME);
        }
        assert!(t.check_login("sam@x.org", HOME).is_err());
        // The owner on another network, and other accounts, are not affected.
        assert!(t.check_login("sam@x.org", PHONE).is_ok());
        assert!(t.check_login("alex@x.org", HOME).is_ok());
    }

    #[test]
    fn success_clears_the_slate() {
        let t = Throttle::default();
        for _ in 0..10 {
            t.login_failed("sam@x.org", HOME);
        }
        t.login_succeeded("sam@x.org", HOME);
        assert!(t.check_login("sam@x.org", HOME).is_ok());
    }

    #[test]
    fn the_hourly_cap_holds_and_the_wait_is_bounded() {
        let t = Throttle::default();
        for _ in 0..MAX_FAILURES_PER_HOUR {
            t.login_failed("sam@x.org", HOME);
        }
        let wait = t.check_login("sam@x.org", HOME).unwrap_err();
        assert!(wait <= 3600, "never longer than the window: {wait}");
    }

    #[test]
    fn signups_are_capped_per_source() {
        let t = Throttle::default();
        for _ in 0..MAX_SIGNUPS_PER_HOUR {
            assert!(t.check_signup(HOME).is_ok());
            t.count_signup(HOME);
        }
        assert!(t.check_signup(HOME).is_err());
        assert!(t.check_signup(PHONE).is_ok());
    }
}
