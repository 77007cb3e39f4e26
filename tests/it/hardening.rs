//! Issue 14: nothing lost, nothing leaked. Each test here failed before the fix it names:
//! an output folder that replaced the sources, builds racing each other or an editor's save,
//! a symlinked or mounted public/, links out of the site, classification markings written so
//! the line rule could not see them.

use crate::common::*;
use std::fs;
use std::os::unix::fs::symlink;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[test]
fn issue_14_output_that_would_replace_sources_or_foreign_files_is_refused() {
    let n = Site::nested("basic");
    let d = n.holder();
    fs::create_dir_all(d.join("theirs")).unwrap();
    fs::write(d.join("theirs/keep.txt"), "他人的文件").unwrap();
    fs::write(d.join("file.txt"), "一个文件").unwrap();
    let sources = tree(n.root());
    for target in [
        n.root().join("content"),
        n.root().join("content/2025/out"),
        n.root().join("search-index"),
        n.root().to_path_buf(),
        d.to_path_buf(),
        d.join("theirs"),
        d.join("file.txt"),
    ] {
        let out = n.annals(&["build", "--output", &target.to_string_lossy()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{}: {err}", target.display());
        assert!(
            err.contains("拒绝发布到这里"),
            "{}: {err}",
            target.display()
        );
        assert_eq!(
            tree(n.root()),
            sources,
            "{} changed the site",
            target.display()
        );
        assert_eq!(
            fs::read_to_string(d.join("theirs/keep.txt")).unwrap(),
            "他人的文件"
        );
        assert_eq!(fs::read_to_string(d.join("file.txt")).unwrap(), "一个文件");
    }
    // A new folder, an empty one and an earlier output are fine, and stamped.
    fs::create_dir_all(d.join("empty")).unwrap();
    for target in [d.join("www/site"), d.join("empty"), d.join("www/site")] {
        let out = n.annals(&["build", "--output", &target.to_string_lossy()]);
        assert!(
            out.status.success(),
            "{}: {}",
            target.display(),
            stderr(&out)
        );
        assert!(target.join(".annals-output").is_file());
        assert!(target.join("2025/index.html").is_file());
    }
}

#[test]
fn issue_14_a_second_build_waits_for_the_first() {
    let site = Site::fixture("basic");
    let held = annals::output::lock(site.root(), || {}).expect("lock");
    let child = crate::common::annals()
        .args(["build", "--root"])
        .arg(site.root())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        !site.public().exists(),
        "the second build published while the first held the site"
    );
    drop(held);
    let out = child.wait_with_output().expect("wait");
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("本站点的另一个 annals 生成正在进行"), "{err}");
    assert!(site.public().join("index.html").is_file());
}

