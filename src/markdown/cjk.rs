//! The CJK line rule: a soft break between two wide characters vanishes, so hard-wrapped
//! Chinese reads as one run, as CSS Text does; next to a Latin letter or digit it stays a space.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Characters that are set solid in Chinese text: ideographs, CJK and full-width punctuation,
/// and the quotes, dashes and ellipses used with them.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x31A0..=0x31BF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

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
                }
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
