//! What `check` needs to know of a Markdown body, read from the parser's events with their
//! source offsets in one pass: the link and image targets (reference links included, code
//! excluded) and the `**` or `__` the reader would see as characters — an emphasis that did
//! not take (a stray marker, `** 一是**` with a space inside).

use super::links::{LinkTarget, link_target};
use super::options;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// Facts of one Markdown body, by source offset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Every link and image target.
    pub links: Vec<LinkTarget>,
    /// The byte ranges of `**` and `__` shown as characters. Code spans and blocks are not
    /// text, and a marker written escaped (`\*\*`) is meant literally.
    pub literal_emphasis: Vec<Range<usize>>,
}

/// The facts of `src`.
pub fn facts(src: &str) -> Facts {
    let mut facts = Facts::default();
    let mut in_code = false;
    // The current run of text events that touch each other in the source.
    let mut run: Option<Range<usize>> = None;
    let flush = |run: &mut Option<Range<usize>>, found: &mut Vec<Range<usize>>| {
        if let Some(r) = run.take() {
            found.extend(markers(src, r));
        }
    };
    for (event, range) in Parser::new_ext(src, options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                facts.links.push(link_target(src, range.clone(), dest_url));
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(_) if !in_code => {
                match &mut run {
                    Some(r) if r.end == range.start => r.end = range.end,
                    _ => {
                        flush(&mut run, &mut facts.literal_emphasis);
                        run = Some(range);
                    }
                }
                continue;
            }
            _ => {}
        }
        flush(&mut run, &mut facts.literal_emphasis);
    }
    flush(&mut run, &mut facts.literal_emphasis);
    facts
}

/// The unescaped `**` and `__` in `src[range]`.
fn markers(src: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = range.start;
    while i + 1 < range.end {
        let b = bytes[i];
        let escaped = i > 0 && bytes[i - 1] == b'\\';
        if (b == b'*' || b == b'_') && bytes[i + 1] == b && !escaped {
            let mut end = i + 2;
            while end < range.end && bytes[end] == b {
                end += 1;
            }
            out.push(i..end);
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(src: &str) -> Vec<&str> {
        facts(src)
            .literal_emphasis
            .into_iter()
            .map(|r| &src[r])
            .collect()
    }

    #[test]
    fn markers_that_did_not_take() {
        assert!(shown("深刻领悟**“两个确立”**的决定性意义").is_empty());
        assert!(shown("**（一）加强理论武装。**班子成员").is_empty());
        assert_eq!(shown("** 一是**抓学习"), ["**", "**"]);
        assert_eq!(shown("落实**第一议题制度"), ["**"]);
        assert_eq!(shown("第一行\n\n第二行__强调"), ["__"]);
    }

    #[test]
    fn code_and_escapes_are_meant() {
        assert!(shown("`a**b` 和 \\*\\*字\\*\\*\n\n```\nx ** y\n```\n").is_empty());
    }
}
