//! Any bytes as a document file: decoding, front matter, validation and Markdown rendering
//! (with the CJK rules, anchors, lead-ins, link rewriting) and the raw-text rules never panic.
#![no_main]
use annals::config::Config;
use annals::content::{decode, document};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let shown = Path::new("content/2025/a.md");
    let _ = annals::content::rules::scan(shown, &String::from_utf8_lossy(data));
    let Ok(text) = decode::decode(shown, data, false) else { return };
    let config = Config::default();
    if let Ok(doc) = document::parse(shown, &text, 2025, "a", &config) {
        let _ = annals::markdown::render(&doc.body);
    }
    let _ = annals::markdown::render(&text);
});
