//! No dead ends: a query without hits says what there is instead. Each of its words alone
//! (with how many hits), the same query without its filters, and phrases of the archive's own
//! (titles, headings, ledger problems) that share the most character pairs with what was
//! searched.

use super::query::{self, Parsed};
use super::searcher::{Request, SearchIndex};
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::atomic::AtomicBool;

/// A query to try instead, with its hit count.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Try {
    /// The query to try.
    pub query: String,
    /// What it finds.
    pub total: usize,
}

/// What a query without hits could become.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Suggestions {
    /// Each searched word alone, with the query's filters.
    pub words: Vec<Try>,
    /// The query without its filters.
    pub without_filters: Option<Try>,
    /// Phrases of the archive close to what was searched.
    pub phrases: Vec<Try>,
}

impl Suggestions {
    /// Whether there is nothing to suggest.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.without_filters.is_none() && self.phrases.is_empty()
    }
}

/// The most phrases offered.
const PHRASES: usize = 3;

impl SearchIndex {
    /// Suggestions for the query `q` (parsed as `parsed`), which had no hits.
    pub(super) fn suggest(&self, q: &str, parsed: &Parsed, cancelled: &AtomicBool) -> Suggestions {
        let total = |q: &str| {
            let mut req = Request::new(q);
            req.per_page = 1;
            self.count(&req, cancelled)
        };
        let filters = query::filter_tokens(q);
        let with_filters = |text: &str| {
            std::iter::once(text.to_string())
                .chain(filters.iter().cloned())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut s = Suggestions::default();
        if parsed.must.len() > 1 {
            for t in &parsed.must {
                let word = if t.phrase {
                    format!("\"{}\"", t.text)
                } else {
                    t.text.clone()
                };
                let query = with_filters(&word);
                s.words.push(Try {
                    total: total(&query),
                    query,
                });
            }
        }
        if !filters.is_empty() && !parsed.must.is_empty() {
            let query = query::without_filters(q);
            s.without_filters = Some(Try {
                total: total(&query),
                query,
            });
        }
        let searched: Vec<&str> = parsed.must.iter().map(|t| t.text.as_str()).collect();
        for phrase in self.close_phrases(&searched.join("")) {
            let query = format!("\"{phrase}\"");
            let n = total(&query);
            if n > 0 {
                s.phrases.push(Try { query, total: n });
            }
            if s.phrases.len() == PHRASES {
                break;
            }
        }
        s
    }

    /// The archive's phrases sharing the most character pairs with `text`, best first.
    fn close_phrases(&self, text: &str) -> Vec<String> {
        let pairs = |t: &str| -> BTreeSet<(char, char)> {
            let chars: Vec<char> = t.chars().map(crate::text::variants::fold).collect();
            chars.windows(2).map(|w| (w[0], w[1])).collect()
        };
        let wanted = pairs(text);
        if wanted.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(f32, &String)> = self
            .vocabulary
            .phrases
            .iter()
            .filter_map(|p| {
                let theirs = pairs(p);
                let shared = wanted.intersection(&theirs).count();
                (shared > 0).then(|| {
                    (
                        2.0 * shared as f32 / (wanted.len() + theirs.len()) as f32,
                        p,
                    )
                })
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        scored
            .into_iter()
            .take(PHRASES * 3)
            .map(|(_, p)| p.clone())
            .collect()
    }
}
