//! The Chinese tokenizers: character bigrams for tantivy (what the index holds and what decides
//! a match) and jieba's words (read at query time, for ranking: see `search::rank`).
//!
//! Both give each token the *character offset* where it starts as its position, so a phrase
//! query (a chain of bigrams at consecutive offsets) matches exactly the texts that contain the
//! character sequence, whatever words jieba would cut the text into.

use crate::text::normalize::{BigramSpans, Edges, Span, push_lower};
use crate::text::{is_ideograph, is_word_char};
use jieba_rs::{Jieba, TokenizeMode};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name the bigram tokenizer is registered under.
pub const BIGRAM: &str = "annals_bigram";

/// A token stream over spans of a text (made as they are read, or listed first), writing each
/// token's text into one reused buffer.
pub struct SpanStream<'a, S = std::vec::IntoIter<Span>> {
    text: &'a str,
    spans: S,
    token: Token,
    /// The text is already in simplified characters (see [`BigramTokenizer`]): a Chinese
    /// token is copied as it is, not folded character by character.
    simplified: bool,
}

impl<'a, S: Iterator<Item = Span>> SpanStream<'a, S> {
    fn new(text: &'a str, spans: S) -> Self {
        SpanStream {
            text,
            spans,
            token: Token::default(),
            simplified: false,
        }
    }
}

impl<S: Iterator<Item = Span>> TokenStream for SpanStream<'_, S> {
    fn advance(&mut self) -> bool {
        let Some(s) = self.spans.next() else {
            return false;
        };
        let t = &mut self.token;
        t.position = s.position;
        t.offset_from = s.from;
        t.offset_to = s.to;
        t.position_length = 1;
        t.text.clear();
        let word = &self.text[s.from..s.to];
        if self.simplified && !s.lower {
            t.text.push_str(word);
        } else {
            push_lower(&mut t.text, word, s.lower);
        }
        true
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The tokens of a stream as owned values (for queries and tests, not the indexer).
fn collect(mut stream: impl TokenStream) -> Vec<Token> {
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().clone());
    }
    out
}

/// Character bigrams of every run of ideographs, whole lowercase words of letters and digits,
/// and the run `edges` asked for (see [`Edges`]). A run of one character is always emitted
/// alone.
pub fn bigrams(text: &str, edges: Edges) -> Vec<Token> {
    collect(bigram_stream(text, edges))
}

/// The ideograph a token is when it is one ideograph alone (a run's edge or a run of one),
/// which a query matches wherever the character stands in the index's bigrams.
pub fn lone_ideograph(token: &str) -> Option<char> {
    let mut chars = token.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if is_ideograph(c) => Some(c),
        _ => None,
    }
}

fn bigram_stream(text: &str, edges: Edges) -> SpanStream<'_, BigramSpans<'_>> {
    SpanStream::new(text, BigramSpans::new(text, edges))
}

/// The bigram tokenizer as tantivy sees it (index side: with the run edges beside letters and
/// digits, [`Edges::BesideWords`]). The texts it is
/// given are in simplified characters already (`search::index::document` folds each text
/// once, where folding each token would fold every character twice, once per bigram).
#[derive(Clone, Default)]
pub struct BigramTokenizer;

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = SpanStream<'a, BigramSpans<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> SpanStream<'a, BigramSpans<'a>> {
        SpanStream {
            simplified: true,
            ..bigram_stream(text, Edges::BesideWords)
        }
    }
}

/// jieba's search-mode words of `text` that hold a letter or digit, lowercased, positioned at
/// their first character.
pub fn words(jieba: &Jieba, text: &str) -> Vec<Token> {
    collect(word_stream(jieba, text))
}

fn word_stream<'a>(jieba: &Jieba, text: &'a str) -> SpanStream<'a> {
    let spans: Vec<Span> = jieba
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
    SpanStream::new(text, spans.into_iter())
}

/// jieba's own dictionary, gzipped (vendor/jieba/README.md says why it is not jieba-rs's
/// embedded copy).
const JIEBA_DICTIONARY: &[u8] = include_bytes!("../../vendor/jieba/dict.txt.gz");

