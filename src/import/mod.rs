//! IMPORT: files as offices have them -> the archive's Markdown and YAML, in the right place.
//!
//! - PDF-extracted text (`.txt`): [`text`]; a PDF with a text layer (`.pdf`): [`pdf`], then
//!   [`text`]
//! - Word (`.docx`): [`docx`]
//! - a ledger table (`.csv`, `.xlsx`) -> `content/YEAR/rectifications.yaml`
//!
//! Nothing is overwritten without `--force`. What is written passes `annals check` but for
//! the placeholders the source really has.

pub mod docx;
pub mod pdf;
pub mod text;

use crate::config::Config;
use crate::error::{Diagnostic, Failure};
use crate::fsx;
use crate::ledger;
use crate::msg::commands as m;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What to import and where.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The file to import (`.pdf`, `.txt`, `.docx`, `.csv`, `.xlsx`).
    pub file: PathBuf,
    /// The 年度 it belongs to (default: read from the text).
    pub year: Option<i32>,
    /// The document type (default: read from the title).
    pub doc_type: Option<String>,
    /// Overwrite a file that exists.
    pub force: bool,
}

/// Imports a file into the archive under `root`; returns the file written (site-relative).
pub fn import(root: &Path, opts: &ImportOptions) -> Result<PathBuf, Failure> {
    let config = Config::load(root)?;
    let shown = opts.file.clone();
    let bytes = fsx::read(&opts.file, &shown)?;
    let ext = opts
        .file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (rel, out) = match ext.as_str() {
        "csv" | "xlsx" => import_ledger(&shown, &ext, &bytes, opts, &config)?,
        "docx" => {
            let (title, body) = docx::import(&bytes).map_err(|e| {
                Diagnostic::error(&shown, m::word_unreadable(&e.to_string()))
                    .help(m::word_unreadable_help())
            })?;
            let date = body.lines().flat_map(text::dates_in).last();
            document(&shown, &title, year_of(&title), date, &body, opts, &config)?
        }
        "pdf" => {
            let text = pdf::text(&bytes).map_err(|e| match e {
                pdf::Unreadable::NoText => {
                    Diagnostic::error(&shown, m::pdf_scan()).help(m::pdf_scan_help())
                }
                pdf::Unreadable::Broken(why) => Diagnostic::error(&shown, m::pdf_unreadable(&why))
                    .help(m::pdf_unreadable_help()),
            })?;
            let i = text::import(&text);
            document(&shown, &i.title, i.year, i.date, &i.body, opts, &config)?
        }
        "doc" | "wps" => {
            return Err(Diagnostic::error(&shown, m::old_word(&ext))
                .help(m::old_word_help())
                .into());
        }
        "txt" | "text" | "" => {
            let text = decode_any(&bytes);
            let i = text::import(&text);
            document(&shown, &i.title, i.year, i.date, &i.body, opts, &config)?
        }
        other => {
            return Err(Diagnostic::error(&shown, m::import_kind(other))
                .help(m::import_kind_help())
                .into());
        }
    };
    let target = root.join(&rel);
    if target.exists() && !opts.force {
        return Err(Diagnostic::error(&rel, m::import_exists())
            .help(m::import_exists_help())
            .into());
    }
    fsx::write(&target, out.as_bytes())?;
    Ok(rel)
}

