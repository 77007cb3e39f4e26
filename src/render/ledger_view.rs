//! The views of the ledger pages: the whole ledger and its filtered pages (by year, status,
//! category, owner, overdue), one page per record, and the record rows other pages show.

use super::charts::{CATEGORIES, PALETTE, Series, data_table, stacked_bars};
use super::links::{link, year_url};
use crate::dates;
use crate::ledger::{Deadline, Value};
use crate::model::Site;
use crate::model::ledger::Entry;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A record in a table.
#[derive(Serialize)]
pub struct RecordRow<'a> {
    /// 编号.
    pub id: &'a str,
    /// The record's page, relative to the page showing the row.
    pub url: String,
    /// The 年度 of its ledger.
    pub year: i32,
    /// 问题表现.
    pub problem: &'a str,
    /// 问题类别.
    pub category: &'a str,
    /// 整改状态.
    pub status: &'a str,
    /// 责任部门.
    pub owner: Option<&'a str>,
    /// 责任领导.
    pub leader: Option<&'a str>,
    /// As written (`6月底前`).
    pub deadline: Option<String>,
    /// The deadline as a date: `2026年6月30日前` (what `6月底前` resolves to), or 长期坚持.
    pub due: Option<String>,
    /// The resolved date, `YYYY-MM-DD` (none for 长期坚持): what the table sorts and filters on.
    pub due_iso: Option<String>,
    /// The wording as written, when it says more than [`RecordRow::due`] (`6月底前`, not
    /// `2026-06-30`): shown beside it.
    pub due_as_written: Option<String>,
    /// Open past its deadline on the build's day.
    pub overdue: bool,
    /// Its status is a closed one.
    pub closed: bool,
}

/// The rows of `entries` as a page at `from` links them.
pub fn rows<'a>(
    site: &'a Site,
    indices: impl Iterator<Item = usize>,
    from: &str,
) -> Vec<RecordRow<'a>> {
    indices
        .map(|i| row(&site.ledger.entries[i], from))
        .collect()
}

/// The row of entry `e` as the page at `from` (site-relative) shows it.
pub fn row<'a>(e: &'a Entry, from: &str) -> RecordRow<'a> {
    let r = &e.record;
    let (due, due_iso) = match r.deadline {
        Some(Deadline::Date(d)) => (
            Some(format!("{}前", dates::chinese(d))),
            Some(dates::iso(d)),
        ),
        Some(Deadline::Ongoing) => (Some(crate::ledger::deadline::ONGOING.to_string()), None),
        None => (None, None),
    };
    RecordRow {
        id: &r.id,
        url: link(from, &e.url),
        year: r.year,
        problem: &r.problem,
        category: &r.category,
        status: &r.status,
        owner: r.text("owner"),
        leader: r.text("leader"),
        deadline: r.deadline_text.clone(),
        due_as_written: r
            .deadline_text
            .clone()
            .filter(|t| Some(t) != due.as_ref() && Some(t) != due_iso.as_ref()),
        due,
        due_iso,
        overdue: e.overdue,
        closed: e.closed,
    }
}

/// A pre-built filter of the ledger: its page and what it keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Every record (`ledger/index.html`).
    All,
    /// The overdue records.
    Overdue,
    /// The records of one 年度.
    Year(i32),
    /// The records in one status.
    Status(String),
    /// The records of one category.
    Category(String),
    /// The records of one 责任部门.
    Owner(String),
}

