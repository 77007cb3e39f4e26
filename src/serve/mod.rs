//! SERVE: the built site and its search over HTTP (axum on tokio).
//!
//! `annals serve` builds, then serves `public/` as static files (no directory listings, no
//! path traversal, compressed, with a strict Content-Security-Policy) and answers
//! `/search?q=` as an HTML page of the theme, which works without JavaScript, and
//! `/api/search?q=` as JSON. Loopback only unless `--bind` says otherwise.

mod handlers;
mod limits;
mod listen;
pub mod live;

use crate::error::{Diagnostic, Failure};
use crate::pipeline::in_place::Kept;
use crate::render::{Renderer, views::SiteView};
use crate::search::SearchIndex;
use axum::Router;
use axum::handler::HandlerWithoutStateExt;
use axum::http::{HeaderValue, header};
use axum::routing::get;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// What the handlers share: the opened index, the compiled theme, the site's header values.
pub struct AppState {
    /// The published index, reloaded after an edit.
    pub index: SearchIndex,
    /// The templates, for the search page.
    pub renderer: Renderer,
    /// The site values as the search page (at the site root) links them.
    pub site: SiteView,
}

/// The Content-Security-Policy of every response: nothing from anywhere but the site.
pub const CSP: &str = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

/// The router: search endpoints, live preview, then static files from `public`.
pub fn app(state: Arc<live::Shared>, public: &Path) -> Router {
    let page = public.join("404.html");
    let not_found = move || {
        let page = page.clone();
        async move { handlers::not_found(&page).await }
    };
    let files = ServeDir::new(public)
        .append_index_html_on_directories(true)
        .not_found_service(not_found.into_service());
    let inside = Arc::new(handlers::Public {
        dir: public.to_path_buf(),
        real: std::fs::canonicalize(public).unwrap_or_else(|_| public.to_path_buf()),
    });
    Router::new()
        .route("/search", get(handlers::search_page))
        .route("/api/search", get(handlers::search_api))
        .route("/__annals/events", get(live::events))
        .route("/__annals/status", get(live::status))
        .route("/__annals/live.js", get(live::script))
        .fallback_service(files)
        .with_state(state)
        .layer(axum::middleware::from_fn(move |req, next| {
            handlers::inside_public(inside.clone(), req, next)
        }))
        .layer(axum::middleware::from_fn(live::inject))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
}

fn io_failure(what: &str, e: std::io::Error) -> Failure {
    use std::io::ErrorKind;
    let help = match e.kind() {
        ErrorKind::AddrInUse => crate::msg::publish::serve_port_taken_help(),
        ErrorKind::AddrNotAvailable => crate::msg::publish::serve_address_help(),
        ErrorKind::PermissionDenied => crate::msg::publish::serve_privileged_help(),
        _ => crate::msg::publish::serve_other_help(),
    };
    Diagnostic::error(
        "annals serve",
        crate::msg::publish::serve_failed(what, &crate::fsx::io_reason(&e)),
    )
    .help(help)
    .into()
}

/// Builds the site under `root` and opens what serving it needs; the inputs are kept for
/// edits applied in place (see [`crate::pipeline::in_place`]).
pub fn build_state(
    root: &Path,
    today: Option<chrono::NaiveDate>,
) -> Result<(AppState, Kept), Failure> {
    let (report, kept) = Kept::build(root, today)?;
    let inputs = kept.inputs();
    for w in &report.warnings {
        eprintln!("{w}\n");
    }
    eprintln!("{report}");
    let state = AppState {
        index: {
            let index = SearchIndex::open(&crate::search::index_dir(root))?;
            index.warm();
            index
        },
        renderer: Renderer::new(&inputs.theme)?,
        site: SiteView::new(&inputs.site, "search"),
    };
    Ok((state, kept))
}

/// Builds the site under `root`, then serves it on `listen` (port 0: a free one, printed),
/// rebuilding on every change, until Ctrl-C.
pub fn run(
    root: &Path,
    listen: std::net::SocketAddr,
    today: Option<chrono::NaiveDate>,
) -> Result<(), Failure> {
    // The watcher reports absolute paths: a relative root (the default `.`) would match none
    // of them, and every edit would take a full rebuild instead of an in-place update.
    let root = &std::fs::canonicalize(root).map_err(|e| {
        crate::fsx::io_diagnostic(root, &crate::msg::files::act_open_site(), &e)
            .help(crate::msg::publish::pass_root_help())
    })?;
    let (state, kept) = build_state(root, today)?;
    let shared = Arc::new(live::Shared::new(state));
    let public: PathBuf = root.join("public");
    let _watcher = live::watch(root, today, shared.clone(), kept).map_err(|e| {
        Diagnostic::error(
            "annals serve",
            crate::msg::publish::serve_watch(&e.to_string()),
        )
        .help(crate::msg::publish::serve_watch_help())
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| io_failure(&crate::msg::publish::serve_start(), e))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| io_failure(&crate::msg::publish::serve_listen(&listen.to_string()), e))?;
        let addr = listener
            .local_addr()
            .map_err(|e| io_failure(&crate::msg::publish::serve_address(), e))?;
        eprintln!("{}", crate::msg::publish::serving(&addr.to_string()));
        listen::serve(listener, app(shared, &public), async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| io_failure(&crate::msg::publish::serve_stopped(), e))
    })
}
