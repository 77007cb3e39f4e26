//! `.gz` siblings of a staged site's text files, for nginx's `gzip_static on`: the server
//! sends the file compressed once at build time instead of compressing it per request.
//!
//! The static search index's data files are left alone: they are deflated inside already.

use crate::error::{Diagnostic, Failure};
use crate::fsx;
use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Files smaller than this are sent as they are (nginx's `gzip_min_length` habit).
const SMALLEST: u64 = 256;

fn compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "css" | "js" | "svg" | "json" | "xml" | "txt")
    )
}

/// Writes `FILE.gz` beside every compressible file under `dir` (not under `searchindex/`).
pub fn siblings(dir: &Path) -> Result<(), Failure> {
    let data = dir.join(crate::search::bundle::DIR);
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.path().starts_with(&data))
        .filter(|e| compressible(e.path()) && e.metadata().is_ok_and(|m| m.len() >= SMALLEST))
        .map(|e| e.into_path())
        .collect();
    files
        .par_iter()
        .try_for_each(|path| {
            // The staged files are annals' own, just written: read them plainly.
            let bytes = std::fs::read(path)
                .map_err(|e| fsx::io_diagnostic(path, &crate::msg::files::act_read_file(), &e))?;
            let mut gz = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::best());
            gz.write_all(&bytes)
                .and_then(|_| gz.finish())
                .map_err(|e| fsx::io_diagnostic(path, &crate::msg::files::act_compress(), &e))
                .and_then(|packed| {
                    let mut name = path.as_os_str().to_owned();
                    name.push(".gz");
                    fsx::write(Path::new(&name), &packed)
                })
        })
        .map_err(|d: Diagnostic| Failure::from(d))
}
