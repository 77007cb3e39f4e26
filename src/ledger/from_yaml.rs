//! `rectifications.yaml` -> [`RawRecord`]s: a list of records, each field positioned for
//! diagnostics by the line it is written on.

use super::fields::{self, Shape};
use super::{Origin, RawRecord};
use crate::error::Diagnostic;
use crate::yaml;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

/// A scalar of any YAML type read as text (`id: 7`, `deadline: 2026-06-30`).
#[derive(Debug, Default)]
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a single value (text, number or date)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// One text or a list of texts (`measures: 建立机制` or a `- ` list).
#[derive(Debug, Default)]
struct Texts(Vec<String>);

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Texts;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a text or a list of texts")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Texts, E> {
                Ok(Texts(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Texts, A::Error> {
                let mut out = Vec::new();
                while let Some(Scalar(s)) = seq.next_element()? {
                    out.push(s);
                }
                Ok(Texts(out))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YamlProgress {
    date: Scalar,
    note: String,
}

/// A key of a record: its field in the schema. An unknown key is refused while the key is
/// read, so the error points at it.
struct Key;

impl<'de> de::DeserializeSeed<'de> for Key {
    type Value = &'static fields::Field;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_identifier(Key)
    }
}

impl Visitor<'_> for Key {
    type Value = &'static fields::Field;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        fields::by_key(v).ok_or_else(|| E::unknown_field(v, &fields::KEYS))
    }
}

/// One record of the list, read key by key as the schema ([`fields::FIELDS`]) says: the
/// shape of each field decides how its value is read, an unknown key is refused with the
/// known ones.
#[derive(Debug, Default)]
struct YamlRecord {
    values: BTreeMap<&'static str, String>,
    lists: BTreeMap<&'static str, Vec<String>>,
    dated: Vec<(String, String)>,
}

impl<'de> Deserialize<'de> for YamlRecord {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = YamlRecord;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a record (`id: …`, `problem: …` …)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlRecord, A::Error> {
                let mut r = YamlRecord::default();
                let mut seen = BTreeSet::new();
                while let Some(f) = map.next_key_seed(Key)? {
                    if !seen.insert(f.key) {
                        return Err(de::Error::duplicate_field(f.key));
                    }
                    match f.shape {
                        Shape::Text => {
                            if let Some(Scalar(v)) = map.next_value::<Option<Scalar>>()? {
                                r.values.insert(f.key, v);
                            }
                        }
                        Shape::List => {
                            r.lists.insert(f.key, map.next_value::<Texts>()?.0);
                        }
                        Shape::Dated => {
                            r.dated = map
                                .next_value::<Vec<YamlProgress>>()?
                                .into_iter()
                                .map(|p| (p.date.0, p.note))
                                .collect();
                        }
                    }
                }
                Ok(r)
            }
        }
        d.deserialize_map(V)
    }
}

/// The 1-based first line of each top-level list item.
fn item_lines(text: &str) -> Vec<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = lines
        .iter()
        .filter(|l| l.trim_start().starts_with('-'))
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            l.len() - l.trim_start().len() == indent
                && l.trim_start().starts_with('-')
                && !l.trim_start().starts_with("---")
        })
        .map(|(i, _)| i + 1)
        .collect()
}

/// Where each field of the item spanning `from..to` (1-based lines) is written.
/// `lines` are the file's lines, once: reading them again from the top for every record made
/// a ledger of 5,000 records take quadratic time.
fn positions(
    lines: &[&str],
    from: usize,
    to: usize,
) -> BTreeMap<&'static str, (usize, usize, String)> {
    let mut out = BTreeMap::new();
    let (from, to) = ((from - 1).min(lines.len()), (to - 1).min(lines.len()));
    for (i, line) in lines[from..to.max(from)]
        .iter()
        .enumerate()
        .map(|(i, l)| (i + from, *l))
    {
        let body = line.trim_start().trim_start_matches("- ").trim_start();
        let Some((key, value)) = body.split_once(':') else {
            continue;
        };
        if let Some(k) = fields::by_key(key.trim()).map(|f| f.key) {
            let value_start = line.len() - value.trim_start().len();
            let col = line[..value_start].chars().count() + 1;
            out.entry(k).or_insert((i + 1, col, line.to_string()));
        }
    }
    out
}

/// Parses a YAML ledger.
pub fn parse(shown: &Path, file: &str) -> Result<Vec<RawRecord>, Vec<Diagnostic>> {
    let source = yaml::Source {
        shown,
        file_text: file,
        yaml: file,
        first_line: 1,
    };
    let records: Option<Vec<YamlRecord>> = source.parse().map_err(|d| {
        let hint = crate::msg::ledger::ledger_yaml_hint();
        let help = d
            .help
            .clone()
            .map_or(hint.clone(), |h| crate::msg::ledger::with_hint(&h, &hint));
        vec![d.help(help)]
    })?;
    let starts = item_lines(file);
    let lines: Vec<&str> = file.lines().collect();
    let line_count = lines.len() + 1;
    Ok(records
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let from = starts.get(i).copied().unwrap_or(1);
            let to = starts.get(i + 1).copied().unwrap_or(line_count);
            RawRecord {
                values: r.values,
                lists: r.lists,
                dated: r.dated,
                origin: Origin {
                    shown: shown.to_path_buf(),
                    line: from,
                    fields: positions(&lines, from, to),
                },
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_with_positions() {
        let y = "# 台账\n- id: 2025-01\n  problem: 文稿起草不深入\n  measures:\n    - 建立机制\n  deadline: 2026-06-30\n- id: 7\n  problem: 调研不深\n  measures: 蹲点调研\n";
        let r = parse(Path::new("r.yaml"), y).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].values["id"], "7");
        assert_eq!(r[1].lists["measures"], ["蹲点调研"]);
        assert_eq!(r[0].origin.line, 2);
        assert_eq!(r[0].origin.fields["deadline"].0, 6);
        assert_eq!(r[0].origin.fields["deadline"].1, 13);
        assert_eq!(r[1].origin.fields["id"].0, 7);
    }

    #[test]
    fn unknown_field_is_positioned_with_suggestion() {
        let e = parse(Path::new("r.yaml"), "- id: a\n  problme: x\n").unwrap_err();
        assert_eq!(e[0].line, Some(2));
        assert!(
            e[0].help
                .as_deref()
                .unwrap()
                .contains("是不是想写 `problem`")
        );
    }
}
