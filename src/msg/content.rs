//! Messages of loading the archive: dates, `annals.yaml`, the walk of `content/`, front matter,
//! the raw-text rules (placeholders, classification markings) and the theme.

catalogue! {
    date_form(text: &str) {
        zh: "`{text}` 不是 YYYY-MM-DD 格式的日期",
        en: "`{text}` is not a date in the form YYYY-MM-DD",
    }
    date_form_help() {
        zh: "日期写成 YYYY-MM-DD，例如 2026-01-15（二〇二六年一月十五日写作 2026-01-15）",
        en: "write the date as YYYY-MM-DD, e.g. 2026-01-15 (二〇二六年一月十五日 becomes 2026-01-15)",
    }
    date_unreal(text: &str) { zh: "`{text}` 不是真实存在的日期", en: "`{text}` is not a real date" }
    date_days_help(year: i32, month: u32, days: u32) {
        zh: "{year}年{month}月只有 {days} 天，请改正日",
        en: "{year}年{month}月 has {days} days; correct the day",
    }
    date_month_help() { zh: "月份必须是 1 到 12，请改正", en: "the month must be 1 to 12; correct it" }
    field_date(key: &str, message: &str) { zh: "`{key}`：{message}", en: "`{key}`: {message}" }

    config_no_types() { zh: "`vocabularies.types` 是空的", en: "`vocabularies.types` is empty" }
    config_no_types_help() { zh: "至少列出一种文件类型", en: "list at least one document type" }
    config_alias_target(alias: &str, target: &str) {
        zh: "类型别名 `{alias}` 指向的 `{target}` 不在 `vocabularies.types` 中",
        en: "type alias `{alias}` points to `{target}`, which is not in `vocabularies.types`",
    }
    config_alias_target_help(target: &str, types: &str) {
        zh: "把 `{target}` 加到 `vocabularies.types`，或让别名指向其中之一：{types}",
        en: "add `{target}` to `vocabularies.types`, or point the alias at one of: {types}",
    }
    config_theme_name() { zh: "`theme` 必须是 themes/ 下某个文件夹的名字", en: "`theme` must be the name of a folder under themes/" }
    config_theme_name_help() { zh: "例如写 `theme: default`", en: "write e.g. `theme: default`" }

    special_file() {
        zh: "不是普通文件（管道、设备或套接字），已跳过",
        en: "not a regular file (a FIFO, device or socket): skipped",
    }
    special_file_help() {
        zh: "把它从 content/ 中移走；只有文件和文件夹会被发布",
        en: "remove it from content/; only files and folders are published",
    }
    not_a_year_folder(folder: &str) {
        zh: "content/ 下的文件夹 `{folder}` 不是年度",
        en: "the folder `{folder}` under content/ is not a year",
    }
    not_a_year_folder_help() {
        zh: "年度文件夹用四位数字的年度命名，例如 content/2025/",
        en: "name each year folder by its 年度 in four digits, e.g. content/2025/",
    }
    outside_year() { zh: "文件必须放在年度文件夹中", en: "a document must be in a year folder" }
    outside_year_help() { zh: "把它移到 content/年度/ 下，例如 content/2025/", en: "move it to content/YEAR/, e.g. content/2025/" }
    link_outside() {
        zh: "符号链接指向站点以外（或指向不存在的地方）：已拒绝，没有通过它读取任何内容",
        en: "symbolic link to a place outside the site (or to nothing): refused, nothing was read through it",
    }
    link_outside_help() {
        zh: "把文件复制到 content/ 中，不要用链接；链接只能指向站点文件夹以内",
        en: "copy the file into content/ instead of linking to it; links may only point inside the site folder",
    }
    link_loop(target: &str) { zh: "符号链接形成循环：它又指回 {target}", en: "symbolic link loop: it leads back to {target}" }
    link_loop_help() { zh: "删除这个链接，或让它指向 content/ 以外", en: "remove the link or point it outside content/" }
    walk_failed(detail: &str) { zh: "无法读取：{detail}", en: "{detail}" }
    no_content_folder(root: &str) { zh: "{root} 中没有 content/ 文件夹", en: "there is no content/ folder in {root}" }
    no_content_folder_help() {
        zh: "在站点文件夹中运行 annals，或用 --root 指定文件夹；`annals new 年度` 可以新建档案",
        en: "run annals in the site's folder or pass --root DIR; `annals new YEAR` starts an archive",
    }
    second_ledger(year: i32, first: &str) { zh: "{year} 年度已经有整改台账 {first}", en: "the year {year} already has a ledger, {first}" }
    second_ledger_help() {
        zh: "每个年度只保留一个台账文件：rectifications.yaml、.csv 或 .xlsx",
        en: "keep one ledger file a year: rectifications.yaml, .csv or .xlsx",
    }

    toml_front_matter() { zh: "不支持 TOML 格式的前置元数据（+++）", en: "TOML front matter (+++) is not supported" }
    toml_front_matter_help() {
        zh: "annals 读取 YAML 前置元数据：把 `title: ...`、`type: ...`、`date: ...` 写在两行 `---` 之间",
        en: "annals reads YAML front matter: put `title: ...`, `type: ...`, `date: ...` between two lines of `---`",
    }
    front_matter_unclosed() { zh: "这里开始的前置元数据没有结束", en: "the front matter opened here is never closed" }
    front_matter_unclosed_help() { zh: "在最后一个字段后加一行 `---`", en: "add a line `---` after the last front matter field" }
    no_front_matter() { zh: "文件没有前置元数据", en: "the document has no front matter" }
    no_front_matter_help() {
        zh: "文件开头写上\n---\ntitle: 2025年度民主生活会召开情况报告\ntype: 召开情况报告\ndate: 2026-01-15\n---",
        en: "start the file with\n---\ntitle: 2025年度民主生活会召开情况报告\ntype: 召开情况报告\ndate: 2026-01-15\n---",
    }
    year_mismatch(given: i32, folder: i32) {
        zh: "`year: {given}` 与所在的年度文件夹 {folder} 不一致",
        en: "`year: {given}` does not match the year folder {folder}",
    }
    year_mismatch_help(given: i32, folder: i32) {
        zh: "文件夹就是年度：把文件移到 content/{given}/，或写 `year: {folder}`（也可以删掉这个字段）",
        en: "the folder is the 年度: move the file to content/{given}/, or write `year: {folder}` (or drop the field)",
    }
    title_empty() { zh: "`title` 是空的", en: "`title` is empty" }
    title_null() { zh: "`title` 是 null", en: "`title` is null" }
    title_help() { zh: "写上文件的标题", en: "write the document's title" }
    slug_bad(slug: &str, why: &str) { zh: "`slug: {slug}` {why}", en: "`slug: {slug}` {why}" }
    slug_bad_help() {
        zh: "用简单的名字，例如 `zhaokai-qingkuang` 或 `召开情况报告`",
        en: "use a plain name such as `zhaokai-qingkuang` or `召开情况报告`",
    }
    slug_empty() { zh: "是空的", en: "is empty" }
    slug_slash() { zh: "含有斜杠", en: "contains a slash" }
    slug_dot() { zh: "以点开头", en: "starts with a dot" }
    slug_index() { zh: "会替换年度页面", en: "would replace the year page" }
    slug_character() { zh: "含有网址或文件名中不允许的字符", en: "contains a character that is not allowed in a URL or file name" }
    index_document() { zh: "名为 `index` 的文件会替换年度页面", en: "a document named `index` would replace the year page" }
    index_document_help() { zh: "给文件改个名字，或者写上 `slug`", en: "rename the file, or give it a `slug`" }
    meeting_bad(meeting: &str) {
        zh: "`meeting: {meeting}` 既不是“年度”也不是“专题·名称”",
        en: "`meeting: {meeting}` is neither 年度 nor 专题·<name>",
    }
    meeting_bad_help() { zh: "写 `meeting: 年度` 或例如 `meeting: 专题·巡察整改`", en: "write `meeting: 年度` or e.g. `meeting: 专题·巡察整改`" }
    unknown_type(given: &str) { zh: "未知的文件类型 `{given}`", en: "unknown document type `{given}`" }
    unknown_type_did_you_mean(name: &str, types: &str) {
        zh: "是不是想写 `{name}`？annals.yaml 中的类型有：{types}",
        en: "did you mean `{name}`? The types in annals.yaml are: {types}",
    }
    unknown_type_help(types: &str, given: &str) {
        zh: "使用 annals.yaml 中的类型（{types}），或在那里把 `{given}` 加进 `vocabularies.types`",
        en: "use one of the types in annals.yaml ({types}), or add `{given}` to `vocabularies.types` there",
    }

    classified(marking: &str) {
        zh: "密级标识 `{marking}`：涉密材料绝不能在非涉密网络上发布",
        en: "classification marking `{marking}`: classified material must never be published on a non-classified network",
    }
    classified_help() {
        zh: "把这份文件从档案中移除；标有秘密、机密、绝密的材料只能放在涉密网络上",
        en: "remove this document from the archive; material marked 秘密, 机密 or 绝密 belongs only on a classified network",
    }
    restricted(word: &str) {
        zh: "`{word}` 标识：请确认这份文件可以在本非涉密网络上发布",
        en: "`{word}` marking: check that this document may be published on this non-classified network",
    }
    restricted_help() {
        zh: "确认文件已获准在内网发布，否则把它移除",
        en: "make sure the document is cleared for the intranet, or remove it",
    }
    placeholder(text: &str) { zh: "未填写的占位符 `{text}`", en: "unfilled placeholder `{text}`" }
    placeholder_help() { zh: "发布前填上真实内容", en: "fill in the real value before publishing" }

    theme_missing(theme: &str) {
        zh: "找不到主题 `{theme}`：没有 themes/{theme} 文件夹",
        en: "theme `{theme}` not found: there is no folder themes/{theme}",
    }
    theme_missing_help() { zh: "新建这个文件夹，或写 `theme: default`", en: "create the folder, or write `theme: default`" }
    theme_entry_help() { zh: "修正或删除这一项", en: "fix or remove this entry" }
}
