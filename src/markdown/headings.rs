//! Headings: readable, stable, unique anchors, and the run-in fourth-level headings of
//! official documents ("1.聚焦主题深学细悟。") shown with a bold lead-in.

use super::Heading;
use crate::text::is_wide;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// A readable anchor from a heading: letters and digits kept (Chinese included), every run of
/// other characters one `-`, at most 32 characters.
pub fn slugify(text: &str) -> String {
    let mut s = String::new();
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !s.is_empty() {
                s.push('-');
            }
            gap = false;
            s.extend(c.to_lowercase());
        } else {
            gap = true;
        }
        if s.chars().count() >= 32 {
            break;
        }
    }
    if s.is_empty() { "section".into() } else { s }
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Gives every heading an id (its own `{#id}` if written, else from its text), unique in the page.
///
/// Uniqueness keeps a counter per base id, so a page of 10,000 headings of one name takes
/// linear time (counting up from `-2` for each would be quadratic).
pub(super) fn assign_heading_ids(events: &mut [Event]) -> Vec<Heading> {
    let mut used = HashSet::new();
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut headings = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level = level_number(*level);
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                j += 1;
            }
            let (explicit, classes) = take_attributes(&mut events[i + 1..j]);
            let mut text = String::new();
            for e in &events[i + 1..j] {
                if let Event::Text(t) | Event::Code(t) = e {
                    text.push_str(t);
                }
            }
            let base = explicit.unwrap_or_else(|| slugify(&text));
            let mut unique = base.clone();
            let n = next.entry(base.clone()).or_insert(1);
            while !used.insert(unique.clone()) {
                *n += 1;
                unique = format!("{base}-{n}");
            }
            if let Event::Start(Tag::Heading { id, classes: c, .. }) = &mut events[i] {
                *id = Some(CowStr::from(unique.clone()));
                *c = classes;
            }
            headings.push(Heading {
                level,
                id: unique,
                text: text.trim().to_string(),
            });
            i = j;
        }
        i += 1;
    }
    headings
}

/// A heading's trailing `{#id .class}`, taken off its text. Only an id and classes made of
/// letters, digits, `-` and `_` count: anything else (`{onclick=alert(1)}`, `{共5项}`) is the
/// heading's text, since an attribute the parser passed through would put script into a page
/// that no Content-Security-Policy protects when opened from disk.
fn take_attributes(inner: &mut [Event]) -> (Option<String>, Vec<CowStr<'static>>) {
    let Some(Event::Text(t)) = inner.last_mut() else {
        return (None, Vec::new());
    };
    let trimmed = t.trim_end();
    let Some(open) = trimmed.rfind('{').filter(|_| trimmed.ends_with('}')) else {
        return (None, Vec::new());
    };
    let safe = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    };
    let mut id = None;
    let mut classes = Vec::new();
    for token in trimmed[open + 1..trimmed.len() - 1].split_whitespace() {
        match (token.strip_prefix('#'), token.strip_prefix('.')) {
            (Some(i), _) if safe(i) && id.is_none() => id = Some(i.to_string()),
            (_, Some(c)) if safe(c) => classes.push(CowStr::from(c.to_string())),
            _ => return (None, Vec::new()),
        }
    }
    if id.is_none() && classes.is_empty() {
        return (None, Vec::new());
    }
    let before = trimmed[..open].trim_end().to_string();
    *t = CowStr::from(before);
    (id, classes)
}

/// The length in bytes of a run-in heading at the start of `text` ("1.聚焦主题深学细悟。"):
/// an arabic number with `.`, `．` or brackets, then up to 40 characters ending in `。`.
pub fn lead_in_len(text: &str) -> Option<usize> {
    let t = text;
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let after_number = if let Some(rest) = t.strip_prefix('（').or_else(|| t.strip_prefix('(')) {
        let n = digits(rest);
        let rest = &rest[n..];
        (n > 0 && n <= 2)
            .then(|| rest.strip_prefix('）').or_else(|| rest.strip_prefix(')')))
            .flatten()?
    } else {
        let n = digits(t);
        let rest = &t[n..];
        (n > 0 && n <= 2)
            .then(|| rest.strip_prefix('.').or_else(|| rest.strip_prefix('．')))
            .flatten()?
    };
    if !after_number.chars().next().is_some_and(is_wide) {
        return None;
    }
    let end = after_number
        .char_indices()
        .take(41)
        .find(|(_, c)| *c == '。')?
        .0;
    Some(t.len() - after_number.len() + end + '。'.len_utf8())
}

/// Shows the run-in heading at the start of a paragraph in bold.
pub(super) fn bold_lead_ins(events: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len() + 8);
    let mut at_paragraph_start = false;
    for e in events {
        match e {
            Event::Text(t) if at_paragraph_start => {
                at_paragraph_start = false;
                match lead_in_len(&t) {
                    Some(n) => {
                        out.push(Event::Start(Tag::Strong));
                        out.push(Event::Text(CowStr::from(t[..n].to_string())));
                        out.push(Event::End(TagEnd::Strong));
                        if n < t.len() {
                            out.push(Event::Text(CowStr::from(t[n..].to_string())));
                        }
                    }
                    None => out.push(Event::Text(t)),
                }
            }
            e => {
                at_paragraph_start = matches!(e, Event::Start(Tag::Paragraph));
                out.push(e);
            }
        }
    }
    out
}