/// A file name for a value (a slash in an owner's name cannot be part of a path).
fn file_part(s: &str) -> String {
    s.chars()
        .map(|c| {
            if "/\\?#%*:|\"<>".contains(c) || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect()
}

impl Filter {
    /// The page of this filter.
    pub fn url(&self) -> String {
        match self {
            Filter::All => "ledger/index.html".into(),
            Filter::Overdue => "ledger/overdue.html".into(),
            Filter::Year(y) => format!("ledger/year/{y}.html"),
            Filter::Status(s) => format!("ledger/status/{}.html", file_part(s)),
            Filter::Category(c) => format!("ledger/category/{}.html", file_part(c)),
            Filter::Owner(o) => format!("ledger/owner/{}.html", file_part(o)),
        }
    }

    fn keeps(&self, e: &Entry) -> bool {
        let r = &e.record;
        match self {
            Filter::All => true,
            Filter::Overdue => e.overdue,
            Filter::Year(y) => r.year == *y,
            Filter::Status(s) => &r.status == s,
            Filter::Category(c) => &r.category == c,
            Filter::Owner(o) => r.text("owner") == Some(o.as_str()),
        }
    }

    fn label(&self) -> Option<String> {
        match self {
            Filter::All => None,
            Filter::Overdue => Some("逾期未完成".into()),
            Filter::Year(y) => Some(format!("{y}年度")),
            Filter::Status(s) => Some(format!("整改状态：{s}")),
            Filter::Category(c) => Some(format!("问题类别：{c}")),
            Filter::Owner(o) => Some(format!("责任部门：{o}")),
        }
    }
}

/// Every filter page the ledger has: all, overdue, and one per year, status, category, owner
/// that occurs.
pub fn filters(site: &Site) -> Vec<Filter> {
    let e = &site.ledger.entries;
    let mut out = vec![Filter::All, Filter::Overdue];
    out.extend(
        e.iter()
            .map(|e| e.record.year)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .rev()
            .map(Filter::Year),
    );
    // Statuses and categories in the vocabulary's order, as tables and charts show them.
    let v = &site.config.vocabularies;
    let used = |word: &String, field: fn(&Entry) -> &String| e.iter().any(|e| field(e) == word);
    out.extend(
        v.statuses
            .iter()
            .filter(|s| used(s, |e| &e.record.status))
            .cloned()
            .map(Filter::Status),
    );
    out.extend(
        v.categories
            .iter()
            .filter(|c| used(c, |e| &e.record.category))
            .cloned()
            .map(Filter::Category),
    );
    out.extend(
        e.iter()
            .filter_map(|e| e.record.text("owner").map(str::to_string))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(Filter::Owner),
    );
    out
}

/// A link to one filter page with its count.
#[derive(Serialize)]
pub struct FacetLink {
    /// The value filtered on.
    pub label: String,
    /// Records with it.
    pub count: usize,
    /// The filter page, relative to the page showing the link.
    pub url: String,
    /// Whether it is the page shown.
    pub current: bool,
}

/// The filter links of one field.
#[derive(Serialize)]
pub struct FacetGroup {
    /// The field's Chinese name.
    pub label: &'static str,
    /// The attribute of a table row this group filters on, for live filtering.
    pub key: &'static str,
    /// Its values' links.
    pub links: Vec<FacetLink>,
}

/// A chart of the ledger, as inline SVG.
#[derive(Serialize)]
pub struct Chart {
    /// The chart's caption.
    pub title: &'static str,
    /// What its series are, for the live filter: `status`, `category` or `closed`.
    pub by: &'static str,
    /// The SVG markup.
    pub svg: String,
    /// Its numbers as an HTML table, for screen readers (the SVG is hidden from them).
    pub table: String,
}

/// A ledger page.
#[derive(Serialize)]
pub struct LedgerView<'a> {
    /// The filter's description (`2025年度`, `逾期未完成`), none on the whole ledger.
    pub filter: Option<String>,
    /// Which live filter control this page's filter is (`overdue`, `status` …), so the live
    /// filter starts from it.
    pub filter_key: Option<&'static str>,
    /// The whole ledger's page, relative to this one.
    pub all_url: String,
    /// The whole ledger as an Excel workbook (a sheet a year and one of all).
    pub xlsx_url: String,
    /// The records shown.
    pub rows: Vec<RecordRow<'a>>,
    /// Records shown in all.
    pub total: usize,
    /// Of them, not closed.
    pub open: usize,
    /// Of them, overdue.
    pub overdue: usize,
    /// Records per status, in the vocabulary's order.
    pub status_counts: Vec<(String, usize)>,
    /// Links to the other filter pages, by field.
    pub facets: Vec<FacetGroup>,
    /// The charts of the records shown.
    pub charts: Vec<Chart>,
    /// The day overdue is judged on, `YYYY-MM-DD`.
    pub today: String,
}

/// Every filter page with the number of records it keeps, counted once for all pages.
pub fn filter_counts(site: &Site) -> Vec<(Filter, usize)> {
    filters(site)
        .into_iter()
        .map(|f| {
            let n = site.ledger.entries.iter().filter(|e| f.keeps(e)).count();
            (f, n)
        })
        .collect()
}

/// The ledger page of `filter`; `counts` is [`filter_counts`] of the site.
pub fn ledger<'a>(site: &'a Site, filter: &Filter, counts: &[(Filter, usize)]) -> LedgerView<'a> {
    let from = filter.url();
    let kept: Vec<usize> = site
        .ledger
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| filter.keeps(e))
        .map(|(i, _)| i)
        .collect();
    let entries = || kept.iter().map(|&i| &site.ledger.entries[i]);
    let group = |label, key, pick: fn(&Filter) -> bool| {
        let links = counts
            .iter()
            .filter(|(f, _)| pick(f))
            .map(|(f, count)| FacetLink {
                label: f
                    .label()
                    .map(|l| l.split('：').next_back().unwrap_or(&l).to_string())
                    .unwrap_or_default(),
                count: *count,
                url: link(&from, &f.url()),
                current: f == filter,
            })
            .collect();
        FacetGroup { label, key, links }
    };
    LedgerView {
        filter: filter.label(),
        filter_key: match filter {
            Filter::All => None,
            Filter::Overdue => Some("overdue"),
            Filter::Year(_) => Some("year"),
            Filter::Status(_) => Some("status"),
            Filter::Category(_) => Some("category"),
            Filter::Owner(_) => Some("owner"),
        },
        all_url: link(&from, &Filter::All.url()),
        xlsx_url: link(&from, &super::workbook::workbook_url(None)),
        rows: rows(site, kept.iter().copied(), &from),
        total: kept.len(),
        open: entries().filter(|e| !e.closed).count(),
        overdue: entries().filter(|e| e.overdue).count(),
        status_counts: site.ledger.status_counts(&site.config, entries()),
        facets: vec![
            group("年度", "year", |f| matches!(f, Filter::Year(_))),
            group("整改状态", "status", |f| matches!(f, Filter::Status(_))),
            group("问题类别", "category", |f| {
                matches!(f, Filter::Category(_))
            }),
            group("责任部门", "owner", |f| matches!(f, Filter::Owner(_))),
            group("时限", "overdue", |f| matches!(f, Filter::Overdue)),
        ],
        charts: if *filter == Filter::All {
            charts(site)
        } else {
            Vec::new()
        },
        today: dates::iso(site.ledger.today),
    }
}

