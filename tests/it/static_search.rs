//! The static search page (#12): `search.html` answering in headless Chromium from `file://`
//! and from a plain static server, against the server's answers (`SearchIndex::search`, what
//! `annals search --json` prints) and against the Markdown sources.

use crate::common::http::{Server, StaticServer};
use crate::common::webdriver::Browser;
use crate::common::*;
use annals::search::{Request, SearchIndex, Sort};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The search fixture (the shared report, reflowed, with a draft) plus edge cases: layout
/// spaces and wraps, traditional characters, Latin words, times and URLs, a character outside
/// the Basic Multilingual Plane (the page's engine reads such a text as an array of
/// characters, any other as a string), a ledger.
fn archive() -> Site {
    let site = Site::fixture("search");
    site.write(
        "content/2025/边界用例.md",
        "---\ntitle: 边界用例说明\ntype: 召开情况报告\ndate: 2026-02-01\ndoc_number: 测试办〔2026〕9号\nauthor: 综合科\n---\n## 一、系统建设\n\n推进OA\n系统建设，共梳理38\n条制度。開展自我檢查。OAS平台尚未启用。\n\n## 二、会议安排\n\n会议定于9:00开始，详见 http://intranet.example/a 。ＧＢ／Ｔ 9704 格式。\n\n## 三、用字\n\n𠮷字写法统一（U+20BB7，代理对），会议纪要齐全。\n",
    );
    site.write(
        "content/2025/rectifications.yaml",
        "- id: 2025-01\n  problem: 文稿起草不深入，调查研究不够\n  category: 作风建设\n  measures: [建立文稿会商制度]\n  leader: 张副主任\n  owner: 秘书科\n  deadline: 2026-06-30\n  status: 整改中\n- id: 2025-02\n  problem: 公务接待审批不规范\n  category: 廉洁自律\n  measures: [修订接待办法]\n  owner: 行政科\n  deadline: 长期坚持\n  status: 已完成\n  completed_on: 2026-03-01\n",
    );
    long_document(&site);
    site.write(
        "search-index/synonyms.yaml",
        "- [对照检查材料, 检视剖析材料]\n- [谈心谈话, 谈心交心]\n",
    );
    // Three writer threads: an archive this small is indexed by one (one segment) unless
    // asked, and the engines are compared across several segments here.
    build_with_threads(&site, Some("3"));
    site
}

/// A document with positions more than 65,280 characters apart (the lists' escaped gaps) and
/// lists large enough for files of their own (their heads apart, their positions a block per
/// stream), which the fixture's short reports never make. 甲乙子 occurs once, halfway: only
/// 甲乙's positions read right to their middle find it.
fn long_document(site: &Site) {
    site.write(
        "content/2024/长篇材料.md",
        format!(
            "---\ntitle: 长篇材料\ntype: 对照检查材料\ndate: 2025-01-20\n---\n文稿起草长期坚持。{0}甲乙子丑，{0}文稿起草长期坚持。\n",
            "甲乙丙丁戊己庚辛壬癸，".repeat(4500)
        ),
    );
}

/// How many large lists' position files the bundle of `site` has.
fn large_lists(site: &Site) -> usize {
    std::fs::read_dir(site.public().join("searchindex/b"))
        .map(|d| {
            d.flatten()
                .filter(|f| !f.file_name().to_string_lossy().contains("-h"))
                .count()
        })
        .unwrap_or(0)
}

/// Builds `site` with `ANNALS_INDEX_THREADS` set to `threads` (or unset).
fn build_with_threads(site: &Site, threads: Option<&str>) {
    site.build_with(|cmd| {
        match threads {
            Some(n) => cmd.env(annals::search::index::THREADS_VARIABLE, n),
            None => cmd.env_remove(annals::search::index::THREADS_VARIABLE),
        };
    });
}

