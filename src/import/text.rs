//! PDF-extracted text -> Markdown: hard line breaks joined, the numbering levels of an
//! official document turned into headings, half-width punctuation between Chinese characters
//! made full-width, `*` placeholders kept (escaped) so `annals check` reports them.
//!
//! 一、 becomes `##`, （一） `###`. A numbered item `1.聚焦主题深学细悟。坚持…` stays a paragraph
//! (the site shows its lead-in in bold, as the document does); a numbered line that is only a
//! title becomes `####` (1.) or `#####` （1）.

use crate::text::is_wide;

/// What the importer made of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The title found in the text.
    pub title: String,
    /// The 年度 named in the title ("2025 年度"), if any.
    pub year: Option<i32>,
    /// The last full date of the text (成文日期), if any.
    pub date: Option<chrono::NaiveDate>,
    /// The Markdown body.
    pub body: String,
}

const CN_DIGITS: &str = "〇一二三四五六七八九";

fn is_cn_numeral(c: char) -> bool {
    CN_DIGITS.contains(c) || c == '十' || c == '零' || c == 'O' || c == '○'
}

/// `一、`, `十二、`.
fn level1(line: &str) -> bool {
    let n = line
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    n > 0 && line.chars().nth(n) == Some('、')
}

/// `（一）` or `(一)`.
fn level2(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(chars.next(), Some('（') | Some('(')) && {
        let rest: String = chars.collect();
        let n = rest
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .count();
        n > 0 && matches!(rest.chars().nth(n), Some('）') | Some(')'))
    }
}

/// `1.`, `1．`, `（1）`, `(1)`: the length in characters of the number, or `None`.
fn numbered(line: &str) -> Option<(usize, bool)> {
    let chars: Vec<char> = line.chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&digits) && matches!(chars.get(digits), Some('.') | Some('．') | Some('、'))
    {
        return Some((digits + 1, false));
    }
    if matches!(chars.first(), Some('（') | Some('(')) {
        let d = chars[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=2).contains(&d) && matches!(chars.get(d + 1), Some('）') | Some(')')) {
            return Some((d + 2, true));
        }
    }
    None
}

/// The Markdown heading marker of a whole paragraph by its numbering, if it is a heading.
pub fn heading_marker(line: &str) -> Option<&'static str> {
    if level1(line) {
        return Some("##");
    }
    if level2(line) {
        return Some("###");
    }
    let (n, bracket) = numbered(line)?;
    let rest: String = line.chars().skip(n).collect();
    let is_title = !rest.contains('。') && !ends_paragraph(line) && rest.chars().count() <= 30;
    is_title.then_some(if bracket { "#####" } else { "####" })
}

/// Half-width punctuation next to a Chinese character made full-width, stray spaces between
/// Chinese characters and digits dropped, `*` escaped, `(一)` made `（一）`.
pub fn normalise(line: &str) -> String {
    normalise_run(line.trim())
}

/// [`normalise`] without trimming, for a run of text inside a paragraph.
pub fn normalise_run(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let cjk_near = prev.is_some_and(is_wide) || next.is_some_and(is_wide);
        let full = match c {
            ',' if cjk_near => Some('，'),
            ':' if cjk_near => Some('：'),
            ';' if cjk_near => Some('；'),
            '?' if cjk_near => Some('？'),
            '!' if cjk_near => Some('！'),
            '(' if next.is_some_and(is_wide) => Some('（'),
            ')' if prev.is_some_and(is_wide) => Some('）'),
            _ => None,
        };
        if let Some(f) = full {
            out.push(f);
            continue;
        }
        if c == ' ' || c == '\u{3000}' {
            let solid = |x: Option<char>| x.is_some_and(|x| is_wide(x) || x.is_ascii_digit());
            if solid(prev)
                && solid(next)
                && (prev.is_some_and(is_wide) || next.is_some_and(is_wide))
            {
                continue;
            }
        }
        if c == '*' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether a paragraph ends here: a line ending a sentence or a heading.
fn ends_paragraph(line: &str) -> bool {
    line.ends_with(['。', '：', '！', '？', '；']) || line.ends_with(':')
}

/// Chinese-numeral dates (二〇二六年一月二十日) and Arabic ones (2026年1月20日) in a line.
pub fn dates_in(line: &str) -> Vec<chrono::NaiveDate> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let mut fields = Vec::new();
        for unit in ['年', '月', '日'] {
            let from = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || is_cn_numeral(chars[i])) {
                i += 1;
            }
            if i == from || chars.get(i) != Some(&unit) {
                break;
            }
            fields.push(chars[from..i].iter().collect::<String>());
            i += 1;
        }
        if fields.len() == 3 {
            let n: Vec<Option<u32>> = fields.iter().map(|f| number(f)).collect();
            if let (Some(y), Some(m), Some(d)) = (n[0], n[1], n[2])
                && let Some(date) = chrono::NaiveDate::from_ymd_opt(y as i32, m, d)
            {
                out.push(date);
            }
        }
        i = if i == start {
            start + 1
        } else {
            i.max(start + 1)
        };
    }
    out
}

