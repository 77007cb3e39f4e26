//! ASSEMBLE: the files of the archive that are not Markdown, given to the pages that list
//! them. A document's originals (原件/附件) are the files beside it with its name and another
//! extension (`召开情况报告.pdf` beside `召开情况报告.md`) and those its front matter lists
//! under `attachments:`; every other file of a year folder is listed on the year's page.
//! Images are not listed: a page that shows one links it already.

use crate::content::Asset;
use crate::content::document::SourceDoc;
use crate::error::Diagnostic;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// A file a page lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLink {
    /// Site-relative path (not percent-encoded).
    pub url: String,
    /// The file's name.
    pub name: String,
    /// What it is, as a clerk calls it (PDF, Word, OFD …).
    pub kind: &'static str,
    /// Its size in bytes.
    pub size: usize,
    /// Whether the browser opens it itself (a PDF, a text); otherwise it is offered for
    /// download (Word, WPS, OFD, a spreadsheet).
    pub opens_in_browser: bool,
}

/// Extensions of the images a page shows instead of listing.
const IMAGES: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp", "bmp"];

/// What a file is, by extension, and whether a browser opens it.
pub fn kind_of(name: &str) -> (&'static str, bool) {
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => ("PDF", true),
        "ofd" => ("OFD", false),
        "doc" | "docx" => ("Word", false),
        "wps" => ("WPS", false),
        "xls" | "xlsx" | "et" => ("Excel", false),
        "txt" => ("文本", true),
        "zip" | "rar" | "7z" => ("压缩包", false),
        e if IMAGES.contains(&e) => ("图片", true),
        _ => ("文件", false),
    }
}

fn link(asset: &Asset) -> FileLink {
    let url = asset.rel.to_string_lossy().replace('\\', "/");
    let name = url.rsplit('/').next().unwrap_or(&url).to_string();
    let (kind, opens_in_browser) = kind_of(&name);
    FileLink {
        url,
        name,
        kind,
        size: asset.bytes.len(),
        opens_in_browser,
    }
}

fn is_image(asset: &Asset) -> bool {
    kind_of(&asset.rel.to_string_lossy()).0 == "图片"
}

/// The document's path without `.md`, as an asset's `rel` would start (`2025/召开情况报告`).
fn base(doc: &SourceDoc) -> PathBuf {
    let rel = doc.shown.strip_prefix("content").unwrap_or(&doc.shown);
    rel.with_extension("")
}

/// `entry` of a document's `attachments:` as a site path, if it stays inside the site.
fn resolve(doc: &SourceDoc, entry: &str) -> Option<PathBuf> {
    let folder = base(doc)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut out = folder;
    for c in Path::new(entry.trim()).components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop().then_some(())?;
            }
            _ => return None,
        }
    }
    Some(out)
}

/// A document's originals; an `attachments:` entry that names no file of the site is an error.
pub fn originals(doc: &SourceDoc, assets: &[Asset], diags: &mut Vec<Diagnostic>) -> Vec<FileLink> {
    let base = base(doc);
    let mut found: Vec<FileLink> = assets
        .iter()
        .filter(|a| a.rel.with_extension("") == base && !is_image(a))
        .map(link)
        .collect();
    for entry in &doc.attachments {
        match resolve(doc, entry).and_then(|p| assets.iter().find(|a| a.rel == p)) {
            Some(a) if !found.iter().any(|f| Path::new(&f.url) == a.rel) => found.push(link(a)),
            Some(_) => {}
            None => diags.push(
                Diagnostic::error(&doc.shown, crate::msg::ledger::attachment_missing(entry))
                    .help(crate::msg::ledger::attachment_missing_help()),
            ),
        }
    }
    found
}

/// The files of year `year` no document claims, images left out.
pub fn year_files(year: i32, assets: &[Asset], claimed: &BTreeSet<String>) -> Vec<FileLink> {
    let folder = PathBuf::from(year.to_string());
    assets
        .iter()
        .filter(|a| a.rel.starts_with(&folder) && !is_image(a))
        .map(link)
        .filter(|f| !claimed.contains(&f.url))
        .collect()
}

/// The files no page lists: outside every year folder, and not images.
pub fn unlisted<'a>(assets: &'a [Asset], years: &[i32]) -> Vec<&'a Asset> {
    assets
        .iter()
        .filter(|a| !is_image(a))
        .filter(|a| !years.iter().any(|y| a.rel.starts_with(y.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(rel: &str) -> Asset {
        Asset {
            rel: rel.into(),
            bytes: vec![0; 10],
        }
    }

    #[test]
    fn originals_by_name_and_by_list() {
        let doc = SourceDoc {
            shown: "content/2025/召开情况报告.md".into(),
            attachments: vec!["附件/议程.ofd".into(), "../2024/无.pdf".into()],
            ..SourceDoc::default()
        };
        let assets = [
            asset("2025/召开情况报告.pdf"),
            asset("2025/召开情况报告.png"),
            asset("2025/附件/议程.ofd"),
            asset("2025/其他.docx"),
        ];
        let mut diags = Vec::new();
        let found = originals(&doc, &assets, &mut diags);
        let names: Vec<_> = found
            .iter()
            .map(|f| (f.name.as_str(), f.kind, f.opens_in_browser))
            .collect();
        assert_eq!(
            names,
            [
                ("召开情况报告.pdf", "PDF", true),
                ("议程.ofd", "OFD", false)
            ]
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].message.contains("../2024/无.pdf"));
        let claimed = found.iter().map(|f| f.url.clone()).collect();
        let rest: Vec<_> = year_files(2025, &assets, &claimed)
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(rest, ["其他.docx"]);
    }
}
