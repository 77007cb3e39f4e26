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
mod postings;

use super::entries::Entry;
use super::settings::Synonyms;
use super::vocabulary::Vocabulary;
use crate::error::Failure;
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
/// deflate's level for the token lists: 2 is within 3% of 6 at half the time.
const LISTS_LEVEL: u32 = 2;
/// deflate's level for the texts, where matches into the dictionary pay: 4 is within 3% of 9.
const TEXTS_LEVEL: u32 = 2;

/// The files of the bundle, by path under the output folder.
pub struct Bundle {
    /// Every file of the static index: path under the site folder, bytes.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Bundle {
    /// Writes the files under `out` (the staged site).
    pub fn write(&self, out: &Path) -> Result<(), Failure> {
        self.files
            .par_iter()
            .try_for_each(|(rel, bytes)| fsx::write(&out.join(rel), bytes))
            .map_err(Failure::from)
    }
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

/// What the bundle needs of the entries alone, made while tantivy commits the index: the
/// texts' files, the filter columns and the presence lists.
pub struct Prepared {
    count: usize,
    texts: Vec<(String, Vec<u8>)>,
    columns: Columns,
    presence: Vec<(String, Vec<u8>)>,
    words: Vec<[postings::Words; 2]>,
}

/// Prepares the bundle of `entries` (in the order the index received them).
pub fn prepare(entries: &[Entry]) -> Prepared {
    let ((texts, presence), (columns, words)) = rayon::join(
        || rayon::join(|| texts(entries), || postings::presence_lists(entries)),
        || rayon::join(|| columns(entries), || postings::words(entries)),
    );
    Prepared {
        count: entries.len(),
        texts,
        columns,
        presence,
        words,
    }
}

/// Builds the bundle from the written index and what [`prepare`] made.
pub fn build(
    index: &tantivy::Index,
    prepared: Prepared,
    synonyms: &Synonyms,
    vocabulary: &Vocabulary,
) -> tantivy::Result<Bundle> {
    let Prepared {
        count,
        texts,
        columns: meta_columns,
        presence,
        words,
    } = prepared;
    let mut lists = postings::build(index, &super::schema::Fields::schema().1, &words)?;
    lists.extend(presence);
    lists.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut files = texts;
    let small: usize = lists
        .iter()
        .filter(|(_, b)| b.len() <= BIG)
        .map(|(t, b)| t.len() + b.len() + 8)
        .sum();
    let shards = small.div_ceil(SHARD).max(1);
    let mut shard_lists: Vec<Vec<u8>> = vec![Vec::new(); shards];
    let chars: std::collections::BTreeSet<char> = lists
        .iter()
        .filter_map(|(t, _)| t.strip_prefix('#').and_then(|c| c.chars().next()))
        .collect();
    let mut big: BTreeMap<String, [usize; 5]> = BTreeMap::new();
    let mut big_files: Vec<(String, Vec<u8>)> = Vec::new();
    // Each list is consumed as it is cut into files, so the raw lists are never held twice
    // (at 100,000 reports they are most of a build's memory).
    for (term, bytes) in lists {
        if bytes.len() > BIG {
            let id = big.len();
            let (head, positions) = bytes.split_at(postings::head_end(&bytes));
            for (p, part) in head.chunks(PART).enumerate() {
                big_files.push((format!("b/{id}-h{p}"), part.to_vec()));
            }
            for (p, part) in positions.chunks(PART).enumerate() {
                big_files.push((format!("b/{id}-{p}"), part.to_vec()));
            }
            let parts = |b: &[u8]| b.len().div_ceil(PART);
            big.insert(
                term,
                [
                    id,
                    parts(head),
                    parts(positions),
                    head.len(),
                    positions.len(),
                ],
            );
        } else {
            let s = &mut shard_lists[shard_of(&term, shards)];
            encode::varint(s, term.len() as u64);
            s.extend_from_slice(term.as_bytes());
            encode::varint(s, bytes.len() as u64);
            s.extend_from_slice(&bytes);
        }
    }
    let shard_files: Vec<(String, Vec<u8>)> = shard_lists
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| (format!("t/{i}"), bytes))
        .chain(big_files)
        .collect();
    // Each raw file is dropped once deflated.
    files.par_extend(shard_files.into_par_iter().map(|(key, bytes)| {
        let packed = encode::script(&key, &encode::deflate(&bytes, None, LISTS_LEVEL));
        (format!("{DIR}/{key}.js"), packed)
    }));
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
    files.push((
        format!("{DIR}/columns.js"),
        encode::script(
            "columns",
            &encode::deflate(&meta_columns.bytes, None, TEXTS_LEVEL),
        ),
    ));
    files.push((
        format!("{DIR}/meta.js"),
        encode::script("meta", &encode::deflate(&meta, None, TEXTS_LEVEL)),
    ));
    Ok(Bundle { files })
}

/// The entries' filter and sort values: the value tables (JSON, for the meta) and the
/// columns: the entry count (u32), then per column a width byte (1, 2 or 4) and one
/// little-endian number per entry, in the order kind, year, type, unit, category, status,
/// date (as yyyymmdd).
struct Columns {
    values: serde_json::Value,
    bytes: Vec<u8>,
}

fn columns(entries: &[Entry]) -> Columns {
    let (mut kinds, mut types, mut units, mut categories, mut statuses) = (
        Values::new(),
        Values::new(),
        Values::new(),
        Values::new(),
        Values::new(),
    );
    let mut cols: [Vec<u32>; 7] = Default::default();
    for e in entries {
        let date = e.date.year().max(0) as u32 * 10000 + e.date.month() * 100 + e.date.day();
        let row = [
            kinds.of(e.kind) as u32,
            e.year.max(0) as u32,
            types.of(&e.doc_type) as u32,
            units.of(&e.unit) as u32,
            categories.of(&e.category) as u32,
            statuses.of(&e.status) as u32,
            date,
        ];
        for (c, v) in cols.iter_mut().zip(row) {
            c.push(v);
        }
    }
    let mut bytes = (entries.len() as u32).to_le_bytes().to_vec();
    for c in &cols {
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
            "kind": kinds.list, "type": types.list, "unit": units.list,
            "category": categories.list, "status": statuses.list,
        }),
        bytes,
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
/// snippet, outline, the date's label and text), deflated with the archive's dictionary.
fn texts(entries: &[Entry]) -> Vec<(String, Vec<u8>)> {
    let dictionary = dictionary::train(entries);
    let mut files: Vec<(String, Vec<u8>)> = entries
        .par_iter()
        .enumerate()
        .map(|(i, e)| {
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
            let key = format!("d/{i}");
            let packed = encode::script(
                &key,
                &encode::deflate(&bytes, Some(&dictionary), TEXTS_LEVEL),
            );
            (format!("{DIR}/{key}.js"), packed)
        })
        .collect();
    files.push((
        format!("{DIR}/dict.js"),
        encode::script("dict", &encode::deflate(&dictionary, None, TEXTS_LEVEL)),
    ));
    files
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
