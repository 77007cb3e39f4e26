//! Raw deflate of Huffman codes alone, one block per stream: how the large lists' position
//! gaps are packed.
//!
//! A list's positions are its gaps' high bytes, then their low bytes, then the escapes
//! (`postings`): streams of very different statistics (the high bytes mostly zero, the low
//! ones nearly even), and no repeats worth finding. zlib's Huffman-only strategy codes them
//! too, but cuts blocks every 16,384 bytes wherever they fall, tallies each byte through its
//! general symbol buffer and builds a code per block; at 10,000 reports that was 3.5% of the
//! build's CPU. Here each stream is a block (or a few of a given size) with a code of its
//! own: one pass to count, one to code. Any inflater reads it (RFC 1951, dynamic blocks,
//! stored blocks where a code saves nothing). The small lists' shards, many short streams
//! of every kind, are packed the same way in small blocks.

/// The order the code-length code's lengths are sent in (RFC 1951, 3.2.7).
const ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// End of block, the one symbol above the literals.
const END: usize = 256;

/// The most bytes a block may code: a stored block holds at most 65,535.
pub(super) const MOST: usize = 65_535;

/// Raw deflate of `bytes`, a block per stream and at most `most` bytes a block (up to
/// [`MOST`]): `cuts` are where one stream ends and the next begins (ascending, inside
/// `bytes`). Smaller blocks follow a stream's drift closer, at the cost of a code table
/// each (40-80 bytes).
pub(super) fn pack(bytes: &[u8], cuts: &[usize], most: usize) -> Vec<u8> {
    let most = most.clamp(1, MOST);
    let mut bits = Bits::with_capacity(bytes.len() / 2 + 64);
    let mut pieces: Vec<&[u8]> = Vec::new();
    let mut start = 0;
    for &end in cuts.iter().chain([&bytes.len()]) {
        let end = end.clamp(start, bytes.len());
        pieces.extend(bytes[start..end].chunks(most));
        start = end;
    }
    if pieces.is_empty() {
        pieces.push(&[]);
    }
    let last = pieces.len() - 1;
    for (i, piece) in pieces.into_iter().enumerate() {
        block(&mut bits, piece, i == last);
    }
    bits.finish()
}

/// One block of `data`: Huffman-coded, or stored when the code would not be smaller.
fn block(bits: &mut Bits, data: &[u8], last: bool) {
    let mut freq = tally(data);
    freq[END] = 1;
    if data.is_empty() {
        // A code of one symbol is incomplete, which some inflaters refuse.
        freq[0] = 1;
    }
    let lit = lengths(&freq, 15);
    // Two distance codes of one bit, never used: the shape zlib gives a block of literals.
    let mut all: Vec<u8> = lit.clone();
    all.extend([1, 1]);
    let runs = runs(&all);
    let mut cl_freq = [0u32; 19];
    for &(s, _) in &runs {
        cl_freq[s as usize] += 1;
    }
    if cl_freq.iter().filter(|&&f| f > 0).count() < 2 {
        let spare = if cl_freq[0] == 0 { 0 } else { 1 };
        cl_freq[spare] = 1;
    }
    let cl = lengths(&cl_freq, 7);
    let hclen = ORDER
        .iter()
        .rposition(|&s| cl[s] > 0)
        .map_or(4, |i| i + 1)
        .max(4);
    let extra = |s: u8| match s {
        16 => 2,
        17 => 3,
        18 => 7,
        _ => 0,
    };
    let header: u64 = 17
        + 3 * hclen as u64
        + runs
            .iter()
            .map(|&(s, _)| cl[s as usize] as u64 + extra(s))
            .sum::<u64>();
    let coded: u64 = header
        + (0..=END)
            .map(|s| freq[s] as u64 * lit[s] as u64)
            .sum::<u64>();
    if data.len() <= u16::MAX as usize && coded >= (data.len() as u64 + 5) * 8 {
        bits.stored(data, last);
        return;
    }
    bits.put(last as u32, 1);
    bits.put(2, 2);
    bits.put(0, 5); // 257 literal/length codes
    bits.put(1, 5); // 2 distance codes
    bits.put(hclen as u32 - 4, 4);
    for &s in &ORDER[..hclen] {
        bits.put(cl[s] as u32, 3);
    }
    let cl_codes = codes(&cl);
    for &(s, n) in &runs {
        bits.put(cl_codes[s as usize], cl[s as usize] as u32);
        bits.put(n as u32, extra(s) as u32);
    }
    let lit_codes = codes(&lit);
    let mut table = [0u32; END + 1];
    for (s, t) in table.iter_mut().enumerate() {
        *t = lit_codes[s] | (lit[s] as u32) << 16;
    }
    bits.literals(data, &table);
    bits.put(table[END] & 0xffff, table[END] >> 16);
}

