//! RENDER: a year's documents as one printable booklet (年度汇编), `YYYY/汇编.html`: a cover
//! (organisation, 年度, meeting date), a contents list, every published document in the year
//! page's order, each starting on a new printed page, and the year's ledger as a table at the
//! end. Printed from the browser it follows GB/T 9704 as the document pages do (A4, 仿宋 16pt,
//! page numbers where Chromium draws `@page` margin boxes); it needs no server.

use super::ledger_view::{RecordRow, rows};
use super::links::{link, year_url};
use crate::dates;
use crate::model::Site;
use serde::Serialize;

/// The site path of year `year`'s booklet.
pub fn booklet_url(year: i32) -> String {
    format!("{year}/汇编.html")
}

/// One document in the booklet.
#[derive(Serialize)]
pub struct BookletDoc<'a> {
    /// Its anchor in the booklet (`d1`, `d2` …).
    pub anchor: String,
    /// 标题.
    pub title: &'a str,
    /// The document type.
    pub doc_type: &'a str,
    /// 发文字号.
    pub doc_number: Option<&'a str>,
    /// The person a 发言提纲 or 对照检查材料 is of.
    pub person: Option<&'a str>,
    /// The unit that issued it, for the signature.
    pub unit: &'a str,
    /// 成文日期, `YYYY-MM-DD`.
    pub date: String,
    /// The body, rendered, its anchors made the booklet's own.
    pub html: String,
}

/// The booklet page's values.
#[derive(Serialize)]
pub struct BookletView<'a> {
    /// The 年度.
    pub year: i32,
    /// The organisation, for the cover.
    pub organisation: &'a str,
    /// The year's meeting name.
    pub meeting: &'a str,
    /// The meeting's date in Chinese form.
    pub meeting_date: Option<String>,
    /// The year's page.
    pub year_url: String,
    /// The documents, in the year page's order.
    pub documents: Vec<BookletDoc<'a>>,
    /// The year's ledger records.
    pub records: Vec<RecordRow<'a>>,
}

/// Gives a body's anchors (headings, footnotes) and the links to them the prefix `prefix`,
/// so the anchors of one document never clash with another's in the same page.
///
/// One pass with memchr's searchers: `str::replace` twice over every document of every
/// booklet was 1% of a 10k build's CPU.
fn own_anchors(html: &str, prefix: &str) -> String {
    let bytes = html.as_bytes();
    let ids = memchr::memmem::find_iter(bytes, " id=\"").map(|i| i + " id=\"".len());
    let links = memchr::memmem::find_iter(bytes, "href=\"#").map(|i| i + "href=\"#".len());
    let mut at: Vec<usize> = ids.chain(links).collect();
    at.sort_unstable();
    let mut out = String::with_capacity(html.len() + at.len() * prefix.len());
    let mut done = 0;
    for i in at {
        out.push_str(&html[done..i]);
        out.push_str(prefix);
        done = i;
    }
    out.push_str(&html[done..]);
    out
}

/// The booklet of `site.years[i]`; `kept` has the HTML of those documents whose pages were
/// rendered already (see `kept`), the others are rendered here.
pub fn booklet(site: &Site, i: usize, mut kept: Vec<Option<String>>) -> BookletView<'_> {
    let y = &site.years[i];
    let from = booklet_url(y.year);
    BookletView {
        year: y.year,
        organisation: &site.config.organisation,
        meeting: &y.title,
        meeting_date: y.meeting_date.map(dates::chinese),
        year_url: link(&from, &year_url(y.year)),
        documents: y
            .documents
            .iter()
            .enumerate()
            .map(|(n, d)| {
                let s = &d.source;
                let anchor = format!("d{}", n + 1);
                BookletDoc {
                    html: own_anchors(
                        &kept
                            .get_mut(n)
                            .and_then(Option::take)
                            .unwrap_or_else(|| d.render().html),
                        &format!("{anchor}-"),
                    ),
                    anchor,
                    title: &s.title,
                    doc_type: &s.doc_type,
                    doc_number: s.doc_number.as_deref(),
                    person: s.person.as_deref(),
                    unit: &s.unit,
                    date: dates::iso(s.date),
                }
            })
            .collect(),
        records: rows(site, y.records.iter().copied(), &from),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn anchors_and_links_to_them_are_prefixed() {
        assert_eq!(
            super::own_anchors(
                "<h2 id=\"一-问题\">一</h2><a href=\"#一-问题\">见</a><a href=\"x.html#a\">",
                "d2-"
            ),
            "<h2 id=\"d2-一-问题\">一</h2><a href=\"#d2-一-问题\">见</a><a href=\"x.html#a\">"
        );
        // Footnotes, an anchor before its link and after it, and nothing to prefix.
        assert_eq!(
            super::own_anchors(
                "<sup><a href=\"#1\">1</a></sup><p>id=\"x\"</p><div class=\"f\" id=\"1\"><a href=\"#1\">",
                "d1-"
            ),
            "<sup><a href=\"#d1-1\">1</a></sup><p>id=\"x\"</p><div class=\"f\" id=\"d1-1\"><a href=\"#d1-1\">"
        );
        assert_eq!(super::own_anchors("", "d1-"), "");
        assert_eq!(super::own_anchors("纯文字", "d1-"), "纯文字");
    }
}
