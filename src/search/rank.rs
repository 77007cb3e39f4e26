//! Ranking by words, at query time: a hit where the searched text stands as jieba's words
//! ranks above one where it straddles two words (山上的和尚 above 结婚的和尚未结婚的, where
//! jieba reads 和 | 尚未).
//!
//! The index holds only character bigrams, which decide what matches. Words are a ranking
//! signal only, and segmenting every text at build time to index them cost about a third of
//! the build's CPU and the dictionary's 115 ms load in every build (measured at 1,000 reports:
//! 2.26 s of CPU with the word fields, 1.50 s without). So jieba, with the site's user
//! dictionary, reads a few short windows around the searched text in the best candidates of
//! a query instead, and their score is raised by the share of its words found whole there.

use super::tokenizer::words;
use crate::text::variants::fold;
use jieba_rs::Jieba;

/// How many of the best candidates (by the bigram score) are rescored: a first page's worth,
/// whose documents are read for their snippets anyway. Below them the bigram order stands, the
/// same whichever page is asked for, so a hit never moves between pages. Measured at 10,000
/// reports (`search_latency`, p50): 2.47 ms without reranking, 2.27 ms with 10, 2.85 ms with 20,
/// 4.04 ms with 30 (each one more document read).
pub(super) const WINDOW: usize = 10;

/// Occurrences of a searched text looked at in one entry.
const LOOKS: usize = 3;

/// Characters of context either side of an occurrence that jieba reads with it.
const CONTEXT: usize = 8;

/// One searched text (or one of its synonyms) and where its jieba words lie in it.
pub(super) struct Wanted {
    chars: Vec<char>,
    words: Vec<(usize, usize)>,
}

/// The searched texts of a query, each with its alternatives (a bare word's synonyms).
pub(super) type Query = Vec<Vec<Wanted>>;

impl Wanted {
    /// `text`'s jieba words (search mode: 民主生活会 also gives 民主 and 生活), as character
    /// offset and length.
    pub(super) fn new(jieba: &Jieba, text: &str) -> Wanted {
        let chars: Vec<char> = text.chars().map(fold).collect();
        let words = words(jieba, text)
            .into_iter()
            .map(|t| (t.position, t.text.chars().count()))
            .collect();
        Wanted { chars, words }
    }
}

/// How much to raise an entry's bigram score: 1 plus, averaged over the searched texts, the
/// share of their words that jieba finds whole where they occur in `title` or `text` (title
/// first; a few occurrences each).
pub(super) fn factor(jieba: &Jieba, query: &Query, title: &str, text: &str) -> f32 {
    if query.is_empty() {
        return 1.0;
    }
    let wanted: Vec<&Wanted> = query.iter().flatten().collect();
    let title = Read::of(title, &wanted, LOOKS);
    let text = Read::of(text, &wanted, LOOKS);
    let mut shares = Vec::with_capacity(wanted.len());
    for (k, w) in wanted.iter().enumerate() {
        let (mut whole, mut all) = (0usize, 0usize);
        let in_text = LOOKS - title.starts[k].len();
        for (read, starts) in [
            (&title, &title.starts[k][..]),
            (&text, &text.starts[k][..in_text.min(text.starts[k].len())]),
        ] {
            for &at in starts {
                all += w.words.len();
                whole += read.whole_words(jieba, w, at);
            }
        }
        shares.push(if all == 0 {
            0.0
        } else {
            whole as f32 / all as f32
        });
    }
    // A searched text counts by its best alternative (`shares` is in the query's order).
    let mut shares = shares.into_iter();
    let sum: f32 = query
        .iter()
        .map(|alternatives| shares.by_ref().take(alternatives.len()).fold(0.0, f32::max))
        .sum();
    1.0 + sum / query.len() as f32
}

/// A text's folded characters, read only as far as the first occurrences of every wanted text
/// and their context need (a candidate's text is long; its matches are usually early).
struct Read {
    chars: Vec<char>,
    /// Per wanted text, where its first occurrences start.
    starts: Vec<Vec<usize>>,
}

impl Read {
    fn of(text: &str, wanted: &[&Wanted], looks: usize) -> Read {
        let mut chars = Vec::new();
        let mut starts = vec![Vec::new(); wanted.len()];
        let mut stop_at = usize::MAX;
        for c in text.chars() {
            chars.push(fold(c));
            if chars.len() >= stop_at {
                break;
            }
            for (k, w) in wanted.iter().enumerate() {
                if starts[k].len() < looks && !w.chars.is_empty() && chars.ends_with(&w.chars) {
                    starts[k].push(chars.len() - w.chars.len());
                }
            }
            if stop_at == usize::MAX && starts.iter().all(|s| s.len() >= looks) {
                stop_at = chars.len() + CONTEXT;
            }
        }
        Read { chars, starts }
    }

    /// How many of `w`'s words jieba reads whole in the occurrence of `w` at `at`.
    fn whole_words(&self, jieba: &Jieba, w: &Wanted, at: usize) -> usize {
        let from = at.saturating_sub(CONTEXT);
        let to = (at + w.chars.len() + CONTEXT).min(self.chars.len());
        let window: String = self.chars[from..to].iter().collect();
        let read: Vec<(usize, usize)> = words(jieba, &window)
            .into_iter()
            .map(|t| (t.position + from, t.text.chars().count()))
            .collect();
        w.words
            .iter()
            .filter(|&&(p, n)| read.contains(&(at + p, n)))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tokenizer::load_jieba;

    #[test]
    fn a_word_ranks_above_a_text_straddling_two() {
        let j = load_jieba("").unwrap();
        // jieba reads 山上|的|和尚 but 结婚|的|和|尚未: only the first holds the word 和尚.
        let q: Query = vec![vec![Wanted::new(&j, "和尚")]];
        let word = factor(&j, &q, "", "山上的和尚在念经");
        let straddling = factor(&j, &q, "", "结婚的和尚未结婚的");
        assert_eq!((word, straddling), (2.0, 1.0));
        // The title is looked at too; a text without the word is not raised.
        assert_eq!(factor(&j, &q, "山上的和尚", "结婚的和尚未结婚的"), 1.5);
        assert_eq!(factor(&j, &q, "", "没有这个词"), 1.0);
        assert_eq!(factor(&j, &vec![], "", "山上的和尚"), 1.0);
    }

    #[test]
    fn the_user_dictionary_decides_what_a_word_is() {
        let plain = load_jieba("").unwrap();
        let user = load_jieba("局限于 5000\n").unwrap();
        let text = "警示教育局限于形式";
        let q = |j: &Jieba| vec![vec![Wanted::new(j, "局限于")]];
        assert!(factor(&user, &q(&user), "", text) > factor(&plain, &q(&plain), "", text));
    }

    #[test]
    fn reading_stops_after_the_occurrences_and_their_context() {
        let j = load_jieba("").unwrap();
        let w = Wanted::new(&j, "问题");
        let text = format!("问题问题题{}", "字".repeat(100));
        let r = Read::of(&text, &[&w], 2);
        assert_eq!(r.starts, [vec![0, 2]]);
        assert_eq!(r.chars.len(), 4 + CONTEXT);
        let r = Read::of("没有", &[&w], 2);
        assert_eq!((r.starts, r.chars.len()), (vec![vec![]], 2));
    }
}
