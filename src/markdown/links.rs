//! What a page may contain and point to: raw HTML shown as text, nothing outside the site,
//! links to `.md` files turned into links to their pages.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Raw HTML is shown as the text it is, never passed through: a snippet pasted from a web page
/// must not run script or pull a file from elsewhere into an intranet page. HTML comments
/// (notes to the next clerk) are dropped.
pub(super) fn raw_html_as_text(e: Event) -> Option<Event> {
    match e {
        Event::Html(h) | Event::InlineHtml(h) => {
            let t = h.trim();
            if t.starts_with("<!--") && t.ends_with("-->") {
                None
            } else {
                Some(Event::Text(h))
            }
        }
        e => Some(e),
    }
}

/// A URL with a scheme (`http:`, `javascript:` …) or a host (`//host/…`): outside the site.
pub fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    match url.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && !scheme.contains(['/', '#', '?'])
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// The site references nothing outside itself: a link to an external URL keeps its text but
/// loses its target, an external image shows its description instead.
pub(super) fn keep_inside(events: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len());
    let mut dropped_links = 0;
    let mut dropped_images = 0;
    for e in events {
        match &e {
            Event::Start(Tag::Link { dest_url, .. }) if is_external(dest_url) => dropped_links += 1,
            Event::End(TagEnd::Link) if dropped_links > 0 => dropped_links -= 1,
            Event::Start(Tag::Image { dest_url, .. }) if is_external(dest_url) => {
                dropped_images += 1
            }
            Event::End(TagEnd::Image) if dropped_images > 0 => dropped_images -= 1,
            _ => out.push(e),
        }
    }
    out
}

/// A relative link to `NAME.md` (with an optional `#anchor`) -> `NAME.html`.
pub(super) fn link_to_page(e: Event) -> Event {
    match e {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let (path, frag) = dest_url.split_once('#').unwrap_or((&dest_url, ""));
            let relative = !path.contains(':') && !path.starts_with('/');
            let dest_url = match path.strip_suffix(".md") {
                Some(stem) if relative => {
                    let sep = if frag.is_empty() { "" } else { "#" };
                    CowStr::from(format!("{stem}.html{sep}{frag}"))
                }
                _ => dest_url,
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        e => e,
    }
}

/// A link or image target as the parser reads it, with where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTarget {
    /// Byte offset in the Markdown of the target (of the `[` for a reference link).
    pub offset: usize,
    /// The target, percent-decoded (`%E6%96%B9…` and `<整改 方案.md>` both give the file name).
    pub target: String,
    /// The target as written, for the caret's width.
    pub written: String,
}

/// The target of a link or image event whose source is `src[range]`.
pub(super) fn link_target(src: &str, range: std::ops::Range<usize>, dest: &str) -> LinkTarget {
    let written = &src[range.clone()];
    let offset = match written.rfind("](") {
        Some(i) => {
            let after = &written[i + 2..];
            let skipped = after.len() - after.trim_start().trim_start_matches('<').len();
            range.start + i + 2 + skipped
        }
        None => range.start,
    };
    let raw_end = src[offset..range.end]
        .find(|c: char| c.is_whitespace() || c == ')' || c == '>')
        .map_or(range.end, |e| offset + e);
    let target = percent_encoding::percent_decode_str(dest)
        .decode_utf8()
        .map_or_else(|_| dest.to_string(), |d| d.into_owned());
    LinkTarget {
        offset,
        target,
        written: src[offset..raw_end.max(offset)].to_string(),
    }
}
