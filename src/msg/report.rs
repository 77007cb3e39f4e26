//! The frame of every report: the words around a diagnostic and the summary lines of a run.

catalogue! {
    label_error() { zh: "错误", en: "error" }
    label_warning() { zh: "警告", en: "warning" }
    label_help() { zh: "修改方法", en: "help" }
    errors(count: usize) { zh: "{count} 个错误", en: "{count} error(s)" }
    failed_kept(errors: usize) {
        zh: "失败：{errors} 个错误；原来的输出保持不变",
        en: "failed: {errors} error(s); the previous output was left unchanged",
    }
    failed(errors: usize) { zh: "失败：{errors} 个错误", en: "failed: {errors} error(s)" }
    checked(errors: usize, warnings: usize) {
        zh: "检查完毕：{errors} 个错误，{warnings} 个警告",
        en: "checked: {errors} error(s), {warnings} warning(s)",
    }
    built(years: usize, documents: usize, files: usize, output: &str) {
        zh: "已生成 {years} 个年度、{documents} 份文件，共 {files} 个文件，输出到 {output}",
        en: "built {years} years, {documents} documents, {files} files into {output}",
    }
    index_already_replaced() {
        zh: "（检索索引已换成新的，页面没有换）",
        en: " (the search index was already replaced by the new one; the pages were not)",
    }
    index_mount_point() {
        zh: "无法替换检索索引：它是一个挂载点",
        en: "cannot replace the search index: it is a mount point",
    }
    index_mount_point_help() {
        zh: "让 search-index/index 留在站点自己的文件系统上",
        en: "keep search-index/index on the site's own file system",
    }
}
