//! INDEX: [`Site`] -> a tantivy index on disk, built in a staging folder and swapped in.
//!
//! Each document is indexed once, whole, with an outline of where its headed sections lie in
//! the stored text: a hit links to its best section (`page.html#anchor`) and `kind:section`
//! lists matching sections, both worked out from that outline at query time. Indexing every
//! section again as an entry of its own (as issue #3 first had it) doubled the build's
//! segmentation and the index's size for no answer the outline cannot give. Texts are
//! normalised first; tokenizing happens in tantivy's writer threads.

use super::gate::{Gate, Queued};
use super::schema::{Fields, VERSION};
use super::settings::{Settings, DICTIONARY, SYNONYMS};
use super::tokenizer::{normalize, BigramTokenizer, WordTokenizer, BIGRAM, WORDS};
use crate::error::{Diagnostic, Failure};
use crate::fsx;
use crate::markdown;
use crate::model::{Document, Site};
use crate::output::Staged;
use chrono::Datelike;
use jieba_rs::Jieba;
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;
use tantivy::schema::Facet;
use tantivy::{Index, TantivyDocument};

/// The file in the index folder that records the schema version.
pub const META: &str = "annals-index.json";

/// A headed section of a document's text, by character range.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SectionSpan {
    pub id: String,
    pub heading: String,
    pub start: usize,
    pub end: usize,
}

/// One thing a search can find.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub kind: &'static str,
    pub url: String,
    pub title: String,
    pub text: String,
    pub year: i32,
    pub date: chrono::NaiveDate,
    pub doc_type: String,
    pub unit: String,
    pub category: String,
    pub status: String,
    /// For a document: where its sections are in `text`.
    pub outline: Vec<SectionSpan>,
    /// The date a hit shows and what it is: 成文日期 of a document, 完成时限 of a record as
    /// written (`6月底前`, `长期坚持`), 召开日期 of a year; empty label when there is none.
    pub date_label: &'static str,
    pub date_text: String,
}

/// The type shown for ledger records in results and facets.
pub const RECORD_TYPE: &str = "整改台账";
/// The type shown for year pages in results and facets.
pub const YEAR_TYPE: &str = "年度";

/// The entries of a site: every document (its whole text and outline), then every ledger
/// record.
///
/// Entries are made a few dozen at a time (in parallel: each renders its document) and handed
/// to `add` in order, so the index build never holds a second copy of the archive's text.
pub fn entries(site: &Site, mut add: impl FnMut(Entry)) {
    let docs: Vec<&Document> = site.years.iter().flat_map(|y| &y.documents).collect();
    for chunk in docs.chunks(64) {
        let made: Vec<Entry> = chunk.par_iter().map(|d| document_entry(d)).collect();
        made.into_iter().for_each(&mut add);
    }
    for e in &site.ledger.entries {
        add(record_entry(e));
    }
    for y in &site.years {
        add(year_entry(y));
    }
}

/// A year page's entry: the meeting as the page shows it (name, date, place, theme, summary,
/// the year's own text).
fn year_entry(y: &crate::model::Year) -> Entry {
    let mut text: Vec<String> = vec![y.title.clone()];
    text.extend(y.meeting_date.map(crate::dates::chinese));
    text.extend(y.location.iter().cloned());
    text.extend(y.theme.iter().cloned());
    text.extend(y.summary.iter().cloned());
    text.extend(y.intro.sections.iter().flat_map(|s| {
        s.heading
            .iter()
            .cloned()
            .chain(std::iter::once(s.text.clone()))
    }));
    Entry {
        kind: "year",
        url: format!("{}/index.html", y.year),
        title: y.title.clone(),
        text: normalize(&text.join("\n")),
        year: y.year,
        date: y
            .meeting_date
            .or_else(|| chrono::NaiveDate::from_ymd_opt(y.year + 1, 1, 1))
            .unwrap_or_default(),
        doc_type: YEAR_TYPE.into(),
        unit: String::new(),
        category: String::new(),
        status: String::new(),
        outline: Vec::new(),
        date_label: if y.meeting_date.is_some() {
            "召开日期"
        } else {
            ""
        },
        date_text: y
            .meeting_date
            .map(crate::dates::chinese)
            .unwrap_or_default(),
    }
}

