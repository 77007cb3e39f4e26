//! One view struct per page kind: what a template may show, already computed and ordered.
//! Templates receive these (through tera's context) and nothing else.

use super::ledger_view::{RecordRow, rows};
use super::links::{link, year_url};
use crate::dates;
use crate::markdown::{Heading, Rendered};
use crate::model::{DocLink, Document, Site, Year};
use serde::Serialize;

/// The site-wide values every page has (owned, so `serve` can keep them for its search page
/// without keeping the whole site in memory).
#[derive(Serialize, Clone, Debug)]
pub struct SiteView {
    /// The site's title (`annals.yaml`).
    pub title: String,
    /// The organisation the archive is of.
    pub organisation: String,
    /// A line about the site, for the home page and `<meta name=description>`.
    pub description: String,
    /// The pages' language (`zh-CN`).
    pub language: String,
    /// The years for the navigation, newest first.
    pub years: Vec<YearLink>,
    /// The ledger page, when the archive has records.
    pub ledger_url: Option<String>,
}

/// A link to a year page.
#[derive(Serialize, Clone, Debug)]
pub struct YearLink {
    /// The 年度.
    pub year: i32,
    /// Its page, relative to the page linking it.
    pub url: String,
}

/// A document in a list.
#[derive(Serialize)]
pub struct DocSummary<'a> {
    /// Its page, relative to the page listing it.
    pub url: String,
    /// 标题.
    pub title: &'a str,
    /// The document type.
    #[serde(rename = "type")]
    pub doc_type: &'a str,
    /// 成文日期, `YYYY-MM-DD` (templates write it with `cn_date`).
    pub date: String,
    /// The 年度.
    pub year: i32,
    /// The person a 发言提纲 or 对照检查材料 is of.
    pub person: Option<&'a str>,
    /// 发文字号.
    pub doc_number: Option<&'a str>,
}

/// A year on the timeline and at the top of its page.
#[derive(Serialize)]
pub struct YearSummary<'a> {
    /// The 年度.
    pub year: i32,
    /// The year's page, relative to the page listing it.
    pub url: String,
    /// The meeting's name.
    pub title: &'a str,
    /// The meeting's date, `YYYY-MM-DD`.
    pub meeting_date: Option<String>,
    /// 主题.
    pub theme: Option<&'a str>,
    /// 地点.
    pub location: Option<&'a str>,
    /// A line about the year.
    pub summary: Option<&'a str>,
    /// Published documents of the year.
    pub document_count: usize,
}

/// The home page.
#[derive(Serialize)]
pub struct HomeView<'a> {
    /// The site's title.
    pub title: &'a str,
    /// `content/_index.md`, rendered.
    pub intro_html: &'a str,
    /// Every year, newest first.
    pub timeline: Vec<YearSummary<'a>>,
    /// The newest documents.
    pub latest: Vec<DocSummary<'a>>,
    /// Published documents in all.
    pub document_count: usize,
    /// The whole ledger's counts.
    pub ledger: LedgerTotals,
}

/// Counts of the ledger (or of one year's part of it).
#[derive(Serialize)]
pub struct LedgerTotals {
    /// Records in all.
    pub total: usize,
    /// Of them, not closed.
    pub open: usize,
    /// Of them, overdue.
    pub overdue: usize,
    /// Records per status, in the vocabulary's order.
    pub status_counts: Vec<(String, usize)>,
    /// The ledger page that lists them.
    pub url: String,
    /// The same records as an Excel workbook.
    pub xlsx_url: String,
}

fn totals(
    site: &Site,
    indices: &[usize],
    from: &str,
    page: &str,
    year: Option<i32>,
) -> LedgerTotals {
    let entries = || indices.iter().map(|&i| &site.ledger.entries[i]);
    LedgerTotals {
        total: indices.len(),
        open: entries().filter(|e| !e.closed).count(),
        overdue: entries().filter(|e| e.overdue).count(),
        status_counts: site.ledger.status_counts(&site.config, entries()),
        url: link(from, page),
        xlsx_url: link(from, &super::workbook::workbook_url(year)),
    }
}

/// A group of documents of one type.
#[derive(Serialize)]
pub struct TypeGroup<'a> {
    /// The document type.
    #[serde(rename = "type")]
    pub doc_type: &'a str,
    /// The year's documents of that type.
    pub documents: Vec<DocSummary<'a>>,
}

