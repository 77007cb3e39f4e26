//! The bytes of the static bundle's files: varints, raw deflate (with a preset dictionary for
//! the texts), and the classic script each file is.
//!
//! A browser opening the site from disk can load data only as a classic `<script src>`
//! (fetch, XHR, modules and workers all fail on `file://`), so every file is a script that
//! hands its payload to a global callback. The payload rides in a string literal: written as
//! UTF-16 (the file starts with a byte-order mark, which Chromium honours over any HTTP
//! charset), each 16-bit code unit carries 15 bits of payload, 7% overhead where base64 in
//! UTF-8 would cost 33%. Code units stay within U+0800..U+8801 minus U+2028/U+2029: no quote,
//! backslash, line break or surrogate can appear.

use flate2::{Compress, Compression, FlushCompress};

/// Appends `v` as an unsigned LEB128 varint.
pub(super) fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The level of the deflated files but the texts: deflate's usual way, repeats (LZ77) and
/// Huffman codes, within 3% of level 6 at half the time. For the meta, the columns and the
/// large lists' heads (entry gaps and counts, which repeat: on the 10k benchmark 5.85 MB of
/// heads where Huffman codes alone gave 6.15 MB). The lists' position gaps have few and
/// short repeats and are packed by Huffman codes alone (`huffman`).
const LEVEL: u32 = 2;

/// The level of the texts (primed with the archive's dictionary), the most bytes deflated:
/// repeats with fixed Huffman codes, the quickest way. On the 10k benchmark, against
/// [`LEVEL`], 5 interleaved builds: CPU 7912 -> 7452 ms (-5.8%), for texts of 16.9 MB instead
/// of 12.3 MB (the whole static index 54.6 MB of its 60 MB budget; a query reads ten texts,
/// about 5 KB more).
const TEXT_LEVEL: u32 = 1;

/// A raw deflate compressor (no zlib header or checksum) at `level`.
fn compressor(level: u32) -> Compress {
    Compress::new(Compression::new(level), false)
}

/// The level a file is deflated at: a text (primed with the dictionary) at [`TEXT_LEVEL`],
/// anything else at [`LEVEL`].
fn level_of(dictionary: Option<&[u8]>) -> u32 {
    if dictionary.is_some() {
        TEXT_LEVEL
    } else {
        LEVEL
    }
}

/// Raw deflate of `bytes`, primed with `dictionary` when given (a text, at [`TEXT_LEVEL`];
/// otherwise at [`LEVEL`]): the reader starts its window with the same dictionary.
///
/// Each thread keeps a compressor a level and resets it between files: a new one allocates
/// and zeroes about 256 KB of window and tables, which for the ten thousand small files of
/// a 10k archive cost more than compressing them.
pub(super) fn deflate(bytes: &[u8], dictionary: Option<&[u8]>) -> Vec<u8> {
    thread_local! {
        static KEPT: std::cell::RefCell<[Option<Compress>; 2]> = const { std::cell::RefCell::new([None, None]) };
    }
    let level = level_of(dictionary);
    KEPT.with_borrow_mut(|kept| {
        let c = match &mut kept[usize::from(level == TEXT_LEVEL)] {
            Some(c) => {
                c.reset();
                c
            }
            empty => empty.insert(compressor(level)),
        };
        deflate_with(c, bytes, dictionary)
    })
}

fn deflate_with(c: &mut Compress, bytes: &[u8], dictionary: Option<&[u8]>) -> Vec<u8> {
    if let Some(d) = dictionary {
        c.set_dictionary(d)
            .expect("a raw deflate stream takes a dictionary");
    }
    let mut out = Vec::with_capacity(bytes.len() / 2 + 64);
    loop {
        let before = c.total_in() as usize;
        let status = c
            .compress_vec(&bytes[before..], &mut out, FlushCompress::Finish)
            .expect("deflate into memory does not fail");
        if status == flate2::Status::StreamEnd {
            return out;
        }
        out.reserve(out.capacity().max(4096));
    }
}

/// The first code unit used; everything below (quotes, backslash, line breaks) is avoided.
const BASE: u32 = 0x800;

/// The script `annalsData("key",N,"…")` carrying `payload` (N bytes), as UTF-16LE with BOM.
///
/// Each code unit carries 15 bits, so 15 bytes are 8 units: each group of 15 bytes (the last
/// one shorter) is cut out of one 128-bit number. Going a byte at a time through a
/// `Vec<u16>` was 0.8% of a 10k build's CPU.
pub(super) fn script(key: &str, payload: &[u8]) -> Vec<u8> {
    let head = format!("\u{FEFF}annalsData(\"{key}\",{},\"", payload.len());
    let mut out = Vec::with_capacity(2 * (payload.len() * 8 / 15 + head.len() + 8));
    let text = |out: &mut Vec<u8>, s: &str| {
        for u in s.encode_utf16() {
            out.extend_from_slice(&u.to_le_bytes());
        }
    };
    text(&mut out, &head);
    for group in payload.chunks(15) {
        let mut bytes = [0u8; 16];
        bytes[..group.len()].copy_from_slice(group);
        let mut acc = u128::from_le_bytes(bytes);
        for _ in 0..(group.len() * 8).div_ceil(15) {
            let c = (acc as u32 & 0x7fff) + BASE;
            // U+2028 and U+2029 end a line in JavaScript before ES2019: stepped over.
            let c = if c >= 0x2028 { c + 2 } else { c };
            out.extend_from_slice(&(c as u16).to_le_bytes());
            acc >>= 15;
        }
    }
    text(&mut out, "\");\n");
    out
}

