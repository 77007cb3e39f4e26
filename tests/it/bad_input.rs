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
        Case { name: "missing required field", files: vec![("content/2025/坏.md", doc("title: 报告\ndate: 2026-01-15\n"))], expect: &["content/2025/坏.md:2:1: 缺少必填字段 `type`", "修改方法: 在这段 YAML 中加一行 `type: ...`"] },
        Case { name: "unknown field", files: vec![("content/2025/坏.md", doc("title: 报告\ntype: 整改方案\ndate: 2026-01-15\ntitel: x\n"))], expect: &["content/2025/坏.md:5:1: 未知字段 `titel`", "是不是想写 `title`？"] },
        Case { name: "impossible date", files: vec![("content/2025/坏.md", doc("title: 报告\ntype: 整改方案\ndate: 2025-02-30\n"))], expect: &["content/2025/坏.md:4:7: `date`：`2025-02-30` 不是真实存在的日期", "2025年2月只有 28 天"] },
        Case { name: "date in the wrong form", files: vec![("content/2025/坏.md", doc("title: 报告\ntype: 整改方案\ndate: 2026年1月15日\n"))], expect: &["content/2025/坏.md:4:7: `date`：`2026年1月15日` 不是 YYYY-MM-DD 格式的日期"] },
        Case { name: "unknown type", files: vec![("content/2025/坏.md", doc("title: 报告\ntype: 整改方按\ndate: 2026-01-15\n"))], expect: &["content/2025/坏.md:3:7: 未知的文件类型 `整改方按`", "是不是想写 `整改方案`？"] },
        Case { name: "duplicate url", files: vec![("content/2025/坏.md", doc("title: 报告\ntype: 整改方案\ndate: 2026-01-15\nslug: 召开情况报告\n"))], expect: &["content/2025/坏.md: 网址 2025/召开情况报告.html 也是 content/2025/召开情况报告.md 的网址", "不同的 `slug`"] },
        Case { name: "GBK file", files: vec![("content/2025/坏.md", gbk)], expect: &["content/2025/坏.md:2:8: 文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码", "iconv -f GB18030 -t UTF-8"] },
        Case { name: "GB18030 file", files: vec![("content/2025/坏.md", gb18030)], expect: &["content/2025/坏.md:2:8: 文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码"] },
        Case { name: "UTF-16 file", files: vec![("content/2025/坏.md", utf16)], expect: &["content/2025/坏.md: 文件是 UTF-16 编码", "iconv -f UTF-16"] },
        Case { name: "empty file", files: vec![("content/2025/坏.md", b"".to_vec())], expect: &["content/2025/坏.md: 文件是空的", "修改方法: 写上前置元数据"] },
        Case { name: "binary file", files: vec![("content/2025/坏.md", b"\x89PNG\r\n\x1a\n\x00\x00".to_vec())], expect: &["content/2025/坏.md: 文件是二进制文件（PNG 图片）"] },
        Case { name: "docx named .md", files: vec![("content/2025/坏.md", b"PK\x03\x04\x14\x00".to_vec())], expect: &["content/2025/坏.md: 文件是二进制文件（zip 压缩包，例如 Word 的 .docx", "annals import"] },
        Case { name: "no front matter", files: vec![("content/2025/坏.md", "只有正文。\n".into())], expect: &["content/2025/坏.md:1:1: 文件没有前置元数据", "type: 召开情况报告"] },
        Case { name: "unclosed front matter", files: vec![("content/2025/坏.md", "---\ntitle: 报告\n正文\n".into())], expect: &["content/2025/坏.md:1:1: 这里开始的前置元数据没有结束"] },
        Case { name: "unclosed quote", files: vec![("content/2025/坏.md", doc("title: \"报告\ntype: 整改方案\ndate: 2026-01-15\n"))], expect: &["content/2025/坏.md:2:8: 引号没有闭合", "补上对应的引号"] },
        Case { name: "tab indentation", files: vec![("content/2025/坏.md", doc("title: 报告\ntags:\n\t- 作风\ntype: 整改方案\ndate: 2026-01-15\n"))], expect: &["content/2025/坏.md:4:1: 缩进用了制表符（Tab）", "把 Tab 换成空格"] },
        Case { name: "list where a string belongs", files: vec![("content/2025/坏.md", doc("title:\n  - 报告\ntype: 整改方案\ndate: 2026-01-15\n"))], expect: &["content/2025/坏.md:3:3: 值的类型不对：title: 这里是列表，应为文本", "该写单个值的写单个值"] },
        Case { name: "year mismatch", files: vec![("content/2025/坏.md", doc("title: 报告\ntype: 整改方案\ndate: 2026-01-15\nyear: 2024\n"))], expect: &["content/2025/坏.md:5:7: `year: 2024` 与所在的年度文件夹 2025 不一致"] },
        Case { name: "year folder 20x5", files: vec![("content/20x5/a.md", doc("title: 报告\ntype: 整改方案\ndate: 2026-01-15\n"))], expect: &["content/20x5: content/ 下的文件夹 `20x5` 不是年度", "四位数字"] },
        Case { name: "document outside a year", files: vec![("content/报告.md", doc("title: 报告\ntype: 整改方案\ndate: 2026-01-15\n"))], expect: &["content/报告.md: 文件必须放在年度文件夹中"] },
        Case { name: "slug with slash", files: vec![("content/2025/坏.md", doc("title: 报告\ntype: 整改方案\ndate: 2026-01-15\nslug: a/b\n"))], expect: &["content/2025/坏.md:5:7: `slug: a/b` 含有斜杠"] },
        Case { name: "unknown key in annals.yaml", files: vec![("annals.yaml", "title: 档案\norganization: 办公室\n".into())], expect: &["annals.yaml:2:1: 未知字段 `organization`", "是不是想写 `organisation`？"] },
        Case { name: "template syntax error", files: vec![("templates/document.html", "{% extends \"base.html\" %}{% block main %}{{ page.doc.title {% endblock main %}".into())], expect: &["templates/document.html: Failed to parse"] },
        Case { name: "template unknown variable", files: vec![("templates/year.html", "{% extends \"base.html\" %}{% block main %}{{ page.no_such_thing }}{% endblock main %}".into())], expect: &["templates/year.html: Failed to render 'year.html'", "no_such_thing", "修改方法: 修正模板"] },
        Case { name: "bad dictionary frequency", files: vec![("search-index/dictionary.txt", "民主生活会 100\n谈心谈话 很多\n".into())], expect: &["search-index/dictionary.txt:2:1: `谈心谈话` 的词频 `很多` 不是整数"] },
        Case { name: "synonyms not a list of lists", files: vec![("search-index/synonyms.yaml", "- 对照检查材料\n".into())], expect: &["search-index/synonyms.yaml:1:3: 值的类型不对：.[0]: 这里是文本 \"对照检查材料\"，应为列表"] },
        Case { name: "ragged CSV ledger", files: vec![("content/2025/rectifications.csv", "编号,问题表现,问题类别,整改状态\n2025-01,问题,作风建设,整改中,多出的一格\n".into())], expect: &["content/2025/rectifications.csv:2:"," 这一行有 5 个单元格，但表头只有 4 个"] },
        Case { name: "XLSX that is really text", files: vec![("content/2025/rectifications.xlsx", "编号,问题表现\n2025-01,问题\n".into())], expect: &["content/2025/rectifications.xlsx: 无法读取这个 Excel 工作簿"] },
        Case { name: "ledger record without status", files: vec![("content/2025/rectifications.yaml", "- id: 2025-01\n  problem: 问题\n  category: 作风建设\n".into())], expect: &["content/2025/rectifications.yaml:1:", "这条记录没有 `status`（整改状态）"] },
        Case { name: "ledger unknown field", files: vec![("content/2025/rectifications.yaml", "- id: 2025-01\n  problme: 问题\n".into())], expect: &["content/2025/rectifications.yaml:2:3: 未知字段 `problme`", "是不是想写 `problem`？"] },
        Case { name: "TOML front matter", files: vec![("content/2025/坏.md", "+++\ntitle = \"报告\"\n+++\n".into())], expect: &["content/2025/坏.md:1:1: 不支持 TOML 格式的前置元数据（+++）"] },
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
        if !err.contains("= 修改方法: ") {
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
        .find("content/2025/c.md: 文件是空的")
        .expect("c reported");
    assert!(a < b && b < c, "{err}");
    assert!(
        err.ends_with("失败：3 个错误；原来的输出保持不变\n"),
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
    assert!(err.contains("content/2025/loop: 符号链接形成循环"), "{err}");
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
    let mut cmd = crate::common::annals();
    cmd.args(["build", "--root"]).arg(site.root());
    if is_root {
        cmd.uid(65534).gid(65534);
    }
    let out = cmd.output().expect("run annals");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/2025/锁定.md: 无法读取文件：没有权限"),
        "{err}"
    );
    assert!(err.contains("检查文件权限"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(tree(&site.public()), before, "public/ changed");
}