/// A document's entry: its whole text, section by section, with where each headed section
/// lies.
pub fn document_entry(d: &Document) -> Entry {
    let s = &d.source;
    // What the page shows above the body: 发文字号, unit, author, person.
    let head: Vec<&str> = [
        s.doc_number.as_deref(),
        Some(s.unit.as_str()),
        s.author.as_deref(),
        s.person.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|t| !t.trim().is_empty())
    .collect();
    let mut text = normalize(&format!("{}\n", head.join("\n")));
    let mut outline = Vec::new();
    let mut at = text.chars().count();
    for sec in markdown::sections(&d.source.body) {
        let piece = normalize(&format!(
            "{}\n{}",
            sec.heading.as_deref().unwrap_or(""),
            sec.text
        ));
        let len = piece.chars().count();
        if let (Some(id), Some(heading)) = (&sec.id, &sec.heading) {
            outline.push(SectionSpan {
                id: id.clone(),
                heading: heading.trim().to_string(),
                start: at,
                end: at + len,
            });
        }
        text.push_str(&piece);
        at += len;
    }
    Entry {
        kind: "document",
        url: d.url.clone(),
        title: s.title.clone(),
        text,
        year: s.year,
        date: s.date,
        doc_type: s.doc_type.clone(),
        unit: s.unit.clone(),
        category: String::new(),
        status: String::new(),
        outline,
        date_label: "成文日期",
        date_text: crate::dates::chinese(s.date),
    }
}

/// A ledger record's entry: its problem, measures, progress and outcome.
fn record_entry(e: &crate::model::ledger::Entry) -> Entry {
    let r = &e.record;
    // Every field the record's page shows as text.
    let mut text = vec![r.problem.clone()];
    text.extend(r.measures.iter().cloned());
    text.extend(r.progress.iter().map(|p| p.note.clone()));
    text.extend(
        [
            &r.outcome,
            &r.aspect,
            &r.leader,
            &r.owner,
            &r.partners,
            &r.goal,
            &r.kind,
            &r.notes,
            &r.deadline_text,
        ]
        .into_iter()
        .flatten()
        .cloned(),
    );
    // A channel (征求意见) is shown as written; a document source shows that document's title,
    // which is the document's own text, not the record's.
    text.extend(r.source.iter().filter(|s| !s.ends_with(".md")).cloned());
    text.extend(r.evidence.iter().cloned());
    text.push(r.category.clone());
    text.push(r.status.clone());
    let date = r.completed_on.or(match r.deadline {
        Some(crate::ledger::Deadline::Date(d)) => Some(d),
        _ => None,
    });
    Entry {
        kind: "record",
        url: e.url.clone(),
        title: format!("{} {}", r.id, r.problem),
        text: normalize(&text.join("\n")),
        year: r.year,
        date: date
            .or_else(|| chrono::NaiveDate::from_ymd_opt(r.year + 1, 1, 1))
            .unwrap_or_default(),
        doc_type: RECORD_TYPE.into(),
        unit: r.owner.clone().unwrap_or_default(),
        category: r.category.clone(),
        status: r.status.clone(),
        outline: Vec::new(),
        date_label: if r.deadline_text.is_some() {
            "完成时限"
        } else {
            ""
        },
        date_text: r.deadline_text.clone().unwrap_or_default(),
    }
}

/// Memory of each tantivy writer thread before it writes a segment. Smaller budgets write more
/// segments (more files to search, more merging); 10,000 reports index into a handful.
const WRITER_BUDGET: usize = 64_000_000;

/// Documents made and waiting for the writer threads at most (see [`Gate`]).
const IN_FLIGHT: usize = 128;