#[test]
fn issue_14_a_document_saved_during_the_build_is_never_published_torn() {
    let site = Site::fixture("basic");
    let version = |v: &str| {
        format!(
            "---\ntitle: 长文\ntype: 其他\ndate: 2026-01-15\n---\n开头{v}。{}结尾{v}全文完。\n",
            "谈心谈话，批评与自我批评，文稿起草不深入。".repeat(4000)
        )
    };
    let (a, b) = (version("甲"), version("乙"));
    site.write("content/2025/长文.md", &a);
    let path = site.root().join("content/2025/长文.md");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (stop, path, a, b) = (stop.clone(), path.clone(), a.clone(), b.clone());
        std::thread::spawn(move || {
            use std::io::Write;
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let text = if n % 2 == 0 { &b } else { &a };
                // Saved in place, as some editors do: truncate, then write piece by piece.
                let mut f = fs::File::create(&path).expect("truncate");
                for chunk in text.as_bytes().chunks(16 * 1024) {
                    f.write_all(chunk).expect("write");
                    std::thread::sleep(Duration::from_millis(2));
                }
                drop(f);
                std::thread::sleep(Duration::from_millis(400));
                n += 1;
            }
        })
    };
    let mut published = 0;
    for _ in 0..8 {
        let out = site.annals(&["build"]);
        let err = stderr(&out);
        assert!(err.len() < 20_000, "a diagnostic echoed a whole long line");
        if out.status.success() {
            let page = site.page("2025/长文.html");
            let whole = (page.contains("开头甲") && page.contains("结尾甲全文完"))
                || (page.contains("开头乙") && page.contains("结尾乙全文完"));
            assert!(whole, "a torn document was published");
            published += 1;
        } else {
            assert!(err.contains("读取时文件一直在变"), "{err}");
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
    assert!(published > 0, "no build got a settled read in 8 tries");
}

#[test]
fn issue_14_public_as_a_symlink_is_published_through() {
    let n = Site::nested("basic");
    let www = n.holder().join("www");
    fs::create_dir_all(&www).unwrap();
    symlink(&www, n.root().join("public")).unwrap();
    for round in 0..2 {
        let out = n.annals(&["build"]);
        assert!(out.status.success(), "round {round}: {}", stderr(&out));
        let link = fs::symlink_metadata(n.root().join("public")).unwrap();
        assert!(
            link.file_type().is_symlink(),
            "public/ was replaced by a folder"
        );
        assert!(www.join("2025/index.html").is_file());
        assert!(www.join(".annals-output").is_file());
    }
}

#[test]
fn issue_14_public_as_a_mount_point_is_refused_before_anything_changes() {
    let n = Site::nested("basic");
    let out = n.annals(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = n.holder().join("report");
    fs::create_dir_all(&report).unwrap();
    let script = r#"
set -u
mount -t tmpfs -o size=8m tmpfs "$SITE/public" || exit 90
ls -la --time-style=full-iso "$SITE/search-index/index" > "$OUT/before"
"$ANNALS" build --root "$SITE" > /dev/null 2> "$OUT/stderr"
echo $? > "$OUT/code"
ls -la --time-style=full-iso "$SITE/search-index/index" > "$OUT/after"
ls -A "$SITE/public" > "$OUT/public"
exit 0
"#;
    if in_mount_namespace(script, &[("SITE", n.root()), ("OUT", &report)]).is_none() {
        return;
    }
    let read = |name: &str| fs::read_to_string(report.join(name)).unwrap_or_default();
    let err = read("stderr");
    assert_eq!(read("code").trim(), "1", "{err}");
    assert!(err.contains("无法发布到挂载点"), "{err}");
    assert_eq!(
        read("before"),
        read("after"),
        "the search index was swapped"
    );
    assert!(
        read("public").is_empty(),
        "files were written into the mount"
    );
}

#[test]
fn issue_14_links_out_of_the_site_are_refused_and_never_read() {
    let n = Site::nested("basic");
    let d = n.holder();
    fs::write(d.join("secret.txt"), "SECRET-LINE 机要内容\n第二行\n").unwrap();
    fs::create_dir_all(d.join("outside")).unwrap();
    fs::write(d.join("outside/a.txt"), "SECRET-DIR\n").unwrap();
    let c = n.root().join("content/2025");
    symlink(d.join("secret.txt"), c.join("passwd.md")).unwrap();
    symlink(d.join("secret.txt"), c.join("附件/x.txt")).unwrap();
    symlink(d.join("outside"), c.join("目录")).unwrap();
    // A link that stays inside the site is followed.
    symlink("议程.txt", c.join("附件/议程副本.txt")).unwrap();
    for cmd in ["build", "check"] {
        let out = n.annals(&[cmd]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {err}");
        for link in [
            "content/2025/passwd.md",
            "content/2025/附件/x.txt",
            "content/2025/目录",
        ] {
            assert!(
                err.contains(&format!("{link}: 符号链接指向站点以外")),
                "{cmd} does not name {link}: {err}"
            );
        }
        assert!(
            !err.contains("SECRET"),
            "{cmd} showed the target's text: {err}"
        );
    }
    assert!(!n.root().join("public").exists());
    for link in ["passwd.md", "附件/x.txt", "目录"] {
        fs::remove_file(c.join(link)).unwrap();
    }
    let out = n.annals(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(n.root().join("public/2025/附件/议程副本.txt").is_file());
}

#[test]
fn issue_14_fifos_are_skipped_not_read() {
    let site = Site::fixture("basic");
    let fifo = site.root().join("content/2025/附件/管道.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("SKIPPED: mkfifo is not available");
        return;
    }
    let mut child = crate::common::annals()
        .args(["build", "--root"])
        .arg(site.root())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("the build hangs on a FIFO");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("content/2025/附件/管道.txt: 不是普通文件"),
        "{err}"
    );
    assert!(!site.public().join("2025/附件/管道.txt").exists());
}

/// The ledger of 2025 as a workbook whose first record's problem reads `problem`.
fn ledger_xlsx(problem: &str) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    write_table(book.add_worksheet(), 0, problem, "履职尽责");
    book.save_to_buffer().expect("xlsx")
}

#[test]
fn issue_14_classified_markings_are_caught_however_written() {
    let doc = |body: &str| {
        format!("---\ntitle: 情况说明\ntype: 其他\ndate: 2026-01-15\n---\n正文。\n\n{body}\n")
    };
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        (
            "split by a line break",
            "content/2025/说明.md",
            doc("会议材料机\n密★5年").into_bytes(),
        ),
        (
            "zero-width space",
            "content/2025/说明.md",
            doc("秘\u{200B}密★1年").into_bytes(),
        ),
        (
            "soft hyphen and word joiner",
            "content/2025/说明.md",
            doc("机\u{00AD}\u{2060}密★").into_bytes(),
        ),
        (
            "entity for the star",
            "content/2025/说明.md",
            doc("绝密&#9733;长期").into_bytes(),
        ),
        (
            "attachment",
            "content/2025/附件/说明.txt",
            "秘密★1年\n".as_bytes().to_vec(),
        ),
        (
            "attachment yaml",
            "content/2025/附件/清单.yaml",
            "密级: 机密★5年\n".as_bytes().to_vec(),
        ),
        (
            "XLSX ledger cell",
            "content/2025/rectifications.xlsx",
            ledger_xlsx("会议纪要（机密★5年）未按规定管理"),
        ),
    ];
    for (what, file, bytes) in cases {
        let site = Site::fixture("basic");
        site.build();
        let before = tree(&site.public());
        site.write(file, bytes);
        for cmd in ["build", "check"] {
            let out = site.annals(&[cmd]);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{what}: {cmd} passed: {err}");
            assert!(err.contains("密级标识"), "{what}: {cmd}: {err}");
        }
        assert_eq!(tree(&site.public()), before, "{what}: public/ changed");
    }
    // annals.yaml's description is on every page.
    let site = Site::fixture("basic");
    let config = fs::read_to_string(site.root().join("annals.yaml")).unwrap();
    site.write(
        "annals.yaml",
        format!("{config}description: 本站资料 机\u{200B}密★\n"),
    );
    assert!(site.build_fails().contains("密级标识"));
    // Editor leftovers are not published at all, so their markings cannot leak either.
    let site = Site::fixture("basic");
    for leftover in [
        "召开情况报告.md.bak",
        "召开情况报告.md.orig",
        "#召开情况报告.md#",
        "召开情况报告.md~",
    ] {
        site.write(&format!("content/2025/{leftover}"), "机密★5年 旧稿");
    }
    site.build();
    let published: Vec<String> = tree(&site.public()).into_keys().collect();
    assert!(
        !published.iter().any(|f| f.contains("召开情况报告.md")),
        "{published:?}"
    );
}

fn status(server: &crate::common::http::Server) -> serde_json::Value {
    serde_json::from_slice(&server.get("/__annals/status", &[]).body).expect("status json")
}

/// An archive on which `kind:section` is heavy: 400 long documents that all match.
fn heavy_site() -> Site {
    let site = Site::fixture("basic");
    for i in 0..400 {
        let sections: String = (0..20)
            .map(|s| {
                format!(
                    "## 第{s}部分\n\n谈心谈话，批评与自我批评。{}\n\n",
                    "文稿起草不深入，调查研究不够。".repeat(40)
                )
            })
            .collect();
        site.write(
            &format!("content/2025/材料{i:03}.md"),
            format!("---\ntitle: 材料{i}\ntype: 其他\ndate: 2026-01-15\n---\n{sections}"),
        );
    }
    site
}

#[test]
fn issue_14_searches_are_bounded_and_stop_when_their_clients_go() {
    use std::io::{Read, Write};
    let site = heavy_site();
    let server = crate::common::http::Server::start(site.root());
    let path = format!(
        "/api/search?q={}",
        percent_encoding::utf8_percent_encode(
            "kind:section 谈心谈话",
            percent_encoding::NON_ALPHANUMERIC
        )
    );
    // 64 clients ask at once, then hang up after a moment without reading the answer.
    let clients: Vec<_> = (0..64)
        .map(|_| {
            let (port, path) = (server.port, path.clone());
            std::thread::spawn(move || {
                let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
                s.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes())
                    .expect("send");
                s.set_read_timeout(Some(Duration::from_millis(300)))
                    .unwrap();
                let mut head = [0u8; 64];
                let n = s.read(&mut head).unwrap_or(0);
                String::from_utf8_lossy(&head[..n]).into_owned()
            })
        })
        .collect();
    let answers: Vec<String> = clients.into_iter().map(|c| c.join().unwrap()).collect();
    let turned_away = answers
        .iter()
        .filter(|a| a.starts_with("HTTP/1.1 503"))
        .count();
    assert!(turned_away > 0, "no request was turned away: {answers:?}");
    // Everyone has hung up: the abandoned searches stop instead of running on for minutes.
    let started = Instant::now();
    loop {
        let load = &status(&server)["searches"];
        if load["running"] == 0 && load["waiting"] == 0 {
            eprintln!("idle {:?} after the clients hung up", started.elapsed());
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "abandoned searches still running: {load}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // A turned-away answer says when to come back.
    let r = server.get(&path, &[]);
    assert!(
        r.status == 200 || r.header("retry-after").is_some(),
        "{}",
        r.status
    );
}

#[test]
fn issue_14_kind_section_reads_a_bounded_number_of_documents() {
    let site = Site::fixture("basic");
    for i in 0..2100 {
        site.write(
            &format!("content/2024/短文{i:04}.md"),
            format!("---\ntitle: 短文{i}\ntype: 其他\ndate: 2025-01-15\n---\n## 一、情况\n\n谈心谈话。\n"),
        );
    }
    site.build();
    let out = site.annals(&["search", "--json", "kind:section 谈心谈话"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let notes = v["notes"].to_string();
    assert!(notes.contains("只在最相关的 2000 份文件"), "{notes}");
}

#[test]
fn issue_14_slow_clients_time_out_and_one_address_cannot_lock_out_the_rest() {
    use std::io::{Read, Write};
    let site = Site::fixture("basic");
    let server = crate::common::http::Server::start(site.root());
    let port = server.port;
    // 200 connections from 127.0.0.2 that never finish their headers.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut slow = Vec::new();
    runtime.block_on(async {
        use tokio::io::AsyncWriteExt;
        for _ in 0..200 {
            let socket = tokio::net::TcpSocket::new_v4().unwrap();
            socket.bind("127.0.0.2:0".parse().unwrap()).unwrap();
            let mut s = socket
                .connect(([127, 0, 0, 1], port).into())
                .await
                .expect("the kernel takes the connection");
            let _ = s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").await;
            slow.push(s);
        }
    });
    // Everyone else is still served at once.
    let started = Instant::now();
    let r = server.get("/index.html", &[]);
    assert_eq!(r.status, 200);
    assert!(started.elapsed() < Duration::from_secs(5));
    // The slow connections beyond the per-address cap were closed straight away, and the
    // rest are closed once their headers are late.
    let closed = |s: &mut tokio::net::TcpStream| {
        runtime.block_on(async {
            use tokio::io::AsyncReadExt;
            let mut buf = [0u8; 256];
            matches!(
                tokio::time::timeout(Duration::from_secs(12), s.read(&mut buf)).await,
                Ok(Ok(_)) | Ok(Err(_))
            )
        })
    };
    assert!(
        closed(&mut slow[0]),
        "a connection without headers was kept open"
    );
    assert!(
        closed(&mut slow[199]),
        "the 200th connection from one address was kept open"
    );
    drop(slow);
    // A plain client on its own connection still works.
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
}

#[test]
fn issue_14_serve_with_a_relative_root_edits_in_place() {
    let site = Site::fixture("basic");
    let mut child = crate::common::annals()
        .args(["serve", "--port", "0"])
        .current_dir(site.root())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve");
    let stderr_pipe = child.stderr.take().unwrap();
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let kept = log.clone();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr_pipe)
            .lines()
            .map_while(Result::ok)
        {
            kept.lock().unwrap().push_str(&(line + "\n"));
        }
    });
    let wait_for = |what: &str| {
        let started = Instant::now();
        while !log.lock().unwrap().contains(what) {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "no `{what}` in:\n{}",
                log.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_for("正在提供 http://");
    let path = site.root().join("content/2025/对照检查材料.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace(
            "文稿起草不深入问题再次出现。",
            "文稿起草不深入问题再次出现。就地更新。",
        ),
    )
    .unwrap();
    wait_for("已更新 1 份文件");
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        !log.lock().unwrap().contains("已重新生成"),
        "{}",
        log.lock().unwrap()
    );
}

#[test]
fn issue_14_serve_does_not_follow_links_out_of_public() {
    let n = Site::nested("basic");
    fs::write(n.holder().join("secret.txt"), "SECRET").unwrap();
    let out = n.annals(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let server = crate::common::http::Server::start(n.root());
    symlink(
        n.holder().join("secret.txt"),
        n.root().join("public/leak.txt"),
    )
    .unwrap();
    symlink(n.holder(), n.root().join("public/up")).unwrap();
    for path in ["/leak.txt", "/up/secret.txt"] {
        let r = server.get(path, &[]);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.text().contains("SECRET"), "{path}");
    }
    assert_eq!(server.get("/2025/index.html", &[]).status, 200);
}

#[test]
fn issue_14_a_cancelled_section_search_stops() {
    let site = Site::fixture("search");
    site.build();
    let index =
        annals::search::SearchIndex::open(&site.root().join("search-index/index")).expect("index");
    let req = annals::search::Request::new("kind:section 谈心谈话");
    let go_on = std::sync::atomic::AtomicBool::new(false);
    assert!(index.search_until(&req, &go_on).expect("answers").total > 0);
    let gone = std::sync::atomic::AtomicBool::new(true);
    let err = index
        .search_until(&req, &gone)
        .expect_err("a cancelled search answers");
    assert!(err.0[0].message.contains("检索已取消"), "{:?}", err.0);
}

/// The ledger table (header and two records: the first one's problem `problem`, the second
/// one's category `category`) at `first_row`.
fn write_table(
    sheet: &mut rust_xlsxwriter::Worksheet,
    first_row: u32,
    problem: &str,
    category: &str,
) {
    let rows = [
        [
            "编号",
            "问题表现",
            "问题类别",
            "整改措施",
            "责任部门",
            "整改时限",
            "整改状态",
        ],
        [
            "2025-01",
            problem,
            "履职尽责",
            "建立制度",
            "秘书科",
            "2026-06-30",
            "整改中",
        ],
        [
            "2025-02",
            "会议保障不细",
            category,
            "细化方案",
            "办公室",
            "2026-06-30",
            "整改中",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet
                    .write_string(first_row + r as u32, c as u16, *cell)
                    .expect("cell");
            }
        }
    }
}

