//! LOAD (ledger): the 整改台账 of each year -> [`Record`]s, whatever the file's form.
//!
//! A year's ledger is `rectifications.yaml` (a list of records), or the table offices keep
//! today, `rectifications.csv` / `rectifications.xlsx`, with the Chinese column labels as
//! headers. Every form becomes the same [`RawRecord`]s, checked by one [`validate`], so one
//! schema and one set of messages serve them all. Checks that need the whole archive (unique
//! ids, `recurs`, `source`) run in the model.

pub mod deadline;
pub mod fields;
pub mod from_table;
pub mod from_xlsx;
pub mod from_yaml;
pub mod to_yaml;

use crate::config::Config;
use crate::dates;
use crate::error::{Diagnostic, did_you_mean};
use crate::msg::ledger as m;
use chrono::NaiveDate;
pub use deadline::Deadline;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A progress entry (进展).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// The day of the entry.
    pub date: NaiveDate,
    /// What was done.
    pub note: String,
}

/// Where a record and each of its fields sit in their file, for diagnostics raised later.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The ledger file, relative to the site root.
    pub shown: PathBuf,
    /// 1-based line (YAML, CSV) or row (XLSX) where the record starts.
    pub line: usize,
    /// Field name -> (line, column, text of that line).
    pub fields: BTreeMap<&'static str, (usize, usize, String)>,
}

impl Origin {
    /// A diagnostic on `field` of this record (on the record when the field has no position).
    pub fn error(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        let d = Diagnostic::error(&self.shown, message);
        match self.fields.get(field) {
            Some((line, col, text)) => {
                let mut value = text.chars().skip(col - 1).collect::<String>();
                if self.shown.extension().is_some_and(|e| e == "csv") {
                    value = value.split(',').next().unwrap_or("").to_string();
                }
                d.at(text, 1, *col)
                    .with_line(*line)
                    .span(value.trim_end().chars().count())
            }
            None => d.at("", 1, 1).with_line(self.line),
        }
    }
}

/// A record as written, every field text: what YAML, CSV and XLSX all become. Fields are
/// filed by their shape in the schema ([`fields::FIELDS`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRecord {
    /// The [`Shape::Text`](fields::Shape::Text) fields, by key.
    pub values: BTreeMap<&'static str, String>,
    /// The [`Shape::List`](fields::Shape::List) fields, by key.
    pub lists: BTreeMap<&'static str, Vec<String>>,
    /// The dated notes of the [`Shape::Dated`](fields::Shape::Dated) field: (date text, note).
    pub dated: Vec<(String, String)>,
    /// Where the record and its fields are written.
    pub origin: Origin,
}

/// A field's value as a record holds it and as it is written back (YAML, export, search).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// One text.
    Text(String),
    /// Several texts.
    List(Vec<String>),
    /// Dated notes, in date order.
    Dated(Vec<Progress>),
}

/// A checked rectification record: the fields annals checks, typed, and those it keeps as
/// written by key (see [`fields::Role`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Record {
    /// 编号, unique in the archive.
    pub id: String,
    /// The 年度 of the ledger it is in.
    pub year: i32,
    /// 问题表现.
    pub problem: String,
    /// 问题类别, from the vocabulary.
    pub category: String,
    /// 问题来源: a document of the year (`召开情况报告.md`) or a channel.
    pub source: Option<String>,
    /// 完成时限, resolved.
    pub deadline: Option<Deadline>,
    /// The deadline as written (`6月底前`).
    pub deadline_text: Option<String>,
    /// 整改状态, canonical (aliases resolved).
    pub status: String,
    /// 整改进展, in date order.
    pub progress: Vec<Progress>,
    /// 前次编号: the same problem in an earlier year.
    pub recurs: Option<String>,
    /// 实际完成时间.
    pub completed_on: Option<NaiveDate>,
    /// 销号时间.
    pub closed_on: Option<NaiveDate>,
    /// The fields kept as written ([`fields::Role::Kept`]), by key; an empty one is absent.
    #[serde(flatten)]
    pub kept: BTreeMap<&'static str, Value>,
    /// Where it is written.
    #[serde(skip)]
    pub origin: Origin,
}

