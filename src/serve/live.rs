//! Live preview: `annals serve` watches the archive (notify), rebuilds on a change, and tells
//! open pages over server-sent events to reload. A broken edit leaves the last good site
//! served and shows its error in the terminal and at the bottom of every open page.
//!
//! The reload script is added to pages as they are served, never written into `public/`.

use super::AppState;
use crate::error::Diagnostic;
use crate::pipeline::in_place::Kept;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, header};
use axum::middleware::Next;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use futures_util::stream::{self, Stream};
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock, mpsc};
use std::time::{Duration, Instant};
use tokio::sync::broadcast::error::RecvError;

/// The served site, replaced whole by each good rebuild.
pub struct Shared {
    current: RwLock<Arc<AppState>>,
    /// Searches run a few at a time, whatever site is being served.
    pub limiter: super::limits::SearchLimiter,
    status: Mutex<Status>,
    events: tokio::sync::broadcast::Sender<(String, String)>,
}

/// What the last rebuild did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Status {
    /// Counts good builds since the server started (the first is 1).
    pub version: u64,
    /// The diagnostics of the last rebuild, when it failed (the previous site is still served).
    pub error: Option<String>,
}

impl Shared {
    /// Serves `state` as version 1.
    pub fn new(state: AppState) -> Shared {
        Shared {
            current: RwLock::new(Arc::new(state)),
            limiter: super::limits::SearchLimiter::default(),
            status: Mutex::new(Status {
                version: 1,
                error: None,
            }),
            events: tokio::sync::broadcast::channel(16).0,
        }
    }

    /// The site being served now.
    pub fn state(&self) -> Arc<AppState> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn status(&self) -> Status {
        self.status
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Serves a new build; open pages reload.
    fn replace(&self, state: AppState) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(state);
        self.touched();
    }

    /// Open pages reload: the served site changed (swapped whole, or edited in place).
    fn touched(&self) {
        let mut s = self.status.lock().unwrap_or_else(|e| e.into_inner());
        s.version += 1;
        s.error = None;
        let _ = self.events.send(("reload".into(), s.version.to_string()));
    }

    fn fail(&self, text: String) {
        self.status.lock().unwrap_or_else(|e| e.into_inner()).error = Some(text.clone());
        let _ = self.events.send(("build-error".into(), text));
    }
}

/// Whether a changed path should rebuild: not the output, the index, staging folders or
/// editors' temporary files.
fn matters(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let hidden = parts
        .iter()
        .any(|p| p.starts_with('.') || p.ends_with('~') || p.ends_with(".swp"));
    let output = parts.first().is_some_and(|p| p == "public")
        || (parts.first().is_some_and(|p| p == "search-index")
            && parts.get(1).is_some_and(|p| p == "index"));
    !hidden && !output
}

/// Watches the site's inputs and rebuilds into `shared` on every settled change. Returns the
/// watcher, which must be kept alive.
pub fn watch(
    root: &Path,
    today: Option<NaiveDate>,
    shared: Arc<Shared>,
    mut kept: Kept,
) -> notify::Result<notify::RecommendedWatcher> {
    let (tx, rx) = mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        // Reading the archive (as every rebuild does) raises access events: only writes count.
        if let Some(event) = res
            .ok()
            .filter(|e| !e.kind.is_access() && !e.kind.is_other())
        {
            for p in event.paths {
                let _ = tx.send(p);
            }
        }
    })?;
    for dir in ["content", "themes", "templates", "static"] {
        let p = root.join(dir);
        if p.exists() {
            watcher.watch(&p, RecursiveMode::Recursive)?;
        }
    }
    for file in [
        "annals.yaml",
        "search-index/dictionary.txt",
        "search-index/synonyms.yaml",
    ] {
        let p = root.join(file);
        if p.exists() {
            watcher.watch(&p, RecursiveMode::NonRecursive)?;
        }
    }
    let root = root.to_path_buf();
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut changed = BTreeSet::new();
            changed.insert(first);
            // Let a burst of saves settle before rebuilding.
            let settle = Instant::now() + Duration::from_millis(SETTLE_MS);
            while let Ok(p) = rx.recv_timeout(settle.saturating_duration_since(Instant::now())) {
                changed.insert(p);
            }
            let changed: Vec<PathBuf> = changed
                .into_iter()
                .filter(|p| matters(&root, p) && !kept.transient(&root, p))
                .collect();
            if !changed.is_empty() {
                rebuild(&root, today, &shared, &mut kept, &changed);
            }
        }
    });
    Ok(watcher)
}

