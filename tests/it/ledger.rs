//! The rectification ledger: one schema whatever the file form, positioned errors, history
//! across years, overdue against a fixed date, charts that add up, and the pages.

use crate::common::*;
use annals::config::Config;
use annals::ledger;
use std::collections::BTreeMap;
use std::path::Path;

const YAML_2024: &str = "\
- id: 2024-01
  problem: 文稿起草不深入，综合文稿分析不透
  category: 履职尽责
  source: 对照检查材料.md
  measures:
    - 建立文稿三审制度
    - 每半年开展一次文稿质量讲评
  owner: 秘书科
  deadline: 2025-06-30
  status: 已完成
  progress:
    - {date: 2025-03-10, note: 建立三审制度}
- id: 2024-02
  problem: 谈心谈话的经常性不够
  category: 组织建设
  source: 谈心谈话
  owner: 人事科
  deadline: 长期坚持
  status: 长期坚持
";

const YAML_2025: &str = "\
- id: 2025-01
  problem: 文稿起草不深入，综合文稿停留在材料汇总层面
  category: 履职尽责
  source: 对照检查材料.md
  measures: [建立文稿起草前调研机制]
  owner: 秘书科
  deadline: 6月底前
  status: 整改中
  recurs: 2024-01
- id: 2025-02
  problem: 会议保障不够细致
  category: 履职尽责
  source: 召开情况报告.md
  owner: 秘书科/会务组
  deadline: 2026-03-31
  status: 已完成
- id: 2025-03
  problem: 日常监督不够严格
  category: 廉洁自律
  source: 征求意见
  owner: 行政财务科
  deadline: 年底前
  status: 未启动
";

fn ledger_site() -> Site {
    let site = Site::fixture("basic");
    site.write("content/2024/rectifications.yaml", YAML_2024);
    site.write("content/2025/rectifications.yaml", YAML_2025);
    site
}

