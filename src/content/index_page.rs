//! `_index.md` files: the home page text and each year's meeting (date, theme, summary).
//! Front matter is optional here; without it the whole file is the body.

use crate::content::frontmatter;
use crate::error::Diagnostic;
use chrono::NaiveDate;
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndexMatter {
    title: Option<String>,
    date: Option<String>,
    theme: Option<String>,
    location: Option<String>,
    summary: Option<String>,
}

/// A home or year `_index.md`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexPage {
    /// The page title; for a year, the meeting's name. Default: derived from the year.
    pub title: Option<String>,
    /// For a year: the date the 年度 meeting was held.
    pub date: Option<NaiveDate>,
    /// For a year: the meeting's theme (主题).
    pub theme: Option<String>,
    /// For a year: where the meeting was held.
    pub location: Option<String>,
    /// A one-paragraph summary shown on the timeline.
    pub summary: Option<String>,
    /// The Markdown text.
    pub body: String,
}

/// Parses an `_index.md` text.
pub fn parse(shown: &Path, text: &str) -> Result<IndexPage, Vec<Diagnostic>> {
    let Some(split) = frontmatter::split(shown, text).map_err(|d| vec![d])? else {
        return Ok(IndexPage {
            body: text.to_string(),
            ..IndexPage::default()
        });
    };
    let source = split.source(shown, text);
    let m: IndexMatter = source.parse().map_err(|d| vec![d])?;
    let date = match m.date.as_deref() {
        Some(t) => Some(source.date("date", t).map_err(|d| vec![d])?),
        None => None,
    };
    Ok(IndexPage {
        title: m.title,
        date,
        theme: m.theme,
        location: m.location,
        summary: m.summary,
        body: split.body.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_and_without_front_matter() {
        let p = parse(
            Path::new("_index.md"),
            "---\ndate: 2026-01-20\ntheme: 主题\n---\n正文",
        )
        .unwrap();
        assert_eq!(p.theme.as_deref(), Some("主题"));
        assert_eq!(p.body, "正文");
        assert_eq!(
            parse(Path::new("_index.md"), "只有正文").unwrap().body,
            "只有正文"
        );
        let e = parse(Path::new("_index.md"), "---\ndate: 2026-02-30\n---\n").unwrap_err();
        assert_eq!(e[0].line, Some(2));
    }
}
