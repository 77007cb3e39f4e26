//! The character classes of Chinese text, written once: what is set solid (the Markdown line
//! rule, the importer, the search normalisation), what bigrams are made of, and which
//! characters make up words.

/// Characters that are set solid in Chinese text: ideographs, CJK and full-width punctuation,
/// and the quotes, dashes and ellipses used with them.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x31A0..=0x31BF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Letters and digits of words in Latin and other scripts; the common punctuation of Chinese
/// text is settled without Unicode's tables.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !matches!(c as u32, 0x2000..=0x206F | 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20)
        && c.is_alphanumeric()
}

/// Ideographs: what bigrams are made of (punctuation separates runs).
pub fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}
