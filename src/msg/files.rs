//! Messages about reading and writing files: the file system, text encodings, YAML syntax.

catalogue! {
    /// An I/O error: what annals tried to do, and the system's reason.
    io_failed(action: &str, reason: &str) {
        zh: "无法{action}：{reason}",
        en: "cannot {action}: {reason}",
    }
    io_permission_help() {
        zh: "检查文件权限（运行 annals 的用户必须能读写它）",
        en: "check the file's permissions (the build user must be able to read and write it)",
    }
    io_not_found_help() {
        zh: "检查这个路径是否存在",
        en: "check that the path exists",
    }
    io_disk_full_help() {
        zh: "清理出磁盘空间后重新生成；原来的输出保持不变",
        en: "free some disk space and build again; the previous output was left as it was",
    }
    io_other_help() {
        zh: "检查这个文件和磁盘，然后重新生成",
        en: "check the file and the disk, then build again",
    }
    /// The system's reasons, for the usual kinds (others keep the system's own words).
    io_reason_not_found() { zh: "文件或文件夹不存在", en: "No such file or directory" }
    io_reason_permission() { zh: "没有权限", en: "Permission denied" }
    io_reason_disk_full() { zh: "磁盘空间不足", en: "No space left on device" }
    io_reason_exists() { zh: "已经存在", en: "File exists" }
    io_reason_read_only() { zh: "文件系统是只读的", en: "Read-only file system" }
    io_reason_not_a_folder() { zh: "路径中有一段不是文件夹", en: "Not a directory" }
    io_reason_is_a_folder() { zh: "这是一个文件夹", en: "Is a directory" }
    io_reason_other(system: &str) { zh: "系统报告：{system}", en: "{system}" }

    act_read_file() { zh: "读取文件", en: "read the file" }
    act_write_file() { zh: "写入文件", en: "write the file" }
    act_replace_file() { zh: "替换文件", en: "replace the file" }
    act_create_folder() { zh: "创建文件夹", en: "create the folder" }
    act_remove_folder() { zh: "删除文件夹", en: "remove the folder" }
    act_create_staging() { zh: "创建临时生成文件夹", en: "create the staging folder" }
    act_move_aside() { zh: "把原来的输出移开", en: "move the previous output aside" }
    act_move_into_place() { zh: "把新的输出移到位", en: "move the new output into place" }
    act_read_entry() { zh: "读取这个目录项", en: "read this entry" }
    act_open_site() { zh: "打开站点文件夹", en: "open the site folder" }
    act_resolve_index() { zh: "确定检索索引文件夹的位置", en: "resolve the search index folder" }
    act_resolve_output() { zh: "确定输出文件夹的位置", en: "resolve the output folder" }
    act_compress() { zh: "压缩文件", en: "compress the file" }

    file_still_changing(tries: u32) {
        zh: "读取时文件一直在变（试了 {tries} 次）：它还在保存中",
        en: "the file changed while it was being read ({tries} tries): it is still being saved",
    }
    file_still_changing_help() {
        zh: "等编辑器或复制操作写完这个文件后再生成",
        en: "wait until the editor or copy has finished writing it, then build again",
    }

    convert_to_utf8_help(from: &str, file: &str) {
        zh: "把它转换为 UTF-8，例如 `iconv -f {from} -t UTF-8 '{file}' > tmp && mv tmp '{file}'`，或在编辑器中另存为 UTF-8 编码",
        en: "convert it to UTF-8, e.g. `iconv -f {from} -t UTF-8 '{file}' > tmp && mv tmp '{file}'`, or save it as UTF-8 in your editor",
    }
    file_utf16() {
        zh: "文件是 UTF-16 编码；annals 只读取 UTF-8",
        en: "the file is UTF-16 encoded; annals reads UTF-8 only",
    }
    file_binary(kind: &str) {
        zh: "文件是二进制文件（{kind}），不是文本",
        en: "the file is binary ({kind}), not text",
    }
    file_binary_help() {
        zh: "Markdown 文件是 UTF-8 纯文本；Word 文件用 `annals import` 转换，其他附件请用不以 .md 或 .yaml 结尾的文件名",
        en: "Markdown documents are plain UTF-8 text; convert Word files with `annals import`, and keep other attachments under a name not ending in .md or .yaml",
    }
    kind_zip() { zh: "zip 压缩包，例如 Word 的 .docx 或 Excel 的 .xlsx 文件", en: "a zip archive, e.g. a Word .docx or Excel .xlsx file" }
    kind_ole() { zh: "旧版 Word 的 .doc 或 Excel 的 .xls 文件", en: "an old Word .doc or Excel .xls file" }
    kind_pdf() { zh: "PDF 文件", en: "a PDF file" }
    kind_png() { zh: "PNG 图片", en: "a PNG image" }
    kind_jpeg() { zh: "JPEG 图片", en: "a JPEG image" }
    kind_nul() { zh: "含有 NUL 字节", en: "it contains NUL bytes" }
    file_empty() { zh: "文件是空的", en: "the file is empty" }
    file_empty_help() {
        zh: "写上前置元数据（在两行 --- 之间写 title、type、date）和正文，或者删除这个文件",
        en: "write its front matter (title, type, date between --- lines) and its text, or delete the file",
    }
    file_not_utf8(encoding: &str) {
        zh: "文件不是 UTF-8 编码，看起来是 {encoding} 编码",
        en: "the file is not UTF-8; it looks {encoding}-encoded",
    }

    yaml_tab_indent() { zh: "缩进用了制表符（Tab）", en: "a tab character is used for indentation" }
    yaml_tab_indent_help() {
        zh: "YAML 的缩进只能用空格，不能用 Tab：把 Tab 换成空格",
        en: "YAML indentation must use spaces, not tabs: replace the tabs with spaces",
    }
    yaml_unclosed_quote() { zh: "引号没有闭合", en: "a quoted value is never closed" }
    yaml_unclosed_quote_help() { zh: "在值的末尾补上对应的引号", en: "add the closing quote at the end of the value" }
    unknown_field(field: &str) { zh: "未知字段 `{field}`", en: "unknown field `{field}`" }
    unknown_field_did_you_mean(field: &str, known: &str) {
        zh: "是不是想写 `{field}`？可用的字段有：{known}",
        en: "did you mean `{field}`? The known fields are: {known}",
    }
    unknown_field_help(known: &str) {
        zh: "删掉它，或改用以下字段之一：{known}",
        en: "remove it, or use one of the known fields: {known}",
    }
    missing_field(field: &str) { zh: "缺少必填字段 `{field}`", en: "missing required field `{field}`" }
    missing_field_help(field: &str) { zh: "在这段 YAML 中加一行 `{field}: ...`", en: "add a line `{field}: ...` to this YAML" }
    yaml_invalid_type(detail: &str) { zh: "值的类型不对：{detail}", en: "{detail}" }
    yaml_invalid_type_help() {
        zh: "按字段要求填写：该写单个值的写单个值，该写列表的写列表（每行 `- 项` 或 `[a, b]`）",
        en: "give the field the kind of value it takes: a single value where one is expected, a list (`- item` lines or `[a, b]`) where a list is",
    }
    yaml_syntax(detail: &str) { zh: "YAML 格式错误：{detail}", en: "{detail}" }
    yaml_syntax_help() {
        zh: "修正这里的 YAML 格式：检查引号、键后面的冒号，以及是否统一用空格缩进",
        en: "fix the YAML syntax here: check quotes, colons after keys and consistent indentation with spaces",
    }
}
