//! Faults: a build killed with SIGKILL at any moment leaves the previous site and index
//! complete (the one published before, or the new one whole), and the next build recovers.
//! Extreme but valid inputs (deep nesting, a long document) build without a crash.

use crate::common::*;
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
        let mut child = crate::common::annals()
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
    let deep = format!(
        "---\ntitle: 深\ntype: 整改方案\ndate: 2026-01-01\n---\n{} 深层\n\n{}列表\n\n{}强调{}\n\n{}x{}\n",
        ">".repeat(10_000),
        "- ".repeat(5_000),
        "*".repeat(10_000),
        "*".repeat(10_000),
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    site.write("content/2025/深.md", deep);
    let long: String = (0..20_000)
        .map(|i| format!("段落{i}。{}\n\n", "文稿起草不深入，".repeat(42)))
        .collect();
    assert!(long.len() > 20_000_000, "a 20 MB document");
    site.write(
        "content/2025/长.md",
        format!("---\ntitle: 长\ntype: 整改方案\ndate: 2026-01-01\n---\n{long}"),
    );
    site.build();
    assert!(site.page("2025/深.html").contains("深层"));
    assert!(site.page("2025/长.html").contains("段落19999。"));
}

/// A full disk: the site lives on a 1 MiB tmpfs (mounted in a private mount namespace, so
/// nothing outlives the test), builds once, then a 400 KB document makes the next build run
/// out of space. That build must say so plainly, exit 1, and leave the published site and
/// index byte for byte as they were, with no staging folder behind.
#[test]
fn full_disk_leaves_the_previous_site() {
    let work = tempfile::tempdir().expect("temp dir");
    let mnt = work.path().join("disk");
    let out = work.path().join("out");
    std::fs::create_dir_all(&mnt).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    let big: String = (0..2_000)
        .map(|i| format!("段落{i}。文稿起草不深入，调查研究不够扎实。\n\n"))
        .collect();
    let big_doc = work.path().join("长文.md");
    std::fs::write(
        &big_doc,
        format!(
            "---\ntitle: 长文\ntype: 整改方案\ndate: 2026-01-01\n---\n{}",
            big.repeat(3)
        ),
    )
    .unwrap();
    let script = r#"
set -u
mount -t tmpfs -o size=1024k annals-full "$MNT" || exit 90
cp -r "$FIXTURE" "$MNT/site"
"$ANNALS" build --root "$MNT/site" >/dev/null 2>"$OUT/first" || exit 91
cd "$MNT/site"
sums() { find public search-index -type f -exec sha256sum {} + | sort; }
sums > "$OUT/before"
cp "$BIG" content/2025/长文.md || exit 92
"$ANNALS" build --root "$MNT/site" 2>"$OUT/stderr"
echo $? > "$OUT/code"
sums > "$OUT/after"
ls -A . search-index > "$OUT/entries"
"$ANNALS" search --root "$MNT/site" --json 对照检查 > "$OUT/search" 2>&1
exit 0
"#;
    // The kernel may refuse mount namespaces (a locked-down container): nothing that .ci/run
    // could install changes that, so the test says so and stops.
    let fixture = fixtures().join("basic");
    let Some(run) = in_mount_namespace(
        script,
        &[
            ("MNT", &mnt),
            ("OUT", &out),
            ("FIXTURE", &fixture),
            ("BIG", &big_doc),
        ],
    ) else {
        return;
    };
    let read = |n: &str| std::fs::read_to_string(out.join(n)).unwrap_or_default();
    let err = read("stderr");
    eprintln!("the build on a full disk said:\n{err}");
    assert_eq!(read("code").trim(), "1", "{err}\n{}", stderr(&run));
    // The pages or the index fill the disk first, by timing: either says so.
    assert!(
        err.contains("磁盘空间不足") || err.contains("一个写入线程出错停止了（通常是磁盘已满"),
        "{err}"
    );
    assert!(err.contains("磁盘空间"), "{err}");
    assert!(err.contains("原来的输出保持不变"), "{err}");
    // No panic of annals (its message would read "thread '…' panicked at").
    assert!(!err.contains("panicked at"), "{err}");
    assert!(!read("before").is_empty());
    assert_eq!(read("before"), read("after"), "the published files changed");
    let entries = read("entries");
    assert!(
        !entries.contains(".staging-") && !entries.contains(".old-"),
        "{entries}"
    );
    let search = read("search");
    assert!(
        search.contains("\"total\""),
        "the old index does not answer: {search}"
    );
}
