//! Emphasis next to Chinese text: the CJK-friendly amendments' own cases against the parser
//! as annals configures it, and office-document lines through the whole Markdown pipeline.

use super::{options, render};
use pulldown_cmark::{Parser, html};

/// `(line number, markdown, expected html)` of a cases file: a Markdown line, then `=> ` and
/// its HTML; `#` lines are comments.
fn cases(text: &str) -> Vec<(usize, &str, &str)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, pair) in lines.windows(2).enumerate() {
        if let Some(html) = pair[1].strip_prefix("=> ") {
            out.push((i + 1, pair[0], html));
        }
    }
    out
}

fn check(file: &str, text: &str, render: impl Fn(&str) -> String) {
    let cases = cases(text);
    assert!(cases.len() > 20, "{file}: only {} cases read", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(line, md, want)| {
            let got = render(md);
            (got.trim_end() != *want)
                .then(|| format!("{file}:{line}: {md}\n  want {want}\n  got  {got}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn issue_19_amendments_test_cases() {
    check(
        "amendments.txt",
        include_str!("../../tests/fixtures/cjk-emphasis/amendments.txt"),
        |md| {
            let mut out = String::new();
            html::push_html(&mut out, Parser::new_ext(md, options()));
            out
        },
    );
}

#[test]
fn issue_19_office_lines_render_bold() {
    check(
        "annals.txt",
        include_str!("../../tests/fixtures/cjk-emphasis/annals.txt"),
        |md| render(md).html,
    );
}

#[test]
fn issue_19_bold_across_a_hard_wrap_and_in_section_text() {
    let r = render(
        "深刻领悟**“两个\n确立”**的决定性意义，\n**（一）加强理论武装。**班子成员\n带头学习\n",
    );
    assert_eq!(
        r.html,
        "<p>深刻领悟<strong>“两个确立”</strong>的决定性意义，<strong>（一）加强理论武装。</strong>班子成员带头学习</p>\n"
    );
    // The search index reads the section text: no asterisk may reach it.
    assert_eq!(
        r.sections[0].text,
        "深刻领悟“两个确立”的决定性意义，（一）加强理论武装。班子成员带头学习\n"
    );
}

#[test]
fn non_cjk_text_renders_as_plain_commonmark() {
    // The amendments change nothing where no CJK character stands next to a run
    // (testcases/gfm-non-cjk.md and CommonMark's own flanking examples).
    let plain = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    let src = "~~Hi~~ Hello, ~there~ world!\n\nThis ~~has a\n\nnew paragraph~~.\n\nThis will ~~~not~~~ strike.\n\nA proper ~strikethrough~.\n\nThese are ~not strikethroughs.\n\nNo, they are not~\n\nThis ~is ~ legit~ isn't ~ legit.\n\nThis is not ~~~~~one~~~~~ huge strikethrough.\n\n~one~ ~~two~~ ~~~three~~~\n\nNo ~mismatch~~\n\n~~**_`this`_**~~  \n~~***`this`***~~  \n~~___`this`___~~\n\n~~**_this_**~~  \n~~***this***~~  \n~~___this___~~\n\n~Hi~ Hello, world!\n\nThis ~text~ ~~is~~ ~~~curious~~~.\n\na~~()a~~a\n\na~~a()~~a\n\n~~()~~\n\n(~~()~~)\n\na*\"foo\"*\n\n*(*foo*)*\n\nfoo-_(bar)_\n\n_foo_bar_baz_\n\n**foo \"*bar*\" foo**\n\n*$*alpha.\n\n__foo, __bar__, baz__\n\nfoo*bar*\n\n5*6*78\n";
    let with = |opts| {
        let mut out = String::new();
        html::push_html(&mut out, Parser::new_ext(src, opts));
        out
    };
    assert_eq!(with(options()), with(plain));
}
