//! A query whose candidates are checked against their stored text: for a phrase whose lone
//! character stands between punctuation (`年，度`, `（一）认真`).
//!
//! The index holds a run's first or last character alone only where a letter or digit is
//! beside it (`Edges::BesideWords`): the other edges were a fifth of its tokens, and a query
//! needs them only for such a lone character. Its candidates are the texts with the rest of
//! the phrase in place and the character at its offset inside some token (`plan::placed`);
//! each is then tokenized from its stored text with every edge and kept if the phrase is there
//! at its offsets, which is what the index with every edge answered. The browser's engine
//! checks the same way (`matches` in search.js).

use super::searcher::text_in;
use crate::text::normalize::{Edges, bigram_spans, normalize, push_lower};
use crate::text::variants::simplified_text;
use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::Field;
use tantivy::tokenizer::Token;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyDocument};

/// Which stored text a field's tokens were made from, and how it was folded for the index
/// (`search::index::document`).
#[derive(Debug, Clone, Copy)]
pub(super) enum Source {
    /// The stored title, normalised then simplified (`title_bigrams`).
    Title(Field),
    /// The stored text, simplified (`body_bigrams`).
    Text(Field),
}

/// The entries of `candidates` whose stored text holds `phrase` (tokens at their offsets).
#[derive(Debug)]
pub(super) struct Checked {
    pub candidates: Box<dyn Query>,
    pub source: Source,
    pub phrase: Vec<Token>,
}

impl Clone for Checked {
    fn clone(&self) -> Self {
        Checked {
            candidates: self.candidates.box_clone(),
            source: self.source,
            phrase: self.phrase.clone(),
        }
    }
}

impl Query for Checked {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(CheckedWeight {
            candidates: self.candidates.weight(enable_scoring)?,
            source: self.source,
            phrase: self.phrase.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.candidates.query_terms(visitor)
    }
}

struct CheckedWeight {
    candidates: Box<dyn Weight>,
    source: Source,
    phrase: Vec<Token>,
}

impl CheckedWeight {
    /// The segment's documents that hold the phrase, with their candidate scores, ascending.
    fn kept(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Vec<(DocId, Score)>> {
        let mut candidates = self.candidates.scorer(reader, boost)?;
        let store = reader.get_store_reader(1)?;
        let mut kept = Vec::new();
        let mut doc = candidates.doc();
        while doc != TERMINATED {
            let stored: TantivyDocument = store.get(doc)?;
            let text = |f: Field| text_in(&stored, f);
            let title;
            let folded = match self.source {
                Source::Title(f) => {
                    title = normalize(text(f));
                    simplified_text(&title)
                }
                Source::Text(f) => simplified_text(text(f)),
            };
            if holds(&folded, &self.phrase) {
                kept.push((doc, candidates.score()));
            }
            doc = candidates.advance();
        }
        Ok(kept)
    }
}

impl Weight for CheckedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(Kept {
            docs: self.kept(reader, boost)?,
            at: 0,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        match self.kept(reader, 1.0)?.iter().find(|(d, _)| *d == doc) {
            Some((_, score)) => Ok(Explanation::new(
                "phrase checked in the stored text",
                *score,
            )),
            None => Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not hold the phrase"
            ))),
        }
    }
}

/// Whether `phrase`'s tokens all occur among the tokens of `text` (in simplified characters,
/// as the index is given it; every run edge) at the phrase's relative offsets. The tokens are
/// compared in place, not collected: a check reads thousands of texts.
fn holds(text: &str, phrase: &[Token]) -> bool {
    let Some(first) = phrase.first() else {
        return false;
    };
    let mut at: FxHashMap<&str, FxHashSet<usize>> = phrase
        .iter()
        .map(|t| (t.text.as_str(), FxHashSet::default()))
        .collect();
    let mut word = String::new();
    for s in bigram_spans(text, Edges::All) {
        let token = &text[s.from..s.to];
        let token = if s.lower {
            word.clear();
            push_lower(&mut word, token, true);
            word.as_str()
        } else {
            token
        };
        if let Some(positions) = at.get_mut(token) {
            positions.insert(s.position);
        }
    }
    at[first.text.as_str()].iter().any(|&p| {
        p.checked_sub(first.position).is_some_and(|start| {
            phrase
                .iter()
                .all(|t| at[t.text.as_str()].contains(&(start + t.position)))
        })
    })
}

/// The kept documents of one segment, in order.
struct Kept {
    docs: Vec<(DocId, Score)>,
    at: usize,
}

impl DocSet for Kept {
    fn advance(&mut self) -> DocId {
        self.at += 1;
        self.doc()
    }
    fn doc(&self) -> DocId {
        self.docs.get(self.at).map_or(TERMINATED, |d| d.0)
    }
    fn size_hint(&self) -> u32 {
        self.docs.len() as u32
    }
}

impl Scorer for Kept {
    fn score(&mut self) -> Score {
        self.docs.get(self.at).map_or(0.0, |d| d.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tokenizer::bigrams;

    #[test]
    fn a_phrase_holds_at_its_offsets_only() {
        let phrase = bigrams("年，度", Edges::None);
        assert!(holds("年，度量衡；年度", &phrase));
        assert!(!holds("年。是度", &phrase));
        // Offsets are relative to the phrase's first token (a query may start with a mark).
        let marked = bigrams("（一）认真", Edges::None);
        assert_eq!(marked[0].position, 1);
        assert!(holds("一是（一）认真学习", &marked));
        assert!(!holds("（二）认真学习", &marked));
        // Letters and digits are whole lowercase words, as the index has them.
        assert!(holds("第2次，OA系统", &bigrams("次，oa", Edges::None)));
        assert!(!holds("第2次，OAS系统", &bigrams("次，oa", Edges::None)));
    }
}