/// How many segments the site's server index has (tantivy's `meta.json`).
fn segments(site: &Site) -> usize {
    let meta = std::fs::read_to_string(site.root().join("search-index/index/meta.json"))
        .expect("meta.json");
    let meta: Value = serde_json::from_str(&meta).expect("meta.json is JSON");
    meta["segments"].as_array().expect("segments").len()
}

/// Queries of every shape the language has, then substrings of the sources themselves.
fn queries(site: &Site) -> Vec<(String, Option<Sort>)> {
    let mut qs: Vec<String> = [
        "整改",
        "文稿起草不深入",
        "\"批评与自我批评\"",
        "“批评与自我批评”",
        "批评与自我批评",
        "谈心谈话 整改",
        "谈心谈话 -教育局",
        "-整改 谈心谈话",
        "教育局",
        "局",
        "会",
        "OA系统",
        "OA 系统",
        "oa",
        "OAS",
        "38条",
        "2025年",
        "2025 年度",
        "檢查",
        "检查",
        "9:00",
        "http://intranet.example/a",
        "GB/T",
        "9704",
        "𠮷字",
        "写法统一",
        "会议纪要齐全",
        "year:2024",
        "year:2023..2025 整改",
        "year:2025..2023",
        "year:20x5 整改",
        "type:整改方案",
        "type:检视剖析材料",
        "type:不存在的文种",
        "status:整改中",
        "status:已整改",
        "category:作风建设",
        "unit:秘书科",
        "kind:record",
        "kind:台账",
        "kind:year",
        "kind:section 整改",
        "kind:section 谈心谈话 -整改",
        "kind:document 民主生活会",
        "张副主任",
        "秘书科",
        "长期坚持",
        "对照检查材料",
        "检视剖析材料",
        "谈心交心",
        "foo:bar",
        "- 整改",
        "\"文稿起草 不深入",
        "，。！",
        "",
        "   ",
        "整改 year:2024 type:召开情况报告",
        "民主生活会 -\"民主生活会\"",
        "测试办〔2026〕9号",
        "综合科",
        "2026年2月",
        "文稿起草不深入 公务接待",
        "不存在的词语组合 整改",
        "第一议题",
        "三会一课",
        "year:2025 kind:record status:已完成",
        "status:整改中 status:已完成",
        // Lone characters between punctuation: run edges the lists leave to the texts.
        "（一）认真",
        "（二）",
        "一、文稿",
        "二、其他",
        "（一）",
        "一、",
        "年，度",
        "局。",
        // The long document: gaps past 65,280 characters.
        "文稿起草长期",
        "癸，甲",
        "甲乙丙",
        "甲乙子",
        "起草 -癸",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Substrings of the sources: 2 to 7 characters at evenly spread offsets.
    for (rel, bytes) in tree(&site.root().join("content")) {
        if !rel.ends_with(".md") || rel.contains("长篇") {
            continue;
        }
        let text: Vec<char> = String::from_utf8(bytes).expect("utf8").chars().collect();
        for (k, at) in (40..text.len()).step_by(31).enumerate() {
            let len = 2 + k % 6;
            let piece: String = text[at..(at + len).min(text.len())].iter().collect();
            if piece
                .chars()
                .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            {
                qs.push(piece);
            }
        }
    }
    // Pairs of bigrams from far apart: both often occur in one document, not side by side,
    // which only positions tell apart.
    let pairs: Vec<String> = qs
        .iter()
        .filter(|q| {
            q.chars().count() >= 2 && q.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        })
        .map(|q| q.chars().take(2).collect())
        .collect();
    for (i, a) in pairs.iter().enumerate().step_by(3) {
        qs.push(format!("{a}{}", pairs[(i * 7 + 11) % pairs.len()]));
    }
    qs.extend(
        [
            "整改民主",
            "民主整改",
            "批评整改",
            "问题班子",
            "班子问题",
            "生活会整改",
        ]
        .map(String::from),
    );
    qs.sort();
    qs.dedup();
    let mut out: Vec<(String, Option<Sort>)> = qs.iter().map(|q| (q.clone(), None)).collect();
    out.extend(
        ["整改", "year:2024", "民主生活会"]
            .iter()
            .map(|q| (q.to_string(), Some(Sort::Date))),
    );
    out
}

/// An answer as compared: the total, facets, notes and every hit (all pages), in URL order.
fn comparable(total: &Value, facets: &Value, notes: &Value, hits: Vec<Value>) -> Value {
    let mut hits: Vec<Value> = hits
        .into_iter()
        .map(|h| {
            json!([
                h["url"],
                h["title"],
                h["kind"],
                h["year"],
                h["type"],
                h["date"],
                h["date_label"],
                h["date_text"],
                h["section"],
                h["snippet"]
            ])
        })
        .collect();
    hits.sort_by_key(|h| h.to_string());
    json!({ "total": total, "facets": facets, "notes": notes, "hits": hits })
}

fn server_answer(index: &SearchIndex, q: &str, sort: Option<Sort>) -> Value {
    let mut hits = Vec::new();
    let mut page = 1;
    loop {
        let req = Request {
            q: q.to_string(),
            page,
            per_page: 100,
            sort,
        };
        let r = serde_json::to_value(index.search(&req).expect("search")).unwrap();
        hits.extend(r["hits"].as_array().unwrap().iter().cloned());
        if page >= r["pages"].as_u64().unwrap_or(0) as usize {
            let mut notes = r["notes"].clone();
            // The page-past-last note only comes with asking past the last page.
            notes
                .as_array_mut()
                .unwrap()
                .retain(|n| !n.as_str().unwrap().contains("已显示最后一页"));
            return comparable(&r["total"], &r["facets"], &notes, hits);
        }
        page += 1;
    }
}

/// Every query answered in the page's own engine, in one script run.
fn static_answers(b: &Browser, queries: &[(String, Option<Sort>)]) -> Vec<Value> {
    let list: Vec<Value> = queries
        .iter()
        .map(|(q, s)| {
            json!([
                q,
                s.map(|s| if s == Sort::Date { "date" } else { "relevance" })
            ])
        })
        .collect();
    let script = format!(
        "var done = arguments[arguments.length - 1];
         var qs = {};
         var out = [];
         function all(q, sort, page, hits) {{
           return window.annalsSearch({{ q: q, page: page, limit: 100, sort: sort }}).then(function (r) {{
             hits = hits.concat(r.hits);
             if (page >= r.pages) return {{ total: r.total, facets: r.facets, notes: r.notes, hits: hits }};
             return all(q, sort, page + 1, hits);
           }});
         }}
         qs.reduce(function (p, x) {{
           return p.then(function () {{ return all(x[0], x[1], 1, []).then(function (r) {{ out.push(r); }}); }});
         }}, Promise.resolve()).then(function () {{ done(JSON.stringify(out)); }},
           function (e) {{ done('ERROR ' + e + ' ' + (e && e.stack)); }});",
        Value::Array(list)
    );
    let v = b.eval_async(&script, 240);
    let text = v.as_str().expect("a string");
    assert!(!text.starts_with("ERROR"), "{text}");
    let answers: Vec<Value> = serde_json::from_str(text).expect("json");
    answers
        .into_iter()
        .map(|r| {
            let mut notes = r["notes"].clone();
            notes
                .as_array_mut()
                .unwrap()
                .retain(|n| !n.as_str().unwrap().contains("已显示最后一页"));
            comparable(
                &r["total"],
                &r["facets"],
                &notes,
                r["hits"].as_array().unwrap().clone(),
            )
        })
        .collect()
}

fn file_url(site: &Site, rest: &str) -> String {
    format!("file://{}/{rest}", site.public().display())
}

#[test]
fn issue_12_static_engine_answers_like_the_server_from_file_urls() {
    let site = archive();
    let profile = tempfile::tempdir().expect("profile");
    let Some(b) = Browser::start(profile.path()) else {
        return;
    };
    let index = SearchIndex::open(&site.root().join("search-index/index")).expect("index");
    let queries = queries(&site);
    assert!(queries.len() >= 100, "{} queries", queries.len());
    assert!(large_lists(&site) > 0, "the archive has large lists");
    b.goto(&file_url(&site, "search.html"));
    b.wait_for("return typeof window.annalsSearch === 'function'");
    let got = static_answers(&b, &queries);
    let mut differ = Vec::new();
    let mut with_hits = 0;
    for ((q, sort), got) in queries.iter().zip(&got) {
        let want = server_answer(&index, q, *sort);
        if want["total"].as_u64() > Some(0) {
            with_hits += 1;
        }
        if &want != got {
            differ.push(format!("{q:?} {sort:?}\n  server {want}\n  static {got}"));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} differ:\n{}",
        differ.len(),
        queries.len(),
        differ.join("\n")
    );
    assert!(with_hits >= 80, "only {with_hits} queries found anything");
    assert_eq!(
        b.eval("return window.annalsSearchStats.inflater"),
        "wasm",
        "the page inflates in WebAssembly where the browser runs it"
    );
    assert_eq!(
        b.eval("return typeof window.annalsInflater.instance"),
        "object",
        "a browser of today compiles the module at once"
    );
    eprintln!(
        "{} queries, {with_hits} with hits, all answered alike",
        queries.len()
    );
}

/// Chromium 76 compiles no module over 4 KB on the page's thread and has no native base64
/// decoder: the inflater then compiles in the background (the promise search.js waits for)
/// from bytes decoded in a loop, and the answers are the same. The page is given such a
/// browser's WebAssembly before its inflater loads. The archive has no ledger: three kinds of
/// entry where the oracle test's have four (the engine's memory layout differs with them).
#[test]
fn issue_12_static_engine_answers_alike_where_webassembly_compiles_only_in_the_background() {
    let site = Site::fixture("search");
    long_document(&site);
    site.build();
    let page = site.public().join("search.html");
    let html = std::fs::read_to_string(&page).expect("search.html");
    let tag = "<script src=\"assets/search-inflate.js\"></script>";
    assert!(html.contains(tag), "search.html loads its inflater");
    let old_browser = "<script>delete Uint8Array.fromBase64; WebAssembly.Module = function () { \
        throw new RangeError('WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB'); };</script>";
    std::fs::write(&page, html.replacen(tag, &format!("{old_browser}{tag}"), 1)).expect("write");
    let profile = tempfile::tempdir().expect("profile");
    let Some(b) = Browser::start(profile.path()) else {
        return;
    };
    let index = SearchIndex::open(&site.root().join("search-index/index")).expect("index");
    let queries: Vec<(String, Option<Sort>)> = queries(&site).into_iter().take(60).collect();
    b.goto(&file_url(&site, "search.html"));
    b.wait_for("return typeof window.annalsSearch === 'function'");
    assert_eq!(
        b.eval("return typeof window.annalsInflater.then"),
        "function",
        "the module compiles in the background"
    );
    let got = static_answers(&b, &queries);
    for ((q, sort), got) in queries.iter().zip(&got) {
        assert_eq!(&server_answer(&index, q, *sort), got, "{q:?} {sort:?}");
    }
    assert_eq!(b.eval("return window.annalsSearchStats.inflater"), "wasm");
    // A cold page: its texts are asked for once the module is compiled, a task after the
    // page's scripts ran, so they are appended, never written over the page.
    let (q, want) = queries
        .iter()
        .map(|(q, _)| (q, server_answer(&index, q, None)))
        .find(|(_, a)| a["total"].as_u64() > Some(1))
        .expect("a query with hits");
    let encoded = percent_encoding::utf8_percent_encode(q, percent_encoding::NON_ALPHANUMERIC);
    b.goto("about:blank");
    b.goto(&file_url(&site, &format!("search.html?q={encoded}")));
    let (engine, total, _) = page_results(&b);
    assert_eq!(
        (engine.as_str(), Some(total)),
        ("static", want["total"].as_u64())
    );
    assert_eq!(
        b.eval("return document.querySelectorAll('footer.site-footer').length"),
        1
    );
}

/// The writer threads only split the entries among segments: built by one thread and by
/// three, the bundle is the same byte for byte and the server answers alike.
#[test]
fn issue_15_index_and_bundle_do_not_depend_on_the_writer_threads() {
    let site = archive();
    assert!(segments(&site) > 1, "three threads wrote one segment");
    let answers = |site: &Site| -> Vec<Value> {
        let index = SearchIndex::open(&site.root().join("search-index/index")).expect("index");
        queries(site)
            .iter()
            .take(60)
            .map(|(q, sort)| server_answer(&index, q, *sort))
            .collect()
    };
    let several = (tree(&site.public().join("searchindex")), answers(&site));
    build_with_threads(&site, None);
    assert_eq!(
        segments(&site),
        1,
        "a small archive is indexed by one thread"
    );
    let one = (tree(&site.public().join("searchindex")), answers(&site));
    let differing: Vec<&String> = several
        .0
        .iter()
        .filter(|(name, bytes)| one.0.get(*name) != Some(bytes))
        .map(|(name, _)| name)
        .collect();
    assert!(differing.is_empty(), "bundle files differ: {differing:?}");
    assert_eq!(several.0.len(), one.0.len(), "the same bundle files");
    assert!(several.1.iter().any(|a| a["total"].as_u64() > Some(0)));
    assert_eq!(several.1, one.1, "the server answers alike");
}

#[test]
fn issue_12_static_engine_has_precision_and_recall_one_against_the_sources() {
    let site = Site::fixture("search");
    long_document(&site);
    site.build();
    assert!(
        large_lists(&site) > 0,
        "the JavaScript inflater reads large lists too"
    );
    // Without its WebAssembly (as where a policy turns it off) the page inflates in
    // JavaScript: this test covers that inflater, the oracle test the other.
    std::fs::remove_file(site.root().join("public/assets/search-inflate.js")).expect("inflater");
    let profile = tempfile::tempdir().expect("profile");
    let Some(b) = Browser::start(profile.path()) else {
        return;
    };
    b.goto(&file_url(&site, "search.html"));
    b.wait_for("return typeof window.annalsSearch === 'function'");
    let queries: Vec<(String, Option<Sort>)> = FIXTURE_PHRASES
        .iter()
        .chain(&["局", "甲乙丙", "甲乙子", "文稿起草长期"])
        .flat_map(|p| {
            [
                (format!("kind:document {p}"), None),
                (format!("kind:document \"{p}\""), None),
            ]
        })
        .collect();
    for ((q, _), got) in queries.iter().zip(static_answers(&b, &queries)) {
        let phrase = q.trim_start_matches("kind:document ").trim_matches('"');
        let want = containing_documents(&site, phrase);
        assert!(!want.is_empty(), "{phrase}: the fixture should contain it");
        let urls: BTreeSet<String> = got["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                h[0].as_str()
                    .unwrap()
                    .split('#')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(urls, want, "{q}");
    }
    assert_eq!(b.eval("return window.annalsSearchStats.inflater"), "js");
    // Without WebAssembly the page also selects, matches phrases and counts facets in
    // JavaScript: whole answers (facets, snippets) as the server's.
    let index = SearchIndex::open(&site.root().join("search-index/index")).expect("index");
    let shapes: Vec<(String, Option<Sort>)> = self::queries(&site).into_iter().take(60).collect();
    for ((q, sort), got) in shapes.iter().zip(static_answers(&b, &shapes)) {
        assert_eq!(server_answer(&index, q, *sort), got, "{q:?} {sort:?}");
    }
}

/// Published documents whose Markdown (front matter included: the title) contains `phrase`,
/// lines between Chinese characters joined.
fn containing_documents(site: &Site, phrase: &str) -> BTreeSet<String> {
    tree(&site.root().join("content"))
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".md") && !rel.ends_with("_index.md"))
        .filter_map(|(rel, bytes)| {
            let text = String::from_utf8(bytes).expect("utf8");
            (!text.contains("draft: true") && joined_lines(&text).contains(phrase))
                .then(|| rel.trim_end_matches(".md").to_string() + ".html")
        })
        .collect()
}

