//! Rules read on the raw text of a file, before Markdown hides anything (`年*月*日` renders
//! as `年<em>月</em>日`): classification markings, restricted markings, unfilled
//! placeholders. Every line is read: a 密级 can stand anywhere.

use crate::error::Diagnostic;
use crate::msg::content as m;
use std::path::Path;

/// What a count or date placeholder is followed by: `*月*日`, `共*条`, `*人次`.
const UNITS: &str = "年月日号条个项人次名篇份件期届天";

/// A finding on one line: (column, length in characters, rule, message, fix).
pub(crate) type Finding = (usize, usize, &'static str, String, String);

pub(crate) fn classified(chars: &[char], out: &mut Vec<Finding>) {
    for (i, &c) in chars.iter().enumerate() {
        if !matches!(c, '秘' | '机' | '绝') {
            continue;
        }
        // 秘密★1年 / 机 密 ★ 5年 / 绝密★长期: the grade, optional spaces, 密, optional spaces, a star.
        let mut j = i + 1;
        let skip = |j: &mut usize| {
            while *j < chars.len() && (chars[*j].is_whitespace() || chars[*j] == '\u{3000}') {
                *j += 1;
            }
        };
        skip(&mut j);
        if chars.get(j) != Some(&'密') {
            continue;
        }
        j += 1;
        skip(&mut j);
        if matches!(chars.get(j), Some('★') | Some('☆') | Some('*')) {
            let marking: String = chars[i..=j].iter().filter(|c| !c.is_whitespace()).collect();
            out.push((
                i + 1,
                j + 1 - i,
                "classified",
                m::classified(&marking),
                m::classified_help(),
            ));
        }
    }
}

fn restricted(line: &str, out: &mut Vec<Finding>) {
    let t = line.trim();
    for word in ["内部资料", "工作秘密"] {
        if let Some(b) = line.find(word) {
            out.push((
                line[..b].chars().count() + 1,
                word.chars().count(),
                "restricted",
                m::restricted(word),
                m::restricted_help(),
            ));
        }
    }
    if t == "内部" || t.starts_with("内部 ") || t == "内部★" {
        let col = line.chars().take_while(|c| c.is_whitespace()).count() + 1;
        out.push((
            col,
            2,
            "restricted",
            m::restricted("内部"),
            m::restricted_help(),
        ));
    }
}

fn placeholders(chars: &[char], out: &mut Vec<Finding>) {
    let mut i = 0;
    let push = |out: &mut Vec<Finding>, col: usize, len: usize, text: String| {
        out.push((
            col,
            len,
            "placeholder",
            m::placeholder(&text),
            m::placeholder_help(),
        ));
    };
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        // `*` or `\*` before a unit: 年*月*日, 共*条.
        if c == '*' || (c == '\\' && chars.get(i + 1) == Some(&'*')) {
            let star = if c == '\\' { i + 1 } else { i };
            if chars.get(star + 1).is_some_and(|n| UNITS.contains(*n)) {
                push(
                    out,
                    start + 1,
                    star + 2 - start,
                    chars[start..star + 2].iter().collect(),
                );
                i = star + 2;
                continue;
            }
        }
        // XX, ×××, ○○, □□: runs of two or more.
        if matches!(c, 'X' | 'x' | '×' | '○' | '□' | 'Ｘ') {
            let mut j = i;
            while j < chars.len() && chars[j] == c {
                j += 1;
            }
            let latin = |k: Option<&char>| k.is_some_and(|ch| ch.is_ascii_alphabetic());
            let before = if start > 0 {
                chars.get(start - 1)
            } else {
                None
            };
            let run = j - i;
            let unit_after = chars.get(j).is_some_and(|n| UNITS.contains(*n));
            let digit_before = before.is_some_and(|b| b.is_ascii_digit());
            let is_placeholder = !latin(before)
                && !latin(chars.get(j))
                && (run >= 2 || unit_after || digit_before)
                && (c != 'x' || run >= 2);
            if is_placeholder {
                push(out, start + 1, run, chars[i..j].iter().collect());
            }
            i = j;
            continue;
        }
        // 【】, 【待补充】, 【待定】, （此处…）.
        if c == '【'
            && let Some(end) = chars[i..].iter().position(|&ch| ch == '】')
        {
            let inner: String = chars[i + 1..i + end].iter().collect();
            if inner.trim().is_empty() || inner.contains('待') || inner.contains("此处") {
                push(out, start + 1, end + 1, chars[i..=i + end].iter().collect());
            }
            i += end + 1;
            continue;
        }
        if (c == '（' || c == '(') && chars[i + 1..].starts_with(&['此', '处']) {
            let end = chars[i..]
                .iter()
                .position(|&ch| ch == '）' || ch == ')')
                .map_or(chars.len(), |e| i + e + 1);
            push(out, start + 1, end - i, chars[i..end].iter().collect());
            i = end;
            continue;
        }
        i += 1;
    }
}

