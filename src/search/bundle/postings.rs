//! Positional postings of every index token, read from the server's index just written (its
//! `title_bigrams` and `body_bigrams` fields, with positions): the bundle tokenizes nothing
//! again, so it lists exactly what the server matches and costs a fraction of the index.
//!
//! For each token (a character bigram, a run's edge character, a whole Latin word or number,
//! all folded as the tokenizer folds them) the entries holding it, each with the character
//! offsets in its title and in its text. A query is then matched the way tantivy's phrase
//! query matches it: its tokens at their offsets, inside one field.
//!
//! A lone Chinese character matches wherever it occurs (the server asks for any bigram holding
//! it), which no one token list says: `#字` lists the entries holding the character at all,
//! with whether the title does.
//!
//! A lone character is listed only where it touches a letter or digit (`2025年`, `第2次`). The
//! index holds run edges only there already (`Edges::BesideWords`), and runs of one character
//! everywhere, which the lists leave out too: a query needs them only when a lone character
//! stands between punctuation (`年，度`), which the browser checks against the entries' texts
//! as the server does (`search::checked`).
//!
//! A list is four streams, so deflate sees like with like: `[head length][head][high bytes]
//! [low bytes][escapes]`. The head has per entry `gap, texts << 1 | has_title, [titles]`
//! (positional) or `gap, flags` (presence: 1 title, 2 text), unsigned varints, the first gap
//! being the entry number itself. Then every position gap (titles, then texts, entry by
//! entry): its high byte among the high bytes, its low byte among the low; a gap of 65,280 or
//! more has high byte 255 and its value among the escapes, a varint.

use super::encode::varint;
use crate::search::entries::Entry;
use crate::search::schema::Fields;
use crate::search::tokenizer::lone_ideograph;
use crate::text::variants::simplified;
use crate::text::{is_ideograph, is_word_char, normalize};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Index, SegmentReader, TERMINATED, Term};

/// Entries read per task for the presence lists, and prepared at a time for the bundle
/// (`bundle::Preparer`) once its dictionary is trained.
pub(super) const CHUNK: usize = 256;

/// One list in the making: its last entry and its streams.
#[derive(Default)]
struct Local {
    first: u32,
    last: u32,
    streams: Streams,
}

/// A list's four streams.
#[derive(Default)]
struct Streams {
    head: Vec<u8>,
    high: Vec<u8>,
    low: Vec<u8>,
    escapes: Vec<u8>,
}

impl Streams {
    fn gap(&mut self, gap: u32) {
        if gap < 0xFF00 {
            self.high.push((gap >> 8) as u8);
            self.low.push(gap as u8);
        } else {
            self.high.push(255);
            self.low.push(0);
            varint(&mut self.escapes, gap as u64);
        }
    }

    fn extend(&mut self, other: &Streams) {
        self.head.extend_from_slice(&other.head);
        self.high.extend_from_slice(&other.high);
        self.low.extend_from_slice(&other.low);
        self.escapes.extend_from_slice(&other.escapes);
    }

    fn bytes(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(self.head.len() + 2 * self.high.len() + self.escapes.len() + 5);
        varint(&mut out, self.head.len() as u64);
        out.extend_from_slice(&self.head);
        out.extend_from_slice(&self.high);
        out.extend_from_slice(&self.low);
        out.extend_from_slice(&self.escapes);
        out
    }
}

/// One token's encoded list and how many position gaps it holds (the length of its high
/// and of its low bytes, which the packing codes apart: see `huffman`).
pub(super) struct List {
    pub(super) term: String,
    pub(super) bytes: Vec<u8>,
    pub(super) gaps: usize,
}

impl List {
    fn of(term: String, streams: &Streams) -> List {
        List {
            term,
            bytes: streams.bytes(),
            gaps: streams.high.len(),
        }
    }

    /// Where, inside the positions (after the head), the high bytes end and the low bytes end.
    pub(super) fn stream_ends(&self) -> [usize; 2] {
        [self.gaps, 2 * self.gaps]
    }
}

/// Where a list's head ends and its position streams begin (after the head's length).
pub(super) fn head_end(list: &[u8]) -> usize {
    let (mut len, mut shift, mut i) = (0usize, 0, 0);
    while let Some(&b) = list.get(i) {
        len |= ((b & 0x7f) as usize) << shift;
        shift += 7;
        i += 1;
        if b & 0x80 == 0 {
            break;
        }
    }
    (i + len).min(list.len())
}

/// The key of a presence list.
fn presence_key(c: char) -> String {
    format!("#{c}")
}

/// Which characters of a text are letters or digits (not ideographs), by character offset:
/// a run edge is listed only beside one.
pub(super) struct Words(Vec<u64>);

/// Each entry's [`Words`] of its title and of its text.
pub(super) fn words(entries: &[Entry]) -> Vec<[Words; 2]> {
    entries
        .par_iter()
        .map(|e| [Words::of(&normalize(&e.title)), Words::of(&e.text)])
        .collect()
}