/// The page as a user sees it: the results' markup, its count and hit URLs.
fn page_results(b: &Browser) -> (String, u64, Vec<String>) {
    b.wait_for("var a = document.getElementById('search-app'); return !!a && a.getAttribute('data-state') !== null;");
    let v = b.eval(
        "var r = document.querySelector('.results');
         return [r ? r.getAttribute('data-engine') : document.getElementById('search-app').textContent,
                 Number(document.querySelector('[data-total]').getAttribute('data-total')),
                 Array.prototype.map.call(document.querySelectorAll('[data-hit-url]'), function (h) { return h.getAttribute('data-hit-url'); })];",
    );
    (
        v[0].as_str().unwrap().to_string(),
        v[1].as_u64().unwrap(),
        serde_json::from_value(v[2].clone()).unwrap(),
    )
}

#[test]
fn issue_12_one_page_answers_from_disk_a_static_host_and_the_server() {
    let site = archive();
    let profile = tempfile::tempdir().expect("profile");
    let Some(b) = Browser::start(profile.path()) else {
        return;
    };
    let index = SearchIndex::open(&site.root().join("search-index/index")).expect("index");
    let q = "文稿起草不深入";
    let want = index.search(&Request::new(q)).expect("search");
    let mut want_urls: Vec<String> = want.hits.iter().map(|h| h.url.clone()).collect();
    want_urls.sort();
    let encoded = "%E6%96%87%E7%A8%BF%E8%B5%B7%E8%8D%89%E4%B8%8D%E6%B7%B1%E5%85%A5";

    // The results page at `url` answers with `engine`: the same count and hits.
    let answers = |url: &str, engine: &str| {
        b.goto(url);
        let (got, total, mut urls) = page_results(&b);
        urls.sort();
        assert_eq!(
            (got.as_str(), total as usize, &urls),
            (engine, want.total, &want_urls),
            "{url}"
        );
    };
    // From disk. A cold page asks for its data files as scripts written into the page while
    // it is parsed, and the footer after the engine is still there: nothing was overwritten.
    answers(
        &file_url(&site, &format!("search.html?q={encoded}")),
        "static",
    );
    let written = b.eval("return window.annalsSearchStats.written");
    let files = b.eval("return window.annalsSearchStats.files");
    assert!(
        written.as_u64() > Some(0),
        "written {written}, files {files}"
    );
    assert_eq!(
        b.eval("return document.querySelectorAll('footer.site-footer').length"),
        1
    );
    // A second search on the loaded page appends its scripts instead (writing now would
    // replace the page) and answers alike.
    let again = b.eval_async(
        &format!(
            "var done = arguments[arguments.length - 1];
             window.annalsSearch({{ q: {q:?} }}).then(function (r) {{
               done([r.total, window.annalsSearchStats.written, document.querySelectorAll('footer.site-footer').length]);
             }}, function (e) {{ done(String(e)); }});"
        ),
        60,
    );
    assert_eq!(again, json!([want.total, written, 1]), "{again}");

    // The header's box of any page leads there.
    b.goto(&file_url(&site, "2025/召开情况报告.html"));
    b.type_into(".search-box input[name=q]", &format!("{q}\u{E007}"));
    let (engine, total, _) = page_results(&b);
    assert_eq!((engine.as_str(), total as usize), ("static", want.total));
    assert!(b.url().contains("search.html?q="), "{}", b.url());

    // A static host without annals: `api/search` is a 404, the page answers itself.
    let host = StaticServer::start(&site.public());
    let at = |port: u16, page: &str| format!("http://127.0.0.1:{port}/{page}?q={encoded}");
    answers(&at(host.port, "search.html"), "static");

    // `annals serve`: the same page asks the server; its no-script page has the same markers.
    let server = Server::start(site.root());
    answers(&at(server.port, "search.html"), "server");
    answers(&at(server.port, "search"), "server");
}

