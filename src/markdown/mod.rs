//! PARSE: Markdown -> HTML, the heading outline and the plain text of each section.
//!
//! One place for the pulldown-cmark options (CommonMark plus tables, footnotes,
//! strikethrough, CJK-friendly emphasis) and for the rules Chinese documents need:
//! - a heading's `{#id .class}` is read by annals itself, with safe characters only (the
//!   parser's own attribute syntax would pass `{onclick=…}` into the page);
//! - a soft line break between two CJK characters is dropped, not turned into a space,
//!   because hard-wrapped Chinese would otherwise show stray gaps mid-word;
//! - heading ids are readable Chinese ("一-精耕细作抓筹备"), stable, and unique in the page;
//! - a link to another document's `.md` file points to its page (`.html`), so links work
//!   both in a git web view and on the site;
//! - a paragraph led by "1.聚焦主题深学细悟。" keeps its numbering and shows the lead-in in
//!   bold, as the official document does for its fourth heading level.

mod cjk;
#[cfg(test)]
mod emphasis_cases;
mod facts;
mod headings;
mod links;

use facts::Collector;
pub use facts::Facts;
pub use headings::{lead_in_len, slugify};
pub use links::{LinkTarget, is_external};

use cjk::join_lines;
use headings::{assign_heading_ids, bold_lead_ins};
use links::{keep_inside, link_to_page, raw_html_as_text};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

/// A heading of the document, for the table of contents and section links.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The anchor, unique in the page.
    pub id: String,
    /// The heading text, numbering included.
    pub text: String,
}

/// The plain text of the document from one heading to the next.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Section {
    /// The heading's anchor; `None` for the text before the first heading.
    pub id: Option<String>,
    /// The section's heading text (`None` for the text before the first heading).
    pub heading: Option<String>,
    /// Plain text, one line per block.
    pub text: String,
}

/// A rendered Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The body as HTML.
    pub html: String,
    /// Every heading with its id, for the table of contents and link checks.
    pub headings: Vec<Heading>,
    /// The plain text of each section, for the index.
    pub sections: Vec<Section>,
}

/// The parser options of every Markdown text annals renders. CJK-friendly emphasis, because
/// bold next to Chinese punctuation (`**“两个确立”**的`, `**（一）……。**班子`) is in nearly
/// every 对照检查材料 and plain CommonMark shows its asterisks.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_CJK_FRIENDLY_EMPHASIS
}

/// The events of a Markdown body after every annals rule (CJK line joins, heading anchors,
/// bold lead-ins, links to pages, nothing outside the site), and its headings.
/// With `facts`, the parser's events are also shown to it with their source offsets, so
/// `check` reads links and markers in the pass that finds the headings.
fn events<'a>(src: &'a str, mut facts: Option<&mut Collector>) -> (Vec<Event<'a>>, Vec<Heading>) {
    let events: Vec<Event> = Parser::new_ext(src, options())
        .into_offset_iter()
        .filter_map(|(event, range)| {
            if let Some(f) = facts.as_deref_mut() {
                f.see(src, &event, &range);
            }
            raw_html_as_text(event)
        })
        .collect();
    let mut events = join_lines(events);
    let headings = assign_heading_ids(&mut events);
    let events = bold_lead_ins(events)
        .into_iter()
        .map(link_to_page)
        .collect::<Vec<_>>();
    (keep_inside(events), headings)
}

/// Renders a Markdown body.
pub fn render(src: &str) -> Rendered {
    let (events, headings) = events(src, None);
    rendered(src, events, headings)
}

/// Renders a Markdown body and reads what `check` needs of it in the same pass: its link
/// targets and the emphasis markers that did not take, by source offset.
pub fn read(src: &str) -> (Rendered, Facts) {
    let mut facts = Collector::default();
    let (events, headings) = events(src, Some(&mut facts));
    (rendered(src, events, headings), facts.finish(src))
}

