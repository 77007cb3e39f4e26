//! `annals build` on fixture sites: the pages, their links, the Chinese rendering rules,
//! atomic output and determinism.

use crate::common::*;
use std::fs;

#[test]
fn builds_every_page() {
    let (site, err) = built("basic");
    assert!(err.contains("已生成 2 个年度、6 份文件"), "{err}");
    let files = tree(&site.public());
    for page in [
        "index.html",
        "404.html",
        "2024/index.html",
        "2025/index.html",
        "2025/召开情况报告.html",
        "2025/发言提纲-甲.html",
        "2024/对照检查材料.html",
        "2025/附件/议程.txt",
        "assets/annals.css",
    ] {
        assert!(
            files.contains_key(page),
            "missing {page}; have {:?}",
            files.keys().collect::<Vec<_>>()
        );
    }
    assert!(
        !files.contains_key("2025/草稿.html"),
        "a draft was published"
    );
    assert!(
        !files
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("草稿内容不得发布"))
    );
}

/// The years navigation marks the page's own year (`aria-current`), and only on that year's
/// pages.
#[test]
fn the_years_navigation_marks_the_pages_own_year() {
    let (site, _) = built("basic");
    let current = |rel: &str| -> Vec<String> {
        let html = site.page(rel);
        let nav = &html[html.find("class=\"years-nav\"").expect(rel)..];
        let nav = &nav[..nav.find("</nav>").expect(rel)];
        nav.split("<a ")
            .filter(|a| a.contains("aria-current=\"page\""))
            .map(|a| a[a.find('>').unwrap() + 1..a.find("</a>").unwrap()].to_string())
            .collect()
    };
    assert_eq!(current("2025/召开情况报告.html"), ["2025年度"]);
    assert_eq!(current("2025/index.html"), ["2025年度"]);
    assert_eq!(current("2024/对照检查材料.html"), ["2024年度"]);
    assert!(current("index.html").is_empty());
    assert!(current("search.html").is_empty());
}

