//! Word `.docx` -> Markdown: paragraphs, heading levels from the paragraph style or, as
//! offices usually number by hand, from the 一、/（一）/1. numbering; bold runs, list items
//! and tables kept.

use super::text::{heading_marker, normalise_run};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::io::Read;

/// A block of the document body.
#[derive(Debug, Default)]
struct Para {
    text: String,
    /// Heading level from a `Heading N` / `标题 N` style.
    style_level: Option<usize>,
    list: bool,
}

fn style_level(val: &str) -> Option<usize> {
    let v = val.to_ascii_lowercase().replace([' ', '-'], "");
    let digits: String = v.chars().filter(|c| c.is_ascii_digit()).collect();
    let named =
        v.starts_with("heading") || v.starts_with("标题") || v.chars().all(|c| c.is_ascii_digit());
    if named {
        digits.parse().ok().filter(|n| (1..=6).contains(n))
    } else if v == "title" {
        Some(1)
    } else {
        None
    }
}

/// The character an XML entity reference (`amp`, `#20013`, `#x4E2D`) stands for.
fn entity(name: &str) -> String {
    match name {
        "amp" => "&".into(),
        "lt" => "<".into(),
        "gt" => ">".into(),
        "quot" => "\"".into(),
        "apos" => "'".into(),
        n => n
            .strip_prefix("#x")
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .or_else(|| n.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32)
            .map(String::from)
            .unwrap_or_default(),
    }
}

/// The title (first level-1 heading, or first paragraph) and the Markdown body.
pub fn import(bytes: &[u8]) -> Result<(String, String), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| crate::msg::commands::docx_not_zip(&e.to_string()))?;
    crate::ledger::from_xlsx::check_unpacked(bytes)?;
    let mut xml = String::new();
    // Read no more than the limit even if the archive understates its sizes.
    let limit = crate::ledger::from_xlsx::MAX_UNPACKED;
    zip.by_name("word/document.xml")
        .map_err(|_| crate::msg::commands::docx_no_document())?
        .take(limit + 1)
        .read_to_string(&mut xml)
        .map_err(|e| e.to_string())?;
    if xml.len() as u64 > limit {
        return Err(crate::msg::commands::docx_too_big(limit / 1024 / 1024));
    }
    let mut reader = Reader::from_str(&xml);
    let mut blocks: Vec<String> = Vec::new();
    let mut para: Option<Para> = None;
    let mut bold = false;
    let mut in_text = false;
    let mut table: Option<Vec<Vec<String>>> = None;
    let mut cell: Option<String> = None;
    let mut title = String::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| crate::msg::commands::docx_xml(&e.to_string()))?;
        match event.clone() {
            Event::Start(e) | Event::Empty(e) => match e.name().into_inner() {
                "w:p" => para = Some(Para::default()),
                "w:pStyle" => {
                    if let (Some(p), Some(v)) =
                        (para.as_mut(), e.try_get_attribute("w:val").ok().flatten())
                    {
                        p.style_level = style_level(&v.value);
                    }
                }
                "w:numPr" => {
                    if let Some(p) = para.as_mut() {
                        p.list = true;
                    }
                }
                "w:r" => bold = false,
                "w:b" => {
                    bold = e
                        .try_get_attribute("w:val")
                        .ok()
                        .flatten()
                        .is_none_or(|v| v.value.as_ref() != "0" && v.value.as_ref() != "false")
                }
                "w:t" => in_text = true,
                "w:tab" => {
                    if let Some(p) = para.as_mut() {
                        p.text.push(' ');
                    }
                }
                "w:tbl" => table = Some(Vec::new()),
                "w:tr" => {
                    if let Some(t) = table.as_mut() {
                        t.push(Vec::new());
                    }
                }
                "w:tc" => cell = Some(String::new()),
                _ => {}
            },
            Event::Text(_) | Event::GeneralRef(_) if in_text => {
                let s = match &event {
                    Event::Text(t) => t.as_ref().to_string(),
                    Event::GeneralRef(r) => entity(r.as_ref()),
                    _ => String::new(),
                };
                let s = normalise_run(&s);
                if let Some(p) = para.as_mut() {
                    if bold && !s.trim().is_empty() {
                        p.text.push_str(&format!("**{s}**"));
                    } else {
                        p.text.push_str(&s);
                    }
                }
            }
            Event::End(e) => match e.name().into_inner() {
                "w:t" => in_text = false,
                "w:p" => {
                    let Some(p) = para.take() else { continue };
                    let text = p.text.replace("****", "").trim().to_string();
                    if let Some(c) = cell.as_mut() {
                        if !c.is_empty() {
                            c.push_str("<br>");
                        }
                        c.push_str(&text.replace('|', "\\|"));
                        continue;
                    }
                    if text.is_empty() {
                        continue;
                    }
                    let plain = text.replace("**", "");
                    if title.is_empty() && (p.style_level == Some(1) || blocks.is_empty()) {
                        title = plain;
                        continue;
                    }
                    let block = match (p.style_level, heading_marker(&plain)) {
                        (Some(n), _) => format!("{} {plain}", "#".repeat((n + 1).min(6))),
                        (None, Some(m)) => format!("{m} {plain}"),
                        (None, None) if p.list => format!("- {text}"),
                        (None, None) => text,
                    };
                    blocks.push(block);
                }
                "w:tc" => {
                    if let (Some(c), Some(t)) = (cell.take(), table.as_mut())
                        && let Some(row) = t.last_mut()
                    {
                        row.push(c);
                    }
                }
                "w:tbl" => {
                    if let Some(t) = table.take().filter(|t| !t.is_empty()) {
                        let width = t.iter().map(Vec::len).max().unwrap_or(0);
                        let row = |r: &Vec<String>| {
                            format!(
                                "| {} |",
                                (0..width)
                                    .map(|i| r.get(i).map_or("", String::as_str))
                                    .collect::<Vec<_>>()
                                    .join(" | ")
                            )
                        };
                        let mut md = vec![row(&t[0]), format!("|{}", " --- |".repeat(width))];
                        md.extend(t[1..].iter().map(row));
                        blocks.push(md.join("\n"));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((title, blocks.join("\n\n") + "\n"))
}
