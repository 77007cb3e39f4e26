//! YAML through serde, with diagnostics that point into the file the YAML came from.
//!
//! Input: a YAML text (front matter, `annals.yaml`, a ledger) and where it sits in its file.
//! Output: the typed value, or a [`Diagnostic`] at the right line and column whose message a
//! clerk can act on ("unknown field `titel`" with "did you mean `title`?").

use crate::error::{Diagnostic, did_you_mean};
use crate::msg::files as m;
use serde::de::DeserializeOwned;
use std::path::Path;

/// A YAML text inside a file: the whole file (for showing lines) and where the YAML starts.
pub struct Source<'a> {
    /// The path shown in diagnostics, relative to the site root.
    pub shown: &'a Path,
    /// The whole file, so the diagnostic can show the offending line.
    pub file_text: &'a str,
    /// The YAML itself.
    pub yaml: &'a str,
    /// 1-based line of the file on which `yaml` starts.
    pub first_line: usize,
}

impl Source<'_> {
    /// Deserialises the YAML into `T`; an empty text counts as an empty mapping so missing
    /// required fields are reported by name.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        let text = if self.yaml.trim().is_empty() {
            "{}"
        } else {
            self.yaml
        };
        serde_yaml_ng::from_str(text).map_err(|e| self.diagnostic(&e))
    }

    /// Parses the date text of top-level `key`, positioned on that key when it is no date.
    pub fn date(&self, key: &str, text: &str) -> Result<chrono::NaiveDate, Diagnostic> {
        crate::dates::parse(text).map_err(|e| {
            self.error_on_key(key, crate::msg::content::field_date(key, &e.message))
                .help(e.help)
        })
    }

    /// A diagnostic at a 1-based line and column of the YAML.
    pub fn error_at(&self, line: usize, col: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(self.shown, message).at(self.file_text, line + self.first_line - 1, col)
    }

    /// A diagnostic on the value of top-level `key`, or on the whole YAML when the key is absent.
    pub fn error_on_key(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        match key_position(self.yaml, key) {
            Some((line, col, len)) => self.error_at(line, col, message).span(len),
            None => Diagnostic::error(self.shown, message).at(self.file_text, self.first_line, 1),
        }
    }

    fn diagnostic(&self, err: &serde_yaml_ng::Error) -> Diagnostic {
        let raw = err.to_string();
        // serde_yaml_ng appends " at line L column C" to the message; the position is shown apart.
        let message = raw.split(" at line ").next().unwrap_or(&raw).to_string();
        let position = err.location().map(|l| (l.line(), l.column()));
        let char_at = |(line, col): (usize, usize)| {
            self.yaml
                .lines()
                .nth(line.saturating_sub(1))
                .and_then(|l| l.chars().nth(col.saturating_sub(1)))
        };
        let (message, help, position) = if position.and_then(char_at) == Some('\t') {
            (m::yaml_tab_indent(), m::yaml_tab_indent_help(), position)
        } else if message.contains("end of stream") && unclosed_quote(self.yaml).is_some() {
            (
                m::yaml_unclosed_quote(),
                m::yaml_unclosed_quote_help(),
                unclosed_quote(self.yaml),
            )
        } else {
            let (m, h) = explain(&message);
            (m, h, position)
        };
        let d = match position {
            Some((line, col)) => self.error_at(line, col, message),
            None => Diagnostic::error(self.shown, message).at(self.file_text, self.first_line, 1),
        };
        d.help(help)
    }
}

/// The line and column of a quote that opens a value and is not closed on its line.
fn unclosed_quote(yaml: &str) -> Option<(usize, usize)> {
    yaml.lines().enumerate().find_map(|(i, line)| {
        let value = line
            .split_once(": ")
            .map(|(_, v)| v)
            .or_else(|| line.trim_start().strip_prefix("- "))?;
        let q = value
            .trim_start()
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')?;
        let closed = value.trim_end().len() > 1 && value.trim_end().ends_with(q);
        let col = line.chars().count() - value.trim_start().chars().count() + 1;
        (!closed).then_some((i + 1, col))
    })
}

