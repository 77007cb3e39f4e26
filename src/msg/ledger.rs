//! Messages of the 整改台账: its YAML, CSV and Excel forms, its fields and vocabularies, and the
//! links between records across years.

catalogue! {
    deadline_bad(text: &str) { zh: "`{text}` 不是整改时限", en: "`{text}` is not a deadline" }
    deadline_bad_help() {
        zh: "写日期（2026-06-30、2026年6月30日）、月份（2026年6月底前、6月底前）、年底前或长期坚持",
        en: "write a date (2026-06-30, 2026年6月30日), a month (2026年6月底前, 6月底前), 年底前, or 长期坚持",
    }
    csv_unclosed_quote() {
        zh: "单元格在这里以引号开头却没有闭合：文件剩下的部分都会被读成这一个单元格",
        en: "a quote opens a cell here and is never closed: the rest of the file would be read as this one cell",
    }
    csv_unclosed_quote_help() {
        zh: "在单元格末尾补上引号；单元格内的引号要写成两个（\"\"）",
        en: "close the quote at the end of the cell, or write a quote inside a cell as two quotes (\"\")",
    }
    csv_unreadable(detail: &str) { zh: "无法读取这个 CSV：{detail}", en: "the CSV cannot be read: {detail}" }
    csv_unreadable_help() {
        zh: "检查这一行的引号；从 Excel 保存台账时选“CSV UTF-8”",
        en: "check the quotes of this row; save the ledger from Excel as “CSV UTF-8”",
    }
    column_repeats(header: &str, label: &str) { zh: "列 `{header}` 与 `{label}` 重复", en: "the column `{header}` repeats `{label}`" }
    column_repeats_help() { zh: "每个字段只保留一列", en: "keep one column per field" }
    column_unknown(header: &str) { zh: "未知的列 `{header}`", en: "unknown column `{header}`" }
    column_did_you_mean(label: &str, labels: &str) {
        zh: "是不是想写 `{label}`？可用的列有：{labels}",
        en: "did you mean `{label}`? The columns are: {labels}",
    }
    column_unknown_help(labels: &str) {
        zh: "把它改成以下列名之一：{labels}，或删除这一列",
        en: "rename it to one of {labels}, or remove the column",
    }
    row_too_long(cells: usize, headers: usize) {
        zh: "这一行有 {cells} 个单元格，但表头只有 {headers} 个",
        en: "this row has {cells} cells but the header has {headers}",
    }
    row_too_long_help() { zh: "删掉多出的单元格，或为它们加上表头", en: "remove the extra cells, or add a header for them" }
    id_line_break(id: &str) { zh: "编号 `{id}` 中有换行", en: "the 编号 `{id}` holds a line break" }
    id_line_break_help() {
        zh: "编号只占一行，例如 2025-07：删掉单元格里的换行",
        en: "an id is one line, e.g. 2025-07: remove the line break in the cell",
    }
    xlsx_unreadable(detail: &str) { zh: "无法读取这个 Excel 工作簿：{detail}", en: "the file is not a readable Excel workbook: {detail}" }
    xlsx_unreadable_help() {
        zh: "在 Excel 中把台账另存为 .xlsx，或改用 rectifications.csv、rectifications.yaml",
        en: "save the ledger from Excel as .xlsx, or keep it as rectifications.csv or rectifications.yaml",
    }
    xlsx_no_sheet() { zh: "其中没有工作表", en: "it has no sheet" }
    xlsx_far_cell(cell: &str, rows: usize, columns: usize) {
        zh: "单元格 {cell} 远在台账表格之外（最多读取 {rows} 行、{columns} 列）",
        en: "the cell {cell} lies far outside a ledger table (at most {rows} rows and {columns} columns are read)",
    }
    xlsx_far_cell_help() {
        zh: "在 Excel 中删除这个单元格（或表格右侧和下方的全部内容），再保存",
        en: "delete that cell in Excel (or everything right of and below the table), then save again",
    }
    ledger_yaml_hint() {
        zh: "台账是记录的列表，每条记录以 `- id: 2025-01` 开头",
        en: "a ledger is a list of records, each starting with `- id: 2025-01`",
    }
    zip_too_big(size: u64, max: u64) {
        zh: "它解压后有 {size} MB，超过了台账或文件最多 {max} MB 的限制",
        en: "it unpacks to {size} MB, more than the {max} MB a ledger or document can take",
    }
    with_hint(help: &str, hint: &str) { zh: "{help}（{hint}）", en: "{help} ({hint})" }
    field_error(field: &str, message: &str) { zh: "`{field}`：{message}", en: "`{field}`: {message}" }
    vocabulary_did_you_mean(word: &str, list: &str) {
        zh: "是不是想写 `{word}`？annals.yaml 中可选的有：{list}",
        en: "did you mean `{word}`? The choices in annals.yaml are: {list}",
    }
    vocabulary_help(list: &str, value: &str) {
        zh: "使用 {list} 之一，或在 annals.yaml 的词表中加上 `{value}`",
        en: "use one of {list}, or add `{value}` to the vocabulary in annals.yaml",
    }
    not_in_vocabulary(field: &str, value: &str) {
        zh: "`{field}`：`{value}` 不在词表中",
        en: "`{field}`: `{value}` is not in the vocabulary",
    }
    record_lacks(key: &str, label: &str) { zh: "这条记录没有 `{key}`（{label}）", en: "the record has no `{key}` ({label})" }
    record_lacks_help(key: &str) { zh: "每条记录都要写 `{key}`", en: "give every record its `{key}`" }
    id_not_a_name(id: &str) { zh: "`id: {id}` 不能用作页面名", en: "`id: {id}` cannot be a page name" }
    id_not_a_name_help() { zh: "用字母、数字和短横线，例如 2025-07", en: "use letters, digits and dashes, e.g. 2025-07" }
    attachment_missing(entry: &str) {
        zh: "`attachments`：档案中没有 `{entry}` 这个文件",
        en: "`attachments`: `{entry}` is not a file of the archive",
    }
    attachment_missing_help() {
        zh: "写出从文件所在文件夹起的路径，例如 `附件/议程.pdf`，并把文件放到那里",
        en: "write the file's path from the document's folder, e.g. `附件/议程.pdf`, and put the file there",
    }
    id_used(id: &str, at: &str) { zh: "编号 `{id}` 已在 {at} 使用", en: "the id `{id}` is already used at {at}" }
    id_used_help() {
        zh: "编号在整个档案中不能重复：按年度编号，例如 2025-07",
        en: "ids are unique across the whole archive: number them by year, e.g. 2025-07",
    }
    recurs_unknown(id: &str) { zh: "`recurs: {id}` 指向的记录不存在", en: "`recurs: {id}` names no record" }
    recurs_unknown_help() {
        zh: "写以前某个年度台账中同一问题的编号",
        en: "write the id of the same problem in an earlier year's ledger",
    }
    recurs_not_earlier(id: &str, year: i32) {
        zh: "`recurs: {id}` 是 {year} 年度的记录，不是更早年度的",
        en: "`recurs: {id}` is a record of {year}, not of an earlier year",
    }
    recurs_not_earlier_help() {
        zh: "`recurs` 指向过去：指向更早年度的同一问题",
        en: "`recurs` points back in time: to the same problem in an earlier year",
    }
    source_unknown(source: &str, year: i32) {
        zh: "`source: {source}` 既不是 {year} 年度的文件，也不是问题来源渠道",
        en: "`source: {source}` is neither a document of {year} nor a channel",
    }
    source_unknown_help(year: i32, choices: &str) {
        zh: "写 content/{year}/ 中的某个文件或以下渠道之一：{choices}",
        en: "write a document of content/{year}/ or a channel: {choices}",
    }
    url_taken(url: &str, other: &str) { zh: "网址 {url} 也是 {other} 的网址", en: "the URL {url} is also the URL of {other}" }
    url_taken_help() {
        zh: "在其中一份文件的前置元数据中写一个不同的 `slug`，或给文件改名",
        en: "give one of the two documents a different `slug` in its front matter, or rename the file",
    }
}
