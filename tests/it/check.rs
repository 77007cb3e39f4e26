//! `annals check`: placeholders of the shared fixture report, classification markings (which
//! `build` refuses too), broken links and anchors, overdue records, exit codes and JSON.

use crate::common::*;

#[test]
fn placeholders_of_the_fixture_report_are_errors_with_positions() {
    let site = Site::fixture("search");
    let out = site.annals(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // 于2026年\*月\*日召开 and 共收集各类意见建议\*条 in the reflowed shared fixture.
    for want in [
        "错误: content/2025/召开情况报告.md:9:53: 未填写的占位符 `\\*月`",
        "错误: content/2025/召开情况报告.md:9:56: 未填写的占位符 `\\*日`",
        "错误: content/2025/召开情况报告.md:29:95: 未填写的占位符 `\\*条`",
    ] {
        assert!(err.contains(want), "missing {want}\n{err}");
    }
    assert!(err.ends_with("检查完毕：3 个错误，0 个警告\n"), "{err}");
    // A build still publishes it, with the placeholders as warnings.
    let built = site.build();
    assert!(stderr(&built).contains("警告: content/2025/召开情况报告.md:9:53: 未填写的占位符"));
}

#[test]
fn json_for_ci() {
    let site = Site::fixture("search");
    let out = site.annals(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["errors"], 3);
    let d = &v["diagnostics"][0];
    assert_eq!(d["path"], "content/2025/召开情况报告.md");
    assert_eq!((d["line"].as_u64(), d["col"].as_u64()), (Some(9), Some(53)));
    assert_eq!(d["code"], "placeholder");
    assert_eq!(d["severity"], "error");
}

#[test]
fn classified_markings_stop_check_and_build() {
    for (file, text, at) in [
        (
            "content/2025/密件.md",
            "---\ntitle: 报告\ntype: 整改方案\ndate: 2026-02-01\n---\n机密★5年\n\n正文。\n",
            "content/2025/密件.md:6:1",
        ),
        (
            "content/2025/密件.md",
            "---\ntitle: 秘 密 ★ 1年 报告\ntype: 整改方案\ndate: 2026-02-01\n---\n正文。\n",
            "content/2025/密件.md:2:8",
        ),
    ] {
        let site = Site::fixture("basic");
        site.build();
        let before = tree(&site.public());
        site.write(file, text);
        let err = site.build_fails();
        assert!(err.contains(&format!("{at}: 密级标识")), "{err}");
        assert!(err.contains("非涉密网络"));
        assert_eq!(tree(&site.public()), before);
        let out = site.annals(&["check"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains(at));
    }
}

#[test]
fn broken_links_and_anchors() {
    let site = Site::fixture("basic");
    site.write("content/2025/链接.md", "---\ntitle: 链接\ntype: 整改方案\ndate: 2026-02-01\n---\n见[不存在](没有的文件.md)，\n[错锚点](对照检查材料.md#一-存在问题)，[好](对照检查材料.md#一-存在的问题)，[外部](https://example.org)。\n");
    let out = site.annals(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/2025/链接.md:6:8: 链接 `没有的文件.md` 指向 2025/没有的文件.html，站点中没有这个页面"), "{err}");
    assert!(
        err.contains("content/2025/链接.md:7:7: 2025/对照检查材料.html 中没有标题 `#一-存在问题`"),
        "{err}"
    );
    assert!(err.contains("是不是想写 `#一-存在的问题`？"));
    assert!(
        err.contains("警告: content/2025/链接.md:7:")
            && err.contains("`https://example.org` 在站点之外")
    );
    assert_eq!(err.matches("错误:").count(), 2, "{err}");
}

#[test]
fn overdue_records_are_warnings_and_strict_exits_2() {
    let site = Site::fixture("basic");
    site.write("content/2025/rectifications.yaml", "- id: 2025-01\n  problem: 文稿起草不深入\n  category: 履职尽责\n  deadline: 2026-06-30\n  status: 整改中\n");
    let clean = site.annals(&["check", "--today", "2026-06-01"]);
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    let late = site.annals(&["check", "--today", "2026-07-01"]);
    assert_eq!(late.status.code(), Some(0));
    assert!(stderr(&late).contains("警告: content/2025/rectifications.yaml:4:13: 记录 2025-01 已逾期：时限为 2026-06-30，目前仍为“整改中”"), "{}", stderr(&late));
    let strict = site.annals(&["check", "--strict", "--today", "2026-07-01"]);
    assert_eq!(strict.status.code(), Some(2));
}

#[test]
fn check_writes_nothing() {
    let site = Site::fixture("basic");
    let out = site.annals(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!site.public().exists());
    assert!(!site.root().join("search-index/index").exists());
}

#[test]
fn issue_19_emphasis_that_did_not_take_is_a_warning_with_its_position() {
    let site = Site::fixture("basic");
    site.write(
        "content/2025/整改方案.md",
        "---\ntitle: 整改方案\ntype: 整改方案\ndate: 2026-02-01\n---\n**（一）加强理论武装。**班子成员带头学习，\n深刻领悟**“两个确立”**的决定性意义。\n\n** 一是**抓学习，`a**b` 和 \\*\\*不算\\*\\*。\n",
    );
    let out = site.annals(&["check"]);
    let err = stderr(&out);
    let found: Vec<&str> = err.lines().filter(|l| l.contains("加粗没有生效")).collect();
    assert_eq!(
        found,
        [
            "警告: content/2025/整改方案.md:9:1: `**` 被原样显示成了字符：加粗没有生效",
            "警告: content/2025/整改方案.md:9:6: `**` 被原样显示成了字符：加粗没有生效",
        ],
        "{err}"
    );
}

#[test]
fn issue_14_reference_percent_encoded_and_bracketed_links() {
    let site = Site::fixture("basic");
    site.write(
        "content/2025/链接.md",
        "---\ntitle: 链接\ntype: 整改方案\ndate: 2026-02-01\n---\n见[甲][坏]和[乙][好]，[丙](%E5%AF%B9%E7%85%A7%E6%A3%80%E6%9F%A5%E6%9D%90%E6%96%99.md)，[丁](<对照检查材料.md>)。`[戊](代码里.md)`\n\n[坏]: 没有的文件.md\n[好]: 对照检查材料.md\n",
    );
    let out = site.annals(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("content/2025/链接.md:6:2: 链接 `没有的文件.md` 指向 2025/没有的文件.html"),
        "{err}"
    );
    assert_eq!(err.matches("错误:").count(), 1, "{err}");
    assert!(!err.contains("代码里"), "{err}");
}
