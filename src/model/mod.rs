//! ASSEMBLE: loaded sources -> [`Site`], the plain data every page is rendered from.
//!
//! Drafts are left out, URLs are fixed and checked for collisions, and the facts pages need
//! but no single file holds (documents per meeting, the same document in the previous and
//! next year) are computed once, so templates only display. Markdown is rendered later, by
//! whoever needs it ([`Document::render`]).

pub mod files;
pub mod history;
pub mod ledger;

use crate::config::Config;
use crate::content::{Asset, Loaded, LoadedYear, SourceDoc};
use crate::error::{Diagnostic, Failure};
use crate::markdown::{self, Rendered};
use chrono::NaiveDate;
pub use files::FileLink;
use std::collections::BTreeMap;

/// The whole site.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site's configuration.
    pub config: Config,
    /// The home page text (`content/_index.md`), rendered.
    pub home: Rendered,
    /// The home page title from `content/_index.md`, if it sets one.
    pub home_title: Option<String>,
    /// Years, newest first.
    pub years: Vec<Year>,
    /// Every rectification record, newest year first.
    pub ledger: ledger::Ledger,
    /// Files under `content/` published as they are.
    pub assets: Vec<Asset>,
}

/// A year folder: its meetings and documents.
#[derive(Debug, Clone)]
pub struct Year {
    /// The 年度.
    pub year: i32,
    /// The meeting's name, e.g. `2025年度民主生活会`.
    pub title: String,
    /// The date the 年度 meeting was held.
    pub meeting_date: Option<NaiveDate>,
    /// The meeting's theme (主题).
    pub theme: Option<String>,
    /// Where the meeting was held (地点).
    pub location: Option<String>,
    /// A line about the year for the home page's timeline.
    pub summary: Option<String>,
    /// The year's `_index.md` text, rendered.
    pub intro: Rendered,
    /// Indices into `Site::ledger.entries` of this year's records.
    pub records: Vec<usize>,
    /// Published documents, by meeting (年度 first), type order of the vocabulary, weight, person, date.
    pub documents: Vec<Document>,
    /// The year folder's other files, no document's original (see [`files`]).
    pub files: Vec<FileLink>,
}

/// A published document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document as loaded.
    pub source: SourceDoc,
    /// Site-relative URL, e.g. `2025/召开情况报告.html` (not percent-encoded).
    pub url: String,
    /// The commits that changed the file, newest first (empty outside a git repository).
    pub revisions: Vec<crate::content::git::Revision>,
    /// Indices into `Site::ledger.entries` of the records whose `source` is this document.
    pub records: Vec<usize>,
    /// The same type (and person) in the nearest earlier year.
    pub previous: Option<DocLink>,
    /// The same type (and person) in the nearest later year.
    pub next: Option<DocLink>,
    /// Its originals and attachments (the signed scan, the Word file), see [`files`].
    pub originals: Vec<FileLink>,
}

/// A link to another document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLink {
    /// The linked page, site-relative.
    pub url: String,
    /// Its title.
    pub title: String,
    /// Its 年度.
    pub year: i32,
}

impl Document {
    /// The document's Markdown, rendered. Rendered when a page or the index needs it, not
    /// kept: holding every document's HTML and plain text beside its source tripled the
    /// memory of a build (10,000 reports: 386 MiB of site before any page was written).
    pub fn render(&self) -> Rendered {
        markdown::render(&self.source.body)
    }

    /// The document's file inside its year folder (`召开情况报告.md`), as a record's `source` names it.
    pub fn file_name(&self) -> String {
        let prefix = std::path::Path::new("content").join(self.source.year.to_string());
        let inner = self
            .source
            .shown
            .strip_prefix(&prefix)
            .unwrap_or(&self.source.shown);
        inner.to_string_lossy().replace('\\', "/")
    }
}

impl Year {
    /// The meetings of the year in order (年度 first, then 专题 by name), each with its documents.
    pub fn meetings(&self) -> Vec<(&str, Vec<&Document>)> {
        let mut by: BTreeMap<(bool, &str), Vec<&Document>> = BTreeMap::new();
        for d in &self.documents {
            let m = d.source.meeting.as_str();
            by.entry((m != crate::content::document::ANNUAL_MEETING, m))
                .or_default()
                .push(d);
        }
        by.into_iter().map(|((_, m), docs)| (m, docs)).collect()
    }
}

