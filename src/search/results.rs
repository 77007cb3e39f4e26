//! What a search is asked and what it answers: the request, the hits, the results page.

use serde::Serialize;
use std::collections::BTreeMap;

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best match first (BM25, titles weigh more). The default when there are words.
    #[default]
    Relevance,
    /// Newest first. The default when there are only filters.
    Date,
}

/// A search request.
#[derive(Debug, Clone)]
pub struct Request {
    /// The query as typed.
    pub q: String,
    /// 1-based page.
    pub page: usize,
    /// Hits a page (at most 100).
    pub per_page: usize,
    /// The order (default: relevance, or date for a query of filters only).
    pub sort: Option<Sort>,
}

impl Request {
    /// A request for the first page of `q`.
    pub fn new(q: &str) -> Self {
        Request {
            q: q.to_string(),
            page: 1,
            per_page: 10,
            sort: None,
        }
    }
}

/// One hit.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    /// Site-relative URL, with the anchor of the best-matching section.
    pub url: String,
    /// The page's title.
    pub title: String,
    /// `document` (or `record`, once the ledger is indexed).
    pub kind: String,
    /// The 年度.
    pub year: i64,
    /// The document type, or 整改台账 / 年度.
    #[serde(rename = "type")]
    pub doc_type: String,
    /// `YYYY-MM-DD`, the date results are sorted by.
    pub date: String,
    /// What [`Hit::date_text`] is: 成文日期, 完成时限 or 召开日期 (empty when there is none).
    pub date_label: String,
    /// The date as the page shows it: `2026年1月26日`, or a deadline as written (`6月底前`,
    /// `长期坚持`).
    pub date_text: String,
    /// The relevance score (higher first).
    pub score: f32,
    /// The heading of the section `url` points to.
    pub section: Option<String>,
    /// HTML: the matched words in `<mark>`, everything else escaped.
    pub snippet: String,
}

/// The answer to a request.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Results {
    /// The query as typed.
    pub query: String,
    /// Hits in all.
    pub total: usize,
    /// This page's number, from 1.
    pub page: usize,
    /// Pages in all.
    pub pages: usize,
    /// The order used.
    pub sort: Sort,
    /// The hits of this page.
    pub hits: Vec<Hit>,
    /// Counts by `year`, `type`, `category`, `status` over all matches.
    pub facets: BTreeMap<String, BTreeMap<String, u64>>,
    /// How an odd query was understood, for the user.
    pub notes: Vec<String>,
    /// When nothing was found: what to try instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestions: Option<super::suggest::Suggestions>,
}

impl Results {
    /// No results yet for `query` (the static search page before its engine answers).
    pub fn empty(query: &str) -> Results {
        Results {
            query: query.to_string(),
            total: 0,
            page: 1,
            pages: 0,
            sort: Sort::Relevance,
            hits: vec![],
            facets: BTreeMap::new(),
            notes: vec![],
            suggestions: None,
        }
    }
}
