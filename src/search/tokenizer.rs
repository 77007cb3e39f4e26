//! Chinese tokenizers for tantivy, registered by name: jieba words and character bigrams.
//!
//! Both give each token the *character offset* where it starts as its position, so a phrase
//! query (a chain of bigrams at consecutive offsets) matches exactly the texts that contain the
//! character sequence, whatever words jieba cut the text into. The bigram field decides what
//! matches; the jieba field adds to the score of texts where the query is a real word.

use jieba_rs::{Jieba, TokenizeMode};
use std::sync::Arc;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name the bigram tokenizer is registered under.
pub const BIGRAM: &str = "annals_bigram";
/// The name the jieba tokenizer is registered under.
pub const WORDS: &str = "annals_words";

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

/// The text as indexed and as queried: full-width letters and digits made ASCII, and spaces
/// that touch a Chinese character dropped when a letter, digit or Chinese character stands on
/// the other side ("2025 年度" -> "2025年度", "OA 系统" -> "OA系统", a wrapped "38⏎条" ->
/// "38条"): they are layout, which PDF extraction, hard-wrapped sources and typing habits put
/// there at random. Between two Latin words a space stays, so `OA` never runs into `S`.
pub fn normalize(text: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c as u32 {
            0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect();
    let is_space = |c: char| c == ' ' || c == '\t' || c == '\u{3000}';
    let solid = |c: char| is_ideograph(c) || c.is_alphanumeric() || crate::markdown::is_wide(c);
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
            let drop = match (before, after) {
                (Some(b), Some(a)) => {
                    solid(b)
                        && solid(a)
                        && (is_ideograph(b)
                            || is_ideograph(a)
                            || crate::markdown::is_wide(b)
                            || crate::markdown::is_wide(a))
                }
                _ => false,
            };
            if !drop {
                out.push(' ');
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Where a token is: its position (character offset) and byte range, and whether its text
/// must be lowercased. Tokens are listed this way first and their text is only written into
/// the one reused [`Token`] as the indexer asks for it, so indexing allocates nothing per
/// token.
#[derive(Debug, Clone, Copy)]
struct Span {
    position: usize,
    from: usize,
    to: usize,
    lower: bool,
}

/// A token stream over spans of a text, writing each token's text into one reused buffer.
pub struct SpanStream<'a> {
    text: &'a str,
    spans: Vec<Span>,
    next: usize,
    token: Token,
}

impl<'a> SpanStream<'a> {
    fn new(text: &'a str, spans: Vec<Span>) -> Self {
        SpanStream {
            text,
            spans,
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for SpanStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(s) = self.spans.get(self.next) else {
            return false;
        };
        self.next += 1;
        let t = &mut self.token;
        t.position = s.position;
        t.offset_from = s.from;
        t.offset_to = s.to;
        t.position_length = 1;
        t.text.clear();
        push_lower(&mut t.text, &self.text[s.from..s.to], s.lower);
        true
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Appends `word`, lowercased when `lower` (ideographs have no case and are copied as they are).
/// Traditional characters are written as their simplified forms (see [`super::variants`]).
fn push_lower(out: &mut String, word: &str, lower: bool) {
    if word.is_ascii() {
        out.push_str(word);
        if lower {
            out.make_ascii_lowercase();
        }
        return;
    }
    for c in word.chars().map(super::variants::simplified) {
        if lower {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
}

/// The tokens of a stream as owned values (for queries and tests, not the indexer).
fn collect(mut stream: SpanStream<'_>) -> Vec<Token> {
    let mut out = Vec::with_capacity(stream.spans.len());
    while stream.advance() {
        out.push(stream.token.clone());
    }
    out
}

/// Character bigrams of every run of ideographs, whole lowercase words of letters and digits.
///
/// `edges`: also emit the first and last character of each run alone (the index does, so a
/// query like "2025年" or a lone "次" between digits finds its character at a run's edge). A
/// run of one character is always emitted alone.
pub fn bigrams(text: &str, edges: bool) -> Vec<Token> {
    collect(bigram_stream(text, edges))
}

fn bigram_stream(text: &str, edges: bool) -> SpanStream<'_> {
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
            if i - start == 1 || edges {
                out.push(span(start, start + 1, false));
            }
            for k in start..i.saturating_sub(1) {
                out.push(span(k, k + 2, false));
            }
            if edges && i - start > 1 {
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
    SpanStream::new(text, out)
}

/// The bigram tokenizer as tantivy sees it (index side: with run edges).
#[derive(Clone, Default)]
pub struct BigramTokenizer;

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = SpanStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> SpanStream<'a> {
        bigram_stream(text, true)
    }
}

/// jieba in search mode over one shared dictionary.
#[derive(Clone)]
pub struct WordTokenizer {
    pub jieba: Arc<Jieba>,
}

/// jieba's search-mode words of `text` that hold a letter or digit, lowercased, positioned at
/// their first character.
pub fn words(jieba: &Jieba, text: &str) -> Vec<Token> {
    collect(word_stream(jieba, text))
}

fn word_stream<'a>(jieba: &Jieba, text: &'a str) -> SpanStream<'a> {
    let spans = jieba
        .tokenize(text, TokenizeMode::Search, true)
        .into_iter()
        // An ideograph first settles it without the slower Unicode tables.
        .filter(|t| t.word.chars().any(|c| is_ideograph(c) || is_word_char(c)))
        .map(|t| Span {
            position: t.start,
            from: t.byte_start,
            to: t.byte_end,
            lower: !t.word.chars().all(is_ideograph),
        })
        .collect();
    SpanStream::new(text, spans)
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = SpanStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> SpanStream<'a> {
        word_stream(&self.jieba, text)
    }
}

/// A jieba with the default dictionary plus the site's user words.
///
/// The user dictionary has one word a line, optionally followed by a frequency and a
/// part-of-speech tag (jieba's format); `#` starts a comment. Returns the line of a bad entry.
pub fn load_jieba(user_dictionary: &str) -> Result<Jieba, (usize, String)> {
    let entries = dictionary_entries(user_dictionary)?;
    let mut jieba = Jieba::new();
    for (word, freq, tag) in entries {
        jieba.add_word(word, freq, tag);
    }
    Ok(jieba)
}

type Entry<'a> = (&'a str, Option<usize>, Option<&'a str>);

fn dictionary_entries(text: &str) -> Result<Vec<Entry<'_>>, (usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        let mut parts = line.split_whitespace();
        let Some(word) = parts.next() else { continue };
        let freq = match parts.next() {
            Some(f) => Some(f.parse::<usize>().map_err(|_| {
                (
                    i + 1,
                    format!("the frequency `{f}` of `{word}` is not a whole number"),
                )
            })?),
            None => None,
        };
        out.push((word, freq, parts.next()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tokens: &[Token]) -> Vec<(String, usize)> {
        tokens
            .iter()
            .map(|t| (t.text.clone(), t.position))
            .collect()
    }

    #[test]
    fn bigrams_by_character_offset() {
        let t = bigrams("谈心谈话，2025年度GB", true);
        assert_eq!(
            texts(&t),
            [
                ("谈".into(), 0),
                ("谈心".into(), 0),
                ("心谈".into(), 1),
                ("谈话".into(), 2),
                ("话".into(), 3),
                ("2025".into(), 5),
                ("年".into(), 9),
                ("年度".into(), 9),
                ("度".into(), 10),
                ("gb".into(), 11)
            ]
        );
        assert_eq!(
            texts(&bigrams("教育局", false)),
            [("教育".into(), 0), ("育局".into(), 1)]
        );
        assert_eq!(
            texts(&bigrams("第2次", false)),
            [("第".into(), 0), ("2".into(), 1), ("次".into(), 2)]
        );
    }

    #[test]
    fn offsets_are_bytes_of_whole_characters() {
        let t = bigrams("民主生活会", true);
        let t = t.iter().find(|t| t.text == "生活").unwrap();
        assert_eq!((t.offset_from, t.offset_to), (6, 12));
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

    #[test]
    fn user_dictionary_words_and_errors() {
        let j = load_jieba("民主生活会 2000 n\n# comment\n\n批评与自我批评\n").unwrap();
        let w: Vec<String> = words(&j, "召开民主生活会")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert!(w.contains(&"民主生活会".to_string()), "{w:?}");
        assert_eq!(load_jieba("词 x").unwrap_err().0, 1);
    }
}