/// Status per year, category per year, open against closed per year.
pub fn charts(site: &Site) -> Vec<Chart> {
    let e = &site.ledger.entries;
    let years: Vec<i32> = e
        .iter()
        .map(|e| e.record.year)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let labels: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    let per_year = |pred: &dyn Fn(&Entry) -> bool| -> Vec<usize> {
        years
            .iter()
            .map(|y| e.iter().filter(|e| e.record.year == *y && pred(e)).count())
            .collect()
    };
    let series_of = |words: &[String],
                     colour: &dyn Fn(usize, &str) -> &'static str,
                     field: fn(&Entry) -> &str|
     -> Vec<Series> {
        words
            .iter()
            .enumerate()
            .map(|(i, w)| Series {
                name: w.clone(),
                color: colour(i, w),
                values: per_year(&|e: &Entry| field(e) == w),
            })
            .filter(|s| s.values.iter().any(|v| *v > 0))
            .collect()
    };
    let v = &site.config.vocabularies;
    let chart = |title: &'static str, by: &'static str, series: Vec<Series>| Chart {
        title,
        by,
        svg: stacked_bars(title, &labels, &series),
        table: data_table(title, "年度", &labels, &series),
    };
    vec![
        chart(
            "各年度整改状态",
            "status",
            series_of(
                &v.statuses,
                &|i, w| status_color(w).unwrap_or(PALETTE[i % PALETTE.len()]),
                |e| &e.record.status,
            ),
        ),
        chart(
            "各年度问题类别",
            "category",
            series_of(
                &v.categories,
                &|i, _| CATEGORIES[i % CATEGORIES.len()],
                |e| &e.record.category,
            ),
        ),
        chart(
            "各年度未完成与已完成",
            "closed",
            vec![
                Series {
                    name: "已完成".into(),
                    color: status_color("已完成").unwrap_or(PALETTE[1]),
                    values: per_year(&|e: &Entry| e.closed),
                },
                Series {
                    name: "未完成".into(),
                    color: OPEN,
                    values: per_year(&|e: &Entry| !e.closed && !e.overdue),
                },
                Series {
                    name: "逾期".into(),
                    color: OVERDUE,
                    values: per_year(&|e: &Entry| e.overdue),
                },
            ],
        ),
    ]
}

