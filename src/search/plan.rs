//! The tantivy query of a parsed query: every searched text must occur (as a bigram phrase
//! in the title or the body, or one of its synonyms), excluded texts must not, filters hold.
//! Titles and headings weigh more; jieba's words rerank the best candidates (`rank`).

use super::checked::{Checked, Source};
use super::forward_only::ForwardOnly;
use super::query::{Filter, Parsed, Text};
use super::searcher::SearchIndex;
use super::tokenizer::{bigrams, lone_ideograph};
use crate::text::normalize::Edges;
use crate::text::{is_ideograph, is_word_char};
use std::ops::Bound;
use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, RegexPhraseQuery, RegexQuery,
    TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::Token;

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
                    if let Some(q) = self.contains(field, &alt) {
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
                if let Some(q) = self.contains(field, &alt) {
                    alts.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
                }
            }
        }
        Box::new(BooleanQuery::new(alts))
    }

    /// Texts of `field` that contain `text` as a character sequence: a phrase of its bigrams
    /// at their character offsets; one ideograph matches any bigram it is part of. A lone
    /// ideograph with no letter or digit beside it is a run's edge the index does not hold
    /// (see `Edges::BesideWords`): such a phrase is checked against the stored texts
    /// ([`Checked`]), in the title and the body; the headings' field, which only weighs,
    /// leaves it to the body.
    fn contains(&self, field: Field, text: &str) -> Option<Box<dyn Query>> {
        let tokens = bigrams(text, Edges::None);
        match tokens.as_slice() {
            [] => None,
            [one] => match lone_ideograph(&one.text) {
                Some(c) => anywhere(field, c),
                None => Some(phrase(field, &tokens)),
            },
            many => {
                let chars: Vec<char> = text.chars().collect();
                let word_at = |i: Option<usize>| {
                    i.and_then(|i| chars.get(i))
                        .is_some_and(|&c| !is_ideograph(c) && is_word_char(c))
                };
                let loose: Vec<bool> = many
                    .iter()
                    .map(|t| {
                        lone_ideograph(&t.text).is_some()
                            && !word_at(t.position.checked_sub(1))
                            && !word_at(Some(t.position + 1))
                    })
                    .collect();
                if !loose.contains(&true) {
                    return Some(phrase(field, many));
                }
                let source = if field == self.f.title_bigrams {
                    Source::Title(self.f.title)
                } else if field == self.f.body_bigrams {
                    Source::Text(self.f.text)
                } else {
                    return None;
                };
                let candidates = placed(field, many, &loose);
                Some(Box::new(Checked {
                    candidates,
                    source,
                    phrase: many.to_vec(),
                }))
            }
        }
    }
}

/// Loose characters (see [`SearchIndex::contains`]) placed one by one in a phrase at most:
/// each doubles the phrases asked for.
const MOST_PLACED: usize = 4;

/// The candidates of a phrase whose tokens marked `loose` are lone characters the index may
/// not hold alone: `tokens` at their offsets, each loose character there as the first
/// character of a token (`年.?`) or the second of one just before (`.年`), in every
/// combination; beyond [`MOST_PLACED`] of them, the texts holding the other tokens in place
/// and each loose character anywhere. Either way every text that holds the phrase is among
/// them, and [`Checked`] keeps exactly those.
fn placed(field: Field, tokens: &[Token], loose: &[bool]) -> Box<dyn Query> {
    let chars: Vec<char> = tokens
        .iter()
        .zip(loose)
        .filter(|(_, l)| **l)
        .filter_map(|(t, _)| t.text.chars().next())
        .collect();
    if chars.len() > MOST_PLACED {
        let rest: Vec<Token> = tokens
            .iter()
            .zip(loose)
            .filter(|(_, l)| !**l)
            .map(|(t, _)| t.clone())
            .collect();
        let mut all: Vec<(Occur, Box<dyn Query>)> = chars
            .iter()
            .filter_map(|&c| anywhere(field, c))
            .map(|q| (Occur::Must, q))
            .collect();
        if !rest.is_empty() {
            all.push((Occur::Must, phrase(field, &rest)));
        }
        return Box::new(BooleanQuery::new(all));
    }
    let any = (0..1u32 << chars.len())
        .map(|mask| {
            let mut k = 0;
            // Offsets one further on, so a character's token just before it has offset 0.
            let terms: Vec<(usize, String)> = tokens
                .iter()
                .zip(loose)
                .map(|(t, &l)| {
                    if !l {
                        return (t.position + 1, literal(&t.text));
                    }
                    let second = mask >> k & 1 == 1;
                    k += 1;
                    if second {
                        (t.position, format!(".{}", literal(&t.text)))
                    } else {
                        (t.position + 1, format!("{}.?", literal(&t.text)))
                    }
                })
                .collect();
            let q: Box<dyn Query> = Box::new(ForwardOnly(Box::new(
                RegexPhraseQuery::new_with_offset(field, terms),
            )));
            (Occur::Should, q)
        })
        .collect();
    Box::new(BooleanQuery::new(any))
}

/// `text` as a pattern matching itself alone.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Texts of `field` holding the ideograph `c`: any bigram it is part of, or it alone.
fn anywhere(field: Field, c: char) -> Option<Box<dyn Query>> {
    RegexQuery::from_pattern(&format!("{c}.?|.{c}"), field)
        .ok()
        .map(|q| Box::new(q) as Box<dyn Query>)
}

/// Texts of `field` with `tokens` at their character offsets (one token: the term).
fn phrase(field: Field, tokens: &[Token]) -> Box<dyn Query> {
    match tokens {
        [one] => Box::new(TermQuery::new(
            Term::from_field_text(field, &one.text),
            IndexRecordOption::WithFreqsAndPositions,
        )),
        many => Box::new(ForwardOnly(Box::new(PhraseQuery::new_with_offset(
            many.iter()
                .map(|t| (t.position, Term::from_field_text(field, &t.text)))
                .collect(),
        )))),
    }
}
