//! The ledger back to Excel (`ledger/*.xlsx`): what a build writes is a workbook the importer
//! reads back as the same records, with text cells that never turn into formulas, real date
//! cells and a frozen header.

use crate::common::*;
use annals::config::Config;
use annals::ledger::{self, Record};
use std::fs;
use std::io::Read;
use std::path::Path;

/// A record whose texts would be formulas if they were written as typed.
const FORMULAS: &str = "
- id: 2025-99
  problem: =HYPERLINK(\"http://x\",\"点击\")不是公式
  category: 作风建设
  measures: ['+1 项措施', '-2 项措施', '@某某同志负责']
  owner: 办公室
  deadline: 2026-06-30
  status: 已完成
  completed_on: 2026-05-20
  progress:
    - {date: 2026-03-01, note: 已建立机制}
";

/// The shipped archive with a ledger record that looks like formulas, built on a fixed day.
fn archive() -> Site {
    let site = Site::nested("basic");
    fs::remove_dir_all(site.root()).expect("clear");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for part in [
        "annals.yaml",
        "content",
        "search-index/dictionary.txt",
        "search-index/synonyms.yaml",
    ] {
        let from = repo.join(part);
        if from.is_dir() {
            copy_tree(&from, &site.root().join(part));
        } else {
            fs::create_dir_all(site.root().join(part).parent().expect("parent")).expect("mkdir");
            fs::copy(&from, site.root().join(part)).expect("copy");
        }
    }
    let path = site.root().join("content/2025/rectifications.yaml");
    let yaml = fs::read_to_string(&path).expect("the archive has a 2025 ledger");
    fs::write(&path, yaml + FORMULAS).expect("write");
    let out = site.annals(&["build", "--today", "2026-11-30"]);
    assert!(out.status.success(), "{}", stderr(&out));
    site
}

fn records(site: &Site, name: &str, bytes: &[u8], year: i32) -> Vec<Record> {
    let config = Config::load(site.root()).expect("config");
    ledger::parse(Path::new(name), name, bytes, year, &config)
        .unwrap_or_else(|d| panic!("{name}: {d:#?}"))
}

fn written(records: &[Record]) -> Vec<Vec<(&'static str, ledger::Value)>> {
    records
        .iter()
        .map(|r| r.written().into_iter().map(|(f, v)| (f.key, v)).collect())
        .collect()
}

/// The XML of a workbook's part.
fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect("the part")
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

#[test]
fn issue_16_the_ledger_goes_to_excel_and_imports_as_it_was() {
    let site = archive();
    let mut years = 0;
    for entry in fs::read_dir(site.root().join("content")).expect("content") {
        let dir = entry.expect("entry").path();
        let source = dir.join("rectifications.yaml");
        let Some(year) = dir
            .file_name()
            .and_then(|n| n.to_str()?.parse::<i32>().ok())
        else {
            continue;
        };
        if !source.exists() {
            continue;
        }
        years += 1;
        let want = records(
            &site,
            "rectifications.yaml",
            &fs::read(&source).unwrap(),
            year,
        );
        let xlsx = fs::read(
            site.public()
                .join(format!("ledger/{year}年度整改台账.xlsx")),
        )
        .expect("a workbook per year");
        let got = records(&site, "rectifications.xlsx", &xlsx, year);
        assert!(!want.is_empty());
        assert_eq!(
            written(&got),
            written(&want),
            "{year}: the records read back differ"
        );
    }
    assert!(years >= 2, "the archive has {years} ledgers");

    // The workbook of every year: a sheet a year, newest first (what an import reads), then all.
    let all = fs::read(site.public().join("ledger/整改台账.xlsx")).expect("the whole workbook");
    let book = part(&all, "xl/workbook.xml");
    let sheets: Vec<&str> = book
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(sheets.first(), Some(&"2025年度"), "{sheets:?}");
    assert_eq!(sheets.last(), Some(&"全部"), "{sheets:?}");
    let source = fs::read(site.root().join("content/2025/rectifications.yaml")).unwrap();
    assert_eq!(
        written(&records(&site, "rectifications.xlsx", &all, 2025)),
        written(&records(&site, "rectifications.yaml", &source, 2025))
    );
}

#[test]
fn issue_16_cells_are_text_dates_are_dates_and_the_header_stays() {
    use calamine::{Data, Reader};
    let site = archive();
    let bytes = fs::read(site.public().join("ledger/整改台账.xlsx")).unwrap();
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.clone())).expect("xlsx");
    let sheet = book
        .worksheet_range("全部")
        .expect("the sheet of every year");
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let header: Vec<String> = rows[1].iter().map(|c| c.to_string()).collect();
    assert_eq!(&header[..3], ["年度", "编号", "问题表现"], "{header:?}");
    let row = rows
        .iter()
        .find(|r| r.iter().any(|c| *c == "2025-99"))
        .expect("the record");
    let at = |label: &str| &row[header.iter().position(|h| h == label).expect(label)];
    assert!(
        matches!(at("问题表现"), Data::String(s) if s.starts_with("=HYPERLINK")),
        "{:?}",
        at("问题表现")
    );
    assert!(matches!(at("整改措施"), Data::String(s) if s.starts_with("+1 项措施\n-2")));
    assert!(
        matches!(at("实际完成时间"), Data::DateTime(_)),
        "{:?}",
        at("实际完成时间")
    );
    assert!(matches!(at("进展"), Data::String(s) if s == "2026-03-01 已建立机制"));
    // No cell of any sheet is a formula.
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).expect("formulas");
        assert!(
            formulas.used_cells().next().is_none(),
            "{name} has a formula"
        );
    }
    // The title row, then the header frozen under it on every sheet.
    let first = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        first.contains("state=\"frozen\"") && first.contains("ySplit=\"2\""),
        "{first}"
    );
    // The pages link the workbooks.
    let ledger = site.page("ledger/index.html");
    assert!(
        ledger.contains("href=\"../ledger/整改台账.xlsx\""),
        "{ledger}"
    );
    assert!(
        site.page("2025/index.html")
            .contains("href=\"../ledger/2025年度整改台账.xlsx\"")
    );
}
