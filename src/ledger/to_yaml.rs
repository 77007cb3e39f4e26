//! Records -> `rectifications.yaml` text, in the order a clerk reads the fields; what
//! `import` writes from a table and `new` writes for carried-over records.

use super::{Deadline, Progress, Record, deadline};
use serde::Serialize;

/// A record as `rectifications.yaml` writes it.
#[derive(Serialize)]
struct YamlRecord<'a> {
    id: &'a str,
    problem: &'a str,
    category: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    aspect: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    measures: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    leader: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    partners: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deadline: Option<&'a str>,
    status: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    goal: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    progress: Vec<Progress>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    evidence: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    recurs: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    completed_on: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closed_on: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a str>,
}

fn yaml_record(r: &Record) -> YamlRecord<'_> {
    YamlRecord {
        id: &r.id,
        problem: &r.problem,
        category: &r.category,
        aspect: r.aspect.as_deref(),
        source: r.source.as_deref(),
        measures: &r.measures,
        leader: r.leader.as_deref(),
        owner: r.owner.as_deref(),
        partners: r.partners.as_deref(),
        deadline: match r.deadline {
            Some(Deadline::Ongoing) => Some(deadline::ONGOING),
            _ => r.deadline_text.as_deref(),
        },
        status: &r.status,
        kind: r.kind.as_deref(),
        goal: r.goal.as_deref(),
        outcome: r.outcome.as_deref(),
        progress: r.progress.clone(),
        evidence: &r.evidence,
        recurs: r.recurs.as_deref(),
        completed_on: r.completed_on.map(crate::dates::iso),
        closed_on: r.closed_on.map(crate::dates::iso),
        notes: r.notes.as_deref(),
    }
}

/// The YAML of `records`.
pub fn to_yaml(records: &[Record]) -> String {
    let out: Vec<YamlRecord> = records.iter().map(yaml_record).collect();
    serde_yaml_ng::to_string(&out).expect("records serialise")
}
