//! Internal links of the documents: every `[text](target)` must reach a page or file of the
//! site, and its `#anchor` a heading of that page. Links outside the site are pointed out,
//! since the site shows them as text only.

use crate::error::Diagnostic;
use crate::markdown::{Facts, Rendered, is_external};
use crate::model::Site;
use std::collections::{HashMap, HashSet};

/// Joins a relative link onto the folder of `page` (site-relative), resolving `..`.
fn join(page: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Every broken internal link and every external link of the site's documents; `read` are
/// the documents' rendering and Markdown facts in the site's order.
pub fn check(site: &Site, read: &[(Rendered, Facts)]) -> Vec<Diagnostic> {
    let mut anchors: HashMap<String, HashSet<String>> = HashMap::new();
    let mut files: HashSet<String> = site
        .assets
        .iter()
        .map(|a| a.rel.to_string_lossy().replace('\\', "/"))
        .collect();
    for y in &site.years {
        files.insert(format!("{}/index.html", y.year));
    }
    for (d, (rendered, _)) in site.years.iter().flat_map(|y| &y.documents).zip(read) {
        anchors.insert(
            d.url.clone(),
            rendered.headings.iter().map(|h| h.id.clone()).collect(),
        );
    }
    files.extend(site.ledger.entries.iter().map(|e| e.url.clone()));
    files.insert("index.html".into());
    let mut diags = Vec::new();
    for (d, (_, f)) in site.years.iter().flat_map(|y| &y.documents).zip(read) {
        let s = &d.source;
        // Targets from the Markdown parser: reference links are checked, code is not, and a
        // percent-encoded or `<…>` target is read as the file name it names.
        for link in &f.links {
            let (line, col) = crate::error::line_col(&s.body, link.offset);
            let target = link.target.as_str();
            let place = |d: Diagnostic| {
                d.at(&s.body, line, col)
                    .with_line(s.body_line + line - 1)
                    .span(link.written.chars().count())
            };
            if target.is_empty() || target.starts_with('#') && target.len() == 1 {
                continue;
            }
            if is_external(target) {
                diags.push(
                    place(Diagnostic::warning(
                        &s.shown,
                        crate::msg::commands::external_link(target),
                    ))
                    .help(crate::msg::commands::external_link_help())
                    .code("external-link"),
                );
                continue;
            }
            let at = |msg: String| place(Diagnostic::error(&s.shown, msg));
            let (path, anchor) = target.split_once('#').unwrap_or((target, ""));
            let path = path
                .strip_suffix(".md")
                .map_or(path.to_string(), |stem| format!("{stem}.html"));
            let page = if path.is_empty() {
                Some(d.url.clone())
            } else {
                join(&d.url, &path)
            };
            let Some(page) = page else {
                diags.push(
                    at(crate::msg::commands::link_above_site(target))
                        .help(crate::msg::commands::link_above_site_help())
                        .code("broken-link"),
                );
                continue;
            };
            let known = anchors.contains_key(&page) || files.contains(&page);
            if !known {
                diags.push(
                    at(crate::msg::commands::link_broken(target, &page))
                        .help(crate::msg::commands::link_broken_help())
                        .code("broken-link"),
                );
            } else if !anchor.is_empty()
                && anchors.get(&page).is_some_and(|ids| !ids.contains(anchor))
            {
                let ids: Vec<&str> = anchors[&page].iter().map(String::as_str).collect();
                let help = match crate::error::did_you_mean(anchor, ids.iter().copied()) {
                    Some(s) => crate::msg::commands::anchor_did_you_mean(s),
                    None => crate::msg::commands::anchor_help(),
                };
                diags.push(
                    at(crate::msg::commands::anchor_missing(&page, anchor))
                        .help(help)
                        .code("broken-link"),
                );
            }
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_links() {
        assert_eq!(
            join("2025/a.html", "../2024/b.html"),
            Some("2024/b.html".into())
        );
        assert_eq!(join("2025/a.html", "../../x"), None);
    }
}