/// Loads one ledger file of year `year`. `name` decides the form.
pub fn parse(
    shown: &Path,
    name: &str,
    bytes: &[u8],
    year: i32,
    config: &Config,
) -> Result<Vec<Record>, Vec<Diagnostic>> {
    let raws = if name.ends_with(".xlsx") {
        from_xlsx::parse_xlsx(shown, bytes)?
    } else {
        let text = crate::text::decode::decode(shown, bytes, false).map_err(|d| vec![d])?;
        if name.ends_with(".csv") {
            from_table::parse_csv(shown, &text)?
        } else {
            from_yaml::parse(shown, &text)?
        }
    };
    let mut records = Vec::new();
    let mut diags = Vec::new();
    for raw in raws {
        match validate(raw, year, config) {
            Ok(r) => records.push(r),
            Err(mut d) => diags.append(&mut d),
        }
    }
    if diags.is_empty() {
        Ok(records)
    } else {
        Err(diags)
    }
}

fn date_field(raw: &RawRecord, field: &str, diags: &mut Vec<Diagnostic>) -> Option<NaiveDate> {
    let text = raw.values.get(field)?;
    dates::parse(text)
        .map_err(|e| {
            diags.push(
                raw.origin
                    .error(field, m::field_error(field, &e.message))
                    .help(e.help),
            )
        })
        .ok()
}

fn from_vocabulary(
    raw: &RawRecord,
    field: &str,
    value: &str,
    words: &[String],
    aliases: &BTreeMap<String, String>,
) -> Result<String, Diagnostic> {
    if words.iter().any(|w| w == value) {
        return Ok(value.to_string());
    }
    if let Some(target) = aliases.get(value) {
        return Ok(target.clone());
    }
    let list = words.join(", ");
    let help = match did_you_mean(
        value,
        words
            .iter()
            .map(String::as_str)
            .chain(aliases.keys().map(String::as_str)),
    ) {
        Some(s) => m::vocabulary_did_you_mean(s, &list),
        None => m::vocabulary_help(&list, value),
    };
    Err(raw
        .origin
        .error(field, m::not_in_vocabulary(field, value))
        .help(help))
}