/// Text as UTF-8, or as GB18030 when it is not: an import converts what offices have.
fn decode_any(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

use text::year_of;

/// The type a title names, by the usual words of each document.
fn type_of(title: &str) -> &'static str {
    [
        ("召开情况", "召开情况报告"),
        ("对照检查", "对照检查材料"),
        ("检视剖析", "对照检查材料"),
        ("发言提纲", "发言提纲"),
        ("整改方案", "整改方案"),
        ("整改落实", "整改落实情况报告"),
        ("征求意见", "征求意见情况"),
    ]
    .iter()
    .find(|(w, _)| title.contains(w))
    .map_or("其他", |(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn issue_14_titles_make_safe_names() {
        assert_eq!(file_name("../2024/整改方案"), "2024-整改方案");
        assert_eq!(file_name("../../X"), "X");
        assert_eq!(file_name(".隐藏"), "隐藏");
        assert_eq!(file_name("a:b*c?\"d<e>f|g\\h"), "a-b-c--d-e-f-g-h");
        assert_eq!(file_name("_index"), "文档-_index");
        assert_eq!(file_name("rectifications"), "文档-rectifications");
        assert_eq!(file_name("..."), "文档");
        assert_eq!(file_name(&"长".repeat(300)).chars().count(), 60);
    }
}

#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    #[serde(rename = "type")]
    doc_type: &'a str,
    date: String,
}

fn document(
    shown: &Path,
    title: &str,
    year: Option<i32>,
    date: Option<chrono::NaiveDate>,
    body: &str,
    opts: &ImportOptions,
    config: &Config,
) -> Result<(PathBuf, String), Failure> {
    let year = opts
        .year
        .or(year)
        .ok_or_else(|| Diagnostic::error(shown, m::year_from_title()).help(m::pass_year_help()))?;
    let wanted = opts
        .doc_type
        .clone()
        .unwrap_or_else(|| type_of(title).to_string());
    let doc_type = config.canonical_type(&wanted).ok_or_else(|| {
        Diagnostic::error(shown, m::import_type(&wanted))
            .help(m::import_type_help(&config.vocabularies.types.join(", ")))
    })?;
    let (date, note) = match date {
        Some(d) => (crate::dates::iso(d), ""),
        None => (
            format!("{}-01-31", year + 1),
            "# 原文未写成文日期：请核对上面的 date\n",
        ),
    };
    let fm = serde_yaml_ng::to_string(&FrontMatter {
        title,
        doc_type,
        date,
    })
    .expect("front matter serialises");
    let name = if doc_type == "其他" {
        file_name(title)
    } else {
        doc_type.to_string()
    };
    Ok((
        document_path(shown, year, &name)?,
        format!("---\n{fm}{note}---\n{body}"),
    ))
}

/// `content/YEAR/NAME.md`, refusing a year build would refuse and any name that would not lie
/// directly in the year folder.
fn document_path(shown: &Path, year: i32, name: &str) -> Result<PathBuf, Failure> {
    crate::content::discover::check_year(year)
        .map_err(|why| Diagnostic::error(shown, why).help(m::pass_year_range_help()))?;
    let folder = Path::new("content").join(year.to_string());
    let rel = folder.join(format!("{name}.md"));
    if rel.parent() != Some(folder.as_path()) {
        return Err(Diagnostic::error(shown, m::file_name_from(name)).into());
    }
    Ok(rel)
}

/// A file name made from a document's title: no path separators or characters Windows
/// refuses, no leading dot (a hidden file the build would skip), at most 60 characters (the
/// archive is copied to shares with short path limits), never a name annals reserves.
pub fn file_name(title: &str) -> String {
    let mut name: String = title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .collect();
    while name.contains("..") {
        name = name.replace("..", ".");
    }
    let name: String = name
        .trim_matches(|c: char| c == '.' || c == '-' || c == '#' || c.is_whitespace())
        .chars()
        .take(60)
        .collect();
    let name = name.trim_end_matches(['.', ' ']).to_string();
    let lower = name.to_lowercase();
    if name.is_empty() {
        "文档".into()
    } else if lower == "_index" || lower.starts_with("rectifications") {
        format!("文档-{name}")
    } else {
        name
    }
}

fn import_ledger(
    shown: &Path,
    ext: &str,
    bytes: &[u8],
    opts: &ImportOptions,
    config: &Config,
) -> Result<(PathBuf, String), Failure> {
    let raws = if ext == "xlsx" {
        ledger::from_xlsx::parse_xlsx(shown, bytes)
    } else {
        ledger::from_table::parse_csv(shown, &decode_any(bytes))
    }
    .map_err(Failure)?;
    let year = opts
        .year
        .or_else(|| {
            raws.iter().find_map(|r| {
                r.values
                    .get("id")
                    .and_then(|id| id.get(..4))
                    .and_then(|y| y.parse().ok())
            })
        })
        .ok_or_else(|| Diagnostic::error(shown, m::year_from_ids()).help(m::pass_year_help()))?;
    let mut records = Vec::new();
    let mut diags = Vec::new();
    for raw in raws {
        match ledger::validate(raw, year, config) {
            Ok(r) => records.push(r),
            Err(d) => diags.extend(d),
        }
    }
    if !diags.is_empty() {
        return Err(Failure(diags));
    }
    let yaml = ledger::to_yaml::to_yaml(&records);
    crate::content::discover::check_year(year)
        .map_err(|why| Diagnostic::error(shown, why).help(m::pass_year_range_help()))?;
    let rel = Path::new("content")
        .join(year.to_string())
        .join("rectifications.yaml");
    Ok((rel, format!("# 由 {} 导入\n{yaml}", shown.display())))
}
