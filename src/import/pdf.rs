//! IMPORT: a PDF with a text layer (as Word, WPS and browsers export it: CID fonts with
//! ToUnicode maps) -> its text, which the text importer then reflows like any PDF-extracted
//! text. A scan has no text to read: it is said so (OCR is not annals' job), and the scan can
//! still be kept as the document's original beside its Markdown.

/// Why a PDF gave no text.
#[derive(Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// It has pages but no text on them: a scan or a photo.
    NoText,
    /// It is not a PDF annals can read (damaged, encrypted, not a PDF at all).
    Broken(String),
}

/// The text of a PDF, page after page.
pub fn text(bytes: &[u8]) -> Result<String, Unreadable> {
    if !bytes.starts_with(b"%PDF") {
        return Err(Unreadable::Broken(crate::msg::commands::pdf_not_pdf()));
    }
    // pdf-extract may panic on a malformed file: a bad file is an error message, never a
    // crash, and the panic's own text would only confuse (the hook is put back at once).
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    std::panic::set_hook(hook);
    let text = match result {
        Ok(Ok(text)) => text,
        Ok(Err(e)) => return Err(Unreadable::Broken(e.to_string())),
        Err(_) => return Err(Unreadable::Broken(crate::msg::commands::pdf_structure())),
    };
    if text.chars().all(char::is_whitespace) {
        return Err(Unreadable::NoText);
    }
    Ok(text.chars().map(ideograph).collect())
}

/// The ideograph a radical stands for. A PDF's fonts may map a character to a radical that
/// looks the same (`⺠` for 民, `⽣` for 生: Chromium's print of Noto CJK does), and a search for
/// 民主生活会 would not find the imported text: the Kangxi radicals go to their ideographs by
/// Unicode's compatibility mapping, the simplified forms of the supplement by this table.
fn ideograph(c: char) -> char {
    use unicode_normalization::UnicodeNormalization;
    const SUPPLEMENT: &[(char, char)] = &[
        ('⺠', '民'),
        ('⻅', '见'),
        ('⻆', '角'),
        ('⻉', '贝'),
        ('⻋', '车'),
        ('⻓', '长'),
        ('⻔', '门'),
        ('⻘', '青'),
        ('⻙', '韦'),
        ('⻚', '页'),
        ('⻛', '风'),
        ('⻜', '飞'),
        ('⻝', '食'),
        ('⻢', '马'),
        ('⻣', '骨'),
        ('⻤', '鬼'),
        ('⻥', '鱼'),
        ('⻦', '鸟'),
        ('⻨', '麦'),
        ('⻩', '黄'),
        ('⻬', '齐'),
        ('⻮', '齿'),
        ('⻰', '龙'),
        ('⻄', '西'),
        ('⻟', '食'),
        ('⻠', '饣'),
        ('⺟', '母'),
        ('⻳', '龟'),
        ('⺮', '竹'),
        ('⻊', '足'),
    ];
    match c {
        '\u{2F00}'..='\u{2FDF}' => c.to_string().nfkc().next().unwrap_or(c),
        '\u{2E80}'..='\u{2EFF}' => SUPPLEMENT
            .iter()
            .find(|(r, _)| *r == c)
            .map_or(c, |(_, i)| *i),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_16_radicals_become_the_ideographs_they_stand_for() {
        let text: String = "⺠主⽣活会⼀、⻅".chars().map(ideograph).collect();
        assert_eq!(text, "民主生活会一、见");
        assert_eq!(ideograph('，'), '，', "full-width punctuation stays");
    }

    #[test]
    fn not_a_pdf_and_a_damaged_one_are_errors_not_panics() {
        assert!(matches!(text(b"PK\x03\x04"), Err(Unreadable::Broken(_))));
        assert!(matches!(
            text(b"%PDF-1.4\n1 0 obj <<"),
            Err(Unreadable::Broken(_))
        ));
    }
}
