//! PUBLISH: finished files -> an output folder, all or nothing.
//!
//! Files are written into a staging folder beside the target and swapped in only when every
//! one of them was written (see [`fsx::swap_into`]); a failed or killed build leaves the
//! previous output as it was. The site and the search index are both staged before either
//! is swapped, so a failure in one leaves both as they were.

mod classified;
pub mod gzip;
mod lock;
pub mod target;

pub use classified::{gate, marking};
pub use lock::{SiteLock, lock, lock_for_build};

use crate::error::{Diagnostic, Failure};
use crate::fsx::{self, Staged};
use crate::render::OutFile;
use rayon::prelude::*;
use std::path::Path;

/// Marks a staged site as annals' output (see [`target::STAMP`]), so a later build may replace it.
pub fn stamp(staged: &Staged) -> Result<(), Failure> {
    fsx::write(
        &staged.path().join(target::STAMP),
        target::STAMP_TEXT.as_bytes(),
    )?;
    Ok(())
}

/// Why a file could not be staged.
enum Problem {
    Make(Diagnostic),
    Write(Diagnostic),
}

/// Makes `count` files with `make` (in parallel) and writes each into `staged`, the staging
/// folder for `target`, as soon as it is made. Every distinct problem is reported.
pub fn stage(
    count: usize,
    make: impl Fn(usize) -> Result<OutFile, Diagnostic> + Sync,
    staged: &Staged,
    target: &Path,
) -> Result<(), Failure> {
    let problems: Vec<Problem> = (0..count)
        .into_par_iter()
        .filter_map(|i| {
            let f = match make(i) {
                Ok(f) => f,
                Err(d) => return Some(Problem::Make(d)),
            };
            fsx::write(&staged.path().join(&f.rel), &f.bytes)
                .err()
                .map(|mut d| {
                    d.path = target.join(&f.rel);
                    Problem::Write(d)
                })
        })
        .collect();
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut unwritten = 0;
    let mut first_unwritten = None;
    for p in problems {
        match p {
            Problem::Make(d) if !diags.contains(&d) => diags.push(d),
            Problem::Make(_) => {}
            // A full disk or a read-only folder fails every file the same way: one message.
            Problem::Write(d) if unwritten == 0 => {
                unwritten = 1;
                first_unwritten = Some(diags.len());
                diags.push(d);
            }
            Problem::Write(_) => unwritten += 1,
        }
    }
    if unwritten > 1
        && let Some(d) = first_unwritten.and_then(|i| diags.get_mut(i))
    {
        d.message
            .push_str(&crate::msg::publish::more_unwritten(unwritten - 1));
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(Failure(diags))
    }
}

/// Replaces some files of a published site in place, each atomically (the site as a whole is
/// not: this is `serve`'s edit of a few documents).
pub fn replace(site: &Path, files: &[OutFile]) -> Result<(), Failure> {
    for f in files {
        fsx::replace_file(&site.join(&f.rel), &f.bytes)?;
    }
    Ok(())
}
