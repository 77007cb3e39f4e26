//! The static search bundle: the server's index written as files a browser reads by itself,
//! so the search page answers from `file://`, a USB disk or any static host, where no
//! `annals serve` runs (the page's engine is the theme's `assets/search.js`).
//!
//! It holds exactly what the server's index holds, from the same entries (`entries::entries`,
//! drafts excluded), the same normalisation and the same tokens at the same character
//! offsets, so a query matches the same entries:
//!
//! - `searchindex/meta.js`: the filters' vocabulary and value tables, the synonyms, the
//!   traditional-to-simplified table and where each large token list lives: all a query
//!   needs before it asks for its lists, so it is small and JSON;
//! - `searchindex/columns.js`: every entry's kind, year, type, unit, category, status and
//!   date (for filters, facets and date order), as fixed-width binary columns, decoded
//!   while a query's lists load (parsing them as JSON cost a cold page 15–45 ms at 10k);
//! - `searchindex/t/N.js`: the token lists (see [`postings`]), hashed into shards of about
//!   32 KB; a list larger than 16 KB has its own files: its head (entries and counts,
//!   `searchindex/b/N-hP.js`) apart from its positions (`searchindex/b/N-P.js`), since a
//!   query of one token (most are: 问题, 学习) needs no positions, which are four fifths of
//!   a list; both cut into parts of at most 768 KB so no file nears 1 MB however large the
//!   archive;
//! - `searchindex/d/N.js`: one entry's URL, title, text and outline, for its hit (title,
//!   best section, snippet), compressed with the archive's dictionary `searchindex/dict.js`.
//!
//! Every file is a classic script (see [`encode`]). The search page loads the meta, the
//! columns and the dictionary beside its engine; a query then reads the lists of the tokens
//! covering its words (usually one to three files), then the ten texts of its page.

mod dictionary;
mod encode;
mod huffman;
mod postings;

use super::entries::Entry;
use super::settings::Synonyms;
use super::vocabulary::Vocabulary;
use crate::error::{Diagnostic, Failure};
use crate::fsx;
use crate::text::normalize;
use chrono::Datelike;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

/// The bundle's folder in the output.
pub const DIR: &str = "searchindex";
/// Bumped when the files change shape; the engine refuses a bundle of another format.
pub const FORMAT: u32 = 3;

/// A token list larger than this (encoded, before compression) has a file of its own.
const BIG: usize = 16 * 1024;
/// What the small lists of one shard add up to, about.
const SHARD: usize = 32 * 1024;
/// The largest part of one list's file, before compression.
const PART: usize = 768 * 1024;
/// A large list's positions are packed a block per stream and at most this much a block:
/// the size hardly matters (the 10k benchmark's large lists took 35.56, 35.55 and 35.54 MB
/// with blocks of 16, 32 and 64 KB; 37.17 MB by zlib's Huffman-only strategy).
const LIST_BLOCK: usize = 32 * 1024;
/// A shard mixes the streams of many small lists, which a small block follows closer: on the
/// 10k benchmark 2.27 MB of shards with blocks of 2 KB, 2.33 with 4 KB, 2.49 with 16 KB (2.49
/// by zlib's Huffman-only strategy, whose blocks are 16 KB).
const SHARD_BLOCK: usize = 2 * 1024;

/// What writing the bundle did.
pub struct Bundle {
    /// How many files were written.
    pub files: usize,
}

/// Writes one file of the bundle, `key` (`d/7`, `b/3-h0`, `meta` …), as a script carrying
/// `payload` deflated (primed with `dictionary` when given), under the folder `out` (the
/// staged site). Every file is written as soon as it is made, so a build never
/// holds the bundle in memory (at 100,000 reports it is 775 MB).
fn put(out: &Path, key: &str, payload: &[u8], dictionary: Option<&[u8]>) -> Result<(), Diagnostic> {
    put_packed(out, key, &encode::deflate(payload, dictionary))
}

/// Writes file `key` of the bundle under `out`: the script carrying `packed` (raw deflate).
fn put_packed(out: &Path, key: &str, packed: &[u8]) -> Result<(), Diagnostic> {
    fsx::write(
        &out.join(DIR).join(format!("{key}.js")),
        &encode::script(key, packed),
    )
}

