//! One document file -> [`SourceDoc`]: validated front matter plus the Markdown body.
//!
//! `parse` is pure (path and text in, data or diagnostics out) so tests feed strings;
//! the loader does the reading.

use crate::config::Config;
use crate::content::frontmatter;
use crate::error::{Diagnostic, did_you_mean};
use crate::msg::content as m;
use crate::yaml;
use chrono::NaiveDate;
use serde::Deserialize;
use std::path::Path;

/// The front matter of a document, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    #[serde(rename = "type")]
    doc_type: String,
    date: String,
    year: Option<i32>,
    unit: Option<String>,
    author: Option<String>,
    person: Option<String>,
    meeting: Option<String>,
    doc_number: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    draft: bool,
    slug: Option<String>,
    #[serde(default)]
    weight: i32,
    #[serde(default)]
    attachments: Vec<String>,
}

/// A document as loaded: its metadata checked, its body still Markdown.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceDoc {
    /// Path relative to the site root, for diagnostics.
    pub shown: std::path::PathBuf,
    /// The 年度 (from the year folder).
    pub year: i32,
    /// URL name inside the year folder, without `.html` (may contain `/` for subfolders).
    pub slug: String,
    /// 标题: the document's full title.
    pub title: String,
    /// The canonical type (aliases resolved).
    pub doc_type: String,
    /// 成文日期.
    pub date: NaiveDate,
    /// The unit that issued it (default: the organisation of `annals.yaml`).
    pub unit: String,
    /// The author (of a 发言提纲 or 对照检查材料: the person it is of).
    pub author: Option<String>,
    /// The person a 发言提纲 or 个人对照检查材料 belongs to.
    pub person: Option<String>,
    /// `年度` (default) or `专题·<name>`.
    pub meeting: String,
    /// 发文字号 (`测办〔2026〕5号`).
    pub doc_number: Option<String>,
    /// Free tags.
    pub tags: Vec<String>,
    /// A draft is checked but never published or indexed.
    pub draft: bool,
    /// Order among documents of the same type on the year page (smaller first). Default 0.
    pub weight: i32,
    /// Other files of the document (the signed scan, the Word original), by path from the
    /// document's folder; a file beside it with its name and another extension needs no entry.
    pub attachments: Vec<String>,
    /// The Markdown after the front matter.
    pub body: String,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// The meeting a document belongs to when it does not say.
pub const ANNUAL_MEETING: &str = "年度";

