//! Accepting connections, with the bounds a server on a shared intranet needs: a client that
//! opens connections and never finishes its request headers is cut off after
//! [`HEADER_TIMEOUT`], one address holds at most [`PER_ADDRESS`] connections and all clients
//! together [`TOTAL`] (1,100 slow connections from one machine used to lock everyone out),
//! and a response that takes longer than [`RESPONSE_TIMEOUT`] is abandoned.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;

/// How long a client may take to send its request headers.
pub(super) const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// How long any response may take (a search is bounded well below this).
pub(super) const RESPONSE_TIMEOUT: Duration = Duration::from_secs(30);
/// Open connections one address may hold.
pub(super) const PER_ADDRESS: usize = 64;
/// Open connections in all (below the file limit the systemd unit sets).
pub(super) const TOTAL: usize = 4096;

/// Open connections by client address.
#[derive(Default)]
struct Counts {
    by_address: HashMap<IpAddr, usize>,
    total: usize,
}

/// One admitted connection; frees its place when dropped.
struct Slot {
    counts: Arc<Mutex<Counts>>,
    address: IpAddr,
}

impl Slot {
    fn take(counts: &Arc<Mutex<Counts>>, address: IpAddr) -> Option<Slot> {
        let mut c = counts.lock().unwrap_or_else(|e| e.into_inner());
        let mine = c.by_address.get(&address).copied().unwrap_or(0);
        if mine >= PER_ADDRESS || c.total >= TOTAL {
            return None;
        }
        c.by_address.insert(address, mine + 1);
        c.total += 1;
        Some(Slot {
            counts: counts.clone(),
            address,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut c = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        c.total -= 1;
        if let Some(n) = c.by_address.get_mut(&self.address) {
            *n -= 1;
            if *n == 0 {
                c.by_address.remove(&self.address);
            }
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then lets open requests finish
/// for up to five seconds.
pub(super) async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let app = app.layer(tower_http::timeout::TimeoutLayer::with_status_code(
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        RESPONSE_TIMEOUT,
    ));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT);
    let graceful = GracefulShutdown::new();
    let counts = Arc::new(Mutex::new(Counts::default()));
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of file descriptors or a connection reset before it was taken: wait a
                // moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(slot) = Slot::take(&counts, peer.ip()) else {
            drop(stream);
            continue;
        };
        let service = TowerToHyperService::new(app.clone());
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _slot = slot;
            let _ = connection.await;
        });
    }
    tokio::select! {
        () = graceful.shutdown() => {},
        () = tokio::time::sleep(Duration::from_secs(5)) => {},
    }
    Ok(())
}
