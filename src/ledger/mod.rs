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
use chrono::NaiveDate;
pub use deadline::Deadline;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A progress entry (进展).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub date: NaiveDate,
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

/// A record as written, every field text: what YAML, CSV and XLSX all become.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRecord {
    pub values: BTreeMap<&'static str, String>,
    pub measures: Vec<String>,
    pub evidence: Vec<String>,
    /// (date text, note).
    pub progress: Vec<(String, String)>,
    pub origin: Origin,
}

/// A checked rectification record.
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
    /// 查摆方面, the year's own wording.
    pub aspect: Option<String>,
    /// 问题来源: a document of the year (`召开情况报告.md`) or a channel.
    pub source: Option<String>,
    pub measures: Vec<String>,
    pub leader: Option<String>,
    pub owner: Option<String>,
    pub partners: Option<String>,
    pub deadline: Option<Deadline>,
    /// The deadline as written (`6月底前`).
    pub deadline_text: Option<String>,
    /// 整改状态, canonical (aliases resolved).
    pub status: String,
    /// 整改类型: 立行立改, 限期整改, 长期坚持.
    pub kind: Option<String>,
    pub goal: Option<String>,
    pub outcome: Option<String>,
    pub progress: Vec<Progress>,
    pub evidence: Vec<String>,
    /// 前次编号: the same problem in an earlier year.
    pub recurs: Option<String>,
    pub completed_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub notes: Option<String>,
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
                    .error(field, format!("`{field}`: {}", e.message))
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
        Some(s) => format!("did you mean `{s}`? The choices in annals.yaml are: {list}"),
        None => format!("use one of {list}, or add `{value}` to the vocabulary in annals.yaml"),
    };
    Err(raw
        .origin
        .error(
            field,
            format!("`{field}`: `{value}` is not in the vocabulary"),
        )
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
                    .error(k, format!("the record has no `{k}` ({})", fields::label(k)))
                    .help(format!("give every record its `{k}`")),
            );
            String::new()
        })
    };
    let id = required("id", &mut diags);
    if id.contains(['/', '\\', '#', '?', '%']) || id.starts_with('.') {
        diags.push(
            raw.origin
                .error("id", format!("`id: {id}` cannot be a page name"))
                .help("use letters, digits and dashes, e.g. 2025-07"),
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
                        .error("deadline", format!("`deadline`: {}", e.message))
                        .help(e.help),
                )
            })
            .ok()
    });
    let completed_on = date_field(&raw, "completed_on", &mut diags);
    let closed_on = date_field(&raw, "closed_on", &mut diags);
    let mut progress = Vec::new();
    for (date, note) in &raw.progress {
        match dates::parse(date) {
            Ok(d) => progress.push(Progress {
                date: d,
                note: note.trim().to_string(),
            }),
            Err(e) => diags.push(
                raw.origin
                    .error("progress", format!("`progress`: {}", e.message))
                    .help(e.help),
            ),
        }
    }
    progress.sort_by_key(|p| p.date);
    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(Record {
        id,
        year,
        problem,
        category,
        aspect: get("aspect"),
        source: get("source"),
        measures: raw
            .measures
            .iter()
            .map(|m| m.trim().to_string())
            .filter(|m| !m.is_empty())
            .collect(),
        leader: get("leader"),
        owner: get("owner"),
        partners: get("partners"),
        deadline,
        deadline_text: get("deadline"),
        status,
        kind: get("kind"),
        goal: get("goal"),
        outcome: get("outcome"),
        progress,
        evidence: raw
            .evidence
            .iter()
            .map(|m| m.trim().to_string())
            .filter(|m| !m.is_empty())
            .collect(),
        recurs: get("recurs"),
        completed_on,
        closed_on,
        notes: get("notes"),
        origin: raw.origin,
    })
}

impl Record {
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
