//! The search page's WebAssembly (see themes/default/static/assets/search.js): it inflates
//! the data files, unpacks their strings, matches phrases in the lists' positions, selects
//! the entries a query finds with their scores, and counts their facets.
//!
//! Why: a cold page runs its JavaScript in the interpreter, and then compiles its hot loops
//! in the background, beside its own loading (on 2 cores). Inflating the ~300 KB a query
//! reads took about 20 ms of a query's time that way, matching a phrase's positions 17-26 ms,
//! selecting and counting facets over every entry some 7 ms; WebAssembly is compiled before
//! it runs. The page keeps JavaScript for each of
//! these, for browsers where WebAssembly is off.
//!
//! Memory: the page writes the compressed bytes at `src` and the dictionary (if any) at the
//! start of `out`, then calls [`inflate`]; the inflated bytes follow the dictionary.
#![no_std]
// Every function here is called by search.js alone, with pointers into this module's memory
// laid out as its documentation says: that is the safety contract, said once.
#![allow(clippy::missing_safety_doc)]

use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

static mut STATE: Option<DecompressorOxide> = None;

/// Inflates the raw deflate stream `src[..src_len]` into `out[dict_len..out_len]`, with
/// `out[..dict_len]` as the window's start. Returns the inflated length, -1 when `out` is too
/// small (the page grows it and calls again), -2 when the stream is broken.
#[no_mangle]
pub unsafe extern "C" fn inflate(
    src: *const u8,
    src_len: usize,
    out: *mut u8,
    dict_len: usize,
    out_len: usize,
) -> i32 {
    let input = core::slice::from_raw_parts(src, src_len);
    let output = core::slice::from_raw_parts_mut(out, out_len);
    let state = &mut *core::ptr::addr_of_mut!(STATE);
    let r = state.get_or_insert_with(DecompressorOxide::new);
    r.init();
    let (status, _, written) = decompress(
        r,
        input,
        output,
        dict_len,
        inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
    );
    match status {
        TINFLStatus::Done => written as i32,
        TINFLStatus::HasMoreOutput => -1,
        _ => -2,
    }
}

/// The payload of a data file, from its string's UTF-8 (the page writes it here with
/// `TextEncoder.encodeInto`, which is native: the same loop in JavaScript ran interpreted on a
/// cold page, and then kept the optimising compilers busy beside the page's loading for
/// ~20 ms on 2 cores). Every code unit is U+0800..U+8803 (src/search/bundle/encode.rs), three
/// bytes of UTF-8 carrying 15 bits of payload, less 2 above U+2029. The `n` payload bytes are
/// written over the start of the `units * 3` bytes read (the write never overtakes the read).
/// Returns the bytes written, fewer than `n` if the string is short.
#[no_mangle]
pub unsafe extern "C" fn unpack(at: *mut u8, units: usize, n: usize) -> usize {
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut o = 0;
    let mut i = 0;
    while i < units && o < n {
        let p = at.add(3 * i);
        let mut c = ((*p as u32 & 0x0f) << 12)
            | ((*p.add(1) as u32 & 0x3f) << 6)
            | (*p.add(2) as u32 & 0x3f);
        if c >= 0x202a {
            c -= 2;
        }
        acc |= (c - 0x800) << bits;
        bits += 15;
        while bits >= 8 && o < n {
            *at.add(o) = acc as u8;
            acc >>= 8;
            bits -= 8;
            o += 1;
        }
        i += 1;
    }
    o
}

/// What [`positional`] reads of each list, as 32-bit words in the page's memory (the page's
/// `decode` made them: see search.js). `state` words are the matcher's own.
const WORDS: usize = 12;
const SIZE: usize = 0; // entries
const ENTRY: usize = 1; // -> i32 entry numbers, ascending
const TITLES: usize = 2; // -> i32 positions in the title, an entry
const TEXTS: usize = 3; // -> i32 positions in the text, an entry
const START: usize = 4; // -> i32 where an entry's gaps start in the streams
const BYTES: usize = 5; // -> the list's bytes
const HIGH: usize = 6; // where the gaps' high bytes start in them
const LOW: usize = 7; // where their low bytes start
const SHIFT: usize = 8; // the token's offset less the first list's
const AT: usize = 9; // state: where the current entry is in this list
const NEXT: usize = 10; // state: the gap read next
const SEEN: usize = 11; // state: the position read last (-1 none)

