//! The query language, parsed leniently: any text gives a query or a note, never an error.
//!
//! - words are ANDed: `谈心谈话 整改`
//! - a word of Chinese characters matches exactly that character sequence, so 教育局 never
//!   matches a text with only 教育 and 局 apart
//! - `"批评与自我批评"` (or “…”) is a phrase: matched as written, without synonyms
//! - `-word` excludes
//! - filters: `year:2024`, `year:2020..2023`, `type:整改方案`, `status:整改中`,
//!   `category:作风建设`, `unit:…`, `kind:section`
//!
//! An unbalanced quote closes at the end, a lone `-` is ignored, an unknown `field:` is
//! searched as text, punctuation alone leaves nothing to search: each gets a note for the user.

/// A searched text: a word or a quoted phrase, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The words or phrase, normalised.
    pub text: String,
    /// Written in quotes: the characters in this order.
    pub phrase: bool,
}

/// A field filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// `year:2024` or `year:2022..2024`, both ends included.
    Years(i32, i32),
    /// `type:整改方案`.
    Type(String),
    /// `status:整改中`.
    Status(String),
    /// `category:作风建设`.
    Category(String),
    /// `unit:办公室`.
    Unit(String),
    /// `kind:document`, `section`, `record` or `year`.
    Kind(String),
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Texts every hit contains.
    pub must: Vec<Text>,
    /// Texts no hit contains.
    pub must_not: Vec<Text>,
    /// The filters, ANDed.
    pub filters: Vec<Filter>,
    /// What was not understood and how it was taken, in Chinese for the results page.
    pub notes: Vec<String>,
}

/// Longest query read, in characters; the rest is dropped with a note.
pub const MAX_QUERY_CHARS: usize = 256;

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '「' | '『')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '”' | '」' | '』')
}

/// Reads the raw tokens: (negated, text, quoted).
fn lex(q: &str, notes: &mut Vec<String>) -> Vec<(bool, String, bool)> {
    let chars: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let negated = c == '-' || c == '－';
        if negated {
            i += 1;
            if i >= chars.len() || chars[i].is_whitespace() {
                notes.push("单独的“-”已忽略：排除某词请写成 -词语".into());
                continue;
            }
        }
        if is_open_quote(chars[i]) {
            let start = i + 1;
            let mut end = start;
            while end < chars.len() && !is_close_quote(chars[end]) {
                end += 1;
            }
            if end >= chars.len() {
                notes.push("引号没有闭合，已按到结尾的短语搜索".into());
            }
            out.push((
                negated,
                chars[start..end.min(chars.len())].iter().collect(),
                true,
            ));
            i = end + 1;
        } else {
            let start = i;
            while i < chars.len() && !chars[i].is_whitespace() && !is_open_quote(chars[i]) {
                i += 1;
            }
            out.push((negated, chars[start..i].iter().collect(), false));
        }
    }
    out
}