/// FNV-1a of a token's UTF-8 bytes: the shard a small list is in (search.js hashes alike).
fn shard_of(term: &str, shards: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for b in term.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    (h as usize) % shards
}

/// A value table: index 0 is the empty value.
#[derive(Default)]
struct Values {
    list: Vec<String>,
    index: BTreeMap<String, usize>,
}

impl Values {
    fn new() -> Values {
        let mut v = Values::default();
        v.of("");
        v
    }
    fn of(&mut self, value: &str) -> usize {
        if let Some(&i) = self.index.get(value) {
            return i;
        }
        self.list.push(value.to_string());
        self.index.insert(value.to_string(), self.list.len() - 1);
        self.list.len() - 1
    }
}

/// What the bundle needs of the entries alone: the texts' files (written), the filter
/// columns, the presence lists and where letters and digits are.
pub struct Prepared {
    /// Entries prepared: each has its text's file, and `dict.js` is one more.
    count: usize,
    columns: Columns,
    presence: Vec<postings::List>,
    words: Vec<[postings::Words; 2]>,
}

/// Prepares the bundle from the entries as the index receives them, a batch at a time: each
/// batch's texts are written under the site's folder and its entries dropped, so a build
/// never holds the archive's texts whole (at 100,000 reports, 1 GB).
pub struct Preparer<'a> {
    out: &'a Path,
    /// Entries received and prepared.
    done: usize,
    pending: Vec<Entry>,
    pending_bytes: usize,
    /// The texts' preset dictionary, trained on the first entries (see [`dictionary`]).
    dictionary: Option<Vec<u8>>,
    columns: ColumnsBuilder,
    presence: postings::Presence,
    words: Vec<[postings::Words; 2]>,
    problem: Option<Failure>,
}

