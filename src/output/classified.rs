//! The last gate before publishing: no published text may show a classification marking.
//!
//! The line rules of [`crate::content::rules`] read each source line as written. A marking can
//! reach a page past them: split by a line break (`机⏎密★` renders as 机密★), with a
//! zero-width space, soft hyphen or word joiner between its characters, with `&#9733;` for ★,
//! in an XLSX ledger cell, in annals.yaml's description, or in an attachment (`.txt`, `.yaml`)
//! that is copied as it is. So every published text file is read as a reader would see it —
//! tags removed, entities decoded, invisible characters and layout white space dropped — and
//! a marking there stops the build.

use crate::error::Diagnostic;
use crate::render::OutFile;
use std::path::Path;

/// Extensions of the published files that are text a browser shows.
const TEXT: &[&str] = &[
    "html", "htm", "xhtml", "xml", "svg", "txt", "text", "md", "markdown", "yaml", "yml", "csv",
    "tsv", "json", "js", "mjs", "css", "ini", "conf", "log",
];

/// An error when the published file `f` would show a 秘密★, 机密★ or 绝密★ marking.
pub fn gate(f: OutFile) -> Result<OutFile, Diagnostic> {
    match marking(&f.rel, &f.bytes) {
        None => Ok(f),
        Some(marking) => Err(Diagnostic::error(
            Path::new("public").join(&f.rel),
            crate::msg::publish::published_classified(&marking),
        )
        .help(crate::msg::publish::published_classified_help())
        .code("classified")),
    }
}

/// The first classification marking `bytes` would show, if any.
pub fn marking(rel: &Path, bytes: &[u8]) -> Option<String> {
    let ext = rel
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if !TEXT.contains(&ext.as_str()) {
        return None;
    }
    // Almost every file can be passed over at memchr speed, before its bytes are even checked
    // as UTF-8: no 密 in any spelling.
    const SPELLINGS: [&str; 6] = ["密", "&#23494", "&#x5bc6", "&#x5BC6", "\\u5bc6", "\\u5BC6"];
    if !SPELLINGS
        .iter()
        .any(|s| memchr::memmem::find(bytes, s.as_bytes()).is_some())
    {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let markup = matches!(ext.as_str(), "html" | "htm" | "xhtml" | "xml" | "svg");
    let chars = visible(text, markup);
    let mut found = Vec::new();
    crate::content::rules::classified(&chars, &mut found);
    found.into_iter().next().map(|(col, len, ..)| {
        chars[col - 1..col - 1 + len]
            .iter()
            .filter(|c| !c.is_whitespace())
            .collect()
    })
}

/// Characters that show nothing: white space (layout, between Chinese characters), zero-width
/// spaces and joiners, the soft hyphen, the word joiner, the byte order mark.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
}

/// What a reader sees of `text`: tags dropped (for markup), character references and `\uXXXX`
/// escapes decoded, invisible characters removed.
fn visible(text: &str, markup: bool) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if markup
            && c == '<'
            && let Some(end) = rest.find('>')
        {
            rest = &rest[end + 1..];
            continue;
        }
        let (decoded, used) = match c {
            '&' => entity(rest).unwrap_or((c, 1)),
            '\\' => unicode_escape(rest).unwrap_or((c, 1)),
            _ => (c, c.len_utf8()),
        };
        if !invisible(decoded) {
            out.push(decoded);
        }
        rest = &rest[used..];
    }
    out
}

/// `&#9733;`, `&#x2605;`, `&starf;` … at the start of `s`: the character and the bytes used.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.bytes().take(16).position(|b| b == b';')?;
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(n)?
    } else {
        match body {
            "starf" | "bigstar" => '★',
            "star" => '☆',
            "ast" | "midast" => '*',
            "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
            "shy" | "zwsp" | "zwj" | "zwnj" | "NoBreak" | "ZeroWidthSpace" => '\u{200B}',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

/// A JSON or JavaScript `\uXXXX` escape at the start of `s`.
fn unicode_escape(s: &str) -> Option<(char, usize)> {
    let hex = s.strip_prefix("\\u")?.get(..4)?;
    let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
    Some((c, 6))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(s: &str) -> Option<String> {
        marking(Path::new("a.html"), s.as_bytes())
    }

    #[test]
    fn issue_14_markings_hidden_from_the_line_rule() {
        assert_eq!(html("<p>机\n密★5年</p>").as_deref(), Some("机密★"));
        assert_eq!(
            html("<p>机<strong>密</strong>★</p>").as_deref(),
            Some("机密★")
        );
        assert_eq!(html("秘\u{200B}密\u{00AD}★").as_deref(), Some("秘密★"));
        assert_eq!(html("绝\u{2060}密&#9733;长期").as_deref(), Some("绝密★"));
        assert_eq!(html("绝&#23494;&#x2605;").as_deref(), Some("绝密★"));
        assert_eq!(
            marking(Path::new("a.json"), "\"机\\u5bc6\\u2605\"".as_bytes()).as_deref(),
            Some("机密★")
        );
        assert_eq!(
            marking(Path::new("附件/说明.txt"), "秘密★1年".as_bytes()).as_deref(),
            Some("秘密★")
        );
    }

    #[test]
    fn ordinary_text_passes() {
        assert_eq!(html("<p>保密工作、密切联系群众、机关★</p>"), None);
        assert_eq!(marking(Path::new("a.pdf"), "机密★".as_bytes()), None);
    }
}