#[test]
fn issue_12_a_missing_index_says_so_instead_of_failing_silently() {
    let site = Site::fixture("search");
    site.build();
    std::fs::remove_dir_all(site.public().join("searchindex")).unwrap();
    let profile = tempfile::tempdir().expect("profile");
    let Some(b) = Browser::start(profile.path()) else {
        return;
    };
    // The page's alert after a search for 整改 fails.
    let alert = |b: &Browser| -> String {
        b.goto("about:blank");
        b.goto(&file_url(&site, "search.html?q=%E6%95%B4%E6%94%B9"));
        b.wait_for(
            "return document.getElementById('search-app').getAttribute('data-state') === 'failed'",
        );
        let text = b.eval("return document.querySelector('#search-app [role=alert]').textContent");
        text.as_str().unwrap().to_string()
    };
    let text = alert(&b);
    assert!(text.contains("找不到本站的搜索索引"), "{text}");
    assert!(text.contains("searchindex/meta.js"), "{text}");
    assert!(text.contains("annals build"), "{text}");
    // A damaged file is said to be a fault, not a missing index.
    site.build();
    std::fs::write(
        site.public().join("searchindex/meta.js"),
        "annalsData(\"meta\",9,\"\u{800}\u{900}\u{a00}\u{b00}\u{c00}\");\n",
    )
    .unwrap();
    let text = alert(&b);
    assert!(text.starts_with("搜索出错"), "{text}");
    assert!(!text.contains("找不到"), "{text}");
    // A hit's text missing: asked for while the page is parsed, its failure still named.
    site.build();
    std::fs::remove_dir_all(site.public().join("searchindex/d")).unwrap();
    let text = alert(&b);
    assert!(text.contains("searchindex/d/"), "{text}");
    assert!(
        b.eval("return window.annalsSearchStats.written").as_u64() > Some(0),
        "the texts were asked for as written scripts"
    );
}

