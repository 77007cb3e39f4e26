//! Splits a Markdown file into its YAML front matter and its body, remembering the line
//! each starts on so YAML errors point into the `.md` file.

use crate::error::Diagnostic;
use crate::msg::content as m;
use std::path::Path;

/// A file cut at its front matter fences.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences (may be empty).
    pub yaml: &'a str,
    /// 1-based line of the file on which the YAML starts.
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

impl<'a> Split<'a> {
    /// The front matter as a YAML source of the file `text` shown as `shown`.
    pub fn source(&self, shown: &'a Path, text: &'a str) -> crate::yaml::Source<'a> {
        crate::yaml::Source {
            shown,
            file_text: text,
            yaml: self.yaml,
            first_line: self.yaml_line,
        }
    }
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Cuts `text` at its `---` fences; `None` when the file has no front matter at all.
pub fn split<'a>(shown: &Path, text: &'a str) -> Result<Option<Split<'a>>, Diagnostic> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() == "+++" {
        return Err(Diagnostic::error(shown, m::toml_front_matter())
            .at(text, 1, 1)
            .span(3)
            .help(m::toml_front_matter_help()));
    }
    if !is_fence(first) {
        return Ok(None);
    }
    let yaml_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = yaml_start;
    for (line_no, line) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        if is_fence(line) || line.trim_end() == "..." {
            let body_start = offset + line.len();
            return Ok(Some(Split {
                yaml: &text[yaml_start..offset],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line_no + 1,
            }));
        }
        offset += line.len();
    }
    Err(Diagnostic::error(shown, m::front_matter_unclosed())
        .at(text, 1, 1)
        .span(3)
        .help(m::front_matter_unclosed_help()))
}

/// Like [`split`], but a document must have front matter.
pub fn require<'a>(shown: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    split(shown, text)?.ok_or_else(|| {
        Diagnostic::error(shown, m::no_front_matter())
            .at(text, 1, 1)
            .help(m::no_front_matter_help())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_lines() {
        let s = split(Path::new("a.md"), "---\ntitle: a\n---\n正文\n")
            .unwrap()
            .unwrap();
        assert_eq!(
            s,
            Split {
                yaml: "title: a\n",
                yaml_line: 2,
                body: "正文\n",
                body_line: 4
            }
        );
    }

    #[test]
    fn missing_and_unclosed() {
        assert_eq!(split(Path::new("a.md"), "正文").unwrap(), None);
        assert!(
            require(Path::new("a.md"), "正文")
                .unwrap_err()
                .message
                .contains("没有前置元数据")
        );
        let d = split(Path::new("a.md"), "---\ntitle: a\n").unwrap_err();
        assert!(d.message.contains("没有结束"));
    }

    #[test]
    fn crlf_fences() {
        let s = split(Path::new("a.md"), "---\r\ntitle: a\r\n---\r\nbody")
            .unwrap()
            .unwrap();
        assert_eq!(s.body, "body");
    }
}
