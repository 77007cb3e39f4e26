//! PUBLISH: the rendered files -> the output folder, all or nothing.
//!
//! Files are written into a staging folder beside the output and swapped in only when every
//! one of them was written; a failed or killed build leaves the previous output as it was.

use crate::error::Failure;
use crate::fsx;
use crate::render::OutFile;
use rayon::prelude::*;
use std::path::Path;

/// Writes `files` into a staging folder, then swaps it into `target`.
pub fn publish(files: &[OutFile], target: &Path) -> Result<(), Failure> {
    let staging = fsx::staging_dir(target)?;
    let written: Result<(), _> = files.par_iter().try_for_each(|f| fsx::write(&staging.join(&f.rel), &f.bytes));
    if let Err(d) = written {
        let _ = fsx::remove_dir_all(&staging);
        return Err(d.into());
    }
    fsx::swap_into(&staging, target).map_err(|d| {
        let _ = fsx::remove_dir_all(&staging);
        Failure::from(d)
    })
}