#[test]
fn every_link_resolves_to_a_file_and_anchor() {
    let (site, _) = built("basic");
    let files = tree(&site.public());
    let mut checked = 0;
    for (page, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).expect("utf8 page");
        for link in links(&html) {
            let (target, frag) = resolve(page, &link)
                .unwrap_or_else(|| panic!("{page}: link leaves the site: {link}"));
            let Some(body) = files.get(&target) else {
                panic!("{page}: link {link} -> {target} does not exist")
            };
            if let Some(frag) = frag.filter(|f| !f.is_empty()) {
                let target_ids = ids(&String::from_utf8_lossy(body));
                assert!(
                    target_ids.contains(&frag),
                    "{page}: link {link}: no id `{frag}` in {target}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 100, "only {checked} links checked");
}

#[test]
fn page_titles_and_metadata() {
    let (site, _) = built("basic");
    let doc = site.page("2025/召开情况报告.html");
    assert!(doc.contains("<title>测试办公室2025年度民主生活会召开情况报告 - 测试档案</title>"));
    let main = main_region(&doc);
    assert!(main.contains("<p class=\"doc-number\">测办〔2026〕5号</p>"));
    assert!(
        main.contains("<span class=\"date\">2026年1月26日</span>"),
        "date in Chinese form without leading zeros"
    );
    assert!(
        main.contains("<dd>批评与自我批评</dd>") || main.contains("民主生活会、批评与自我批评")
    );
    let year = site.page("2025/index.html");
    let main = main_region(&year);
    assert!(main.contains("<dd>2026年1月20日</dd>"));
    assert!(main.contains("<dd>作风建设</dd>"));
    // Types in vocabulary order: 召开情况报告 before 对照检查材料 before 发言提纲; then `weight`.
    let order: Vec<usize> = [
        "召开情况报告</h3>",
        "对照检查材料</h3>",
        "发言提纲</h3>",
        "甲同志",
        "乙同志",
    ]
    .iter()
    .map(|s| main.find(s).unwrap_or_else(|| panic!("{s} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let home = main_region(&site.page("index.html")).to_string();
    assert!(
        home.find(">2025</span>").expect("2025 on timeline")
            < home.find(">2024</span>").expect("2024 on timeline")
    );
}

#[test]
fn soft_breaks_between_chinese_characters_vanish() {
    let (site, _) = built("basic");
    let main = main_region(&site.page("2025/召开情况报告.html")).to_string();
    // Between two CJK characters the break vanishes; next to a digit it stays a space, as CSS does.
    assert!(
        main.contains(
            "测试办公室紧扣民主生活会主题，于 2026 年\n1月20日召开 2025 年度民主生活会。"
        ),
        "{main}"
    );
    assert!(main.contains("<strong>1.聚焦主题深学细悟。</strong>坚持把学习贯穿筹备工作全过程，严格落实“第一议题”制度。"));
    assert!(!main.contains("<ol"), "a run-in heading became a list");
}

#[test]
fn table_of_contents_links_headings_with_numbering() {
    let (site, _) = built("basic");
    let main = main_region(&site.page("2025/召开情况报告.html")).to_string();
    for (id, text) in [
        (
            "一-精耕细作抓筹备-筑牢会议思想根基",
            "一、精耕细作抓筹备，筑牢会议思想根基",
        ),
        (
            "一-强化理论武装-夯实思想共识",
            "（一）强化理论武装，夯实思想共识",
        ),
        (
            "一-强化理论武装-夯实思想共识-2",
            "（一）强化理论武装，夯实思想共识",
        ),
        (
            "二-深入谈心谈话-凝聚思想合力",
            "（二）深入谈心谈话，凝聚思想合力",
        ),
    ] {
        assert!(
            main.contains(&format!("<a href=\"#{id}\">{text}</a>")),
            "toc entry {id}"
        );
        assert!(
            main.contains(&format!("id=\"{id}\">{text}</h")),
            "heading {id}"
        );
    }
}

#[test]
fn same_type_in_other_years_is_linked() {
    let (site, _) = built("basic");
    let jia = main_region(&site.page("2025/发言提纲-甲.html")).to_string();
    assert!(jia.contains("href=\"../2024/发言提纲-甲.html\""), "{jia}");
    let yi = main_region(&site.page("2025/发言提纲-乙.html")).to_string();
    assert!(
        !yi.contains("2024/发言提纲"),
        "乙 has no earlier outline, must not link 甲's"
    );
    let old = main_region(&site.page("2024/对照检查材料.html")).to_string();
    assert!(
        old.contains("href=\"../2025/对照检查材料.html\""),
        "alias 检视剖析材料 counts as 对照检查材料"
    );
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = Site::fixture("basic");
    site.build();
    let before = tree(&site.public());
    site.write(
        "content/2025/新文件.md",
        "---\ntitle: 新\ntype: 整改方案\ndate: 2026-02-30\n---\n正文\n",
    );
    site.write(
        "content/2025/召开情况报告.md",
        "---\ntitle: 改过的\ntype: 召开情况报告\ndate: 2026-01-26\n---\n新的正文\n",
    );
    let err = site.build_fails();
    assert!(err.contains("content/2025/新文件.md:4:7"), "{err}");
    assert_eq!(
        tree(&site.public()),
        before,
        "public/ changed after a failed build"
    );
    let leftovers: Vec<_> = fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn same_input_gives_identical_output() {
    let site = Site::fixture("basic");
    let run = |threads: &str, out: &str| {
        let status = crate::common::annals()
            .env("RAYON_NUM_THREADS", threads)
            .args(["build", "--root"])
            .arg(site.root())
            .arg("--output")
            .arg(site.root().join(out))
            .status()
            .expect("run");
        assert!(status.success());
        tree(&site.root().join(out))
    };
    let a = run("1", "out-a");
    let b = run("4", "out-b");
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    assert!(a == b, "two builds differ");
}

#[test]
fn site_templates_and_static_override_the_theme() {
    let site = Site::fixture("basic");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>自定义的404页面</p>{% endblock main %}",
    );
    site.write("static/assets/annals.css", "body{color:black}");
    site.build();
    assert!(site.page("404.html").contains("自定义的404页面"));
    assert_eq!(site.page("assets/annals.css"), "body{color:black}");
}

/// `nav.html` is rendered once per folder and shared by the folder's pages: an override sees
/// `site`, `root` and `folder`, and each page shows its own folder's navigation.
#[test]
fn a_sites_nav_template_is_rendered_for_each_folder() {
    let site = Site::fixture("basic");
    site.write(
        "templates/nav.html",
        "<nav class=\"mine\">[{{ folder }}|{{ root }}|{{ site.years | length }}]</nav>",
    );
    site.build();
    for (page, nav) in [
        ("index.html", "[||2]"),
        ("search.html", "[||2]"),
        ("2025/召开情况报告.html", "[2025/|../|2]"),
        ("2025/index.html", "[2025/|../|2]"),
        ("2024/对照检查材料.html", "[2024/|../|2]"),
    ] {
        let html = site.page(page);
        assert!(
            html.contains(&format!("<nav class=\"mine\">{nav}</nav>")),
            "{page}: {html}"
        );
        assert!(!html.contains("years-nav"), "{page}");
    }
    // A template error in it names the file, and the build fails.
    site.write("templates/nav.html", "{% for y in %}");
    let out = site.annals(&["build"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nav.html"));
}

#[test]
fn the_shipped_archive_builds_with_resolving_links() {
    let out = tempfile::tempdir().expect("temp");
    let status = crate::common::annals()
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(out.path().join("public"))
        .output()
        .expect("run");
    assert!(status.status.success(), "{}", stderr(&status));
    let files = tree(&out.path().join("public"));
    let years: Vec<_> = files
        .keys()
        .filter(|k| k.ends_with("/index.html"))
        .collect();
    assert!(years.len() >= 3, "{years:?}");
    for (page, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        for link in links(&String::from_utf8_lossy(bytes)) {
            let (target, _) =
                resolve(page, &link).unwrap_or_else(|| panic!("{page}: external link {link}"));
            assert!(
                files.contains_key(&target),
                "{page}: {link} -> {target} missing"
            );
        }
    }
}

/// Every file of the built site, pages, styles, scripts and charts alike, references nothing
/// outside the site: no http(s) URL, no protocol-relative `//host`, no `url(` to elsewhere.
#[test]
fn output_references_nothing_outside_itself() {
    let out = tempfile::tempdir().expect("temp");
    let status = crate::common::annals()
        .args([
            "build",
            "--today",
            "2026-11-25",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            "--output",
        ])
        .arg(out.path().join("public"))
        .output()
        .expect("run");
    assert!(status.status.success(), "{}", stderr(&status));
    let files = tree(&out.path().join("public"));
    assert!(files.len() > 50);
    for (path, bytes) in &files {
        // The static search index's scripts are UTF-16 (see src/search/bundle/encode.rs).
        let text = match bytes.strip_prefix(&[0xFF, 0xFE]) {
            Some(utf16) => String::from_utf16_lossy(
                &utf16
                    .chunks(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect::<Vec<_>>(),
            ),
            None => String::from_utf8_lossy(bytes).into_owned(),
        }
        .to_ascii_lowercase();
        for needle in [
            "http:", "https:", "ftp:", "\"//", "'//", "(//", "=//", "@import",
        ] {
            assert!(!text.contains(needle), "{path} contains `{needle}`");
        }
        for l in links(&String::from_utf8_lossy(bytes)) {
            assert!(
                resolve(path, &l).is_some(),
                "{path}: link {l} leaves the site"
            );
        }
    }
}

/// Progress: plain lines in a pipe (`--progress lines`), before the summary and in step order,
/// every step said even when it passed between two looks; `--progress none` says the summary
/// only. (The default in a pipe waits two seconds before its first line, too long to test
/// without a timed test.)
#[test]
fn issue_17_long_builds_show_progress_lines_before_the_summary() {
    let site = Site::fixture("basic");
    let out = site.annals(&["build", "--progress", "lines"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let at = |s: &str| err.find(s).unwrap_or_else(|| panic!("lacks {s:?}:\n{err}"));
    let loading = at("正在读取和检查档案…");
    let rendering = at("个页面和检索索引…");
    let publishing = at("正在发布…");
    let summary = at("已生成 2 个年度");
    assert!(
        loading < rendering && rendering < publishing && publishing < summary,
        "{err}"
    );
    let quiet = site.annals(&["build", "--progress", "none"]);
    assert!(!stderr(&quiet).contains("正在"), "{}", stderr(&quiet));
}