/// How long a burst of file events may last before the rebuild starts.
const SETTLE_MS: u64 = 50;

/// Applies a change: in place when it only edits documents' text, else a full build.
fn rebuild(
    root: &Path,
    today: Option<NaiveDate>,
    shared: &Shared,
    kept: &mut Kept,
    changed: &[PathBuf],
) {
    let started = Instant::now();
    let outcome = match kept
        .edit(root, changed)
        .map(|r| r.and_then(|w| shared.state().index.reload().map(|()| w)))
    {
        Some(Ok(warnings)) => {
            for w in &warnings {
                eprintln!("{w}\n");
            }
            shared.touched();
            eprintln!(
                "{}",
                crate::msg::publish::updated(changed.len(), started.elapsed().as_millis())
            );
            return;
        }
        Some(Err(failure)) => Err(failure),
        None => {
            kept.close();
            super::build_state(root, today)
        }
    };
    match outcome {
        Ok((state, fresh)) => {
            shared.replace(state);
            *kept = fresh;
            eprintln!(
                "{}",
                crate::msg::publish::rebuilt(started.elapsed().as_millis())
            );
        }
        Err(failure) => {
            kept.failed();
            let mut diags: Vec<Diagnostic> = failure.0;
            crate::error::sort(&mut diags);
            let text = diags
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n\n");
            eprintln!("{text}\n\n{}", crate::msg::publish::rebuild_failed());
            shared.fail(text);
        }
    }
}

/// `GET /__annals/events`: `reload` after a good rebuild, `build-error` with the text after a
/// failed one.
pub async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream = stream::unfold(shared.events.subscribe(), |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok((kind, data)) => return Some((Ok(Event::default().event(kind).data(data)), rx)),
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// `GET /__annals/status`: the version and the last error, as JSON.
pub async fn status(State(shared): State<Arc<Shared>>) -> Json<serde_json::Value> {
    let mut v = serde_json::to_value(shared.status()).expect("status serialises");
    v["searches"] = serde_json::to_value(shared.limiter.load()).expect("load serialises");
    Json(v)
}

/// `GET /__annals/live.js`.
pub async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        LIVE_JS,
    )
        .into_response()
}

const LIVE_JS: &str = r#"(function () {
  if (!window.EventSource) { return; }
  function show(text) {
    var box = document.getElementById('annals-build-error');
    if (!text) { if (box) { box.parentNode.removeChild(box); } return; }
    if (!box) {
      box = document.createElement('pre');
      box.id = 'annals-build-error';
      var s = box.style;
      s.position = 'fixed'; s.left = '0'; s.right = '0'; s.bottom = '0'; s.maxHeight = '50%'; s.overflow = 'auto';
      s.margin = '0'; s.padding = '12px'; s.background = '#fff6d6'; s.color = '#1f1f1f'; s.borderTop = '4px solid #a8201a';
      s.zIndex = '99'; s.font = '13px/1.5 monospace'; s.whiteSpace = 'pre-wrap';
      document.body.appendChild(box);
    }
    box.textContent = '构建失败，当前显示的是上一次成功的版本：\n\n' + text;
  }
  var xhr = new XMLHttpRequest();
  xhr.open('GET', '/__annals/status');
  xhr.onload = function () { try { show(JSON.parse(xhr.responseText).error); } catch (e) {} };
  xhr.send();
  var events = new EventSource('/__annals/events');
  events.addEventListener('reload', function () { location.reload(); });
  events.addEventListener('build-error', function (e) { show(e.data); });
  // Free the connection when leaving: browsers allow few per host and a kept page holds it.
  window.addEventListener('pagehide', function () { events.close(); });
})();
"#;

/// Adds the live-reload script to every HTML page served.
pub async fn inject(req: Request<Body>, next: Next) -> Response {
    let res = next.run(req).await;
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let html = String::from_utf8_lossy(&bytes);
    let tag = "<script src=\"/__annals/live.js\" defer></script>";
    let out = match html.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &html[..i], &html[i..]),
        None => format!("{html}{tag}"),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(out))
}
