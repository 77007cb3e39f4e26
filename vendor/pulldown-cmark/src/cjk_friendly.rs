//! The CommonMark CJK-friendly amendments (annals' addition to this fork).
//!
//! CommonMark decides whether a delimiter run opens or closes emphasis from the characters on
//! either side: a run between a letter and a punctuation mark is neither left- nor
//! right-flanking. Chinese sets punctuation solid against its characters, so
//! `深刻领悟**“两个确立”**的` and `**（一）加强理论武装。**班子` would show their asterisks.
//! The amendments (tats-u/markdown-cjk-friendly, specification.md) change two clauses of the
//! flanking definitions: CJK punctuation no longer blocks a run, and a CJK character on the
//! far side satisfies the punctuation branch. Ranges are those of the amendments' ranges.md
//! (Unicode 16), so the behaviour matches the other implementations (comrak, markdown-it,
//! micromark).

use crate::puncttable::is_punctuation;

/// A CJK character: East Asian Width W, F or H and not a default-emoji-presentation
/// character, or Hangul (the amendments' ranges.md, including unassigned code points that
/// Unicode gives width W).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11ff
        | 0x20a9
        | 0x2329..=0x232a
        | 0x2630..=0x2637
        | 0x268a..=0x268f
        | 0x2e80..=0x2e99
        | 0x2e9b..=0x2ef3
        | 0x2f00..=0x2fd5
        | 0x2ff0..=0x303e
        | 0x3041..=0x3096
        | 0x3099..=0x30ff
        | 0x3105..=0x312f
        | 0x3131..=0x318e
        | 0x3190..=0x31e5
        | 0x31ef..=0x321e
        | 0x3220..=0x3247
        | 0x3250..=0xa48c
        | 0xa490..=0xa4c6
        | 0xa960..=0xa97c
        | 0xac00..=0xd7a3
        | 0xd7b0..=0xd7c6
        | 0xd7cb..=0xd7fb
        | 0xf900..=0xfaff
        | 0xfe10..=0xfe19
        | 0xfe30..=0xfe52
        | 0xfe54..=0xfe66
        | 0xfe68..=0xfe6b
        | 0xff01..=0xffbe
        | 0xffc2..=0xffc7
        | 0xffca..=0xffcf
        | 0xffd2..=0xffd7
        | 0xffda..=0xffdc
        | 0xffe0..=0xffe6
        | 0xffe8..=0xffee
        | 0x16fe0..=0x16fe4
        | 0x16ff0..=0x16ff6
        | 0x17000..=0x18cd5
        | 0x18cff..=0x18d1e
        | 0x18d80..=0x18df2
        | 0x1aff0..=0x1aff3
        | 0x1aff5..=0x1affb
        | 0x1affd..=0x1affe
        | 0x1b000..=0x1b122
        | 0x1b132
        | 0x1b150..=0x1b152
        | 0x1b155
        | 0x1b164..=0x1b167
        | 0x1b170..=0x1b2fb
        | 0x1d300..=0x1d356
        | 0x1d360..=0x1d376
        | 0x1f200
        | 0x1f202
        | 0x1f210..=0x1f219
        | 0x1f21b..=0x1f22e
        | 0x1f230..=0x1f231
        | 0x1f237
        | 0x1f23b
        | 0x1f240..=0x1f248
        | 0x1f260..=0x1f265
        | 0x20000..=0x3fffd)
}

/// U+FE00–U+FE0E: variation selectors other than the emoji one, which leave the character
/// before them what it was.
fn is_general_variation_selector(c: char) -> bool {
    matches!(c as u32, 0xfe00..=0xfe0e)
}

/// U+E0100–U+E01EF: ideographic variation selectors (葛󠄀), which only follow ideographs.
fn is_ideographic_variation_selector(c: char) -> bool {
    matches!(c as u32, 0xe0100..=0xe01ef)
}

/// A non-CJK punctuation character (the amendments' term): what still blocks a run.
fn is_non_cjk_punctuation(c: char) -> bool {
    is_punctuation(c) && !is_cjk(c)
}

/// What stands before a delimiter run, read as the amendments read it: a character, or a
/// character and the variation selector after it.
#[derive(Clone, Copy, Default)]
struct Before {
    whitespace: bool,
    /// A Unicode punctuation sequence (rules 2 and 6, for `_`).
    punctuation: bool,
    non_cjk_punctuation: bool,
    /// A CJK sequence, or an ideographic variation selector (2bγ and 2bδ).
    cjk: bool,
}

fn before(prefix: &str) -> Before {
    let mut chars = prefix.chars().rev();
    let Some(last) = chars.next() else {
        return Before {
            whitespace: true,
            ..Before::default()
        };
    };
    if is_ideographic_variation_selector(last) {
        return Before {
            cjk: true,
            ..Before::default()
        };
    }
    if is_general_variation_selector(last) {
        let Some(base) = chars.next() else {
            return Before::default();
        };
        // ‘’“” followed by U+FE01 are the full-width forms: CJK punctuation sequences.
        let ambiguous_full_width =
            last == '\u{fe01}' && matches!(base, '\u{2018}' | '\u{2019}' | '\u{201c}' | '\u{201d}');
        return Before {
            whitespace: false,
            punctuation: is_punctuation(base),
            non_cjk_punctuation: is_non_cjk_punctuation(base) && !ambiguous_full_width,
            cjk: is_cjk(base),
        };
    }
    Before {
        whitespace: last.is_whitespace(),
        punctuation: is_punctuation(last),
        non_cjk_punctuation: is_non_cjk_punctuation(last),
        cjk: is_cjk(last),
    }
}

/// Whether a delimiter run of `delim` (`*`, `_` or `~`) between `prefix` and the character
/// `next` (`None` at the end of the line) can open and can close emphasis, by the amended
/// left- and right-flanking definitions and CommonMark's rules 1–8.
pub(crate) fn can_open_close(delim: u8, prefix: &str, next: Option<char>) -> (bool, bool) {
    let b = before(prefix);
    let next_whitespace = next.map_or(true, char::is_whitespace);
    let next_punctuation = next.is_some_and(is_punctuation);
    let next_non_cjk_punctuation = next.is_some_and(is_non_cjk_punctuation);
    let next_cjk = next.is_some_and(is_cjk);

    let left = !next_whitespace
        && (!next_non_cjk_punctuation || b.whitespace || b.non_cjk_punctuation || b.cjk);
    let right = !b.whitespace
        && (!b.non_cjk_punctuation || next_whitespace || next_non_cjk_punctuation || next_cjk);

    if delim == b'_' {
        (
            left && (!right || b.punctuation),
            right && (!left || next_punctuation),
        )
    } else {
        (left, right)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flanking_next_to_chinese_punctuation() {
        // 悟**“: a CJK character before, a non-CJK quote after: opens.
        assert_eq!(can_open_close(b'*', "悟", Some('“')), (true, true));
        // ”**的: closes.
        assert!(can_open_close(b'*', "悟**“两个确立”", Some('的')).1);
        // 。**班: CJK punctuation no longer blocks.
        assert!(can_open_close(b'*', "（一）加强理论武装。", Some('班')).1);
        // Latin text keeps CommonMark's rule: a letter before and a quote after opens nothing.
        assert!(!can_open_close(b'*', "a", Some('"')).0);
        assert!(!can_open_close(b'*', "a\"", Some('b')).1);
    }

    #[test]
    fn intraword_underscore_stays_literal() {
        assert_eq!(can_open_close(b'_', "中", Some('文')), (false, false));
        assert_eq!(can_open_close(b'_', "：", Some('注')), (true, false));
    }
}
