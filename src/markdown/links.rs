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
