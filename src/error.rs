//! Diagnostics: every problem found in the user's files, with where it is and how to fix it.
//!
//! Input: whatever a stage found wrong. Output: text for a terminal
//! (`path:line:col: message`, the source line, a caret under the span, the help).
//! Stages collect diagnostics instead of stopping at the first, so one build
//! reports every problem of the archive at once.

use std::fmt;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

/// How bad a diagnostic is: errors fail the build, warnings are printed only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The run fails (exit code 1).
    Error,
    /// Reported; the run goes on.
    Warning,
}

/// One problem in one file, positioned where the position is known.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Whether it fails the run.
    pub severity: Severity,
    /// The file, relative to the site root (as the user would type it).
    pub path: PathBuf,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// 1-based column in characters, when the problem has one.
    pub col: Option<usize>,
    /// How many characters the caret underlines (at least 1).
    #[serde(skip)]
    pub span: usize,
    /// The text of the offending line, shown under the message.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// A stable name of the rule that raised it (`placeholder`, `classified`, `broken-link`,
    /// `overdue` …), for CI scripts reading `annals check --format json`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
}

impl Diagnostic {
    /// An error about a whole file.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            col: None,
            span: 1,
            source_line: None,
            message: message.into(),
            help: None,
            code: None,
        }
    }

    /// A warning about a whole file.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Places the diagnostic at a 1-based line and column of `text`, keeping that
    /// line so the caret can be drawn under it.
    pub fn at(mut self, text: &str, line: usize, col: usize) -> Self {
        self.line = Some(line.max(1));
        self.col = Some(col.max(1));
        self.source_line = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
        self
    }

    /// Moves the diagnostic to another line number, keeping the line text already set (for
    /// positions recorded apart from their file's text).
    pub fn with_line(mut self, line: usize) -> Self {
        self.line = Some(line.max(1));
        self
    }

    /// Sets how many characters the caret covers.
    pub fn span(mut self, chars: usize) -> Self {
        self.span = chars.max(1);
        self
    }

    /// Adds the fix.
    /// Names the rule that raised it.
    pub fn code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    /// Adds how to fix it.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether it fails the run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&Path, usize, usize, Severity, &str) {
        (
            &self.path,
            self.line.unwrap_or(0),
            self.col.unwrap_or(0),
            self.severity,
            &self.message,
        )
    }
}

/// Sorts diagnostics by file and position, so output is stable and reads top to bottom.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => crate::msg::report::label_error(),
            Severity::Warning => crate::msg::report::label_warning(),
        };
        let path = self.path.display();
        match (self.line, self.col) {
            (Some(l), Some(c)) => write!(f, "{kind}: {path}:{l}:{c}: {}", self.message)?,
            (Some(l), None) => write!(f, "{kind}: {path}:{l}: {}", self.message)?,
            _ => write!(f, "{kind}: {path}: {}", self.message)?,
        }
        if let (Some(line), Some(src), Some(col)) = (self.line, &self.source_line, self.col) {
            let gutter = line.to_string();
            let pad = " ".repeat(gutter.len());
            let (shown, col) = excerpt(src, col);
            let before: String = shown.chars().take(col - 1).collect();
            let under: String = shown
                .chars()
                .skip(col - 1)
                .take(self.span.min(EXCERPT))
                .collect();
            let indent = " ".repeat(UnicodeWidthStr::width(before.as_str()));
            let caret = "^".repeat(UnicodeWidthStr::width(under.as_str()).max(1));
            write!(f, "\n{pad} |\n{gutter} | {shown}\n{pad} | {indent}{caret}")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = {}: {help}", crate::msg::report::label_help())?;
        }
        Ok(())
    }
}

/// At most this many characters of a source line are shown, around the column.
const EXCERPT: usize = 80;

/// The part of `line` worth showing for `col` (1-based characters): the whole line when it is
/// short, else about [`EXCERPT`] characters around the column with `…` at the cuts (a
/// 100,000-character line must not fill the terminal). Returns the text and the column in it.
fn excerpt(line: &str, col: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= EXCERPT {
        return (line.to_string(), col);
    }
    let start = col
        .saturating_sub(1 + EXCERPT / 3)
        .min(chars.len().saturating_sub(EXCERPT));
    let end = (start + EXCERPT).min(chars.len());
    let mut shown = String::new();
    let mut col = col - start;
    if start > 0 {
        shown.push('…');
        col += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, col)
}

/// The failure of a run: every diagnostic it collected (at least one error).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", crate::msg::report::errors(.0.iter().filter(|d| d.is_error()).count()))]
pub struct Failure(pub Vec<Diagnostic>);

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure(vec![d])
    }
}

/// The result of a stage that either succeeds or reports what is wrong.
pub type Result<T> = std::result::Result<T, Failure>;

/// The 1-based line and character column of a byte offset in `text`.
pub fn line_col(text: &str, byte: usize) -> (usize, usize) {
    let byte = byte.min(text.len());
    let mut start = byte;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Levenshtein distance over characters, for "did you mean" suggestions.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1) + 1;
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_lines_up_under_wide_characters() {
        let text = "title: 标题\ntype: 召开报告\n";
        let d = Diagnostic::error("content/2025/a.md", "unknown type `召开报告`")
            .at(text, 2, 7)
            .span(4)
            .help("use one of the types in annals.yaml");
        let shown = d.to_string();
        assert_eq!(
            shown,
            "错误: content/2025/a.md:2:7: unknown type `召开报告`\n  |\n2 | type: 召开报告\n  |       ^^^^^^^^\n  = 修改方法: use one of the types in annals.yaml"
        );
    }

    #[test]
    fn issue_14_long_lines_are_cut_around_the_column() {
        let line = format!("{}错{}", "文".repeat(50_000), "字".repeat(50_000));
        let d = Diagnostic::error("a.md", "bad")
            .at(&line, 1, 50_001)
            .span(1);
        let text = d.to_string();
        assert!(text.chars().count() < 300, "{}", text.chars().count());
        let lines: Vec<&str> = text.lines().collect();
        let src = lines[2].trim_start_matches("1 | ");
        let caret = lines[3].trim_start_matches("  | ");
        let col = UnicodeWidthStr::width(&caret[..caret.find('^').unwrap()]);
        let under: String = src
            .chars()
            .scan(0, |w, c| {
                let at = *w;
                *w += UnicodeWidthStr::width(c.to_string().as_str());
                Some((at, c))
            })
            .find(|(at, _)| *at == col)
            .map(|(_, c)| c.to_string())
            .unwrap();
        assert_eq!(under, "错");
        assert!(src.starts_with('…') && src.ends_with('…'));
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\n中文x", 9), (2, 3));
        assert_eq!(line_col("abc", 0), (1, 1));
    }

    #[test]
    fn suggestions_for_typos_only() {
        assert_eq!(
            did_you_mean("titel", ["title", "type", "date"]),
            Some("title")
        );
        assert_eq!(did_you_mean("colour", ["title", "type"]), None);
        assert_eq!(
            did_you_mean("检视剖析", ["对照检查材料", "检视剖析材料"]),
            Some("检视剖析材料")
        );
    }
}
