//! The command line speaks Chinese by default and English when asked (`--lang en`, or a locale
//! starting with `en`); `annals check --format json` keeps its stable English codes in both.

use crate::common::*;

fn broken_site() -> Site {
    let site = Site::fixture("basic");
    site.write(
        "content/2025/坏.md",
        "---\ntitle: 报告\ntype: 整改方按\ndate: 2025-02-30\n---\n于2026年*月召开。\n",
    );
    site
}

#[test]
fn issue_17_messages_are_chinese_by_default_and_english_when_asked() {
    let site = broken_site();
    let zh = stderr(&site.annals(&["build"]));
    for want in [
        "错误: content/2025/坏.md:3:7: 未知的文件类型 `整改方按`",
        "= 修改方法: 是不是想写 `整改方案`？",
        "错误: content/2025/坏.md:4:7: `date`：`2025-02-30` 不是真实存在的日期",
        "失败：2 个错误；原来的输出保持不变",
    ] {
        assert!(zh.contains(want), "lacks {want:?}:\n{zh}");
    }
    let en = stderr(&site.annals(&["build", "--lang", "en"]));
    for want in [
        "error: content/2025/坏.md:3:7: unknown document type `整改方按`",
        "= help: did you mean `整改方案`?",
        "failed: 2 error(s); the previous output was left unchanged",
    ] {
        assert!(en.contains(want), "lacks {want:?}:\n{en}");
    }
    // The locale asks for English too; --lang wins over it.
    let by_locale = annals()
        .env("LANG", "en_US.UTF-8")
        .args(["check", "--root"])
        .arg(site.root())
        .output()
        .expect("run annals");
    assert!(
        stderr(&by_locale).contains("checked: 3 error(s), 0 warning(s)"),
        "{}",
        stderr(&by_locale)
    );
    let overruled = annals()
        .env("LC_ALL", "en_US.UTF-8")
        .args(["check", "--lang", "zh", "--root"])
        .arg(site.root())
        .output()
        .expect("run annals");
    assert!(
        stderr(&overruled).contains("检查完毕：3 个错误，0 个警告"),
        "{}",
        stderr(&overruled)
    );
}

#[test]
fn issue_17_json_keeps_english_codes_in_either_language() {
    let site = broken_site();
    let codes = |lang: &str| {
        let out = site.annals(&["check", "--format", "json", "--lang", lang]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let diags = v["diagnostics"].as_array().expect("diagnostics").clone();
        let placeholder = diags
            .iter()
            .find(|d| d["code"] == "placeholder")
            .expect("the placeholder is reported with its code")
            .clone();
        (
            v["errors"].clone(),
            placeholder["message"].as_str().unwrap().to_string(),
        )
    };
    let (zh_errors, zh) = codes("zh");
    let (en_errors, en) = codes("en");
    assert_eq!(zh_errors, en_errors);
    assert_eq!(zh, "未填写的占位符 `*月`");
    assert_eq!(en, "unfilled placeholder `*月`");
}

#[test]
fn issue_17_help_and_usage_errors_speak_the_language() {
    let site = Site::fixture("basic");
    let help = site.annals(&["build", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(help.status.success());
    for want in [
        "用法：annals build",
        "选项:",
        "--gzip",
        "显示帮助",
        "生成站点到 public/",
    ] {
        assert!(text.contains(want), "lacks {want:?}:\n{text}");
    }
    assert!(!text.contains("Print help"), "{text}");
    let typo = site.annals(&["biuld"]);
    assert_eq!(typo.status.code(), Some(2));
    let err = stderr(&typo);
    assert!(err.contains("错误：不认识的命令“biuld”"), "{err}");
    assert!(err.contains("是不是想写“build”？"), "{err}");
    let value = site.annals(&["search", "--sort", "size", "问题"]);
    assert_eq!(value.status.code(), Some(2));
    assert!(
        stderr(&value)
            .contains("“size”不是参数 --sort <SORT> 可以取的值；可以取的值：relevance、date"),
        "{}",
        stderr(&value)
    );
    let english = site.annals(&["--lang", "en", "biuld"]);
    assert_eq!(english.status.code(), Some(2));
    assert!(stderr(&english).contains("unrecognized subcommand 'biuld'"));
}
