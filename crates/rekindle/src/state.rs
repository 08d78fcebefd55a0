//! What every handler can reach: the database, the configuration, the throttle, the
//! bounded password work and the clock. It sits below the handlers (they take it from
//! here, not from the router's module), and `app.rs` builds the router around it.

use std::sync::Arc;

use crate::auth::password::PasswordWork;
use crate::auth::throttle::Throttle;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub throttle: Arc<Throttle>,
    /// Password hashing, bounded to a few at once (`auth/password.rs`).
    pub passwords: Arc<PasswordWork>,
    pub clock: Clock,
    /// Wakes this process's outbox worker when a request queues something due now.
    pub outbox_wake: Arc<tokio::sync::Notify>,
}

impl AppState {
    pub fn new(db: Db, config: Config) -> Self {
        Self::with_clock(db, config, Clock::system())
    }

    pub fn with_clock(db: Db, config: Config, clock: Clock) -> Self {
        Self {
            db,
            config: Arc::new(config),
            throttle: Arc::new(Throttle::new(clock.clone())),
            passwords: Arc::new(PasswordWork::sized_to_machine()),
            clock,
            outbox_wake: Arc::new(tokio::sync::Notify::new()),
        }
    }

    /// Tells the worker that something may be due now.
    pub fn wake_outbox(&self) {
        self.outbox_wake.notify_one();
    }
}
