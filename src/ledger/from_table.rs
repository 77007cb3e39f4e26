//! `rectifications.csv` / `rectifications.xlsx` -> [`RawRecord`]s: the ledger as offices keep
//! it, one row a record, the Chinese labels (编号, 问题表现, 整改时限 …) as column headers.
//! Lists are written one item a line in their cell (or separated by `；`); a progress line
//! starts with its date (`2026-03-01 已建立机制`).

use super::{fields, Origin, RawRecord};
use crate::error::{did_you_mean, Diagnostic};
use std::collections::BTreeMap;
use std::path::Path;

/// A row of cells with where it is: (line or row number, line text if the file is text, cells).
struct Row {
    line: usize,
    text: String,
    cells: Vec<String>,
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
        return Err(vec![Diagnostic::error(
            shown,
            "a quote opens a cell here and is never closed: the rest of the file would be read as this one cell",
        )
        .at(text, line, col)
        .help("close the quote at the end of the cell, or write a quote inside a cell as two quotes (\"\")")]);
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
                return Err(vec![Diagnostic::error(
                    shown,
                    format!("the CSV cannot be read: {e}"),
                )
                .at(text, line, 1)
                .help(
                    "check the quotes of this row; save the ledger from Excel as “CSV UTF-8”",
                )]);
            }
        }
    }
    to_records(shown, rows, true)
}

/// The largest ledger table read: rows and columns (a ledger has a few hundred rows and a
/// dozen columns; a cell at XFD1048576 once asked for 17.5 GB).
const MAX_ROWS: u32 = 100_000;
const MAX_COLS: u32 = 200;
/// The most a workbook may unpack to (a zip bomb of 2 MB once unpacked to 2 GB).
pub const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// The size a zip archive declares it unpacks to, refused past [`MAX_UNPACKED`].
pub fn check_unpacked(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        total = total.saturating_add(zip.by_index_raw(i).map_err(|e| e.to_string())?.size());
    }
    if total > MAX_UNPACKED {
        return Err(format!(
            "it unpacks to {} MB, more than the {} MB a ledger or document can take",
            total / 1024 / 1024,
            MAX_UNPACKED / 1024 / 1024
        ));
    }
    Ok(())
}

/// An Excel column name (`A`, `XFD`) from its 0-based index.
fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

/// Reads an XLSX workbook's first sheet, cell by cell: a cell far outside any ledger table
/// is refused by its name instead of being allocated for, and a merged cell's value stands in
/// every cell it covers (as Excel shows it).
pub fn parse_xlsx(shown: &Path, bytes: &[u8]) -> Result<Vec<RawRecord>, Vec<Diagnostic>> {
    use calamine::{Data, Reader};
    let not_xlsx = |e: String| {
        vec![Diagnostic::error(shown, format!("the file is not a readable Excel workbook: {e}")).help("save the ledger from Excel as .xlsx, or keep it as rectifications.csv or rectifications.yaml")]
    };
    check_unpacked(bytes).map_err(&not_xlsx)?;
    let mut book =
        calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| not_xlsx(e.to_string()))?;
    let Some(sheet) = book.sheet_names().first().cloned() else {
        return Err(not_xlsx("it has no sheet".into()));
    };
    let merged = book.merge_cells_by_sheet_name(&sheet).unwrap_or_default();
    let mut cells: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    {
        let mut reader = book
            .worksheet_cells_reader(&sheet)
            .map_err(|e| not_xlsx(e.to_string()))?;
        while let Some(cell) = reader.next_cell().map_err(|e| not_xlsx(e.to_string()))? {
            let (row, col) = cell.get_position();
            let value: Data = cell.get_value().clone().into();
            if value == Data::Empty {
                continue;
            }
            if row >= MAX_ROWS || col >= MAX_COLS {
                return Err(vec![Diagnostic::error(
                    shown,
                    format!(
                        "the cell {}{} lies far outside a ledger table (at most {MAX_ROWS} rows and {MAX_COLS} columns are read)",
                        column_name(col),
                        row + 1
                    ),
                )
                .help("delete that cell in Excel (or everything right of and below the table), then save again")]);
            }
            let text = match &value {
                Data::DateTime(_) | Data::DateTimeIso(_) => calamine::DataType::as_date(&value)
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_else(|| value.to_string()),
                Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                other => other.to_string(),
            };
            cells.entry(row).or_default().insert(col, text);
        }
    }
    let last_row = cells.keys().next_back().copied().unwrap_or(0);
    let last_col = cells
        .values()
        .flat_map(|r| r.keys())
        .max()
        .copied()
        .unwrap_or(0);
    for m in &merged {
        let Some(value) = cells
            .get(&m.start.0)
            .and_then(|r| r.get(&m.start.1))
            .cloned()
        else {
            continue;
        };
        for row in m.start.0..=m.end.0.min(last_row) {
            for col in m.start.1..=m.end.1.min(last_col) {
                cells
                    .entry(row)
                    .or_default()
                    .entry(col)
                    .or_insert_with(|| value.clone());
            }
        }
    }
    let rows = cells
        .into_iter()
        .map(|(row, by_col)| {
            let width = by_col.keys().next_back().map_or(0, |c| *c as usize + 1);
            let mut line = vec![String::new(); width];
            for (col, text) in by_col {
                line[col as usize] = text;
            }
            Row {
                line: row as usize + 1,
                text: String::new(),
                cells: line,
            }
        })
        .collect();
    to_records(shown, rows, false)
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

