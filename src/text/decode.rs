//! Bytes of a user file -> UTF-8 text, or a clear error that says what the file really is.
//!
//! Offices still save files as GBK from old editors and paste Word files into the archive.
//! Guessing an encoding silently could corrupt a report, so annals refuses non-UTF-8 text and
//! tells the clerk which encoding it looks like and the command that converts it.

use crate::error::{Diagnostic, line_col};
use crate::msg::files as m;
use std::path::Path;

/// Decodes a file's bytes; a UTF-8 byte-order mark is accepted and dropped.
/// `allow_empty` admits an empty file (an empty `annals.yaml` means all defaults).
pub fn decode(shown: &Path, bytes: &[u8], allow_empty: bool) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let file = shown.display().to_string();
    let convert = |from: &str| m::convert_to_utf8_help(from, &file);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || looks_utf16(bytes) {
        return Err(Diagnostic::error(shown, m::file_utf16()).help(convert("UTF-16")));
    }
    if let Some(kind) = binary_kind(bytes) {
        return Err(Diagnostic::error(shown, m::file_binary(&kind)).help(m::file_binary_help()));
    }
    if !allow_empty && bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Diagnostic::error(shown, m::file_empty()).help(m::file_empty_help()));
    }
    match std::str::from_utf8(bytes) {
        // Old Mac files end lines with a lone CR: read them as lines, not as one long line
        // with no front matter.
        Ok(text) if text.contains('\r') && !text.contains('\n') => Ok(text.replace('\r', "\n")),
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let encoding = guess(bytes);
            let decoded = encoding.decode_without_bom_handling(bytes).0;
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, col) = line_col(valid, valid.len());
            let name = match encoding.name() {
                "GBK" | "gb18030" => "GBK/GB18030".to_string(),
                other => other.to_string(),
            };
            let from = if name.starts_with("GBK") {
                "GB18030"
            } else {
                encoding.name()
            };
            Err(Diagnostic::error(shown, m::file_not_utf8(&name))
                .at(&decoded, line, col)
                .help(convert(from)))
        }
    }
}

/// chardetng's guess, told that the text is probably Chinese.
fn guess(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(Some(b"cn"), chardetng::Utf8Detection::Deny)
}

/// UTF-16 without a byte-order mark: every other byte NUL in the first few hundred bytes.
fn looks_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    if head.len() < 4 {
        return false;
    }
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let half = head.len() / 2;
    zeros_at(0) * 10 >= half * 9 || zeros_at(1) * 10 >= half * 9
}

/// The kind of a binary file, by its signature or by NUL bytes.
fn binary_kind(bytes: &[u8]) -> Option<String> {
    const SIGNATURES: &[(&[u8], crate::msg::Message)] = &[
        (b"PK\x03\x04", m::kind_zip),
        (b"\xD0\xCF\x11\xE0", m::kind_ole),
        (b"%PDF", m::kind_pdf),
        (b"\x89PNG", m::kind_png),
        (b"\xFF\xD8\xFF", m::kind_jpeg),
    ];
    SIGNATURES
        .iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|(_, kind)| kind())
        .or_else(|| {
            bytes[..bytes.len().min(8192)]
                .contains(&0)
                .then(m::kind_nul)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(bytes: &[u8]) -> Diagnostic {
        decode(Path::new("a.md"), bytes, false).unwrap_err()
    }

    #[test]
    fn issue_14_cr_only_line_endings_are_lines() {
        assert_eq!(
            decode(Path::new("a.md"), b"---\rtitle: a\r---\rtext\r", false).unwrap(),
            "---\ntitle: a\n---\ntext\n"
        );
    }

    #[test]
    fn utf8_with_bom_is_accepted() {
        assert_eq!(
            decode(Path::new("a.md"), "\u{feff}标题".as_bytes(), false).unwrap(),
            "标题"
        );
    }

    #[test]
    fn gbk_is_named_with_position() {
        let (gbk, _, _) = encoding_rs::GBK.encode("---\ntitle: 民主生活会召开情况报告\n---\n");
        let d = err(&gbk);
        assert!(d.message.contains("GBK/GB18030"), "{}", d.message);
        assert_eq!((d.line, d.col), (Some(2), Some(8)));
        assert!(d.help.unwrap().contains("iconv -f GB18030"));
    }

    #[test]
    fn utf16_empty_and_binary() {
        let utf16: Vec<u8> = "---\ntitle: x\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(err(&utf16).message.contains("UTF-16"));
        assert!(err(b"  \n").message.contains("空的"));
        assert!(err(b"PK\x03\x04rest").message.contains("zip"));
        assert!(err(b"abc\x00def").message.contains("NUL"));
    }
}
