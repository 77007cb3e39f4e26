//! The git post-receive hook of `deploy/`, run for real: a push publishes, a push that fails
//! `annals check` publishes nothing and tells the pusher why.

use crate::common::*;
use std::path::Path;
use std::process::{Command, Output};

fn git(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut c = Command::new("git");
    crate::common::chinese(&mut c);
    c.current_dir(dir).args(args);
    for (k, v) in [
        ("GIT_AUTHOR_NAME", "李华"),
        ("GIT_AUTHOR_EMAIL", "lh@example.invalid"),
        ("GIT_COMMITTER_NAME", "李华"),
        ("GIT_COMMITTER_EMAIL", "lh@example.invalid"),
    ] {
        c.env(k, v);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    out
}

#[test]
fn push_publishes_only_what_passes_check() {
    if !have_git() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let (bare, work, site) = (
        tmp.path().join("annals.git"),
        tmp.path().join("work"),
        tmp.path().join("site"),
    );
    git(
        tmp.path(),
        &["init", "-q", "--bare", "-b", "main", bare.to_str().unwrap()],
        &[],
    );
    let hook = bare.join("hooks/post-receive");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/post-receive"),
        &hook,
    )
    .unwrap();
    git(
        tmp.path(),
        &[
            "clone",
            "-q",
            bare.to_str().unwrap(),
            work.to_str().unwrap(),
        ],
        &[],
    );
    copy_tree(&fixtures().join("basic"), &work);
    std::fs::write(work.join(".gitignore"), "/public\n/search-index/index\n").unwrap();
    git(&work, &["checkout", "-q", "-b", "main"], &[]);
    git(&work, &["add", "."], &[]);
    git(&work, &["commit", "-q", "-m", "2025年度材料"], &[]);
    let env = [
        ("ANNALS_SITE", site.as_path()),
        ("ANNALS_BIN", Path::new(env!("CARGO_BIN_EXE_annals"))),
    ];
    let push = git(&work, &["push", "-q", "origin", "main"], &env);
    let said = stderr(&push);
    assert!(said.contains("== 已发布"), "{said}");
    let index = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(index.contains("测试档案"));
    assert!(site.join("search-index/index").is_dir());
    assert!(
        std::fs::read_to_string(site.join("public/2025/对照检查材料.html"))
            .unwrap()
            .contains("2025年度材料"),
        "revision list from the site's clone"
    );
    let before = tree(&site.join("public"));

    std::fs::write(
        work.join("content/2025/新.md"),
        "---\ntitle: 新\ntype: 整改方案\ndate: 2026-02-01\n---\n于2026年*月*日召开。\n",
    )
    .unwrap();
    git(&work, &["add", "."], &[]);
    git(&work, &["commit", "-q", "-m", "未填完的材料"], &[]);
    let push = chinese(&mut Command::new("git"))
        .current_dir(&work)
        .args(["push", "-q", "origin", "main"])
        .envs(env.iter().map(|(k, v)| (*k, v.as_os_str())))
        .output()
        .unwrap();
    let said = stderr(&push);
    assert!(
        said.contains("content/2025/新.md:6:") && said.contains("未填写的占位符"),
        "{said}"
    );
    assert!(said.contains("没有发布任何内容"));
    assert_eq!(
        tree(&site.join("public")),
        before,
        "the published site is unchanged"
    );
}