impl<'a> Preparer<'a> {
    /// A preparer writing under `out` (the staged site).
    pub fn new(out: &'a Path) -> Preparer<'a> {
        Preparer {
            out,
            done: 0,
            pending: Vec::new(),
            pending_bytes: 0,
            dictionary: None,
            columns: ColumnsBuilder::default(),
            presence: postings::Presence::default(),
            words: Vec::new(),
            problem: None,
        }
    }

    /// Takes the next entry (numbered in the order given, as the index numbers them).
    pub fn add(&mut self, e: Entry) {
        self.pending_bytes += e.text.len();
        self.pending.push(e);
        let ready = match self.dictionary {
            None => self.pending_bytes >= dictionary::SAMPLE,
            Some(_) => self.pending.len() >= postings::CHUNK,
        };
        if ready {
            self.flush();
        }
    }

    /// Prepares the pending entries and drops them.
    fn flush(&mut self) {
        let dictionary: &[u8] = self
            .dictionary
            .get_or_insert_with(|| dictionary::train(&self.pending));
        let (out, first, pending) = (self.out, self.done, &self.pending);
        let (written, (words, ())) = rayon::join(
            || texts(pending, first, dictionary, out),
            || {
                rayon::join(
                    || postings::words(pending),
                    || self.presence.add(first, pending),
                )
            },
        );
        if let Err(f) = written
            && self.problem.is_none()
        {
            self.problem = Some(f);
        }
        self.words.extend(words);
        for e in pending {
            self.columns.add(e);
        }
        self.done += self.pending.len();
        self.pending.clear();
        self.pending_bytes = 0;
    }

    /// Prepares what is left and writes the dictionary.
    pub fn finish(mut self) -> Result<Prepared, Failure> {
        self.flush();
        if let Some(f) = self.problem {
            return Err(f);
        }
        let dictionary = self.dictionary.unwrap_or_default();
        put(self.out, "dict", &dictionary, None)?;
        Ok(Prepared {
            count: self.done,
            columns: self.columns.finish(),
            presence: self.presence.lists(),
            words: self.words,
        })
    }
}

/// A token list once cut: a large one is written to files of its own and listed in the meta
/// by number and sizes; a small one waits for its shard.
enum Cut {
    Big(String, [usize; 5]),
    Small(String, Vec<u8>),
}

/// Cuts list `id`: a list larger than [`BIG`] is written as its head's and its positions'
/// parts, the positions a block per stream (see [`huffman`]).
fn cut(out: &Path, id: usize, list: postings::List) -> Result<Cut, Diagnostic> {
    if list.bytes.len() <= BIG {
        return Ok(Cut::Small(list.term, list.bytes));
    }
    let (head, positions) = list.bytes.split_at(postings::head_end(&list.bytes));
    for (p, part) in head.chunks(PART).enumerate() {
        put(out, &format!("b/{id}-h{p}"), part, None)?;
    }
    for (p, part) in positions.chunks(PART).enumerate() {
        let start = p * PART;
        let cuts: Vec<usize> = list
            .stream_ends()
            .into_iter()
            .filter(|&e| e > start && e < start + part.len())
            .map(|e| e - start)
            .collect();
        put_packed(
            out,
            &format!("b/{id}-{p}"),
            &huffman::pack(part, &cuts, LIST_BLOCK),
        )?;
    }
    let parts = |b: &[u8]| b.len().div_ceil(PART);
    Ok(Cut::Big(
        list.term,
        [
            id,
            parts(head),
            parts(positions),
            head.len(),
            positions.len(),
        ],
    ))
}

/// Builds the bundle from the written index and what the [`Preparer`] made, under `out`.
pub fn build(
    index: &tantivy::Index,
    prepared: Prepared,
    synonyms: &Synonyms,
    vocabulary: &Vocabulary,
    out: &Path,
) -> Result<Bundle, Failure> {
    let Prepared {
        count,
        columns: meta_columns,
        presence,
        words,
    } = prepared;
    let shown = Path::new(super::settings::DIR).join("index");
    // Each list is cut (a large one written) as it is read, so the lists are never all held.
    let (terms, cuts) = postings::build(
        index,
        &super::schema::Fields::schema().1,
        &words,
        |id, list| cut(out, id, list),
    )
    .map_err(|e| super::index::tantivy_error(&shown, e))?;
    let presence: Vec<Result<Cut, Diagnostic>> = presence
        .into_par_iter()
        .enumerate()
        .map(|(k, list)| cut(out, terms + k, list))
        .collect();
    let mut big: BTreeMap<String, [usize; 5]> = BTreeMap::new();
    let mut small: Vec<(String, Vec<u8>)> = Vec::new();
    let mut problems: Vec<Diagnostic> = Vec::new();
    for c in cuts.into_iter().chain(presence) {
        match c {
            Ok(Cut::Big(term, at)) => {
                big.insert(term, at);
            }
            Ok(Cut::Small(term, bytes)) => small.push((term, bytes)),
            Err(d) if problems.is_empty() => problems.push(d),
            Err(_) => {}
        }
    }
    if !problems.is_empty() {
        return Err(Failure(problems));
    }
    small.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let chars: std::collections::BTreeSet<char> = small
        .iter()
        .map(|(t, _)| t.as_str())
        .chain(big.keys().map(String::as_str))
        .filter_map(|t| t.strip_prefix('#').and_then(|c| c.chars().next()))
        .collect();
    let size: usize = small.iter().map(|(t, b)| t.len() + b.len() + 8).sum();
    let shards = size.div_ceil(SHARD).max(1);
    let mut shard_lists: Vec<Vec<u8>> = vec![Vec::new(); shards];
    for (term, bytes) in small {
        let s = &mut shard_lists[shard_of(&term, shards)];
        encode::varint(s, term.len() as u64);
        s.extend_from_slice(term.as_bytes());
        encode::varint(s, bytes.len() as u64);
        s.extend_from_slice(&bytes);
    }
    shard_lists
        .par_iter()
        .enumerate()
        .try_for_each(|(i, bytes)| {
            put_packed(
                out,
                &format!("t/{i}"),
                &huffman::pack(bytes, &[], SHARD_BLOCK),
            )
        })?;
    let big_files: usize = big.values().map(|b| b[1] + b[2]).sum();
    let variants: String = crate::text::variants::pairs()
        .filter(|(_, to)| chars.contains(to))
        .flat_map(|(from, to)| [from, to])
        .collect();
    let groups: Vec<Vec<String>> = synonyms
        .groups
        .iter()
        .map(|g| g.iter().map(|w| normalize(w)).collect())
        .collect();
    let mut vocabulary = vocabulary.clone();
    vocabulary.phrases.clear();
    let meta = serde_json::json!({
        "format": FORMAT,
        "count": count,
        "shards": shards,
        "values": meta_columns.values,
        "big": big,
        "vocabulary": vocabulary,
        "synonyms": groups,
        "variants": variants,
    });
    let meta = serde_json::to_vec(&meta).expect("meta serialises");
    put(out, "columns", &meta_columns.bytes, None)?;
    put(out, "meta", &meta, None)?;
    Ok(Bundle {
        // The texts and the dictionary, the shards, the large lists' parts, columns and meta.
        files: count + 1 + shards + big_files + 2,
    })
}

/// The entries' filter and sort values: the value tables (JSON, for the meta) and the
/// columns: the entry count (u32), then per column a width byte (1, 2 or 4) and one
/// little-endian number per entry, in the order kind, year, type, unit, category, status,
/// date (as yyyymmdd).
struct Columns {
    values: serde_json::Value,
    bytes: Vec<u8>,
}

/// The columns in the making, an entry at a time.
struct ColumnsBuilder {
    kinds: Values,
    types: Values,
    units: Values,
    categories: Values,
    statuses: Values,
    cols: [Vec<u32>; 7],
}

impl Default for ColumnsBuilder {
    fn default() -> Self {
        ColumnsBuilder {
            kinds: Values::new(),
            types: Values::new(),
            units: Values::new(),
            categories: Values::new(),
            statuses: Values::new(),
            cols: Default::default(),
        }
    }
}

impl ColumnsBuilder {
    fn add(&mut self, e: &Entry) {
        let date = e.date.year().max(0) as u32 * 10000 + e.date.month() * 100 + e.date.day();
        let row = [
            self.kinds.of(e.kind) as u32,
            e.year.max(0) as u32,
            self.types.of(&e.doc_type) as u32,
            self.units.of(&e.unit) as u32,
            self.categories.of(&e.category) as u32,
            self.statuses.of(&e.status) as u32,
            date,
        ];
        for (c, v) in self.cols.iter_mut().zip(row) {
            c.push(v);
        }
    }