fn rendered(src: &str, events: Vec<Event>, headings: Vec<Heading>) -> Rendered {
    let sections = split_sections(&events);
    let mut out = String::with_capacity(src.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Rendered {
        html: out,
        headings,
        sections,
    }
}

/// The plain text of a Markdown body split at its headings, as [`render`] gives it, without
/// writing the HTML (the search index needs only this).
pub fn sections(src: &str) -> Vec<Section> {
    split_sections(&events(src, None).0)
}

/// Splits the plain text at headings.
fn split_sections(events: &[Event]) -> Vec<Section> {
    let mut sections = vec![Section {
        id: None,
        heading: None,
        text: String::new(),
    }];
    let mut in_heading = false;
    for e in events {
        match e {
            Event::Start(Tag::Heading { id, .. }) => {
                in_heading = true;
                sections.push(Section {
                    id: id.as_ref().map(|s| s.to_string()),
                    heading: Some(String::new()),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                let cur = sections.last_mut().expect("sections starts non-empty");
                match (&mut cur.heading, in_heading) {
                    (Some(h), true) => h.push_str(t),
                    _ => cur.text.push_str(t),
                }
            }
            // A soft break is where the source line wrapped: the page shows a space (search
            // treats it as layout next to Chinese); a hard break is a line of its own.
            Event::SoftBreak => sections
                .last_mut()
                .expect("sections starts non-empty")
                .text
                .push(' '),
            Event::HardBreak => sections
                .last_mut()
                .expect("sections starts non-empty")
                .text
                .push('\n'),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => {
                let text = &mut sections.last_mut().expect("sections starts non-empty").text;
                if !text.ends_with('\n') && !text.is_empty() {
                    text.push('\n');
                }
            }
            _ => {}
        }
    }
    if sections[0].text.trim().is_empty() && sections.len() > 1 {
        sections.remove(0);
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soft_break_between_cjk_is_dropped() {
        let r = render("市政协办公室紧\n扣民主生活会主题\n");
        assert_eq!(r.html, "<p>市政协办公室紧扣民主生活会主题</p>\n");
    }

    #[test]
    fn soft_break_next_to_latin_stays() {
        assert_eq!(render("召开 2025\nyear\n").html, "<p>召开 2025\nyear</p>\n");
        assert_eq!(render("学习\nPDF 文件\n").html, "<p>学习\nPDF 文件</p>\n");
    }

    #[test]
    fn soft_break_through_emphasis_and_quotes() {
        assert_eq!(
            render("落实**第一议题**\n制度，做到\n“两个维护”\n").html,
            "<p>落实<strong>第一议题</strong>制度，做到“两个维护”</p>\n"
        );
    }

    #[test]
    fn heading_ids_readable_and_unique() {
        let r = render(
            "## 一、精耕细作抓筹备，筑牢会议思想根基\n\n### （一）强化理论武装\n\n### （一）强化理论武装\n\n## Summary {#sum}\n",
        );
        let ids: Vec<_> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "一-精耕细作抓筹备-筑牢会议思想根基",
                "一-强化理论武装",
                "一-强化理论武装-2",
                "sum"
            ]
        );
        assert_eq!(r.headings[0].text, "一、精耕细作抓筹备，筑牢会议思想根基");
        assert!(r.html.contains("<h2 id=\"一-精耕细作抓筹备-筑牢会议思想根基\">一、精耕细作抓筹备，筑牢会议思想根基</h2>"));
    }

    #[test]
    fn run_in_heading_is_bold_not_list() {
        let r = render("1.聚焦主题深学细悟。坚持把学习贯穿\n筹备工作全过程。\n");
        assert_eq!(
            r.html,
            "<p><strong>1.聚焦主题深学细悟。</strong>坚持把学习贯穿筹备工作全过程。</p>\n"
        );
        assert_eq!(
            lead_in_len("（2）反复修改。后文"),
            Some("（2）反复修改。".len())
        );
        assert_eq!(lead_in_len("2025年度民主生活会。"), None);
    }

    #[test]
    fn sections_follow_headings() {
        let r = render("前言\n\n## 一、筹备\n\n谈心\n谈话\n\n## 二、会议\n\n批评\n");
        let texts: Vec<_> = r
            .sections
            .iter()
            .map(|s| (s.id.clone(), s.text.clone()))
            .collect();
        assert_eq!(
            texts,
            [
                (None, "前言\n".to_string()),
                (Some("一-筹备".to_string()), "谈心谈话\n".to_string()),
                (Some("二-会议".to_string()), "批评\n".to_string())
            ]
        );
        let src =
            "前言\n\n## 一、筹备\n\n1.谈心\n谈话。[方案](整改方案.md)\n\n## 二、会议\n\n批评\n";
        assert_eq!(sections(src), render(src).sections);
    }

    #[test]
    fn links_to_markdown_files_point_to_pages() {
        let r =
            render("[a](对照检查材料.md#一-问题) [b](../2024/x.md) [c](http://h/x.md) [d](x.txt)");
        assert!(r.html.contains("href=\"%E5%AF%B9%E7%85%A7%E6%A3%80%E6%9F%A5%E6%9D%90%E6%96%99.html#%E4%B8%80-%E9%97%AE%E9%A2%98\""), "{}", r.html);
        assert!(r.html.contains("href=\"../2024/x.html\""));
        assert!(
            !r.html.contains("http://h/x.md") && r.html.contains(" c "),
            "external links keep their text only: {}",
            r.html
        );
        assert!(r.html.contains("href=\"x.txt\""));
    }

    #[test]
    fn raw_html_is_text_and_comments_vanish() {
        let r = render(
            "<script>alert(1)</script>\n\n文字<img src=x onerror=alert(1)>\n\n<!-- 备注 -->\n",
        );
        assert!(
            !r.html.contains("<script") && !r.html.contains("<img"),
            "{}",
            r.html
        );
        assert!(r.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!r.html.contains("备注"));
    }

    #[test]
    fn nothing_outside_the_site_is_referenced() {
        let r = render(
            "[国务院](https://www.gov.cn) ![图](http://x/y.png) [j](javascript:alert(1)) [p](//h/a) [ok](a.html#b)",
        );
        assert_eq!(r.html, "<p>国务院 图 j p <a href=\"a.html#b\">ok</a></p>\n");
        assert!(
            is_external("mailto:a@b") && !is_external("附件/议程.txt") && !is_external("#一-问题")
        );
    }

    #[test]
    fn issue_14_heading_attributes_only_safe_ids_and_classes() {
        let r = render(
            "## 附表 {onclick=alert(1)}\n\n## 标题 {共5项}\n\n## 附件 {#fj .wide}\n\n## 说明 {#a\"b}\n",
        );
        assert!(
            !r.html.contains("onclick=\"") && !r.html.contains(" onclick"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(">附表 {onclick=alert(1)}</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains(">标题 {共5项}</h2>"), "{}", r.html);
        assert!(
            r.html.contains("<h2 id=\"fj\" class=\"wide\">附件</h2>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(">说明 {#a&quot;b}</h2>") || r.html.contains(">说明 {#a\"b}</h2>"),
            "{}",
            r.html
        );
        assert_eq!(r.headings[1].text, "标题 {共5项}");
    }

    #[test]
    fn issue_14_many_same_named_headings_take_linear_time() {
        let src = "## 问题\n\n".repeat(20_000);
        let started = std::time::Instant::now();
        let r = render(&src);
        assert_eq!(r.headings.len(), 20_000);
        assert_eq!(r.headings[19_999].id, "问题-20000");
        // Not a timing test of speed: a quadratic walk here took over a minute.
        assert!(started.elapsed().as_secs() < 30);
    }

    #[test]
    fn issue_14_link_targets_from_the_parser() {
        let src = "见[甲](整改方案.md#一)和[乙][r]，`[丙](代码.md)`\n[丁](%E6%96%B9%E6%A1%88.md) [戊](<整改 方案.md>)\n\n```\n[己](块.md)\n```\n\n[r]: 附件/a.pdf\n";
        let found: Vec<(usize, String)> = read(src)
            .1
            .links
            .into_iter()
            .map(|l| (l.offset, l.target))
            .collect();
        let at = |s: &str| src.find(s).unwrap();
        assert_eq!(
            found,
            [
                (at("整改方案.md#一"), "整改方案.md#一".to_string()),
                (at("[乙]"), "附件/a.pdf".to_string()),
                (at("%E6"), "方案.md".to_string()),
                (at("整改 方案"), "整改 方案.md".to_string()),
            ]
        );
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let r = render("|a|b|\n|-|-|\n|1|2|\n\n~~删~~[^1]\n\n[^1]: 注\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>删</del>"));
        assert!(r.html.contains("footnote"));
    }
}