fn to_records(
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
        match fields::from_header(h) {
            Some(k) if columns.values().any(|c| *c == k) => diags.push(
                at(
                    &header,
                    i,
                    format!("the column `{h}` repeats `{}`", fields::label(k)),
                )
                .help("keep one column per field"),
            ),
            Some(k) => {
                columns.insert(i, k);
            }
            None => {
                let labels = fields::FIELDS
                    .iter()
                    .flat_map(|(_, l, o)| std::iter::once(*l).chain(o.iter().copied()));
                let help = match did_you_mean(h, labels) {
                    Some(s) => format!(
                        "did you mean `{s}`? The columns are: {}",
                        fields::all_labels()
                    ),
                    None => format!(
                        "rename it to one of {}, or remove the column",
                        fields::all_labels()
                    ),
                };
                diags.push(at(&header, i, format!("unknown column `{h}`")).help(help));
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
                    format!(
                        "this row has {} cells but the header has {}",
                        row.cells.len(),
                        header.cells.len()
                    ),
                )
                .help("remove the extra cells, or add a header for them"),
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
                    at(
                        &row,
                        i,
                        format!(
                            "the 编号 `{}` holds a line break",
                            cell.replace(['\n', '\r'], "⏎")
                        ),
                    )
                    .help("an id is one line, e.g. 2025-07: remove the line break in the cell"),
                );
                continue;
            }
            match k {
                "measures" => raw.measures = split_list(cell),
                "evidence" => raw.evidence = split_list(cell),
                "progress" => {
                    raw.progress = split_list(cell).iter().map(|l| split_progress(l)).collect()
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
        assert_eq!(r[0].measures, ["建立机制", "定期讲评"]);
        assert_eq!(
            r[0].progress,
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
        assert!(e[0].message.contains("never closed"), "{}", e[0].message);
        assert!(parse_csv(Path::new("r.csv"), "编号,问题表现\n1,\"说\"\"好\"\"的\"\n").is_ok());
        let e = parse_csv(Path::new("r.csv"), "编号,问题表现\n\"2024\n01\",文稿\n").unwrap_err();
        assert!(
            e[0].message.contains("holds a line break"),
            "{}",
            e[0].message
        );
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(16383), "XFD");
    }

    #[test]
    fn unknown_column_and_ragged_row() {
        let e = parse_csv(Path::new("r.csv"), "编号,问题表像\n").unwrap_err();
        assert_eq!((e[0].line, e[0].col), (Some(1), Some(4)));
        assert!(e[0]
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean `问题表现`"));
        let e = parse_csv(Path::new("r.csv"), "编号,问题表现\n1,a,多余\n").unwrap_err();
        assert_eq!((e[0].line, e[0].col), (Some(2), Some(5)));
        assert!(e[0].message.contains("3 cells"));
    }
}
