//! The site configuration: `annals.yaml` at the site root -> [`Config`].
//!
//! Strict: an unknown key is an error with a suggestion, because a misspelt key that is
//! silently ignored is a setting the clerk believes is in force. Every field has a documented
//! default, so a folder with only `content/` builds.

use crate::error::{Diagnostic, Failure};
use crate::fsx;
use crate::msg::content as m;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The file name of the site configuration at the site root.
pub const FILE_NAME: &str = "annals.yaml";

/// `annals.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The site's title, shown in every page header. Default: `民主生活会档案`.
    pub title: String,
    /// The organisation (单位) whose archive this is; the default `unit` of documents. Default: empty.
    pub organisation: String,
    /// A line under the title on the home page. Default: empty.
    pub description: String,
    /// The page language, for `<html lang>`. Default: `zh-CN`.
    pub language: String,
    /// The theme folder under `themes/`. Default: `default`.
    pub theme: String,
    /// The words documents and ledgers may use.
    pub vocabularies: Vocabularies,
}

/// The controlled vocabularies: what `type`, `category`, `status` and `source` may say.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Vocabularies {
    /// Document types (文种), in the order the year page lists them.
    /// Default: the usual documents of a 民主生活会 (see [`DEFAULT_TYPES`]).
    pub types: Vec<String>,
    /// Other names for a type, mapped to the canonical name, so old years import cleanly.
    /// Default: 检视剖析材料 -> 对照检查材料, 征求意见汇总 -> 征求意见情况, each only where its
    /// target is one of `types` (see [`Vocabularies::aliases`]).
    pub type_aliases: Option<BTreeMap<String, String>>,
    /// Problem categories (问题类别) of ledger records. Default: 理论学习, 政治建设, 作风建设,
    /// 履职尽责, 廉洁自律, 组织建设.
    pub categories: Vec<String>,
    /// Rectification statuses (整改状态). Default: 未启动, 整改中, 基本完成, 已完成, 已销号, 长期坚持.
    pub statuses: Vec<String>,
    /// Other words for a status, mapped to the canonical one, as ledgers write them.
    /// Default: 正在整改, 持续整改, 持续推进 -> 整改中; 已整改 -> 已完成.
    pub status_aliases: Option<BTreeMap<String, String>>,
    /// The statuses that close a record (it is never overdue). Default: 已完成, 已销号.
    pub closed_statuses: Vec<String>,
    /// Channels a problem can come from (问题来源) besides a document. Default: 征求意见,
    /// 谈心谈话, 对照检查, 巡察反馈, 审计反馈, 上级督导.
    pub channels: Vec<String>,
}

/// The document types known by default, in the order a year page lists them.
pub const DEFAULT_TYPES: &[&str] = &[
    "召开情况报告",
    "对照检查材料",
    "发言提纲",
    "整改方案",
    "整改落实情况报告",
    "征求意见情况",
    "谈心谈话记录",
    "学习研讨材料",
    "工作方案",
    "主持词",
    "会议记录",
    "会议情况通报",
    "上年度整改落实情况通报",
    "其他",
];

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

impl Default for Vocabularies {
    fn default() -> Self {
        Vocabularies {
            types: strings(DEFAULT_TYPES),
            type_aliases: None,
            status_aliases: None,
            closed_statuses: strings(&["已完成", "已销号"]),
            categories: strings(&[
                "理论学习",
                "政治建设",
                "作风建设",
                "履职尽责",
                "廉洁自律",
                "组织建设",
            ]),
            statuses: strings(&[
                "未启动",
                "整改中",
                "基本完成",
                "已完成",
                "已销号",
                "长期坚持",
            ]),
            channels: strings(&[
                "征求意见",
                "谈心谈话",
                "对照检查",
                "巡察反馈",
                "审计反馈",
                "上级督导",
            ]),
        }
    }
}

/// The aliases used when `type_aliases` is not given.
const DEFAULT_ALIASES: &[(&str, &str)] = &[
    ("检视剖析材料", "对照检查材料"),
    ("征求意见汇总", "征求意见情况"),
];

/// The status aliases used when `status_aliases` is not given.
const DEFAULT_STATUS_ALIASES: &[(&str, &str)] = &[
    ("正在整改", "整改中"),
    ("持续整改", "整改中"),
    ("持续推进", "整改中"),
    ("已整改", "已完成"),
];

