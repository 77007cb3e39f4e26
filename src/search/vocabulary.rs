//! The values filters can take (`type:`, `status:`, `category:`, `unit:`, `kind:`), with their
//! aliases, saved beside the index so a query can be answered in the archive's own words:
//! `type:检视剖析材料` is `type:对照检查材料`, `status:已整改` is `status:已完成`, and a value
//! the archive does not have gets a note naming the closest ones instead of a silent empty
//! answer.

use super::query::{Filter, Parsed};
use crate::error::Failure;
use crate::fsx;
use crate::model::Site;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The file in the index folder.
pub const FILE: &str = "annals-vocabulary.json";

/// The most phrases kept for suggestions.
const MAX_PHRASES: usize = 20_000;

/// A heading without its numbering: `一、精耕细作抓筹备` -> `精耕细作抓筹备`, `（二）强化` ->
/// `强化`, `1.聚焦` -> `聚焦`; a text without numbering is left as it is.
fn strip_numbering(heading: &str) -> String {
    let t = heading.trim();
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let inner = t
        .strip_prefix(['（', '('])
        .map(|r| r.trim_start_matches(numeral))
        .and_then(|r| r.strip_prefix(['）', ')']));
    let rest = inner.or_else(|| {
        let r = t.trim_start_matches(numeral);
        (r.len() < t.len())
            .then(|| r.strip_prefix(['、', '.', '．']))
            .flatten()
    });
    rest.unwrap_or(t).trim().to_string()
}

/// The result kinds, with what users call them.
fn kinds() -> Values {
    Values {
        known: KINDS.iter().map(|(k, _)| k.to_string()).collect(),
        aliases: KINDS
            .iter()
            .flat_map(|(k, names)| names.iter().map(move |n| (n.to_string(), k.to_string())))
            .collect(),
        order: KINDS.iter().map(|(k, _)| k.to_string()).collect(),
    }
}

/// The result kinds and what users call them.
const KINDS: &[(&str, &[&str])] = &[
    ("document", &["文件", "文档", "材料", "doc"]),
    ("record", &["台账", "整改台账", "记录", "问题"]),
    ("section", &["章节", "段落"]),
    ("year", &["年度", "年度页"]),
];

/// One filter field's known values and aliases.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Values {
    /// The values the archive has.
    pub known: BTreeSet<String>,
    /// alias -> known value.
    pub aliases: BTreeMap<String, String>,
    /// The known values in the vocabulary's order (`annals.yaml`'s, then the archive's own),
    /// the order facets list them in.
    #[serde(default)]
    pub order: Vec<String>,
}

/// Every filter field's values, by the field's name in the query language.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Vocabulary {
    /// Filter field -> its values.
    pub fields: BTreeMap<String, Values>,
    /// The archive's own phrases (titles, headings, ledger problems), for suggestions when a
    /// query finds nothing.
    #[serde(default)]
    pub phrases: Vec<String>,
}

impl Vocabulary {
    /// The values of a site: its configured vocabularies and every value its entries carry;
    /// `phrases` are its documents' titles and headings.
    pub fn of(site: &Site, mut phrases: BTreeSet<String>) -> Vocabulary {
        let v = &site.config.vocabularies;
        let mut fields: BTreeMap<String, Values> = BTreeMap::new();
        let mut put = |field: &str, known: Vec<String>, aliases: BTreeMap<String, String>| {
            let e = fields.entry(field.to_string()).or_default();
            for k in &known {
                if !e.order.contains(k) {
                    e.order.push(k.clone());
                }
            }
            e.known.extend(known);
            e.aliases.extend(aliases);
        };
        let mut types = v.types.clone();
        types.push(super::entries::RECORD_TYPE.into());
        types.push(super::entries::YEAR_TYPE.into());
        put("type", types, v.aliases());
        put("status", v.statuses.clone(), v.status_aliases());
        let mut categories = v.categories.clone();
        categories.extend(
            site.ledger
                .entries
                .iter()
                .map(|e| e.record.category.clone()),
        );
        put("category", categories, BTreeMap::new());
        let mut units: Vec<String> = site
            .years
            .iter()
            .flat_map(|y| &y.documents)
            .map(|d| d.source.unit.clone())
            .collect();
        units.extend(
            site.ledger
                .entries
                .iter()
                .filter_map(|e| e.record.text("owner").map(str::to_string)),
        );
        put("unit", units, BTreeMap::new());
        let kinds = kinds();
        put("kind", kinds.known.into_iter().collect(), kinds.aliases);
        for values in fields.values_mut() {
            values.known.retain(|k| !k.trim().is_empty());
        }
        phrases.extend(site.ledger.entries.iter().map(|e| e.record.problem.clone()));
        // Headings carry their numbering (一、); a suggestion is the words.
        let phrases = phrases
            .into_iter()
            .map(|p| strip_numbering(&p))
            .filter(|p| p.chars().count() >= 2)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .take(MAX_PHRASES)
            .collect();
        Vocabulary { fields, phrases }
    }

