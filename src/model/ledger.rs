//! ASSEMBLE (ledger): every year's records -> the [`Ledger`], with what pages need computed
//! once: URLs, closed and overdue (against the build date), history across years, the
//! document a record came from, and per-year status counts.

use super::Year;
use super::history::{self, History};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::ledger::Record;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// A record as the site shows it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The checked record.
    pub record: Record,
    /// `ledger/<id>.html`.
    pub url: String,
    /// Its status is one of the closed statuses.
    pub closed: bool,
    /// Past its deadline and not closed, on the build date.
    pub overdue: bool,
    /// Its chain across years and similar problems.
    pub history: History,
    /// The page and title of the document it came from, when `source` names one.
    pub source_doc: Option<(String, String)>,
}

/// Every record of every year, newest year first.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// Every record of the archive, newest year first.
    pub entries: Vec<Entry>,
    /// The date overdue was judged on.
    pub today: NaiveDate,
}

impl Ledger {
    /// The statuses of the vocabulary with their count among `entries` (in vocabulary order,
    /// zero counts kept so tables line up).
    pub fn status_counts<'a>(
        &self,
        config: &'a Config,
        entries: impl Iterator<Item = &'a Entry>,
    ) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for e in entries {
            *counts.entry(e.record.status.as_str()).or_default() += 1;
        }
        config
            .vocabularies
            .statuses
            .iter()
            .map(|s| (s.clone(), counts.get(s.as_str()).copied().unwrap_or(0)))
            .collect()
    }
}

/// Builds the ledger from each year's records (`years` newest first) and links records to
/// the documents they came from.
pub fn assemble(
    years: &mut [Year],
    per_year: BTreeMap<i32, Vec<Record>>,
    config: &Config,
    today: NaiveDate,
) -> Result<Ledger, Vec<Diagnostic>> {
    let records: Vec<Record> = per_year.into_values().rev().flatten().collect();
    let documents: BTreeMap<i32, BTreeSet<String>> = years
        .iter()
        .map(|y| (y.year, y.documents.iter().map(|d| d.file_name()).collect()))
        .collect();
    let diags = history::check(&records, &documents, config);
    if !diags.is_empty() {
        return Err(diags);
    }
    let histories = history::histories(&records);
    let mut entries: Vec<Entry> = records
        .into_iter()
        .zip(histories)
        .map(|(record, history)| Entry {
            url: format!("ledger/{}.html", record.id),
            closed: record.is_closed(config),
            overdue: record.is_overdue(config, today),
            history,
            source_doc: None,
            record,
        })
        .collect();
    for y in years.iter_mut() {
        for (i, e) in entries
            .iter_mut()
            .enumerate()
            .filter(|(_, e)| e.record.year == y.year)
        {
            y.records.push(i);
            let source = e.record.source.as_deref().map(|s| {
                if s.ends_with(".md") {
                    s.to_string()
                } else {
                    format!("{s}.md")
                }
            });
            if let Some(d) = y
                .documents
                .iter_mut()
                .find(|d| Some(d.file_name()) == source)
            {
                d.records.push(i);
                e.source_doc = Some((d.url.clone(), d.source.title.clone()));
            }
        }
    }
    Ok(Ledger { entries, today })
}