/// A meeting of a year with its documents by type.
#[derive(Serialize)]
pub struct MeetingView<'a> {
    /// The meeting's name (`年度民主生活会`).
    pub name: &'a str,
    /// Its documents, by type in the vocabulary's order.
    pub groups: Vec<TypeGroup<'a>>,
}

/// A year page.
#[derive(Serialize)]
pub struct YearView<'a> {
    /// The year's facts.
    pub year: YearSummary<'a>,
    /// The year's `_index.md`, rendered.
    pub intro_html: &'a str,
    /// The year's meetings with their documents.
    pub meetings: Vec<MeetingView<'a>>,
    /// The year before, when the archive has it.
    pub previous_year: Option<YearLink>,
    /// The year after, when the archive has it.
    pub next_year: Option<YearLink>,
    /// The year's ledger counts.
    pub ledger: LedgerTotals,
    /// The year's ledger records.
    pub records: Vec<RecordRow<'a>>,
    /// The year folder's other files.
    pub files: Vec<FileView<'a>>,
    /// The year's documents as one printable booklet (none without documents).
    pub booklet_url: Option<String>,
}

/// A file listed on a page: a document's original, a year's other file.
#[derive(Serialize)]
pub struct FileView<'a> {
    /// The file, relative to the page.
    pub url: String,
    /// Its name.
    pub name: &'a str,
    /// What it is (PDF, Word, OFD …).
    pub kind: &'a str,
    /// Its size (`1.2 MB`, `320 KB`).
    pub size: String,
    /// Offered for download (Word, OFD …) rather than opened by the browser (PDF).
    pub download: bool,
}

/// The files `files` as the page at `from` lists them.
pub fn file_views<'a>(files: &'a [crate::model::FileLink], from: &str) -> Vec<FileView<'a>> {
    files
        .iter()
        .map(|f| FileView {
            url: link(from, &f.url),
            name: &f.name,
            kind: f.kind,
            size: match f.size {
                n if n >= 1024 * 1024 => format!("{:.1} MB", n as f64 / 1024.0 / 1024.0),
                n => format!("{} KB", n.div_ceil(1024).max(1)),
            },
            download: !f.opens_in_browser,
        })
        .collect()
}

/// A link to the same kind of document in another year.
#[derive(Serialize)]
pub struct OtherYear<'a> {
    /// Its page, relative to the document's page.
    pub url: String,
    /// Its title.
    pub title: &'a str,
    /// Its 年度.
    pub year: i32,
}

/// A document page.
#[derive(Serialize)]
pub struct DocView<'a> {
    /// The document's list facts.
    pub doc: DocSummary<'a>,
    /// The year's page.
    pub year_url: String,
    /// The year's meeting name.
    pub year_title: &'a str,
    /// The meeting the document belongs to.
    pub meeting: &'a str,
    /// The unit that issued it.
    pub unit: &'a str,
    /// Its author, when stated.
    pub author: Option<&'a str>,
    /// Its tags.
    pub tags: &'a [String],
    /// The body, rendered.
    pub html: &'a str,
    /// Its headings, for the table of contents.
    pub toc: &'a [Heading],
    /// The same type of document in the year before.
    pub previous: Option<OtherYear<'a>>,
    /// The same type of document in the year after.
    pub next: Option<OtherYear<'a>>,
    /// The ledger records this document raised.
    pub records: Vec<RecordRow<'a>>,
    /// The file's commits, newest first; empty outside git.
    pub revisions: &'a [crate::content::git::Revision],
    /// Its originals and attachments.
    pub originals: Vec<FileView<'a>>,
}

impl SiteView {
    /// The site values as a page at `from` (site-relative) links them.
    pub fn new(site: &Site, from: &str) -> Self {
        let c = &site.config;
        SiteView {
            title: c.title.clone(),
            organisation: c.organisation.clone(),
            description: c.description.clone(),
            language: c.language.clone(),
            years: site
                .years
                .iter()
                .map(|y| YearLink {
                    year: y.year,
                    url: link(from, &year_url(y.year)),
                })
                .collect(),
            ledger_url: (!site.ledger.entries.is_empty()).then(|| link(from, "ledger/index.html")),
        }
    }
}

