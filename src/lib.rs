//! annals compiles an office's archive of yearly meeting documents into a static site.
//!
//! The pipeline, one module a stage, data flowing one way:
//!
//! 1. LOAD      [`config`] (`annals.yaml`), [`content`] (the walk of `content/`, decoding,
//!    front matter), [`theme`] (templates and static files)
//! 2. PARSE     [`markdown`] (HTML, headings, section text, with the CJK line rules)
//! 3. ASSEMBLE  [`model`] (years, documents, URLs, links across years)
//! 4. RENDER    [`render`] (tera templates, one view per page kind)
//! 5. PUBLISH   [`output`] (staging folder, atomic swap)
//!
//! Every problem in the user's files is an [`error::Diagnostic`]; a stage collects all of
//! them, so one run reports every mistake of the archive.

pub mod cli;
pub mod config;
pub mod content;
pub mod dates;
pub mod error;
pub mod fsx;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod theme;
pub mod yaml;

use error::{Diagnostic, Failure};
use std::path::{Path, PathBuf};

/// What `build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The output folder. Default: `root/public`.
    pub output: Option<PathBuf>,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub output: PathBuf,
    pub years: usize,
    pub documents: usize,
    pub files: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// Loads, checks and assembles the archive without writing anything.
pub fn load_site(root: &Path) -> Result<(model::Site, theme::Theme), Failure> {
    let config = config::Config::load(root)?;
    let (loaded, theme) = rayon::join(|| content::load(root, &config), || theme::load(root, &config));
    let (loaded, theme) = match (loaded, theme) {
        (Ok(l), Ok(t)) => (l, t),
        (l, t) => {
            let mut diags = Vec::new();
            for f in [l.err(), t.err()].into_iter().flatten() {
                diags.extend(f.0);
            }
            return Err(Failure(diags));
        }
    };
    let site = model::assemble(loaded, &config)?;
    Ok((site, theme))
}

/// Builds the site: content + theme -> the output folder, atomically.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Failure> {
    let (site, theme) = load_site(&opts.root)?;
    let files = render::render(&site, &theme)?;
    let target = opts.output.clone().unwrap_or_else(|| opts.root.join("public"));
    output::publish(&files, &target)?;
    Ok(BuildReport {
        output: target,
        years: site.years.len(),
        documents: site.years.iter().map(|y| y.documents.len()).sum(),
        files: files.len(),
        warnings: Vec::new(),
    })
}
