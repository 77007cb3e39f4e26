//! `annals new`: skeletons whose placeholders `check` reports, a ledger carrying over open
//! records, never an overwrite.

use crate::common::*;

#[test]
fn new_year_carries_over_open_records() {
    let site = Site::fixture("basic");
    site.write(
        "content/2024/rectifications.yaml",
        "- id: 2024-01\n  problem: 文稿起草不深入\n  category: 履职尽责\n  status: 已完成\n- id: 2024-02\n  problem: 调研不深\n  category: 作风建设\n  measures: [蹲点调研]\n  owner: 综合调研科\n  status: 整改中\n- id: 2024-03\n  problem: 监督不严\n  category: 廉洁自律\n  status: 长期坚持\n",
    );
    site.write("content/2025/rectifications.yaml", "- id: 2025-01\n  problem: 监督仍不严\n  category: 廉洁自律\n  status: 整改中\n  recurs: 2024-03\n");
    let out = site.annals(&["new", "2026"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("已在 content/2026 建立 2026 年度"));
    for f in [
        "_index.md",
        "召开情况报告.md",
        "对照检查材料.md",
        "整改方案.md",
        "rectifications.yaml",
    ] {
        assert!(site.root().join("content/2026").join(f).exists(), "{f}");
    }
    let ledger =
        std::fs::read_to_string(site.root().join("content/2026/rectifications.yaml")).unwrap();
    // 2024-01 is closed, 2024-03 was already carried into 2025-01: 2024-02 and 2025-01 carry over.
    assert!(ledger.contains("- id: 2026-01\n  problem: 调研不深\n  category: 作风建设\n  measures:\n  - 蹲点调研\n  owner: 综合调研科\n  status: 整改中\n  recurs: 2024-02\n"), "{ledger}");
    assert!(
        ledger.contains("- id: 2026-02\n  problem: 监督仍不严")
            && ledger.contains("recurs: 2025-01")
    );
    assert!(!ledger.contains("2024-01") && !ledger.contains("recurs: 2024-03"));
    // The new year builds (its documents are drafts) and its records link back.
    site.build();
    assert!(
        main_region(&site.page("ledger/2026-01.html")).contains("href=\"../ledger/2024-02.html\"")
    );
    // check reports the skeletons' placeholders with their positions.
    let check = site.annals(&["check"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr(&check).contains("content/2026/召开情况报告.md:7:"),
        "{}",
        stderr(&check)
    );
    // Never an overwrite.
    let again = site.annals(&["new", "2026"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("content/2026: 2026 年度已经存在"));
}

#[test]
fn default_year_is_the_meeting_still_to_come() {
    let site = Site::fixture("basic");
    let jan = chrono::NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
    // basic has 2024 and 2025: in January 2026 the 2025 年度 exists, so 2026 is next.
    assert_eq!(annals::new::default_year(site.root(), jan), 2026);
    let jan_2027 = chrono::NaiveDate::from_ymd_opt(2027, 1, 10).unwrap();
    assert_eq!(annals::new::default_year(site.root(), jan_2027), 2026);
    let out = site.annals(&["new", "--today", "2027-01-10"]);
    assert!(stderr(&out).contains("建立 2026 年度"), "{}", stderr(&out));
}