fn build_on(site: &Site, today: &str) {
    let out = site.annals(&["build", "--today", today]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The 2024 ledger as a table: header row then rows, every cell text.
fn table() -> Vec<Vec<&'static str>> {
    vec![
        vec![
            "序号",
            "编号",
            "问题表现",
            "问题类别",
            "问题来源",
            "整改措施",
            "责任部门",
            "整改时限",
            "整改状态",
            "进展",
        ],
        vec![
            "1",
            "2024-01",
            "文稿起草不深入，综合文稿分析不透",
            "履职尽责",
            "对照检查材料.md",
            "建立文稿三审制度\n每半年开展一次文稿质量讲评",
            "秘书科",
            "2025-06-30",
            "已完成",
            "2025-03-10 建立三审制度",
        ],
        vec![
            "2",
            "2024-02",
            "谈心谈话的经常性不够",
            "组织建设",
            "谈心谈话",
            "",
            "人事科",
            "长期坚持",
            "长期坚持",
            "",
        ],
    ]
}

fn csv_text() -> String {
    table()
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| {
                    if c.contains('\n') || c.contains(',') {
                        format!("\"{c}\"")
                    } else {
                        c.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The same table as an XLSX workbook, with the deadline as a real Excel date cell.
fn xlsx_bytes() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in table().iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if r > 0 && c == 7 && cell.starts_with("20") {
                let d = rust_xlsxwriter::ExcelDateTime::parse_from_str(cell).expect("date");
                sheet
                    .write_datetime_with_format(r as u32, c as u16, &d, &date)
                    .expect("write date");
            } else if !cell.is_empty() {
                sheet
                    .write_string(r as u32, c as u16, *cell)
                    .expect("write");
            }
        }
    }
    book.save_to_buffer().expect("xlsx")
}

fn load(name: &str, bytes: &[u8]) -> Vec<serde_json::Value> {
    let records = ledger::parse(Path::new(name), name, bytes, 2024, &Config::default())
        .unwrap_or_else(|d| panic!("{name}: {d:?}"));
    records
        .iter()
        .map(|r| serde_json::to_value(r).expect("json"))
        .collect()
}

#[test]
fn yaml_csv_and_xlsx_load_to_equal_records() {
    let yaml = load("rectifications.yaml", YAML_2024.as_bytes());
    let csv = load("rectifications.csv", csv_text().as_bytes());
    let xlsx = load("rectifications.xlsx", &xlsx_bytes());
    assert_eq!(yaml.len(), 2);
    assert_eq!(yaml, csv, "YAML and CSV differ");
    assert_eq!(yaml, xlsx, "YAML and XLSX differ");
    assert_eq!(yaml[0]["measures"].as_array().unwrap().len(), 2);
    assert_eq!(yaml[0]["progress"][0]["date"], "2025-03-10");
}

#[test]
fn schema_errors_carry_positions_in_every_form() {
    let bad_yaml = "- id: 2024-01\n  problem: 问题\n  category: 作风建设\n  status: 正在推进\n  deadline: 尽快\n";
    let errs = ledger::parse(
        Path::new("r.yaml"),
        "r.yaml",
        bad_yaml.as_bytes(),
        2024,
        &Config::default(),
    )
    .unwrap_err();
    let at: Vec<_> = errs
        .iter()
        .map(|d| (d.line, d.col, d.message.clone()))
        .collect();
    assert_eq!(
        at[0],
        (
            Some(4),
            Some(11),
            "`status`：`正在推进` 不在词表中".to_string()
        )
    );
    assert_eq!(
        at[1],
        (
            Some(5),
            Some(13),
            "`deadline`：`尽快` 不是整改时限".to_string()
        )
    );
    let bad_csv = "编号,问题表现,问题类别,整改状态\n2024-01,问题,作风建设,已完成\n2024-02,问题,作凤建设,已完成\n";
    let errs = ledger::parse(
        Path::new("r.csv"),
        "r.csv",
        bad_csv.as_bytes(),
        2024,
        &Config::default(),
    )
    .unwrap_err();
    assert_eq!((errs[0].line, errs[0].col), (Some(3), Some(12)));
    assert!(
        errs[0]
            .help
            .as_deref()
            .unwrap()
            .contains("是不是想写 `作风建设`")
    );
    let mut rows = table();
    rows[2][8] = "做完了";
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    let errs = ledger::parse(
        Path::new("r.xlsx"),
        "r.xlsx",
        &book.save_to_buffer().unwrap(),
        2024,
        &Config::default(),
    )
    .unwrap_err();
    assert_eq!(
        (errs[0].line, errs[0].col),
        (Some(3), Some(9)),
        "row 3, column I"
    );
    let errs = ledger::parse(
        Path::new("r.xlsx"),
        "r.xlsx",
        "编号,问题表现\n".as_bytes(),
        2024,
        &Config::default(),
    )
    .unwrap_err();
    assert!(
        errs[0].message.contains("无法读取这个 Excel 工作簿"),
        "{}",
        errs[0].message
    );
}

#[test]
fn archive_wide_checks_fail_the_build_with_positions() {
    let site = ledger_site();
    site.write(
        "content/2025/rectifications.yaml",
        format!("{YAML_2025}- id: 2024-02\n  problem: 重复编号\n  category: 作风建设\n  status: 整改中\n- id: 2025-09\n  problem: 指向未来\n  category: 作风建设\n  status: 整改中\n  recurs: 2025-01\n  source: 不存在的文件.md\n"),
    );
    let err = site.build_fails();
    assert!(err.contains("content/2025/rectifications.yaml:24:7: 编号 `2024-02` 已在 content/2024/rectifications.yaml:13 使用"), "{err}");
    assert!(err.contains("content/2025/rectifications.yaml:32:11: `recurs: 2025-01` 是 2025 年度的记录，不是更早年度的"), "{err}");
    assert!(err.contains("content/2025/rectifications.yaml:33:11: `source: 不存在的文件.md` 既不是 2025 年度的文件，也不是问题来源渠道"), "{err}");
    site.write("content/2025/rectifications.csv", "编号,问题表现\n");
    assert!(site.build_fails().contains("2025 年度已经有整改台账"));
}

#[test]
fn recurs_links_both_ways_and_documents_list_their_records() {
    let site = ledger_site();
    build_on(&site, "2026-11-25");
    let old = main_region(&site.page("ledger/2024-01.html")).to_string();
    assert!(
        old.contains("href=\"../ledger/2025-01.html\""),
        "2024-01 links forward to 2025-01: {old}"
    );
    let new = main_region(&site.page("ledger/2025-01.html")).to_string();
    assert!(
        new.contains("href=\"../ledger/2024-01.html\""),
        "2025-01 links back to 2024-01"
    );
    assert!(
        new.contains("href=\"../2025/对照检查材料.html\">2025年度对照检查材料</a>"),
        "source document linked by title"
    );
    let doc = main_region(&site.page("2025/对照检查材料.html")).to_string();
    assert!(doc.contains("href=\"../ledger/2025-01.html\""), "{doc}");
    assert!(!doc.contains("2025-02"), "2025-02 came from 召开情况报告");
    let year = main_region(&site.page("2025/index.html")).to_string();
    assert!(
        year.contains("本年度查摆问题 <strong>3</strong> 条"),
        "{year}"
    );
}

#[test]
fn similar_problems_are_found_in_other_years() {
    let site = ledger_site();
    site.write(
        "content/2024/rectifications.yaml",
        YAML_2024.replace("谈心谈话的经常性不够", "日常监督不够严格，检查偏重事后"),
    );
    build_on(&site, "2026-11-25");
    let page = main_region(&site.page("ledger/2025-03.html")).to_string();
    assert!(page.contains("其他年度的相似问题"), "{page}");
    assert!(page.contains("href=\"../ledger/2024-02.html\""));
}

#[test]
fn overdue_is_judged_on_the_given_date() {
    let site = ledger_site();
    build_on(&site, "2026-01-01");
    let early = site.page("ledger/index.html");
    assert!(
        early.contains(
            "其中逾期 <strong class=\"overdue-count\" data-count=\"overdue\">0</strong> 条"
        ),
        "nothing due yet"
    );
    build_on(&site, "2026-07-01");
    let mid = site.page("ledger/index.html");
    // 2025-01 (6月底前 = 2026-06-30, 整改中) is overdue; 2025-03 (年底前) is not yet;
    // 2024-02 is 长期坚持 and never overdue; closed records never are.
    assert!(
        mid.contains(
            "其中逾期 <strong class=\"overdue-count\" data-count=\"overdue\">1</strong> 条"
        ),
        "{}",
        main_region(&mid)
    );
    assert!(site.page("ledger/overdue.html").contains("2025-01.html"));
    assert!(main_region(&site.page("ledger/2025-01.html")).contains("逾期未完成"));
    build_on(&site, "2027-01-01");
    assert!(
        site.page("ledger/index.html").contains(
            "其中逾期 <strong class=\"overdue-count\" data-count=\"overdue\">2</strong> 条"
        )
    );
}

/// `(series, label) -> count` of every bar segment of the chart titled `title`.
fn chart(html: &str, title: &str) -> BTreeMap<(String, String), usize> {
    // The chart's title is its first text (the drawing is hidden from screen readers, which
    // read the table after it).
    let start = html
        .find(&format!(">{title}</text>"))
        .expect("chart present");
    let svg = &html[start..start + html[start..].find("</svg>").expect("svg end")];
    let mut out = BTreeMap::new();
    for seg in svg.split("data-series=\"").skip(1) {
        let series = seg[..seg.find('"').unwrap()].to_string();
        let label_at = seg.find("data-label=\"").unwrap() + 12;
        let label = seg[label_at..label_at + seg[label_at..].find('"').unwrap()].to_string();
        let count_at = seg.find("data-count=\"").unwrap() + 12;
        let count = seg[count_at..count_at + seg[count_at..].find('"').unwrap()]
            .parse()
            .unwrap();
        out.insert((series, label), count);
    }
    out
}

#[test]
fn chart_totals_equal_the_ledger() {
    let site = ledger_site();
    build_on(&site, "2026-07-01");
    let html = site.page("ledger/index.html");
    let status = chart(&html, "各年度整改状态");
    let expected: BTreeMap<(String, String), usize> = [
        (("已完成", "2024"), 1),
        (("长期坚持", "2024"), 1),
        (("整改中", "2025"), 1),
        (("已完成", "2025"), 1),
        (("未启动", "2025"), 1),
    ]
    .into_iter()
    .map(|((s, y), n)| ((s.to_string(), y.to_string()), n))
    .collect();
    assert_eq!(status, expected);
    let open_closed = chart(&html, "各年度未完成与已完成");
    assert_eq!(open_closed.values().sum::<usize>(), 5);
    assert_eq!(open_closed[&("逾期".to_string(), "2025".to_string())], 1);
    let category = chart(&html, "各年度问题类别");
    assert_eq!(category.values().sum::<usize>(), 5);
    assert_eq!(category[&("履职尽责".to_string(), "2025".to_string())], 2);
}

#[test]
fn filter_pages_keep_only_their_records() {
    let site = ledger_site();
    build_on(&site, "2026-07-01");
    let year = main_region(&site.page("ledger/year/2024.html")).to_string();
    assert!(
        year.contains("2024-01.html")
            && year.contains("2024-02.html")
            && !year.contains("2025-01.html")
    );
    let status = main_region(&site.page("ledger/status/已完成.html")).to_string();
    assert_eq!(status.matches("<tr data-year").count(), 2);
    // A slash in an owner's name cannot be a folder.
    let owner = main_region(&site.page("ledger/owner/秘书科-会务组.html")).to_string();
    assert_eq!(owner.matches("<tr data-year").count(), 1);
    let files = tree(&site.public());
    for (page, bytes) in files
        .iter()
        .filter(|(p, _)| p.starts_with("ledger/") && p.ends_with(".html"))
    {
        for l in links(&String::from_utf8_lossy(bytes)) {
            let (target, _) = resolve(page, &l).expect("relative");
            assert!(files.contains_key(&target), "{page}: {l} -> {target}");
        }
    }
}

#[test]
fn records_are_searchable_with_status_facets() {
    let site = ledger_site();
    build_on(&site, "2026-07-01");
    let index = annals::search::SearchIndex::open(&site.root().join("search-index/index")).unwrap();
    let r = index
        .search(&annals::search::Request::new("文稿起草不深入 kind:record"))
        .unwrap();
    let urls: Vec<&str> = r.hits.iter().map(|h| h.url.as_str()).collect();
    assert_eq!(urls.len(), 2);
    assert!(urls.contains(&"ledger/2024-01.html") && urls.contains(&"ledger/2025-01.html"));
    assert!(
        r.hits
            .iter()
            .all(|h| h.kind == "record" && h.doc_type == "整改台账")
    );
    assert_eq!(r.facets["status"]["整改中"], 1);
    let open = index
        .search(&annals::search::Request::new("status:整改中"))
        .unwrap();
    assert_eq!(open.hits.len(), 1);
    assert_eq!(open.hits[0].url, "ledger/2025-01.html");
}