/// `2026`, `二〇二六` (digit by digit), `二十`, `十二`, `三十一`.
pub fn number(s: &str) -> Option<u32> {
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| match c {
        '零' | '〇' | 'O' | '○' => Some(0),
        c => CN_DIGITS.chars().position(|d| d == c).map(|p| p as u32),
    };
    if !s.contains('十') {
        return s
            .chars()
            .try_fold(0u32, |acc, c| Some(acc * 10 + digit(c)?));
    }
    let (tens, ones) = s.split_once('十')?;
    let tens = if tens.is_empty() {
        1
    } else {
        tens.chars()
            .try_fold(0u32, |a, c| Some(a * 10 + digit(c)?))?
    };
    let ones = if ones.is_empty() {
        0
    } else {
        ones.chars()
            .try_fold(0u32, |a, c| Some(a * 10 + digit(c)?))?
    };
    Some(tens * 10 + ones)
}

/// The 年度 a title names: the four digits before 年度.
pub fn year_of(title: &str) -> Option<i32> {
    let i = title.find("年度")?;
    let digits: String = title[..i]
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    digits.parse().ok()
}

const TITLE_ENDS: &[&str] = &[
    "报告",
    "材料",
    "方案",
    "提纲",
    "通报",
    "情况",
    "纪要",
    "总结",
    "记录",
    "主持词",
];

/// A page's number on a line of its own, as printed at a page's foot (`— 3 —`, `- 3 -`,
/// `第3页`, `3`): not part of the text.
fn is_page_number(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let bare = t
        .trim_matches(|c| "—－-–".contains(c))
        .trim_start_matches('第')
        .trim_end_matches('页');
    !bare.is_empty() && bare.chars().all(|c| c.is_ascii_digit()) && bare.len() <= 4
}

/// Converts PDF-extracted text.
pub fn import(text: &str) -> Imported {
    let lines: Vec<String> = text
        .lines()
        .map(normalise)
        .filter(|l| !l.is_empty() && !is_page_number(l))
        .collect();
    // The title: the opening lines, up to the one that ends it with a document word.
    // A title wraps onto short lines without sentence punctuation ("…召开情况" / "报告").
    let mut title_lines = 1;
    for n in 1..=lines.len().min(3) {
        let joined: String = lines[..n].concat();
        let short_tail = lines[1..n]
            .iter()
            .all(|l| l.chars().count() <= 15 && !l.contains(['，', '。', '：']));
        if short_tail && TITLE_ENDS.iter().any(|w| joined.ends_with(w)) {
            title_lines = n;
        }
    }
    let title = lines
        .get(..title_lines.min(lines.len()))
        .map(|l| l.concat())
        .unwrap_or_default();
    let year = year_of(&title);
    let mut blocks: Vec<String> = Vec::new();
    let mut open = false;
    for line in lines.iter().skip(title_lines) {
        let marker = heading_marker(line).filter(|m| m.len() <= 3 || !open);
        if let Some(m) = marker {
            blocks.push(format!("{m} {line}"));
            open = false;
        } else if numbered(line).is_some() && !open {
            blocks.push(line.clone());
            open = !ends_paragraph(line);
        } else if open {
            let last = blocks.last_mut().expect("an open paragraph exists");
            let joint = last
                .chars()
                .last()
                .zip(line.chars().next())
                .is_some_and(|(a, b)| !(is_wide(a) || is_wide(b)));
            if joint {
                last.push(' ');
            }
            last.push_str(line);
            open = !ends_paragraph(line);
        } else {
            blocks.push(line.clone());
            open = !ends_paragraph(line);
        }
    }
    let date = lines.iter().flat_map(|l| dates_in(l)).last();
    Imported {
        title,
        year,
        date,
        body: blocks.join("\n\n") + "\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_not_text() {
        for line in ["— 3 —", "- 12 -", "第3页", "7"] {
            assert!(is_page_number(line), "{line}");
        }
        for line in ["2026年", "一、总体情况", "3.聚焦主题", "— —"] {
            assert!(!is_page_number(line), "{line}");
        }
        let i = import("关于召开民主生活会的通知\n— 1 —\n正文第一段。\n");
        assert_eq!(i.body, "正文第一段。\n");
    }

    #[test]
    fn punctuation_and_spaces() {
        assert_eq!(
            normalise("市政协,于 2026 年*月*日(一)召开:"),
            "市政协，于2026年\\*月\\*日（一）召开："
        );
        assert_eq!(normalise("GB/T 9704, A4"), "GB/T 9704, A4");
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(number("二〇二六"), Some(2026));
        assert_eq!(number("十二"), Some(12));
        assert_eq!(number("二十"), Some(20));
        assert_eq!(number("三十一"), Some(31));
        assert_eq!(
            dates_in("二〇一〇年十二月三日"),
            [chrono::NaiveDate::from_ymd_opt(2010, 12, 3).unwrap()]
        );
    }

    #[test]
    fn structure() {
        let t = "某某 2025 年度民主生活会召开情况\n报告\n根据要求,召开\n会议。\n一、筹备\n(一)学习\n1.聚焦主题。坚持\n学习。\n2.标题行\n正文\n结束。\n二〇二六年一月二十日\n";
        let i = import(t);
        assert_eq!(i.title, "某某2025年度民主生活会召开情况报告");
        assert_eq!(i.year, Some(2025));
        assert_eq!(i.date, chrono::NaiveDate::from_ymd_opt(2026, 1, 20));
        assert_eq!(
            i.body,
            "根据要求，召开会议。\n\n## 一、筹备\n\n### （一）学习\n\n1.聚焦主题。坚持学习。\n\n#### 2.标题行\n\n正文结束。\n\n二〇二六年一月二十日\n"
        );
    }
}
