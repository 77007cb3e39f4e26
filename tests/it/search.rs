//! Search on a real tantivy index built by the real binary from `tests/fixtures/search`,
//! which holds the reflowed text of the shared fixture report. Expected hits are computed
//! from the Markdown sources themselves, so precision and recall are measured, not assumed.

use crate::common::*;
use annals::search::{Request, SearchIndex, Sort};
use std::collections::BTreeSet;
use std::fs;

fn built() -> (Site, SearchIndex) {
    let site = Site::fixture("search");
    site.build();
    let index = SearchIndex::open(&site.root().join("search-index/index")).expect("open index");
    (site, index)
}

/// Every published document (site-relative URL) whose title or body contains `phrase`, read
/// straight from the Markdown: line breaks between CJK characters joined, escapes dropped.
fn containing(site: &Site, phrase: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (rel, bytes) in tree(&site.root().join("content")) {
        if !rel.ends_with(".md") || rel.ends_with("_index.md") {
            continue;
        }
        let text = String::from_utf8(bytes).expect("utf8");
        if text.contains("draft: true") {
            continue;
        }
        if joined_lines(&text.replace("\\*", "*")).contains(phrase) {
            out.insert(rel.trim_end_matches(".md").to_string() + ".html");
        }
    }
    // Each year page shows its meeting's name (this fixture's years have no _index.md).
    for entry in fs::read_dir(site.root().join("content")).expect("content") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.parse::<i32>().is_ok() && format!("{name}年度民主生活会").contains(phrase) {
            out.insert(format!("{name}/index.html"));
        }
    }
    out
}

/// Every headed section (page, heading) of a published document, with its text read straight
/// from the Markdown as `containing` reads documents: from its heading line to the next one.
fn sections(site: &Site) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (rel, bytes) in tree(&site.root().join("content")) {
        let text = String::from_utf8(bytes).expect("utf8");
        if !rel.ends_with(".md") || rel.ends_with("_index.md") || text.contains("draft: true") {
            continue;
        }
        let page = rel.trim_end_matches(".md").to_string() + ".html";
        let body = text.splitn(3, "---\n").nth(2).expect("front matter");
        let mut current: Option<(String, String)> = None;
        for line in body.lines() {
            if line.starts_with('#') {
                out.extend(current.take().map(|(h, t)| (page.clone(), h, t)));
                let heading = line.trim_start_matches('#').trim().to_string();
                current = Some((heading.clone(), heading + "\n"));
            } else if let Some((_, t)) = current.as_mut() {
                // Lines of a paragraph join without a break between CJK characters.
                let joins =
                    t.chars().last().is_some_and(is_cjk) && line.chars().next().is_some_and(is_cjk);
                if !joins {
                    t.push('\n');
                }
                t.push_str(line);
            }
        }
        out.extend(current.map(|(h, t)| (page.clone(), h, t)));
    }
    out
}

#[test]
fn kind_section_lists_exactly_the_sections_that_match() {
    let (site, index) = built();
    let all = sections(&site);
    for (q, has, not) in [
        ("文稿起草不深入", vec!["文稿起草不深入"], vec![]),
        ("谈心谈话", vec!["谈心谈话"], vec![]),
        ("整改 问题", vec!["整改", "问题"], vec![]),
        ("谈心谈话 -理论", vec!["谈心谈话"], vec!["理论"]),
    ] {
        let expected: BTreeSet<(String, String)> = all
            .iter()
            .filter(|(_, _, t)| {
                has.iter().all(|w| t.contains(w)) && !not.iter().any(|w| t.contains(w))
            })
            .map(|(p, h, _)| (p.clone(), h.clone()))
            .collect();
        let mut req = Request::new(&format!("kind:section {q}"));
        req.per_page = 100;
        let r = index.search(&req).expect("search");
        let got: BTreeSet<(String, String)> = r
            .hits
            .iter()
            .map(|h| {
                assert_eq!(h.kind, "section");
                let page = h.url.split('#').next().unwrap().to_string();
                (
                    page,
                    h.section.clone().expect("a section hit names its section"),
                )
            })
            .collect();
        assert!(!expected.is_empty(), "{q}: the fixture has such sections");
        assert_eq!(got, expected, "{q}");
        assert_eq!(r.total, expected.len(), "{q}");
        assert_eq!(
            r.facets["year"].values().sum::<u64>() as usize,
            expected.len()
        );
        for h in &r.hits {
            let (page, anchor) = h.url.split_once('#').expect("anchor");
            assert!(
                ids(&site.page(page)).contains(&anchor.to_string()),
                "{}",
                h.url
            );
        }
    }
    // Pages of a section listing.
    let mut req = Request::new("kind:section 整改");
    req.per_page = 2;
    req.page = 2;
    let r = index.search(&req).unwrap();
    assert_eq!(r.pages, r.total.div_ceil(2));
    assert!(r.hits.len() <= 2 && !r.hits.is_empty());
}

