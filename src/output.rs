//! PUBLISH: finished files -> an output folder, all or nothing.
//!
//! Files are written into a staging folder beside the target and swapped in only when every
//! one of them was written (see [`fsx::swap_into`]); a failed or killed build leaves the
//! previous output as it was. The site and the search index are both staged before either
//! is swapped, so a failure in one leaves both as they were.

use crate::error::{Diagnostic, Failure};
use crate::fsx;
use crate::render::OutFile;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A folder written beside its target, waiting to be swapped in. Dropped without
/// [`Staged::commit`], it is removed.
#[derive(Debug)]
pub struct Staged {
    staging: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staged {
    /// A fresh, empty staging folder for `target`.
    pub fn new(target: &Path) -> Result<Staged, Failure> {
        Ok(Staged {
            staging: fsx::staging_dir(target)?,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// The folder to write into.
    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Swaps the staged folder into place.
    pub fn commit(mut self) -> Result<(), Failure> {
        self.committed = true;
        fsx::swap_into(&self.staging, &self.target).map_err(|d| {
            let _ = fsx::remove_dir_all(&self.staging);
            Failure::from(d)
        })
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fsx::remove_dir_all(&self.staging);
        }
    }
}

/// Makes `count` files with `make` (in parallel) and writes each into a staging folder for
/// `target` as soon as it is made. Every distinct problem is reported; any problem discards
/// the staging folder.
pub fn stage(
    count: usize,
    make: impl Fn(usize) -> Result<OutFile, Diagnostic> + Sync,
    target: &Path,
) -> Result<Staged, Failure> {
    let staged = Staged::new(target)?;
    let problems: Vec<Diagnostic> = (0..count)
        .into_par_iter()
        .filter_map(|i| {
            make(i)
                .and_then(|f| fsx::write(&staged.path().join(&f.rel), &f.bytes))
                .err()
        })
        .collect();
    let mut diags: Vec<Diagnostic> = Vec::new();
    for d in problems {
        if !diags.contains(&d) {
            diags.push(d);
        }
    }
    if diags.is_empty() {
        Ok(staged)
    } else {
        Err(Failure(diags))
    }
}
