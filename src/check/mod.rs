//! CHECK: every validation of a build without writing anything, plus the rules that stop a
//! clerk publishing a mistake: unfilled placeholders, classification markings, broken links
//! and anchors, overdue ledger records.
//!
//! Input: the site folder. Output: every diagnostic, sorted, and an exit code a CI can use.

pub mod emphasis;
pub mod links;

use crate::error::{self, Diagnostic, Severity};
use chrono::NaiveDate;
use std::path::Path;

/// Every problem of the archive under `root`, sorted by file and position.
pub fn check(root: &Path, today: Option<NaiveDate>) -> Vec<Diagnostic> {
    let mut diags = match crate::load(root, today) {
        Err(failure) => failure.0,
        Ok(inputs) => {
            let mut diags = inputs.warnings.clone();
            // Each document's Markdown is read once: headings, links and literal markers.
            let read: Vec<_> = {
                use rayon::prelude::*;
                let docs: Vec<_> = inputs
                    .site
                    .years
                    .iter()
                    .flat_map(|y| &y.documents)
                    .collect();
                docs.par_iter()
                    .map(|d| crate::markdown::read(&d.source.body))
                    .collect()
            };
            diags.extend(links::check(&inputs.site, &read));
            diags.extend(emphasis::check(&inputs.site, &read));
            diags.extend(published(&inputs));
            let years: Vec<i32> = inputs.site.years.iter().map(|y| y.year).collect();
            for asset in crate::model::files::unlisted(&inputs.site.assets, &years) {
                diags.push(
                    Diagnostic::warning(
                        std::path::Path::new("content").join(&asset.rel),
                        crate::msg::commands::unlisted_file(),
                    )
                    .help(crate::msg::commands::unlisted_file_help())
                    .code("unlisted-file"),
                );
            }
            for e in inputs.site.ledger.entries.iter().filter(|e| e.overdue) {
                let r = &e.record;
                let mut d = r
                    .origin
                    .error(
                        "deadline",
                        crate::msg::commands::overdue(
                            &r.id,
                            r.deadline_text.as_deref().unwrap_or(""),
                            &r.status,
                        ),
                    )
                    .help(crate::msg::commands::overdue_help())
                    .code("overdue");
                d.severity = Severity::Warning;
                diags.push(d);
            }
            diags
        }
    };
    // Before publishing, an unfilled placeholder is an error, not a reminder.
    for d in diags.iter_mut().filter(|d| d.code == Some("placeholder")) {
        d.severity = Severity::Error;
    }
    error::sort(&mut diags);
    diags
}

/// What the build's last gate would refuse: a classification marking in any file the site
/// would publish, as rendered (see [`crate::output::gate`]). Pages are rendered in memory.
fn published(inputs: &crate::Inputs) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let plan = match crate::render::Plan::new(&inputs.site, &inputs.theme) {
        Ok(plan) => plan,
        Err(failure) => return failure.0,
    };
    let mut diags: Vec<Diagnostic> = plan.case_collisions();
    let gated: Vec<Diagnostic> = (0..plan.len())
        .into_par_iter()
        .filter_map(|i| plan.file(i).and_then(crate::output::gate).err())
        .collect();
    diags.extend(gated);
    diags.dedup();
    diags
}

/// The exit code of `annals check`: 0 clean, 1 errors, 2 warnings only under `--strict`.
pub fn exit_code(diags: &[Diagnostic], strict: bool) -> u8 {
    if diags.iter().any(Diagnostic::is_error) {
        1
    } else if strict && !diags.is_empty() {
        2
    } else {
        0
    }
}
