//! Answers queries from a built index (the query itself is built in `plan`): the hits with
//! their best section and snippet, and the facet counts.

use super::entries::SectionSpan;
use super::index::{META, register};
use super::query::{self, Filter, Parsed};
use super::rank;
pub use super::results::{Hit, Request, Results, Sort};
use super::schema::{Fields, VERSION};
use super::settings::{DICTIONARY, SYNONYMS, Synonyms};
use super::snippet::{occurrences, snippet};
use super::tokenizer::{check_dictionary, load_jieba};
use crate::error::{Diagnostic, Failure};
use crate::fsx;
use jieba_rs::Jieba;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Index, IndexReader, Order, Searcher, TantivyDocument};

/// An opened index, ready to answer queries from any thread.
pub struct SearchIndex {
    reader: IndexReader,
    pub(super) f: Fields,
    pub(super) synonyms: Synonyms,
    /// The user dictionary the index was built with, for [`SearchIndex::jieba`].
    dictionary: String,
    /// jieba, loaded on the first query it ranks (115 ms, 32 MiB): a build never needs it.
    jieba: Arc<OnceLock<Jieba>>,
    /// The values filters take, with their aliases.
    pub(super) vocabulary: super::vocabulary::Vocabulary,
}

/// Characters of a snippet.
const SNIPPET_CHARS: usize = 90;

impl SearchIndex {
    /// Opens the index in `dir` with the dictionary and synonyms it was built with.
    pub fn open(dir: &Path) -> Result<SearchIndex, Failure> {
        let shown = Path::new(super::settings::DIR).join("index");
        let meta = fsx::read(&dir.join(META), &shown.join(META)).map_err(|_| {
            Diagnostic::error(&shown, crate::msg::search::no_index())
                .help(crate::msg::search::no_index_help())
        })?;
        if String::from_utf8_lossy(&meta).trim() != format!("{{\"version\": {VERSION}}}") {
            return Err(
                Diagnostic::error(&shown, crate::msg::search::index_other_version())
                    .help(crate::msg::search::rebuild_help())
                    .into(),
            );
        }
        let dictionary =
            String::from_utf8_lossy(&fsx::read(&dir.join(DICTIONARY), &shown.join(DICTIONARY))?)
                .into_owned();
        check_dictionary(&dictionary).map_err(|(line, m)| {
            Diagnostic::error(
                shown.join(DICTIONARY),
                crate::msg::search::dictionary_line(line, &m),
            )
        })?;
        let synonyms: Synonyms =
            serde_json::from_slice(&fsx::read(&dir.join(SYNONYMS), &shown.join(SYNONYMS))?)
                .unwrap_or_default();
        let index = Index::open_in_dir(dir).map_err(|e| {
            Diagnostic::error(&shown, crate::msg::search::index_open(&e.to_string()))
                .help(crate::msg::search::rebuild_help())
        })?;
        register(&index);
        let reader = index.reader().map_err(|e| {
            Diagnostic::error(&shown, crate::msg::search::index_read(&e.to_string()))
        })?;
        Ok(SearchIndex {
            reader,
            f: Fields::schema().1,
            synonyms,
            dictionary,
            jieba: Arc::default(),
            vocabulary: super::vocabulary::Vocabulary::load(dir),
        })
    }

    /// jieba with the index's user dictionary, loaded the first time a query needs it.
    pub(super) fn jieba(&self) -> &Jieba {
        self.jieba.get_or_init(|| load(&self.dictionary))
    }

    /// Loads jieba on another thread now, so a server's first query does not wait for it.
    pub fn warm(&self) {
        let (slot, dictionary) = (self.jieba.clone(), self.dictionary.clone());
        std::thread::spawn(move || {
            slot.get_or_init(|| load(&dictionary));
        });
    }

    /// Sees the index's latest commit (after [`super::update::Updater`] changed it).
    pub fn reload(&self) -> Result<(), Failure> {
        self.reader.reload().map_err(failed)
    }

    /// The values of the filter fields, in the vocabulary's order (for listing facets).
    pub fn vocabulary(&self) -> &super::vocabulary::Vocabulary {
        &self.vocabulary
    }

    /// Answers a request. Bad syntax never fails: it is explained in `notes`.
    pub fn search(&self, req: &Request) -> Result<Results, Failure> {
        self.search_until(req, &std::sync::atomic::AtomicBool::new(false))
    }

    /// Answers a request unless `cancelled` is set first (the client went away): the long part
    /// of a search, reading documents for `kind:section`, stops as soon as it sees the flag.
    pub fn search_until(
        &self,
        req: &Request,
        cancelled: &std::sync::atomic::AtomicBool,
    ) -> Result<Results, Failure> {
        let mut results = self.answer(req, cancelled)?;
        if results.total == 0 {
            let parsed = query::parse(&req.q);
            if !parsed.must.is_empty() {
                let s = self.suggest(&req.q, &parsed, cancelled);
                if !s.is_empty() {
                    results.suggestions = Some(s);
                }
            }
        }
        // A page past the last (an old link, a typed URL) shows the last page, and says so.
        if results.total > 0 && results.page > results.pages {
            let last = Request {
                page: results.pages,
                ..req.clone()
            };
            let mut on_last = self.answer(&last, cancelled)?;
            on_last.notes.push(format!(
                "结果只有 {} 页，没有第 {} 页，已显示最后一页",
                results.pages, results.page
            ));
            return Ok(on_last);
        }
        Ok(results)
    }

