//! A preset dictionary for the texts: the archive's most repeated clauses.
//!
//! Each entry's text is compressed on its own (a hit loads just its own), so deflate alone
//! finds only repetition inside one report. Yet an office's reports repeat each other: the
//! same formulas, the same headings, year after year. Priming every stream with 8 KB of the
//! clauses repeated most across the archive (zstd's trained dictionaries, done simply) lets a
//! report refer to them; the reader primes its window with the same bytes.

use crate::search::entries::Entry;
use rustc_hash::FxHashMap;

/// A quarter of deflate's window: deflate reads the whole dictionary into its window for every
/// text, so its size is paid ten thousand times at 10k reports. Interleaved 10k builds (7 each):
/// 16 KB against 8 KB, CPU 8427 -> 8088 ms and 8685 -> 8503 ms in two runs, for texts of 17.6
/// MB instead of 16.9; 4 KB saved a little more but made them 22.0 MB (the whole static
/// index's budget is 60). 32 KB had cost 0.4 s of CPU more than 16 KB for 4% smaller texts.
const SIZE: usize = 8 * 1024;
/// Text sampled for the clause counts, at most. The bundle trains on the archive's first
/// 2 MB of text: the dictionary is needed before the first text is written, and nothing of
/// the bundle is prepared until then. With 8 MB, an archive of 1,000 reports (8.4 MB) was
/// prepared whole after the index was written, the build's last and least parallel step:
/// 11 interleaved builds, median wall 516 -> 473 ms with 2 MB; at 10k the texts are 18.15 MB
/// instead of 17.6 (the first 8 MB had given 12.3 MB at level 2, a sample spread over the
/// whole archive 12.7).
pub(super) const SAMPLE: usize = 2 << 20;

/// The dictionary for `entries`' texts (empty when nothing repeats).
pub(super) fn train(entries: &[Entry]) -> Vec<u8> {
    let total: usize = entries.iter().map(|e| e.text.len()).sum();
    let stride = (total / SAMPLE).max(1);
    let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
    for e in entries.iter().step_by(stride) {
        for clause in e
            .text
            .split(['。', '；', '！', '？', '\n', '，', '：'])
            .filter(|c| c.len() >= 12)
        {
            *counts.entry(clause).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, u32)> = counts.into_iter().filter(|(_, n)| *n >= 2).collect();
    // What a clause saves is its length times how often it recurs.
    ranked.sort_by(|a, b| {
        (b.1 as usize * b.0.len())
            .cmp(&(a.1 as usize * a.0.len()))
            .then(a.0.cmp(b.0))
    });
    let mut chosen: Vec<&str> = Vec::new();
    let mut size = 0;
    for (clause, _) in ranked {
        if size + clause.len() <= SIZE {
            size += clause.len();
            chosen.push(clause);
        }
    }
    // The most useful clauses last: nearest the text, their references are shortest.
    chosen.reverse();
    chosen.concat().into_bytes()
}
