//! The search handlers: query string in, HTML page or JSON out. A bad query is answered
//! with results for what could be read and notes on the rest, never an error page.

use super::limits::{CancelOnDrop, RETRY_AFTER};
use super::live::Shared;
use crate::render::search_view::search_view;
use crate::search::{Request, Results, Sort};
use crate::text::html::escape;
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Longest query string read, in bytes; the rest is ignored.
const MAX_QUERY_BYTES: usize = 4096;

/// The search request in a query string: `q`, `page`, `sort=date|relevance`, `limit`.
fn request(raw: Option<String>) -> Request {
    let mut raw = raw.unwrap_or_default();
    if raw.len() > MAX_QUERY_BYTES {
        let mut cut = MAX_QUERY_BYTES;
        while !raw.is_char_boundary(cut) {
            cut -= 1;
        }
        raw.truncate(cut);
    }
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(&raw).unwrap_or_default();
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    let mut req = Request::new(get("q").unwrap_or(""));
    req.page = get("page").and_then(|p| p.parse().ok()).unwrap_or(1);
    req.per_page = get("limit").and_then(|p| p.parse().ok()).unwrap_or(10);
    req.sort = match get("sort") {
        Some("date") => Some(Sort::Date),
        Some("relevance") => Some(Sort::Relevance),
        _ => None,
    };
    req
}

/// Why a search got no answer.
enum Unanswered {
    /// Too many searches at once: 503 with Retry-After.
    Busy,
    Failed(String),
}

/// Runs a search off the async threads (segmentation and scoring are CPU work), when the
/// limiter gives it a turn; dropping the returned future (the client went away) cancels it.
async fn run(shared: &Arc<Shared>, req: Request) -> Result<Results, Unanswered> {
    let permit = shared.limiter.admit().await.map_err(|_| Unanswered::Busy)?;
    let state = shared.state();
    let cancelled = Arc::new(AtomicBool::new(false));
    let _cancel = CancelOnDrop(cancelled.clone());
    let joined = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        state.index.search_until(&req, &cancelled)
    })
    .await;
    match joined {
        Ok(Ok(r)) => Ok(r),
        Ok(Err(f)) => Err(Unanswered::Failed(
            f.0.iter()
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
                .join("; "),
        )),
        Err(e) => Err(Unanswered::Failed(crate::msg::search::search_failed(
            &e.to_string(),
        ))),
    }
}

/// The 503 of a search the server could not take now.
fn busy(body: Response) -> Response {
    let mut r = body;
    *r.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    r.headers_mut().insert(
        axum::http::header::RETRY_AFTER,
        axum::http::HeaderValue::from_static(RETRY_AFTER),
    );
    r
}

/// `GET /search?q=…`: the theme's search page.
pub(super) async fn search_page(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Response {
    let req = request(raw);
    let q = req.q.clone();
    let state = shared.state();
    let results = match run(&shared, req).await {
        Ok(r) => r,
        Err(Unanswered::Busy) => {
            return busy(Html("<!DOCTYPE html><meta charset=utf-8><title>搜索繁忙</title><p>同时搜索的人太多，请稍后几秒再试。").into_response());
        }
        Err(Unanswered::Failed(message)) => {
            return (StatusCode::SERVICE_UNAVAILABLE, Html(format!("<!DOCTYPE html><meta charset=utf-8><title>搜索暂不可用</title><p>搜索暂不可用：{}</p>", escape(&message)))).into_response();
        }
    };
    let view = search_view(&q, &results, state.index.vocabulary(), &state.site);
    match state
        .renderer
        .page("search.html", &state.site, "search", &view, &[])
    {
        Ok(html) => Html(html).into_response(),
        Err(d) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Html(format!(
                "<!DOCTYPE html><meta charset=utf-8><title>模板错误</title><pre>{}</pre>",
                escape(&d.to_string())
            )),
        )
            .into_response(),
    }
}

/// `GET /api/search?q=…`: the results as JSON.
pub(super) async fn search_api(
    State(shared): State<Arc<Shared>>,
    RawQuery(raw): RawQuery,
) -> Response {
    match run(&shared, request(raw)).await {
        Ok(r) => Json(r).into_response(),
        Err(Unanswered::Busy) => {
            busy(Json(serde_json::json!({ "error": "busy", "retry_after": 2 })).into_response())
        }
        Err(Unanswered::Failed(message)) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({ "error": message })),
        )
            .into_response(),
    }
}

/// The theme's 404 page for any missing path. Its links are relative to the site root, so a
/// `<base href="/">` makes them work from however deep the missing path was.
pub(super) async fn not_found(page: &std::path::Path) -> Response {
    let html = tokio::fs::read_to_string(page).await.unwrap_or_else(|_| {
        "<!DOCTYPE html><meta charset=utf-8><title>页面不存在</title><p>页面不存在".into()
    });
    let html = html.replacen("<head>", "<head>\n<base href=\"/\">", 1);
    (StatusCode::NOT_FOUND, Html(html)).into_response()
}

/// The served folder: as named (for its 404 page) and its real path, resolved once (a
/// rebuild swaps the folder's contents under the same name).
pub(super) struct Public {
    pub dir: std::path::PathBuf,
    pub real: std::path::PathBuf,
}

/// Static files only from inside `public/`: a symbolic link in it that leads elsewhere is
/// answered as missing, never followed.
pub(super) async fn inside_public(
    public: Arc<Public>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path = percent_encoding::percent_decode_str(req.uri().path()).decode_utf8_lossy();
    let rel = path.trim_start_matches('/');
    if !rel.is_empty()
        && let Ok(file) = tokio::fs::canonicalize(public.dir.join(rel)).await
        && !file.starts_with(&public.real)
    {
        return not_found(&public.dir.join("404.html")).await;
    }
    next.run(req).await
}
