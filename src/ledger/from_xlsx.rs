//! `rectifications.xlsx` -> rows for [`super::from_table`]: the first sheet read cell by cell,
//! so a workbook cannot make annals allocate for cells it does not have, and a merged cell's
//! value stands in every cell it covers.

use super::RawRecord;
use super::from_table::{Row, to_records};
use crate::error::Diagnostic;
use crate::msg::ledger as m;
use std::collections::BTreeMap;
use std::path::Path;

/// The largest ledger table read: rows and columns (a ledger has a few hundred rows and a
/// dozen columns; a cell at XFD1048576 once asked for 17.5 GB).
const MAX_ROWS: u32 = 100_000;
const MAX_COLS: u32 = 200;
/// The most a workbook may unpack to (a zip bomb of 2 MB once unpacked to 2 GB).
pub const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// The size a zip archive declares it unpacks to, refused past [`MAX_UNPACKED`] (for Word
/// files too: `import` checks a .docx with it).
pub fn check_unpacked(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        total = total.saturating_add(zip.by_index_raw(i).map_err(|e| e.to_string())?.size());
    }
    if total > MAX_UNPACKED {
        return Err(m::zip_too_big(
            total / 1024 / 1024,
            MAX_UNPACKED / 1024 / 1024,
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
        vec![Diagnostic::error(shown, m::xlsx_unreadable(&e)).help(m::xlsx_unreadable_help())]
    };
    check_unpacked(bytes).map_err(&not_xlsx)?;
    let mut book =
        calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| not_xlsx(e.to_string()))?;
    let Some(sheet) = book.sheet_names().first().cloned() else {
        return Err(not_xlsx(m::xlsx_no_sheet()));
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
                let cell = format!("{}{}", column_name(col), row + 1);
                return Err(vec![
                    Diagnostic::error(
                        shown,
                        m::xlsx_far_cell(&cell, MAX_ROWS as usize, MAX_COLS as usize),
                    )
                    .help(m::xlsx_far_cell_help()),
                ]);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16383), "XFD");
    }
}
