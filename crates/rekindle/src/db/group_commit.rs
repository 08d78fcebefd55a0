//! SQLite's writes, committed in groups. Each commit waits for the disk (`synchronous =
//! FULL`: an fsync of the WAL), and SQLite has one writing connection, so under load
//! writers queued behind one fsync each (a check-in's p99 reached 257 ms at 64
//! connections: BENCHMARKS.md). Now a writer puts its work in a queue and waits for the
//! connection; whoever gets it runs everything queued so far in one transaction, each
//! piece in its own savepoint, and commits once. A piece that fails (or refuses) is
//! rolled back to its savepoint alone; the others keep their changes. Nobody hears
//! "done" before the one `COMMIT` that holds their write has returned, so what was
//! acknowledged is on the disk, as before.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::oneshot::{self, error::TryRecvError};

use super::Error;
use super::conn::Conn;
use super::pool::Pool;

/// One writer's work and the way back to it.
trait Piece: Send {
    /// Runs the work; whether to keep its changes, and how to answer after the commit.
    fn run(self: Box<Self>, c: &mut Conn) -> Ran;
    /// Answers without running: the group could not start.
    fn refuse(self: Box<Self>, err: Error);
}

/// A piece that has run, waiting for its group's commit.
struct Ran {
    keep: bool,
    answer: Box<dyn FnOnce(Result<(), Error>) + Send>,
}

struct Work<F, T, E> {
    work: F,
    reply: oneshot::Sender<Result<T, E>>,
}

impl<T, E, F> Piece for Work<F, T, E>
where
    T: Send + 'static,
    E: From<Error> + Send + 'static,
    F: FnOnce(&mut Conn) -> Result<T, E> + Send + 'static,
{
    fn run(self: Box<Self>, c: &mut Conn) -> Ran {
        let Work { work, reply } = *self;
        let out = work(c);
        Ran {
            keep: out.is_ok(),
            answer: Box::new(move |committed| {
                let answer = match (out, committed) {
                    (Ok(_), Err(err)) => Err(E::from(err)),
                    (out, _) => out,
                };
                let _ = reply.send(answer);
            }),
        }
    }

    fn refuse(self: Box<Self>, err: Error) {
        let _ = self.reply.send(Err(E::from(err)));
    }
}

/// The most pieces in one transaction: enough to share an fsync among every waiting
/// writer on a small server, few enough that one group never holds the lock for long.
const MOST_PER_GROUP: usize = 64;

/// Writers waiting for the writing connection.
#[derive(Default)]
pub(super) struct Queue {
    waiting: Mutex<Vec<Box<dyn Piece>>>,
}