/// The list facts of `d` as the page at `from` (site-relative) shows them.
pub fn doc_summary<'a>(d: &'a Document, from: &str) -> DocSummary<'a> {
    let s = &d.source;
    DocSummary {
        url: link(from, &d.url),
        title: &s.title,
        doc_type: &s.doc_type,
        date: dates::iso(s.date),
        year: s.year,
        person: s.person.as_deref(),
        doc_number: s.doc_number.as_deref(),
    }
}

/// The list facts of year `y` as the page at `from` shows them.
pub fn year_summary<'a>(y: &'a Year, from: &str) -> YearSummary<'a> {
    YearSummary {
        year: y.year,
        url: link(from, &year_url(y.year)),
        title: &y.title,
        meeting_date: y.meeting_date.map(dates::iso),
        theme: y.theme.as_deref(),
        location: y.location.as_deref(),
        summary: y.summary.as_deref(),
        document_count: y.documents.len(),
    }
}

/// The home page: the timeline and the ten newest documents.
pub fn home(site: &Site) -> HomeView<'_> {
    let from = "index.html";
    let mut all: Vec<&Document> = site.years.iter().flat_map(|y| &y.documents).collect();
    all.sort_by(|a, b| (b.source.date, &a.url).cmp(&(a.source.date, &b.url)));
    HomeView {
        title: site.home_title.as_deref().unwrap_or(&site.config.title),
        intro_html: &site.home.html,
        timeline: site.years.iter().map(|y| year_summary(y, from)).collect(),
        document_count: all.len(),
        ledger: totals(
            site,
            &(0..site.ledger.entries.len()).collect::<Vec<_>>(),
            from,
            "ledger/index.html",
            None,
        ),
        latest: all
            .into_iter()
            .take(10)
            .map(|d| doc_summary(d, from))
            .collect(),
    }
}

/// A year page; `i` is the year's place in `site.years` (newest first).
pub fn year(site: &Site, i: usize) -> YearView<'_> {
    let y = &site.years[i];
    let from = year_url(y.year);
    let neighbour = |j: Option<usize>| {
        j.and_then(|j| site.years.get(j)).map(|o| YearLink {
            year: o.year,
            url: link(&from, &year_url(o.year)),
        })
    };
    YearView {
        year: year_summary(y, &from),
        intro_html: &y.intro.html,
        meetings: y
            .meetings()
            .into_iter()
            .map(|(name, docs)| {
                let mut groups: Vec<TypeGroup> = Vec::new();
                for d in docs {
                    match groups.last_mut() {
                        Some(g) if g.doc_type == d.source.doc_type => {
                            g.documents.push(doc_summary(d, &from))
                        }
                        _ => groups.push(TypeGroup {
                            doc_type: &d.source.doc_type,
                            documents: vec![doc_summary(d, &from)],
                        }),
                    }
                }
                MeetingView { name, groups }
            })
            .collect(),
        previous_year: neighbour(Some(i + 1)),
        next_year: neighbour(i.checked_sub(1)),
        ledger: totals(
            site,
            &y.records,
            &from,
            &format!("ledger/year/{}.html", y.year),
            Some(y.year),
        ),
        records: rows(site, y.records.iter().copied(), &from),
        files: file_views(&y.files, &from),
        booklet_url: (!y.documents.is_empty())
            .then(|| link(&from, &super::booklet::booklet_url(y.year))),
    }
}

/// A document page.
pub fn document<'a>(
    site: &'a Site,
    y: &'a Year,
    d: &'a Document,
    rendered: &'a Rendered,
) -> DocView<'a> {
    let from = d.url.as_str();
    let other = |l: &'a Option<DocLink>| {
        l.as_ref().map(|l| OtherYear {
            url: link(from, &l.url),
            title: &l.title,
            year: l.year,
        })
    };
    let s = &d.source;
    DocView {
        doc: doc_summary(d, from),
        year_url: link(from, &year_url(y.year)),
        year_title: &y.title,
        meeting: &s.meeting,
        unit: &s.unit,
        author: s.author.as_deref(),
        tags: &s.tags,
        html: &rendered.html,
        toc: &rendered.headings,
        previous: other(&d.previous),
        next: other(&d.next),
        records: rows(site, d.records.iter().copied(), from),
        revisions: &d.revisions,
        originals: file_views(&d.originals, from),
    }
}