/// Whether a text has anything the index can match (a letter, digit or ideograph).
fn searchable(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Parses a query string.
pub fn parse(q: &str) -> Parsed {
    let mut p = Parsed::default();
    let q: String = if q.chars().count() > MAX_QUERY_CHARS {
        p.notes
            .push(format!("查询过长，只使用了前 {MAX_QUERY_CHARS} 个字"));
        q.chars().take(MAX_QUERY_CHARS).collect()
    } else {
        q.to_string()
    };
    for (negated, raw, quoted) in lex(&q, &mut p.notes) {
        if !quoted && let Some((field, value)) = field_value(&raw) {
            match filter(field, value) {
                    Ok(Some(f)) if !negated => {
                        p.filters.push(f);
                        continue;
                    }
                    Ok(Some(_)) => {
                        p.notes.push(format!("筛选条件不能排除，“-{raw}”已忽略"));
                        continue;
                    }
                    Ok(None) => p.notes.push(format!("未知的筛选字段“{field}”，已按普通文字搜索（可用 year、type、status、category、unit、kind）")),
                    Err(note) => {
                        p.notes.push(note);
                        continue;
                    }
                }
        }
        let text = crate::text::normalize(raw.trim());
        if !searchable(&text) {
            if !raw.trim().is_empty() {
                p.notes.push(format!(
                    "“{}”中没有可搜索的文字，已忽略",
                    truncate(&raw, 20)
                ));
            }
            continue;
        }
        let t = Text {
            text,
            phrase: quoted,
        };
        if negated {
            p.must_not.push(t);
        } else {
            p.must.push(t);
        }
    }
    if p.must.is_empty() && p.filters.is_empty() {
        p.notes.push(if p.must_not.is_empty() {
            "请输入要搜索的词语".into()
        } else {
            "只有排除的词，请再加上要搜索的词语".into()
        });
    }
    p
}

/// The filter tokens of a query as written (`year:2024`, `type:整改方案`).
pub fn filter_tokens(q: &str) -> Vec<String> {
    let mut notes = Vec::new();
    lex(q, &mut notes)
        .into_iter()
        .filter(|(negated, raw, quoted)| !negated && !quoted && as_filter(raw).is_some())
        .map(|(_, raw, _)| raw)
        .collect()
}

/// The query without its filters, words and phrases as written.
pub fn without_filters(q: &str) -> String {
    let mut notes = Vec::new();
    lex(q, &mut notes)
        .into_iter()
        .filter(|(_, raw, quoted)| *quoted || as_filter(raw).is_none())
        .map(|(negated, raw, quoted)| {
            let minus = if negated { "-" } else { "" };
            if quoted {
                format!("{minus}\"{raw}\"")
            } else {
                format!("{minus}{raw}")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A token read as `field:value`. `9:00`, `10:30` and `http://…` are text: a field name is
/// letters, and a URL's `//` is no filter value.
fn field_value(raw: &str) -> Option<(&str, &str)> {
    raw.split_once([':', '：']).filter(|(field, value)| {
        !field.is_empty() && field.chars().all(|c| c.is_alphabetic()) && !value.starts_with("//")
    })
}

/// A token's filter, when it is one of a field annals knows.
fn as_filter(raw: &str) -> Option<Filter> {
    let (field, value) = field_value(raw)?;
    filter(field, value).ok().flatten()
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        s.chars().take(n).collect::<String>() + "…"
    } else {
        s.to_string()
    }
}

/// A `field:value` filter; `Ok(None)` for an unknown field, `Err(note)` for a bad value.
fn filter(field: &str, value: &str) -> Result<Option<Filter>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(format!("筛选条件“{field}:”缺少值，已忽略"));
    }
    Ok(Some(match field.to_ascii_lowercase().as_str() {
        "year" | "年度" => {
            let year = |s: &str| {
                s.trim()
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (1949..=2200).contains(y))
            };
            let (a, b) = match value.split_once("..") {
                Some((a, b)) => (year(a), year(b)),
                None => (year(value), year(value)),
            };
            match (a, b) {
                (Some(a), Some(b)) => Years(a.min(b), a.max(b)),
                _ => {
                    return Err(format!(
                        "年度“{value}”无法识别，请写成 year:2024 或 year:2020..2023；已忽略"
                    ));
                }
            }
        }
        "type" | "文种" => Type(value.into()),
        "status" | "状态" => Status(value.into()),
        "category" | "类别" => Category(value.into()),
        "unit" | "单位" => Unit(value.into()),
        "kind" => Kind(value.into()),
        _ => return Ok(None),
    }))
}

use Filter::*;

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str, phrase: bool) -> Text {
        Text {
            text: s.into(),
            phrase,
        }
    }

    #[test]
    fn words_phrases_negation_filters() {
        let p =
            parse("谈心谈话 \"批评与自我批评\" -整改 year:2020..2023 type:整改方案 status：整改中");
        assert_eq!(p.must, [t("谈心谈话", false), t("批评与自我批评", true)]);
        assert_eq!(p.must_not, [t("整改", false)]);
        assert_eq!(
            p.filters,
            [
                Years(2020, 2023),
                Type("整改方案".into()),
                Status("整改中".into())
            ]
        );
        assert!(p.notes.is_empty(), "{:?}", p.notes);
    }

    #[test]
    fn chinese_quotes_and_unbalanced_quote() {
        assert_eq!(parse("“文稿起草不深入”").must, [t("文稿起草不深入", true)]);
        let p = parse("\"文稿起草 不深入");
        assert_eq!(p.must, [t("文稿起草不深入", true)]);
        assert_eq!(p.notes.len(), 1);
    }

    #[test]
    fn odd_syntax_gives_notes_not_errors() {
        let p = parse("- 整改");
        assert_eq!(p.must, [t("整改", false)]);
        assert!(p.notes[0].contains("单独"));
        let p = parse("foo:bar");
        assert_eq!(p.must, [t("foo:bar", false)]);
        assert!(p.notes[0].contains("未知的筛选字段"));
        let p = parse(&"，。！？".repeat(500));
        assert!(p.must.is_empty());
        assert!(p.notes.iter().any(|n| n.contains("过长")));
        assert!(p.notes.iter().any(|n| n.contains("请输入")));
        let p = parse("year:20x5 整改");
        assert!(p.filters.is_empty());
        assert!(p.notes[0].contains("年度"));
        assert_eq!(parse("").notes, ["请输入要搜索的词语"]);
        assert_eq!(parse("-整改").notes, ["只有排除的词，请再加上要搜索的词语"]);
    }

    #[test]
    fn query_text_is_normalised() {
        assert_eq!(
            parse("2025 年度").must,
            [t("2025", false), t("年度", false)]
        );
        assert_eq!(parse("\"2025 年度\"").must, [t("2025年度", true)]);
    }
}
