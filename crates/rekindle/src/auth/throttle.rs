//! Throttling of sign-ins, sign-ups and invite codes, kept in memory.
//!
//! Each try is counted in *buckets* ([`Key`]): the account and source together (a
//! partner guessing from their own phone slows down only themselves), the source
//! across all accounts (made-up addresses get no free tries), a trusted device's own
//! bucket (see `auth/device.rs`), sign-ups per source, and invite codes per source.
//! After a bucket's free tries each new try waits longer (doubling, capped at a
//! minute), and a bucket also has an hourly cap — but nothing ever locks an account for
//! good, and the waits one source causes never reach a device that signed in before.
//!
//! A try is counted *before* the slow part starts ([`Throttle::begin`]), so a burst of
//! concurrent requests cannot all slip past the check together; a success then takes
//! the count back (and clears the account's or device's slate), and a try that never
//! happened (the server was busy) is undone when its [`Attempt`] is dropped.
//!
//! Times come from the app's [`Clock`], so tests can wait exactly as long as
//! `Retry-After` said. In-memory state is per process and resets on restart; that is
//! accepted for a self-hosted app of one process; SECURITY.md states what several
//! processes on one database allow (`tests/it/two_servers.rs` checks it).

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;

use crate::clock::Clock;

const WINDOW_MS: i64 = 60 * 60 * 1000;
const MAX_DELAY_MS: i64 = 60 * 1000;
/// PRIVACY.md: at most 100 failed sign-ins an hour for one account from one source.
pub const MAX_FAILURES_PER_HOUR: usize = 100;
/// Failed sign-ins from one source, across all accounts, before waits begin.
pub const SOURCE_FREE_TRIES: usize = 20;
/// New accounts (and tries with a taken e-mail) from one source per hour.
pub const MAX_SIGNUPS_PER_HOUR: usize = 20;
/// Wrong invite codes from one source before waits begin.
pub const INVITE_FREE_TRIES: usize = 5;
/// Beyond this many tracked buckets, stale ones are dropped before adding more.
const MAX_KEYS: usize = 100_000;

/// One bucket of tries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    /// Sign-ins for one typed e-mail address from one source.
    Account(String, IpAddr),
    /// Sign-ins from one source, across every account.
    Source(IpAddr),
    /// Sign-ins presenting one trusted device token (its SHA-256).
    Device(String),
    /// Sign-ups from one source.
    SignUp(IpAddr),
    /// Invite codes tried from one source.
    Invite(IpAddr),
}

impl Key {
    /// The sign-in buckets for a source without a trusted device.
    pub fn sign_in(account: &str, source: IpAddr) -> Vec<Self> {
        let source = network_of(source);
        vec![
            Self::Account(account.to_owned(), source),
            Self::Source(source),
        ]
    }

    pub fn sign_up(source: IpAddr) -> Self {
        Self::SignUp(network_of(source))
    }

    pub fn invite(source: IpAddr) -> Self {
        Self::Invite(network_of(source))
    }

    /// (free tries, hourly cap, whether waits grow after the free tries)
    fn policy(&self) -> (usize, usize, bool) {
        match self {
            Self::Account(..) | Self::Device(_) => (3, MAX_FAILURES_PER_HOUR, true),
            // Generous: a household shares an address. Growing waits alone keep it to
            // well under a hundred tries an hour.
            Self::Source(_) => (SOURCE_FREE_TRIES, 10 * MAX_FAILURES_PER_HOUR, true),
            Self::SignUp(_) => (MAX_SIGNUPS_PER_HOUR, MAX_SIGNUPS_PER_HOUR, false),
            Self::Invite(_) => (INVITE_FREE_TRIES, MAX_FAILURES_PER_HOUR, true),
        }
    }

    /// Whether a success wipes the bucket (the person proved who they are) rather than
    /// only taking its own try back.
    fn cleared_by_success(&self) -> bool {
        matches!(self, Self::Account(..) | Self::Device(_))
    }
}

/// IPv6 hosts get a whole /64 each, so one source is one /64; IPv4 is one address.
fn network_of(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(_) => ip,
        IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(bits.into())
        }
    }
}

#[derive(Default)]
struct Bucket {
    /// Counted tries within the window, oldest first (epoch ms).
    tries: VecDeque<i64>,
}

