//! LOAD: the archive on disk -> [`Loaded`]: every file of `content/` read, decoded and its
//! front matter checked; Markdown bodies are left for the parse stage.
//!
//! This is the only stage (with `theme` and `import`) that reads user files. Files are read
//! in parallel, but results keep the walk's sorted order, so the output is deterministic.

pub mod discover;
pub mod document;
pub mod frontmatter;
pub mod git;
pub mod index_page;
pub mod rules;

use crate::config::Config;
use crate::error::{Diagnostic, Failure};
use crate::fsx;
use discover::{Entry, Kind};
pub use document::SourceDoc;
pub use index_page::IndexPage;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One year folder as loaded.
#[derive(Debug, Clone, Default)]
pub struct LoadedYear {
    /// The 年度 (the folder's name).
    pub year: i32,
    /// `_index.md` of the year, if present.
    pub index: Option<IndexPage>,
    /// Documents in the walk's order, drafts included (the model leaves them out).
    pub docs: Vec<SourceDoc>,
    /// The year's ledger records, from its one ledger file.
    pub records: Vec<crate::ledger::Record>,
    /// The ledger file the records came from.
    pub ledger_file: Option<PathBuf>,
}

/// A file copied to the output unchanged.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Where it goes, relative to the output folder.
    pub rel: PathBuf,
    /// The file's bytes, copied as they are.
    pub bytes: Vec<u8>,
}

/// Everything `content/` holds.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// `content/_index.md`.
    pub home: Option<IndexPage>,
    /// Year folders by year.
    pub years: BTreeMap<i32, LoadedYear>,
    /// Every other file under `content/` (attachments, images), published as it is.
    pub assets: Vec<Asset>,
    /// Problems that do not stop a build: unfilled placeholders, restricted markings.
    pub warnings: Vec<Diagnostic>,
    /// Each file's revisions from git, when the site is in a repository.
    pub history: BTreeMap<PathBuf, Vec<git::Revision>>,
}

/// One file loaded, and what the raw-text rules found in it.
type EntryResult = (Result<Item, Vec<Diagnostic>>, Vec<Diagnostic>);

enum Item {
    Home(IndexPage),
    YearIndex(i32, IndexPage),
    Doc(SourceDoc),
    Ledger(i32, PathBuf, Vec<crate::ledger::Record>),
    Asset(Asset),
}

/// Loads the archive under `root`; collects every problem before failing.
pub fn load(root: &Path, config: &Config) -> Result<Loaded, Failure> {
    if !root.join("content").is_dir() {
        let root = root.display().to_string();
        return Err(
            Diagnostic::error("content", crate::msg::content::no_content_folder(&root))
                .help(crate::msg::content::no_content_folder_help())
                .into(),
        );
    }
    let ((entries, mut diags), history) =
        rayon::join(|| discover::discover(root), || git::histories(root));
    let results: Vec<EntryResult> = entries.par_iter().map(|e| load_entry(e, config)).collect();
    let mut loaded = Loaded::default();
    for (result, findings) in results {
        diags.extend(findings);
        match result {
            Err(mut d) => diags.append(&mut d),
            Ok(Item::Home(page)) => loaded.home = Some(page),
            Ok(Item::YearIndex(y, page)) => year_mut(&mut loaded, y).index = Some(page),
            Ok(Item::Doc(doc)) => year_mut(&mut loaded, doc.year).docs.push(doc),
            Ok(Item::Ledger(y, shown, records)) => {
                let year = year_mut(&mut loaded, y);
                if let Some(first) = &year.ledger_file {
                    diags.push(
                        Diagnostic::error(
                            &shown,
                            crate::msg::content::second_ledger(y, &first.display().to_string()),
                        )
                        .help(crate::msg::content::second_ledger_help()),
                    );
                } else {
                    year.ledger_file = Some(shown);
                    year.records = records;
                }
            }
            Ok(Item::Asset(asset)) => loaded.assets.push(asset),
        }
    }
    if diags.iter().any(Diagnostic::is_error) {
        return Err(Failure(diags));
    }
    loaded.warnings = diags;
    loaded.history = history;
    Ok(loaded)
}

/// Loads the one document file `path` (an edit seen by `serve`): the document and what the
/// raw-text rules found in it. `None` when the file is not a document of a year folder.
pub fn load_document(
    root: &Path,
    path: &Path,
    config: &Config,
) -> Option<Result<(SourceDoc, Vec<Diagnostic>), Failure>> {
    let entry = discover::entry(root, path)?;
    if !matches!(entry.kind, Kind::Document { .. }) {
        return None;
    }
    Some(match load_entry(&entry, config) {
        (Ok(Item::Doc(doc)), findings) if !findings.iter().any(Diagnostic::is_error) => {
            Ok((doc, findings))
        }
        (Ok(_), findings) => Err(Failure(findings)),
        (Err(mut diags), findings) => {
            diags.extend(findings);
            Err(Failure(diags))
        }
    })
}

fn year_mut(loaded: &mut Loaded, year: i32) -> &mut LoadedYear {
    loaded.years.entry(year).or_insert_with(|| LoadedYear {
        year,
        ..LoadedYear::default()
    })
}

/// Loads one file; the second value holds what the raw-text rules found in it (classified
/// markings are errors there, placeholders and restricted markings warnings).
fn load_entry(entry: &Entry, config: &Config) -> EntryResult {
    let shown = entry.shown.as_path();
    let bytes = match fsx::read(&entry.path, shown) {
        Ok(b) => b,
        Err(d) => return (Err(vec![d]), Vec::new()),
    };
    if entry.kind == Kind::Asset {
        return (
            Ok(Item::Asset(Asset {
                rel: entry.rel.clone(),
                bytes,
            })),
            Vec::new(),
        );
    }
    let name = entry
        .rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Kind::Ledger(y) = entry.kind {
        let findings = if name.ends_with(".xlsx") {
            Vec::new()
        } else {
            std::str::from_utf8(&bytes)
                .map(|t| crate::content::rules::scan(shown, t))
                .unwrap_or_default()
        };
        let parsed = crate::ledger::parse(shown, &name, &bytes, y, config)
            .map(|records| Item::Ledger(y, entry.shown.clone(), records));
        return (parsed, findings);
    }
    let text = match crate::text::decode::decode(shown, &bytes, false) {
        Ok(t) => t,
        Err(d) => return (Err(vec![d]), Vec::new()),
    };
    let findings = crate::content::rules::scan(shown, &text);
    let parsed = match &entry.kind {
        Kind::HomeIndex => index_page::parse(shown, &text).map(Item::Home),
        Kind::YearIndex(y) => index_page::parse(shown, &text).map(|p| Item::YearIndex(*y, p)),
        Kind::Document { year, stem } => {
            document::parse(shown, &text, *year, stem, config).map(Item::Doc)
        }
        Kind::Ledger(_) | Kind::Asset => unreachable!("assets and ledgers are returned above"),
    };
    (parsed, findings)
}