/// Registers annals' tokenizers on an index.
pub fn register(index: &Index, jieba: Arc<Jieba>) {
    index.tokenizers().register(BIGRAM, BigramTokenizer);
    index.tokenizers().register(WORDS, WordTokenizer { jieba });
}

pub(super) fn tantivy_error(shown: &Path, e: tantivy::TantivyError) -> Failure {
    let message = match e {
        // tantivy reports a writer thread's I/O failure only as "killed ... or panicked".
        tantivy::TantivyError::ErrorInThread(_) => "cannot write the search index: a writer \
            thread stopped on an error (most often a full disk or a folder it may not write to)"
            .to_string(),
        e => format!("cannot write the search index: {e}"),
    };
    Diagnostic::error(shown, message)
        .help("check the disk space and permissions of search-index/, then build again")
        .into()
}

/// Builds the index of a site into a staging folder beside `target`, segmenting with `jieba`
/// (loaded from `settings.dictionary`), and the static bundle of the same entries for the
/// site's own folder.
pub fn stage(
    site: &Site,
    settings: &Settings,
    jieba: Arc<Jieba>,
    target: &Path,
) -> Result<(Staged, super::bundle::Bundle), Failure> {
    let staged = Staged::new(target)?;
    // The archive's phrases for suggestions come from the entries as they pass (titles and
    // headings), not from a second reading of every document.
    let mut phrases = std::collections::BTreeSet::new();
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
        jieba,
        super::bundle::prepare,
    )?;
    let vocabulary = super::vocabulary::Vocabulary::of(site, phrases);
    vocabulary.save(staged.path())?;
    let bundle = super::bundle::build(&index, prepared, &settings.synonyms, &vocabulary)
        .map_err(|e| tantivy_error(&Path::new(super::settings::DIR).join("index"), e))?;
    Ok((staged, bundle))
}

/// Writes the index of the entries `entries` hands out into `dir` (an empty folder), with
/// the settings it was built with; returns the index and what `meanwhile` made of the entries
/// (numbered in the order given) while tantivy committed and merged.
pub fn write<T: Send>(
    entries: impl FnOnce(&mut dyn FnMut(Entry)),
    dir: &Path,
    settings: &Settings,
    jieba: Arc<Jieba>,
    meanwhile: impl FnOnce(&[Entry]) -> T + Send,
) -> Result<(Index, T), Failure> {
    let shown = Path::new(super::settings::DIR).join("index");
    let err = |e| tantivy_error(&shown, e);
    let (schema, f) = Fields::schema();
    let index = Index::create_in_dir(dir, schema).map_err(err)?;
    register(&index, jieba);
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 8);
    let mut writer = index
        .writer_with_num_threads::<Queued>(threads, WRITER_BUDGET * threads)
        .map_err(err)?;
    let gate = Gate::new(IN_FLIGHT);
    let mut failed = None;
    let mut kept = Vec::new();
    entries(&mut |e: Entry| {
        if failed.is_none() {
            let slot = gate.enter();
            let mut doc = document(&f, &e);
            doc.add_u64(f.entry, kept.len() as u64);
            if let Err(e) = writer.add_document(Queued { doc, _slot: slot }) {
                failed = Some(e);
            }
        }
        kept.push(e);
    });
    if let Some(e) = failed {
        return Err(err(e));
    }
    let (committed, made) = rayon::join(
        move || {
            writer.commit()?;
            writer.wait_merging_threads()
        },
        || meanwhile(&kept),
    );
    committed.map_err(err)?;
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
    if !e.outline.is_empty() {
        let headings: Vec<&str> = e.outline.iter().map(|s| s.heading.as_str()).collect();
        doc.add_text(f.heading_bigrams, normalize(&headings.join("\n")));
    }
    let title = normalize(&e.title);
    doc.add_text(f.title_bigrams, &title);
    doc.add_text(f.title_words, &title);
    doc.add_text(f.body_bigrams, &e.text);
    doc.add_text(f.body_words, &e.text);
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