    /// Writes the vocabulary into the index folder `dir`.
    pub fn save(&self, dir: &Path) -> Result<(), Failure> {
        let json = serde_json::to_string(self).expect("vocabulary serialises");
        fsx::write(&dir.join(FILE), json.as_bytes()).map_err(Failure::from)
    }

    /// The vocabulary saved in `dir`; empty (every value taken as written) when there is none.
    pub fn load(dir: &Path) -> Vocabulary {
        std::fs::read(dir.join(FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_else(|| Vocabulary {
                fields: BTreeMap::from([("kind".to_string(), kinds())]),
                phrases: Vec::new(),
            })
    }

    /// Filter values of a parsed query in the archive's own words: aliases resolved, unknown
    /// values noted with the closest known ones.
    pub fn canonicalize(&self, parsed: &mut Parsed) {
        for f in &mut parsed.filters {
            let (field, value) = match f {
                Filter::Type(v) => ("type", v),
                Filter::Status(v) => ("status", v),
                Filter::Category(v) => ("category", v),
                Filter::Unit(v) => ("unit", v),
                Filter::Kind(v) => ("kind", v),
                Filter::Years(..) => continue,
            };
            match self.canonical(field, value) {
                Ok(c) => *value = c,
                Err(closest) => parsed.notes.push(unknown_note(field, value, &closest)),
            }
        }
    }

    /// The value `value` of `field` stands for: itself when known, its alias's target, else
    /// `Err` with the closest known values (at most three, best first).
    pub fn canonical(&self, field: &str, value: &str) -> Result<String, Vec<String>> {
        let Some(values) = self.fields.get(field) else {
            return Ok(value.to_string());
        };
        if values.known.is_empty() || values.known.contains(value) {
            return Ok(value.to_string());
        }
        if let Some(target) = values.aliases.get(value) {
            return Ok(target.clone());
        }
        let lower = value.to_lowercase();
        if let Some(k) = values.known.iter().find(|k| k.to_lowercase() == lower) {
            return Ok(k.clone());
        }
        Err(closest(
            value,
            values.known.iter().chain(values.aliases.keys()),
        ))
    }
}

/// The candidates most like `word`: most characters in common, then fewest edits.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a String>) -> Vec<String> {
    let chars: BTreeSet<char> = word.chars().collect();
    let mut scored: Vec<(usize, usize, &String)> = candidates
        .map(|c| {
            let shared = c
                .chars()
                .collect::<BTreeSet<_>>()
                .intersection(&chars)
                .count();
            (shared, crate::error::distance(word, c), c)
        })
        .filter(|(shared, _, _)| *shared > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2)));
    let mut out: Vec<String> = Vec::new();
    for (_, _, c) in scored {
        if !out.contains(c) {
            out.push(c.clone());
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

/// The note for a filter value the archive does not have.
pub fn unknown_note(field: &str, value: &str, closest: &[String]) -> String {
    if closest.is_empty() {
        format!("档案中没有“{field}:{value}”这个值，所以没有结果")
    } else {
        format!(
            "档案中没有“{field}:{value}”这个值，所以没有结果；最接近的有：{}",
            closest
                .iter()
                .map(|c| format!("{field}:{c}"))
                .collect::<Vec<_>>()
                .join("、")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::strip_numbering;

    #[test]
    fn numbering_is_taken_off_headings_only() {
        assert_eq!(strip_numbering("一、精耕细作抓筹备"), "精耕细作抓筹备");
        assert_eq!(strip_numbering("（二）强化理论武装"), "强化理论武装");
        assert_eq!(strip_numbering("1.聚焦主题"), "聚焦主题");
        assert_eq!(strip_numbering("是否落实到位"), "是否落实到位");
        assert_eq!(strip_numbering("2025年度民主生活会"), "2025年度民主生活会");
    }
}
