//! The sorted walk of `content/`: which file is what (home text, year text, document, ledger,
//! attachment), decided by where it sits. Nothing is read here.

use crate::error::Diagnostic;
use crate::msg::content as m;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What a file under `content/` is, by its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `content/_index.md`: the home page text.
    HomeIndex,
    /// `content/YEAR/_index.md`: the year's meeting.
    YearIndex(i32),
    /// `content/YEAR/**/NAME.md`: a document.
    Document {
        /// The year folder it is in.
        year: i32,
        /// Its path in the year folder, without `.md`.
        stem: String,
    },
    /// `content/YEAR/rectifications.{yaml,csv,xlsx}`: the year's ledger.
    Ledger(i32),
    /// Any other file: copied to the same place in the output.
    Asset,
}

/// A file found by the walk.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The real path on disk.
    pub path: PathBuf,
    /// The path relative to the site root, as diagnostics show it.
    pub shown: PathBuf,
    /// The path relative to `content/`, which is also where an asset goes in the output.
    pub rel: PathBuf,
    /// What the file is.
    pub kind: Kind,
}

/// The ledger file names a year folder may hold.
pub const LEDGER_FILES: &[&str] = &[
    "rectifications.yaml",
    "rectifications.yml",
    "rectifications.csv",
    "rectifications.xlsx",
];

/// The 年度 an archive may hold: one rule for the year folders `build` reads and the ones
/// `new` and `import` make.
pub const YEARS: std::ops::RangeInclusive<i32> = 1949..=2200;

/// Parses a year folder name: four digits in [`YEARS`].
pub fn year_of(name: &str) -> Option<i32> {
    (name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()))
        .then(|| name.parse().ok())
        .flatten()
        .filter(|y| YEARS.contains(y))
}

/// Why `year` cannot be a year folder, if it cannot.
pub fn check_year(year: i32) -> Result<(), String> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err(crate::msg::commands::year_out_of_range(
            year,
            *YEARS.start(),
            *YEARS.end(),
        ))
    }
}

/// Hidden files and editors' leftovers (`.x.md.swp`, `a.md~`, `#a.md#`, `a.md.bak`,
/// `a.md.orig`): never published. A leftover holds an older text of a document, which may be
/// exactly what was taken out of it before publishing.
fn is_hidden(name: &str) -> bool {
    const LEFTOVERS: &[&str] = &[".bak", ".orig", ".rej", ".swp", ".swo", ".tmp", ".old"];
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || LEFTOVERS.iter().any(|ext| lower.ends_with(ext))
}

