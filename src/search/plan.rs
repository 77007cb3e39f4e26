//! The tantivy query of a parsed query: every searched text must occur (as a bigram phrase
//! in the title or the body, or one of its synonyms), excluded texts must not, filters hold.
//! Titles and headings weigh more; jieba's words rerank the best candidates (`rank`).

use super::forward_only::ForwardOnly;
use super::query::{Filter, Parsed, Text};
use super::searcher::SearchIndex;
use super::tokenizer::bigrams;
use crate::text::is_ideograph;
use std::ops::Bound;
use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

impl SearchIndex {
    /// A searched text and, for a bare word, its synonyms.
    pub(super) fn alternatives(&self, t: &Text) -> Vec<String> {
        let mut alts = vec![t.text.clone()];
        if !t.phrase {
            alts.extend(self.synonyms.of(&t.text));
        }
        alts
    }

    /// The tantivy query of a parsed query, limited to entries of `kinds`.
    pub(super) fn query(&self, parsed: &Parsed, kinds: &[&str]) -> BooleanQuery {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let term = |f: Field, v: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(f, v),
                IndexRecordOption::Basic,
            ))
        };
        if !kinds.is_empty() {
            let any: Vec<(Occur, Box<dyn Query>)> = kinds
                .iter()
                .map(|k| (Occur::Should, term(self.f.kind, k)))
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        for t in &parsed.must {
            clauses.push((Occur::Must, self.text_query(t)));
        }
        // One MustNot clause per field and alternative: "not (A or B)" is "not A and not B".
        for t in &parsed.must_not {
            for alt in self.alternatives(t) {
                for field in [self.f.title_bigrams, self.f.body_bigrams] {
                    if let Some(q) = contains(field, &alt) {
                        clauses.push((Occur::MustNot, q));
                    }
                }
            }
        }
        for f in &parsed.filters {
            let q: Box<dyn Query> = match f {
                Filter::Years(a, b) => Box::new(RangeQuery::new(
                    Bound::Included(Term::from_field_i64(self.f.year, *a as i64)),
                    Bound::Included(Term::from_field_i64(self.f.year, *b as i64)),
                )),
                Filter::Type(v) => term(self.f.doc_type, v),
                Filter::Status(v) => term(self.f.status, v),
                Filter::Category(v) => term(self.f.category, v),
                Filter::Unit(v) => term(self.f.unit, v),
                Filter::Kind(_) => continue,
            };
            clauses.push((Occur::Must, q));
        }
        BooleanQuery::new(clauses)
    }

    /// Entries whose title or text contains the text (or one of its synonyms).
    fn text_query(&self, t: &Text) -> Box<dyn Query> {
        let mut alts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for alt in self.alternatives(t) {
            // A heading is also body text, so what matches is unchanged; it only scores more.
            for (field, boost) in [
                (self.f.title_bigrams, 3.0),
                (self.f.heading_bigrams, 2.0),
                (self.f.body_bigrams, 1.0),
            ] {
                if let Some(q) = contains(field, &alt) {
                    alts.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
                }
            }
        }
        Box::new(BooleanQuery::new(alts))
    }
}

/// Texts of `field` that contain `text` as a character sequence: a phrase of its bigrams at
/// their character offsets; one ideograph matches any bigram it is part of.
fn contains(field: Field, text: &str) -> Option<Box<dyn Query>> {
    let tokens = bigrams(text, false);
    match tokens.as_slice() {
        [] => None,
        [one] => {
            let mut chars = one.text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if is_ideograph(c) => {
                    RegexQuery::from_pattern(&format!("{c}.?|.{c}"), field)
                        .ok()
                        .map(|q| Box::new(q) as Box<dyn Query>)
                }
                _ => Some(Box::new(TermQuery::new(
                    Term::from_field_text(field, &one.text),
                    IndexRecordOption::WithFreqsAndPositions,
                ))),
            }
        }
        many => {
            let phrase = PhraseQuery::new_with_offset(
                many.iter()
                    .map(|t| (t.position, Term::from_field_text(field, &t.text)))
                    .collect(),
            );
            Some(Box::new(ForwardOnly(Box::new(phrase))))
        }
    }
}