    /// How many hits a request has (without suggestions or pages).
    pub(super) fn count(&self, req: &Request, cancelled: &std::sync::atomic::AtomicBool) -> usize {
        // In date order: nothing is scored or reranked, and one hit is read.
        let req = Request {
            sort: Some(Sort::Date),
            page: 1,
            per_page: 1,
            ..req.clone()
        };
        self.answer(&req, cancelled).map_or(0, |r| r.total)
    }

    /// Answers a request for the page it asks for.
    fn answer(
        &self,
        req: &Request,
        cancelled: &std::sync::atomic::AtomicBool,
    ) -> Result<Results, Failure> {
        let mut parsed = query::parse(&req.q);
        self.vocabulary.canonicalize(&mut parsed);
        let per_page = req.per_page.clamp(1, 100);
        let page = req.page.clamp(1, 1000);
        let sort = req.sort.unwrap_or(if parsed.must.is_empty() {
            Sort::Date
        } else {
            Sort::Relevance
        });
        let mut results = Results {
            query: req.q.clone(),
            total: 0,
            page,
            pages: 0,
            sort,
            hits: vec![],
            facets: BTreeMap::new(),
            notes: parsed.notes.clone(),
            suggestions: None,
        };
        if parsed.must.is_empty() && parsed.filters.is_empty() {
            return Ok(results);
        }
        let searcher = self.reader.searcher();
        let kind = parsed
            .filters
            .iter()
            .find_map(|f| {
                if let Filter::Kind(k) = f {
                    Some(k.as_str())
                } else {
                    None
                }
            })
            .map_or(vec!["document", "record", "year"], |k| vec![k]);
        if kind == ["section"] {
            return self.sections(&searcher, &parsed, sort, per_page, results, cancelled);
        }
        let q = self.query(&parsed, &kind);
        let mut facets = FacetCollector::for_field("facets");
        for root in ["/year", "/type", "/category", "/status"] {
            facets.add_facet(root);
        }
        let skip = (page - 1) * per_page;
        let top = TopDocs::with_limit(per_page).and_offset(skip);
        // Each hit with its stored document when reranking has read it already.
        type Found = Vec<(f32, DocAddress, Option<TantivyDocument>)>;
        let (addrs, total, counts): (Found, usize, _) = match sort {
            Sort::Relevance => {
                // The best WINDOW candidates are reranked by words; the page is cut after.
                let best = TopDocs::with_limit((skip + per_page).max(rank::WINDOW));
                let (docs, total, counts) = searcher
                    .search(&q, &(best.order_by_score(), Count, facets))
                    .map_err(failed)?;
                let docs = self.rerank(&searcher, &parsed, docs).map_err(failed)?;
                (
                    docs.into_iter().skip(skip).take(per_page).collect(),
                    total,
                    counts,
                )
            }
            Sort::Date => {
                let (docs, total, counts) = searcher
                    .search(
                        &q,
                        &(
                            top.order_by_fast_field::<i64>("date", Order::Desc),
                            Count,
                            facets,
                        ),
                    )
                    .map_err(failed)?;
                (
                    docs.into_iter().map(|(_, a)| (0.0, a, None)).collect(),
                    total,
                    counts,
                )
            }
        };
        results.total = total;
        results.pages = total.div_ceil(per_page);
        for root in ["year", "type", "category", "status"] {
            let counts: BTreeMap<String, u64> = counts
                .get(&format!("/{root}"))
                .map(|(facet, n)| {
                    (
                        facet
                            .to_path()
                            .last()
                            .map(|s| s.to_string())
                            .unwrap_or_default(),
                        n,
                    )
                })
                .collect();
            if !counts.is_empty() {
                results.facets.insert(root.to_string(), counts);
            }
        }
        let needles = self.needles(&parsed);
        for (score, addr, doc) in addrs {
            let doc = match doc {
                Some(d) => d,
                None => searcher.doc(addr).map_err(failed)?,
            };
            results.hits.push(self.hit(&doc, &needles, score));
        }
        Ok(results)
    }

    /// `docs` (best first by the bigram score) with the first [`rank::WINDOW`] scores raised by
    /// [`rank::factor`] and put in order again, each with the document it read; the rest keep
    /// their place below them.
    fn rerank(
        &self,
        searcher: &Searcher,
        parsed: &Parsed,
        docs: Vec<(f32, DocAddress)>,
    ) -> tantivy::Result<Vec<(f32, DocAddress, Option<TantivyDocument>)>> {
        let window = if parsed.must.is_empty() {
            0
        } else {
            docs.len().min(rank::WINDOW)
        };
        let mut ranked = Vec::with_capacity(docs.len());
        if window > 0 {
            let jieba = self.jieba();
            let query: rank::Query = parsed
                .must
                .iter()
                .map(|t| {
                    self.alternatives(t)
                        .iter()
                        .map(|a| rank::Wanted::new(jieba, a))
                        .collect()
                })
                .collect();
            for &(score, addr) in &docs[..window] {
                let doc: TantivyDocument = searcher.doc(addr)?;
                let (title, body) = (text_in(&doc, self.f.title), text_in(&doc, self.f.text));
                let factor = rank::factor(jieba, &query, title, body);
                ranked.push((score * factor, addr, Some(doc)));
            }
            ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        }
        ranked.extend(docs[window..].iter().map(|&(s, a)| (s, a, None)));
        Ok(ranked)
    }

