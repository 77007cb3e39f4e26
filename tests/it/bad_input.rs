//! Bad input never panics and never loses data: each case below is added to a site that
//! built, and must fail with exit code 1, a message naming the file (and line and column
//! where they apply) with a fix, and the previous output left byte for byte as it was.

use crate::common::*;

/// A broken file and what the message must say.
struct Case {
    name: &'static str,
    /// Files to write (path relative to the site root, bytes).
    files: Vec<(&'static str, Vec<u8>)>,
    /// Text the error output must contain, e.g. "content/2025/坏.md:4:7: ".
    expect: &'static [&'static str],
}

fn doc(front: &str) -> Vec<u8> {
    format!("---\n{front}---\n正文。\n").into_bytes()
}

fn cases() -> Vec<Case> {
    let gbk = encoding_rs::GBK
        .encode(
            "---\ntitle: 民主生活会召开情况报告\ntype: 召开情况报告\ndate: 2026-01-15\n---\n正文\n",
        )
        .0
        .into_owned();
    let gb18030 = encoding_rs::GB18030
        .encode("---\ntitle: 对照检查材料\ntype: 对照检查材料\ndate: 2026-01-15\n---\n𠀀正文\n")
        .0
        .into_owned();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "---\ntitle: 报告\n---\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    vec![
        Case { name: "missing required field", files: vec![("content/2025/坏.md", doc("title: 报告\ndate: 2026-01-15\n"))], expect: &["content/2025/坏.md:2:1: missing required field `type`", "help: add a line `type: ...`"] },
        Case { name: "unknown field", files: vec![("content/2025/坏.md", doc("title: 报告\ntype: 整改方案\ndate: 2026-01-15\ntitel: x\n"))], expect: &["content/2025/坏.md:5:1: unknown field `titel`", "did you mean `title`?"] },
        Case { name: "impossible date", files: vec![("content/2025/坏.md", doc("title: 报告\ntype: 整改方案\ndate: 2025-02-30\n"))], expect: &["content/2025/坏.md:4:7: `date`: `2025-02-30` is not a real date", "2025年2月 has 28 days"] },
        Case { name: "date in the wrong form", files: vec![("content/2025/坏.md", doc("title: 报告\ntype: 整改方案\ndate: 2026年1月15日\n"))], expect: &["content/2025/坏.md:4:7: `date`: `2026年1月15日` is not a date in the form YYYY-MM-DD"] },
        Case { name: "unknown type", files: vec![("content/2025/坏.md", doc("title: 报告\ntype: 整改方按\ndate: 2026-01-15\n"))], expect: &["content/2025/坏.md:3:7: unknown document type `整改方按`", "did you mean `整改方案`?"] },
        Case { name: "duplicate url", files: vec![("content/2025/坏.md", doc("title: 报告\ntype: 整改方案\ndate: 2026-01-15\nslug: 召开情况报告\n"))], expect: &["content/2025/坏.md: the URL 2025/召开情况报告.html is also the URL of content/2025/召开情况报告.md", "different `slug`"] },
        Case { name: "GBK file", files: vec![("content/2025/坏.md", gbk)], expect: &["content/2025/坏.md:2:8: the file is not UTF-8; it looks GBK/GB18030-encoded", "iconv -f GB18030 -t UTF-8"] },
        Case { name: "GB18030 file", files: vec![("content/2025/坏.md", gb18030)], expect: &["content/2025/坏.md:2:8: the file is not UTF-8; it looks GBK/GB18030-encoded"] },
        Case { name: "UTF-16 file", files: vec![("content/2025/坏.md", utf16)], expect: &["content/2025/坏.md: the file is UTF-16 encoded", "iconv -f UTF-16"] },
        Case { name: "empty file", files: vec![("content/2025/坏.md", b"".to_vec())], expect: &["content/2025/坏.md: the file is empty", "help: write its front matter"] },
        Case { name: "binary file", files: vec![("content/2025/坏.md", b"\x89PNG\r\n\x1a\n\x00\x00".to_vec())], expect: &["content/2025/坏.md: the file is binary (a PNG image)"] },
        Case { name: "docx named .md", files: vec![("content/2025/坏.md", b"PK\x03\x04\x14\x00".to_vec())], expect: &["content/2025/坏.md: the file is binary (a zip archive, e.g. a Word .docx", "annals import"] },
        Case { name: "no front matter", files: vec![("content/2025/坏.md", "只有正文。\n".into())], expect: &["content/2025/坏.md:1:1: the document has no front matter", "type: 召开情况报告"] },
        Case { name: "unclosed front matter", files: vec![("content/2025/坏.md", "---\ntitle: 报告\n正文\n".into())], expect: &["content/2025/坏.md:1:1: the front matter opened here is never closed"] },
        Case { name: "unclosed quote", files: vec![("content/2025/坏.md", doc("title: \"报告\ntype: 整改方案\ndate: 2026-01-15\n"))], expect: &["content/2025/坏.md:2:8: a quoted value is never closed", "add the closing quote"] },
        Case { name: "tab indentation", files: vec![("content/2025/坏.md", doc("title: 报告\ntags:\n\t- 作风\ntype: 整改方案\ndate: 2026-01-15\n"))], expect: &["content/2025/坏.md:4:1: a tab character is used for indentation", "replace the tabs with spaces"] },
        Case { name: "list where a string belongs", files: vec![("content/2025/坏.md", doc("title:\n  - 报告\ntype: 整改方案\ndate: 2026-01-15\n"))], expect: &["content/2025/坏.md:3:3: title: invalid type: sequence, expected a string", "a single value where one is expected"] },
        Case { name: "year mismatch", files: vec![("content/2025/坏.md", doc("title: 报告\ntype: 整改方案\ndate: 2026-01-15\nyear: 2024\n"))], expect: &["content/2025/坏.md:5:7: `year: 2024` does not match the year folder 2025"] },
        Case { name: "year folder 20x5", files: vec![("content/20x5/a.md", doc("title: 报告\ntype: 整改方案\ndate: 2026-01-15\n"))], expect: &["content/20x5: the folder `20x5` under content/ is not a year", "four digits"] },
        Case { name: "document outside a year", files: vec![("content/报告.md", doc("title: 报告\ntype: 整改方案\ndate: 2026-01-15\n"))], expect: &["content/报告.md: a document must be in a year folder"] },
        Case { name: "slug with slash", files: vec![("content/2025/坏.md", doc("title: 报告\ntype: 整改方案\ndate: 2026-01-15\nslug: a/b\n"))], expect: &["content/2025/坏.md:5:7: `slug: a/b` contains a slash"] },
        Case { name: "unknown key in annals.yaml", files: vec![("annals.yaml", "title: 档案\norganization: 办公室\n".into())], expect: &["annals.yaml:2:1: unknown field `organization`", "did you mean `organisation`?"] },
        Case { name: "template syntax error", files: vec![("templates/document.html", "{% extends \"base.html\" %}{% block main %}{{ page.doc.title {% endblock main %}".into())], expect: &["templates/document.html: Failed to parse"] },
        Case { name: "template unknown variable", files: vec![("templates/year.html", "{% extends \"base.html\" %}{% block main %}{{ page.no_such_thing }}{% endblock main %}".into())], expect: &["templates/year.html: Failed to render 'year.html'", "no_such_thing", "help: fix the template"] },
        Case { name: "bad dictionary frequency", files: vec![("search-index/dictionary.txt", "民主生活会 100\n谈心谈话 很多\n".into())], expect: &["search-index/dictionary.txt:2:1: the frequency `很多` of `谈心谈话` is not a whole number"] },
        Case { name: "synonyms not a list of lists", files: vec![("search-index/synonyms.yaml", "- 对照检查材料\n".into())], expect: &["search-index/synonyms.yaml:1:3: .[0]: invalid type: string \"对照检查材料\", expected a sequence"] },
        Case { name: "ragged CSV ledger", files: vec![("content/2025/rectifications.csv", "编号,问题表现,问题类别,整改状态\n2025-01,问题,作风建设,整改中,多出的一格\n".into())], expect: &["content/2025/rectifications.csv:2:"," this row has 5 cells but the header has 4"] },
        Case { name: "XLSX that is really text", files: vec![("content/2025/rectifications.xlsx", "编号,问题表现\n2025-01,问题\n".into())], expect: &["content/2025/rectifications.xlsx: the file is not a readable Excel workbook"] },
        Case { name: "ledger record without status", files: vec![("content/2025/rectifications.yaml", "- id: 2025-01\n  problem: 问题\n  category: 作风建设\n".into())], expect: &["content/2025/rectifications.yaml:1:", "the record has no `status` (整改状态)"] },
        Case { name: "ledger unknown field", files: vec![("content/2025/rectifications.yaml", "- id: 2025-01\n  problme: 问题\n".into())], expect: &["content/2025/rectifications.yaml:2:3: unknown field `problme`", "did you mean `problem`?"] },
        Case { name: "TOML front matter", files: vec![("content/2025/坏.md", "+++\ntitle = \"报告\"\n+++\n".into())], expect: &["content/2025/坏.md:1:1: TOML front matter (+++) is not supported"] },
    ]
}