fn urls(index: &SearchIndex, q: &str) -> BTreeSet<String> {
    let mut req = Request::new(q);
    req.per_page = 100;
    let r = index.search(&req).expect("search");
    assert_eq!(r.total, r.hits.len(), "{q}: all hits on one page");
    r.hits
        .iter()
        .map(|h| h.url.split('#').next().expect("url").to_string())
        .collect()
}

#[test]
fn phrases_return_exactly_the_documents_that_contain_them() {
    let (site, index) = built();
    for phrase in FIXTURE_PHRASES {
        let expected = containing(&site, phrase);
        assert!(
            !expected.is_empty(),
            "{phrase}: the fixture should contain it"
        );
        for q in [phrase.to_string(), format!("\"{phrase}\"")] {
            let got = urls(&index, &q);
            let tp = got.intersection(&expected).count() as f64;
            let (precision, recall) = (tp / got.len().max(1) as f64, tp / expected.len() as f64);
            assert!(
                precision == 1.0 && recall == 1.0,
                "{q}: precision {precision} recall {recall}\n got {got:?}\n want {expected:?}"
            );
        }
    }
}

/// A lone character between punctuation (`一、文稿`) is a run's edge the index does not hold
/// (it keeps those beside letters and digits only): such phrases are checked against the
/// stored texts, and find exactly the documents that contain them, kept or excluded.
#[test]
fn lone_characters_between_punctuation_are_found_exactly() {
    let (site, index) = built();
    // 会 ends a run and 市 begins one in the text: edges the index leaves out.
    for phrase in ["一、文稿", "会。会议", "要求，市"] {
        let expected = containing(&site, phrase);
        assert!(
            !expected.is_empty(),
            "{phrase}: the fixture should contain it"
        );
        for q in [phrase.to_string(), format!("\"{phrase}\"")] {
            assert_eq!(urls(&index, &q), expected, "{q}");
        }
    }
    let drafting = containing(&site, "起草");
    let without: BTreeSet<String> = drafting
        .difference(&containing(&site, "一、文稿"))
        .cloned()
        .collect();
    assert!(
        without.len() < drafting.len(),
        "the exclusion should remove something"
    );
    assert_eq!(urls(&index, "起草 -一、文稿"), without);
    // Five loose characters are looked for each anywhere, then checked: still nothing more.
    assert!(urls(&index, "会，议，文，稿，市").is_empty());
    // The other characters stay exact: no section of the fixture is headed 二、文稿.
    assert!(containing(&site, "二、文稿").is_empty());
    assert!(urls(&index, "二、文稿").is_empty());
}

#[test]
fn issue_3_education_bureau_needs_the_whole_word() {
    let (site, index) = built();
    let text = fs::read_to_string(site.root().join("content/2025/整改方案.md")).unwrap();
    assert!(text.contains("教育") && text.contains("档案局") && !text.contains("教育局"));
    assert_eq!(
        urls(&index, "教育局"),
        BTreeSet::from(["2024/召开情况报告.html".to_string()])
    );
}

