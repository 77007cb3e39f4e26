//! `annals import`: the shared fixture report (PDF-extracted text), a Word file built here,
//! and a ledger table, each into the right place, passing `check` but for real placeholders.

use crate::common::*;
use std::io::Write;

/// A copy of `../shared/fixtures/report-2025-pdf-extract.txt` (a real report as extracted
/// from its PDF), kept in the repository so the test runs wherever the crate is cloned.
const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/report-2025-pdf-extract.txt"
);

#[test]
fn issue_5_shared_fixture_report_imports_with_its_structure() {
    let site = Site::fixture("basic");
    std::fs::remove_file(site.root().join("content/2025/召开情况报告.md")).unwrap();
    let out = site.annals(&["import", FIXTURE]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(site.root().join("content/2025/召开情况报告.md"))
        .expect("written where it belongs");
    let (front, body) = md
        .trim_start_matches("---\n")
        .split_once("---\n")
        .expect("front matter");
    assert!(
        front.contains("title: 市政协办公室2025年度民主生活会召开情况报告\n"),
        "{front}"
    );
    assert!(front.contains("type: 召开情况报告\n"));
    let h2: Vec<&str> = body.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        h2,
        [
            "## 一、精耕细作抓筹备，筑牢会议思想根基",
            "## 二、从严从实开会议，凝聚履职奋进合力"
        ]
    );
    let h3: Vec<&str> = body.lines().filter(|l| l.starts_with("### ")).collect();
    assert_eq!(
        h3,
        [
            "### （一）强化理论武装，夯实思想共识",
            "### （二）深入谈心谈话，凝聚思想合力",
            "### （三）精准查摆问题，摸清症结根源",
            "### （四）精心打磨材料，确保务实深刻",
            "### （一）聚焦主题述职，压实政治责任"
        ]
    );
    // Numbered items are paragraphs of their own, whole, never a Markdown list.
    let items: Vec<&str> = body
        .lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(items.len(), 14, "{items:#?}");
    assert!(
        items[0].starts_with(
            "1.聚焦主题深学细悟。坚持把学习贯穿筹备工作全过程，严格落实“第一议题”制度"
        )
    );
    assert!(items.iter().all(|i| !i.starts_with("1. ")));
    // No line break inside a sentence: every paragraph is one line; sentences are whole.
    assert!(body.contains(
        "严格落实“第一议题”制度，组织办公室领导班子成员专题学习习近平新时代中国特色社会主义思想"
    ));
    assert!(body.contains("于2026年\\*月\\*日召开2025年度民主生活会"));
    assert!(!body.contains(','), "half-width commas made full-width");
    // check: only the real placeholders remain.
    let check = site.annals(&["check"]);
    let err = stderr(&check);
    assert_eq!(err.matches("错误:").count(), 3, "{err}");
    assert_eq!(err.matches("未填写的占位符").count(), 3);
    // Never an overwrite without --force.
    let again = site.annals(&["import", FIXTURE]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("content/2025/召开情况报告.md: 文件已经存在"));
    assert!(
        site.annals(&["import", "--force", FIXTURE])
            .status
            .success()
    );
}

fn docx(body: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", opts).unwrap();
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="urn:w"><w:body>{body}</w:body></w:document>"#
    );
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap();
    buf.into_inner()
}

