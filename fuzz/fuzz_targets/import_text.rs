//! Any bytes as a PDF-extracted text to import: reflow, headings, punctuation, dates never
//! panic, and what comes out renders.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let imported = annals::import::text::import(&text);
    let _ = annals::markdown::render(&imported.body);
    let _ = annals::import::text::number(&text);
});
