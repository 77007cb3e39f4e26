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

/// Ideographs: what bigrams are made of (punctuation separates runs).
pub fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// The text as indexed and as queried: full-width letters and digits made ASCII, and spaces
/// between Chinese characters and digits dropped ("2025 年度" -> "2025年度"), since PDF
/// extraction and typing habits put them there at random.
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
    let solid = |c: char| is_ideograph(c) || c.is_ascii_digit() || crate::markdown::is_wide(c);
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

/// A token stream over tokens computed up front.
pub struct VecStream {
    tokens: Vec<Token>,
    next: usize,
}

impl VecStream {
    fn new(tokens: Vec<Token>) -> Self {
        VecStream { tokens, next: 0 }
    }
}

impl TokenStream for VecStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

fn token(text: String, position: usize, from: usize, to: usize) -> Token {
    Token {
        offset_from: from,
        offset_to: to,
        position,
        text,
        position_length: 1,
    }
}

/// Character bigrams of every run of ideographs, whole lowercase words of letters and digits.
///
/// `edges`: also emit the first and last character of each run alone (the index does, so a
/// query like "2025年" or a lone "次" between digits finds its character at a run's edge). A
/// run of one character is always emitted alone.
pub fn bigrams(text: &str, edges: bool) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |(b, _)| *b);
    let mut out = Vec::with_capacity(chars.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if is_ideograph(c) {
            let start = i;
            while i < chars.len() && is_ideograph(chars[i].1) {
                i += 1;
            }
            let unigram = |k: usize| token(chars[k].1.to_string(), k, chars[k].0, end_of(k + 1));
            if i - start == 1 || edges {
                out.push(unigram(start));
            }
            for k in start..i.saturating_sub(1) {
                out.push(token(
                    text[chars[k].0..end_of(k + 2)].to_string(),
                    k,
                    chars[k].0,
                    end_of(k + 2),
                ));
            }
            if edges && i - start > 1 {
                out.push(unigram(i - 1));
            }
        } else if c.is_alphanumeric() {
            let start = i;
            while i < chars.len() && chars[i].1.is_alphanumeric() && !is_ideograph(chars[i].1) {
                i += 1;
            }
            out.push(token(
                text[chars[start].0..end_of(i)].to_lowercase(),
                start,
                chars[start].0,
                end_of(i),
            ));
        } else {
            i += 1;
        }
    }
    out
}

/// The bigram tokenizer as tantivy sees it (index side: with run edges).
#[derive(Clone, Default)]
pub struct BigramTokenizer;

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = VecStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecStream {
        VecStream::new(bigrams(text, true))
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
    jieba
        .tokenize(text, TokenizeMode::Search, true)
        .into_iter()
        .filter(|t| t.word.chars().any(char::is_alphanumeric))
        .map(|t| token(t.word.to_lowercase(), t.start, t.byte_start, t.byte_end))
        .collect()
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecStream {
        VecStream::new(words(&self.jieba, text))
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
