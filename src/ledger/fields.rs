//! The ledger's fields: their YAML keys, their Chinese column labels, and the other labels
//! offices use for the same column.

/// (key, label, other labels).
pub const FIELDS: &[(&str, &str, &[&str])] = &[
    ("id", "编号", &["问题编号"]),
    ("problem", "问题表现", &["问题", "存在问题", "问题描述"]),
    ("category", "问题类别", &["类别"]),
    ("aspect", "查摆方面", &["方面"]),
    ("source", "问题来源", &["来源"]),
    ("measures", "整改措施", &["措施"]),
    ("leader", "责任领导", &["牵头领导"]),
    (
        "owner",
        "责任部门",
        &["责任部门/责任人", "责任人", "牵头部门", "责任单位"],
    ),
    ("partners", "配合部门", &["配合单位"]),
    ("deadline", "完成时限", &["整改时限", "时限"]),
    ("status", "整改状态", &["状态", "完成情况"]),
    ("kind", "整改类型", &[]),
    ("goal", "整改目标", &[]),
    ("outcome", "整改成效", &[]),
    ("progress", "进展", &["整改进展", "进展情况"]),
    ("evidence", "佐证材料", &[]),
    ("recurs", "前次编号", &["上年度编号"]),
    ("completed_on", "实际完成时间", &["完成时间"]),
    ("closed_on", "销号时间", &[]),
    ("notes", "备注", &[]),
];

/// Column labels that carry nothing to keep (a running number).
pub const IGNORED: &[&str] = &["序号"];

/// The Chinese label of a field.
pub fn label(key: &str) -> &'static str {
    FIELDS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or("", |(_, l, _)| l)
}

/// The field a column header names: its label, another label, or the YAML key.
pub fn from_header(header: &str) -> Option<&'static str> {
    let h = header.trim();
    FIELDS
        .iter()
        .find(|(k, l, others)| *k == h || *l == h || others.contains(&h))
        .map(|(k, _, _)| *k)
}

/// The YAML key of a field name.
pub fn key(name: &str) -> Option<&'static str> {
    FIELDS
        .iter()
        .find(|(k, _, _)| *k == name)
        .map(|(k, _, _)| *k)
}

/// Every header a table may use, for the help of an unknown column.
pub fn all_labels() -> String {
    FIELDS
        .iter()
        .map(|(_, l, _)| *l)
        .collect::<Vec<_>>()
        .join(", ")
}