impl Words {
    /// Reads `text` a byte at a time and decodes only what can be a letter or digit: an ASCII
    /// byte is one character, and a character whose UTF-8 starts with 0xE4 to 0xE9
    /// (U+4000..U+9FFF: ideographs, and the hexagram symbols, which are no word characters)
    /// never is. Decoding every character was 1.3% of a 10k build's CPU.
    fn of(text: &str) -> Words {
        let bytes = text.as_bytes();
        let mut bits: Vec<u64> = Vec::new();
        let mut set = |k: usize| {
            if bits.len() <= k / 64 {
                bits.resize(k / 64 + 1, 0);
            }
            bits[k / 64] |= 1 << (k % 64);
        };
        let (mut i, mut k) = (0, 0);
        while let Some(&b) = bytes.get(i) {
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    set(k);
                }
                i += 1;
            } else if (0xE4..=0xE9).contains(&b) {
                i += 3;
            } else {
                let c = text[i..].chars().next().expect("i is at a character");
                if !is_ideograph(c) && is_word_char(c) {
                    set(k);
                }
                i += c.len_utf8();
            }
            k += 1;
        }
        Words(bits)
    }
    fn at(&self, i: Option<u32>) -> bool {
        i.and_then(|i| self.0.get(i as usize / 64).map(|w| w >> (i % 64) & 1 == 1))
            .unwrap_or(false)
    }
}

/// Every token's encoded list from the index (the presence lists are made apart), each
/// handed to `each` with its number (its rank among the index's tokens) as it is made, so
/// the lists need never be held all at once. Returns how many tokens were numbered and what
/// `each` made.
pub(super) fn build<T: Send>(
    index: &Index,
    f: &Fields,
    words: &[[Words; 2]],
    each: impl Fn(usize, List) -> T + Sync,
) -> tantivy::Result<(usize, Vec<T>)> {
    let searcher = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?
        .searcher();
    let segments = searcher.segment_readers();
    let numbers: Vec<Vec<u32>> = segments
        .iter()
        .map(|seg| {
            let col = seg.fast_fields().u64("entry")?;
            Ok((0..seg.max_doc())
                .map(|d| col.first(d).unwrap_or_default() as u32)
                .collect())
        })
        .collect::<tantivy::Result<_>>()?;
    let fields = [f.title_bigrams, f.body_bigrams];
    let mut terms: BTreeSet<Vec<u8>> = BTreeSet::new();
    for seg in segments {
        for &field in &fields {
            let inverted = seg.inverted_index(field)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                terms.insert(stream.key().to_vec());
            }
        }
    }
    let terms: Vec<Vec<u8>> = terms.into_iter().collect();
    let made = terms
        .par_iter()
        .enumerate()
        .map(|(id, t)| {
            let list = list(t, segments, &numbers, &fields, words)?;
            Ok(list.map(|list| each(id, list)))
        })
        .filter_map(Result::transpose)
        .collect::<tantivy::Result<Vec<T>>>()?;
    Ok((terms.len(), made))
}

/// One token's list from every segment and both fields; `None` when nothing of it is kept
/// (a run edge that touches no letter or digit anywhere).
fn list(
    term: &[u8],
    segments: &[SegmentReader],
    numbers: &[Vec<u32>],
    fields: &[Field; 2],
    words: &[[Words; 2]],
) -> tantivy::Result<Option<List>> {
    let text = String::from_utf8_lossy(term).into_owned();
    let edge = lone_ideograph(&text).is_some();
    // (entry, field, where its positions are in `all`) of every document holding the token.
    let mut found: Vec<(u32, usize, std::ops::Range<usize>)> = Vec::new();
    let mut all: Vec<u32> = Vec::new();
    let mut buf = Vec::new();
    for (seg, numbers) in segments.iter().zip(numbers) {
        for (k, &field) in fields.iter().enumerate() {
            let inverted = seg.inverted_index(field)?;
            let term = Term::from_field_bytes(field, term);
            let Some(mut postings) =
                inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?
            else {
                continue;
            };
            let mut doc = postings.doc();
            while doc != TERMINATED {
                let entry = numbers[doc as usize];
                postings.positions(&mut buf);
                if edge {
                    let w = &words[entry as usize][k];
                    buf.retain(|&p| w.at(p.checked_sub(1)) || w.at(Some(p + 1)));
                }
                if !buf.is_empty() {
                    found.push((entry, k, all.len()..all.len() + buf.len()));
                    all.extend_from_slice(&buf);
                }
                doc = postings.advance();
            }
        }
    }
    if found.is_empty() {
        return Ok(None);
    }
    // A stable sort: `found` is a few runs already in order (each segment's documents in each
    // field), which it merges; the unstable sort took three times as long (1.4% of a 10k
    // build's CPU).
    found.sort_by_key(|(e, k, _)| (*e, *k));
    let mut s = Streams::default();
    let mut last = 0;
    for group in found.chunk_by(|a, b| a.0 == b.0) {
        let entry = group[0].0;
        varint(&mut s.head, (entry - last) as u64);
        last = entry;
        let title: &[u32] = group
            .iter()
            .find(|g| g.1 == 0)
            .map_or(&[], |g| &all[g.2.clone()]);
        let body: &[u32] = group
            .iter()
            .find(|g| g.1 == 1)
            .map_or(&[], |g| &all[g.2.clone()]);
        varint(
            &mut s.head,
            ((body.len() as u64) << 1) | !title.is_empty() as u64,
        );
        if !title.is_empty() {
            varint(&mut s.head, title.len() as u64);
        }
        for list in [title, body] {
            let mut prev = 0;
            for &p in list {
                s.gap(p - prev);
                prev = p;
            }
        }
    }
    Ok(Some(List::of(text, &s)))
}