#[test]
fn quoted_phrase_is_exact_and_words_are_anded() {
    let (_site, index) = built();
    // "批评和自我批评" in 2024/对照检查材料 is not the phrase.
    assert!(!urls(&index, "\"批评与自我批评\"").contains("2024/对照检查材料.html"));
    let both = urls(&index, "谈心谈话 文稿起草");
    let a = urls(&index, "谈心谈话");
    let b = urls(&index, "文稿起草");
    assert_eq!(both, a.intersection(&b).cloned().collect());
    assert!(!both.is_empty());
    let without = urls(&index, "谈心谈话 -教育局");
    assert_eq!(
        without,
        a.difference(&urls(&index, "教育局")).cloned().collect()
    );
}

#[test]
fn soft_wrapped_and_spaced_text_is_found() {
    let (_site, index) = built();
    // "谈心\n谈话" across a line break in 2024/召开情况报告.md.
    assert!(urls(&index, "\"谈心谈话\"").contains("2024/召开情况报告.html"));
    // The report says "2025 年度" in the PDF extract and 2025年度 after reflow: both forms match.
    assert!(urls(&index, "\"2025 年度民主生活会\"").contains("2025/召开情况报告.html"));
    assert_eq!(urls(&index, "2025年度"), urls(&index, "2025 年度"));
}

#[test]
fn filters_and_facet_counts() {
    let (_site, index) = built();
    assert_eq!(
        urls(&index, "文稿起草 year:2023"),
        BTreeSet::from(["2023/召开情况报告.html".to_string()])
    );
    assert_eq!(urls(&index, "文稿起草 year:2024..2025").len(), 3);
    assert_eq!(
        urls(&index, "type:召开情况报告"),
        BTreeSet::from(
            [
                "2023/召开情况报告.html",
                "2024/召开情况报告.html",
                "2025/召开情况报告.html"
            ]
            .map(String::from)
        )
    );
    let r = index.search(&Request::new("文稿起草")).unwrap();
    assert_eq!(r.total, 4);
    let years = &r.facets["year"];
    assert_eq!(
        years
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect::<Vec<_>>(),
        [("2023", 1), ("2024", 1), ("2025", 2)]
    );
    let types = &r.facets["type"];
    assert_eq!(types["召开情况报告"], 2);
    assert_eq!(types["对照检查材料"], 1);
    assert_eq!(types.values().sum::<u64>(), 4);
}

#[test]
fn hits_link_to_the_matching_section_with_highlighted_snippet() {
    let (site, index) = built();
    let r = index.search(&Request::new("文稿起草不深入")).unwrap();
    let hit = r
        .hits
        .iter()
        .find(|h| h.url.starts_with("2025/整改方案.html"))
        .expect("hit");
    assert_eq!(hit.url, "2025/整改方案.html#一-文稿起草不深入问题");
    assert_eq!(hit.section.as_deref(), Some("一、文稿起草不深入问题"));
    assert_eq!(hit.kind, "document");
    assert_eq!(hit.year, 2025);
    assert_eq!(hit.doc_type, "整改方案");
    let report = r
        .hits
        .iter()
        .find(|h| h.url.starts_with("2025/召开情况报告.html"))
        .expect("report hit");
    assert!(
        report.snippet.contains("<mark>文稿起草不深入</mark>"),
        "{}",
        report.snippet
    );
    assert!(report.snippet.chars().count() < 110, "{}", report.snippet);
    // Every hit's anchor exists on its page.
    for h in &r.hits {
        let (page, anchor) = h.url.split_once('#').unwrap_or((&h.url, ""));
        let html = site.page(page);
        assert!(
            anchor.is_empty() || ids(&html).contains(&anchor.to_string()),
            "{} lacks #{anchor}",
            page
        );
    }
}

#[test]
fn synonyms_widen_bare_words_not_phrases() {
    let (_site, index) = built();
    let bare = urls(&index, "对照检查材料");
    assert!(
        bare.contains("2024/对照检查材料.html"),
        "synonym 检视剖析材料 found: {bare:?}"
    );
    let exact = urls(&index, "\"对照检查材料\"");
    assert!(!exact.contains("2024/对照检查材料.html"));
    assert!(exact.contains("2025/召开情况报告.html"));
}

#[test]
fn single_characters_and_latin_words() {
    let (site, index) = built();
    assert_eq!(urls(&index, "局"), containing(&site, "局"));
    assert_eq!(
        urls(&index, "gb"),
        BTreeSet::from(["2023/召开情况报告.html".to_string()])
    );
    assert_eq!(
        urls(&index, "9704"),
        BTreeSet::from(["2023/召开情况报告.html".to_string()])
    );
}