impl Bucket {
    fn prune(&mut self, now: i64) {
        while self.tries.front().is_some_and(|t| now - *t >= WINDOW_MS) {
            self.tries.pop_front();
        }
    }

    /// Milliseconds until the next try may start, if it must wait.
    fn wait_ms(&self, key: &Key, now: i64) -> Option<i64> {
        let (free, cap, growing) = key.policy();
        let count = self.tries.len();
        if count >= cap {
            let oldest = self.tries.front().copied().unwrap_or(now);
            return Some(oldest + WINDOW_MS - now);
        }
        if growing && count >= free {
            let exp = u32::try_from(count - free).unwrap_or(u32::MAX).min(6);
            let delay = (1000_i64 << exp).min(MAX_DELAY_MS);
            let last = self.tries.back().copied().unwrap_or(now);
            return (now < last + delay).then_some(last + delay - now);
        }
        None
    }

    fn take_back(&mut self, at: i64) {
        if let Some(pos) = self.tries.iter().rposition(|t| *t == at) {
            self.tries.remove(pos);
        }
    }
}

/// The throttle shared by all requests.
pub struct Throttle {
    clock: Clock,
    buckets: Mutex<HashMap<Key, Bucket>>,
}

impl Default for Throttle {
    fn default() -> Self {
        Self::new(Clock::system())
    }
}

/// A try that has been counted. Say how it went with [`Attempt::failed`] or
/// [`Attempt::succeeded`]; dropped without either, it is taken back (it never
/// really happened, for example because the server was too busy to check).
#[must_use = "say how the try went"]
pub struct Attempt<'a> {
    throttle: &'a Throttle,
    keys: Vec<Key>,
    at: i64,
    settled: bool,
}

impl Attempt<'_> {
    /// The try failed: it stays counted.
    pub fn failed(mut self) {
        self.settled = true;
    }

    /// The try succeeded: account and device buckets start afresh, the others only
    /// forget this try.
    pub fn succeeded(mut self) {
        self.settled = true;
        self.throttle.settle(&self.keys, self.at, true);
    }
}

impl Drop for Attempt<'_> {
    fn drop(&mut self) {
        if !self.settled {
            self.throttle.settle(&self.keys, self.at, false);
        }
    }
}