#[test]
fn every_bad_input_fails_with_position_and_fix_and_keeps_output() {
    let mut failures = Vec::new();
    for case in cases() {
        let site = Site::fixture("basic");
        site.build();
        let before = tree(&site.public());
        for (path, bytes) in &case.files {
            site.write(path, bytes);
        }
        let out = site.annals(&["build"]);
        let err = stderr(&out);
        if out.status.code() != Some(1) {
            failures.push(format!(
                "{}: exit {:?}\n{err}",
                case.name,
                out.status.code()
            ));
        }
        if err.contains("panicked") {
            failures.push(format!("{}: panicked\n{err}", case.name));
        }
        for want in case.expect {
            if !err.contains(want) {
                failures.push(format!("{}: stderr lacks {want:?}:\n{err}", case.name));
            }
        }
        if !err.contains("= help: ") {
            failures.push(format!("{}: no fix offered:\n{err}", case.name));
        }
        if tree(&site.public()) != before {
            failures.push(format!("{}: public/ changed", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn all_problems_are_reported_together_in_file_order() {
    let site = Site::fixture("basic");
    site.write(
        "content/2025/b.md",
        doc("title: 报告\ntype: 整改方案\ndate: 2025-02-30\n"),
    );
    site.write(
        "content/2024/a.md",
        doc("title: 报告\ntype: 坏类型\ndate: 2025-01-01\n"),
    );
    site.write("content/2025/c.md", b"");
    let err = site.build_fails();
    let a = err.find("content/2024/a.md:3:7").expect("a reported");
    let b = err.find("content/2025/b.md:4:7").expect("b reported");
    let c = err
        .find("content/2025/c.md: the file is empty")
        .expect("c reported");
    assert!(a < b && b < c, "{err}");
    assert!(
        err.ends_with("failed: 3 error(s); the previous output was left unchanged\n"),
        "{err}"
    );
}

#[test]
fn caret_is_drawn_under_the_value() {
    let site = Site::fixture("basic");
    site.write(
        "content/2025/坏.md",
        doc("title: 报告\ntype: 整改方按\ndate: 2026-01-15\n"),
    );
    let err = site.build_fails();
    assert!(
        err.contains("  |\n3 | type: 整改方按\n  |       ^^^^^^^^\n"),
        "{err}"
    );
}

#[test]
fn symlink_loop_is_reported() {
    let site = Site::fixture("basic");
    std::os::unix::fs::symlink(
        site.root().join("content/2025"),
        site.root().join("content/2025/loop"),
    )
    .expect("symlink");
    let err = site.build_fails();
    assert!(
        err.contains("content/2025/loop: symbolic link loop"),
        "{err}"
    );
}

#[test]
fn utf8_bom_is_accepted() {
    let site = Site::fixture("basic");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(doc(
        "title: 带BOM的文件\ntype: 整改方案\ndate: 2026-02-01\n",
    ));
    site.write("content/2025/bom.md", bytes);
    site.build();
    assert!(site.page("2025/bom.html").contains("带BOM的文件"));
}

/// An unreadable file: its path, the reason, the fix, and the site untouched. Root reads every
/// file whatever its mode, so under root the build runs as `nobody` (uid 65534) instead.
#[test]
fn unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let site = Site::fixture("basic");
    site.build();
    let before = tree(&site.public());
    let bad = site.root().join("content/2025/锁定.md");
    site.write(
        "content/2025/锁定.md",
        doc("title: 报告\ntype: 整改方案\ndate: 2026-01-15\n"),
    );
    let is_root = rustix::process::geteuid().is_root();
    if is_root {
        // `nobody` must reach and write the site (but not read the one file).
        let mut dir = Some(site.root());
        while let Some(d) = dir {
            let mode = std::fs::metadata(d).expect("stat").permissions().mode();
            std::fs::set_permissions(d, std::fs::Permissions::from_mode(mode | 0o005))
                .expect("chmod parent");
            dir = d.parent();
        }
        for e in walkdir::WalkDir::new(site.root()) {
            let e = e.expect("walk");
            let mode = if e.file_type().is_dir() { 0o777 } else { 0o666 };
            std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode))
                .expect("chmod");
        }
    }
    std::fs::set_permissions(&bad, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_annals"));
    cmd.args(["build", "--root"]).arg(site.root());
    if is_root {
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output().expect("run annals");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/2025/锁定.md: cannot read the file: Permission denied"),
        "{err}"
    );
    assert!(err.contains("check the file's permissions"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(tree(&site.public()), before, "public/ changed");
}
