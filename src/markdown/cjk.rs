//! The CJK line rule: a soft break between two wide characters vanishes, so hard-wrapped
//! Chinese reads as one run, as CSS Text does; next to a Latin letter or digit it stays a space.

use crate::text::is_wide;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

fn is_inline_tag(e: &Event) -> bool {
    matches!(
        e,
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link)
    )
}

/// The character next to `events[i]` in direction `step`, looking through inline tags.
fn neighbour(events: &[Event], i: usize, back: bool) -> Option<char> {
    let mut j = i;
    loop {
        j = if back { j.checked_sub(1)? } else { j + 1 };
        match events.get(j)? {
            Event::Text(t) | Event::Code(t) => {
                return if back {
                    t.chars().last()
                } else {
                    t.chars().next()
                };
            }
            e if is_inline_tag(e) => continue,
            _ => return None,
        }
    }
}

/// Drops soft breaks between wide characters and merges adjacent text events, so a
/// hard-wrapped paragraph becomes one text run; a break next to a Latin letter or digit stays
/// a soft break.
pub(super) fn join_lines(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut text = String::new();
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Text(t) => text.push_str(t),
            Event::SoftBreak => {
                let joined = neighbour(&events, i, true).is_some_and(is_wide)
                    && neighbour(&events, i, false).is_some_and(is_wide);
                if !joined {
                    // Kept as a break (the page shows a space; search reads it as layout).
                    if !text.is_empty() {
                        out.push(Event::Text(CowStr::from(std::mem::take(&mut text))));
                    }
                    out.push(Event::SoftBreak);
                }
            }
            other => {
                if !text.is_empty() {
                    out.push(Event::Text(CowStr::from(std::mem::take(&mut text))));
                }
                out.push(other.clone());
            }
        }
    }
    if !text.is_empty() {
        out.push(Event::Text(CowStr::from(text)));
    }
    out
}