impl Throttle {
    pub fn new(clock: Clock) -> Self {
        Self {
            clock,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Counts a try in every bucket, or — when any bucket says wait — counts nothing
    /// and answers how many whole seconds to wait (rounded up, so waiting exactly
    /// that long is enough).
    pub fn begin(&self, keys: Vec<Key>) -> Result<Attempt<'_>, u64> {
        let now = self.clock.now_ms();
        let Ok(mut map) = self.buckets.lock() else {
            return Ok(Attempt {
                throttle: self,
                keys: Vec::new(),
                at: now,
                settled: true,
            });
        };
        let mut wait = 0_i64;
        for key in &keys {
            if let Some(bucket) = map.get_mut(key) {
                bucket.prune(now);
                wait = wait.max(bucket.wait_ms(key, now).unwrap_or(0));
            }
        }
        if wait > 0 {
            return Err(ceil_secs(wait));
        }
        if map.len() >= MAX_KEYS {
            map.retain(|_, b| b.tries.back().is_some_and(|t| now - *t < WINDOW_MS));
        }
        for key in &keys {
            let bucket = map.entry(key.clone()).or_default();
            bucket.tries.push_back(now);
        }
        Ok(Attempt {
            throttle: self,
            keys,
            at: now,
            settled: false,
        })
    }

    fn settle(&self, keys: &[Key], at: i64, success: bool) {
        let Ok(mut map) = self.buckets.lock() else {
            return;
        };
        for key in keys {
            if success && key.cleared_by_success() {
                map.remove(key);
            } else if let Some(bucket) = map.get_mut(key) {
                bucket.take_back(at);
                if bucket.tries.is_empty() {
                    map.remove(key);
                }
            }
        }
    }
}

/// Whole seconds, rounded up, at least one.
fn ceil_secs(ms: i64) -> u64 {
    u64::try_from((ms + 999) / 1000).unwrap_or(1).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));
    const PHONE: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(198, 51, 100, 7));

    fn fail(t: &Throttle, keys: Vec<Key>) -> Result<(), u64> {
        t.begin(keys).map(Attempt::failed)
    }

    #[test]
    fn a_few_mistakes_cost_nothing_then_waits_grow() {
        let t = Throttle::new(Clock::fixed(0));
        for _ in 0..3 {
            fail(&t, Key::sign_in("sam@x.org", HOME)).unwrap();
        }
        let wait = fail(&t, Key::sign_in("sam@x.org", HOME)).unwrap_err();
        assert_eq!(wait, 1);
    }

    #[test]
    fn throttling_is_per_account_and_source() {
        let t = Throttle::new(Clock::fixed(0));
        for _ in 0..3 {
            fail(&t, Key::sign_in("sam@x.org", HOME)).unwrap();
        }
        assert!(fail(&t, Key::sign_in("sam@x.org", HOME)).is_err());
        // The owner on another network, and other accounts, are not affected.
        assert!(fail(&t, Key::sign_in("sam@x.org", PHONE)).is_ok());
        assert!(fail(&t, Key::sign_in("alex@x.org", HOME)).is_ok());
    }

    #[test]
    fn success_clears_the_account_but_not_the_source() {
        let clock = Clock::fixed(0);
        let t = Throttle::new(clock.clone());
        for n in 0..SOURCE_FREE_TRIES {
            fail(&t, Key::sign_in(&format!("{n}@x.org"), HOME)).unwrap();
        }
        assert!(t.begin(Key::sign_in("sam@x.org", HOME)).is_err());
        clock.set(1000);
        t.begin(Key::sign_in("sam@x.org", HOME))
            .unwrap()
            .succeeded();
        // The source's earlier failures still count; this success took back only itself,
        // so the next failure from there makes the wait grow, not start afresh.
        fail(&t, Key::sign_in("kim@x.org", HOME)).unwrap();
        clock.set(2500);
        assert_eq!(t.begin(Key::sign_in("kim@x.org", HOME)).err(), Some(1));
    }

    #[test]
    fn a_try_that_never_happened_is_taken_back() {
        let t = Throttle::new(Clock::fixed(0));
        for _ in 0..10 {
            drop(t.begin(Key::sign_in("sam@x.org", HOME)).unwrap());
        }
        assert!(t.begin(Key::sign_in("sam@x.org", HOME)).is_ok());
    }

    #[test]
    fn the_wait_rounds_up_and_waiting_exactly_that_long_is_enough() {
        let clock = Clock::fixed(10_000);
        let t = Throttle::new(clock.clone());
        for _ in 0..4 {
            let _ = fail(&t, Key::sign_in("sam@x.org", HOME));
        }
        clock.set(10_001);
        let wait = fail(&t, Key::sign_in("sam@x.org", HOME)).unwrap_err();
        assert_eq!(wait, 1, "999 ms is 1 s, not 0");
        clock.set(10_001 + 1000 * i64::try_from(wait).unwrap());
        assert!(t.begin(Key::sign_in("sam@x.org", HOME)).is_ok());
    }

    #[test]
    fn the_hourly_cap_holds_and_ends_exactly_when_told() {
        let clock = Clock::fixed(0);
        let t = Throttle::new(clock.clone());
        for n in 0..MAX_SIGNUPS_PER_HOUR {
            clock.set(i64::try_from(n).unwrap() * 1000);
            fail(&t, vec![Key::sign_up(HOME)]).unwrap();
        }
        let wait = fail(&t, vec![Key::sign_up(HOME)]).unwrap_err();
        assert!(wait <= 3600, "never longer than the window: {wait}");
        assert!(fail(&t, vec![Key::sign_up(PHONE)]).is_ok());
        clock.set(clock.now_ms() + 1000 * i64::try_from(wait).unwrap());
        assert!(fail(&t, vec![Key::sign_up(HOME)]).is_ok());
    }

    #[test]
    fn waits_are_capped_at_a_minute() {
        let clock = Clock::fixed(0);
        let t = Throttle::new(clock.clone());
        for n in 0..60 {
            clock.set(n * 61_000);
            fail(&t, vec![Key::Device("d".into())]).unwrap();
        }
        assert_eq!(fail(&t, vec![Key::Device("d".into())]).unwrap_err(), 60);
    }

    #[test]
    fn an_ipv6_network_is_one_source() {
        let a: IpAddr = "2001:db8:1:2::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:ffff::9".parse().unwrap();
        assert_eq!(Key::invite(a), Key::invite(b));
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_ne!(Key::invite(a), Key::invite(c));
    }
}