/// Imports a Word file of `body` (document.xml's body) as 整改方案.docx; the Markdown written.
fn import_plan(site: &Site, body: &str) -> String {
    site.write("整改方案.docx", docx(body));
    let out = site.annals(&[
        "import",
        &site.root().join("整改方案.docx").to_string_lossy(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::read_to_string(site.root().join("content/2025/整改方案.md")).unwrap()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

#[test]
fn word_files_import_headings_bold_lists_and_tables() {
    let site = Site::fixture("basic");
    let body = [
        p("测试办公室领导班子2025年度民主生活会整改方案"),
        p("一、总体要求"),
        p("坚持问题导向,逐项整改。"),
        "<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr><w:r><w:t>分项任务</w:t></w:r></w:p>".to_string(),
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>1.建立机制。</w:t></w:r><w:r><w:t>建立文稿起草前调研机制 &amp; 会商制度。</w:t></w:r></w:p>".to_string(),
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/></w:numPr></w:pPr><w:r><w:t>列表一项</w:t></w:r></w:p>".to_string(),
        "<w:tbl><w:tr><w:tc>".to_string() + &p("任务") + "</w:tc><w:tc>" + &p("时限") + "</w:tc></w:tr><w:tr><w:tc>" + &p("调研") + "</w:tc><w:tc>" + &p("6月底前") + "</w:tc></w:tr></w:tbl>",
        p("二〇二六年二月十日"),
    ]
    .concat();
    let md = import_plan(&site, &body);
    assert!(md.contains("title: 测试办公室领导班子2025年度民主生活会整改方案\ntype: 整改方案\ndate: 2026-02-10\n"), "{md}");
    for want in [
        "## 一、总体要求",
        "坚持问题导向，逐项整改。",
        "### 分项任务",
        "**1.建立机制。**建立文稿起草前调研机制 & 会商制度。",
        "- 列表一项",
        "| 任务 | 时限 |\n| --- | --- |\n| 调研 | 6月底前 |",
    ] {
        assert!(md.contains(want), "missing {want:?} in\n{md}");
    }
    site.build();
    assert!(site.page("2025/整改方案.html").contains("<table>"));
    site.write("坏.docx", "不是压缩包");
    let bad = site.annals(&["import", &site.root().join("坏.docx").to_string_lossy()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("无法读取这个 Word 文件：它不是 .docx 文件"));
}

#[test]
fn issue_19_word_bold_next_to_chinese_punctuation_renders_bold() {
    let site = Site::fixture("basic");
    let bold = |t: &str| format!("<w:r><w:rPr><w:b/></w:rPr><w:t>{t}</w:t></w:r>");
    let plain = |t: &str| format!("<w:r><w:t>{t}</w:t></w:r>");
    let body = [
        p("测试办公室2025年度民主生活会整改方案"),
        format!(
            "<w:p>{}{}</w:p>",
            bold("坚持问题导向，逐项抓好整改。"),
            plain("班子成员带头学习。")
        ),
        format!(
            "<w:p>{}{}{}</w:p>",
            plain("深刻领悟"),
            bold("“两个确立”"),
            plain("的决定性意义。")
        ),
        p("二〇二六年一月二十日"),
    ]
    .concat();
    let md = import_plan(&site, &body);
    assert!(
        md.contains("**坚持问题导向，逐项抓好整改。**班子成员带头学习。"),
        "{md}"
    );
    assert!(md.contains("深刻领悟**“两个确立”**的决定性意义。"), "{md}");
    site.build();
    let page = site.page("2025/整改方案.html");
    let main = main_region(&page);
    assert!(
        main.contains("<strong>坚持问题导向，逐项抓好整改。</strong>班子成员带头学习。"),
        "{main}"
    );
    assert!(
        main.contains("深刻领悟<strong>“两个确立”</strong>的决定性意义。"),
        "{main}"
    );
    assert!(!main.contains("**"), "{main}");
    let check = site.annals(&["check"]);
    assert!(
        !stderr(&check).contains("literal-emphasis") && !stderr(&check).contains("没有生效"),
        "{}",
        stderr(&check)
    );
}

#[test]
fn ledger_tables_import_to_yaml_that_loads_the_same() {
    let site = Site::fixture("basic");
    let csv = "编号,问题表现,问题类别,整改措施,责任部门,整改时限,整改状态,进展\n2025-01,文稿起草不深入,履职尽责,\"建立机制\n定期讲评\",秘书科,6月底前,正在整改,\"2026-03-01 已建立机制\"\n2025-02,调研不深,作风建设,,综合调研科,长期坚持,长期坚持,\n";
    site.write("台账.csv", csv);
    let out = site.annals(&["import", &site.root().join("台账.csv").to_string_lossy()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let yaml =
        std::fs::read_to_string(site.root().join("content/2025/rectifications.yaml")).unwrap();
    assert!(yaml.contains("- id: 2025-01\n  problem: 文稿起草不深入\n  category: 履职尽责\n  measures:\n  - 建立机制\n  - 定期讲评\n  owner: 秘书科\n  deadline: 6月底前\n  status: 整改中\n"), "正在整改 imports as 整改中:\n{yaml}");
    let cfg = annals::config::Config::default();
    let from_csv = annals::ledger::parse(
        std::path::Path::new("a.csv"),
        "a.csv",
        csv.as_bytes(),
        2025,
        &cfg,
    )
    .unwrap();
    let from_yaml = annals::ledger::parse(
        std::path::Path::new("r.yaml"),
        "r.yaml",
        yaml.as_bytes(),
        2025,
        &cfg,
    )
    .unwrap();
    let json = |r: &Vec<annals::ledger::Record>| serde_json::to_value(r).unwrap();
    assert_eq!(json(&from_csv), json(&from_yaml));
    site.build();
}
