//! What `check` needs to know of a Markdown body, read from the parser's events with their
//! source offsets in one pass: the link and image targets (reference links included, code
//! excluded) and the `**` or `__` the reader would see as characters — an emphasis that did
//! not take (a stray marker, `** 一是**` with a space inside).

use super::links::{LinkTarget, link_target};
use pulldown_cmark::{Event, Tag, TagEnd};
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

/// Gathers the facts of a body from its parser events as [`super::read`] passes them on.
#[derive(Default)]
pub(super) struct Collector {
    facts: Facts,
    in_code: bool,
    /// The current run of text events that touch each other in the source.
    run: Option<Range<usize>>,
}

impl Collector {
    /// Takes note of one event of `src` and where it is written.
    pub(super) fn see(&mut self, src: &str, event: &Event, range: &Range<usize>) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                self.facts
                    .links
                    .push(link_target(src, range.clone(), dest_url));
            }
            Event::Start(Tag::CodeBlock(_)) => self.in_code = true,
            Event::End(TagEnd::CodeBlock) => self.in_code = false,
            Event::Text(_) if !self.in_code => {
                match &mut self.run {
                    Some(r) if r.end == range.start => r.end = range.end,
                    _ => {
                        self.flush(src);
                        self.run = Some(range.clone());
                    }
                }
                return;
            }
            _ => {}
        }
        self.flush(src);
    }

    fn flush(&mut self, src: &str) {
        if let Some(r) = self.run.take() {
            self.facts.literal_emphasis.extend(markers(src, r));
        }
    }

    /// The facts, once every event was seen.
    pub(super) fn finish(mut self, src: &str) -> Facts {
        self.flush(src);
        self.facts
    }
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
    fn shown(src: &str) -> Vec<&str> {
        crate::markdown::read(src)
            .1
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