/// Walks `content/` under `root` in name order (so every later stage sees a stable order),
/// following symbolic links that stay inside the site and reporting loops. A link out of the
/// site is refused by its name, never read (a pushed link to /etc/passwd must not be
/// published, nor its first line shown in an error); FIFOs, devices and sockets are skipped
/// (a FIFO would hang the build, /dev/zero fill the memory).
pub fn discover(root: &Path) -> (Vec<Entry>, Vec<Diagnostic>) {
    let content = root.join("content");
    let site = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut entries = Vec::new();
    let mut diags = Vec::new();
    let mut walk = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(item) = walk.next() {
        let item = match item {
            Ok(item) => item,
            Err(e) => {
                diags.push(walk_error(root, &e));
                continue;
            }
        };
        let rel = item
            .path()
            .strip_prefix(&content)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let shown = Path::new("content").join(&rel);
        let parts = names(&rel);
        if parts.is_empty() {
            continue;
        }
        if parts.iter().any(|p| is_hidden(p)) {
            if item.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        if item.path_is_symlink() && !inside(&site, item.path()) {
            diags.push(link_out_of_site(&shown));
            if item.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        if !item.file_type().is_dir() && !item.file_type().is_file() {
            diags.push(
                Diagnostic::warning(&shown, m::special_file())
                    .help(m::special_file_help())
                    .code("special-file"),
            );
            continue;
        }
        let year = year_of(&parts[0]);
        if item.file_type().is_dir() {
            if parts.len() == 1 && year.is_none() {
                diags.push(
                    Diagnostic::error(&shown, m::not_a_year_folder(&parts[0]))
                        .help(m::not_a_year_folder_help()),
                );
                walk.skip_current_dir();
            }
            continue;
        }
        let Some(kind) = classify(&parts) else {
            diags.push(Diagnostic::error(&shown, m::outside_year()).help(m::outside_year_help()));
            continue;
        };
        entries.push(Entry {
            path: item.path().to_path_buf(),
            shown,
            rel,
            kind,
        });
    }
    (entries, diags)
}

/// Whether `path`, with every link resolved, lies inside the site folder `site` (real path).
fn inside(site: &Path, path: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|real| real.starts_with(site))
}

fn link_out_of_site(shown: &Path) -> Diagnostic {
    Diagnostic::error(shown, m::link_outside())
        .help(m::link_outside_help())
        .code("link-outside")
}

/// The names of a path below content/, one a part.
fn names(rel: &Path) -> Vec<String> {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect()
}

/// What the file at `parts` (its path below content/, one name a part) is, by its place;
/// `None` for a document outside a year folder.
fn classify(parts: &[String]) -> Option<Kind> {
    let name = parts[parts.len() - 1].as_str();
    let is_md = Path::new(name)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md"));
    Some(match (year_of(&parts[0]), parts.len()) {
        (None, 1) if name == "_index.md" => Kind::HomeIndex,
        (None, _) if is_md => return None,
        (Some(y), 2) if name == "_index.md" => Kind::YearIndex(y),
        (Some(y), 2) if LEDGER_FILES.contains(&name) => Kind::Ledger(y),
        (Some(y), _) if is_md => {
            let inner = parts[1..].join("/");
            Kind::Document {
                year: y,
                stem: inner[..inner.len() - 3].to_string(),
            }
        }
        _ => Kind::Asset,
    })
}

/// The entry of one file of `content/` under `root`, as the walk would list it; `None` when
/// the file is not there, is hidden, or is not below a year folder's place for it.
pub fn entry(root: &Path, path: &Path) -> Option<Entry> {
    let content = root.join("content");
    let rel = path.strip_prefix(&content).ok()?.to_path_buf();
    let parts = names(&rel);
    if parts.is_empty() || parts.iter().any(|p| is_hidden(p)) || !path.is_file() {
        return None;
    }
    let site = std::fs::canonicalize(root).ok()?;
    if !inside(&site, path) {
        return None;
    }
    Some(Entry {
        path: path.to_path_buf(),
        shown: Path::new("content").join(&rel),
        kind: classify(&parts)?,
        rel,
    })
}

fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let shown = e
        .path()
        .map(|p| crate::fsx::relative(root, p))
        .unwrap_or_else(|| PathBuf::from("content"));
    if let Some(ancestor) = e.loop_ancestor() {
        let target = crate::fsx::relative(root, ancestor).display().to_string();
        return Diagnostic::error(&shown, m::link_loop(&target)).help(m::link_loop_help());
    }
    match e.io_error() {
        Some(io) => crate::fsx::io_diagnostic(&shown, &crate::msg::files::act_read_entry(), io),
        None => Diagnostic::error(&shown, m::walk_failed(&e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_leftovers_are_hidden() {
        for name in [
            "a.md.bak",
            "a.md.orig",
            "#a.md#",
            "a.md~",
            ".a.md.swp",
            "A.MD.BAK",
        ] {
            assert!(is_hidden(name), "{name}");
        }
        for name in ["a.md", "议程.pdf", "附件.txt", "rectifications.yaml"] {
            assert!(!is_hidden(name), "{name}");
        }
    }

    #[test]
    fn year_names() {
        assert_eq!(year_of("2025"), Some(2025));
        assert_eq!(year_of("20x5"), None);
        assert_eq!(year_of("12345"), None);
    }
}
