//! Messages of rendering, publishing and serving the site.

catalogue! {
    template_missing(name: &str) { zh: "主题缺少模板 `{name}`", en: "the theme has no template `{name}`" }
    template_missing_help() {
        zh: "把它加到主题里，或放到站点的 templates/ 文件夹中",
        en: "add it to the theme, or to the site's templates/ folder",
    }
    template_error_help() {
        zh: "修正模板；页面可用的变量有 `site`、`root`、`page_url`、`nav` 和 `page`（`nav.html` 只有 `site`、`root` 和 `folder`；见 README 的 Themes 一节）",
        en: "fix the template; variables a page has are `site`, `root`, `page_url`, `nav` and `page` (`nav.html` has only `site`, `root` and `folder`; see README, Themes)",
    }
    written_twice(path: &str) {
        zh: "{path} 会被写两次（有页面或静态文件的路径与它相同）",
        en: "{path} would be written twice (a page or static file has the same path)",
    }
    written_twice_help() {
        zh: "给附件或静态文件改名，或给与它同名的责任人、类别页面所用的名称改名",
        en: "rename the attachment or the static file, or the owner or category whose page name it shares",
    }
    name_too_long(name: &str, bytes: usize, max: usize) {
        zh: "输出文件名 `{name}` 长 {bytes} 字节；文件系统最多允许 {max} 字节",
        en: "the output name `{name}` is {bytes} bytes long; file systems take at most {max}",
    }
    name_too_long_help() {
        zh: "缩短文件名或它的 `slug`（一个汉字占 3 字节）",
        en: "shorten the file name or its `slug` (a Chinese character takes 3 bytes)",
    }
    case_collision(names: &str) {
        zh: "{names} 只有字母大小写不同：在 Windows 共享文件夹中，一个会覆盖另一个",
        en: "{names} differ only in letter case: on a Windows share one would replace the other",
    }
    and() { zh: " 和 ", en: " and " }
    case_collision_help() { zh: "给其中一个改名", en: "rename one of them" }
    workbook_failed(detail: &str) { zh: "无法写出 Excel 台账：{detail}", en: "cannot write the Excel ledger: {detail}" }
    bug_help() {
        zh: "这是 annals 的缺陷；请连同引起它的台账一起报告",
        en: "this is a bug in annals; please report it with the ledger that causes it",
    }
    published_classified(marking: &str) {
        zh: "这个要发布的文件会显示密级标识 `{marking}`：涉密材料绝不能在非涉密网络上发布",
        en: "this published file would show the classification marking `{marking}`: classified material must never be published on a non-classified network",
    }
    published_classified_help() {
        zh: "在生成这个文件的文件、记录、附件或设置中找到这个标识（它可能跨行、夹着不可见字符或写成 HTML 实体），并把那份材料从档案中移除",
        en: "find the marking in the document, record, attachment or setting this file comes from (it may be split across lines, hidden by invisible characters or written as an HTML entity) and remove that material from the archive",
    }
    more_unwritten(count: usize) {
        zh: "（另有 {count} 个文件也没能写入）",
        en: " ({count} more files could not be written either)",
    }
    pass_root_help() { zh: "在站点文件夹中运行 annals，或用 --root 指定", en: "run annals in the site folder or pass --root" }
    lock_failed(detail: &str) { zh: "无法锁定站点文件夹：{detail}", en: "cannot lock the site folder: {detail}" }
    lock_failed_help() {
        zh: "可能有另一个 annals 生成卡住了；停止它后重新生成",
        en: "another annals build may be stuck; stop it and build again",
    }
    lock_waiting() {
        zh: "本站点的另一个 annals 生成正在进行：等待它结束…",
        en: "another annals build of this site is running: waiting for it to finish…",
    }
    output_parent_help() { zh: "指定一个上级文件夹存在的输出文件夹", en: "pass an output folder whose parent exists" }
    act_read_output() { zh: "读取输出文件夹", en: "read the output folder" }
    output_refused(why: &str) { zh: "拒绝发布到这里：{why}", en: "refusing to publish here: {why}" }
    output_refused_help() {
        zh: "用 --output 指定一个新的或空的文件夹，或以前 `annals build` 写过的文件夹（里面有 .annals-output）；什么都没有改动",
        en: "pass --output with a new or empty folder, or one an earlier `annals build` wrote (it holds .annals-output); nothing was changed",
    }
    output_is_site() {
        zh: "输出会替换站点文件夹本身，连同源文件一起",
        en: "the output would replace the site folder itself, and the sources with it",
    }
    output_holds_source(name: &str) {
        zh: "它就是（或包含）生成时要读取的站点 {name}/ 文件夹",
        en: "it is or holds the site's {name}/ folder, which the build reads",
    }
    output_is_file() { zh: "它是文件，不是文件夹", en: "it is a file, not a folder" }
    output_mount_point() {
        zh: "无法发布到挂载点：annals 发布时整体替换输出文件夹，而挂载点不能移动",
        en: "cannot publish into a mount point: annals swaps the whole output folder to publish atomically, and a mount point cannot be moved",
    }
    output_mount_point_help() {
        zh: "发布到挂载卷里面的一个文件夹（例如 --output /mnt/web/site）并让网站服务器指向那里，或把 public/ 做成指向它的符号链接",
        en: "publish into a folder inside the mounted volume (e.g. --output /mnt/web/site) and point the web server there, or make public/ a symbolic link to it",
    }
    output_not_ours() {
        zh: "文件夹里有不是 annals 写的文件（其中没有 .annals-output）",
        en: "the folder holds files that annals did not write (no .annals-output in it)",
    }

    serve_failed(what: &str, reason: &str) { zh: "{what}：{reason}", en: "{what}: {reason}" }
    serve_port_taken_help() {
        zh: "另一个程序正在使用这个端口：用 --port N 换一个（0 表示自动选一个空闲端口）",
        en: "another program is using this port: pass --port N (0 picks a free one)",
    }
    serve_address_help() {
        zh: "这个地址不属于本机：用 --bind 指定本机的地址（127.0.0.1 只允许本机访问，0.0.0.0 允许所有网卡）",
        en: "this address is not one of this machine's: pass --bind with one of its addresses (127.0.0.1 for this machine only, 0.0.0.0 for all)",
    }
    serve_privileged_help() {
        zh: "1024 以下的端口需要特权：用 --port 8080，或在前面放 nginx",
        en: "ports below 1024 need privileges: pass --port 8080, or put nginx in front",
    }
    serve_other_help() { zh: "检查 --bind 和 --port", en: "check --bind and --port" }
    serve_start() { zh: "无法启动服务", en: "cannot start the server" }
    serve_listen(address: &str) { zh: "无法监听 {address}", en: "cannot listen on {address}" }
    serve_address() { zh: "无法读取监听地址", en: "cannot read the address" }
    serve_stopped() { zh: "服务已停止", en: "the server stopped" }
    serve_watch(detail: &str) { zh: "无法监视档案的变化：{detail}", en: "cannot watch the archive for changes: {detail}" }
    serve_watch_help() {
        zh: "调高 inotify 上限（fs.inotify.max_user_watches），或改用 `annals build`",
        en: "raise the inotify limit (fs.inotify.max_user_watches), or use `annals build`",
    }
    serving(address: &str) {
        zh: "正在提供 http://{address}/（检索页 /search，JSON 接口 /api/search）；文件变化时自动更新；按 Ctrl-C 停止",
        en: "serving http://{address}/ (search at /search, JSON at /api/search); watching for changes; Ctrl-C stops",
    }
    updated(count: usize, ms: u128) {
        zh: "已更新 {count} 份文件，用时 {ms} 毫秒；打开的页面会自动刷新",
        en: "updated {count} document(s) in {ms} ms; open pages reload",
    }
    rebuilt(ms: u128) { zh: "已重新生成，用时 {ms} 毫秒；打开的页面会自动刷新", en: "rebuilt in {ms} ms; open pages reload" }
    rebuild_failed() {
        zh: "重新生成失败；仍在提供上一次成功生成的站点",
        en: "the rebuild failed; the last good site is still served",
    }
}
