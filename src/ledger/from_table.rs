//! `rectifications.csv` / `rectifications.xlsx` -> [`RawRecord`]s: the ledger as offices keep
//! it, one row a record, the Chinese labels (编号, 问题表现, 整改时限 …) as column headers.
//! Lists are written one item a line in their cell (or separated by `；`); a progress line
//! starts with its date (`2026-03-01 已建立机制`). The XLSX reading is in `from_xlsx`.

use super::fields::{self, Shape};
use super::{Origin, RawRecord};
use crate::error::{Diagnostic, did_you_mean};
use crate::msg::ledger as m;
use std::collections::BTreeMap;
use std::path::Path;

/// A row of cells with where it is: (line or row number, line text if the file is text, cells).
pub(super) struct Row {
    pub(super) line: usize,
    pub(super) text: String,
    pub(super) cells: Vec<String>,
}

/// Where a quote that is never closed opens: (line, column), 1-based. The CSV reader would
/// take the rest of the file as that one cell, and the rows after it would seem to lack fields.
fn unclosed_quote(text: &str) -> Option<(usize, usize)> {
    let (mut line, mut col) = (1, 0);
    let mut open: Option<(usize, usize)> = None;
    let mut field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        col += 1;
        match (c, open) {
            ('"', Some(_)) if chars.peek() == Some(&'"') => {
                chars.next();
                col += 1;
            }
            ('"', Some(_)) => open = None,
            ('"', None) if field_start => open = Some((line, col)),
            _ => {}
        }
        field_start = matches!(c, ',' | '\n') && open.is_none();
        if c == '\n' {
            line += 1;
            col = 0;
        }
    }
    open
}

/// Reads a CSV text.
pub fn parse_csv(shown: &Path, text: &str) -> Result<Vec<RawRecord>, Vec<Diagnostic>> {
    if let Some((line, col)) = unclosed_quote(text) {
        return Err(vec![
            Diagnostic::error(shown, m::csv_unclosed_quote())
                .at(text, line, col)
                .help(m::csv_unclosed_quote_help()),
        ]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let lines: Vec<&str> = text.lines().collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(1, |p| p.line() as usize);
                let text = lines.get(line - 1).unwrap_or(&"").to_string();
                rows.push(Row {
                    line,
                    text,
                    cells: r.iter().map(str::to_string).collect(),
                });
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                return Err(vec![
                    Diagnostic::error(shown, m::csv_unreadable(&e.to_string()))
                        .at(text, line, 1)
                        .help(m::csv_unreadable_help()),
                ]);
            }
        }
    }
    to_records(shown, rows, true)
}

/// The character column of cell `i` of a CSV line without quotes (1 when it cannot tell).
fn cell_col(row: &Row, i: usize, text_file: bool) -> usize {
    if !text_file {
        return i + 1;
    }
    if row.text.contains('"') {
        return 1;
    }
    row.cells
        .iter()
        .take(i)
        .map(|c| c.chars().count() + 1)
        .sum::<usize>()
        + 1
}

