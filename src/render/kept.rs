//! RENDER: the HTML of a year's documents as their pages rendered it, kept for the year's
//! booklet, which shows every document of the year again. Without it each document's
//! Markdown was parsed and written out as HTML twice a build (2.8% of a 10k build's CPU went
//! to the booklets' second rendering).
//!
//! A booklet is planned after its year's documents, so the pages are usually made first; a
//! page made after its booklet (the threads take the plan's files in no fixed order) keeps
//! nothing, and a booklet renders what was not kept. Only the years whose booklet is still
//! to come hold HTML: a year's (at 100,000 reports, some 50 MB), not the archive's.

use crate::model::Site;
use std::sync::Mutex;

/// Kept HTML, per year of the site (by its index in `site.years`).
pub(super) struct Kept {
    years: Vec<Mutex<Year>>,
}

/// One year's kept HTML, per document, until its booklet takes it.
struct Year {
    taken: bool,
    html: Vec<Option<String>>,
}

impl Kept {
    /// Room for every document of `site`.
    pub(super) fn new(site: &Site) -> Kept {
        Kept {
            years: site
                .years
                .iter()
                .map(|y| {
                    Mutex::new(Year {
                        taken: false,
                        html: vec![None; y.documents.len()],
                    })
                })
                .collect(),
        }
    }

    /// Keeps the HTML of document `doc` of year `year`, unless that year's booklet is made.
    pub(super) fn keep(&self, year: usize, doc: usize, html: &str) {
        if let Some(y) = self.years.get(year) {
            let mut y = y.lock().unwrap_or_else(|e| e.into_inner());
            if !y.taken
                && let Some(slot) = y.html.get_mut(doc)
            {
                *slot = Some(html.to_string());
            }
        }
    }

    /// Year `year`'s kept HTML per document (`None`: not rendered yet); nothing is kept for
    /// that year afterwards.
    pub(super) fn take(&self, year: usize) -> Vec<Option<String>> {
        self.years.get(year).map_or_else(Vec::new, |y| {
            let mut y = y.lock().unwrap_or_else(|e| e.into_inner());
            y.taken = true;
            std::mem::take(&mut y.html)
        })
    }
}
