//! `kind:section`: the headed sections that match a query, one hit each.
//!
//! Sections are not indexed on their own (see `index`); a section matches when every searched
//! text (or one of its synonyms) occurs in it and no excluded text does, which is what a
//! bigram phrase query decides for a whole document. So the documents that match the query's
//! texts and filters are looked up in the index, and their stored outlines are cut into
//! sections and checked. Hits keep their document's order (score or date), then reading order.

use super::entries::SectionSpan;
use super::query::Parsed;
use super::searcher::{Results, SearchIndex, Sort, Stored, failed, int, text};
use crate::error::Failure;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use tantivy::collector::{Count, TopDocs};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument};

/// Characters as the index compares them (ASCII case, traditional forms folded).
fn folded(text: &str) -> Vec<char> {
    text.chars().map(crate::text::variants::fold).collect()
}

/// The most documents one `kind:section` search reads.
pub(super) const MAX_DOCUMENTS: usize = 2000;

/// A matching section: its document's score and address, the section, its year and type.
type Match = (f32, DocAddress, SectionSpan, [String; 2]);

fn contains(hay: &[char], needle: &[char]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

impl SearchIndex {
    /// Answers a `kind:section` request: `results` arrives with the query, page and notes set.
    pub(super) fn sections(
        &self,
        searcher: &Searcher,
        parsed: &Parsed,
        sort: Sort,
        per_page: usize,
        mut results: Results,
        cancelled: &AtomicBool,
    ) -> Result<Results, Failure> {
        // Excluded texts rule out sections, not whole documents.
        let mut texts = parsed.clone();
        texts.must_not.clear();
        let q = self.query(&texts, &["document"]);
        let matching = searcher.search(&q, &Count).map_err(failed)?;
        // Each document read costs its whole text in memory: a broad query reads the best
        // MAX_DOCUMENTS of them (by score or date) and says so, never the whole archive.
        let n = matching.clamp(1, MAX_DOCUMENTS);
        if matching > MAX_DOCUMENTS {
            results.notes.push(format!(
                "kind:section 只在最相关的 {MAX_DOCUMENTS} 份文件（共 {matching} 份匹配）中查找章节；加上 year:、type: 或更多词语可缩小范围"
            ));
        }
        let docs: Vec<(f32, DocAddress)> = match sort {
            Sort::Relevance => searcher
                .search(&q, &TopDocs::with_limit(n).order_by_score())
                .map_err(failed)?,
            Sort::Date => searcher
                .search(
                    &q,
                    &TopDocs::with_limit(n).order_by_fast_field::<i64>("date", Order::Desc),
                )
                .map_err(failed)?
                .into_iter()
                .map(|(_, a)| (0.0, a))
                .collect(),
        };
        let must: Vec<Vec<Vec<char>>> = parsed
            .must
            .iter()
            .map(|t| self.alternatives(t).iter().map(|a| folded(a)).collect())
            .collect();
        let not: Vec<Vec<char>> = parsed
            .must_not
            .iter()
            .flat_map(|t| self.alternatives(t))
            .map(|a| folded(&a))
            .collect();
        // A broad query reads thousands of documents: they are read in the store's order (its
        // blocks are compressed, so reading in score order would unpack each block many times),
        // in parallel, then put back in the order of `docs`.
        let mut by_address: Vec<usize> = (0..docs.len()).collect();
        by_address.sort_by_key(|&i| docs[i].1);
        let read: Vec<Vec<Match>> = by_address
            .par_iter()
            .map(|&i| {
                if cancelled.load(Ordering::Relaxed) {
                    return Err(Failure::from(crate::error::Diagnostic::error(
                        "search",
                        crate::msg::search::search_cancelled(),
                    )));
                }
                let (score, addr) = docs[i];
                let doc: TantivyDocument = searcher.doc(addr).map_err(failed)?;
                let stored = Stored::of(&doc, &self.f);
                let chars = folded(&stored.text);
                let facets = [
                    int(&doc, self.f.year).to_string(),
                    text(&doc, self.f.doc_type),
                ];
                Ok(stored
                    .outline
                    .into_iter()
                    .filter(|sec| {
                        let body = &chars[sec.start.min(chars.len())..sec.end.min(chars.len())];
                        must.iter()
                            .all(|alts| alts.iter().any(|a| contains(body, a)))
                            && !not.iter().any(|a| contains(body, a))
                    })
                    .map(|sec| (score, addr, sec, facets.clone()))
                    .collect())
            })
            .collect::<Result<_, Failure>>()?;
        let mut matched = vec![Vec::new(); docs.len()];
        for (i, sections) in by_address.into_iter().zip(read) {
            matched[i] = sections;
        }
        let mut found: Vec<(f32, DocAddress, SectionSpan)> = Vec::new();
        let mut facets: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        for (score, addr, sec, [year, doc_type]) in matched.into_iter().flatten() {
            for (facet, value) in [("year", year), ("type", doc_type)] {
                *facets
                    .entry(facet.into())
                    .or_default()
                    .entry(value)
                    .or_default() += 1;
            }
            found.push((score, addr, sec));
        }
        results.total = found.len();
        results.pages = found.len().div_ceil(per_page);
        results.facets = facets;
        let needles = self.needles(parsed);
        let page = found
            .iter()
            .skip((results.page - 1) * per_page)
            .take(per_page);
        for (score, addr, sec) in page {
            let doc: TantivyDocument = searcher.doc(*addr).map_err(failed)?;
            let stored = Stored::of(&doc, &self.f);
            let mut hit = self.hit_in(&doc, &stored, *score, Some(sec), &needles);
            hit.kind = "section".into();
            results.hits.push(hit);
        }
        Ok(results)
    }
}
