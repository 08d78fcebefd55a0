//! A small pool of synchronous connections used from async code: a semaphore hands
//! out a connection, the work runs on one of tokio's blocking threads
//! (`spawn_blocking`), and the connection comes back. So a query never blocks an async
//! worker, and a whole unit of work (several statements, a transaction) is one hop.
//! Connections are opened lazily; one that broke (or whose work panicked) is dropped
//! and replaced on a later turn.

use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::Semaphore;

use super::Error;
use super::conn::Conn;

type Opener = Box<dyn Fn() -> Result<Conn, Error> + Send + Sync>;

pub(super) struct Pool {
    idle: Mutex<Vec<Conn>>,
    permits: Semaphore,
    open: Opener,
}

impl Pool {
    pub(super) fn new(size: usize, open: Opener) -> Arc<Self> {
        Arc::new(Self {
            idle: Mutex::new(Vec::with_capacity(size)),
            permits: Semaphore::new(size),
            open,
        })
    }

    /// Runs `work` with a connection of the pool on a blocking thread.
    pub(super) async fn run<T, E, F>(self: &Arc<Self>, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<Error> + Send + 'static,
        F: FnOnce(&mut Conn) -> Result<T, E> + Send + 'static,
    {
        self.run_if(|| Some(work), |c, work| work(c))
            .await?
            .ok_or_else(|| E::from(Error::Closed))
    }

    /// Waits for a connection, then asks `take` (in place, cheap) for the work to do:
    /// when there is some, runs `work` with it on a blocking thread; when there is none
    /// (`None`, the answer too), lets the connection go without a trip to that thread.
    pub(super) async fn run_if<W, T, E, F>(
        self: &Arc<Self>,
        take: impl FnOnce() -> Option<W>,
        work: F,
    ) -> Result<Option<T>, E>
    where
        W: Send + 'static,
        T: Send + 'static,
        E: From<Error> + Send + 'static,
        F: FnOnce(&mut Conn, W) -> Result<T, E> + Send + 'static,
    {
        let _permit = self.permits.acquire().await.map_err(|_| Error::Closed)?;
        let Some(taken) = take() else {
            return Ok(None);
        };
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || pool.with_conn(|c| work(c, taken)))
            .await
            .map_err(|_| Error::Panicked)?
            .map(Some)
    }

    /// Runs `work` with a connection of the pool right here, on the calling thread.
    /// Only for SQLite reads: a bounded read walks B-tree pages already in memory (WAL
    /// readers never wait on a writer), which costs less than the two thread switches
    /// of a hop to a blocking thread and back.
    pub(super) async fn run_here<T, F>(&self, work: F) -> Result<T, Error>
    where
        F: FnOnce(&mut Conn) -> Result<T, Error>,
    {
        let _permit = self.permits.acquire().await.map_err(|_| Error::Closed)?;
        self.with_conn(work)
    }

    /// Runs `work` with an idle connection (or a new one), then puts it back unless
    /// it broke. The caller holds a permit.
    fn with_conn<T, E, F>(&self, work: F) -> Result<T, E>
    where
        E: From<Error>,
        F: FnOnce(&mut Conn) -> Result<T, E>,
    {
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let mut conn = match idle {
            Some(conn) => conn,
            None => (self.open)()?,
        };
        let out = work(&mut conn);
        if !conn.is_broken() {
            self.idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(conn);
        }
        out
    }

    /// Refuses new work and lets the idle connections go.
    pub(super) fn close(&self) {
        self.permits.close();
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
}