    fn finish(self) -> Columns {
        let count = self.cols[0].len();
        let mut bytes = (count as u32).to_le_bytes().to_vec();
        for c in &self.cols {
            let max = c.iter().copied().max().unwrap_or(0);
            let width: usize = if max < 1 << 8 {
                1
            } else if max < 1 << 16 {
                2
            } else {
                4
            };
            bytes.push(width as u8);
            for v in c {
                bytes.extend_from_slice(&v.to_le_bytes()[..width]);
            }
        }
        Columns {
            values: serde_json::json!({
                "kind": self.kinds.list, "type": self.types.list, "unit": self.units.list,
                "category": self.categories.list, "status": self.statuses.list,
            }),
            bytes,
        }
    }
}

/// An entry's text file, borrowed from the entry (a JSON value would copy every text).
#[derive(serde::Serialize)]
struct Text<'a> {
    u: &'a str,
    t: &'a str,
    x: &'a str,
    o: Vec<(&'a str, &'a str, usize, usize)>,
    l: &'a str,
    d: &'a str,
}

/// One file per entry: what its hit shows (URL, title, text for the best section and the
/// snippet, outline, the date's label and text), deflated with the archive's dictionary;
/// `entries` numbered from `first`, written under `out`.
fn texts(entries: &[Entry], first: usize, dictionary: &[u8], out: &Path) -> Result<(), Failure> {
    entries.par_iter().enumerate().try_for_each(|(i, e)| {
        let outline: Vec<(&str, &str, usize, usize)> = e
            .outline
            .iter()
            .map(|s| (s.id.as_str(), s.heading.as_str(), s.start, s.end))
            .collect();
        let text = Text {
            u: &e.url,
            t: &e.title,
            x: &e.text,
            o: outline,
            l: e.date_label,
            d: &e.date_text,
        };
        let bytes = serde_json::to_vec(&text).expect("a text serialises");
        put(out, &format!("d/{}", first + i), &bytes, Some(dictionary))
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn shards_hash_like_the_engine() {
        // search.js's fnv1a over UTF-8 gives these for the same tokens.
        assert_eq!(super::shard_of("", 1000), 0x811c_9dc5 % 1000);
        assert_eq!(super::shard_of("a", 1 << 31), 0xe40c_292c % (1 << 31));
    }
}