/// What a text holds wherever it has a finding, besides `*`, `X` and `x`: every rule above
/// needs one of these: 密 (each grade of marking, 工作秘密), 内部 (内部, 内部资料), a run of
/// ×, ○, □ or Ｘ, 【, or the 此处 of （此处…）.
const NEEDLES: [&str; 8] = ["密", "内部", "此处", "×", "○", "□", "Ｘ", "【"];

/// Whether `text` (a file or a line) can hold a finding (see [`NEEDLES`]). Most reports hold
/// none and are not read further, nor most lines of the others. Testing for the characters a
/// rule starts with instead (秘, 机, 内, （ …) let through the lines holding 机制, 内容 or a
/// bracket, half the text of the 10k benchmark, whose full reading was 3% of its build's CPU.
fn may_have_a_finding(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr3(b'*', b'X', b'x', b).is_some()
        || NEEDLES
            .iter()
            .any(|n| memchr::memmem::find(b, n.as_bytes()).is_some())
}

/// Every finding of one line, each rule read in full.
fn line_findings(line: &str) -> Vec<Finding> {
    let chars: Vec<char> = line.chars().collect();
    let mut found = Vec::new();
    classified(&chars, &mut found);
    restricted(line, &mut found);
    placeholders(&chars, &mut found);
    found
}

/// Every finding of `text` (a whole file) as diagnostics: classified markings are errors,
/// restricted markings and placeholders warnings (`check` makes placeholders errors).
pub fn scan(shown: &Path, text: &str) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if !may_have_a_finding(text) {
        return diags;
    }
    for (n, line) in text.lines().enumerate() {
        if !may_have_a_finding(line) {
            continue;
        }
        for (col, len, code, message, help) in line_findings(line) {
            let d = if code == "classified" {
                Diagnostic::error(shown, message)
            } else {
                Diagnostic::warning(shown, message)
            };
            diags.push(d.at(text, n + 1, col).span(len).help(help).code(code));
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(usize, usize, &'static str)> {
        scan(Path::new("a.md"), text)
            .iter()
            .map(|d| (d.line.unwrap(), d.col.unwrap(), d.code.unwrap()))
            .collect()
    }

    /// A line the quick test skips has no finding: every line of the PDF-extracted report and
    /// of the markings and placeholders below, each rule read in full.
    #[test]
    fn skipped_lines_have_no_findings() {
        let report = include_str!("../../tests/fixtures/report-2025-pdf-extract.txt");
        let made = "秘密★1年\n机 密 ★ 5年\n内部\n工作秘密\n内部资料\n共\\*条\n×××同志\nXX科\n\
                    ○○\n□□\n【待补充】\n（此处填写数字）\n(此处)\nＸＸ\nxx";
        let mut lines_with_findings = 0;
        for line in report.lines().chain(made.lines()) {
            if !line_findings(line).is_empty() {
                lines_with_findings += 1;
                assert!(may_have_a_finding(line), "{line}");
            }
        }
        assert!(lines_with_findings >= 15, "{lines_with_findings}");
        // What a rule starts with is not enough: 机制, 内容, a bracket, 因此 are read no further.
        assert!(!may_have_a_finding("健全机制（一）：内容因此，秘书处"));
    }

    #[test]
    fn placeholders_of_the_fixture() {
        assert_eq!(
            found("于 2026 年*月*日召开"),
            [(1, 9, "placeholder"), (1, 11, "placeholder")]
        );
        assert_eq!(found("共收集各类意见建议\\*条"), [(1, 10, "placeholder")]);
        assert_eq!(
            found("×××同志、XX科、20XX年、X月X日、○○、□□、【待补充】、【】、（此处填写数字）"),
            [1, 7, 13, 17, 19, 22, 25, 28, 34, 37].map(|c| (1, c, "placeholder"))
        );
    }

    #[test]
    fn ordinary_text_is_not_flagged() {
        assert!(found("学习*强调*内容，GB/T 9704，XXL，二〇二六年，内部管理制度，x 轴").is_empty());
    }

    #[test]
    fn classified_markings_with_any_spacing() {
        let d = scan(Path::new("a.md"), "标题\n机 密 ★ 5年\n正文秘密★1年");
        assert_eq!(d.len(), 2);
        assert!(
            d.iter()
                .all(|d| d.is_error() && d.code == Some("classified"))
        );
        assert_eq!((d[0].line, d[0].col), (Some(2), Some(1)));
        assert!(d[0].message.contains("`机密★`") && d[0].message.contains("非涉密网络"));
        assert_eq!((d[1].line, d[1].col), (Some(3), Some(3)));
    }

    #[test]
    fn restricted_markings_are_warnings() {
        let d = scan(Path::new("a.md"), "内部\n内部资料 注意保存\n工作秘密");
        assert_eq!(d.len(), 3);
        assert!(
            d.iter()
                .all(|d| !d.is_error() && d.code == Some("restricted"))
        );
    }
}
