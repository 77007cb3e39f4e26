//! INDEX: [`Site`] -> a tantivy index on disk, built in a staging folder and swapped in.
//!
//! Each document is indexed once, whole, with an outline of where its headed sections lie in
//! the stored text: a hit links to its best section (`page.html#anchor`) and `kind:section`
//! lists matching sections, both worked out from that outline at query time. Indexing every
//! section again as an entry of its own (as issue #3 first had it) doubled the build's
//! segmentation and the index's size for no answer the outline cannot give. Texts are
//! normalised first; tokenizing happens in tantivy's writer threads.

use super::entries::{Entry, entries};
use super::gate::{Gate, Queued};
use super::schema::{Fields, VERSION};
use super::settings::{DICTIONARY, SYNONYMS, Settings};
use super::tokenizer::{BIGRAM, BigramTokenizer};
use crate::error::{Diagnostic, Failure};
use crate::fsx;

use crate::fsx::Staged;
use crate::model::Site;
use crate::text::normalize;
use crate::text::variants::simplified_text;

use chrono::Datelike;
use std::path::Path;
use tantivy::schema::Facet;
use tantivy::{Index, TantivyDocument};

/// The file in the index folder that records the schema version.
pub const META: &str = "annals-index.json";

/// Memory of each tantivy writer thread before it writes a segment. Smaller budgets write more
/// segments (more files to search, more merging); 10,000 reports index into a handful.
const WRITER_BUDGET: usize = 64_000_000;

/// Markdown each writer thread is given at least. A thread more makes a segment more (written,
/// read back by the bundle and searched apart) and an arena more, and pays only when there is
/// enough to index. Interleaved builds of the synthetic archives on 2 cores, one writer thread
/// against two (median wall time): 100 reports 76 vs 88 ms, 400 (3.4 MB) 282 vs 280 ms,
/// 1,000 (8.4 MB) 529 vs 516 and 596 vs 560 ms (9 builds each, two runs; with one thread the
/// writer is the last thing running while the pages are long written), 3,000 (25 MB) 1.28 vs
/// 1.20 s, 10,000 3.96 vs 3.75 s.
const TEXT_PER_THREAD: usize = 4 << 20;

/// The environment variable that sets the writer threads (1 to 8; a value that is no number is
/// not heeded) whatever the archive's size: a machine short of memory can ask for one, and
/// the tests ask for several to prove that neither index nor bundle depends on how the
/// entries were split among segments.
pub const THREADS_VARIABLE: &str = "ANNALS_INDEX_THREADS";

/// How many writer threads index `text` bytes of Markdown: one per [`TEXT_PER_THREAD`], at
/// most `most`, unless `asked` (the value of [`THREADS_VARIABLE`]) is a number, which is
/// heeded from 1 to 8.
fn writer_threads(text: usize, most: usize, asked: Option<&str>) -> usize {
    match asked.and_then(|v| v.trim().parse::<usize>().ok()) {
        Some(n) => n.clamp(1, 8),
        None => (1 + text / TEXT_PER_THREAD).min(most),
    }
}

/// The writer threads a build may use at most: one per core, and 8.
fn most_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8)
}

/// Documents made and waiting for the writer threads at most (see [`Gate`]).
const IN_FLIGHT: usize = 128;

/// Registers annals' tokenizer on an index.
pub fn register(index: &Index) {
    index.tokenizers().register(BIGRAM, BigramTokenizer);
}

pub(super) fn tantivy_error(shown: &Path, e: tantivy::TantivyError) -> Failure {
    let message = match e {
        // tantivy reports a writer thread's I/O failure only as "killed ... or panicked".
        tantivy::TantivyError::ErrorInThread(_) => crate::msg::search::index_write_thread(),
        e => crate::msg::search::index_write(&e.to_string()),
    };
    Diagnostic::error(shown, message)
        .help(crate::msg::search::index_write_help())
        .into()
}

/// Builds the index of a site into a staging folder beside `target`, and the static bundle of
/// the same entries into `site_dir` (the site's staging folder).
pub fn stage(
    site: &Site,
    settings: &Settings,
    target: &Path,
    site_dir: &Path,
) -> Result<(Staged, super::bundle::Bundle), Failure> {
    let staged = Staged::new(target)?;
    // The archive's phrases for suggestions come from the entries as they pass (titles and
    // headings), not from a second reading of every document.
    let mut phrases = std::collections::BTreeSet::new();
    let text = site
        .years
        .iter()
        .flat_map(|y| &y.documents)
        .map(|d| d.source.body.len())
        .sum();
    let (index, prepared) = write(
        |add| {
            entries(site, |e| {
                if e.kind == "document" {
                    phrases.insert(e.title.clone());
                    phrases.extend(e.outline.iter().map(|s| s.heading.clone()));
                }
                add(e)
            })
        },
        staged.path(),
        settings,
        writer_threads(
            text,
            most_threads(),
            std::env::var(THREADS_VARIABLE).ok().as_deref(),
        ),
        super::bundle::Preparer::new(site_dir),
    )?;
    let vocabulary = super::vocabulary::Vocabulary::of(site, phrases);
    vocabulary.save(staged.path())?;
    let bundle = super::bundle::build(&index, prepared, &settings.synonyms, &vocabulary, site_dir)?;
    Ok((staged, bundle))
}