/// `#字` for every character: the entries holding it, with whether in the title, the text.
/// Fed the entries a batch at a time, in order, as the index receives them.
#[derive(Default)]
pub(super) struct Presence {
    /// Per character: the last entry listed and the list so far.
    merged: FxHashMap<char, (u32, Streams)>,
}

impl Presence {
    /// Adds `entries`, numbered from `first`.
    pub(super) fn add(&mut self, first: usize, entries: &[Entry]) {
        let chunks: Vec<FxHashMap<char, Local>> = entries
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(k, chunk)| presence_chunk(first + k * CHUNK, chunk))
            .collect();
        for lists in chunks {
            for (c, local) in lists {
                let (last, streams) = self
                    .merged
                    .entry(c)
                    .or_insert_with(|| (0, Streams::default()));
                varint(&mut streams.head, (local.first - *last) as u64);
                streams.extend(&local.streams);
                *last = local.last;
            }
        }
    }

    /// The lists, in the order of their keys (the large ones are numbered in that order).
    pub(super) fn lists(self) -> Vec<List> {
        let mut lists: Vec<List> = self
            .merged
            .into_par_iter()
            .map(|(c, (_, streams))| List::of(presence_key(c), &streams))
            .collect();
        lists.par_sort_unstable_by(|a, b| a.term.cmp(&b.term));
        lists
    }
}

/// The presence lists of the entries of `chunk`, numbered from `first`.
fn presence_chunk(first: usize, chunk: &[Entry]) -> FxHashMap<char, Local> {
    let mut lists: FxHashMap<char, Local> = FxHashMap::default();
    // Per character of the entry at hand: 1 in its title, 2 in its text.
    let mut flags = vec![0u8; 0x40000];
    let mut touched: Vec<u32> = Vec::new();
    for (j, e) in chunk.iter().enumerate() {
        let id = (first + j) as u32;
        let title = normalize(&e.title);
        for (bit, text) in [(1u8, title.as_str()), (2, e.text.as_str())] {
            for c in text.chars().filter(|&c| is_ideograph(c)) {
                let c = simplified(c) as u32;
                let f = &mut flags[c as usize];
                if *f == 0 {
                    touched.push(c);
                }
                *f |= bit;
            }
        }
        for c in touched.drain(..) {
            let ch = char::from_u32(c).unwrap_or('\u{fffd}');
            let l = lists.entry(ch).or_insert_with(|| Local {
                first: id,
                last: id,
                streams: Streams::default(),
            });
            if l.last != id {
                varint(&mut l.streams.head, (id - l.last) as u64);
                l.last = id;
            }
            l.streams.head.push(flags[c as usize]);
            flags[c as usize] = 0;
        }
    }
    lists
}

#[cfg(test)]
mod tests {
    use super::{Streams, Words, head_end};
    use crate::text::{is_ideograph, is_word_char};

    #[test]
    fn words_are_found_as_a_character_by_character_reading_finds_them() {
        let report = include_str!("../../../tests/fixtures/report-2025-pdf-extract.txt");
        let mixed = "ꀀ第2次会议，ＧＢ／Ｔ９７０４，Ωmega é ䷀卦 〇一二 ２０２５年 𠀀x 丽";
        for text in [report, mixed, "", "a", "字"] {
            let words = Words::of(text);
            for (i, c) in text.chars().enumerate() {
                let expected = !is_ideograph(c) && is_word_char(c);
                assert_eq!(words.at(Some(i as u32)), expected, "{c:?} at {i}");
            }
            let n = text.chars().count() as u32;
            assert!(!words.at(Some(n)) && !words.at(Some(n + 64)) && !words.at(None));
        }
    }

    #[test]
    fn the_head_ends_where_the_position_streams_begin() {
        let mut s = Streams {
            head: vec![7; 200],
            ..Default::default()
        };
        s.gap(3);
        s.gap(70_000);
        let bytes = s.bytes();
        // A two-byte length, the head, then high, low and the escape.
        assert_eq!(head_end(&bytes), 2 + 200);
        assert_eq!(&bytes[202..204], &[0, 255]);
        assert_eq!(head_end(&[]), 0);
        assert_eq!(
            head_end(&[0x85]),
            1,
            "a cut length never points past the list"
        );
    }
}
