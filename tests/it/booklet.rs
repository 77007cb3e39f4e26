//! The year's booklet (年度汇编): every published document of the year in one page, each
//! printed from a new page, with a cover, a contents list and the year's ledger.

use crate::common::webdriver::Browser;
use crate::common::*;
use std::collections::BTreeSet;

#[test]
fn issue_16_the_booklet_holds_every_published_document_with_anchors_of_its_own() {
    let (site, _) = built("basic");
    let year = site.page("2025/index.html");
    assert!(
        year.contains("href=\"../2025/汇编.html\""),
        "the year page links it"
    );
    let html = site.page("2025/汇编.html");
    let main = main_region(&html);
    assert!(
        main.contains("测试办公室") && main.contains("材料汇编"),
        "{main}"
    );
    // The documents in the year page's order, the draft left out.
    let titles = [
        "测试办公室2025年度民主生活会召开情况报告",
        "2025年度对照检查材料",
    ];
    let at: Vec<usize> = titles
        .iter()
        .map(|t| {
            // The last two characters are joined (`keep_tail`).
            let split = t.char_indices().rev().nth(1).map_or(0, |(i, _)| i);
            let (head, tail) = t.split_at(split);
            main.find(&format!(
                "class=\"doc-title\">{head}<span class=\"nobr\">{tail}</span></h2>"
            ))
            .expect(t)
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    assert!(!main.contains("草稿内容不得发布"));
    // One id once: each document's headings carry its own prefix.
    let ids: Vec<&str> = main
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "{ids:?}");
    assert!(
        main.contains("href=\"#d1\""),
        "the contents link the documents"
    );
}

/// Printed, the cover, the contents and each document start their own pages.
#[test]
fn issue_16_the_booklet_prints_each_document_from_a_new_page() {
    let (site, _) = built("basic");
    let profile = tempfile::tempdir().expect("profile");
    let Some(b) = Browser::start(profile.path()) else {
        return;
    };
    let pages = |rel: &str| {
        b.goto(&format!("file://{}", site.public().join(rel).display()));
        let pdf = b.print_pdf();
        assert!(pdf.starts_with(b"%PDF"), "not a PDF");
        let text = String::from_utf8_lossy(&pdf);
        text.split("/Count ")
            .skip(1)
            .filter_map(|s| {
                s.split(|c: char| !c.is_ascii_digit())
                    .next()?
                    .parse::<usize>()
                    .ok()
            })
            .max()
            .expect("a page count")
    };
    let documents = site
        .page("2025/汇编.html")
        .matches("class=\"official booklet-doc\"")
        .count();
    assert_eq!(documents, 4, "2025 has four published documents");
    let booklet = pages("2025/汇编.html");
    assert!(
        booklet >= documents + 2,
        "{booklet} pages for a cover, a contents page and {documents} documents"
    );
    // A short document is one page: the booklet's breaks are its own, not every page's.
    assert_eq!(pages("2025/发言提纲-甲.html"), 1);
}

/// Printed, a document page carries its page number at the foot (`— 1 —`, where Chromium draws
/// @page margin boxes) and none of the screen's side panels or hints (#17 item 11).
#[test]
fn issue_17_a_printed_document_has_page_numbers_and_no_screen_parts() {
    let (site, _) = built("basic");
    let profile = tempfile::tempdir().expect("profile");
    let Some(b) = Browser::start(profile.path()) else {
        return;
    };
    b.goto(&format!(
        "file://{}",
        site.public().join("2025/召开情况报告.html").display()
    ));
    assert!(
        b.eval("return document.querySelector('.doc-side .print-hint').textContent")
            .as_str()
            .unwrap()
            .contains("页眉和页脚"),
        "the page says how to print without the browser's header"
    );
    let pdf = b.print_pdf();
    let text = annals::import::pdf::text(&pdf).expect("the printed PDF has text");
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("—1—"), "no page number: {text}");
    for screen in ["打印本文件", "文件信息", "跳到正文"] {
        assert!(!flat.contains(screen), "{screen} is printed: {text}");
    }
}

/// Each document's text in the booklet is its own (the booklet takes the HTML its page was
/// rendered with, `render::kept`): under its title, before the next document's.
#[test]
fn issue_15_the_booklet_shows_each_document_under_its_own_title() {
    let (site, _) = built("basic");
    let booklet = site.page("2025/汇编.html");
    let between = |s: &str, a: &str, b: &str| -> String {
        let from = s.find(a).unwrap_or_else(|| panic!("no {a}")) + a.len();
        s[from..from + s[from..].find(b).unwrap_or_else(|| panic!("no {b}"))].to_string()
    };
    let mut placed: Vec<(usize, usize)> =
        ["召开情况报告", "对照检查材料", "发言提纲-甲", "发言提纲-乙"]
            .iter()
            .map(|name| {
                let page = site.page(&format!("2025/{name}.html"));
                let title = between(&page, "class=\"doc-title\">", "</h1>");
                let prose = between(&page, "<div class=\"prose\">", "</div>");
                let first = between(&prose, "<p>", "</p>");
                let title_at = booklet
                    .find(&format!("class=\"doc-title\">{title}</h2>"))
                    .unwrap_or_else(|| panic!("{name}: title not in the booklet"));
                let text_at = title_at
                    + booklet[title_at..]
                        .find(&first)
                        .unwrap_or_else(|| panic!("{name}: {first} not under its title"));
                (title_at, text_at)
            })
            .collect();
    placed.sort();
    for w in placed.windows(2) {
        assert!(
            w[0].1 < w[1].0,
            "a document's text runs into the next one: {placed:?}"
        );
    }
}
