//! What one client can make the server do. A search may read thousands of documents
//! (`kind:section`); without a bound, 64 such requests kept both cores busy for a minute and
//! took gigabytes, long after their clients had hung up. So searches run a few at a time,
//! a short queue waits for them, anything past it gets `503` with `Retry-After`, and a search
//! whose client has gone stops at its next document.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Searches waiting for a turn before more are turned away.
const QUEUE: usize = 32;
/// How long a search waits for its turn.
const WAIT: Duration = Duration::from_secs(10);
/// Seconds a turned-away client is told to wait.
pub(super) const RETRY_AFTER: &str = "2";

/// The server is busy: answer 503 with Retry-After.
#[derive(Debug)]
pub struct Busy;

/// Admits searches: as many at once as there are cores, [`QUEUE`] more waiting.
pub struct SearchLimiter {
    cores: usize,
    permits: Arc<Semaphore>,
    waiting: AtomicUsize,
}

impl Default for SearchLimiter {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        SearchLimiter {
            cores,
            permits: Arc::new(Semaphore::new(cores)),
            waiting: AtomicUsize::new(0),
        }
    }
}

/// Searches running and waiting now (shown by `/__annals/status`).
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Load {
    pub running: usize,
    pub waiting: usize,
}

impl SearchLimiter {
    pub fn load(&self) -> Load {
        Load {
            running: self.cores - self.permits.available_permits(),
            waiting: self.waiting.load(Ordering::SeqCst),
        }
    }

    /// A turn to run one search; held until the search's work is done, even when its client
    /// has gone, so abandoned work still counts.
    pub async fn admit(&self) -> Result<OwnedSemaphorePermit, Busy> {
        /// Counts a waiting search out however the wait ends (also when its client goes and
        /// the wait is dropped).
        struct Waiting<'a>(&'a AtomicUsize);
        impl Drop for Waiting<'_> {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::SeqCst);
            }
        }
        let waiting = Waiting(&self.waiting);
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= QUEUE {
            return Err(Busy);
        }
        let turn = tokio::time::timeout(WAIT, self.permits.clone().acquire_owned()).await;
        drop(waiting);
        match turn {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(Busy),
        }
    }
}

/// Sets its flag when dropped. A handler holds one while its search runs on a blocking
/// thread: when the client goes, the server drops the handler, and the search sees the flag.
pub(super) struct CancelOnDrop(pub Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}