/// What the bundle's tests read their packed bytes back with.
#[cfg(test)]
pub(super) mod testing {
    /// Inflates a raw deflate stream (no header, no dictionary), as the page's inflaters do,
    /// and checks it ends with the input.
    pub(in crate::search::bundle) fn inflate(bytes: &[u8]) -> Vec<u8> {
        let mut d = flate2::Decompress::new(false);
        let mut out = Vec::with_capacity(1 << 21);
        let status = d
            .decompress_vec(bytes, &mut out, flate2::FlushDecompress::Finish)
            .unwrap();
        assert_eq!(status, flate2::Status::StreamEnd);
        assert_eq!(
            d.total_in() as usize,
            bytes.len(),
            "nothing after the last block"
        );
        out
    }

    /// `n` bytes of noise, which no packing shrinks.
    pub(in crate::search::bundle) fn noise(n: u64) -> Vec<u8> {
        (0..n)
            .map(|i| (i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as u8)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{inflate, noise};
    use super::*;

    /// The reader's side (search.js's `unpack`), to prove the packing loses nothing.
    fn unpack(script: &[u8]) -> Vec<u8> {
        let units: Vec<u16> = script[2..]
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let text = String::from_utf16(&units).unwrap();
        let (_, rest) = text.split_once(',').unwrap();
        let (n, rest) = rest.split_once(",\"").unwrap();
        let n: usize = n.parse().unwrap();
        let body = rest.trim_end_matches("\");\n");
        let mut out = Vec::new();
        let (mut acc, mut bits) = (0u32, 0u32);
        for c in body.encode_utf16() {
            let mut c = c as u32;
            if c >= 0x202A {
                c -= 2;
            }
            acc |= (c - BASE) << bits;
            bits += 15;
            while bits >= 8 && out.len() < n {
                out.push(acc as u8);
                acc >>= 8;
                bits -= 8;
            }
        }
        out
    }

    #[test]
    fn packing_round_trips_every_byte_and_avoids_special_units() {
        let payload: Vec<u8> = (0..5000u32).map(|i| (i * 7919 % 256) as u8).collect();
        let s = script("t/1", &payload);
        assert_eq!(unpack(&s), payload);
        let units: Vec<u16> = s[2..]
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        let body = &units[units.iter().position(|&u| u >= 0x800).unwrap()..units.len() - 4];
        assert!(
            body.iter()
                .all(|&u| (0x800..=0x8801).contains(&u) && u != 0x2028 && u != 0x2029)
        );
        assert_eq!(unpack(&script("x", &[])), Vec::<u8>::new());
        // Every length of the last, partial group of 15 bytes.
        for n in 0..=46 {
            let bytes = noise(n);
            assert_eq!(unpack(&script("t/2", &bytes)), bytes, "{n} bytes");
        }
    }

    #[test]
    fn deflate_with_a_dictionary_is_smaller_and_inflates_back() {
        let dict = "坚持以习近平新时代中国特色社会主义思想为指导".repeat(3);
        let text = "会议坚持以习近平新时代中国特色社会主义思想为指导，深入查摆问题。";
        let plain = deflate(text.as_bytes(), None);
        let primed = deflate(text.as_bytes(), Some(dict.as_bytes()));
        assert!(
            primed.len() < plain.len(),
            "{} vs {}",
            primed.len(),
            plain.len()
        );
        assert_eq!(inflate(&plain), text.as_bytes());
    }

    #[test]
    fn a_reused_compressor_writes_what_a_new_one_writes() {
        let dict = "坚持以习近平新时代中国特色社会主义思想为指导".repeat(3);
        let texts = [
            "会议深入查摆问题，",
            "坚持以习近平新时代中国特色社会主义思想为指导。",
        ];
        for (i, text) in texts.iter().chain(texts.iter()).enumerate() {
            let d = (i % 2 == 1).then_some(dict.as_bytes());
            let fresh = deflate_with(&mut compressor(level_of(d)), text.as_bytes(), d);
            assert_eq!(deflate(text.as_bytes(), d), fresh, "{i}");
        }
    }

    #[test]
    fn a_payload_larger_than_the_first_guess_inflates_back() {
        // Noise deflates to more than its size: the output buffer grows.
        let noise = noise(100_000);
        assert_eq!(inflate(&deflate(&noise, None)), noise);
    }

    #[test]
    fn varints() {
        let mut v = Vec::new();
        for n in [0u64, 127, 128, 300, 1 << 40] {
            varint(&mut v, n);
        }
        assert_eq!(v[..4], [0, 127, 0x80, 1]);
    }
}
