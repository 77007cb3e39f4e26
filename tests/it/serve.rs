//! `annals serve` as a real HTTP server on 127.0.0.1: pages, the search page, the JSON API,
//! content types, compression, security headers and refused traversal.

use crate::common::http::Server;
use crate::common::*;

fn serving() -> (Site, Server) {
    let site = Site::fixture("search");
    let server = Server::start(site.root());
    (site, server)
}

#[test]
fn serves_pages_with_types_and_headers() {
    let (_site, server) = serving();
    let home = server.get("/", &[]);
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-type"), Some("text/html"));
    assert!(home.text().contains("搜索测试档案"));
    assert_eq!(home.header("x-content-type-options"), Some("nosniff"));
    assert!(
        home.header("content-security-policy")
            .unwrap()
            .starts_with("default-src 'self'")
    );
    let doc = server.get("/2025/%E6%95%B4%E6%94%B9%E6%96%B9%E6%A1%88.html", &[]);
    assert_eq!(doc.status, 200);
    assert!(doc.text().contains("2025年度整改方案"));
    assert_eq!(server.get("/2025/", &[]).status, 200);
    let css = server.get("/assets/annals.css", &[]);
    assert_eq!(css.header("content-type"), Some("text/css"));
    let gz = server.get("/assets/annals.css", &["Accept-Encoding: gzip"]);
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert!(gz.body.len() < css.body.len());
}

#[test]
fn missing_pages_and_directories_are_404_never_listings() {
    let (_site, server) = serving();
    let missing = server.get("/2025/deep/没有这页.html", &[]);
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("页面不存在"));
    assert!(
        missing.text().contains("<base href=\"/\">"),
        "links of the 404 page work from any depth"
    );
    let dir = server.get("/assets/", &[]);
    assert_eq!(dir.status, 404, "a folder without index.html is not listed");
    assert!(
        dir.text().contains("页面不存在"),
        "the 404 page, not a listing"
    );
}

#[test]
fn traversal_is_refused() {
    let (_site, server) = serving();
    for path in [
        "/../annals.yaml",
        "/%2e%2e/annals.yaml",
        "/2025/..%2f..%2fannals.yaml",
        "/assets/%2e%2e/%2e%2e/annals.yaml",
        "/..%5cannals.yaml",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
    ] {
        let r = server.get(path, &[]);
        assert!(r.status == 404 || r.status == 400, "{path}: {}", r.status);
        assert!(
            !r.text().contains("搜索测试档案\norganisation"),
            "{path} leaked annals.yaml"
        );
        assert!(!r.text().contains("root:"), "{path} leaked /etc/passwd");
    }
}

