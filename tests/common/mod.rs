//! The test harness: copy a fixture site into a temporary folder, run the real `annals`
//! binary on it, and read what it wrote.
#![allow(dead_code)]

pub mod http;
pub mod webdriver;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use walkdir::WalkDir;

/// Whether `git` can run here. Without it the git tests skip on a developer's machine and
/// fail under CI (`CI` set), where git is always present.
pub fn have_git() -> bool {
    let ok = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "the git tests need git");
        eprintln!("SKIPPED: git is not installed");
    }
    ok
}

/// A site in a temporary folder.
pub struct Site {
    pub dir: tempfile::TempDir,
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies every file below `from` into `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for e in WalkDir::new(from).sort_by_file_name() {
        let e = e.expect("fixture walk");
        let rel = e.path().strip_prefix(from).expect("below fixture");
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).expect("create fixture dir");
        } else {
            fs::copy(e.path(), &dest).expect("copy fixture file");
        }
    }
}

impl Site {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&fixtures().join(name), dir.path());
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes a file of the site (creating folders).
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
    }

    /// Runs `annals ARGS --root ROOT`.
    pub fn annals(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_annals"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .output()
            .expect("run annals")
    }

    /// Builds and asserts success.
    pub fn build(&self) -> Output {
        let out = self.annals(&["build"]);
        assert!(out.status.success(), "build failed:\n{}", stderr(&out));
        out
    }

    /// Builds and asserts failure with exit code 1; returns stderr.
    pub fn build_fails(&self) -> String {
        let out = self.annals(&["build"]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "expected exit 1, stderr:\n{}",
            stderr(&out)
        );
        stderr(&out)
    }

    /// A built page's text.
    pub fn page(&self, rel: &str) -> String {
        fs::read_to_string(self.public().join(rel))
            .unwrap_or_else(|e| panic!("read public/{rel}: {e}"))
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file below `dir` with its bytes, by relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("below")
                .to_string_lossy()
                .into_owned();
            (rel, fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// The `<main>` region of a page.
pub fn main_region(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>") + "</main>".len();
    &html[start..end]
}

/// Values of every `href` and `src` attribute, entities decoded.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').expect("closing quote");
            out.push(
                rest[..end]
                    .replace("&amp;", "&")
                    .replace("&#39;", "'")
                    .replace("&quot;", "\""),
            );
            rest = &rest[end..];
        }
    }
    out
}

/// The `id` attributes of a page.
pub fn ids(html: &str) -> Vec<String> {
    html.split(" id=\"")
        .skip(1)
        .map(|s| s[..s.find('"').expect("quote")].to_string())
        .collect()
}

/// Resolves a relative link of the page at `page` (site-relative) to a site-relative path
/// and fragment; `None` for a link that leaves the site.
pub fn resolve(page: &str, link: &str) -> Option<(String, Option<String>)> {
    if link.contains("://")
        || link.starts_with("//")
        || link.starts_with('/')
        || link.starts_with("mailto:")
    {
        return None;
    }
    let (path, frag) = match link.split_once('#') {
        Some((p, f)) => (
            p,
            Some(
                percent_encoding::percent_decode_str(f)
                    .decode_utf8()
                    .expect("utf8 fragment")
                    .into_owned(),
            ),
        ),
        None => (link, None),
    };
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .expect("utf8 link")
        .into_owned();
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    if path.is_empty() {
        return Some((page.to_string(), frag));
    }
    for seg in path.split('/') {
        match seg {
            ".." => {
                parts.pop().expect("link climbs above the site root");
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    Some((parts.join("/"), frag))
}
