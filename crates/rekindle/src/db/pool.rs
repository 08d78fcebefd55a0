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
        let permit = self.permits.acquire().await.map_err(|_| Error::Closed)?;
        let Some(taken) = take() else {
            return Ok(None);
        };
        // The permit goes with the work, not with our wait for it: if our caller stops
        // waiting (a client that went away), the connection is still in use until the
        // blocking thread is done, and nobody may take its place meanwhile.
        permit.forget();
        let given_back = GiveBack(Arc::clone(self));
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let _given_back = given_back;
            pool.with_conn(|c| work(c, taken))
        })
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

/// A permit of the pool, handed back when this is dropped (the work done, panicked, or
/// never started).
struct GiveBack(Arc<Pool>);

impl Drop for GiveBack {
    fn drop(&mut self) {
        self.0.permits.add_permits(1);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_caller_that_stops_waiting_keeps_the_connection_until_its_work_ends() {
        let folder =
            std::env::temp_dir().join(format!("rekindle-pool-{}", crate::secret::new_id()));
        std::fs::create_dir_all(&folder).unwrap();
        let path = folder.join("pool.db");
        let opened = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&opened);
        let pool = Pool::new(
            1,
            Box::new(move || {
                counted.fetch_add(1, Ordering::SeqCst);
                super::super::open_sqlite(&path)
            }),
        );
        let slow = pool.run(|_c| {
            std::thread::sleep(Duration::from_millis(300));
            Ok::<_, Error>(())
        });
        assert!(
            tokio::time::timeout(Duration::from_millis(50), slow)
                .await
                .is_err(),
            "the caller stopped waiting"
        );
        // The next work waits for the first to end and reuses its connection, rather
        // than opening a second one beside it.
        pool.run(|_c| Ok::<_, Error>(())).await.unwrap();
        assert_eq!(opened.load(Ordering::SeqCst), 1);
        pool.close();
        let _ = std::fs::remove_dir_all(&folder);
    }
}