/// Parses a document. `year` is the year folder's number and `stem` the path inside the
/// year folder without `.md`. Returns every problem of the front matter at once.
pub fn parse(
    shown: &Path,
    text: &str,
    year: i32,
    stem: &str,
    config: &Config,
) -> Result<SourceDoc, Vec<Diagnostic>> {
    let split = frontmatter::require(shown, text).map_err(|d| vec![d])?;
    let source = split.source(shown, text);
    let fm: FrontMatter = source.parse().map_err(|d| vec![d])?;
    let mut diags = Vec::new();

    let date = source.date("date", &fm.date).unwrap_or_else(|d| {
        diags.push(d);
        NaiveDate::default()
    });
    let doc_type = match config.canonical_type(fm.doc_type.trim()) {
        Some(t) => t.to_string(),
        None => {
            diags.push(unknown_type(&source, &fm.doc_type, config));
            String::new()
        }
    };
    if let Some(y) = fm.year.filter(|y| *y != year) {
        diags.push(
            source
                .error_on_key("year", m::year_mismatch(y, year))
                .help(m::year_mismatch_help(y, year)),
        );
    }
    // YAML reads `title: null` (or `~`) as the word null: a page titled "null" helps nobody.
    let title = fm.title.trim();
    if title.is_empty() || matches!(title, "null" | "Null" | "NULL" | "~") {
        let what = if title.is_empty() {
            m::title_empty()
        } else {
            m::title_null()
        };
        diags.push(source.error_on_key("title", what).help(m::title_help()));
    }
    let slug = match &fm.slug {
        Some(s) => {
            if let Err(why) = check_slug(s) {
                diags.push(
                    source
                        .error_on_key("slug", m::slug_bad(s, &why))
                        .help(m::slug_bad_help()),
                );
            }
            match stem.rsplit_once('/') {
                Some((dir, _)) => format!("{dir}/{}", s.trim()),
                None => s.trim().to_string(),
            }
        }
        None => stem.to_string(),
    };
    if fm.slug.is_none() && slug.rsplit('/').next() == Some("index") {
        diags.push(Diagnostic::error(shown, m::index_document()).help(m::index_document_help()));
    }
    let meeting = fm
        .meeting
        .map(|m| m.trim().to_string())
        .unwrap_or_else(|| ANNUAL_MEETING.to_string());
    if meeting != ANNUAL_MEETING && !meeting.starts_with("专题") {
        diags.push(
            source
                .error_on_key("meeting", m::meeting_bad(&meeting))
                .help(m::meeting_bad_help()),
        );
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(SourceDoc {
        shown: shown.to_path_buf(),
        year,
        slug,
        title: fm.title.trim().to_string(),
        doc_type,
        date,
        unit: fm.unit.unwrap_or_else(|| config.organisation.clone()),
        author: fm.author,
        person: fm.person,
        meeting,
        doc_number: fm.doc_number,
        tags: fm.tags,
        draft: fm.draft,
        weight: fm.weight,
        attachments: fm.attachments,
        body: split.body.to_string(),
        body_line: split.body_line,
    })
}

fn unknown_type(source: &yaml::Source, given: &str, config: &Config) -> Diagnostic {
    let v = &config.vocabularies;
    let aliases = v.aliases();
    let names = v.types.iter().chain(aliases.keys()).map(String::as_str);
    let list = v.types.join(", ");
    let help = match did_you_mean(given.trim(), names) {
        Some(s) => m::unknown_type_did_you_mean(s, &list),
        None => m::unknown_type_help(&list, given),
    };
    source
        .error_on_key("type", m::unknown_type(given))
        .help(help)
}

/// Why a slug cannot be a file name inside the year folder.
fn check_slug(slug: &str) -> Result<(), String> {
    let s = slug.trim();
    if s.is_empty() {
        Err(m::slug_empty())
    } else if s.contains(['/', '\\']) {
        Err(m::slug_slash())
    } else if s.starts_with('.') {
        Err(m::slug_dot())
    } else if s == "index" {
        Err(m::slug_index())
    } else if s
        .chars()
        .any(|c| c.is_control() || "?#%\"<>|*:".contains(c))
    {
        Err(m::slug_character())
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<SourceDoc, Vec<Diagnostic>> {
        parse(
            Path::new("content/2025/a.md"),
            text,
            2025,
            "a",
            &Config::default(),
        )
    }

    #[test]
    fn valid_document() {
        for null in ["null", "~", "NULL"] {
            let e = parse_str(&format!(
                "---\ntitle: {null}\ntype: 整改方案\ndate: 2026-01-15\n---\n"
            ))
            .unwrap_err();
            assert!(e[0].message.contains("`title` 是 null"), "{}", e[0].message);
        }
        let d = parse_str("---\ntitle: 报告\ntype: 检视剖析材料\ndate: 2026-01-15\n---\n正文\n")
            .unwrap();
        assert_eq!(d.doc_type, "对照检查材料");
        assert_eq!(d.slug, "a");
        assert_eq!(d.body_line, 6);
        assert_eq!(d.meeting, "年度");
    }

    #[test]
    fn every_problem_reported_with_position() {
        let errs =
            parse_str("---\ntitle: 报告\ntype: 召开报告\ndate: 2025-02-30\nyear: 2024\n---\n")
                .unwrap_err();
        let lines: Vec<_> = errs.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![Some(4), Some(3), Some(5)]);
        assert!(errs[1].help.as_deref().unwrap().contains("是不是想写"));
    }

    #[test]
    fn bad_slug() {
        let errs =
            parse_str("---\ntitle: 报告\ntype: 整改方案\ndate: 2026-01-15\nslug: ../x\n---\n")
                .unwrap_err();
        assert!(errs[0].message.contains("含有斜杠"));
    }
}
