//! Positional postings of every index token, as the server's bigram fields have them.
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
//! Encoding, all unsigned varints: per entry `gap, titles, bodies, title gaps…, body gaps…`
//! (positional) or `gap, flags` (presence: 1 title, 2 text); the first gap of a list is the
//! entry number itself.

use super::encode::varint;
use crate::search::index::Entry;
use crate::search::tokenizer::{each_bigram, is_ideograph, normalize};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Entries tokenised per task: large enough that merging stays cheap.
const CHUNK: usize = 256;

/// One token's list in one chunk: its first and last entry, and the records after the first
/// entry number (which the merge writes as a gap from the list so far).
struct Local {
    first: u32,
    last: u32,
    bytes: Vec<u8>,
}

/// The key of a presence list.
pub fn presence_key(c: char) -> String {
    format!("#{c}")
}

/// Every token's encoded list, sorted by token.
pub fn build(entries: &[Entry]) -> Vec<(String, Vec<u8>)> {
    let chunks: Vec<FxHashMap<String, Local>> = entries
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(k, chunk)| {
            let mut lists: FxHashMap<String, Local> = FxHashMap::default();
            for (j, e) in chunk.iter().enumerate() {
                tokenize_entry((k * CHUNK + j) as u32, e, &mut lists);
            }
            lists
        })
        .collect();
    let mut merged: FxHashMap<String, (u32, Vec<u8>)> = FxHashMap::default();
    for lists in chunks {
        for (term, local) in lists {
            match merged.get_mut(&term) {
                Some((last, bytes)) => {
                    varint(bytes, (local.first - *last) as u64);
                    bytes.extend_from_slice(&local.bytes);
                    *last = local.last;
                }
                None => {
                    let mut bytes = Vec::with_capacity(local.bytes.len() + 4);
                    varint(&mut bytes, local.first as u64);
                    bytes.extend_from_slice(&local.bytes);
                    merged.insert(term, (local.last, bytes));
                }
            }
        }
    }
    let mut out: Vec<(String, Vec<u8>)> = merged.into_iter().map(|(t, (_, b))| (t, b)).collect();
    out.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Adds entry `id`'s tokens to a chunk's lists.
fn tokenize_entry(id: u32, e: &Entry, lists: &mut FxHashMap<String, Local>) {
    // Per token: title offsets, text offsets.
    let mut mine: FxHashMap<String, (Vec<u32>, Vec<u32>)> = FxHashMap::default();
    let mut chars: FxHashMap<char, u8> = FxHashMap::default();
    let title = normalize(&e.title);
    for (field, text) in [(0usize, title.as_str()), (1, e.text.as_str())] {
        each_bigram(text, |token, at| {
            let slot = match mine.get_mut(token) {
                Some(s) => s,
                None => mine.entry(token.to_string()).or_default(),
            };
            if field == 0 { &mut slot.0 } else { &mut slot.1 }.push(at as u32);
            for c in token.chars().filter(|&c| is_ideograph(c)) {
                *chars.entry(c).or_default() |= 1 << field;
            }
        });
    }
    let mut record = Vec::with_capacity(32);
    for (term, (title, body)) in mine {
        record.clear();
        varint(&mut record, title.len() as u64);
        varint(&mut record, body.len() as u64);
        for list in [&title, &body] {
            let mut prev = 0;
            for &p in list.iter() {
                varint(&mut record, (p - prev) as u64);
                prev = p;
            }
        }
        append(lists, term, id, &record);
    }
    for (c, flags) in chars {
        append(lists, presence_key(c), id, &[flags]);
    }
}

fn append(lists: &mut FxHashMap<String, Local>, term: String, id: u32, record: &[u8]) {
    match lists.get_mut(&term) {
        Some(l) => {
            varint(&mut l.bytes, (id - l.last) as u64);
            l.bytes.extend_from_slice(record);
            l.last = id;
        }
        None => {
            lists.insert(
                term,
                Local {
                    first: id,
                    last: id,
                    bytes: record.to_vec(),
                },
            );
        }
    }
}