    fn hit(&self, doc: &TantivyDocument, needles: &[String], score: f32) -> Hit {
        let stored = Stored::of(doc, &self.f);
        let section = best_section(&stored.text, &stored.outline, needles).cloned();
        self.hit_in(doc, &stored, score, section.as_ref(), needles)
    }

    /// Every alternative of every searched text, longest first (for highlighting).
    pub(super) fn needles(&self, parsed: &Parsed) -> Vec<String> {
        let mut needles: Vec<String> = parsed
            .must
            .iter()
            .flat_map(|t| self.alternatives(t))
            .collect();
        needles.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        needles
    }

    /// The hit for a stored entry, linking to `section` (and showing its text) when given.
    pub(super) fn hit_in(
        &self,
        doc: &TantivyDocument,
        stored: &Stored,
        score: f32,
        section: Option<&SectionSpan>,
        needles: &[String],
    ) -> Hit {
        let url = text(doc, self.f.url);
        let (link, heading, snip) = match section {
            Some(sec) => {
                let body: String = stored
                    .text
                    .chars()
                    .skip(sec.start)
                    .take(sec.end - sec.start)
                    .collect();
                (
                    format!("{url}#{}", sec.id),
                    Some(sec.heading.clone()),
                    snippet(body.trim(), needles, SNIPPET_CHARS),
                )
            }
            None => (
                url,
                None,
                snippet(stored.text.trim(), needles, SNIPPET_CHARS),
            ),
        };
        let date = int(doc, self.f.date);
        Hit {
            url: link,
            title: text(doc, self.f.title),
            kind: text(doc, self.f.kind),
            year: int(doc, self.f.year),
            doc_type: text(doc, self.f.doc_type),
            date: format!(
                "{:04}-{:02}-{:02}",
                date / 10000,
                date / 100 % 100,
                date % 100
            ),
            date_label: text(doc, self.f.date_label),
            date_text: text(doc, self.f.date_text),
            score,
            section: heading,
            snippet: snip,
        }
    }
}

/// A stored text field's value ("" when absent).
pub(super) fn text(doc: &TantivyDocument, f: Field) -> String {
    text_in(doc, f).to_string()
}

/// A stored text field's value, borrowed from the document ("" when absent).
pub(super) fn text_in(doc: &TantivyDocument, f: Field) -> &str {
    doc.get_first(f).and_then(|v| v.as_str()).unwrap_or("")
}

/// A stored integer field's value (0 when absent).
pub(super) fn int(doc: &TantivyDocument, f: Field) -> i64 {
    doc.get_first(f)
        .and_then(|v| v.as_i64())
        .unwrap_or_default()
}

/// An entry's stored text and, for a document, its outline.
pub(super) struct Stored {
    pub text: String,
    pub outline: Vec<SectionSpan>,
}

impl Stored {
    pub(super) fn of(doc: &TantivyDocument, f: &Fields) -> Stored {
        Stored {
            text: text(doc, f.text),
            outline: doc
                .get_first(f.outline)
                .and_then(|v| v.as_str().and_then(|j| serde_json::from_str(j).ok()))
                .unwrap_or_default(),
        }
    }
}

/// A search that failed inside tantivy (a damaged index).
pub(super) fn failed(e: tantivy::TantivyError) -> Failure {
    Diagnostic::error(
        "search-index/index",
        crate::msg::search::search_failed(&e.to_string()),
    )
    .help(crate::msg::search::rebuild_help())
    .into()
}

/// The section of a document holding the most occurrences of the searched words (the first
/// such, on a tie); `None` when no section holds any (the match was in the title).
fn best_section<'a>(
    text: &str,
    outline: &'a [SectionSpan],
    needles: &[String],
) -> Option<&'a SectionSpan> {
    if outline.is_empty() || needles.is_empty() {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let found = occurrences(&chars, needles);
    let count = |s: &SectionSpan| {
        found
            .iter()
            .filter(|(a, _, _)| *a >= s.start && *a < s.end)
            .count()
    };
    outline
        .iter()
        .map(|s| (count(s), s))
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, s)| (*n, std::cmp::Reverse(s.start)))
        .map(|(_, s)| s)
}

/// jieba with a user dictionary that [`check_dictionary`] accepted (a user dictionary it would
/// refuse is left out rather than failing a query).
fn load(dictionary: &str) -> Jieba {
    load_jieba(dictionary)
        .or_else(|_| load_jieba(""))
        .expect("jieba's own dictionary loads")
}