#[test]
fn issue_12_the_engine_is_plain_es2017() {
    // Chromium 76 parses no `?.`, `??`, class fields or optional catch bindings: neither the
    // engine nor the generated file that compiles its WebAssembly inflater.
    for name in ["search.js", "search-inflate.js"] {
        let js = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("themes/default/static/assets")
                .join(name),
        )
        .unwrap();
        for (i, line) in js.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let code: String = code.split(['\'', '"']).step_by(2).collect();
            for bad in ["?.", "??", "catch {", "#priv", "import ", "export "] {
                assert!(
                    !code.contains(bad),
                    "{name}:{}: `{bad}` needs a newer browser than Chromium 76",
                    i + 1
                );
            }
        }
        assert!(
            !js.contains("http://") && !js.contains("https://"),
            "{name}: no external URL"
        );
    }
}

#[test]
fn issue_12_gzip_writes_siblings_for_gzip_static() {
    let site = Site::fixture("search");
    let out = site.annals(&["build", "--gzip"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = std::fs::read(site.public().join("search.html")).unwrap();
    let gz = std::fs::read(site.public().join("search.html.gz")).expect("search.html.gz");
    let mut unpacked = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut unpacked).unwrap();
    assert_eq!(unpacked, page);
    assert!(site.public().join("assets/search.js.gz").exists());
    let data: Vec<String> = tree(&site.public().join("searchindex"))
        .into_keys()
        .collect();
    assert!(
        !data.is_empty() && data.iter().all(|f| !f.ends_with(".gz")),
        "{data:?}"
    );
}