#[test]
fn drafts_are_never_indexed() {
    let (_site, index) = built();
    assert!(
        !urls(&index, "草稿中的谈心谈话")
            .iter()
            .any(|u| u.contains("草稿"))
    );
    assert!(urls(&index, "不得被搜到").is_empty());
}

#[test]
fn malformed_queries_answer_with_results_or_notes() {
    let (_site, index) = built();
    let long = "，。！？【】".repeat(400);
    let cases: Vec<(&str, bool)> = vec![
        ("\"谈心谈话", true),
        ("-", false),
        ("- 谈心谈话", true),
        (long.as_str(), false),
        ("foo:bar 谈心谈话", false),
        ("year:abc 谈心谈话", true),
        ("((谈心谈话)) AND OR NOT", false),
        ("*?~^:", false),
        ("\\", false),
        ("", false),
        ("year:", false),
        ("-谈心谈话", false),
        ("type:不存在的文种", false),
    ];
    for (q, expect_hits) in cases {
        let r = index
            .search(&Request::new(q))
            .unwrap_or_else(|e| panic!("{q:?} failed: {:?}", e.0));
        assert_eq!(!r.hits.is_empty(), expect_hits, "{q:?}: {r:?}");
        if !expect_hits
            && r.hits.is_empty()
            && !q.starts_with("type:")
            && !q.starts_with("((")
            && !q.starts_with("foo")
        {
            assert!(!r.notes.is_empty(), "{q:?}: no hits and no note");
        }
    }
}

#[test]
fn sort_by_date_and_pages() {
    let (_site, index) = built();
    let mut req = Request::new("民主生活会");
    req.sort = Some(Sort::Date);
    req.per_page = 2;
    let first = index.search(&req).unwrap();
    req.page = 2;
    let second = index.search(&req).unwrap();
    let dates: Vec<&str> = first
        .hits
        .iter()
        .chain(&second.hits)
        .map(|h| h.date.as_str())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    assert_eq!(first.pages, first.total.div_ceil(2));
    assert!(first.hits.iter().all(|h| !second.hits.contains(h)));
}

