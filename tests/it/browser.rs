//! The default theme in a real browser: Debian's headless Chromium, driven through
//! chromedriver, against `annals serve` on 127.0.0.1 with the shipped archive. Screenshots of
//! home, a document, the ledger and search results are kept in
//! `target/tmp/browser-artifacts/`.

use crate::common::http::Server;
use crate::common::webdriver::Browser;
use crate::common::*;
use std::path::{Path, PathBuf};

fn shipped_archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&repo.join("content"), &dir.path().join("content"));
    for f in [
        "annals.yaml",
        "search-index/dictionary.txt",
        "search-index/synonyms.yaml",
    ] {
        std::fs::create_dir_all(dir.path().join(f).parent().unwrap()).unwrap();
        std::fs::copy(repo.join(f), dir.path().join(f)).unwrap();
    }
    dir
}

fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-artifacts");
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

fn save(browser: &Browser, name: &str) {
    let png = browser.screenshot();
    assert!(png.starts_with(b"\x89PNG"), "{name}: not a PNG");
    std::fs::write(artifacts().join(name), png).expect("write screenshot");
}

#[test]
fn search_ledger_and_pages_work_in_chromium() {
    let site = shipped_archive();
    let server = Server::start_with(site.path(), &["--today", "2026-11-25"]);
    let profile = tempfile::tempdir().expect("profile");
    let Some(b) = Browser::start(profile.path()) else {
        return;
    };
    let base = format!("http://127.0.0.1:{}", server.port);

    // Home: the timeline, then a search typed into the header box and sent with Enter.
    b.goto(&format!("{base}/"));
    assert_eq!(
        b.eval("return document.querySelectorAll('.timeline-item').length"),
        3
    );
    save(&b, "home.png");
    b.type_into(".search-box input[name=q]", "文稿起草不深入\u{E007}");
    b.wait_for(
        "return location.pathname === '/search.html' && document.querySelectorAll('.hit').length > 0",
    );
    let marks = b.eval("return Array.prototype.map.call(document.querySelectorAll('.hit mark'), function (m) { return m.textContent; })");
    let marks: Vec<String> = serde_json::from_value(marks).unwrap();
    assert!(
        !marks.is_empty() && marks.iter().all(|m| m == "文稿起草不深入"),
        "{marks:?}"
    );
    save(&b, "search.png");
    // The page's script lists facets as the server's page does: the vocabulary's order.
    let facet = |html: &str| -> Vec<String> {
        html.split("<h2>文种</h2>")
            .nth(1)
            .and_then(|s| s.split("</ul>").next())
            .unwrap_or("")
            .split("</a>")
            .filter_map(|a| a.rsplit('>').next())
            .filter(|v| !v.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    let in_page = b.eval("return document.querySelector('.facets').innerHTML");
    let served = server.get(
        "/search?q=%E6%96%87%E7%A8%BF%E8%B5%B7%E8%8D%89%E4%B8%8D%E6%B7%B1%E5%85%A5",
        &[],
    );
    let (a, bb) = (facet(in_page.as_str().unwrap()), facet(&served.text()));
    assert!(a.len() > 1 && a == bb, "in-page {a:?}, server {bb:?}");

    // 大字/高对比 (#17 item 12): a switch in the header, reachable by keyboard, remembered
    // from page to page.
    assert_eq!(
        b.eval("return getComputedStyle(document.documentElement).fontSize"),
        "16px"
    );
    b.eval(
        "document.querySelector('.view-switch button[data-view=large-text]').focus(); return null",
    );
    assert_eq!(
        b.eval("return document.activeElement.getAttribute('data-view')"),
        "large-text",
        "the switch takes the keyboard focus"
    );
    b.click(".view-switch button[data-view=large-text]");
    assert_eq!(
        b.eval("return getComputedStyle(document.documentElement).fontSize"),
        "20px"
    );
    b.goto(&format!("{base}/ledger/index.html"));
    assert_eq!(
        b.eval("return getComputedStyle(document.documentElement).fontSize"),
        "20px"
    );
    assert_eq!(
        b.eval("return document.querySelector('.view-switch button[data-view=large-text]').getAttribute('aria-pressed')"),
        "true"
    );
    b.click(".view-switch button[data-view=large-text]");
    assert_eq!(
        b.eval("return getComputedStyle(document.documentElement).fontSize"),
        "16px"
    );
    b.goto(&format!("{base}/search.html?q=文稿起草不深入"));
    b.wait_for("return document.querySelectorAll('.hit').length > 0");

    // The empty search page says what to try (#17 item 9), and what it offers finds something.
    b.goto(&format!("{base}/search.html"));
    let tries = b.eval("return document.querySelectorAll('.search-empty li a').length");
    assert!(tries.as_u64().unwrap() >= 3, "{tries}");
    b.click(".search-empty li a");
    b.wait_for("return document.getElementById('search-app').getAttribute('data-state') === 'done' && !!document.querySelector('[data-total]')");
    assert!(
        b.eval("return Number(document.querySelector('[data-total]').getAttribute('data-total'))")
            .as_u64()
            .unwrap()
            > 0
    );
    assert_eq!(
        b.eval("return document.querySelector('.search-empty').hidden"),
        true
    );
    b.goto(&format!("{base}/search.html?q=文稿起草不深入"));
    b.wait_for("return document.querySelectorAll('.hit').length > 0");

    // Follow the first document hit to its section.
    b.click(".hit a[href*='.html?hl='][href*='#']");
    b.wait_for("return location.hash.length > 1 && document.querySelector(':target') !== null");
    let target = b.eval("return document.querySelector(':target').textContent");
    assert!(
        target.as_str().unwrap_or_default().chars().count() > 2,
        "{target}"
    );
    // The searched words are marked in that section (#17 item 9), and only there.
    let marks = b.eval(
        "var t = document.querySelector(':target'), marks = document.querySelectorAll('mark.searched'); \
         return { n: marks.length, words: Array.prototype.map.call(marks, function (m) { return m.textContent; }), \
                  inside: Array.prototype.every.call(marks, function (m) { \
                    return m.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_PRECEDING || t.contains(m); }) };",
    );
    assert!(marks["n"].as_u64().unwrap() > 0, "{marks}");
    assert!(
        marks["words"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w == "文稿起草不深入"),
        "{marks}"
    );
    assert_eq!(marks["inside"], true, "{marks}");
    save(&b, "document.png");

    // Heading levels differ on this machine's fonts (#17 item 10): 一、 (h2), （一） (h3) and
    // the body each set in a font, weight or size of their own, measured as drawn. Here (no
    // 楷体) the 楷体 of （一） would fall back to the body's serif without page.js's fix.
    let looks = b.eval(
        "var ctx = document.createElement('canvas').getContext('2d'), sample = 'mmmmmwwwwwlllll 0123456789（一）民主生活会'; \
         return ['.official .prose h2', '.official .prose h3', '.official .prose p'].map(function (css) { \
           var e = document.querySelector(css); if (!e) { return null; } var s = getComputedStyle(e); \
           ctx.font = s.fontWeight + ' 40px ' + s.fontFamily; \
           return [Math.round(ctx.measureText(sample).width), s.fontWeight, s.fontSize]; });",
    );
    let looks: Vec<Option<(i64, String, String)>> = serde_json::from_value(looks).unwrap();
    let looks: Vec<_> = looks.into_iter().flatten().collect();
    assert_eq!(looks.len(), 3, "the report has h2, h3 and paragraphs");
    for (i, a) in looks.iter().enumerate() {
        for bb in &looks[i + 1..] {
            assert!(a != bb, "two levels look the same: {looks:?}");
        }
    }

    // Which heading fonts are missing is measured once a day, not before every page is
    // drawn: the answer kept is the one applied, and a day-old one is measured again.
    let classes = |b: &Browser| -> Vec<String> {
        let c = b.eval("return document.documentElement.className");
        let mut c: Vec<String> = c
            .as_str()
            .unwrap()
            .split(' ')
            .filter(|c| c.starts_with("no-"))
            .map(String::from)
            .collect();
        c.sort();
        c
    };
    let measured = classes(&b);
    assert!(
        measured.contains(&"no-kai".to_string()),
        "no 楷体 here: {measured:?}"
    );
    let kept = b.eval("return localStorage.getItem('annals-fonts')");
    let kept = kept.as_str().unwrap().to_string();
    let mut in_kept: Vec<String> = kept.split(' ').skip(1).map(String::from).collect();
    in_kept.sort();
    assert_eq!(in_kept, measured, "kept: {kept}");
    // Without the fragment: going to the same page's section would not load it again.
    let page = b
        .eval("return location.href.split('#')[0]")
        .as_str()
        .unwrap()
        .to_string();
    b.eval("localStorage.setItem('annals-fonts', Date.now() + ' no-hei'); return 0");
    b.goto(&page);
    assert_eq!(
        classes(&b),
        vec!["no-hei"],
        "a kept answer is applied as kept"
    );
    b.eval("localStorage.setItem('annals-fonts', (Date.now() - 2 * 864e5) + ' no-hei'); return 0");
    b.goto(&page);
    assert_eq!(classes(&b), measured, "a day-old answer is measured again");

    // The ledger: live filtering by status, then the no-script filter page for overdue.
    b.goto(&format!("{base}/ledger/index.html"));
    assert_eq!(
        b.eval("return document.querySelector('.live-filter').hidden"),
        false,
        "the script shows the live filter"
    );
    let all = b
        .eval("return document.querySelectorAll('.ledger-table tbody tr').length")
        .as_u64()
        .unwrap();
    b.click("select[data-key=status] option[value='已完成']");
    b.wait_for("return document.querySelectorAll('.ledger-table tbody tr:not([hidden])').length < document.querySelectorAll('.ledger-table tbody tr').length");
    let shown = b.eval("return Array.prototype.filter.call(document.querySelectorAll('.ledger-table tbody tr'), function (r) { return !r.hidden; }).map(function (r) { return r.getAttribute('data-status'); })");
    let shown: Vec<String> = serde_json::from_value(shown).unwrap();
    assert!(
        !shown.is_empty() && (shown.len() as u64) < all && shown.iter().all(|s| s == "已完成"),
        "{shown:?}"
    );
    // The counts and the charts follow the filter (#17 item 8).
    let after = b.eval(
        "var sum = function (css) { return Array.prototype.reduce.call(document.querySelectorAll(css), function (n, r) { return n + parseInt(r.getAttribute('data-count'), 10); }, 0); }; \
         return { total: document.querySelector('[data-count=total]').textContent, \
                  done: sum('figure[data-by=status] rect[data-series=\"已完成\"]'), \
                  other: sum('figure[data-by=status] rect[data-series]:not([data-series=\"已完成\"])'), \
                  categories: sum('figure[data-by=category] rect[data-series]'), \
                  shownStatus: document.querySelectorAll('.status-counts li:not([hidden])').length };",
    );
    assert_eq!(after["total"], shown.len().to_string(), "{after}");
    assert_eq!(after["done"], shown.len(), "{after}");
    assert_eq!(after["other"], 0, "{after}");
    assert_eq!(after["categories"], shown.len(), "{after}");
    assert_eq!(after["shownStatus"], 1, "{after}");
    save(&b, "ledger.png");
    // Deadlines sort and filter on the date they resolve to (#17 item 5), not on the wording.
    b.click("select[data-key=status] option[value='']");
    b.click("select[data-sort] option[value='due']");
    let dues = |b: &Browser| -> Vec<String> {
        serde_json::from_value(b.eval("return Array.prototype.filter.call(document.querySelectorAll('.ledger-table tbody tr'), function (r) { return !r.hidden; }).map(function (r) { return r.getAttribute('data-due'); })")).unwrap()
    };
    let sorted = dues(&b);
    let dated: Vec<&String> = sorted.iter().take_while(|d| !d.is_empty()).collect();
    assert!(
        dated.len() > 1
            && dated.windows(2).all(|w| w[0] <= w[1])
            && sorted[dated.len()..].iter().all(|d| d.is_empty()),
        "not in deadline order, 长期坚持 last: {sorted:?}"
    );
    b.eval("var i = document.querySelector('input[data-key=due-by]'); i.value = '2026-06-30'; i.dispatchEvent(new Event('change')); return null");
    let by = dues(&b);
    assert!(
        !by.is_empty()
            && by.len() < sorted.len()
            && by
                .iter()
                .all(|d| !d.is_empty() && d.as_str() <= "2026-06-30"),
        "{by:?}"
    );
    b.click(".facet a[href$='overdue.html']");
    b.wait_for("return location.pathname === '/ledger/overdue.html'");
    // A filter page's live filter starts from its filter, its counts are its own.
    assert_eq!(
        b.eval("return document.querySelector('input[data-key=overdue]').checked"),
        true
    );
    assert_eq!(
        b.eval("return document.querySelector('[data-count=total]').textContent === String(document.querySelectorAll('.ledger-table tbody tr').length)"),
        true
    );
    assert!(
        b.eval("return document.querySelectorAll('.ledger-table tbody tr.overdue').length")
            .as_u64()
            .unwrap()
            > 0
    );

    // 360 px wide: no page scrolls sideways.
    b.set_size(360, 800);
    for page in [
        "/",
        "/2025/召开情况报告.html",
        "/ledger/index.html",
        "/search?q=谈心谈话",
    ] {
        b.goto(&format!("{base}{page}"));
        let overflow = b.eval(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
        );
        assert!(
            overflow.as_i64().unwrap() <= 0,
            "{page} overflows by {overflow} px at 360 px"
        );
    }
    save(&b, "document-360.png");

    // The ledger on a phone (#17 item 4): records as cards, before the charts; the problem
    // gets the card's width, status and 逾期 stay on screen, a date stays in one piece.
    b.set_size(375, 800);
    b.goto(&format!("{base}/ledger/index.html"));
    let m = b.eval(
        "var row = document.querySelector('.ledger-table tbody tr.overdue'), \
         box = function (e) { return e.getBoundingClientRect(); }, \
         due = row.querySelector('td.due time'); \
         return { first: box(document.querySelector('.ledger-table tbody tr')).top + scrollY, \
                  charts: box(document.querySelector('.charts')).top + scrollY, \
                  problem: box(row.querySelector('td.problem')).width, \
                  badge: box(row.querySelector('.badge-overdue')).right, \
                  width: document.documentElement.clientWidth, \
                  dueLines: Math.round(box(due).height / parseFloat(getComputedStyle(due).lineHeight || 20)) };",
    );
    let get = |k: &str| m[k].as_f64().unwrap_or_else(|| panic!("{k}: {m}"));
    assert!(
        get("first") < get("charts"),
        "records come before the charts: {m}"
    );
    assert!(get("problem") > 250.0, "问题表现 has the card's width: {m}");
    assert!(get("badge") <= get("width"), "逾期 is on screen: {m}");
    assert!(get("dueLines") <= 1.0, "the deadline breaks: {m}");
    eprintln!(
        "ledger at 375 px: first record at {} px, charts at {} px",
        get("first"),
        get("charts")
    );
    // Charts (#17 item 7): text at least 12 px as drawn on the phone, a table of the numbers
    // for screen readers.
    let smallest = b.eval(
        "var least = 1e9; Array.prototype.forEach.call(document.querySelectorAll('svg.chart'), function (svg) { \
           var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; \
           Array.prototype.forEach.call(svg.querySelectorAll('text'), function (t) { \
             least = Math.min(least, parseFloat(t.getAttribute('font-size')) * scale); }); }); \
         return least;",
    );
    assert!(
        smallest.as_f64().unwrap() >= 12.0,
        "chart text drawn at {smallest} px"
    );
    assert_eq!(
        b.eval(
            "return document.querySelectorAll('figure.chart-box .chart-data table tbody tr').length"
        ),
        9,
        "three charts, a row per year"
    );
    save(&b, "ledger-375.png");
    b.eval(&format!(
        "window.scrollTo(0, {}); return null",
        get("first") - 8.0
    ));
    save(&b, "ledger-375-cards.png");
}
