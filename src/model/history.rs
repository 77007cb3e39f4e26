//! A problem's history across years: the `recurs` chain both ways, similar problems of
//! other years (character-bigram similarity of their wording), and the archive-wide checks
//! that need every record (unique ids, `recurs` and `source` that point somewhere real).

use crate::config::Config;
use crate::error::Diagnostic;
use crate::ledger::Record;
use crate::msg::ledger as m;
use crate::text::normalize::{Edges, bigram_spans, normalize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// How much alike two problems' wordings must be (Dice coefficient of their bigrams).
pub const SIMILAR_AT_LEAST: f32 = 0.3;
/// How many similar problems a record lists.
pub const SIMILAR_MAX: usize = 5;

/// A record's relations.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// The earlier occurrences through `recurs`, oldest first.
    pub earlier: Vec<usize>,
    /// The later occurrences that name this one (directly or down the chain), oldest first.
    pub later: Vec<usize>,
    /// Records of other years with a similar wording, most similar first, with the score.
    pub similar: Vec<(usize, f32)>,
}

/// Checks what only the whole archive can tell. `documents` holds, per year, the file names
/// (`召开情况报告.md`) of its documents.
pub fn check(
    records: &[Record],
    documents: &BTreeMap<i32, BTreeSet<String>>,
    config: &Config,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut first: HashMap<&str, &Record> = HashMap::new();
    // Oldest year first, so the later of two records with one id is the one reported.
    let mut in_order: Vec<&Record> = records.iter().collect();
    in_order.sort_by_key(|r| r.year);
    for r in in_order {
        if let Some(prev) = first.insert(&r.id, r) {
            diags.push(
                r.origin
                    .error(
                        "id",
                        m::id_used(
                            &r.id,
                            &format!("{}:{}", prev.origin.shown.display(), prev.origin.line),
                        ),
                    )
                    .help(m::id_used_help()),
            );
            first.insert(&prev.id, prev);
        }
    }
    let by_id: HashMap<&str, &Record> = records.iter().map(|r| (r.id.as_str(), r)).collect();
    for r in records {
        if let Some(prev) = &r.recurs {
            match by_id.get(prev.as_str()) {
                None => diags.push(
                    r.origin
                        .error("recurs", m::recurs_unknown(prev))
                        .help(m::recurs_unknown_help()),
                ),
                Some(p) if p.year >= r.year => diags.push(
                    r.origin
                        .error("recurs", m::recurs_not_earlier(prev, p.year))
                        .help(m::recurs_not_earlier_help()),
                ),
                Some(_) => {}
            }
        }
        if let Some(source) = &r.source {
            let docs = documents.get(&r.year);
            let file = if source.ends_with(".md") {
                source.clone()
            } else {
                format!("{source}.md")
            };
            let known = config.vocabularies.channels.contains(source)
                || docs.is_some_and(|d| d.contains(&file));
            if !known {
                let choices: Vec<String> = docs
                    .into_iter()
                    .flatten()
                    .cloned()
                    .chain(config.vocabularies.channels.iter().cloned())
                    .collect();
                diags.push(
                    r.origin
                        .error("source", m::source_unknown(source, r.year))
                        .help(m::source_unknown_help(r.year, &choices.join(", "))),
                );
            }
        }
    }
    diags
}

/// The history of every record (index-aligned with `records`).
pub fn histories(records: &[Record]) -> Vec<History> {
    let index: HashMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut named_by: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        if let Some(&p) = r.recurs.as_deref().and_then(|p| index.get(p)) {
            named_by.entry(p).or_default().push(i);
        }
    }
    let grams: Vec<HashSet<String>> = records
        .iter()
        .map(|r| {
            let text = normalize(&r.problem);
            bigram_spans(&text, Edges::None)
                .into_iter()
                .map(|s| s.text(&text))
                .filter(|t| t.chars().count() == 2)
                .collect()
        })
        .collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, g) in grams.iter().enumerate() {
        for b in g {
            postings.entry(b.as_str()).or_default().push(i);
        }
    }
    // Candidates come from the wording's distinctive pairs only: a pair of characters found in
    // more than COMMON problems (问题, 不够) says nothing about which of them is the same
    // problem, and following it for every record made a ledger of 10,000 records quadratic.
    // The similarity of each candidate is still counted over all its pairs.
    const COMMON: usize = 200;
    (0..records.len())
        .map(|i| {
            let mut earlier = Vec::new();
            let mut seen = HashSet::from([i]);
            let mut cur = i;
            while let Some(&p) = records[cur].recurs.as_deref().and_then(|p| index.get(p)) {
                if !seen.insert(p) {
                    break;
                }
                earlier.push(p);
                cur = p;
            }
            earlier.reverse();
            let mut later = Vec::new();
            let mut queue = vec![i];
            while let Some(c) = queue.pop() {
                for &n in named_by.get(&c).into_iter().flatten() {
                    if seen.insert(n) {
                        later.push(n);
                        queue.push(n);
                    }
                }
            }
            later.sort_by_key(|&n| (records[n].year, n));
            let candidates: HashSet<usize> = grams[i]
                .iter()
                .map(|b| &postings[b.as_str()])
                .filter(|p| p.len() <= COMMON)
                .flatten()
                .copied()
                .collect();
            let mut similar: Vec<(usize, f32)> = candidates
                .into_iter()
                .filter(|j| records[*j].year != records[i].year && !seen.contains(j))
                .map(|j| {
                    let n = grams[i].intersection(&grams[j]).count();
                    (
                        j,
                        2.0 * n as f32 / (grams[i].len() + grams[j].len()).max(1) as f32,
                    )
                })
                .filter(|(_, s)| *s >= SIMILAR_AT_LEAST)
                .collect();
            similar.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            similar.truncate(SIMILAR_MAX);
            History {
                earlier,
                later,
                similar,
            }
        })
        .collect()
}