#[test]
fn issue_14_workbooks_far_cells_and_zip_bombs_are_refused() {
    // One value at XFD1048576.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    write_table(sheet, 0, "文稿起草不深入", "履职尽责");
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let site = Site::fixture("basic");
    site.write(
        "content/2025/rectifications.xlsx",
        book.save_to_buffer().unwrap(),
    );
    let err = site.build_fails();
    assert!(err.contains("单元格 XFD1048576 远在台账表格之外"), "{err}");
    // 2 MB that unpack to 80 MB.
    let bomb = |inner: &str| {
        use std::io::Write;
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(inner, opts).unwrap();
        let block = vec![b' '; 1 << 20];
        for _ in 0..80 {
            zip.write_all(&block).unwrap();
        }
        zip.finish().unwrap();
        buf.into_inner()
    };
    let site = Site::fixture("basic");
    site.write(
        "content/2025/rectifications.xlsx",
        bomb("xl/worksheets/sheet1.xml"),
    );
    let err = site.build_fails();
    assert!(err.contains("它解压后有 80 MB"), "{err}");
    site.write("炸弹.docx", bomb("word/document.xml"));
    let out = site.annals(&["import", &site.root().join("炸弹.docx").to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("它解压后有 80 MB"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("原来的输出"), "{}", stderr(&out));
}

#[test]
fn issue_14_a_title_row_and_merged_cells_read_as_excel_shows_them() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    sheet
        .merge_range(0, 0, 0, 6, "测试办公室2025年度整改台账", &plain)
        .unwrap();
    // The second record's 问题类别 is empty: the merged cell above it holds the value.
    write_table(sheet, 1, "文稿起草不深入", "");
    // 问题类别 merged over both records, as offices do for a group of rows.
    sheet.merge_range(2, 2, 3, 2, "履职尽责", &plain).unwrap();
    let site = Site::fixture("basic");
    site.write(
        "content/2025/rectifications.xlsx",
        book.save_to_buffer().unwrap(),
    );
    site.build();
    let page = site.page("ledger/index.html");
    assert!(
        page.contains("会议保障不细"),
        "the second record is missing"
    );
    let record = site.page("ledger/2025-02.html");
    assert!(
        main_region(&record).contains("履职尽责"),
        "the merged 问题类别 did not reach the second record"
    );
}

#[test]
fn issue_14_a_ledger_of_10000_records_builds_in_linear_time() {
    let site = Site::fixture("basic");
    let words = [
        "文稿起草",
        "不深入",
        "理论学习",
        "作风建设",
        "调查研究",
        "服务意识",
        "责任落实",
        "监督检查",
    ];
    for year in [2024, 2025] {
        let mut yaml = String::new();
        for i in 1..=5000usize {
            let problem: String = (0..4)
                .map(|k| words[(i * 7 + k * 3 + year) % words.len()])
                .collect();
            yaml.push_str(&format!(
                "- id: {year}-{i:04}\n  problem: {problem}{i}\n  category: 履职尽责\n  source: 征求意见\n  owner: 科室{}\n  deadline: {}-06-30\n  status: 整改中\n",
                i % 37,
                year + 1
            ));
        }
        site.write(&format!("content/{year}/rectifications.yaml"), yaml);
    }
    let started = Instant::now();
    let out = site.annals(&["build", "--today", "2026-01-01"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Not a speed target: a guard against the quadratic walks (56 s in a release build
    // before; linear, this takes seconds even in a debug build).
    assert!(
        started.elapsed() < Duration::from_secs(90),
        "{:?}",
        started.elapsed()
    );
    assert!(site.public().join("ledger/2025-5000.html").is_file());
}

#[test]
fn issue_14_names_that_collide_or_are_too_long_are_found_before_writing() {
    let site = Site::fixture("basic");
    let doc = |t: &str| format!("---\ntitle: {t}\ntype: 其他\ndate: 2026-01-15\n---\n正文。\n");
    site.write("content/2025/Report.md", doc("甲"));
    site.write("content/2025/report.md", doc("乙"));
    let out = site.annals(&["check"]);
    assert!(
        stderr(&out).contains("2025/Report.html 和 2025/report.html 只有字母大小写不同"),
        "{}",
        stderr(&out)
    );
    let long = "很".repeat(90);
    site.write(
        "content/2025/长.md",
        format!("---\ntitle: 长\ntype: 其他\ndate: 2026-01-15\nslug: {long}\n---\n正文。\n"),
    );
    for cmd in ["check", "build"] {
        let out = site.annals(&[cmd]);
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        assert!(
            stderr(&out).contains("字节；文件系统最多允许 255 字节"),
            "{cmd}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn issue_14_clear_messages_for_commands_that_write_nothing_and_foreign_addresses() {
    let site = Site::fixture("basic");
    let out = site.annals(&["search", "文稿"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!stderr(&out).contains("原来的输出"), "{}", stderr(&out));
    let out = site.annals(&["serve", "--bind", "192.0.2.1", "--port", "0"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("这个地址不属于本机"), "{err}");
    assert!(!err.contains("另一个程序"), "{err}");
}

#[test]
fn issue_14_import_names_files_inside_the_year_folder() {
    let n = Site::nested("basic");
    for title in ["../../X", "../2024/整改材料", ".隐藏的材料"] {
        let src = n.holder().join("in.txt");
        fs::write(&src, format!("{title}\n\n正文第一段。\n")).unwrap();
        let out = n.annals(&[
            "import",
            "--year",
            "2025",
            "--type",
            "其他",
            "--force",
            &src.to_string_lossy(),
        ]);
        let err = stderr(&out);
        assert!(out.status.success(), "{title}: {err}");
        let written = err
            .split(" 导入为 ")
            .nth(1)
            .and_then(|s| s.lines().next())
            .expect("says where it wrote");
        let name = written.strip_prefix("content/2025/").expect(written);
        assert!(
            !name.contains('/') && !name.starts_with('.'),
            "{title}: {written}"
        );
        assert!(n.root().join(written).is_file(), "{written}");
    }
    assert!(!n.holder().join("X.md").exists());
    assert!(!n.root().join("content/2024/整改材料.md").exists());
    // Build reads every imported file: none was hidden.
    let out = n.annals(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn issue_14_new_and_build_share_one_rule_for_years() {
    let site = Site::fixture("basic");
    for year in ["0", "9998", "10000", "1900"] {
        let out = site.annals(&["new", year]);
        assert_eq!(out.status.code(), Some(1), "{year}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("不是 annals 能存放的年度"),
            "{}",
            stderr(&out)
        );
    }
    assert!(site.annals(&["new", "2026"]).status.success());
    site.build();
}