/// The aliases in force: those written in annals.yaml, or the defaults whose target is one
/// of `words` (a site with its own vocabulary is not told about words it does not use).
fn aliases_in_force(
    given: &Option<BTreeMap<String, String>>,
    defaults: &[(&str, &str)],
    words: &[String],
) -> BTreeMap<String, String> {
    match given {
        Some(given) => given.clone(),
        None => defaults
            .iter()
            .filter(|(_, target)| words.iter().any(|t| t == target))
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
    }
}

impl Vocabularies {
    /// The type aliases in force.
    pub fn aliases(&self) -> BTreeMap<String, String> {
        aliases_in_force(&self.type_aliases, DEFAULT_ALIASES, &self.types)
    }

    /// The status aliases in force.
    pub fn status_aliases(&self) -> BTreeMap<String, String> {
        aliases_in_force(&self.status_aliases, DEFAULT_STATUS_ALIASES, &self.statuses)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "民主生活会档案".into(),
            organisation: String::new(),
            description: String::new(),
            language: "zh-CN".into(),
            theme: "default".into(),
            vocabularies: Vocabularies::default(),
        }
    }
}

impl Config {
    /// Reads `annals.yaml` under `root`; its absence means every default.
    pub fn load(root: &Path) -> Result<Config, Failure> {
        let path = root.join(FILE_NAME);
        if !path.exists() {
            return Ok(Config::default());
        }
        let shown = Path::new(FILE_NAME);
        let bytes = fsx::read(&path, shown)?;
        let text = crate::text::decode::decode(shown, &bytes, true)?;
        Config::parse(shown, &text)
    }

    /// Parses the text of `annals.yaml` and checks its vocabularies agree with each other.
    pub fn parse(shown: &Path, text: &str) -> Result<Config, Failure> {
        let source = yaml::Source {
            shown,
            file_text: text,
            yaml: text,
            first_line: 1,
        };
        let config: Config = source.parse()?;
        let mut diags = Vec::new();
        let types = &config.vocabularies.types;
        if types.is_empty() {
            diags.push(
                source
                    .error_on_key("vocabularies", m::config_no_types())
                    .help(m::config_no_types_help()),
            );
        }
        for (alias, target) in config.vocabularies.type_aliases.iter().flatten() {
            if !types.contains(target) {
                diags.push(
                    Diagnostic::error(shown, m::config_alias_target(alias, target))
                        .help(m::config_alias_target_help(target, &types.join(", "))),
                );
            }
        }
        if config.theme.contains(['/', '\\']) || config.theme.starts_with('.') {
            diags.push(
                source
                    .error_on_key("theme", m::config_theme_name())
                    .help(m::config_theme_name_help()),
            );
        }
        if diags.is_empty() {
            Ok(config)
        } else {
            Err(Failure(diags))
        }
    }

    /// The canonical type for a type name or one of its aliases.
    pub fn canonical_type(&self, name: &str) -> Option<&str> {
        let v = &self.vocabularies;
        v.types
            .iter()
            .find(|t| *t == name)
            .map(String::as_str)
            .or_else(|| {
                let target = v.aliases().remove(name)?;
                v.types.iter().find(|t| **t == target).map(String::as_str)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_default() {
        assert_eq!(
            Config::parse(Path::new("annals.yaml"), "").unwrap(),
            Config::default()
        );
    }

    #[test]
    fn unknown_key_is_reported_with_suggestion() {
        let err =
            Config::parse(Path::new("annals.yaml"), "title: x\norganization: y\n").unwrap_err();
        let d = &err.0[0];
        assert_eq!(d.line, Some(2));
        assert!(
            d.help
                .as_deref()
                .unwrap()
                .contains("是不是想写 `organisation`"),
            "{d}"
        );
    }

    #[test]
    fn default_aliases_follow_the_types() {
        let c = Config::parse(
            Path::new("annals.yaml"),
            "vocabularies:\n  types: [工作总结]\n",
        )
        .unwrap();
        assert!(c.vocabularies.aliases().is_empty());
        let e = Config::parse(
            Path::new("annals.yaml"),
            "vocabularies:\n  types: [工作总结]\n  type_aliases: {总结: 报告}\n",
        )
        .unwrap_err();
        assert!(e.0[0].message.contains("指向的 `报告` 不在"));
    }

    #[test]
    fn aliases_resolve() {
        let c = Config::default();
        assert_eq!(c.canonical_type("检视剖析材料"), Some("对照检查材料"));
        assert_eq!(c.canonical_type("整改方案"), Some("整改方案"));
        assert_eq!(c.canonical_type("报告"), None);
    }
}