/// 未完成 (open, not overdue) and 逾期 on the open-against-closed chart: colours no status or
/// category has (逾期 is the theme's red, as its badge).
const OPEN: &str = "#90a4ae";
const OVERDUE: &str = "#a8201a";

/// Colours that say what a status means (grey not started, blue under way, greens done).
fn status_color(status: &str) -> Option<&'static str> {
    Some(match status {
        "未启动" => "#757575",
        "整改中" => "#1f6fb2",
        "基本完成" => "#00838f",
        "已完成" => "#2e7d32",
        "已销号" => "#1b5e20",
        "长期坚持" => "#b8860b",
        _ => return None,
    })
}

/// A record linked from its page.
#[derive(Serialize)]
pub struct RelatedRecord<'a> {
    /// 编号.
    pub id: &'a str,
    /// Its page, relative to the record's page.
    pub url: String,
    /// The 年度 of its ledger.
    pub year: i32,
    /// 问题表现.
    pub problem: &'a str,
    /// 整改状态.
    pub status: &'a str,
    /// Open past its deadline.
    pub overdue: bool,
    /// Similarity in percent, for similar problems.
    pub similarity: Option<u32>,
}

/// One progress entry as the record's page shows it.
#[derive(Serialize)]
pub struct ProgressView<'a> {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// What was done.
    pub note: &'a str,
}

/// A record's page.
#[derive(Serialize)]
pub struct RecordView<'a> {
    /// The fields a ledger row shows.
    pub row: RecordRow<'a>,
    /// 问题来源 as written.
    pub source: Option<&'a str>,
    /// The source document's page, when the source is one.
    pub source_url: Option<String>,
    /// The title of the source document, when the source is one.
    pub source_title: Option<&'a str>,
    /// The year's page.
    pub year_url: String,
    /// The ledger's page.
    pub ledger_url: String,
    /// 整改进展, in date order.
    pub progress: Vec<ProgressView<'a>>,
    /// 实际完成时间, `YYYY-MM-DD`.
    pub completed_on: Option<String>,
    /// 销号时间, `YYYY-MM-DD`.
    pub closed_on: Option<String>,
    /// The same problem in earlier years (its `recurs` chain), oldest first.
    pub earlier: Vec<RelatedRecord<'a>>,
    /// The same problem in later years.
    pub later: Vec<RelatedRecord<'a>>,
    /// Similar problems of other years, most alike first.
    pub similar: Vec<RelatedRecord<'a>>,
    /// The fields kept as written, each under its key (`page.goal`, `page.measures` …): a
    /// field added to the schema reaches the template with no change here.
    #[serde(flatten)]
    pub kept: &'a BTreeMap<&'static str, Value>,
}

/// The page of record `i` of the ledger.
pub fn record<'a>(site: &'a Site, i: usize) -> RecordView<'a> {
    let e = &site.ledger.entries[i];
    let r = &e.record;
    let from = e.url.as_str();
    let related = |j: usize, similarity: Option<f32>| {
        let o = &site.ledger.entries[j];
        RelatedRecord {
            id: &o.record.id,
            url: link(from, &o.url),
            year: o.record.year,
            problem: &o.record.problem,
            status: &o.record.status,
            overdue: o.overdue,
            similarity: similarity.map(|s| (s * 100.0).round() as u32),
        }
    };
    RecordView {
        row: row(e, from),
        source: r.source.as_deref(),
        source_url: e.source_doc.as_ref().map(|(u, _)| link(from, u)),
        source_title: e.source_doc.as_ref().map(|(_, t)| t.as_str()),
        year_url: link(from, &year_url(r.year)),
        ledger_url: link(from, &Filter::All.url()),
        progress: r
            .progress
            .iter()
            .map(|p| ProgressView {
                date: dates::iso(p.date),
                note: &p.note,
            })
            .collect(),
        completed_on: r.completed_on.map(dates::iso),
        closed_on: r.closed_on.map(dates::iso),
        kept: &r.kept,
        earlier: e
            .history
            .earlier
            .iter()
            .map(|&j| related(j, None))
            .collect(),
        later: e.history.later.iter().map(|&j| related(j, None)).collect(),
        similar: e
            .history
            .similar
            .iter()
            .map(|&(j, s)| related(j, Some(s)))
            .collect(),
    }
}