fn split_list(cell: &str) -> Vec<String> {
    cell.split(['\n', '；', ';'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn split_progress(line: &str) -> (String, String) {
    let line = line.trim();
    match line.find(|c: char| c.is_whitespace() || c == '：' || c == ':') {
        Some(i) => {
            let sep = line[i..].chars().next().map_or(1, char::len_utf8);
            (line[..i].to_string(), line[i + sep..].trim().to_string())
        }
        None => (line.to_string(), String::new()),
    }
}

pub(super) fn to_records(
    shown: &Path,
    rows: Vec<Row>,
    text_file: bool,
) -> Result<Vec<RawRecord>, Vec<Diagnostic>> {
    let blank = |r: &Row| r.cells.iter().all(|c| c.trim().is_empty());
    let rows: Vec<Row> = rows.into_iter().filter(|r| !blank(r)).collect();
    // Offices put a title row (“XX单位整改台账”) or two above the header: the header is the
    // first row of the first ten that holds at least two column labels.
    let labels = |r: &Row| {
        r.cells
            .iter()
            .filter(|c| fields::from_header(c.trim()).is_some())
            .count()
    };
    let start = rows
        .iter()
        .take(10)
        .position(|r| labels(r) >= 2)
        .unwrap_or(0);
    let mut rows = rows.into_iter().skip(start);
    let Some(header) = rows.next() else {
        return Ok(Vec::new());
    };
    let at = |row: &Row, i: usize, msg: String| {
        let d = Diagnostic::error(shown, msg);
        if text_file {
            d.at(&row.text, 1, cell_col(row, i, true))
                .with_line(row.line)
        } else {
            d.at("", 1, i + 1).with_line(row.line)
        }
    };
    let mut diags = Vec::new();
    let mut columns: BTreeMap<usize, &'static str> = BTreeMap::new();
    for (i, h) in header.cells.iter().enumerate() {
        let h = h.trim();
        if h.is_empty() || fields::IGNORED.contains(&h) {
            continue;
        }
        match fields::from_header(h).map(|f| f.key) {
            Some(k) if columns.values().any(|c| *c == k) => diags.push(
                at(&header, i, m::column_repeats(h, fields::label(k)))
                    .help(m::column_repeats_help()),
            ),
            Some(k) => {
                columns.insert(i, k);
            }
            None => {
                let labels = fields::FIELDS
                    .iter()
                    .flat_map(|f| std::iter::once(f.label).chain(f.aliases.iter().copied()));
                let help = match did_you_mean(h, labels) {
                    Some(s) => m::column_did_you_mean(s, &fields::all_labels()),
                    None => m::column_unknown_help(&fields::all_labels()),
                };
                diags.push(at(&header, i, m::column_unknown(h)).help(help));
            }
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let mut records = Vec::new();
    for row in rows {
        if let Some(extra) =
            (header.cells.len()..row.cells.len()).find(|i| !row.cells[*i].trim().is_empty())
        {
            diags.push(
                at(
                    &row,
                    extra,
                    m::row_too_long(row.cells.len(), header.cells.len()),
                )
                .help(m::row_too_long_help()),
            );
            continue;
        }
        let mut raw = RawRecord {
            origin: Origin {
                shown: shown.to_path_buf(),
                line: row.line,
                fields: BTreeMap::new(),
            },
            ..RawRecord::default()
        };
        for (&i, &k) in &columns {
            let cell = row.cells.get(i).map(|c| c.trim()).unwrap_or("");
            raw.origin.fields.insert(
                k,
                (row.line, cell_col(&row, i, text_file), row.text.clone()),
            );
            if cell.is_empty() {
                continue;
            }
            if k == "id" && cell.contains(['\n', '\r']) {
                diags.push(
                    at(&row, i, m::id_line_break(&cell.replace(['\n', '\r'], "⏎")))
                        .help(m::id_line_break_help()),
                );
                continue;
            }
            match fields::by_key(k).map(|f| f.shape) {
                Some(Shape::List) => {
                    raw.lists.insert(k, split_list(cell));
                }
                Some(Shape::Dated) => {
                    raw.dated = split_list(cell).iter().map(|l| split_progress(l)).collect()
                }
                _ => {
                    raw.values.insert(k, cell.to_string());
                }
            }
        }
        records.push(raw);
    }
    if diags.is_empty() {
        Ok(records)
    } else {
        Err(diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_chinese_headers() {
        let csv = "序号,编号,问题表现,整改措施,整改时限,进展\n1,2024-01,文稿起草不深入,\"建立机制\n定期讲评\",6月底前,2024-03-01 已建立机制\n";
        let r = parse_csv(Path::new("r.csv"), csv).unwrap();
        assert_eq!(r[0].values["id"], "2024-01");
        assert_eq!(r[0].values["deadline"], "6月底前");
        assert_eq!(r[0].lists["measures"], ["建立机制", "定期讲评"]);
        assert_eq!(
            r[0].dated,
            [("2024-03-01".to_string(), "已建立机制".to_string())]
        );
        assert_eq!(r[0].origin.line, 2);
    }

    #[test]
    fn issue_14_title_rows_unclosed_quotes_and_ids_with_line_breaks() {
        let csv =
            "XX单位2024年度整改台账,,\n编号,问题表现,整改措施\n2024-01,文稿起草不深入,建立机制\n";
        let r = parse_csv(Path::new("r.csv"), csv).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].values["id"], "2024-01");
        let e = parse_csv(
            Path::new("r.csv"),
            "编号,问题表现\n2024-01,\"文稿起草\n2024-02,作风\n",
        )
        .unwrap_err();
        assert_eq!((e[0].line, e[0].col), (Some(2), Some(9)));
        assert!(e[0].message.contains("没有闭合"), "{}", e[0].message);
        assert!(parse_csv(Path::new("r.csv"), "编号,问题表现\n1,\"说\"\"好\"\"的\"\n").is_ok());
        let e = parse_csv(Path::new("r.csv"), "编号,问题表现\n\"2024\n01\",文稿\n").unwrap_err();
        assert!(e[0].message.contains("中有换行"), "{}", e[0].message);
    }

    #[test]
    fn unknown_column_and_ragged_row() {
        let e = parse_csv(Path::new("r.csv"), "编号,问题表像\n").unwrap_err();
        assert_eq!((e[0].line, e[0].col), (Some(1), Some(4)));
        assert!(
            e[0].help
                .as_deref()
                .unwrap()
                .contains("是不是想写 `问题表现`")
        );
        let e = parse_csv(Path::new("r.csv"), "编号,问题表现\n1,a,多余\n").unwrap_err();
        assert_eq!((e[0].line, e[0].col), (Some(2), Some(5)));
        assert!(e[0].message.contains("有 3 个单元格"));
    }
}
