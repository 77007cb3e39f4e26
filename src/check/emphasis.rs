//! Bold or emphasis that did not take: the page would show `**` or `__` as characters.

use crate::error::Diagnostic;
use crate::markdown::literal_emphasis;
use crate::model::Site;

/// A warning for every `**` or `__` a document's page shows literally, at its line and column.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for d in site.years.iter().flat_map(|y| &y.documents) {
        let s = &d.source;
        for range in literal_emphasis(&s.body) {
            let before = &s.body[..range.start];
            let line = before.matches('\n').count();
            let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
                .chars()
                .count()
                + 1;
            let marker = &s.body[range.clone()];
            diags.push(
                Diagnostic::warning(
                    &s.shown,
                    format!("`{marker}` is shown as characters: the emphasis did not take"),
                )
                .at(&s.body, line + 1, col)
                .with_line(s.body_line + line)
                .span(range.len())
                .help("close every ** you open, with no space just inside the markers (`**一是**`, not `** 一是 **`); write \\* for a literal asterisk")
                .code("literal-emphasis"),
            );
        }
    }
    diags
}
