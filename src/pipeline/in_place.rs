//! Edits to documents' text, applied in place: `serve` keeps the last good build's inputs,
//! and when every changed file is a published document whose front matter did not change,
//! only those documents' pages and their years' booklets are rendered again and their index
//! entries replaced. No other page shows a document's text (lists, links and the ledger show
//! its front matter), so the result is the site a full build would write; the serve tests
//! compare the two. Anything else (a new or deleted file, front matter, a ledger, the theme,
//! the configuration) takes a full build.

use super::{BuildOptions, BuildReport, Inputs};
use crate::content::document::SourceDoc;
use crate::error::{Diagnostic, Failure};
use crate::render::{self, Renderer};
use crate::search::update::Updater;
use std::path::{Path, PathBuf};

/// What the rebuild thread keeps of the last good build.
pub struct Kept {
    inputs: Inputs,
    renderer: Renderer,
    /// A writer on the published index, opened by the first edit.
    updater: Option<Updater>,
    /// The last change failed: the next one takes a full build, which reports every problem
    /// still there (not only those of the files it touches).
    failed: bool,
}

/// Whether two loads of a document differ only in their Markdown text.
fn same_front_matter(a: &SourceDoc, b: &SourceDoc) -> bool {
    let strip = |d: &SourceDoc| SourceDoc {
        body: String::new(),
        body_line: 0,
        ..d.clone()
    };
    strip(a) == strip(b)
}

impl Kept {
    /// Builds the site under `root` into `public/` (as `annals build` does, under the site's
    /// lock) and keeps its inputs for the edits that follow.
    pub fn build(
        root: &Path,
        today: Option<chrono::NaiveDate>,
    ) -> Result<(BuildReport, Kept), Failure> {
        let _lock = crate::output::lock_for_build(root)?;
        let inputs = super::load(root, today)?;
        let report = super::build_from(
            &inputs,
            &BuildOptions {
                root: root.to_path_buf(),
                output: None,
                today,
                gzip: false,
                progress: None,
            },
        )?;
        let kept = Kept {
            renderer: Renderer::new(&inputs.theme)?,
            inputs,
            updater: None,
            failed: false,
        };
        Ok((report, kept))
    }

    /// The inputs of the last good build.
    pub fn inputs(&self) -> &Inputs {
        &self.inputs
    }

    /// Whether a changed path is an editor's passing file under content/ (vim's `4913` probe, a
    /// temporary copy): gone already, not a kind of file annals reads, and not an attachment
    /// the site has. Such a path changes nothing and needs no build.
    pub fn transient(&self, root: &Path, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(root.join("content")) else {
            return false;
        };
        let read = path.extension().is_some_and(|e| {
            ["md", "yaml", "yml", "csv", "xlsx"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        });
        !path.exists() && !read && !self.inputs.site.assets.iter().any(|a| a.rel == rel)
    }

    /// Records that a change failed (see `failed`).
    pub fn failed(&mut self) {
        self.failed = true;
    }

    /// Releases the published index before a full build swaps another in.
    pub fn close(&mut self) {
        if let Some(u) = self.updater.take() {
            u.close();
        }
    }

    /// Applies a change of the files `paths` in place when it is an edit of published
    /// documents' text: `None` when it is not (a full build is needed), else the edit's
    /// warnings or why it failed. The pages are replaced in `public/` and the documents'
    /// entries in the published index; a reader of that index sees them once it reloads. A document that does not load or render changes nothing;
    /// a page or index write that fails (a full disk) may leave part of the edit applied, and
    /// the next change takes a full build either way (see [`Kept::failed`]).
    pub fn edit(
        &mut self,
        root: &Path,
        paths: &[PathBuf],
    ) -> Option<Result<Vec<Diagnostic>, Failure>> {
        if self.failed {
            return None;
        }
        let site = &self.inputs.site;
        let mut edits = Vec::new();
        for path in paths {
            let (source, findings) = match crate::content::load_document(root, path, &site.config)?
            {
                Ok(loaded) => loaded,
                Err(failure) => return Some(Err(failure)),
            };
            let (y, d) = site.years.iter().enumerate().find_map(|(y, year)| {
                year.documents
                    .iter()
                    .position(|d| d.source.shown == source.shown)
                    .map(|d| (y, d))
            })?;
            if !same_front_matter(&site.years[y].documents[d].source, &source) {
                return None;
            }
            edits.push((y, d, source, findings));
        }
        Some(self.apply(root, edits))
    }

    fn apply(
        &mut self,
        root: &Path,
        edits: Vec<(usize, usize, SourceDoc, Vec<Diagnostic>)>,
    ) -> Result<Vec<Diagnostic>, Failure> {
        let _lock = crate::output::lock(root, || {})?;
        let mut warnings = Vec::new();
        let mut previous = Vec::new();
        for (y, d, source, findings) in edits {
            let doc = &mut self.inputs.site.years[y].documents[d];
            previous.push((y, d, std::mem::replace(&mut doc.source, source)));
            warnings.extend(findings);
        }
        // The documents' pages and their years' booklets: no other page shows their text.
        let years: std::collections::BTreeSet<usize> =
            previous.iter().map(|(y, _, _)| *y).collect();
        let pages: Result<Vec<_>, Diagnostic> = previous
            .iter()
            .map(|(y, d, _)| render::document_page(&self.renderer, &self.inputs.site, *y, *d))
            .chain(
                years
                    .iter()
                    .map(|y| render::booklet_page(&self.renderer, &self.inputs.site, *y)),
            )
            .map(|page| page.and_then(crate::output::gate))
            .collect();
        let pages = match pages {
            Ok(p) => p,
            Err(e) => {
                // Back to the last good inputs: nothing was written.
                for (y, d, old) in previous {
                    self.inputs.site.years[y].documents[d].source = old;
                }
                return Err(e.into());
            }
        };
        crate::output::replace(&root.join("public"), &pages)?;
        let updater = match &mut self.updater {
            Some(u) => u,
            None => self
                .updater
                .insert(Updater::open(&crate::search::index_dir(root))?),
        };
        let site = &self.inputs.site;
        let docs: Vec<_> = previous
            .iter()
            .map(|(y, d, _)| &site.years[*y].documents[*d])
            .collect();
        updater.replace(&docs)?;
        Ok(warnings)
    }
}
