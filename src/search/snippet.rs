//! Snippets: the stretch of a text around the searched words, with the words marked.
//!
//! Matching is by exact substring on the normalised text, the same notion of a match as the
//! bigram phrase queries, so what is marked is exactly what matched. Lengths count characters,
//! never bytes, so a snippet never cuts a Chinese character in half; adjacent or overlapping
//! marks merge into one.

use crate::text::html::escape_into;

/// Characters of context shown before the first marked word.
const LEAD: usize = 12;

/// Every occurrence of every needle in `text`, as (start, end, needle index) in characters,
/// ASCII case and traditional forms folded.
pub fn occurrences(text: &[char], needles: &[String]) -> Vec<(usize, usize, usize)> {
    let lower: Vec<char> = text
        .iter()
        .map(|&c| crate::text::variants::fold(c))
        .collect();
    let mut spans = Vec::new();
    for (n, needle) in needles.iter().enumerate() {
        let pat: Vec<char> = needle.chars().map(crate::text::variants::fold).collect();
        if pat.is_empty() || pat.len() > lower.len() {
            continue;
        }
        for i in 0..=lower.len() - pat.len() {
            if lower[i..i + pat.len()] == pat[..] {
                spans.push((i, i + pat.len(), n));
            }
        }
    }
    spans
}

/// Where a snippet may begin after a cut: just after one of these.
const BREAKS: &str = "。！？；，、：!?;";

/// Letters and digits that belong together: a cut between two of them splits a number
/// (`…202…`) or a word.
fn joined(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('０'..='９').contains(&c)
}

/// The window `start..end` moved to read well: it begins after a punctuation mark near its
/// start and ends after one near its end when there is one (never past the marked words
/// `first`..`last`), and otherwise never cuts a number or a Latin word in two. The in-page
/// engine (`assets/search.js`, `edges`) moves it the same way.
fn edges(
    chars: &[char],
    start: usize,
    end: usize,
    first: usize,
    last: usize,
    width: usize,
) -> (usize, usize) {
    let mut start = start;
    if start > 0 {
        let limit = first.min(start + LEAD);
        match (start..limit).rev().find(|&i| BREAKS.contains(chars[i])) {
            Some(p) => start = p + 1,
            None => {
                while start < first && joined(chars[start - 1]) && joined(chars[start]) {
                    start += 1;
                }
            }
        }
    }
    let mut end = end;
    if end < chars.len() {
        let from = last.max(end.saturating_sub(width / 3)).max(start);
        match (from..end).rev().find(|&i| BREAKS.contains(chars[i])) {
            Some(p) => end = p + 1,
            None => {
                let mut more = end;
                while more < chars.len()
                    && more < end + 8
                    && joined(chars[more - 1])
                    && joined(chars[more])
                {
                    more += 1;
                }
                if more < chars.len() && joined(chars[more - 1]) && joined(chars[more]) {
                    while end > last.max(start + 1) && joined(chars[end - 1]) && joined(chars[end])
                    {
                        end -= 1;
                    }
                } else {
                    end = more;
                }
            }
        }
    }
    (start, end)
}

/// An HTML snippet of at most about `width` characters of `text` with `needles` in `<mark>`.
pub fn snippet(text: &str, needles: &[String], width: usize) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let mut spans = occurrences(&chars, needles);
    spans.sort();
    // The window that shows the most different needles, earliest first.
    let start = spans
        .iter()
        .map(|&(s, _, _)| {
            let from = s.saturating_sub(LEAD);
            let mut seen: Vec<usize> = spans
                .iter()
                .filter(|(a, b, _)| *a >= from && *b <= from + width)
                .map(|x| x.2)
                .collect();
            seen.dedup();
            seen.sort_unstable();
            seen.dedup();
            (std::cmp::Reverse(seen.len()), from)
        })
        .min()
        .map_or(0, |(_, from)| from);
    let end = (start + width).min(chars.len());
    let inside: Vec<&(usize, usize, usize)> = spans
        .iter()
        .filter(|(s, e, _)| *s >= start && *e <= end)
        .collect();
    let (start, end) = edges(
        &chars,
        start,
        end,
        inside.first().map_or(start, |x| x.0),
        inside.iter().map(|x| x.1).max().unwrap_or(start),
        width,
    );
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for &(s, e, _) in spans.iter().filter(|(s, e, _)| *s >= start && *e <= end) {
        match marks.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => marks.push((s, e)),
        }
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut i = start;
    for (s, e) in marks {
        escape_into(&mut out, chars[i..s].iter().copied());
        out.push_str("<mark>");
        escape_into(&mut out, chars[s..e].iter().copied());
        out.push_str("</mark>");
        i = e;
    }
    escape_into(&mut out, chars[i..end].iter().copied());
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn issue_17_snippets_cut_at_punctuation_never_mid_number() {
        let text = format!(
            "{}会议于2026年1月20日召开。整改方案明确了文稿起草的责任科室，要求在2025年6月底前完成全部整改任务，并于2026年12月31日前复查销号。",
            "前文".repeat(30)
        );
        let out = snippet(&text, &s(&["文稿起草"]), 40);
        let plain = out.replace("<mark>", "").replace("</mark>", "");
        let body = plain.trim_start_matches('…').trim_end_matches('…');
        // It begins after a punctuation mark and ends at one, or at least never inside a number.
        let first = body.chars().next().unwrap();
        assert!(!first.is_ascii_digit(), "{out}");
        assert!(body.starts_with("整改方案"), "{out}");
        let last = body.chars().last().unwrap();
        assert!(
            "。！？；，、：".contains(last) || !last.is_ascii_digit(),
            "{out}"
        );
        assert!(out.contains("<mark>文稿起草</mark>"), "{out}");
        // A number at the edge of a window with no punctuation near is kept whole.
        let digits = format!("{}文稿起草{}", "字".repeat(5), "1".repeat(40));
        let out = snippet(&digits, &s(&["文稿起草"]), 20);
        assert!(
            out.ends_with('…') && !out.contains("1…") || !out.ends_with('…'),
            "{out}"
        );
    }

    #[test]
    fn marks_whole_characters_and_merges() {
        let text = "会前，班子成员深入开展谈心谈话，坦诚指出文稿起草不深入等问题。";
        assert_eq!(
            snippet(text, &s(&["谈心", "谈话"]), 100),
            "会前，班子成员深入开展<mark>谈心谈话</mark>，坦诚指出文稿起草不深入等问题。"
        );
    }

    #[test]
    fn window_moves_to_the_match_and_escapes() {
        let text = format!("{}<文稿起草不深入>{}", "前".repeat(50), "后".repeat(50));
        let got = snippet(&text, &s(&["文稿起草不深入"]), 30);
        assert_eq!(
            got,
            format!(
                "…{}&lt;<mark>文稿起草不深入</mark>&gt;{}…",
                "前".repeat(11),
                "后".repeat(10)
            )
        );
    }

    #[test]
    fn no_match_gives_the_opening() {
        assert_eq!(snippet("甲乙丙丁", &s(&["戊"]), 2), "甲乙…");
        assert_eq!(
            snippet("GB/T 9704", &s(&["gb"]), 20),
            "<mark>GB</mark>/T 9704"
        );
    }
}
