//! Messages of the commands around the pipeline: `check`, `new`, `import`, `search`, and the
//! lines the binary prints after them.

catalogue! {
    literal_emphasis(marker: &str) {
        zh: "`{marker}` 被原样显示成了字符：加粗没有生效",
        en: "`{marker}` is shown as characters: the emphasis did not take",
    }
    literal_emphasis_help() {
        zh: "每个 ** 都要成对闭合，标记内侧不要留空格（写 `**一是**`，不写 `** 一是 **`）；要显示星号本身请写 \\*",
        en: "close every ** you open, with no space just inside the markers (`**一是**`, not `** 一是 **`); write \\* for a literal asterisk",
    }
    external_link(target: &str) {
        zh: "`{target}` 在站点之外：只作为文字显示",
        en: "`{target}` is outside the site: it is shown as text only",
    }
    external_link_help() {
        zh: "内网页面无法访问其他网站；把需要的内容复制到档案中",
        en: "an intranet page cannot reach other sites; copy what is needed into the archive",
    }
    link_above_site(target: &str) { zh: "链接 `{target}` 超出了站点范围", en: "the link `{target}` climbs above the site" }
    link_above_site_help() { zh: "只链接 content/ 以内的文件", en: "link within content/" }
    link_broken(target: &str, page: &str) {
        zh: "链接 `{target}` 指向 {page}，站点中没有这个页面",
        en: "the link `{target}` points to {page}, which the site does not have",
    }
    link_broken_help() {
        zh: "检查文件名；链接其他文件时写它的 .md 文件名，例如 整改方案.md",
        en: "check the file name; link other documents by their .md file, e.g. 整改方案.md",
    }
    anchor_missing(page: &str, anchor: &str) { zh: "{page} 中没有标题 `#{anchor}`", en: "{page} has no heading `#{anchor}`" }
    anchor_did_you_mean(anchor: &str) { zh: "是不是想写 `#{anchor}`？", en: "did you mean `#{anchor}`?" }
    anchor_help() {
        zh: "链接到页面目录中显示的某个标题的锚点",
        en: "link to a heading's anchor as shown in the page's table of contents",
    }
    unlisted_file() {
        zh: "没有页面列出这个文件（它会被发布，但只有知道链接才能找到）",
        en: "no page lists this file (it is published, but only a link to it finds it)",
    }
    unlisted_file_help() {
        zh: "把它放进年度文件夹：与对应文件同名放在一起（召开情况报告.pdf）、写进该文件的 `attachments:`，或放在年度中任意位置以列在年度页面上",
        en: "put it in a year folder: beside its document with the same name (召开情况报告.pdf), under the document's `attachments:`, or anywhere in the year to list it on the year page",
    }
    overdue(id: &str, deadline: &str, status: &str) {
        zh: "记录 {id} 已逾期：时限为 {deadline}，目前仍为“{status}”",
        en: "record {id} is overdue: due {deadline}, still {status}",
    }
    overdue_help() {
        zh: "更新它的整改状态和进展，或重新商定时限",
        en: "update its status and progress, or agree a new deadline",
    }

    year_out_of_range(year: i32, first: i32, last: i32) {
        zh: "{year} 不是 annals 能存放的年度：年度文件夹是 {first} 到 {last} 之间的四位数年份",
        en: "{year} is not a 年度 annals can hold: a year folder is a four-digit year from {first} to {last}",
    }
    new_year_help() { zh: "年度写成四位数字，例如 `annals new 2025`", en: "pass the 年度 as four digits, e.g. `annals new 2025`" }
    year_exists(year: i32) { zh: "{year} 年度已经存在", en: "the year {year} already exists" }
    year_exists_help() {
        zh: "annals new 从不覆盖：直接编辑那里的文件，或换一个年度",
        en: "annals new never overwrites: edit the files there, or pick another year",
    }
    created_year(year: i32, folder: &str) { zh: "已在 {folder} 建立 {year} 年度：", en: "created the {year} 年度 in {folder}:" }
    carried_over(count: usize) {
        zh: "以前年度未完成的 {count} 条记录已转入台账；文件在删掉 `draft: true` 之前都是草稿。",
        en: "{count} open record(s) of earlier years carried over into the ledger; the documents are drafts until you remove `draft: true`.",
    }
    new_next() {
        zh: "下一步：填写【待补充】和 * 占位符，然后运行 `annals check` 查看还剩哪些。",
        en: "next: fill in the 【待补充】 and * placeholders, then `annals check` shows what is left.",
    }

    word_unreadable(detail: &str) { zh: "无法读取这个 Word 文件：{detail}", en: "cannot read the Word file: {detail}" }
    docx_not_zip(detail: &str) { zh: "它不是 .docx 文件（zip 压缩包）：{detail}", en: "it is not a .docx file (a zip archive): {detail}" }
    docx_no_document() {
        zh: "其中没有 word/document.xml：它真的是 Word 文件吗？",
        en: "it has no word/document.xml: is it really a Word document?",
    }
    docx_too_big(max: u64) {
        zh: "它的文字解压后超过 {max} MB，超出了一份文件的容量",
        en: "its text unpacks to more than {max} MB, more than a document can take",
    }
    docx_xml(detail: &str) { zh: "无法读取其中的 XML：{detail}", en: "its XML cannot be read: {detail}" }
    word_unreadable_help() { zh: "用 Word 重新另存为 .docx", en: "save it again from Word as .docx" }
    pdf_scan() {
        zh: "这个 PDF 没有文字层：看起来是扫描件，annals 不能从图片中读取文字（不提供 OCR）",
        en: "the PDF has no text layer: it looks like a scan, and annals reads no text from images (OCR is not part of annals)",
    }
    pdf_scan_help() {
        zh: "导入它的 Word（.docx）或文本版本，或把文字录入 Markdown 文件；扫描件可作为原件，与 .md 同名放在一起（content/2025/召开情况报告.pdf）",
        en: "import a Word (.docx) or text version of it, or type the text into a Markdown file; keep the scan as the document's original by putting it beside the .md with the same name (content/2025/召开情况报告.pdf)",
    }
    pdf_unreadable(detail: &str) { zh: "无法读取这个 PDF：{detail}", en: "cannot read the PDF: {detail}" }
    pdf_unreadable_help() {
        zh: "用 Word 或 WPS 重新导出（文件 → 导出为 PDF），或直接导入 .docx",
        en: "export it again from Word or WPS (文件 → 导出为 PDF), or import the .docx",
    }
    pdf_not_pdf() { zh: "文件开头不是 PDF 的标志（%PDF）", en: "it does not start as a PDF does (%PDF)" }
    pdf_structure() { zh: "无法读取它的结构", en: "its structure could not be read" }
    old_word(ext: &str) {
        zh: "annals 不能读取 .{ext} 文件（旧版 Word 和 WPS 格式）",
        en: "annals cannot read .{ext} files (the old Word and WPS format)",
    }
    old_word_help() {
        zh: "用 Word 或 WPS 打开，另存为 .docx（文件 → 另存为 → Word 文档 .docx），再导入 .docx",
        en: "open it in Word or WPS and save it as .docx (文件 → 另存为 → Word 文档 .docx), then import the .docx",
    }
    import_kind(ext: &str) { zh: "annals 不能导入 .{ext} 文件", en: "annals cannot import .{ext} files" }
    import_kind_help() {
        zh: "可以导入有文字层的 PDF（.pdf）、从 PDF 提取的文本（.txt）、Word（.docx）或台账表格（.csv、.xlsx）",
        en: "import a PDF with text (.pdf), PDF-extracted text (.txt), Word (.docx), or a ledger table (.csv, .xlsx)",
    }
    import_exists() { zh: "文件已经存在", en: "the file already exists" }
    import_exists_help() {
        zh: "加 --force 替换它，或用 --type / --year 导入到别处",
        en: "pass --force to replace it, or --type/--year to import elsewhere",
    }
    year_from_title() { zh: "无法从标题判断年度", en: "cannot tell the 年度 from the title" }
    year_from_ids() { zh: "无法从编号判断年度", en: "cannot tell the 年度 from the ids" }
    pass_year_help() { zh: "加上 --year 2025", en: "pass --year 2025" }
    pass_year_range_help() { zh: "用 --year 指定年度，例如 --year 2025", en: "pass --year with the 年度, e.g. --year 2025" }
    import_type(wanted: &str) { zh: "annals.yaml 中没有类型 `{wanted}`", en: "the type `{wanted}` is not in annals.yaml" }
    import_type_help(types: &str) { zh: "用 --type 指定以下之一：{types}", en: "pass --type with one of: {types}" }
    file_name_from(name: &str) { zh: "无法用 `{name}` 作文件名", en: "cannot make a file name from `{name}`" }
    imported(file: &str, written: &str) { zh: "已把 {file} 导入为 {written}", en: "imported {file} into {written}" }
    import_next() {
        zh: "下一步：运行 `annals check` 列出还要填写的占位符。",
        en: "next: `annals check` lists the placeholders still to fill in.",
    }

    progress_loading() { zh: "正在读取和检查档案", en: "reading and checking the archive" }
    progress_rendering_label() { zh: "正在生成页面和检索索引", en: "writing pages and the search index" }
    progress_rendering(pages: usize) {
        zh: "正在生成 {pages} 个页面和检索索引…",
        en: "writing {pages} pages and the search index…",
    }
    progress_pages(done: usize, total: usize) { zh: "  已生成 {done}/{total} 个页面", en: "  {done}/{total} pages written" }
    progress_publishing() { zh: "正在发布", en: "publishing" }
    results_note(note: &str) { zh: "注意：{note}", en: "note: {note}" }
    results_count(total: usize, page: usize, pages: usize) {
        zh: "共 {total} 条结果（第 {page}/{pages} 页）",
        en: "{total} result(s) (page {page}/{pages})",
    }
    no_results_try() { zh: "没有找到结果。可以试试：", en: "nothing found. Try:" }
    try_word() { zh: "单独搜索", en: "on its own" }
    try_without_filters() { zh: "去掉筛选条件", en: "without the filters" }
    try_phrase() { zh: "相近的短语", en: "a near phrase" }
    try_line(what: &str, query: &str, total: usize) { zh: "  {what}：{query}（{total} 条）", en: "  {what}: {query} ({total})" }
    hit_year(year: i32) { zh: "{year}年度", en: "{year}" }
}