/// How often each byte value is in `data` (index 256, [`END`], left zero). Four tables
/// counted in turn, summed at the end: a position stream's high bytes are nearly all zero,
/// and one table would add to the same counter byte after byte, each addition waiting for
/// the last to be stored.
fn tally(data: &[u8]) -> [u32; END + 1] {
    let mut t = [[0u32; 256]; 4];
    let mut quads = data.chunks_exact(4);
    for q in &mut quads {
        t[0][q[0] as usize] += 1;
        t[1][q[1] as usize] += 1;
        t[2][q[2] as usize] += 1;
        t[3][q[3] as usize] += 1;
    }
    for &b in quads.remainder() {
        t[0][b as usize] += 1;
    }
    let mut freq = [0u32; END + 1];
    for (i, f) in freq.iter_mut().take(256).enumerate() {
        *f = t[0][i] + t[1][i] + t[2][i] + t[3][i];
    }
    freq
}

/// The code lengths as sent: (symbol, extra bits' value), runs of zeros as codes 17 and 18.
fn runs(lengths: &[u8]) -> Vec<(u8, u8)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lengths.len() {
        let l = lengths[i];
        // Only zeros are sent as runs: a length is sent as itself, without counting its run
        // (which, counted at every symbol of a run of equal lengths, went over it again and
        // again).
        if l != 0 {
            out.push((l, 0));
            i += 1;
            continue;
        }
        let run = lengths[i..].iter().take_while(|&&x| x == 0).count();
        if run >= 11 {
            let n = run.min(138);
            out.push((18, (n - 11) as u8));
            i += n;
        } else if run >= 3 {
            out.push((17, (run - 3) as u8));
            i += run;
        } else {
            out.push((l, 0));
            i += 1;
        }
    }
    out
}

/// Huffman code lengths for `freq` of at most `limit` bits (a symbol of no frequency gets
/// none). Where the best code is too deep, the counts are flattened (halved, kept above zero)
/// until it fits, as little as that costs on these alphabets.
fn lengths(freq: &[u32], limit: u8) -> Vec<u8> {
    let mut f: Vec<u64> = freq.iter().map(|&x| x as u64).collect();
    loop {
        let l = optimal(&f);
        if l.iter().all(|&x| x <= limit) {
            return l;
        }
        for x in f.iter_mut().filter(|x| **x > 0) {
            *x = x.div_ceil(2);
        }
    }
}

/// The optimal (unlimited) code lengths of `freq`, by Huffman's construction with two
/// queues: the symbols sorted by count, and the joined nodes, which are made in order of
/// weight. (A binary heap made this the largest part of packing a 1,000-report archive's
/// shards, which are many small blocks.)
fn optimal(freq: &[u64]) -> Vec<u8> {
    // At most END + 1 symbols: the leaves, joined nodes and their weights fit in arrays on
    // the stack, not six vectors a block. Leaves are sorted by count, then symbol: one
    // integer each (count above the symbol's 9 bits), which sorts in a third of the time of
    // pairs.
    const MOST: usize = END + 1;
    assert!(freq.len() <= MOST, "an alphabet of at most {MOST} symbols");
    let mut keys = [0u64; MOST];
    let mut n = 0;
    for (s, &f) in freq.iter().enumerate() {
        if f > 0 {
            keys[n] = f << 9 | s as u64;
            n += 1;
        }
    }
    let keys = &mut keys[..n];
    keys.sort_unstable();
    let weight = |k: usize| keys[k] >> 9;
    let symbol = |k: usize| (keys[k] & 511) as usize;
    let mut lengths = vec![0u8; freq.len()];
    if n == 1 {
        lengths[symbol(0)] = 1;
        return lengths;
    }
    // Nodes: the leaves (0..n) then the joined ones; each one's parent, the root none.
    let mut parent = [u16::MAX; 2 * MOST];
    let mut joined = [0u64; MOST];
    let (mut made, mut leaf, mut next) = (0, 0, 0);
    for k in 0..n.saturating_sub(1) {
        let mut pick = || {
            if leaf < n && (next >= made || weight(leaf) <= joined[next]) {
                leaf += 1;
                (weight(leaf - 1), leaf - 1)
            } else {
                next += 1;
                (joined[next - 1], n + next - 1)
            }
        };
        let (wa, a) = pick();
        let (wb, b) = pick();
        parent[a] = (n + k) as u16;
        parent[b] = (n + k) as u16;
        joined[made] = wa + wb;
        made += 1;
    }
    // Depths from the root down: a joined node is made after its children.
    let nodes = (2 * n).max(2) - 1;
    let mut depth = [0u8; 2 * MOST];
    for node in (0..nodes).rev() {
        if parent[node] != u16::MAX {
            depth[node] = depth[parent[node] as usize].saturating_add(1);
        }
    }
    for k in 0..n {
        lengths[symbol(k)] = depth[k];
    }
    lengths
}