#[test]
fn cli_json_has_the_documented_shape() {
    let (site, _index) = built();
    let out = site.annals(&["search", "--json", "--limit", "2", "谈心谈话"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["query"], "谈心谈话");
    assert!(v["total"].as_u64().unwrap() >= 3);
    let hit = &v["hits"][0];
    for key in ["url", "title", "kind", "type", "snippet"] {
        assert!(hit[key].is_string(), "hit.{key}: {hit}");
    }
    assert!(hit["year"].is_i64() && hit["score"].is_f64());
    assert!(v["facets"]["year"].is_object() && v["facets"]["type"].is_object());
    assert_eq!(v["hits"].as_array().unwrap().len(), 2);
    let text = site.annals(&["search", "谈心谈话"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("【谈心谈话】"));
}

#[test]
fn search_without_an_index_says_how_to_make_one() {
    let site = Site::fixture("search");
    let out = site.annals(&["search", "谈心谈话"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("这里没有检索索引"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("annals build"));
}

#[test]
fn failed_build_keeps_the_previous_index() {
    let (site, _index) = built();
    let before = tree(&site.root().join("search-index/index"));
    site.write("content/2025/坏.md", "---\ntitle: x\n---\n");
    site.build_fails();
    assert_eq!(tree(&site.root().join("search-index/index")), before);
}

/// Random combinations of words, phrases and exclusions (a fixed seed, so every run is the
/// same): no query fails, and every answer is exactly the set algebra of its parts.
#[test]
fn combined_queries_are_set_algebra_of_their_parts() {
    let (site, index) = built();
    let words = [
        "谈心谈话",
        "文稿起草",
        "教育局",
        "民主生活会",
        "自我批评",
        "整改",
        "局",
        "会议",
        "三会一课",
        "不存在的词",
    ];
    let sets: Vec<BTreeSet<String>> = words.iter().map(|w| containing(&site, w)).collect();
    let all: BTreeSet<String> = containing(&site, "");
    let mut seed: u64 = 0x2025;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    for _ in 0..150 {
        let mut q = Vec::new();
        let mut want = all.clone();
        let mut positive = false;
        for _ in 0..1 + next(3) {
            let i = next(words.len());
            let negate = next(3) == 0;
            let quoted = next(2) == 0;
            let w = if quoted {
                format!("\"{}\"", words[i])
            } else {
                words[i].to_string()
            };
            if negate {
                q.push(format!("-{w}"));
                want = want.difference(&sets[i]).cloned().collect();
            } else {
                q.push(w);
                positive = true;
                want = want.intersection(&sets[i]).cloned().collect();
            }
        }
        let q = q.join(" ");
        let got = urls(&index, &q);
        if positive {
            assert_eq!(got, want, "{q}");
        } else {
            assert!(got.is_empty(), "{q}: only exclusions match nothing");
        }
    }
}

/// An archive written for issue 13: every kind of text a page shows, in the ways it is typed.
fn completeness_site() -> (Site, SearchIndex) {
    let site = Site::fixture("basic");
    fs::remove_dir_all(site.root().join("content")).unwrap();
    let doc = |fm: &str, body: &str| format!("---\n{fm}\n---\n{body}\n");
    site.write(
        "content/2025/_index.md",
        "---\ntitle: 2025年度民主生活会\ndate: 2026-01-20\ntheme: 以学促干转作风\nlocation: 三楼第二会议室\nsummary: 围绕服务保障查摆突出问题\n---\n会前广泛征求意见。\n",
    );
    site.write(
        "content/2025/整改方案.md",
        doc(
            "title: 测试办公室整改方案\ntype: 整改方案\ndate: 2026-02-10\ndoc_number: 测试办〔2026〕7号\nauthor: 综合科",
            "## 一、文稿起草不深入问题\n\n推进OA\n系统建设，共梳理38\n条制度。開展自我檢查。\n\n## 二、其他\n\n会议定于9:00开始。",
        ),
    );
    site.write(
        "content/2025/对照检查材料.md",
        doc(
            "title: 测试办公室对照检查材料\ntype: 对照检查材料\ndate: 2026-01-15",
            "## 一、存在的问题\n\n开展检查不经常。OAS平台尚未启用。警示教育局限于会议传达。\n",
        ),
    );
    site.write(
        "content/2025/发言提纲-王明.md",
        doc(
            "title: 王明同志发言提纲\ntype: 发言提纲\ndate: 2026-01-16\nperson: 王明",
            "市教育局反映的问题要认真整改。\n",
        ),
    );
    site.write(
        "content/2025/rectifications.yaml",
        "- id: 2025-01\n  problem: 服务保障不够精细\n  category: 履职尽责\n  aspect: 服务保障方面\n  source: 征求意见\n  measures: [细化会务方案]\n  leader: 张副主任\n  owner: 王明\n  partners: 信息科\n  goal: 形成长效机制\n  kind: 限期整改\n  deadline: 6月底前\n  status: 已完成\n  outcome: 会务差错明显减少\n  evidence: [会议纪要]\n  notes: 与上年度问题关联\n  progress:\n    - {date: 2026-03-01, note: 完成系统升级}\n- id: 2025-02\n  problem: 谈心谈话经常性不够\n  category: 组织建设\n  source: 谈心谈话\n  owner: 综合科\n  deadline: 长期坚持\n  status: 长期坚持\n",
    );
    site.build();
    let index = SearchIndex::open(&site.root().join("search-index/index")).expect("open index");
    (site, index)
}

fn results(index: &SearchIndex, q: &str) -> annals::search::Results {
    let mut req = Request::new(q);
    req.per_page = 100;
    index.search(&req).expect("search")
}

#[test]
fn issue_13_every_shown_text_is_found_by_category() {
    let (_site, index) = completeness_site();
    let set = |urls: &[&str]| {
        urls.iter()
            .map(|u| u.to_string())
            .collect::<BTreeSet<String>>()
    };
    let cases: Vec<(&str, &str, BTreeSet<String>)> = vec![
        (
            "ledger field 责任领导",
            "张副主任",
            set(&["ledger/2025-01.html"]),
        ),
        (
            "ledger field 配合部门",
            "信息科",
            set(&["ledger/2025-01.html"]),
        ),
        (
            "ledger field 查摆方面",
            "服务保障方面",
            set(&["ledger/2025-01.html"]),
        ),
        (
            "ledger field 整改目标",
            "形成长效机制",
            set(&["ledger/2025-01.html"]),
        ),
        (
            "ledger field 整改成效",
            "会务差错明显减少",
            set(&["ledger/2025-01.html"]),
        ),
        (
            "ledger field 佐证材料",
            "会议纪要",
            set(&["ledger/2025-01.html"]),
        ),
        (
            "ledger field 备注",
            "与上年度问题关联",
            set(&["ledger/2025-01.html"]),
        ),
        (
            "ledger progress note",
            "完成系统升级",
            set(&["ledger/2025-01.html"]),
        ),
        (
            "person: 发言提纲 and 责任部门/责任人",
            "王明",
            set(&["2025/发言提纲-王明.html", "ledger/2025-01.html"]),
        ),
        (
            "document 发文字号",
            "测试办〔2026〕7号",
            set(&["2025/整改方案.html"]),
        ),
        (
            "document author and record owner",
            "综合科",
            set(&["2025/整改方案.html", "ledger/2025-02.html"]),
        ),
        (
            "year page place",
            "三楼第二会议室",
            set(&["2025/index.html"]),
        ),
        (
            "year page theme",
            "以学促干转作风",
            set(&["2025/index.html"]),
        ),
        (
            "year page summary",
            "围绕服务保障查摆突出问题",
            set(&["2025/index.html"]),
        ),
        ("year page date", "2026年1月20日", set(&["2025/index.html"])),
        (
            "wrapped Latin next to Chinese",
            "OA系统",
            set(&["2025/整改方案.html"]),
        ),
        (
            "typed with a space",
            "OA 系统",
            set(&["2025/整改方案.html"]),
        ),
        ("wrapped digits", "38条", set(&["2025/整改方案.html"])),
        ("Latin runs stay whole", "OA", set(&["2025/整改方案.html"])),
        (
            "simplified finds traditional",
            "自我检查",
            set(&["2025/整改方案.html"]),
        ),
        (
            "traditional finds simplified",
            "開展檢查",
            set(&["2025/对照检查材料.html"]),
        ),
        (
            "type alias",
            "问题 type:检视剖析材料",
            set(&["2025/对照检查材料.html"]),
        ),
        (
            "status alias",
            "服务保障 status:已整改",
            set(&["ledger/2025-01.html"]),
        ),
        ("kind alias", "三楼 kind:年度", set(&["2025/index.html"])),
        ("a time is text", "9:00", set(&["2025/整改方案.html"])),
    ];
    let mut failures = Vec::new();
    for (category, q, want) in &cases {
        let got: BTreeSet<String> = results(&index, q)
            .hits
            .iter()
            .map(|h| h.url.split('#').next().unwrap().to_string())
            .collect();
        let tp = got.intersection(want).count() as f64;
        let (precision, recall) = (tp / got.len().max(1) as f64, tp / want.len() as f64);
        if precision < 1.0 || recall < 1.0 {
            failures.push(format!(
                "{category} `{q}`: precision {precision:.2} recall {recall:.2}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // `9:00` is not a filter: no note about an unknown field.
    assert!(results(&index, "9:00").notes.is_empty());
}

#[test]
fn issue_13_unknown_filter_values_say_what_exists() {
    let (_site, index) = completeness_site();
    let r = results(&index, "问题 type:整改方按");
    assert_eq!(r.total, 0);
    assert!(
        r.notes
            .iter()
            .any(|n| n.contains("type:整改方按") && n.contains("最接近的有：type:整改方案")),
        "{:?}",
        r.notes
    );
    let r = results(&index, "问题 status:正在整改");
    assert!(r.notes.is_empty(), "an alias is known: {:?}", r.notes);
}

#[test]
fn issue_13_no_dead_ends() {
    let (_site, index) = completeness_site();
    let r = results(&index, "张副主任 不存在的词");
    assert_eq!(r.total, 0);
    let s = r.suggestions.expect("suggestions");
    assert_eq!(s.words[0].query, "张副主任");
    assert_eq!(s.words[0].total, 1);
    assert_eq!(s.words[1].total, 0);
    let s = results(&index, "张副主任 year:2020")
        .suggestions
        .expect("suggestions");
    assert_eq!(
        s.without_filters
            .as_ref()
            .map(|t| (t.query.as_str(), t.total)),
        Some(("张副主任", 1))
    );
    let s = results(&index, "文稿起草不深人")
        .suggestions
        .expect("suggestions");
    assert!(
        s.phrases
            .iter()
            .any(|t| t.query == "\"文稿起草不深入问题\"" && t.total > 0),
        "{:?}",
        s.phrases
    );
    // The page says so too.
    let (site, _) = completeness_site();
    let server = crate::common::http::Server::start(site.root());
    let q = percent_encoding::utf8_percent_encode(
        "张副主任 不存在的词",
        percent_encoding::NON_ALPHANUMERIC,
    );
    let page = server.get(&format!("/search?q={q}"), &[]).text();
    assert!(
        page.contains("没有找到") && page.contains("单独搜索"),
        "{page}"
    );
}

#[test]
fn issue_13_hits_show_the_right_date_with_its_label() {
    let (_site, index) = completeness_site();
    let hit = |q: &str| results(&index, q).hits.remove(0);
    let r = hit("服务保障不够精细");
    assert_eq!(
        (r.date_label.as_str(), r.date_text.as_str()),
        ("完成时限", "6月底前")
    );
    let r = hit("谈心谈话经常性不够");
    assert_eq!(
        (r.date_label.as_str(), r.date_text.as_str()),
        ("完成时限", "长期坚持")
    );
    let r = hit("测试办〔2026〕7号");
    assert_eq!(
        (r.date_label.as_str(), r.date_text.as_str()),
        ("成文日期", "2026年2月10日")
    );
}

#[test]
fn issue_13_ranking_whole_words_and_headings_first() {
    let (_site, index) = completeness_site();
    let first = |q: &str| {
        results(&index, q).hits[0]
            .url
            .split('#')
            .next()
            .unwrap()
            .to_string()
    };
    // 市教育局 (a word) above 警示教育局限于 (straddling 教育 | 局限).
    assert_eq!(first("教育局"), "2025/发言提纲-王明.html");
    // A report with the text in a heading above a short record that mentions it once.
    let (site, _) = completeness_site();
    site.write(
        "content/2025/rectifications.yaml",
        "- id: 2025-01\n  problem: 会务保障不细\n  category: 履职尽责\n  source: 征求意见\n  measures: [改进文稿起草不深入问题]\n  owner: 秘书科\n  deadline: 2026-06-30\n  status: 整改中\n",
    );
    site.build();
    let index = SearchIndex::open(&site.root().join("search-index/index")).unwrap();
    let r = results(&index, "文稿起草不深入问题");
    assert_eq!(r.total, 2);
    assert_eq!(
        r.hits[0].url.split('#').next().unwrap(),
        "2025/整改方案.html"
    );
}

#[test]
fn issue_13_cli_pages_and_closed_pipes() {
    let (site, index) = completeness_site();
    let mut req = Request::new("问题");
    req.per_page = 1;
    req.page = 1000;
    let r = index.search(&req).unwrap();
    assert_eq!(r.page, r.pages);
    assert!(
        r.notes.iter().any(|n| n.contains("已显示最后一页")),
        "{:?}",
        r.notes
    );
    let help = site.annals(&["search", "--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("最多 100"));
    for cmd in ["search 问题 --limit 100", "check --format json"] {
        let out = chinese(&mut std::process::Command::new("sh"))
            .arg("-c")
            .arg(format!(
                "'{}' {cmd} --root '{}' | head -c 0",
                env!("CARGO_BIN_EXE_annals"),
                site.root().display()
            ))
            .output()
            .unwrap();
        let err = stderr(&out);
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{cmd}: {err}"
        );
    }
}
