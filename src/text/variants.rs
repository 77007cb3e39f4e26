//! Traditional and simplified characters match each other: `检查` finds `檢查` and back.
//!
//! Each character is mapped on its own (one character in, one out), so character offsets,
//! and with them phrase positions, snippets and highlights, stay where they are in the text as
//! written; only what is compared is folded. The table is fast2s's (MIT, from OpenCC's
//! character data), read once into an array over the CJK blocks.

use std::sync::OnceLock;

/// The blocks mapped: CJK Extension A, the Unified Ideographs, the compatibility ideographs.
const FIRST: u32 = 0x3400;
const LAST: u32 = 0xFAFF;

/// The table: per code point of the blocks, its simplified form (0: none), and a bit per code
/// point set where there is one. Most characters have none, and the bits (6 KB) answer that
/// from the processor's nearest cache where the forms (200 KB) would not.
struct Table {
    to: Vec<u32>,
    folded: Vec<u64>,
}

impl Table {
    /// The simplified form of code point `cp`, if it has one.
    fn form(&self, cp: u32) -> Option<char> {
        if !(FIRST..=LAST).contains(&cp) {
            return None;
        }
        let i = (cp - FIRST) as usize;
        if self.folded[i / 64] >> (i % 64) & 1 == 0 {
            return None;
        }
        char::from_u32(self.to[i])
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut to = vec![0u32; (LAST - FIRST + 1) as usize];
        let mut folded = vec![0u64; to.len().div_ceil(64)];
        let mut buf = [0u8; 4];
        for cp in (FIRST..=0x4DBF).chain(0x4E00..=0x9FFF).chain(0xF900..=LAST) {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let s = fast2s::convert(c.encode_utf8(&mut buf));
            let mut chars = s.chars();
            if let (Some(simple), None) = (chars.next(), chars.next())
                && simple != c
            {
                let i = (cp - FIRST) as usize;
                to[i] = simple as u32;
                folded[i / 64] |= 1 << (i % 64);
            }
        }
        Table { to, folded }
    })
}

/// The simplified form of a traditional character; any other character as it is.
pub fn simplified(c: char) -> char {
    let cp = c as u32;
    // Most characters asked about (ASCII, punctuation) are outside the blocks: no table.
    if !(FIRST..=LAST).contains(&cp) {
        return c;
    }
    table().form(cp).unwrap_or(c)
}

/// Every traditional character the table folds, with its simplified form (for the static
/// search engine, which folds queries in the browser).
pub fn pairs() -> impl Iterator<Item = (char, char)> {
    table().to.iter().enumerate().filter_map(|(i, &s)| {
        let from = char::from_u32(FIRST + i as u32)?;
        (s != 0)
            .then(|| char::from_u32(s))
            .flatten()
            .map(|to| (from, to))
    })
}

/// A character as search compares it: simplified, and ASCII letters in lower case.
pub fn fold(c: char) -> char {
    simplified(c).to_ascii_lowercase()
}

/// `text` with every traditional character written as its simplified form: character for
/// character, so every character keeps its offset. Borrowed when nothing changes (most
/// archives are written in simplified characters).
pub fn simplified_text(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(first) = first_folded(text) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    out.extend(text[first..].chars().map(simplified));
    std::borrow::Cow::Owned(out)
}

/// Where the first character of `text` with a simplified form is. Every text the index gets
/// is asked this (and most have none), so the UTF-8 is read a byte at a time: a character of
/// the table's blocks (U+3400..U+FAFF) is three bytes starting 0xE3 to 0xEF, decoded here;
/// any other is stepped over by its first byte.
fn first_folded(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let t = table();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            0xE3..=0xEF if i + 2 < bytes.len() => {
                let cp = (u32::from(b & 0x0F) << 12)
                    | (u32::from(bytes[i + 1] & 0x3F) << 6)
                    | u32::from(bytes[i + 2] & 0x3F);
                if t.form(cp).is_some() {
                    return Some(i);
                }
                i += 3;
            }
            0x00..=0x7F => i += 1,
            0xC0..=0xDF => i += 2,
            0xE0..=0xEF => i += 3,
            _ => i += 4,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_folded_character_is_found_as_char_by_char() {
        let report = include_str!("../../tests/fixtures/report-2025-pdf-extract.txt");
        for text in [
            report,
            "",
            "a",
            "檢",
            "a檢",
            "é檢",
            "𠮷檢",
            "检查對照",
            "ꀀ﨑豈﹏ＡＢ臺",
            "检查",
        ] {
            let want = text
                .char_indices()
                .find(|&(_, c)| simplified(c) != c)
                .map(|p| p.0);
            assert_eq!(first_folded(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_text_is_simplified_character_for_character() {
        assert_eq!(simplified_text("2025年檢查對照，OK"), "2025年检查对照，OK");
        assert!(matches!(
            simplified_text("检查对照"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn issue_13_traditional_folds_to_simplified_one_for_one() {
        let folded: String = "檢查對照材料，整改臺賬".chars().map(fold).collect();
        assert_eq!(folded, "检查对照材料，整改台账");
        assert_eq!("检查".chars().map(fold).collect::<String>(), "检查");
        assert_eq!(fold('A'), 'a');
        assert_eq!(fold('1'), '1');
    }
}
