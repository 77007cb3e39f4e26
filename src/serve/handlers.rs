//! The search handlers: query string in, HTML page or JSON out. A bad query is answered
//! with results for what could be read and notes on the rest, never an error page.

use super::live::Shared;
use crate::render::search_view::search_view;
use crate::search::{Request, Results, Sort};
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use std::sync::Arc;

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

/// Runs a search off the async threads (segmentation and scoring are CPU work).
async fn run(shared: &Arc<Shared>, req: Request) -> Result<Results, String> {
    let state = shared.state();
    let joined = tokio::task::spawn_blocking(move || state.index.search(&req)).await;
    match joined {
        Ok(Ok(r)) => Ok(r),
        Ok(Err(f)) => Err(f
            .0
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("; ")),
        Err(e) => Err(format!("search failed: {e}")),
    }
}

/// `GET /search?q=…`: the theme's search page.
pub async fn search_page(State(shared): State<Arc<Shared>>, RawQuery(raw): RawQuery) -> Response {
    let req = request(raw);
    let q = req.q.clone();
    let state = shared.state();
    let results = match run(&shared, req).await {
        Ok(r) => r,
        Err(message) => {
            return (StatusCode::SERVICE_UNAVAILABLE, Html(format!("<!DOCTYPE html><meta charset=utf-8><title>搜索暂不可用</title><p>搜索暂不可用：{}</p>", escape(&message)))).into_response();
        }
    };
    let view = search_view(&q, &results);
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
pub async fn search_api(State(shared): State<Arc<Shared>>, RawQuery(raw): RawQuery) -> Response {
    match run(&shared, request(raw)).await {
        Ok(r) => Json(r).into_response(),
        Err(message) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({ "error": message })),
        )
            .into_response(),
    }
}

/// The theme's 404 page for any missing path. Its links are relative to the site root, so a
/// `<base href="/">` makes them work from however deep the missing path was.
pub async fn not_found(page: &std::path::Path) -> Response {
    let html = tokio::fs::read_to_string(page).await.unwrap_or_else(|_| {
        "<!DOCTYPE html><meta charset=utf-8><title>页面不存在</title><p>页面不存在".into()
    });
    let html = html.replacen("<head>", "<head>\n<base href=\"/\">", 1);
    (StatusCode::NOT_FOUND, Html(html)).into_response()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