/// Writes the index of the entries `entries` hands out into `dir` (an empty folder), with
/// the settings it was built with, on `threads` writer threads; `bundle` is given each entry
/// (numbered in the order given) once the index has it, and finishes while tantivy commits
/// and merges.
pub fn write(
    entries: impl FnOnce(&mut dyn FnMut(Entry)),
    dir: &Path,
    settings: &Settings,
    threads: usize,
    mut bundle: super::bundle::Preparer<'_>,
) -> Result<(Index, super::bundle::Prepared), Failure> {
    let shown = Path::new(super::settings::DIR).join("index");
    let err = |e| tantivy_error(&shown, e);
    let (schema, f) = Fields::schema();
    let index = super::unmapped::create(dir, schema).map_err(err)?;
    register(&index);
    let mut writer = index
        .writer_with_num_threads::<Queued>(threads, WRITER_BUDGET * threads)
        .map_err(err)?;
    let gate = Gate::new(IN_FLIGHT);
    let mut failed = None;
    let mut count = 0u64;
    entries(&mut |e: Entry| {
        if failed.is_none() {
            let slot = gate.enter();
            let mut doc = document(&f, &e);
            doc.add_u64(f.entry, count);
            if let Err(e) = writer.add_document(Queued { doc, _slot: slot }) {
                failed = Some(e);
            }
        }
        count += 1;
        bundle.add(e);
    });
    if let Some(e) = failed {
        return Err(err(e));
    }
    let (committed, made) = rayon::join(
        move || {
            writer.commit()?;
            writer.wait_merging_threads()
        },
        || bundle.finish(),
    );
    committed.map_err(err)?;
    let made = made?;
    fsx::write(&dir.join(DICTIONARY), settings.dictionary.as_bytes())?;
    let synonyms = serde_json::to_string(&settings.synonyms).expect("synonyms serialise");
    fsx::write(&dir.join(SYNONYMS), synonyms.as_bytes())?;
    fsx::write(
        &dir.join(META),
        format!("{{\"version\": {VERSION}}}\n").as_bytes(),
    )?;
    Ok((index, made))
}

pub(super) fn document(f: &Fields, e: &Entry) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, e.kind);
    doc.add_text(f.url, &e.url);
    doc.add_text(f.title, &e.title);
    doc.add_text(f.text, &e.text);
    if !e.date_label.is_empty() {
        doc.add_text(f.date_label, e.date_label);
        doc.add_text(f.date_text, &e.date_text);
    }
    if !e.outline.is_empty() {
        doc.add_text(
            f.outline,
            serde_json::to_string(&e.outline).expect("outline serialises"),
        );
    }
    // The bigram fields get their texts in simplified characters (see `BigramTokenizer`).
    if !e.outline.is_empty() {
        let headings: Vec<&str> = e.outline.iter().map(|s| s.heading.as_str()).collect();
        let headings = normalize(&headings.join("\n"));
        doc.add_text(f.heading_bigrams, simplified_text(&headings));
    }
    doc.add_text(f.title_bigrams, simplified_text(&normalize(&e.title)));
    doc.add_text(f.body_bigrams, simplified_text(&e.text));
    doc.add_i64(f.year, e.year as i64);
    doc.add_i64(
        f.date,
        (e.date.year() * 10000 + e.date.month() as i32 * 100 + e.date.day() as i32) as i64,
    );
    doc.add_text(f.doc_type, &e.doc_type);
    doc.add_text(f.unit, &e.unit);
    doc.add_facet(f.facets, Facet::from_path(["year", &e.year.to_string()]));
    doc.add_facet(f.facets, Facet::from_path(["type", e.doc_type.as_str()]));
    if !e.category.is_empty() {
        doc.add_text(f.category, &e.category);
        doc.add_facet(
            f.facets,
            Facet::from_path(["category", e.category.as_str()]),
        );
    }
    if !e.status.is_empty() {
        doc.add_text(f.status, &e.status);
        doc.add_facet(f.facets, Facet::from_path(["status", e.status.as_str()]));
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_writer_thread_per_four_megabytes_of_markdown() {
        assert_eq!(writer_threads(0, 2, None), 1);
        assert_eq!(writer_threads(TEXT_PER_THREAD - 1, 2, None), 1);
        assert_eq!(writer_threads(TEXT_PER_THREAD, 2, None), 2);
        assert_eq!(writer_threads(TEXT_PER_THREAD, 1, None), 1);
        assert_eq!(writer_threads(100 * TEXT_PER_THREAD, 4, None), 4);
        // The variable, whatever the archive's size; a value that is no number is not heeded.
        assert_eq!(writer_threads(0, 2, Some(" 3 ")), 3);
        assert_eq!(writer_threads(0, 2, Some("0")), 1);
        assert_eq!(writer_threads(0, 2, Some("99")), 8);
        assert_eq!(writer_threads(TEXT_PER_THREAD, 2, Some("many")), 2);
        assert!((1..=8).contains(&most_threads()));
    }
}