#[test]
fn search_page_works_without_javascript() {
    let (site, server) = serving();
    let r = server.get(
        "/search?q=%E6%96%87%E7%A8%BF%E8%B5%B7%E8%8D%89%E4%B8%8D%E6%B7%B1%E5%85%A5",
        &[],
    );
    assert_eq!(r.status, 200);
    let html = r.text();
    let main = main_region(&html);
    assert!(main.contains("共 3 条结果"), "{main}");
    assert!(main.contains("<mark>文稿起草不深入</mark>"));
    assert!(
        main.contains("href=\"2025/整改方案.html?hl=文稿起草不深入#一-文稿起草不深入问题\""),
        "{main}"
    );
    assert!(main.contains("value=\"文稿起草不深入\""));
    // A facet link adds its filter to the query.
    assert!(main.contains("href=\"search?q=%E6%96%87%E7%A8%BF%E8%B5%B7%E8%8D%89%E4%B8%8D%E6%B7%B1%E5%85%A5%20year%3A2025\""), "{main}");
    // The results are in the HTML; the only scripts are the page's display choices (大字,
    // 高对比) and serve's live reload.
    assert_eq!(html.matches("<script").count(), 2);
    assert!(
        html.contains("<script src=\"assets/page.js\"></script>"),
        "{html}"
    );
    assert!(html.contains("<script src=\"/__annals/live.js\" defer></script>"));
    // Facets list their values in the vocabulary's order (#17 item 9), years newest first.
    let r = server.get("/search?q=%E6%95%B4%E6%94%B9", &[]);
    let main = main_region(&r.text()).to_string();
    let listed = |label: &str| -> Vec<String> {
        let section = main
            .split(&format!("<h2>{label}</h2>"))
            .nth(1)
            .and_then(|s| s.split("</ul>").next())
            .unwrap_or_else(|| panic!("no {label} facet: {main}"));
        section
            .split("</a>")
            .filter_map(|a| a.rsplit('>').next())
            .filter(|v| !v.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    let index = annals::search::SearchIndex::open(&site.root().join("search-index/index")).unwrap();
    for (label, field) in [
        ("文种", "type"),
        ("整改状态", "status"),
        ("问题类别", "category"),
    ] {
        if label != "文种" && !main.contains(&format!("<h2>{label}</h2>")) {
            continue;
        }
        let order = &index.vocabulary().fields[field].order;
        let shown = listed(label);
        let mut expected = shown.clone();
        expected.sort_by_key(|v| order.iter().position(|o| o == v).unwrap_or(usize::MAX));
        assert!(
            shown.len() > 1 && shown == expected,
            "{label}: {shown:?} vs {order:?}"
        );
    }
    let years = listed("年度");
    assert!(years.windows(2).all(|w| w[0] > w[1]), "{years:?}");
    // Pages of hits have 上一页 and 下一页 beside their numbers (#17 item 9).
    let page = |n: usize| {
        let r = server.get(
            &format!("/search?q=%E9%97%AE%E9%A2%98&limit=1&page={n}"),
            &[],
        );
        main_region(&r.text()).to_string()
    };
    let first = page(1);
    assert!(
        !first.contains("上一页") && first.contains("rel=\"next\""),
        "{first}"
    );
    assert!(first.contains(">下一页</a>"), "{first}");
    let second = page(2);
    assert!(
        second.contains("rel=\"prev\"") && second.contains(">上一页</a>"),
        "{second}"
    );
}

#[test]
fn search_page_escapes_the_query_and_explains_odd_syntax() {
    let (_site, server) = serving();
    let r = server.get("/search?q=%22%3Cscript%3Ealert(1)%3C%2Fscript%3E", &[]);
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(!html.contains("<script>alert"), "query reflected unescaped");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(html.contains("引号没有闭合"));
    let empty = server.get("/search", &[]);
    assert_eq!(empty.status, 200);
    let junk = server.get("/search?q=%ZZ%%&page=abc&sort=sideways", &[]);
    assert_eq!(junk.status, 200);
}

#[test]
fn json_api_has_the_documented_shape() {
    let (_site, server) = serving();
    let r = server.get(
        "/api/search?q=%E8%B0%88%E5%BF%83%E8%B0%88%E8%AF%9D&limit=2",
        &[],
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let v: serde_json::Value = serde_json::from_slice(&r.body).expect("json");
    assert_eq!(v["query"], "谈心谈话");
    assert_eq!(v["hits"].as_array().unwrap().len(), 2);
    assert!(v["total"].as_u64().unwrap() >= 3);
    let hit = &v["hits"][0];
    for key in ["url", "title", "kind", "type", "snippet"] {
        assert!(hit[key].is_string(), "{key}");
    }
    assert!(hit["year"].is_i64() && hit["score"].is_number());
    assert!(v["facets"]["year"].is_object());
    let odd = server.get("/api/search?q=-", &[]);
    assert_eq!(odd.status, 200);
    let v: serde_json::Value = serde_json::from_slice(&odd.body).expect("json");
    assert_eq!(v["total"], 0);
    assert!(!v["notes"].as_array().unwrap().is_empty());
}

#[test]
fn serve_refuses_a_broken_archive_with_a_clear_message() {
    let site = Site::fixture("search");
    site.write("content/2025/坏.md", "---\ntitle: x\n---\n");
    let out = site.annals(&["serve", "--port", "0"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("content/2025/坏.md:2:1: 缺少必填字段 `type`"),
        "{}",
        stderr(&out)
    );
}

fn status(server: &Server) -> serde_json::Value {
    serde_json::from_slice(&server.get("/__annals/status", &[]).body).expect("status json")
}

/// Polls until `done` holds, up to 20 s.
fn eventually(mut done: impl FnMut() -> bool, what: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !done() {
        assert!(std::time::Instant::now() < deadline, "timed out: {what}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn edits_rebuild_and_a_broken_edit_keeps_the_last_good_site() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root());
    let page = "/2025/%E5%AF%B9%E7%85%A7%E6%A3%80%E6%9F%A5%E6%9D%90%E6%96%99.html";
    let first = server.get(page, &[]).text();
    assert!(first.contains("文稿起草不深入问题再次出现"));
    assert!(
        first.contains("<script src=\"/__annals/live.js\" defer></script></body>"),
        "served pages get the reload script"
    );
    assert!(
        !std::fs::read_to_string(site.public().join("2025/对照检查材料.html"))
            .unwrap()
            .contains("live.js"),
        "public/ stays clean"
    );
    assert_eq!(status(&server)["version"], 1);
    let events = server.get_head("/__annals/events");
    assert!(events.contains("text/event-stream"), "{events}");

    site.write("content/2025/对照检查材料.md", "---\ntitle: 2025年度对照检查材料\ntype: 对照检查材料\ndate: 2026-01-15\n---\n## 一、存在的问题\n\n修改后的正文。\n");
    // Waits say "at least": one save may reach the watcher as several events.
    eventually(|| version(&server) >= 2, "rebuild after an edit");
    eventually(
        || server.get(page, &[]).text().contains("修改后的正文"),
        "the edited page served",
    );
    assert!(
        server
            .get("/search?q=%E4%BF%AE%E6%94%B9%E5%90%8E", &[])
            .text()
            .contains("<mark>修改后</mark>"),
        "the new index answers"
    );

    let good = version(&server);
    site.write(
        "content/2025/对照检查材料.md",
        "---\ntitle: 2025年度对照检查材料\ntype: 对照检查材料\ndate: 2026-02-30\n---\n坏的修改。\n",
    );
    eventually(|| status(&server)["error"].is_string(), "error reported");
    let error = status(&server)["error"].as_str().unwrap().to_string();
    assert!(
        error.contains("content/2025/对照检查材料.md:4:7"),
        "{error}"
    );
    assert!(
        server.get(page, &[]).text().contains("修改后的正文"),
        "the last good site is still served"
    );
    assert_eq!(version(&server), good, "a failed build publishes nothing");
}

/// The number of the site version the server serves (1 after the first build).
fn version(server: &Server) -> u64 {
    status(server)["version"]
        .as_u64()
        .expect("a version number")
}

/// Percent-encodes a query for a URL.
fn q(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[test]
fn an_edit_of_a_documents_text_updates_in_place_as_a_full_build_would() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root());
    let path = "content/2025/对照检查材料.md";
    let original = std::fs::read_to_string(site.root().join(path)).unwrap();
    let edited = original.replace(
        "文稿起草不深入问题再次出现。",
        "文稿起草不深入问题再次出现。\n\n## 三、就地更新\n\n就地更新的正文。",
    );
    assert_ne!(original, edited);
    // Saved the way vim saves: a probe file created and removed beside the document first.
    site.write("content/2025/4913", "");
    std::fs::remove_file(site.root().join("content/2025/4913")).unwrap();
    site.write(path, &edited);
    eventually(|| version(&server) >= 2, "update after an edit");
    eventually(
        || {
            site.page("2025/对照检查材料.html")
                .contains("就地更新的正文")
        },
        "the edited page written",
    );
    assert!(
        server.log().contains("已更新 1 份文件，用时 "),
        "{}",
        server.log()
    );
    assert!(!server.log().contains("已重新生成"), "{}", server.log());

    // The same site and the same answers as a full build of the edited archive; the static
    // search index (searchindex/, for the site opened without a server) is written by full
    // builds only: under serve, search.html asks the server.
    let reference = Site::fixture("basic");
    reference.write(path, &edited);
    reference.build();
    let pages = |dir: &std::path::Path| {
        let mut t = tree(dir);
        t.retain(|rel, _| !rel.starts_with("searchindex/"));
        t
    };
    assert_eq!(pages(&site.public()), pages(&reference.public()));
    let index = annals::search::SearchIndex::open(&reference.root().join("search-index/index"))
        .expect("reference index");
    for text in [
        "就地更新的正文",
        "文稿起草不深入",
        "存在的问题",
        "kind:section 就地更新",
    ] {
        let served: serde_json::Value =
            serde_json::from_slice(&server.get(&format!("/api/search?q={}", q(text)), &[]).body)
                .expect("json");
        let expected = index.search(&annals::search::Request::new(text)).unwrap();
        let urls = |v: &serde_json::Value| -> Vec<String> {
            v["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["url"].as_str().unwrap().to_string())
                .collect()
        };
        let want: Vec<String> = expected.hits.iter().map(|h| h.url.clone()).collect();
        assert_eq!(
            served["total"].as_u64(),
            Some(expected.total as u64),
            "{text}"
        );
        assert_eq!(urls(&served), want, "{text}");
    }
    assert!(
        server
            .get(&format!("/api/search?q={}", q("就地更新的正文")), &[])
            .text()
            .contains("#三-就地更新"),
        "the hit links to the new section"
    );

    // Front matter is shown on other pages: a full build.
    let before = version(&server);
    site.write(
        path,
        edited.replace(
            "title: 2025年度对照检查材料",
            "title: 2025年度对照检查材料（修订）",
        ),
    );
    eventually(
        || version(&server) > before && server.log().contains("已重新生成"),
        "rebuild after a front matter edit",
    );
    assert!(server.log().contains("已重新生成"), "{}", server.log());
    assert!(
        site.page("2025/index.html")
            .contains("2025年度对照检查材料（修订）")
    );
}

/// Rebuilds swap the site while requests keep coming: not one request sees a 404 or a 500.
/// Bounded: 4 client threads for a few seconds, loopback only.
#[test]
fn rebuilds_under_load_lose_no_request() {
    let site = Site::fixture("basic");
    let server = Server::start(site.root());
    let port = server.port;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let paths = [
        "/",
        "/2025/index.html",
        "/2025/%E5%AF%B9%E7%85%A7%E6%A3%80%E6%9F%A5%E6%9D%90%E6%96%99.html",
        "/assets/annals.css",
        "/search?q=%E6%96%87%E7%A8%BF",
        "/api/search?q=%E8%B0%88%E5%BF%83",
    ];
    let clients: Vec<_> = (0..4)
        .map(|t| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let (mut ok, mut bad) = (0usize, Vec::new());
                let mut i = t;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let path = paths[i % paths.len()];
                    let r = crate::common::http::request(port, "GET", path, &[], None);
                    if r.status == 200 {
                        ok += 1;
                    } else {
                        bad.push((path, r.status));
                    }
                    i += 1;
                }
                (ok, bad)
            })
        })
        .collect();
    // Even edits change the title (a full build, swapping the site), odd ones the text (the
    // page is replaced in place).
    for n in 0..6 {
        let before = status(&server)["version"].as_u64().unwrap();
        site.write("content/2025/对照检查材料.md", format!("---\ntitle: 2025年度对照检查材料{}\ntype: 对照检查材料\ndate: 2026-01-15\n---\n## 一、存在的问题\n\n第{n}次修改。\n", n / 2));
        eventually(
            || status(&server)["version"].as_u64() > Some(before),
            "rebuild under load",
        );
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut total = 0;
    for c in clients {
        let (ok, bad) = c.join().expect("client thread");
        assert!(bad.is_empty(), "requests failed during rebuilds: {bad:?}");
        total += ok;
    }
    assert!(total > 100, "only {total} requests made");
    let log = server.log();
    assert!(
        log.contains("已重新生成"),
        "no full rebuild happened: {log}"
    );
    assert!(
        log.contains("已更新 1 份文件"),
        "no in-place update happened: {log}"
    );
    eprintln!("{total} requests during full rebuilds and in-place updates, no failure");
}
