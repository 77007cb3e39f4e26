//! RENDER: the ledger back to Excel, the table a 督查 office asks for. `ledger/整改台账.xlsx`
//! holds a sheet a year (newest first) and one of every year, and
//! `ledger/YYYY年度整改台账.xlsx` each year's sheet alone.
//!
//! The columns are the schema's ([`crate::ledger::fields`]), with the Chinese labels the
//! importer reads, so importing a year's sheet gives back that year's records. A title row,
//! the header frozen and repeated on every printed page, wrapped text, real date cells, widths
//! that fit the text, A4 landscape. Every text is written as a text cell: a problem that
//! starts with `=` stays words, never a formula.

use crate::dates;
use crate::error::Diagnostic;
use crate::ledger::fields::{self, Field};
use crate::ledger::{Record, Value};
use crate::model::Site;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet};
use unicode_width::UnicodeWidthStr;

/// The site path of the workbook of `year`, or of every year.
pub fn workbook_url(year: Option<i32>) -> String {
    match year {
        Some(y) => format!("ledger/{y}年度整改台账.xlsx"),
        None => "ledger/整改台账.xlsx".into(),
    }
}

/// The column a sheet of every year starts with (the importer skips it: a ledger's year is
/// its folder's).
pub const YEAR_LABEL: &str = "年度";

/// Column widths, in Excel's units (about one Latin character; a Chinese one takes two).
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 40;

/// The workbook of `year` (one sheet) or of every year (a sheet a year, then all).
pub fn workbook(site: &Site, year: Option<i32>) -> Result<Vec<u8>, Diagnostic> {
    let failed = |e: rust_xlsxwriter::XlsxError| {
        Diagnostic::error(
            workbook_url(year),
            crate::msg::publish::workbook_failed(&e.to_string()),
        )
        .help(crate::msg::publish::bug_help())
    };
    let org = &site.config.organisation;
    let mut book = Workbook::new();
    let years: Vec<i32> = site
        .years
        .iter()
        .map(|y| y.year)
        .filter(|y| year.is_none_or(|want| want == *y))
        .collect();
    for y in &years {
        let records: Vec<&Record> = site
            .ledger
            .entries
            .iter()
            .map(|e| &e.record)
            .filter(|r| r.year == *y)
            .collect();
        if records.is_empty() {
            continue;
        }
        let sheet = book.add_worksheet();
        let title = format!("{org}{y}年度民主生活会整改台账");
        fill(sheet, &format!("{y}年度"), &title, &records, false).map_err(failed)?;
    }
    if year.is_none() {
        let records: Vec<&Record> = site.ledger.entries.iter().map(|e| &e.record).collect();
        let sheet = book.add_worksheet();
        let title = format!("{org}民主生活会整改台账（各年度）");
        fill(sheet, "全部", &title, &records, true).map_err(failed)?;
    }
    book.save_to_buffer().map_err(failed)
}

/// A cell's text and whether it is a date.
enum Cell {
    Text(String),
    Date(chrono::NaiveDate),
}

fn cell(value: &Value) -> Cell {
    match value {
        Value::Text(t) => match chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            Ok(d) => Cell::Date(d),
            Err(_) => Cell::Text(t.clone()),
        },
        Value::List(l) => Cell::Text(l.join("\n")),
        Value::Dated(d) => Cell::Text(
            d.iter()
                .map(|p| format!("{} {}", dates::iso(p.date), p.note))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    }
}

/// Display width of a cell's longest line.
fn width(cell: &Cell) -> usize {
    match cell {
        Cell::Text(t) => t.lines().map(UnicodeWidthStr::width).max().unwrap_or(0),
        Cell::Date(_) => 16,
    }
}

/// Writes one sheet: title, header, a row a record.
fn fill(
    sheet: &mut Worksheet,
    name: &str,
    title: &str,
    records: &[&Record],
    with_year: bool,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    // Each record's fields once, then the columns some record fills, in the schema's order
    // (the essentials always).
    let written: Vec<Vec<(&'static Field, Value)>> = records.iter().map(|r| r.written()).collect();
    let columns: Vec<&Field> = fields::FIELDS
        .iter()
        .filter(|f| {
            ["id", "problem", "category", "status"].contains(&f.key)
                || written.iter().flatten().any(|(w, _)| w.key == f.key)
        })
        .collect();
    let rows: Vec<Vec<Option<Cell>>> = records
        .iter()
        .zip(&written)
        .map(|(r, written)| {
            let mut row: Vec<Option<Cell>> = Vec::with_capacity(columns.len() + 1);
            if with_year {
                row.push(Some(Cell::Text(r.year.to_string())));
            }
            row.extend(columns.iter().map(|f| {
                written
                    .iter()
                    .find(|(w, _)| w.key == f.key)
                    .map(|(_, v)| cell(v))
            }));
            row
        })
        .collect();
    let mut labels: Vec<&str> = columns.iter().map(|f| f.label).collect();
    if with_year {
        labels.insert(0, YEAR_LABEL);
    }
    let font = |f: Format| f.set_font_name("宋体").set_font_size(11);
    let title_format = font(Format::new())
        .set_font_size(16)
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let header = font(Format::new())
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("#E7E6E6");
    let body = font(Format::new())
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let date = body.clone().set_num_format("yyyy\"年\"m\"月\"d\"日\"");
    sheet.set_name(name)?;
    let last = (labels.len() - 1) as u16;
    sheet.merge_range(0, 0, 0, last, title, &title_format)?;
    sheet.set_row_height(0, 30)?;
    for (c, label) in labels.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *label, &header)?;
    }
    // Widths that fit the longest line of each column, within bounds; then each row as tall
    // as its most wrapped cell.
    let widths: Vec<usize> = (0..labels.len())
        .map(|c| {
            rows.iter()
                .filter_map(|r| r[c].as_ref().map(width))
                .chain([labels[c].width()])
                .max()
                .unwrap_or(0)
                .clamp(MIN_WIDTH, MAX_WIDTH)
        })
        .collect();
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (*w + 2) as f64)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = (i + 2) as u32;
        let mut lines = 1;
        for (c, value) in row.iter().enumerate() {
            let c16 = c as u16;
            match value {
                Some(Cell::Text(t)) => {
                    sheet.write_string_with_format(r, c16, t, &body)?;
                    lines = lines.max(
                        t.lines()
                            .map(|l| l.width().div_ceil(widths[c]).max(1))
                            .sum::<usize>(),
                    );
                }
                Some(Cell::Date(d)) => {
                    use chrono::Datelike;
                    let when =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    sheet.write_datetime_with_format(r, c16, when, &date)?;
                }
                None => {
                    sheet.write_blank(r, c16, &body)?;
                }
            }
        }
        sheet.set_row_height(r, 15 * lines.min(20) as u32)?;
    }
    sheet.set_freeze_panes(2, 0)?;
    sheet.set_repeat_rows(1, 1)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}
