//! The clock the application reads "now" from. Real time in production; tests can set
//! it, so days, time zones and DST transitions are tested at exact instants.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// Now, as UTC epoch milliseconds.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    fixed: Option<Arc<AtomicI64>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self::default()
    }

    /// A clock that stays at `ms` until set again (for tests).
    pub fn fixed(ms: i64) -> Self {
        Self {
            fixed: Some(Arc::new(AtomicI64::new(ms))),
        }
    }

    /// Moves a fixed clock; does nothing to the system clock.
    pub fn set(&self, ms: i64) {
        if let Some(f) = &self.fixed {
            f.store(ms, Ordering::SeqCst);
        }
    }

    pub fn now_ms(&self) -> i64 {
        match &self.fixed {
            Some(f) => f.load(Ordering::SeqCst),
            None => crate::db::now_ms(),
        }
    }
}
