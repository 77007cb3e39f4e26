//! The command line's help: what `annals --help` and `annals build --help` say, and clap's own
//! words (usage, headings, its usage errors), which clap only writes in English.

catalogue! {
    about() {
        zh: "annals：把机关民主生活会材料档案生成为可在内网浏览和检索的静态网站",
        en: "annals: an office's archive of 民主生活会 documents as a static intranet site",
    }
    usage_heading() { zh: "用法", en: "Usage" }
    commands_heading() { zh: "命令", en: "Commands" }
    options_heading() { zh: "选项", en: "Options" }
    arguments_heading() { zh: "参数", en: "Arguments" }
    help_flag() { zh: "显示帮助", en: "Print help" }
    version_flag() { zh: "显示版本", en: "Print version" }
    arg_root() {
        zh: "站点文件夹（含 annals.yaml 和 content/），默认是当前文件夹",
        en: "The site folder (holding annals.yaml and content/). Default: the current folder",
    }
    arg_today() {
        zh: "按这一天（YYYY-MM-DD）而不是今天判断台账记录是否逾期，便于复现生成结果和测试",
        en: "Judge overdue ledger records as of this date (YYYY-MM-DD) instead of today, for reproducible builds and tests",
    }
    arg_lang() {
        zh: "提示信息的语言：zh（默认）或 en；不写时看 LANG/LC_ALL，以 en 开头时用英文",
        en: "The language of messages: zh (the default) or en; without it, English when LANG/LC_ALL starts with en",
    }
    cmd_build() {
        zh: "生成站点到 public/，检索索引到 search-index/index（要么全部成功，要么不改动）",
        en: "Build the site into public/ and the search index into search-index/index (all or nothing)",
    }
    arg_output() { zh: "站点写到哪里，默认是 站点文件夹/public", en: "Where to write the site. Default: ROOT/public" }
    arg_gzip() {
        zh: "同时在每个页面、样式表和脚本旁写一个 .gz 文件（供 nginx 的 gzip_static 使用）",
        en: "Also write a .gz beside every page, style sheet and script (nginx's gzip_static)",
    }
    arg_progress() {
        zh: "进度显示：auto（默认：终端上显示进度条，管道或日志中生成超过两秒后逐行显示）、lines（一开始就逐行显示）或 none（只显示结果）",
        en: "How to show progress: auto (a bar on a terminal; in a pipe or log, lines once the build has run two seconds), lines (lines from the start) or none",
    }
    cmd_serve() {
        zh: "生成后在 127.0.0.1:8080 提供站点和检索，文件变化时自动更新",
        en: "Build, then serve the site and its search on 127.0.0.1:8080",
    }
    arg_bind() {
        zh: "监听的地址，默认 127.0.0.1 只允许本机访问；用 0.0.0.0 向内网提供",
        en: "The address to listen on. Default: loopback only; use 0.0.0.0 to serve the intranet",
    }
    arg_port() { zh: "端口，默认 8080（0 表示自动选一个空闲端口并显示出来）", en: "The port (0 picks a free one and prints it)" }
    cmd_search() { zh: "在命令行中检索已生成的索引", en: "Search the built index from the command line" }
    arg_query() {
        zh: "检索式：词语（同时包含）、\"短语\"、-排除词、year:2024、type:整改方案……（以 - 开头的检索式前面加 --）",
        en: "The query: words (ANDed), \"phrases\", -excluded, year:2024, type:整改方案 … (put `--` before a query that starts with `-`)",
    }
    arg_json() { zh: "输出 JSON 而不是文字", en: "Print JSON instead of text" }
    arg_limit() { zh: "每页多少条结果，默认 10，最多 100", en: "How many hits a page (at most 100)" }
    arg_page() { zh: "第几页结果，从 1 开始，默认 1", en: "Which page of hits (1-based)" }
    arg_sort() {
        zh: "结果排序：relevance（相关度）或 date（日期）；默认按相关度，只有筛选条件时按日期",
        en: "Order of hits: relevance or date. Default: relevance, or date when the query has only filters",
    }
    cmd_check() {
        zh: "检查档案但不写任何文件：所有生成错误，以及未填写的占位符、密级标识、失效链接和逾期记录",
        en: "Check the archive without writing anything: every build error, plus unfilled placeholders, classification markings, broken links and overdue records",
    }
    arg_format() { zh: "输出格式：text（默认）给人看，json 给持续集成用", en: "`text` for people, `json` for CI" }
    arg_strict() { zh: "有警告但没有错误时以状态码 2 退出", en: "Exit 2 when there are warnings but no errors" }
    cmd_new() {
        zh: "开始一个年度：建立 content/年度/，放入常用文件的框架，台账转入以前年度未完成的记录",
        en: "Start a year: content/YEAR/ with the usual documents' skeletons and a ledger carrying over the open records of earlier years",
    }
    arg_new_year() {
        zh: "年度，默认是上一年；上一年已存在时为今年",
        en: "The 年度. Default: the year before the current one, or the current one when that year already exists",
    }
    cmd_import() {
        zh: "把文件导入档案：有文字层的 PDF、从 PDF 提取的文本（.txt）、Word（.docx），或台账表格（.csv、.xlsx）",
        en: "Bring a file into the archive: a PDF with text, PDF-extracted text (.txt), Word (.docx), or a ledger table (.csv, .xlsx)",
    }
    arg_file() { zh: "要导入的文件", en: "The file to import" }
    arg_import_year() { zh: "年度，默认从标题或台账编号中读取", en: "The 年度 (default: read from the title, or from the ledger's ids)" }
    arg_type() { zh: "文件类型，默认从标题中读取", en: "The document type (default: read from the title)" }
    arg_force() { zh: "替换已存在的文件", en: "Replace an existing file" }

    clap_unknown_argument(arg: &str) { zh: "不认识的参数“{arg}”", en: "unexpected argument '{arg}' found" }
    clap_invalid_value(value: &str, arg: &str) { zh: "“{value}”不是参数 {arg} 可以取的值", en: "invalid value '{value}' for '{arg}'" }
    clap_possible_values(values: &str) { zh: "可以取的值：{values}", en: "possible values: {values}" }
    clap_missing_argument(args: &str) { zh: "缺少必需的参数：{args}", en: "the following required arguments were not provided: {args}" }
    clap_missing_command() { zh: "需要一个命令", en: "a command is required" }
    clap_unknown_command(name: &str) { zh: "不认识的命令“{name}”", en: "unrecognized subcommand '{name}'" }
    clap_value_missing(arg: &str) { zh: "参数 {arg} 需要一个值", en: "a value is required for '{arg}' but none was supplied" }
    clap_repeated(arg: &str) { zh: "参数 {arg} 不能重复", en: "the argument '{arg}' cannot be used multiple times" }
    clap_other(detail: &str) { zh: "命令行有误：{detail}", en: "{detail}" }
    clap_did_you_mean(suggestion: &str) { zh: "是不是想写“{suggestion}”？", en: "a similar argument exists: '{suggestion}'" }
    clap_usage(usage: &str) { zh: "用法：{usage}", en: "Usage: {usage}" }
    clap_more() { zh: "更多信息请运行 --help", en: "For more information, try '--help'." }
}
