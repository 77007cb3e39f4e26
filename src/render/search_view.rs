//! The view of the search results page (rendered by `serve` at request time): hits, facet
//! links that add or remove a filter, pages, and the notes on how the query was understood.

use super::links::hit_href;
use super::views::SiteView;
use crate::search::vocabulary::Vocabulary;
use crate::search::{Results, Sort};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

/// A hit as the search page shows it.
#[derive(Serialize)]
pub struct HitView<'a> {
    /// The hit's page (and section), relative to the search page.
    pub url: String,
    /// The hit's site-relative URL as the index has it (`data-hit-url`, for machines).
    pub site_url: &'a str,
    /// The page's title.
    pub title: &'a str,
    /// The heading of the best section.
    pub section: Option<&'a str>,
    /// HTML from the searcher: escaped text with `<mark>`.
    pub snippet: &'a str,
    /// The 年度.
    pub year: i64,
    /// The document type, or 整改台账 / 年度.
    #[serde(rename = "type")]
    pub doc_type: &'a str,
    /// The date, `YYYY-MM-DD`.
    pub date: &'a str,
    /// What the date is (成文日期, 完成时限).
    pub date_label: &'a str,
    /// The date as shown.
    pub date_text: &'a str,
    /// document, section, record or year.
    pub kind: &'a str,
}

/// One value of a facet with its count.
#[derive(Serialize)]
pub struct FacetItem {
    /// The value.
    pub value: String,
    /// Hits with it.
    pub count: u64,
    /// The search with this filter added (or removed, when active).
    pub url: String,
    /// Whether the query filters on it already.
    pub active: bool,
}

/// A facet: one filter field's values.
#[derive(Serialize)]
pub struct FacetGroup {
    /// The field's Chinese name.
    pub label: &'static str,
    /// Its values, most hits first.
    pub items: Vec<FacetItem>,
}

/// A link to one page of hits.
#[derive(Serialize)]
pub struct PageLink {
    /// The page's number, from 1.
    pub number: usize,
    /// Its URL.
    pub url: String,
    /// Whether it is the page shown.
    pub current: bool,
}

/// The search page's values (`search.html` under `serve`).
#[derive(Serialize)]
pub struct SearchView<'a> {
    /// The query as typed.
    pub q: &'a str,
    /// Where the page's form sends a query: `search` (the server's page) or `search.html`
    /// (the static page, whose `assets/search.js` answers it).
    pub action: &'static str,
    /// The static page: load the in-page engine.
    pub engine: bool,
    /// Hits in all.
    pub total: usize,
    /// The hits of this page.
    pub hits: Vec<HitView<'a>>,
    /// Facets with counts.
    pub facets: Vec<FacetGroup>,
    /// Notes on odd input (an unknown filter, an excluded word alone).
    pub notes: &'a [String],
    /// Links to the pages of hits.
    pub pages: Vec<PageLink>,
    /// The page before this one (上一页), if any.
    pub prev_url: Option<String>,
    /// The page after this one (下一页), if any.
    pub next_url: Option<String>,
    /// Whether hits are sorted by date.
    pub by_date: bool,
    /// The same query sorted by relevance.
    pub relevance_url: String,
    /// The same query sorted by date.
    pub date_url: String,
    /// When nothing was found: queries to try, each with its hit count and link.
    pub suggestions: Vec<TryView>,
    /// Before any query: example queries.
    pub examples: Vec<Example>,
}

/// A query shown on the empty search page, to show what a search can be.
#[derive(Serialize)]
pub struct Example {
    /// The query.
    pub query: String,
    /// The query percent-encoded, for `?q=`.
    pub encoded: String,
    /// What it finds.
    pub what: String,
}

/// The empty page's examples: a word, a phrase, filters for the newest year, and the open
/// records when the archive has a ledger.
fn examples(site: &SiteView) -> Vec<Example> {
    let newest = site.years.iter().map(|y| y.year).max();
    let mut out = vec![
        (
            "文稿起草".to_string(),
            "标题或正文含有这个词的报告和整改记录，逐年追查同一个问题".to_string(),
        ),
        (
            "\"谈心谈话\"".to_string(),
            "加引号，找一字不差的完整短语".to_string(),
        ),
    ];
    if let Some(y) = newest {
        out.push((
            format!("整改 type:整改方案 year:{y}"),
            format!("只看{y}年度的整改方案"),
        ));
    }
    if site.ledger_url.is_some() {
        out.push((
            "status:整改中".to_string(),
            "整改台账中仍在整改的问题".to_string(),
        ));
    }
    out.into_iter()
        .map(|(query, what)| Example {
            encoded: utf8_percent_encode(&query, NON_ALPHANUMERIC).to_string(),
            query,
            what,
        })
        .collect()
}

/// A query to try instead of one that found nothing.
#[derive(Serialize)]
pub struct TryView {
    /// What it is: 单独搜索, 去掉筛选条件, 相近的短语.
    pub what: &'static str,
    /// The query to try.
    pub query: String,
    /// What it finds.
    pub total: usize,
    /// Its URL.
    pub url: String,
}

