//! The text as indexed, queried and compared: spaces that are layout dropped (see
//! [`normalize`]), and the character bigrams search and the ledger's history compare by.

use super::classes::{is_ideograph, is_wide, is_word_char};
use crate::text::variants::simplified;

/// The text as indexed and as queried: full-width letters and digits made ASCII, and spaces
/// that touch a Chinese character dropped when a letter, digit or Chinese character stands on
/// the other side ("2025 年度" -> "2025年度", "OA 系统" -> "OA系统", a wrapped "38⏎条" ->
/// "38条"): they are layout, which PDF extraction, hard-wrapped sources and typing habits put
/// there at random. Between two Latin words a space stays, so `OA` never runs into `S`.
pub fn normalize(text: &str) -> String {
    let is_space = |c: char| c == ' ' || c == '\t' || c == '\u{3000}';
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Every section of every document is normalised once a build, so the text is copied in
    // stretches and looked at only where a space or a full-width letter can start: a tab or a
    // space, or the first byte of U+3000..U+3FFF or U+F000..U+FFFF in UTF-8 (no byte inside a
    // character's UTF-8 is one of these).
    let (mut i, mut copied) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        if !matches!(b, b' ' | b'\t' | 0xE3 | 0xEF) {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("i is at a character");
        if !is_space(c) {
            let folded = ascii_width(c);
            if folded != c {
                out.push_str(&text[copied..i]);
                out.push(folded);
                copied = i + c.len_utf8();
            }
            i += c.len_utf8();
            continue;
        }
        // A run of spaces: the character before it is the last one written, the one after
        // it is read ahead.
        out.push_str(&text[copied..i]);
        let before = out.chars().next_back();
        let rest = &text[i..];
        let run = rest.len() - rest.trim_start_matches(is_space).len();
        i += run;
        copied = i;
        if !is_layout(before, text[i..].chars().next().map(ascii_width)) {
            out.push(' ');
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether a run of spaces between `before` and `after` is layout, dropped: a letter, digit
/// or Chinese character on both sides, one of them Chinese or full-width.
fn is_layout(before: Option<char>, after: Option<char>) -> bool {
    let solid = |c: char| is_ideograph(c) || c.is_alphanumeric() || is_wide(c);
    match (before, after) {
        (Some(b), Some(a)) => {
            solid(b) && solid(a) && (is_ideograph(b) || is_ideograph(a) || is_wide(b) || is_wide(a))
        }
        _ => false,
    }
}

/// A full-width letter or digit as its ASCII twin; any other character as it is.
fn ascii_width(c: char) -> char {
    match c as u32 {
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

/// Where a token is: its position (character offset) and byte range, and whether its text
/// must be lowercased. Tokens are listed this way first and their text is only written into
/// the one reused [`Token`] as the indexer asks for it, so indexing allocates nothing per
/// token.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    /// The character offset the token starts at.
    pub position: usize,
    /// The token's bytes in the text.
    pub from: usize,
    /// The end of the token's bytes.
    pub to: usize,
    /// Whether the token's text is lowercased.
    pub lower: bool,
}

impl Span {
    /// The token's text in `text`: folded to simplified characters, lowercased when `lower`.
    pub fn text(&self, text: &str) -> String {
        let mut out = String::with_capacity(self.to - self.from);
        push_lower(&mut out, &text[self.from..self.to], self.lower);
        out
    }
}

/// Appends `word`, lowercased when `lower` (ideographs have no case and are copied as they are).
/// Traditional characters are written as their simplified forms (see [`crate::text::variants`]).
pub fn push_lower(out: &mut String, word: &str, lower: bool) {
    if word.is_ascii() {
        out.push_str(word);
        if lower {
            out.make_ascii_lowercase();
        }
        return;
    }
    for c in word.chars().map(simplified) {
        if lower {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
}

/// Which run edges [`bigram_spans`] gives alone, besides the bigrams: a query's lone character
/// (`2025年`, `第2次`, `年，度`) is matched as a single character at a run's first or last place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edges {
    /// None (a query's own tokens, and pairs compared as pairs).
    None,
    /// Only an edge with a letter or digit on its outer side: what the index holds. A query's
    /// lone character beside a letter or digit (`2025年`) finds it there; one between
    /// punctuation (`年，度`) is checked against the stored texts instead (`search::checked`).
    /// The others were a fifth of all the index's tokens.
    BesideWords,
    /// Every first and last character: the tokens the stored texts are checked by.
    All,
}

/// Character bigrams of every run of ideographs, whole words of letters and digits (to be
/// lowercased), as spans of `text`, with the run `edges` asked for. A run of one character
/// is always given alone.
pub fn bigram_spans(text: &str, edges: Edges) -> Vec<Span> {
    BigramSpans::new(text, edges).collect()
}

/// The spans of [`bigram_spans`], made a run at a time as they are read: the indexer's
/// tokenizer goes through every text of the archive this way, and an array of each text's
/// characters and another of its spans, made before the first token, were 3% of a 10k
/// build's CPU (most of it in touching fresh memory).
pub struct BigramSpans<'a> {
    text: &'a str,
    chars: std::str::CharIndices<'a>,
    /// The next character and its byte offset, read ahead.
    ahead: Option<(usize, char)>,
    /// The next character's character offset.
    position: usize,
    /// The character before the next one.
    before: Option<char>,
    edges: Edges,
    /// The spans of the run at hand, and how many of them were given.
    run: Vec<Span>,
    given: usize,
}

impl<'a> BigramSpans<'a> {
    /// The spans of `text` with the run `edges` asked for.
    pub fn new(text: &'a str, edges: Edges) -> Self {
        let mut chars = text.char_indices();
        let ahead = chars.next();
        BigramSpans {
            text,
            chars,
            ahead,
            position: 0,
            before: None,
            edges,
            run: Vec::new(),
            given: 0,
        }
    }

    /// Steps past the next character; returns where it ended (the following one's offset).
    fn step(&mut self) -> usize {
        self.before = self.ahead.map(|(_, c)| c);
        self.ahead = self.chars.next();
        self.position += 1;
        self.ahead.map_or(self.text.len(), |(b, _)| b)
    }

    /// Whether a run's edge beside `outside` (the character before or after it) is given.
    fn edge(&self, outside: Option<char>) -> bool {
        match self.edges {
            Edges::None => false,
            Edges::BesideWords => outside.is_some_and(|c| !is_ideograph(c) && is_word_char(c)),
            Edges::All => true,
        }
    }

    /// Reads the next run that has spans into `run`; false at the end of the text.
    fn next_run(&mut self) -> bool {
        self.run.clear();
        self.given = 0;
        while let Some((from, c)) = self.ahead {
            let position = self.position;
            if is_ideograph(c) {
                let lone_first = self.edge(self.before);
                let lone = Span {
                    position,
                    from,
                    to: self.step(),
                    lower: false,
                };
                if lone_first {
                    self.run.push(lone);
                }
                // The run's last character alone; a bigram is the one before it to its end.
                let mut last = lone;
                while let Some((next_from, c)) = self.ahead
                    && is_ideograph(c)
                {
                    let next = Span {
                        position: self.position,
                        from: next_from,
                        to: self.step(),
                        lower: false,
                    };
                    self.run.push(Span {
                        to: next.to,
                        ..last
                    });
                    last = next;
                }
                if last.position == position {
                    if !lone_first {
                        self.run.push(lone);
                    }
                } else if self.edge(self.ahead.map(|(_, c)| c)) {
                    self.run.push(last);
                }
                return true;
            }
            let mut to = self.step();
            if is_word_char(c) {
                while let Some((_, c)) = self.ahead
                    && is_word_char(c)
                    && !is_ideograph(c)
                {
                    to = self.step();
                }
                self.run.push(Span {
                    position,
                    from,
                    to,
                    lower: true,
                });
                return true;
            }
        }
        false
    }
}

impl Iterator for BigramSpans<'_> {
    type Item = Span;
    fn next(&mut self) -> Option<Span> {
        if self.given == self.run.len() && !self.next_run() {
            return None;
        }
        self.given += 1;
        Some(self.run[self.given - 1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_reads_as_it_goes_as_from_an_array() {
        let report = include_str!("../../tests/fixtures/report-2025-pdf-extract.txt");
        for text in [
            report,
            "",
            " ",
            "  a  ",
            "于 2026 年召开 2025 年度",
            "ＧＢ／Ｔ 9704 标准　第 2 次",
            "word  word\t字 \u{3000} 字",
            " 字",
            "字 ",
            "OA 系统 ， 。 a b",
        ] {
            assert_eq!(normalize(text), normalize_from_array(text), "{text:?}");
        }
    }

    /// [`normalize`] as it was, over an array of the text's characters.
    fn normalize_from_array(text: &str) -> String {
        let chars: Vec<char> = text.chars().map(ascii_width).collect();
        let is_space = |c: char| c == ' ' || c == '\t' || c == '\u{3000}';
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            if is_space(chars[i]) {
                let start = i;
                while i < chars.len() && is_space(chars[i]) {
                    i += 1;
                }
                let before = start.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i).copied();
                if !is_layout(before, after) {
                    out.push(' ');
                }
                continue;
            }
            out.push(chars[i]);
            i += 1;
        }
        out
    }

    #[test]
    fn spans_are_made_a_run_at_a_time_as_from_arrays() {
        let report = include_str!("../../tests/fixtures/report-2025-pdf-extract.txt");
        let mixed =
            "ꀀ第2次会议，ＧＢ／Ｔ９７０４，Ωmega é ䷀卦 〇一二 2025年 𠀀x 丽 a 字 年，度 OA系统";
        for text in [
            report,
            mixed,
            "",
            "a",
            "字",
            "字字",
            "a字",
            "字a",
            "，字，",
            "ab字字cd",
        ] {
            for edges in [Edges::None, Edges::BesideWords, Edges::All] {
                let fmt = |v: Vec<Span>| format!("{v:?}");
                assert_eq!(
                    fmt(bigram_spans(text, edges)),
                    fmt(bigram_spans_from_arrays(text, edges)),
                    "{edges:?} {text:?}"
                );
            }
        }
    }

    /// The spans as they were made before [`BigramSpans`]: from an array of the text's
    /// characters, each run's spans by index.
    fn bigram_spans_from_arrays(text: &str, edges: Edges) -> Vec<Span> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let end_of = |i: usize| chars.get(i).map_or(text.len(), |(b, _)| *b);
        let span = |position: usize, to: usize, lower: bool| Span {
            position,
            from: chars[position].0,
            to: end_of(to),
            lower,
        };
        let mut out = Vec::with_capacity(chars.len() + 8);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i].1;
            if is_ideograph(c) {
                let start = i;
                while i < chars.len() && is_ideograph(chars[i].1) {
                    i += 1;
                }
                let word_at = |k: Option<usize>| {
                    k.and_then(|k| chars.get(k))
                        .is_some_and(|&(_, c)| !is_ideograph(c) && is_word_char(c))
                };
                let edge = |outside: Option<usize>| match edges {
                    Edges::None => false,
                    Edges::BesideWords => word_at(outside),
                    Edges::All => true,
                };
                if i - start == 1 || edge(start.checked_sub(1)) {
                    out.push(span(start, start + 1, false));
                }
                for k in start..i.saturating_sub(1) {
                    out.push(span(k, k + 2, false));
                }
                if i - start > 1 && edge(Some(i)) {
                    out.push(span(i - 1, i, false));
                }
            } else if is_word_char(c) {
                let start = i;
                while i < chars.len() && is_word_char(chars[i].1) && !is_ideograph(chars[i].1) {
                    i += 1;
                }
                out.push(span(start, i, true));
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn normalize_drops_stray_spaces() {
        assert_eq!(
            normalize("于 2026 年召开 2025 年度民主生活会"),
            "于2026年召开2025年度民主生活会"
        );
        assert_eq!(normalize("ＧＢ／Ｔ 9704 标准"), "GB／T 9704标准");
        assert_eq!(normalize("word  word"), "word word");
    }
}