impl Queue {
    /// Runs `work` in a transaction on `pool`'s connection, grouped with whatever other
    /// writes are waiting, and answers once its group has committed.
    pub(super) async fn write<T, E, F>(self: &Arc<Self>, pool: &Arc<Pool>, work: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<Error> + Send + 'static,
        F: FnOnce(&mut Conn) -> Result<T, E> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        self.waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Box::new(Work { work, reply }));
        self.answer(pool, answer).await
    }

    /// Like [`Queue::write`] for several pieces queued at once (so they share a group),
    /// each answered on its own, in order.
    pub(super) async fn write_each<T, E, F>(
        self: &Arc<Self>,
        pool: &Arc<Pool>,
        works: Vec<F>,
    ) -> Vec<Result<T, E>>
    where
        T: Send + 'static,
        E: From<Error> + Send + 'static,
        F: FnOnce(&mut Conn) -> Result<T, E> + Send + 'static,
    {
        let mut answers = Vec::with_capacity(works.len());
        {
            let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
            for work in works {
                let (reply, answer) = oneshot::channel();
                waiting.push(Box::new(Work { work, reply }));
                answers.push(answer);
            }
        }
        let mut out = Vec::with_capacity(answers.len());
        for answer in answers {
            out.push(self.answer(pool, answer).await);
        }
        out
    }

    /// Waits for a queued piece's answer, running groups until it has one.
    async fn answer<T, E: From<Error>>(
        self: &Arc<Self>,
        pool: &Arc<Pool>,
        mut answer: oneshot::Receiver<Result<T, E>>,
    ) -> Result<T, E> {
        // Our piece was queued before we wait for the connection, so when we hold it
        // either an earlier holder has run the piece or we take it now (an empty queue
        // costs no trip to a blocking thread). A group answers before it lets go, so an
        // answer already here (a piece queued with others) needs no wait at all.
        let mut ran = Ok(());
        loop {
            match answer.try_recv() {
                Ok(answer) => return answer,
                // Dropped unanswered: the piece panicked, or its group never got a
                // connection (`ran` says why to the one that took the group).
                Err(TryRecvError::Closed) => {
                    return Err(E::from(ran.err().unwrap_or(Error::Panicked)));
                }
                // Still queued (none has run it yet, or it was past a full group).
                Err(TryRecvError::Empty) => {
                    ran.map_err(E::from)?;
                    ran = self.run_waiting(pool).await;
                }
            }
        }
    }

    /// Waits for the connection and runs whatever is queued then as one group. Not
    /// generic, so it is compiled once rather than for every kind of write.
    async fn run_waiting(self: &Arc<Self>, pool: &Arc<Pool>) -> Result<(), Error> {
        let queue = Arc::clone(self);
        pool.run_if(
            move || queue.take(),
            |c, group| {
                run_group(c, group);
                Ok::<(), Error>(())
            },
        )
        .await
        .map(drop)
    }

    /// Up to [`MOST_PER_GROUP`] waiting pieces, oldest first; `None` when none wait.
    fn take(&self) -> Option<Vec<Box<dyn Piece>>> {
        let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
        if waiting.is_empty() {
            return None;
        }
        let first = waiting.len().min(MOST_PER_GROUP);
        let rest = waiting.split_off(first);
        Some(std::mem::replace(&mut *waiting, rest))
    }
}

/// One transaction for the whole group, a savepoint for each piece, one commit.
fn run_group(c: &mut Conn, group: Vec<Box<dyn Piece>>) {
    if let Err(err) = c.batch("BEGIN IMMEDIATE") {
        for piece in group {
            piece.refuse(err.again());
        }
        return;
    }
    let mut ran = Vec::with_capacity(group.len());
    let mut pieces = group.into_iter();
    // After some failures (a full disk, an I/O error) SQLite ends the transaction by
    // itself: the changes so far are gone, so nobody in the group may hear "done", and
    // no later piece may run (a savepoint outside a transaction would begin a new one).
    let mut lost = false;
    for piece in pieces.by_ref() {
        if !c.in_transaction() {
            lost = true;
            piece.refuse(Error::Aborted);
            break;
        }
        if let Err(err) = c.batch("SAVEPOINT piece") {
            piece.refuse(err);
            continue;
        }
        // A piece that panics drops its answer unsent (its caller hears `Panicked`);
        // what it changed is rolled back and the rest of the group goes on.
        let keep = match catch_unwind(AssertUnwindSafe(|| piece.run(c))) {
            Ok(done) => {
                let keep = done.keep;
                ran.push(done);
                keep
            }
            Err(_) => false,
        };
        // A piece whose changes cannot be rolled back alone (its savepoint is gone)
        // must not have them committed with the others: the whole group is lost.
        if !keep && c.batch("ROLLBACK TO piece").is_err() {
            lost = true;
            break;
        }
        let _ = c.batch("RELEASE piece");
    }
    for piece in pieces {
        piece.refuse(Error::Aborted);
    }
    let committed = if lost || !c.in_transaction() {
        if c.in_transaction() {
            let _ = c.batch("ROLLBACK");
        }
        Err(Error::Aborted)
    } else {
        c.batch("COMMIT").inspect_err(|_| {
            let _ = c.batch("ROLLBACK");
        })
    };
    for done in ran {
        (done.answer)(committed.as_ref().copied().map_err(Error::again));
    }
}