/// The canonical codes of `lengths` (RFC 1951, 3.2.2), bit-reversed: deflate sends a code's
/// bits from its first, in a stream that fills bytes from their lowest bit.
fn codes(lengths: &[u8]) -> Vec<u32> {
    let mut count = [0u32; 16];
    for &l in lengths {
        count[l as usize] += 1;
    }
    count[0] = 0;
    let mut next = [0u32; 16];
    let mut code = 0;
    for bits in 1..16 {
        code = (code + count[bits - 1]) << 1;
        next[bits] = code;
    }
    lengths
        .iter()
        .map(|&l| {
            if l == 0 {
                return 0;
            }
            let c = next[l as usize];
            next[l as usize] += 1;
            c.reverse_bits() >> (32 - l as u32)
        })
        .collect()
}

/// A deflate bit stream: bytes filled from their lowest bit.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn with_capacity(bytes: usize) -> Bits {
        Bits {
            out: Vec::with_capacity(bytes),
            acc: 0,
            n: 0,
        }
    }

    /// Appends the low `len` bits of `v` (`len` at most 32).
    fn put(&mut self, v: u32, len: u32) {
        self.acc |= (v as u64) << self.n;
        self.n += len;
        if self.n >= 32 {
            self.out.extend_from_slice(&(self.acc as u32).to_le_bytes());
            self.acc >>= 32;
            self.n -= 32;
        }
    }

    /// Appends the code of every byte of `data`, from `table` (per byte: code, and its
    /// length above bit 16). The hot loop of packing: the bit buffer stays in registers.
    ///
    /// A code is at most 15 bits, so the output grows by at most two bytes a byte: the room
    /// is made first and written by index (pushing to the vector kept its length and
    /// capacity in memory, checked at every word: half the time of packing the 1k archive's
    /// shards).
    fn literals(&mut self, data: &[u8], table: &[u32; END + 1]) {
        let (mut acc, mut n) = (self.acc, self.n);
        let start = self.out.len();
        self.out.resize(start + data.len() * 2 + 8, 0);
        let room = &mut self.out[start..];
        let mut at = 0;
        // Two codes at a time (30 bits at most, joined before they are added to the buffer,
        // which holds fewer than 32 bits between words): half the steps that each wait for
        // the last one's bit count.
        let mut pairs = data.chunks_exact(2);
        for p in &mut pairs {
            let (a, b) = (table[p[0] as usize], table[p[1] as usize]);
            let code = (a & 0xffff) as u64 | ((b & 0xffff) as u64) << (a >> 16);
            acc |= code << n;
            n += (a >> 16) + (b >> 16);
            if n >= 32 {
                room[at..at + 4].copy_from_slice(&(acc as u32).to_le_bytes());
                at += 4;
                acc >>= 32;
                n -= 32;
            }
        }
        for &b in pairs.remainder() {
            let t = table[b as usize];
            acc |= ((t & 0xffff) as u64) << n;
            n += t >> 16;
            if n >= 32 {
                room[at..at + 4].copy_from_slice(&(acc as u32).to_le_bytes());
                at += 4;
                acc >>= 32;
                n -= 32;
            }
        }
        self.out.truncate(start + at);
        self.acc = acc;
        self.n = n;
    }

    /// Pads to a whole byte.
    fn align(&mut self) {
        while self.n > 0 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n = self.n.saturating_sub(8);
        }
        self.acc = 0;
    }

    /// A stored block of `data` (at most 65,535 bytes).
    fn stored(&mut self, data: &[u8], last: bool) {
        self.put(last as u32, 1);
        self.put(0, 2);
        self.align();
        let len = data.len() as u16;
        self.out.extend_from_slice(&len.to_le_bytes());
        self.out.extend_from_slice(&(!len).to_le_bytes());
        self.out.extend_from_slice(data);
    }

    fn finish(mut self) -> Vec<u8> {
        self.align();
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::super::encode::testing::{inflate, noise};
    use super::*;

    /// Position streams as a list has them: high bytes mostly zero, low bytes spread.
    fn streams(gaps: u32) -> (Vec<u8>, Vec<usize>) {
        let gaps: Vec<u32> = (0..gaps).map(|i| i * 7919 % 700 + i % 3).collect();
        let mut bytes: Vec<u8> = gaps.iter().map(|g| (g >> 8) as u8).collect();
        bytes.extend(gaps.iter().map(|&g| g as u8));
        bytes.extend([0x80, 0x84, 0x05]);
        (bytes, vec![gaps.len(), 2 * gaps.len()])
    }

    #[test]
    fn every_stream_inflates_back() {
        for n in [0, 1, 2, 1000, 100_000] {
            let (bytes, cuts) = streams(n);
            assert_eq!(inflate(&pack(&bytes, &cuts, 32 * 1024)), bytes, "{n} gaps");
        }
        assert_eq!(inflate(&pack(&[], &[], 32 * 1024)), Vec::<u8>::new());
        assert_eq!(inflate(&pack(&[9; 70_000], &[], MOST)), vec![9; 70_000]);
        // Cuts at the ends or repeated make empty streams, which add no block.
        let (bytes, _) = streams(500);
        assert_eq!(
            inflate(&pack(&bytes, &[0, 0, 500, bytes.len()], 100)),
            bytes
        );
    }

    #[test]
    fn a_stream_of_noise_is_stored_and_skewed_streams_shrink() {
        let noise = noise(70_000);
        let packed = pack(&noise, &[], MOST);
        assert_eq!(inflate(&packed), noise);
        assert!(packed.len() <= noise.len() + 20, "{}", packed.len());
        let (bytes, cuts) = streams(100_000);
        let packed = pack(&bytes, &cuts, 32 * 1024);
        // The high bytes (0..2 of 700) take about two bits each, the low ones about eight.
        assert!(packed.len() < bytes.len() * 5 / 8, "{}", packed.len());
    }

    #[test]
    fn the_two_queue_construction_gives_optimal_complete_codes() {
        let mut seed = 7u64;
        for round in 0..200 {
            let symbols = 2 + round % 60;
            let freq: Vec<u64> = (0..symbols)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    let r = seed >> 40;
                    // Zeros, ties and skew.
                    [0, 1, 1, r % 5, r % 1000, r][(seed >> 20) as usize % 6]
                })
                .collect();
            let l = optimal(&freq);
            let used: Vec<usize> = (0..symbols).filter(|&s| freq[s] > 0).collect();
            if used.len() < 2 {
                continue;
            }
            // Huffman's cost is the sum of the weights it joins, by any order of ties.
            let mut w: Vec<u64> = used.iter().map(|&s| freq[s]).collect();
            let mut best = 0;
            while w.len() > 1 {
                w.sort_unstable();
                let j = w[0] + w[1];
                best += j;
                w.drain(..2);
                w.push(j);
            }
            let cost: u64 = used.iter().map(|&s| freq[s] * l[s] as u64).sum();
            assert_eq!(cost, best, "{freq:?}");
            let kraft: f64 = used.iter().map(|&s| 0.5f64.powi(l[s] as i32)).sum();
            assert!((kraft - 1.0).abs() < 1e-12, "{freq:?}");
            assert!((0..symbols).all(|s| (freq[s] == 0) == (l[s] == 0)));
        }
    }

    #[test]
    fn deep_codes_are_limited_to_fifteen_bits() {
        // Fibonacci counts make the deepest optimal code: 25 symbols would need 24 bits.
        let mut freq = vec![0u32; 257];
        let (mut a, mut b) = (1u32, 1u32);
        for f in freq.iter_mut().take(25) {
            *f = a;
            (a, b) = (b, a + b);
        }
        assert!(
            optimal(&freq.iter().map(|&x| x as u64).collect::<Vec<_>>())
                .iter()
                .any(|&l| l > 15)
        );
        let l = lengths(&freq, 15);
        assert!(l.iter().all(|&x| x <= 15));
        // Still a complete code: the Kraft sum is exactly one.
        let kraft: f64 = l
            .iter()
            .filter(|&&x| x > 0)
            .map(|&x| 0.5f64.powi(x as i32))
            .sum();
        assert!((kraft - 1.0).abs() < 1e-12, "{kraft}");
        let data: Vec<u8> = freq
            .iter()
            .enumerate()
            .flat_map(|(s, &f)| std::iter::repeat_n(s as u8, f.min(5000) as usize))
            .collect();
        assert_eq!(inflate(&pack(&data, &[], 2048)), data);
    }
}

