//! Messages of the search index: its settings, writing it, opening and querying it. (The notes a
//! query gets back, such as an unclosed quote, are site text and stay Chinese in every language.)

catalogue! {
    dictionary_frequency(frequency: &str, word: &str) {
        zh: "`{word}` 的词频 `{frequency}` 不是整数",
        en: "the frequency `{frequency}` of `{word}` is not a whole number",
    }
    dictionary_help() {
        zh: "每行写一个词，后面可以跟一个整数词频和一个词性标记（jieba 的格式）",
        en: "write one word a line, optionally followed by a whole-number frequency and a tag (jieba's format)",
    }
    dictionary_line(line: usize, message: &str) { zh: "第 {line} 行：{message}", en: "line {line}: {message}" }
    index_write_thread() {
        zh: "无法写入检索索引：一个写入线程出错停止了（通常是磁盘已满或没有写入权限）",
        en: "cannot write the search index: a writer thread stopped on an error (most often a full disk or a folder it may not write to)",
    }
    index_write(detail: &str) { zh: "无法写入检索索引：{detail}", en: "cannot write the search index: {detail}" }
    index_write_help() {
        zh: "检查 search-index/ 的磁盘空间和权限，然后重新生成",
        en: "check the disk space and permissions of search-index/, then build again",
    }
    no_index() { zh: "这里没有检索索引", en: "there is no search index here" }
    no_index_help() {
        zh: "先运行 `annals build`；它会把索引写到 search-index/index",
        en: "run `annals build` first; it writes the index to search-index/index",
    }
    index_other_version() {
        zh: "检索索引是由另一个版本的 annals 生成的",
        en: "the search index was built by another version of annals",
    }
    rebuild_help() { zh: "运行 `annals build` 重新生成索引", en: "run `annals build` to rebuild it" }
    index_open(detail: &str) { zh: "无法打开检索索引：{detail}", en: "cannot open the search index: {detail}" }
    index_read(detail: &str) { zh: "无法读取检索索引：{detail}", en: "cannot read the search index: {detail}" }
    search_failed(detail: &str) { zh: "检索失败：{detail}", en: "search failed: {detail}" }
    search_cancelled() { zh: "检索已取消：请求方已断开", en: "the search was cancelled: the client went away" }
}
