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

/// How many of the best candidates (by the bigram score) are rescored: those a first page and
/// the next two show. Below them the bigram order stands, so a hit never moves between pages.
pub(super) const WINDOW: usize = 30;

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
    let title: Vec<char> = title.chars().map(fold).collect();
    let text: Vec<char> = text.chars().map(fold).collect();
    let sum: f32 = query
        .iter()
        .map(|alternatives| {
            alternatives
                .iter()
                .map(|w| whole_share(jieba, w, &title, &text))
                .fold(0.0, f32::max)
        })
        .sum();
    1.0 + sum / query.len() as f32
}

/// The share of `w`'s words jieba reads whole in the first occurrences of `w`.
fn whole_share(jieba: &Jieba, w: &Wanted, title: &[char], text: &[char]) -> f32 {
    let (mut whole, mut all) = (0usize, 0usize);
    let mut looks = 0;
    for hay in [title, text] {
        for at in find(hay, &w.chars).take(LOOKS - looks) {
            looks += 1;
            let from = at.saturating_sub(CONTEXT);
            let to = (at + w.chars.len() + CONTEXT).min(hay.len());
            let window: String = hay[from..to].iter().collect();
            let read: Vec<(usize, usize)> = words(jieba, &window)
                .into_iter()
                .map(|t| (t.position + from, t.text.chars().count()))
                .collect();
            all += w.words.len();
            whole += w
                .words
                .iter()
                .filter(|&&(p, n)| read.contains(&(at + p, n)))
                .count();
        }
    }
    if all == 0 {
        0.0
    } else {
        whole as f32 / all as f32
    }
}

/// Where `needle` starts in `hay`, left to right.
fn find<'a>(hay: &'a [char], needle: &'a [char]) -> impl Iterator<Item = usize> + 'a {
    let last = (hay.len() + 1).saturating_sub(needle.len().max(1));
    (0..last).filter(move |&i| !needle.is_empty() && hay[i..].starts_with(needle))
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
    fn find_counts_every_start() {
        let hay: Vec<char> = "问题问题题".chars().collect();
        let n: Vec<char> = "问题".chars().collect();
        assert_eq!(find(&hay, &n).collect::<Vec<_>>(), [0, 2]);
        assert_eq!(find(&hay, &[]).count(), 0);
        assert_eq!(find(&n, &hay).count(), 0);
    }
}