/// A jieba with jieba's dictionary plus the site's user words.
///
/// The user dictionary has one word a line, optionally followed by a frequency and a
/// part-of-speech tag (jieba's format); `#` starts a comment. Returns the line of a bad entry.
pub fn load_jieba(user_dictionary: &str) -> Result<Jieba, (usize, String)> {
    let entries = dictionary_entries(user_dictionary)?;
    let mut jieba = Jieba::empty();
    let mut words = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(JIEBA_DICTIONARY),
        &mut words,
    )
    .expect("the dictionary compiled in is gzipped UTF-8");
    // `word frequency tag` a line, each with its frequency. `add_word` is `Jieba::load_dict`
    // without its line-by-line copy (a fifth quicker). Not read by `dictionary_entries`: in
    // jieba's file `#` is no comment (`C# 3 nz`), and every line has its frequency.
    for line in words.lines() {
        let mut fields = line.split_ascii_whitespace();
        if let Some(word) = fields.next() {
            let freq = fields.next().and_then(|f| f.parse().ok()).unwrap_or(0);
            jieba.add_word(word, Some(freq), fields.next());
        }
    }
    for (word, freq, tag) in entries {
        jieba.add_word(word, freq, tag);
    }
    Ok(jieba)
}

/// Checks a user dictionary's lines without loading jieba; the line of a bad entry.
pub fn check_dictionary(user_dictionary: &str) -> Result<(), (usize, String)> {
    dictionary_entries(user_dictionary).map(drop)
}

type Entry<'a> = (&'a str, Option<usize>, Option<&'a str>);

fn dictionary_entries(text: &str) -> Result<Vec<Entry<'_>>, (usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        let mut parts = line.split_whitespace();
        let Some(word) = parts.next() else { continue };
        let freq = match parts.next() {
            Some(f) => Some(
                f.parse::<usize>()
                    .map_err(|_| (i + 1, crate::msg::search::dictionary_frequency(f, word)))?,
            ),
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
        let text = "谈心谈话，2025年度GB";
        let t = bigrams(text, Edges::All);
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
        // The index keeps the edges with a letter or digit outside them only: 年 after 2025,
        // 度 before GB; 谈 and 话 touch nothing but the run's own characters and punctuation.
        let indexed: Vec<(String, usize)> = texts(&bigrams(text, Edges::BesideWords));
        let all_but_two: Vec<(String, usize)> = texts(&t)
            .into_iter()
            .filter(|(s, p)| !matches!((s.as_str(), p), ("谈", 0) | ("话", 3)))
            .collect();
        assert_eq!(indexed, all_but_two);
        assert_eq!(
            texts(&bigrams("教育局", Edges::None)),
            [("教育".into(), 0), ("育局".into(), 1)]
        );
        assert_eq!(
            texts(&bigrams("第2次", Edges::None)),
            [("第".into(), 0), ("2".into(), 1), ("次".into(), 2)]
        );
    }

    #[test]
    fn offsets_are_bytes_of_whole_characters() {
        let t = bigrams("民主生活会", Edges::All);
        let t = t.iter().find(|t| t.text == "生活").unwrap();
        assert_eq!((t.offset_from, t.offset_to), (6, 12));
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

    #[test]
    fn jiebas_own_dictionary_is_loaded() {
        // Without the HMM a word jieba's dictionary lacks falls apart into characters: these
        // cuts come from the vendored dictionary alone, and match jieba's own.
        let j = load_jieba("").unwrap();
        let cut = |s| -> Vec<&str> { j.cut(s, false).into_iter().map(|t| t.word).collect() };
        assert_eq!(
            cut("我们中出了一个叛徒"),
            ["我们", "中", "出", "了", "一个", "叛徒"]
        );
        assert_eq!(cut("整改落实情况"), ["整改", "落实", "情况"]);
        assert!(j.has_word("民主") && j.has_word("中华人民共和国"));
    }
}