/// The entries of `lists` (the first list the shortest, `n` in all) holding every list's
/// token at its offset, with how many times in the title and in the text: search.js's
/// `positional` over lists without escaped gaps, which the page leaves to JavaScript. It
/// runs over every position of every entry the lists share (on the 10k benchmark 17-26 ms a
/// phrase query, interpreted on a cold page). Writes the entries and counts to `out_e`,
/// `out_t`, `out_x` (room for the first list's size) and returns how many.
#[no_mangle]
pub unsafe extern "C" fn positional(
    n: usize,
    lists: *mut i32,
    out_e: *mut i32,
    out_t: *mut i32,
    out_x: *mut i32,
) -> usize {
    let word = |l: usize, w: usize| *lists.add(l * WORDS + w);
    let set = |l: usize, w: usize, v: i32| *lists.add(l * WORDS + w) = v;
    let at = |l: usize, w: usize, i: i32| *(word(l, w) as usize as *const i32).add(i as usize);
    let gap = |l: usize, k: i32| {
        let b = word(l, BYTES) as usize as *const u8;
        *b.add((word(l, HIGH) + k) as usize) as i32 * 256
            + *b.add((word(l, LOW) + k) as usize) as i32
    };
    let first = word(0, SIZE);
    let mut found = 0;
    for r in 1..n {
        set(r, AT, 0);
    }
    for i in 0..first {
        let e = at(0, ENTRY, i);
        // Each other list's pointer only moves forward: entries ascend.
        let mut all = true;
        for r in 1..n {
            let size = word(r, SIZE);
            let (mut lo, mut hi) = (word(r, AT), size);
            if size as i64 <= 8 * first as i64 {
                while lo < size && at(r, ENTRY, lo) < e {
                    lo += 1;
                }
            } else {
                while lo < hi {
                    let mid = (lo + hi) / 2;
                    if at(r, ENTRY, mid) < e {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
            }
            set(r, AT, lo);
            if lo == size || at(r, ENTRY, lo) != e {
                all = false;
                break;
            }
        }
        if !all {
            continue;
        }
        let mut counts = [0i32; 2];
        for (field, count) in counts.iter_mut().enumerate() {
            let of = |l: usize, i: i32| {
                if field == 0 {
                    at(l, TITLES, i)
                } else {
                    at(l, TEXTS, i)
                }
            };
            let skip = |l: usize, i: i32| if field == 0 { 0 } else { at(l, TITLES, i) };
            for r in 1..n {
                let j = word(r, AT);
                set(r, NEXT, at(r, START, j) + skip(r, j));
                set(r, SEEN, -1);
            }
            // The other lists' positions of this entry and field, read as far as needed.
            let start = at(0, START, i) + skip(0, i);
            let mut p = 0;
            for k in start..start + of(0, i) {
                p += gap(0, k);
                let mut hit = true;
                for r in 1..n {
                    let j = word(r, AT);
                    let end = at(r, START, j) + skip(r, j) + of(r, j);
                    let want = p + word(r, SHIFT);
                    if want < 0 {
                        hit = false;
                        break;
                    }
                    let (mut next, mut seen) = (word(r, NEXT), word(r, SEEN));
                    while seen < want && next < end {
                        seen = if seen < 0 { 0 } else { seen } + gap(r, next);
                        next += 1;
                    }
                    set(r, NEXT, next);
                    set(r, SEEN, seen);
                    if seen != want {
                        hit = false;
                        break;
                    }
                }
                if hit {
                    *count += 1;
                }
            }
        }
        if counts[0] > 0 || counts[1] > 0 {
            *out_e.add(found) = e;
            *out_t.add(found) = counts[0];
            *out_x.add(found) = counts[1];
            found += 1;
        }
    }
    found
}

/// search.js's `select` over the page's columns (32-bit copies in this memory): the entries
/// of the kinds asked for, passing every filter, holding some alternative of every searched
/// term and none of an excluded one, with their scores. It runs over every entry of the
/// archive a few times (10,000 and more), interpreted on a cold page in JavaScript.
///
/// `plan` (32-bit words): the kind column and its table of kinds asked for (1 or 0 by kind
/// value); the filters, counted, each a column, an operation (0: from `a` to `b`; 1: equal
/// to `a`) and `a`, `b`; the searched terms, counted, each its alternatives, counted, each a
/// list (entries, title counts, text counts, size) and the index of its weight in `idf`; the
/// excluded terms' lists, counted, each entries and size. `ok` and `hit` are `count` bytes of
/// room. Writes the entries found, ascending, to `found` and their scores to `scores` (all
/// `count` of them, 0 for an entry not found), and returns how many were found.
#[no_mangle]
pub unsafe extern "C" fn select(
    count: usize,
    plan: *const i32,
    idf: *const f64,
    ok: *mut u8,
    hit: *mut u8,
    found: *mut i32,
    scores: *mut f64,
) -> usize {
    let mut w = 0;
    let mut next = || {
        let v = *plan.add(w);
        w += 1;
        v
    };
    let column = |p: i32| p as usize as *const i32;
    let kinds = column(next());
    let table = column(next());
    for i in 0..count {
        *ok.add(i) = *table.add(*kinds.add(i) as usize) as u8;
        *scores.add(i) = 0.0;
    }
    for _ in 0..next() {
        let (col, op, a, b) = (column(next()), next(), next(), next());
        for i in 0..count {
            let v = *col.add(i);
            let pass = if op == 0 { v >= a && v <= b } else { v == a };
            if !pass {
                *ok.add(i) = 0;
            }
        }
    }
    for _ in 0..next() {
        core::ptr::write_bytes(hit, 0, count);
        for _ in 0..next() {
            let (e, t, x, size, weight) = (
                column(next()),
                column(next()),
                column(next()),
                next(),
                *idf.add(next() as usize),
            );
            for i in 0..size as usize {
                let (entry, a, b) = (*e.add(i) as usize, *t.add(i) as f64, *x.add(i) as f64);
                *hit.add(entry) = 1;
                *scores.add(entry) += weight * (3.0 * (a / (a + 1.2)) + b / (b + 1.2));
            }
        }
        for i in 0..count {
            if *hit.add(i) == 0 {
                *ok.add(i) = 0;
            }
        }
    }
    for _ in 0..next() {
        let (e, size) = (column(next()), next());
        for i in 0..size as usize {
            *ok.add(*e.add(i) as usize) = 0;
        }
    }
    let mut n = 0;
    for i in 0..count {
        if *ok.add(i) != 0 {
            *found.add(n) = i as i32;
            n += 1;
        }
    }
    n
}

/// How many of the `n` entries `found` have each value of `column` (below `values`; a value
/// past them, which the bundle never writes, is not counted rather than written past): the
/// facets of a query's hits. Counts in `counts` (room for `values`), then writes each value
/// found and its count, ascending, to `out`, and returns how many values.
#[no_mangle]
pub unsafe extern "C" fn tally(
    n: usize,
    found: *const i32,
    column: *const i32,
    counts: *mut i32,
    values: usize,
    out: *mut i32,
) -> usize {
    core::ptr::write_bytes(counts, 0, values);
    for i in 0..n {
        let v = *column.add(*found.add(i) as usize) as usize;
        if v < values {
            *counts.add(v) += 1;
        }
    }
    let mut k = 0;
    for v in 0..values {
        let c = *counts.add(v);
        if c > 0 {
            *out.add(2 * k) = v as i32;
            *out.add(2 * k + 1) = c;
            k += 1;
        }
    }
    k
}