/// The suggestions of a query without hits, in the order they are shown.
fn tries(r: &Results) -> Vec<TryView> {
    let Some(s) = &r.suggestions else {
        return Vec::new();
    };
    let view = |what, t: &crate::search::suggest::Try| TryView {
        what,
        query: t.query.clone(),
        total: t.total,
        url: search_url(&t.query, 1, None),
    };
    s.words
        .iter()
        .map(|t| view("单独搜索", t))
        .chain(s.without_filters.iter().map(|t| view("去掉筛选条件", t)))
        .chain(s.phrases.iter().map(|t| view("相近的短语", t)))
        .collect()
}

/// `search?q=…` (relative to the site root, where the search page is served).
pub fn search_url(q: &str, page: usize, sort: Option<Sort>) -> String {
    let mut url = format!(
        "search?q={}",
        utf8_percent_encode(q.trim(), NON_ALPHANUMERIC)
    );
    if page > 1 {
        url.push_str(&format!("&page={page}"));
    }
    if sort == Some(Sort::Date) {
        url.push_str("&sort=date");
    }
    url
}

/// The words a hit's page marks: the texts the query asks every hit to contain, as the
/// query parser reads them (no filters, no exclusions, no quotes). `assets/search.js` takes
/// them from its own parser the same way.
pub fn highlight_words(q: &str) -> String {
    crate::search::query::parse(q)
        .must
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The view of `results` for the query `q`; facets list their values in the order of
/// `vocabulary` (years newest first); with no query, examples drawn from `site` (its newest
/// year, its ledger).
pub fn search_view<'a>(
    q: &'a str,
    r: &'a Results,
    vocabulary: &Vocabulary,
    site: &SiteView,
) -> SearchView<'a> {
    let sort = (r.sort == Sort::Date).then_some(Sort::Date);
    let words: Vec<&str> = q.split_whitespace().collect();
    let facets = [
        ("year", "年度"),
        ("type", "文种"),
        ("category", "问题类别"),
        ("status", "整改状态"),
    ]
    .into_iter()
    .filter_map(|(key, label)| {
        let counts = r.facets.get(key)?;
        let mut items: Vec<FacetItem> = counts
            .iter()
            .map(|(value, count)| {
                let filter = format!("{key}:{value}");
                let active = words.contains(&filter.as_str());
                let next: Vec<&str> = if active {
                    words.iter().copied().filter(|w| *w != filter).collect()
                } else {
                    words.iter().copied().chain([filter.as_str()]).collect()
                };
                FacetItem {
                    value: value.clone(),
                    count: *count,
                    url: search_url(&next.join(" "), 1, sort),
                    active,
                }
            })
            .collect();
        if key == "year" {
            items.reverse();
        } else if let Some(values) = vocabulary.fields.get(key) {
            let at = |v: &str| {
                values
                    .order
                    .iter()
                    .position(|o| o == v)
                    .unwrap_or(usize::MAX)
            };
            items.sort_by(|a, b| at(&a.value).cmp(&at(&b.value)).then(a.value.cmp(&b.value)));
        }
        Some(FacetGroup { label, items })
    })
    .collect();
    let first = r.page.saturating_sub(4).max(1);
    let last = (first + 8).min(r.pages);
    let marked = highlight_words(q);
    SearchView {
        q,
        action: "search",
        engine: false,
        total: r.total,
        hits: r
            .hits
            .iter()
            .map(|h| HitView {
                url: hit_href(&h.url, &marked),
                site_url: &h.url,
                title: &h.title,
                section: h.section.as_deref(),
                snippet: &h.snippet,
                year: h.year,
                doc_type: &h.doc_type,
                date: &h.date,
                date_label: &h.date_label,
                date_text: &h.date_text,
                kind: &h.kind,
            })
            .collect(),
        facets,
        notes: &r.notes,
        pages: (first..=last)
            .map(|n| PageLink {
                number: n,
                url: search_url(q, n, sort),
                current: n == r.page,
            })
            .collect(),
        prev_url: (r.page > 1 && r.pages > 1).then(|| search_url(q, r.page - 1, sort)),
        next_url: (r.page < r.pages).then(|| search_url(q, r.page + 1, sort)),
        by_date: r.sort == Sort::Date,
        relevance_url: search_url(q, 1, Some(Sort::Relevance)),
        date_url: search_url(q, 1, Some(Sort::Date)),
        suggestions: tries(r),
        examples: if q.trim().is_empty() {
            examples(site)
        } else {
            Vec::new()
        },
    }
}

/// The static search page (`search.html`): the form, with no query; `assets/search.js` reads
/// the query from the address and fills in the results.
pub fn static_page<'a>(empty: &'a Results, site: &SiteView) -> SearchView<'a> {
    SearchView {
        action: "search.html",
        engine: true,
        ..search_view("", empty, &Vocabulary::default(), site)
    }
}