/// Assembles the site; fails on URL collisions.
pub fn assemble(mut loaded: Loaded, config: &Config, today: NaiveDate) -> Result<Site, Failure> {
    let records: BTreeMap<i32, Vec<crate::ledger::Record>> = loaded
        .years
        .iter_mut()
        .map(|(y, l)| (*y, std::mem::take(&mut l.records)))
        .collect();
    let type_rank = |t: &str| {
        config
            .vocabularies
            .types
            .iter()
            .position(|x| x == t)
            .unwrap_or(usize::MAX)
    };
    let mut diags = Vec::new();
    // A draft's own files are no year's other files either.
    let drafts: std::collections::BTreeSet<String> = loaded
        .years
        .values()
        .flat_map(|y| y.docs.iter().filter(|d| d.draft))
        .flat_map(|d| files::originals(d, &loaded.assets, &mut Vec::new()))
        .map(|f| f.url)
        .collect();
    let mut years: Vec<Year> = loaded
        .years
        .into_values()
        .rev()
        .map(|y| assemble_year(y, &mut diags))
        .collect();
    for y in &mut years {
        let mut claimed = drafts.clone();
        for d in &mut y.documents {
            d.originals = files::originals(&d.source, &loaded.assets, &mut diags);
            claimed.extend(d.originals.iter().map(|f| f.url.clone()));
        }
        y.files = files::year_files(y.year, &loaded.assets, &claimed);
    }
    if !diags.is_empty() {
        return Err(Failure(diags));
    }
    for y in &mut years {
        y.documents.sort_by(|a, b| {
            let key = |d: &Document| {
                let s = &d.source;
                (
                    s.meeting != crate::content::document::ANNUAL_MEETING,
                    s.meeting.clone(),
                    type_rank(&s.doc_type),
                    s.weight,
                    s.person.clone(),
                    s.date,
                    s.slug.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
    }
    link_across_years(&mut years);
    for d in years.iter_mut().flat_map(|y| y.documents.iter_mut()) {
        d.revisions = loaded
            .history
            .get(&d.source.shown)
            .cloned()
            .unwrap_or_default();
    }
    let ledger = ledger::assemble(&mut years, records, config, today).map_err(Failure)?;
    let (home, home_title) = match loaded.home {
        Some(p) => (markdown::render(&p.body), p.title),
        None => (markdown::render(""), None),
    };
    Ok(Site {
        config: config.clone(),
        home,
        home_title,
        years,
        ledger,
        assets: loaded.assets,
    })
}

fn assemble_year(y: LoadedYear, diags: &mut Vec<Diagnostic>) -> Year {
    let index = y.index.unwrap_or_default();
    let published: Vec<SourceDoc> = y.docs.into_iter().filter(|d| !d.draft).collect();
    let mut seen: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    for d in &published {
        if let Some(first) = seen.insert(d.slug.clone(), d.shown.clone()) {
            diags.push(
                Diagnostic::error(
                    &d.shown,
                    crate::msg::ledger::url_taken(
                        &format!("{}/{}.html", d.year, d.slug),
                        &first.display().to_string(),
                    ),
                )
                .help(crate::msg::ledger::url_taken_help()),
            );
        }
    }
    let documents = published
        .into_iter()
        .map(|source| {
            let url = format!("{}/{}.html", source.year, source.slug);
            Document {
                source,
                url,
                revisions: Vec::new(),
                records: Vec::new(),
                previous: None,
                next: None,
                originals: Vec::new(),
            }
        })
        .collect();
    Year {
        year: y.year,
        title: index
            .title
            .unwrap_or_else(|| format!("{}年度民主生活会", y.year)),
        meeting_date: index.date,
        theme: index.theme,
        location: index.location,
        summary: index.summary,
        intro: markdown::render(&index.body),
        records: Vec::new(),
        documents,
        files: Vec::new(),
    }
}

/// Fills `previous` and `next`: the same type, person and meeting kind in the nearest other year.
fn link_across_years(years: &mut [Year]) {
    type Key = (String, Option<String>, String);
    let key = |d: &Document| -> Key {
        let s = &d.source;
        (s.doc_type.clone(), s.person.clone(), s.meeting.clone())
    };
    // Oldest year first, the first document of each key per year.
    let mut chains: BTreeMap<Key, Vec<(i32, DocLink)>> = BTreeMap::new();
    for y in years.iter().rev() {
        for d in &y.documents {
            let chain = chains.entry(key(d)).or_default();
            if chain.last().map(|(yr, _)| *yr) != Some(y.year) {
                chain.push((
                    y.year,
                    DocLink {
                        url: d.url.clone(),
                        title: d.source.title.clone(),
                        year: y.year,
                    },
                ));
            }
        }
    }
    for y in years.iter_mut() {
        for d in &mut y.documents {
            let chain = &chains[&key(d)];
            let pos = chain
                .iter()
                .position(|(yr, _)| *yr == y.year)
                .expect("every document is in its chain");
            d.previous = pos.checked_sub(1).map(|p| chain[p].1.clone());
            d.next = chain.get(pos + 1).map(|(_, l)| l.clone());
        }
    }
}
