//! `annals import` of PDFs: a text PDF as Word and WPS write it (a CID font with Identity-H
//! encoding and a ToUnicode map) is read as its text and imported as the text importer would;
//! a scan and the old Word/WPS formats get a message that says what to do.

use crate::common::*;

/// A one-page A4 PDF showing `lines` in a CID font (Identity-H) with a ToUnicode map, the way
/// Word, WPS and browsers export Chinese text; or, with no lines, a page with only an image,
/// as a scanner writes it.
pub(crate) fn pdf(lines: &[&str]) -> Vec<u8> {
    let mut chars: Vec<char> = lines.iter().flat_map(|l| l.chars()).collect();
    chars.sort_unstable();
    chars.dedup();
    let cid = |c: char| chars.iter().position(|x| *x == c).expect("mapped") + 1;
    let mut content = String::new();
    if lines.is_empty() {
        content.push_str("q 595 0 0 842 0 0 cm /Im1 Do Q\n");
    } else {
        content.push_str("BT /F1 14 Tf 20 TL 56 780 Td\n");
        for line in lines {
            let hex: String = line.chars().map(|c| format!("{:04X}", cid(c))).collect();
            content.push_str(&format!("<{hex}> Tj T*\n"));
        }
        content.push_str("ET\n");
    }
    let bfchar: String = chars
        .iter()
        .map(|c| format!("<{:04X}> <{:04X}>\n", cid(*c), *c as u32))
        .collect();
    let cmap = format!(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n{} beginbfchar\n{bfchar}endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n",
        chars.len()
    );
    let image = "abc";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> /XObject << /Im1 8 0 R >> >> /Contents 5 0 R >>".to_string(),
        "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /CIDToGIDMap /Identity /FontDescriptor 9 0 R >>".to_string(),
        format!("<< /Length {} >>\nstream\n{cmap}endstream", cmap.len()),
        format!("<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length 3 >>\nstream\n{image}\nendstream"),
        "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -140 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>".to_string(),
    ];
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn issue_16_a_text_pdf_imports_as_its_text() {
    let site = Site::fixture("basic");
    std::fs::remove_file(site.root().join("content/2025/召开情况报告.md")).unwrap();
    let file = site.holder().join("报告.pdf");
    std::fs::write(
        &file,
        pdf(&[
            "测试办公室2025年度民主生活会召开情况报告",
            "一、会前准备扎实充分",
            "会前，班子成员认真开展集中学习，深入",
            "查摆问题，形成对照检查材料。",
            "2026年1月26日",
        ]),
    )
    .unwrap();
    let out = site.annals(&["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(site.root().join("content/2025/召开情况报告.md"))
        .expect("written where a 2025 召开情况报告 belongs");
    assert!(
        md.contains("title: 测试办公室2025年度民主生活会召开情况报告"),
        "{md}"
    );
    assert!(md.contains("## 一、会前准备扎实充分"), "{md}");
    assert!(
        md.contains("深入查摆问题"),
        "the PDF's hard line break inside a sentence is joined: {md}"
    );
    assert!(md.contains("date: 2026-01-26"), "{md}");
}

#[test]
fn issue_16_a_scan_an_old_word_file_and_a_broken_pdf_say_what_to_do() {
    let site = Site::fixture("basic");
    let run = |name: &str, bytes: &[u8]| {
        let file = site.holder().join(name);
        std::fs::write(&file, bytes).unwrap();
        let out = site.annals(&["import", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{err}");
        err
    };
    let scan = run("扫描件.pdf", &pdf(&[]));
    assert!(
        scan.contains("没有文字层") && scan.contains("OCR"),
        "{scan}"
    );
    let doc = run("旧文件.doc", b"\xD0\xCF\x11\xE0");
    assert!(doc.contains("另存为 .docx"), "{doc}");
    let wps = run("旧文件.wps", b"\xD0\xCF\x11\xE0");
    assert!(wps.contains(".wps"), "{wps}");
    let mut broken = pdf(&["半截文件"]);
    broken.truncate(broken.len() / 2);
    let cut = run("半截.pdf", &broken);
    assert!(
        cut.contains("无法读取这个 PDF") || cut.contains("没有文字层"),
        "{cut}"
    );
}

/// A PDF as a real program writes it (Chromium's print, with embedded subset CJK fonts and
/// their ToUnicode maps, as Word and WPS do) imports as its text.
#[test]
fn issue_16_a_pdf_printed_by_chromium_imports() {
    use crate::common::webdriver::Browser;
    let (built, _) = built("basic");
    let profile = tempfile::tempdir().expect("profile");
    let Some(b) = Browser::start(profile.path()) else {
        return;
    };
    b.goto(&format!(
        "file://{}",
        built.public().join("2025/召开情况报告.html").display()
    ));
    let printed = b.print_pdf();
    let site = Site::fixture("basic");
    std::fs::remove_file(site.root().join("content/2025/召开情况报告.md")).unwrap();
    let file = site.holder().join("打印件.pdf");
    std::fs::write(&file, printed).unwrap();
    let out = site.annals(&[
        "import",
        file.to_str().unwrap(),
        "--year",
        "2025",
        "--type",
        "召开情况报告",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = std::fs::read_to_string(site.root().join("content/2025/召开情况报告.md")).unwrap();
    assert!(md.contains("精耕细作抓筹备"), "{md}");
    assert!(md.contains("强化理论武装"), "{md}");
    // The font's radicals are read as the ideographs they stand for (`⺠` is 民), and the page
    // numbers printed at the foot (`— 1 —`) are not text.
    assert!(
        md.contains("民主生活会") && !md.contains('⺠') && !md.contains('⽣'),
        "{md}"
    );
    assert!(
        !md.lines().any(|l| l.trim().trim_matches('—').trim() == "1"),
        "{md}"
    );
}
