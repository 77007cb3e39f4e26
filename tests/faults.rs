//! Faults: a build killed with SIGKILL at any moment leaves the previous site and index
//! complete (the one published before, or the new one whole), and the next build recovers.
//! Extreme but valid inputs (deep nesting, a long document) build without a crash.

mod common;

use common::*;
use std::process::Command;
use std::time::Duration;

fn write_archive(site: &Site, version: &str) {
    for i in 0..240 {
        let body = format!(
            "## 一、情况\n\n{version}第{i}份材料。{}\n\n## 二、问题\n\n文稿起草不深入。\n",
            "谈心谈话，批评与自我批评。".repeat(40)
        );
        site.write(
            &format!("content/2025/材料{i:03}.md"),
            format!("---\ntitle: 材料{i}\ntype: 其他\ndate: 2026-01-15\n---\n{body}"),
        );
    }
}

#[test]
fn killed_builds_leave_a_whole_site() {
    let site = Site::fixture("basic");
    write_archive(&site, "旧版");
    site.build();
    let old = (tree(&site.public()),);
    let reference = Site::fixture("basic");
    write_archive(&reference, "新版");
    reference.build();
    let new_public = tree(&reference.public());
    write_archive(&site, "新版");
    let mut outcomes = Vec::new();
    for delay_ms in [30u64, 120, 250, 400, 600, 900] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
            .args(["build", "--root"])
            .arg(site.root())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let killed = child.kill().is_ok();
        let _ = child.wait();
        let public = tree(&site.public());
        let whole = public == old.0 || public == new_public;
        assert!(
            whole,
            "after SIGKILL at {delay_ms} ms public/ is neither the old nor the new site"
        );
        // The index is whole too: the old one or the new one (they are swapped a moment
        // apart), and it answers.
        let index = annals::search::SearchIndex::open(&site.root().join("search-index/index"))
            .expect("index opens");
        let hits = index
            .search(&annals::search::Request::new("文稿起草不深入"))
            .expect("index answers");
        assert!(
            hits.total >= 240,
            "after SIGKILL at {delay_ms} ms the index lost documents"
        );
        outcomes.push((delay_ms, killed, public == new_public));
    }
    // The next build finishes and clears what the killed ones left.
    site.build();
    assert_eq!(tree(&site.public()), new_public);
    let leftovers: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .chain(std::fs::read_dir(site.root().join("search-index")).unwrap())
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".staging-") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    eprintln!("kill outcomes (delay ms, killed, new site already in place): {outcomes:?}");
}

#[test]
fn extreme_valid_inputs_build() {
    let site = Site::fixture("basic");
    let deep = format!("---\ntitle: 深\ntype: 整改方案\ndate: 2026-01-01\n---\n{} 深层\n\n{}列表\n\n{}强调{}\n\n{}x{}\n", ">".repeat(10_000), "- ".repeat(5_000), "*".repeat(10_000), "*".repeat(10_000), "[".repeat(10_000), "]".repeat(10_000));
    site.write("content/2025/深.md", deep);
    let long: String = (0..20_000)
        .map(|i| format!("段落{i}。{}\n\n", "文稿起草不深入，".repeat(10)))
        .collect();
    site.write(
        "content/2025/长.md",
        format!("---\ntitle: 长\ntype: 整改方案\ndate: 2026-01-01\n---\n{long}"),
    );
    site.build();
    assert!(site.page("2025/深.html").contains("深层"));
    assert!(site.page("2025/长.html").contains("段落19999。"));
}
