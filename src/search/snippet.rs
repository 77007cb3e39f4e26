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
