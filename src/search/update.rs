//! Replacing documents' entries in a published index in place, for `serve`: an edit to one
//! document's text re-indexes that document, where a build re-indexes the whole archive.

use super::entries::document_entry;
use super::index::{document, register, tantivy_error};
use super::schema::Fields;
use crate::error::Failure;
use crate::model::Document;
use std::path::Path;
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

/// The smallest writer budget tantivy accepts: an edit adds a handful of documents.
const BUDGET: usize = 15_000_000;

/// A writer on the published index.
pub struct Updater {
    writer: IndexWriter<TantivyDocument>,
    f: Fields,
}

/// Where diagnostics say the index is.
fn failed(e: tantivy::TantivyError) -> Failure {
    tantivy_error(&Path::new(super::settings::DIR).join("index"), e)
}

impl Updater {
    /// Opens a writer on the index in `dir` (built by this version: `serve` built it).
    pub fn open(dir: &Path) -> Result<Updater, Failure> {
        let index = Index::open_in_dir(dir).map_err(failed)?;
        register(&index);
        let writer = index.writer_with_num_threads(1, BUDGET).map_err(failed)?;
        Ok(Updater {
            writer,
            f: Fields::schema().1,
        })
    }

    /// Replaces the entries of `docs` (found by URL) and commits.
    pub fn replace(&mut self, docs: &[&Document]) -> Result<(), Failure> {
        for d in docs {
            self.writer
                .delete_term(Term::from_field_text(self.f.url, &d.url));
            self.writer
                .add_document(document(&self.f, &document_entry(d)))
                .map_err(failed)?;
        }
        self.writer.commit().map_err(failed)?;
        Ok(())
    }

    /// Lets merges started by the commits finish, and releases the index (before a build
    /// swaps another index in).
    pub fn close(self) {
        let _ = self.writer.wait_merging_threads();
    }
}
