//! Document pages show their file's revisions from git; outside a repository nothing shows
//! and nothing fails.

use crate::common::*;
use std::process::Command;

fn git(site: &Site, args: &[&str], date: &str) {
    let ok = Command::new("git")
        .current_dir(site.root())
        .args(args)
        .env("GIT_AUTHOR_NAME", "王明")
        .env("GIT_AUTHOR_EMAIL", "wm@example.invalid")
        .env("GIT_COMMITTER_NAME", "王明")
        .env("GIT_COMMITTER_EMAIL", "wm@example.invalid")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .status()
        .expect("git runs");
    assert!(ok.success(), "git {args:?}");
}

#[test]
fn revisions_from_git_and_none_outside_it() {
    if !have_git() {
        return;
    }
    let site = Site::fixture("basic");
    site.build();
    assert!(
        !site.page("2025/对照检查材料.html").contains("修改记录"),
        "no repository, no history"
    );
    git(&site, &["init", "-q"], "2026-01-15T09:00:00+08:00");
    git(&site, &["add", "."], "2026-01-15T09:00:00+08:00");
    git(
        &site,
        &["commit", "-q", "-m", "录入2025年度材料"],
        "2026-01-15T09:00:00+08:00",
    );
    site.write("content/2025/对照检查材料.md", "---\ntitle: 2025年度对照检查材料\ntype: 对照检查材料\ndate: 2026-01-15\n---\n## 一、存在的问题\n\n修改后。\n");
    git(
        &site,
        &["commit", "-q", "-am", "根据审阅意见修改"],
        "2026-01-18T10:00:00+08:00",
    );
    site.build();
    let main = main_region(&site.page("2025/对照检查材料.html")).to_string();
    assert!(
        main.contains("<dt>最后修改</dt><dd>2026年1月18日</dd>"),
        "{main}"
    );
    let first = main.find("根据审阅意见修改").expect("newest commit");
    let second = main.find("录入2025年度材料").expect("first commit");
    assert!(first < second, "newest first");
    let other = main_region(&site.page("2025/发言提纲-甲.html")).to_string();
    assert!(other.contains("录入2025年度材料") && !other.contains("根据审阅意见修改"));
    // The same repository state gives the same pages.
    let before = tree(&site.public());
    site.build();
    assert!(tree(&site.public()) == before);
}
