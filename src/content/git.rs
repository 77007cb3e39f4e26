//! LOAD (history): each file's revisions from the git log of the repository the site is in.
//!
//! One `git log` for the whole `content/` folder, read once per build. Outside a repository,
//! or without git installed, there is simply no history: nothing is shown, nothing fails. The
//! result depends only on the repository's commits, so output stays deterministic.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One commit that touched a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Revision {
    /// Abbreviated commit id.
    pub id: String,
    /// Who made the commit.
    pub author: String,
    /// `YYYY-MM-DD`, the author date.
    pub date: String,
    /// The commit's first line.
    pub subject: String,
}

/// Revisions of every file under `content/` that git knows, newest first, by path relative to
/// the site root (`content/2025/召开情况报告.md`).
pub fn histories(root: &Path) -> BTreeMap<PathBuf, Vec<Revision>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "core.quotepath=off",
            "log",
            "--relative",
            "--no-renames",
            "--format=%x1e%h%x1f%an%x1f%as%x1f%s",
            "--name-only",
            "--",
            "content",
        ])
        .env("GIT_OPTIONAL_LOCKS", "0")
        .output();
    let Ok(out) = out else { return BTreeMap::new() };
    if !out.status.success() {
        return BTreeMap::new();
    }
    parse(&String::from_utf8_lossy(&out.stdout))
}

/// Parses `git log` output in the format above.
pub fn parse(log: &str) -> BTreeMap<PathBuf, Vec<Revision>> {
    let mut files: BTreeMap<PathBuf, Vec<Revision>> = BTreeMap::new();
    for record in log.split('\u{1e}').filter(|r| !r.trim().is_empty()) {
        let mut lines = record.lines();
        let head: Vec<&str> = lines.next().unwrap_or("").split('\u{1f}').collect();
        let [id, author, date, subject] = head[..] else {
            continue;
        };
        let rev = Revision {
            id: id.into(),
            author: author.into(),
            date: date.into(),
            subject: subject.into(),
        };
        for path in lines.map(str::trim).filter(|l| !l.is_empty()) {
            files
                .entry(PathBuf::from(path))
                .or_default()
                .push(rev.clone());
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_by_file() {
        let log = "\u{1e}b2\u{1f}李华\u{1f}2026-02-01\u{1f}修改报告\n\ncontent/2025/a.md\n\u{1e}a1\u{1f}王明\u{1f}2026-01-20\u{1f}首次提交\n\ncontent/2025/a.md\ncontent/2025/b.md\n";
        let h = parse(log);
        assert_eq!(
            h[Path::new("content/2025/a.md")]
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            ["b2", "a1"]
        );
        assert_eq!(h[Path::new("content/2025/b.md")][0].subject, "首次提交");
    }
}
