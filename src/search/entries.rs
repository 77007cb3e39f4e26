//! INDEX: what is indexed, from the model: one [`Entry`] per year page, published document and
//! ledger record, with its text normalised (see [`crate::text::normalize`]). The server's
//! index ([`super::index`]) and the static bundle ([`super::bundle`]) are both made from these
//! entries, so they hold the same texts.

use crate::ledger::Value;
use crate::markdown;
use crate::model::{Document, Site};
use crate::text::normalize;
use rayon::prelude::*;

/// A headed section of a document's text, by character range.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SectionSpan {
    /// The heading's anchor.
    pub id: String,
    /// The heading's text.
    pub heading: String,
    /// First character of the section in the stored text.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
}

/// One thing a search can find.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// document, record or year.
    pub kind: &'static str,
    /// The page, site-relative.
    pub url: String,
    /// The title (a record's: its id and problem).
    pub title: String,
    /// The searched text, normalised.
    pub text: String,
    /// The 年度.
    pub year: i32,
    /// The date hits sort by.
    pub date: chrono::NaiveDate,
    /// The document type, or 整改台账 / 年度.
    pub doc_type: String,
    /// The unit (a record's: its 责任部门).
    pub unit: String,
    /// A record's category.
    pub category: String,
    /// A record's status.
    pub status: String,
    /// For a document: where its sections are in `text`.
    pub outline: Vec<SectionSpan>,
    /// The date a hit shows and what it is: 成文日期 of a document, 完成时限 of a record as
    /// written (`6月底前`, `长期坚持`), 召开日期 of a year; empty label when there is none.
    pub date_label: &'static str,
    /// The date as shown.
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
    // Every field the record's page shows as text, in the schema's order. A document source
    // shows that document's title, which is the document's own text, not the record's; a
    // channel (征求意见) is shown as written.
    let mut text = Vec::new();
    for (field, value) in r.written() {
        match value {
            _ if !field.searched => {}
            Value::Text(t) if field.key == "source" && t.ends_with(".md") => {}
            Value::Text(t) => text.push(t),
            Value::List(l) => text.extend(l),
            Value::Dated(d) => text.extend(d.into_iter().map(|p| p.note)),
        }
    }
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
        unit: r.text("owner").unwrap_or_default().to_string(),
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
