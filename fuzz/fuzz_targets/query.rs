//! Any text as a search query: parsing, normalisation, tokenizing and snippets never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let q = String::from_utf8_lossy(data);
    let parsed = annals::search::query::parse(&q);
    let needles: Vec<String> = parsed.must.iter().map(|t| t.text.clone()).collect();
    for t in parsed.must.iter().chain(&parsed.must_not) {
        let _ = annals::search::tokenizer::bigrams(&t.text, false);
    }
    let _ = annals::search::tokenizer::bigrams(&annals::search::tokenizer::normalize(&q), true);
    let _ = annals::search::snippet::snippet(&q, &needles, 40);
});
