//! The ledger's schema, in one table: every field's YAML key, its Chinese column label and the
//! other labels offices use for the same column, the shape its value is written in, and
//! whether annals checks it or keeps it as written. The table's order is the order a clerk
//! reads a record in: the YAML writer's, the columns', the export's.
//!
//! Adding a field that annals only shows, searches and exports (a 督办领导, say) is one row
//! here with [`Role::Kept`] and a line in the `record.html` template: readers of every form,
//! positions in diagnostics, the YAML writer and the search text all follow the table.

/// How a field's value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One text; a number or date in YAML is read as its text.
    Text,
    /// One text or a list of them: YAML `- ` items, or the lines of a table cell.
    List,
    /// Dated notes: YAML `- date: … note: …` items, or cell lines `2024-03-01 已建立机制`.
    Dated,
}

/// What a record makes of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Checked and typed by [`super::validate`] (an id, a vocabulary word, a date, a link).
    Checked,
    /// Kept as written (trimmed; empty is absent), shown, searched and exported as it is.
    Kept,
}

/// One field of a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The YAML key, also accepted as a column header.
    pub key: &'static str,
    /// The Chinese column label.
    pub label: &'static str,
    /// Other labels offices give the same column.
    pub aliases: &'static [&'static str],
    /// How its value is written.
    pub shape: Shape,
    /// Whether annals checks it or keeps it as written.
    pub role: Role,
    /// Whether its text is part of the record's search text (the id is in the title; a link to
    /// another record or a date is not words of this one).
    pub searched: bool,
}

const fn field(
    key: &'static str,
    label: &'static str,
    aliases: &'static [&'static str],
    shape: Shape,
    role: Role,
    searched: bool,
) -> Field {
    Field {
        key,
        label,
        aliases,
        shape,
        role,
        searched,
    }
}

use Role::{Checked, Kept};
use Shape::{Dated, List, Text};

/// Every field, in the order a record is read and written.
pub const FIELDS: &[Field] = &[
    field("id", "编号", &["问题编号"], Text, Checked, false),
    field(
        "problem",
        "问题表现",
        &["问题", "存在问题", "问题描述"],
        Text,
        Checked,
        true,
    ),
    field("category", "问题类别", &["类别"], Text, Checked, true),
    field("aspect", "查摆方面", &["方面"], Text, Kept, true),
    field("source", "问题来源", &["来源"], Text, Checked, true),
    field("measures", "整改措施", &["措施"], List, Kept, true),
    field("leader", "责任领导", &["牵头领导"], Text, Kept, true),
    field(
        "owner",
        "责任部门",
        &["责任部门/责任人", "责任人", "牵头部门", "责任单位"],
        Text,
        Kept,
        true,
    ),
    field("partners", "配合部门", &["配合单位"], Text, Kept, true),
    field(
        "deadline",
        "完成时限",
        &["整改时限", "时限"],
        Text,
        Checked,
        true,
    ),
    field(
        "status",
        "整改状态",
        &["状态", "完成情况"],
        Text,
        Checked,
        true,
    ),
    field("kind", "整改类型", &[], Text, Kept, true),
    field("goal", "整改目标", &[], Text, Kept, true),
    field("outcome", "整改成效", &[], Text, Kept, true),
    field(
        "progress",
        "进展",
        &["整改进展", "进展情况"],
        Dated,
        Checked,
        true,
    ),
    field("evidence", "佐证材料", &[], List, Kept, true),
    field("recurs", "前次编号", &["上年度编号"], Text, Checked, false),
    field(
        "completed_on",
        "实际完成时间",
        &["完成时间"],
        Text,
        Checked,
        false,
    ),
    field("closed_on", "销号时间", &[], Text, Checked, false),
    field("notes", "备注", &[], Text, Kept, true),
];

/// Every YAML key, in the table's order (for serde's "expected one of" message).
pub const KEYS: [&str; FIELDS.len()] = {
    let mut keys = [""; FIELDS.len()];
    let mut i = 0;
    while i < FIELDS.len() {
        keys[i] = FIELDS[i].key;
        i += 1;
    }
    keys
};

/// Column labels that carry nothing to keep: a running number, and the year of a sheet of
/// every year (a ledger's year is its folder's).
pub const IGNORED: &[&str] = &["序号", "年度"];

/// The field of a YAML key.
pub fn by_key(key: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.key == key)
}

/// The Chinese label of a field.
pub fn label(key: &str) -> &'static str {
    by_key(key).map_or("", |f| f.label)
}

/// The field a column header names: its label, another label, or the YAML key.
pub fn from_header(header: &str) -> Option<&'static Field> {
    let h = header.trim();
    FIELDS
        .iter()
        .find(|f| f.key == h || f.label == h || f.aliases.contains(&h))
}

/// Every header a table may use, for the help of an unknown column.
pub fn all_labels() -> String {
    FIELDS
        .iter()
        .map(|f| f.label)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_labels_and_aliases_name_one_field_each() {
        let mut names: Vec<&str> = FIELDS
            .iter()
            .flat_map(|f| {
                [f.key, f.label]
                    .into_iter()
                    .chain(f.aliases.iter().copied())
            })
            .collect();
        let all = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all, "a name is given to two fields");
        assert_eq!(KEYS[1], "problem");
        assert_eq!(from_header(" 整改时限 ").map(|f| f.key), Some("deadline"));
        assert_eq!(
            FIELDS.iter().filter(|f| f.shape == Shape::Dated).count(),
            1,
            "a record has one list of dated notes (its progress)"
        );
    }
}
