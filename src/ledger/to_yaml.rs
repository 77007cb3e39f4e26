//! Records -> `rectifications.yaml` text, in the schema's order (the order a clerk reads the
//! fields); what `import` writes from a table and `new` writes for carried-over records.

use super::Record;

/// The YAML of `records`.
pub fn to_yaml(records: &[Record]) -> String {
    let out: Vec<serde_yaml_ng::Mapping> = records
        .iter()
        .map(|r| {
            r.written()
                .into_iter()
                .map(|(f, v)| {
                    let value = serde_yaml_ng::to_value(v).expect("a field value serialises");
                    (serde_yaml_ng::Value::from(f.key), value)
                })
                .collect()
        })
        .collect();
    serde_yaml_ng::to_string(&out).expect("records serialise")
}