/// Turns serde's wording into a message and a fix.
fn explain(message: &str) -> (String, String) {
    // Inside a list serde names the item first (`[0]: unknown field …`); the position says it.
    let message = ["unknown field `", "missing field `"]
        .iter()
        .find_map(|p| message.find(p).map(|i| &message[i..]))
        .unwrap_or(message);
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        let list = known.join(", ");
        let help = match did_you_mean(field, known.iter().copied()) {
            Some(s) => m::unknown_field_did_you_mean(s, &list),
            None => m::unknown_field_help(&list),
        };
        return (m::unknown_field(field), help);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (m::missing_field(field), m::missing_field_help(field));
    }
    if message.contains("invalid type") {
        return (
            m::yaml_invalid_type(&serde_words(message)),
            m::yaml_invalid_type_help(),
        );
    }
    (m::yaml_syntax(message), m::yaml_syntax_help())
}

/// serde's names of kinds of values in the current language (`invalid type: sequence,
/// expected a string` → `这里是列表，应为字符串`); the rest of its wording is kept.
fn serde_words(message: &str) -> String {
    if crate::msg::current() == crate::msg::Lang::En {
        return message.to_string();
    }
    let Some((head, rest)) = message.split_once("invalid type: ") else {
        return message.to_string();
    };
    let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let kind = |k: &str| {
        let (name, value) = k.split_once(' ').unwrap_or((k, ""));
        let name = match name.trim_start_matches("a ").trim_start_matches("an ") {
            "sequence" => "列表",
            "map" => "键值对",
            "string" => "文本",
            "integer" => "整数",
            "floating" => "小数",
            "boolean" => "是/否值",
            "unit" | "null" => "空值",
            _ => return k.to_string(),
        };
        format!(
            "{name}{}",
            if value.is_empty() {
                String::new()
            } else {
                format!(" {value}")
            }
        )
    };
    let found = kind(found);
    let expected = kind(expected.trim_start_matches("a ").trim_start_matches("an "));
    format!("{head}这里是{found}，应为{expected}")
}

/// The 1-based line, 1-based value column and value length (in characters) of a
/// top-level `key: value` line in `yaml`.
pub fn key_position(yaml: &str, key: &str) -> Option<(usize, usize, usize)> {
    yaml.lines().enumerate().find_map(|(i, line)| {
        let rest = line.strip_prefix(key)?.strip_prefix(':')?;
        let value = rest.trim_start();
        let col = key.chars().count() + 1 + (rest.chars().count() - value.chars().count()) + 1;
        Some((i + 1, col, value.trim_end().chars().count().max(1)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        tags: Option<Vec<String>>,
    }

    fn src(yaml: &str) -> Source<'_> {
        Source {
            shown: Path::new("a.md"),
            file_text: yaml,
            yaml,
            first_line: 1,
        }
    }

    #[test]
    fn unknown_field_suggests() {
        let d = src("titel: x\n").parse::<T>().unwrap_err();
        assert_eq!(d.message, "未知字段 `titel`");
        assert_eq!(d.line, Some(1));
        assert!(d.help.unwrap().starts_with("是不是想写 `title`？"));
    }

    #[test]
    fn missing_field_named() {
        let d = src("").parse::<T>().unwrap_err();
        assert_eq!(d.message, "缺少必填字段 `title`");
    }

    #[test]
    fn positions_shift_by_first_line() {
        let file = "---\ntitle: a\ntags: b: c\n---\n";
        let s = Source {
            shown: Path::new("a.md"),
            file_text: file,
            yaml: "title: a\ntags: b: c\n",
            first_line: 2,
        };
        let d = s.parse::<T>().unwrap_err();
        assert_eq!(d.line, Some(3), "{d}");
    }

    #[test]
    fn key_position_finds_value() {
        assert_eq!(
            key_position("title: x\ndate: 2025-02-30\n", "date"),
            Some((2, 7, 10))
        );
        assert_eq!(key_position("title: x\n", "date"), None);
    }
}
