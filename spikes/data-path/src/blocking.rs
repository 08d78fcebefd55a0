//! A small pool of synchronous connections used from async code: a semaphore hands out
//! a connection, the work runs on tokio's blocking threads (`spawn_blocking`), and the
//! connection comes back. So a slow read never blocks an async worker.

use std::sync::{Arc, Mutex};

use anyhow::{Result, anyhow};
use tokio::sync::Semaphore;

pub struct BlockingPool<C> {
    conns: Mutex<Vec<C>>,
    permits: Semaphore,
}

impl<C: Send + 'static> BlockingPool<C> {
    pub fn new(conns: Vec<C>) -> Arc<Self> {
        Arc::new(Self {
            permits: Semaphore::new(conns.len()),
            conns: Mutex::new(conns),
        })
    }

    /// Runs `work` with a connection of the pool on a blocking thread.
    pub async fn run<R, F>(self: &Arc<Self>, work: F) -> Result<R>
    where
        R: Send + 'static,
        F: FnOnce(&mut C) -> Result<R> + Send + 'static,
    {
        let _permit = self.permits.acquire().await?;
        let mut conn = self
            .conns
            .lock()
            .map_err(|_| anyhow!("pool lock poisoned"))?
            .pop()
            .ok_or_else(|| anyhow!("no connection although a permit was free"))?;
        let (conn, out) = tokio::task::spawn_blocking(move || {
            let out = work(&mut conn);
            (conn, out)
        })
        .await?;
        self.conns
            .lock()
            .map_err(|_| anyhow!("pool lock poisoned"))?
            .push(conn);
        out
    }
}
