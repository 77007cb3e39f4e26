//! Originals and attachments: the file beside a document with its name, or listed under
//! `attachments:`, is offered on the document's page; the year's other files on the year's
//! page; a file no page lists is pointed out by `check`.

use crate::common::*;

#[test]
fn issue_16_originals_are_listed_on_their_documents_and_the_rest_on_the_year() {
    let (site, _) = built("basic");
    let report = site.page("2025/召开情况报告.html");
    assert!(
        report.contains("<a href=\"../2025/召开情况报告.pdf\">召开情况报告.pdf</a> <span class=\"meta\">PDF · 1 KB</span>"),
        "a PDF opens in the browser: {report}"
    );
    let check = site.page("2025/对照检查材料.html");
    assert!(
        check.contains("<a href=\"../2025/附件/会议通知.ofd\" download>会议通知.ofd</a> <span class=\"meta\">OFD · 1 KB · 下载</span>"),
        "an OFD is downloaded: {check}"
    );
    let year = main_region(&site.page("2025/index.html")).to_string();
    assert!(year.contains("议程.txt"), "{year}");
    assert!(
        !year.contains("召开情况报告.pdf") && !year.contains("会议通知.ofd"),
        "a document's own files are not the year's other files: {year}"
    );
    assert!(site.public().join("2025/召开情况报告.pdf").is_file());
}

#[test]
fn issue_16_an_attachment_that_is_not_there_fails_and_an_unlisted_file_is_pointed_out() {
    let site = Site::fixture("basic");
    site.write(
        "content/2025/发言提纲-乙.md",
        "---\ntitle: 乙同志发言提纲\ntype: 发言提纲\ndate: 2026-01-10\nperson: 乙\nattachments: [原件.pdf]\n---\n正文。\n",
    );
    let err = site.build_fails();
    assert!(
        err.contains("content/2025/发言提纲-乙.md")
            && err.contains("`attachments`：档案中没有 `原件.pdf` 这个文件"),
        "{err}"
    );
    site.write("content/2025/原件.pdf", "%PDF-1.4\n");
    site.write("content/说明.docx", "PK");
    let out = site.annals(&["check"]);
    let err = stderr(&out);
    assert!(
        err.contains("content/说明.docx") && err.contains("没有页面列出这个文件"),
        "{err}"
    );
    assert!(
        !err.contains("原件.pdf"),
        "a listed attachment is fine: {err}"
    );
}
