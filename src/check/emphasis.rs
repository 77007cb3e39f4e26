//! Bold or emphasis that did not take: the page would show `**` or `__` as characters.

use crate::error::{Diagnostic, line_col};
use crate::markdown::{Facts, Rendered};
use crate::model::Site;

/// A warning for every `**` or `__` a document's page shows literally, at its line and column;
/// `read` are the documents' rendering and Markdown facts in the site's order.
pub fn check(site: &Site, read: &[(Rendered, Facts)]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for (d, (_, f)) in site.years.iter().flat_map(|y| &y.documents).zip(read) {
        let s = &d.source;
        for range in f.literal_emphasis.iter().cloned() {
            let (line, col) = line_col(&s.body, range.start);
            let marker = &s.body[range.clone()];
            diags.push(
                Diagnostic::warning(&s.shown, crate::msg::commands::literal_emphasis(marker))
                    .at(&s.body, line, col)
                    .with_line(s.body_line + line - 1)
                    .span(range.len())
                    .help(crate::msg::commands::literal_emphasis_help())
                    .code("literal-emphasis"),
            );
        }
    }
    diags
}