/// Checks one record on its own: required fields, vocabularies, dates, deadline.
pub fn validate(raw: RawRecord, year: i32, config: &Config) -> Result<Record, Vec<Diagnostic>> {
    let v = &config.vocabularies;
    let mut diags = Vec::new();
    let get = |k: &str| {
        raw.values
            .get(k)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let required = |k: &str, diags: &mut Vec<Diagnostic>| {
        get(k).unwrap_or_else(|| {
            diags.push(
                raw.origin
                    .error(k, m::record_lacks(k, fields::label(k)))
                    .help(m::record_lacks_help(k)),
            );
            String::new()
        })
    };
    let id = required("id", &mut diags);
    if id.contains(['/', '\\', '#', '?', '%']) || id.starts_with('.') {
        diags.push(
            raw.origin
                .error("id", m::id_not_a_name(&id))
                .help(m::id_not_a_name_help()),
        );
    }
    let problem = required("problem", &mut diags);
    let category = match get("category") {
        Some(c) => from_vocabulary(&raw, "category", &c, &v.categories, &BTreeMap::new())
            .map_err(|d| diags.push(d))
            .unwrap_or_default(),
        None => required("category", &mut diags),
    };
    let status = match get("status") {
        Some(s) => from_vocabulary(&raw, "status", &s, &v.statuses, &v.status_aliases())
            .map_err(|d| diags.push(d))
            .unwrap_or_default(),
        None => required("status", &mut diags),
    };
    let deadline = get("deadline").and_then(|t| {
        deadline::parse(&t, year)
            .map_err(|e| {
                diags.push(
                    raw.origin
                        .error("deadline", m::field_error("deadline", &e.message))
                        .help(e.help),
                )
            })
            .ok()
    });
    let completed_on = date_field(&raw, "completed_on", &mut diags);
    let closed_on = date_field(&raw, "closed_on", &mut diags);
    let mut progress = Vec::new();
    for (date, note) in &raw.dated {
        match dates::parse(date) {
            Ok(d) => progress.push(Progress {
                date: d,
                note: note.trim().to_string(),
            }),
            Err(e) => diags.push(
                raw.origin
                    .error("progress", m::field_error("progress", &e.message))
                    .help(e.help),
            ),
        }
    }
    progress.sort_by_key(|p| p.date);
    if !diags.is_empty() {
        return Err(diags);
    }
    let mut kept = BTreeMap::new();
    for f in fields::FIELDS
        .iter()
        .filter(|f| f.role == fields::Role::Kept)
    {
        let value = match f.shape {
            fields::Shape::Text => get(f.key).map(Value::Text),
            fields::Shape::List => Some(
                raw.lists
                    .get(f.key)
                    .into_iter()
                    .flatten()
                    .map(|m| m.trim().to_string())
                    .filter(|m| !m.is_empty())
                    .collect::<Vec<_>>(),
            )
            .filter(|l| !l.is_empty())
            .map(Value::List),
            fields::Shape::Dated => None,
        };
        if let Some(v) = value {
            kept.insert(f.key, v);
        }
    }
    Ok(Record {
        id,
        year,
        problem,
        category,
        source: get("source"),
        deadline,
        deadline_text: get("deadline"),
        status,
        progress,
        recurs: get("recurs"),
        completed_on,
        closed_on,
        kept,
        origin: raw.origin,
    })
}

impl Record {
    /// A text field kept as written (`owner`, `goal` …).
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.kept.get(key) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// A list field kept as written (`measures`, `evidence`); empty when absent.
    pub fn list(&self, key: &str) -> &[String] {
        match self.kept.get(key) {
            Some(Value::List(l)) => l,
            _ => &[],
        }
    }

    /// Every field that has a value, in the schema's order, as it is written back: what the
    /// YAML writer, the search text and an export read.
    pub fn written(&self) -> Vec<(&'static fields::Field, Value)> {
        let date = |d: Option<NaiveDate>| d.map(|d| Value::Text(dates::iso(d)));
        let text = |t: &Option<String>| t.clone().map(Value::Text);
        fields::FIELDS
            .iter()
            .filter_map(|f| {
                let value = match f.key {
                    "id" => Some(Value::Text(self.id.clone())),
                    "problem" => Some(Value::Text(self.problem.clone())),
                    "category" => Some(Value::Text(self.category.clone())),
                    "source" => text(&self.source),
                    "deadline" => match self.deadline {
                        Some(Deadline::Ongoing) => Some(Value::Text(deadline::ONGOING.into())),
                        _ => text(&self.deadline_text),
                    },
                    "status" => Some(Value::Text(self.status.clone())),
                    "progress" => Some(Value::Dated(self.progress.clone()))
                        .filter(|_| !self.progress.is_empty()),
                    "recurs" => text(&self.recurs),
                    "completed_on" => date(self.completed_on),
                    "closed_on" => date(self.closed_on),
                    key => self.kept.get(key).cloned(),
                };
                value.map(|v| (f, v))
            })
            .collect()
    }

    /// Closed: the status is one of `closed_statuses` (已完成, 已销号 by default).
    pub fn is_closed(&self, config: &Config) -> bool {
        config.vocabularies.closed_statuses.contains(&self.status)
    }

    /// Overdue on `today`: open, with a dated deadline before `today`. 长期坚持 never is.
    pub fn is_overdue(&self, config: &Config, today: NaiveDate) -> bool {
        !self.is_closed(config)
            && self.status != deadline::ONGOING
            && matches!(self.deadline, Some(Deadline::Date(d)) if d < today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_the_schema_is_written_back_in_its_order() {
        let yaml = "- id: 2025-01\n  problem: 文稿起草不深入\n  category: 作风建设\n  aspect: 文风\n  source: 召开情况报告.md\n  measures: [建立机制, 定期讲评]\n  leader: 张三\n  owner: 办公室\n  partners: 研究室\n  deadline: 6月底前\n  status: 整改中\n  kind: 限期整改\n  goal: 文稿质量提升\n  outcome: 已见成效\n  progress:\n    - date: 2026-03-01\n      note: 已建立机制\n  evidence: [制度文件]\n  recurs: 2024-01\n  completed_on: 2026-05-01\n  closed_on: 2026-06-01\n  notes: 无\n";
        let raw = from_yaml::parse(Path::new("r.yaml"), yaml).unwrap();
        let config = Config::default();
        let mut raw = raw.into_iter().next().unwrap();
        raw.values
            .insert("category", config.vocabularies.categories[0].clone());
        let record = validate(raw, 2025, &config).unwrap();
        let written: Vec<&str> = record.written().iter().map(|(f, _)| f.key).collect();
        assert_eq!(
            written,
            fields::KEYS,
            "a field of the schema is not written back"
        );
        let again = from_yaml::parse(
            Path::new("r.yaml"),
            &to_yaml::to_yaml(std::slice::from_ref(&record)),
        )
        .unwrap()
        .remove(0);
        assert_eq!(
            validate(again, 2025, &config).unwrap().written(),
            record.written()
        );
    }
}
