//! The search page's inflater, as WebAssembly (see themes/default/static/assets/search.js).
//!
//! Why: a cold page runs its JavaScript in the interpreter, where inflating the ~300 KB a
//! query reads took about 20 ms of a query's time; WebAssembly is compiled before it runs.
//! The page keeps its JavaScript inflater for browsers where WebAssembly is off.
//!
//! Memory: the page writes the compressed bytes at `src` and the dictionary (if any) at the
//! start of `out`, then calls [`inflate`]; the inflated bytes follow the dictionary.
#![no_std]

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
        let mut c = ((*p as u32 & 0x0f) << 12) | ((*p.add(1) as u32 & 0x3f) << 6) | (*p.add(2) as u32 & 0x3f);
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
