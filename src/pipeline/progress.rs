//! How far a build has come, for a progress display. The stages add to counters (one atomic
//! add a page, nothing else in the hot loop); whoever shows them, the binary's progress bar or
//! its plain lines, reads them from another thread. Nothing is printed here.

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};

/// The steps of a build, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// Reading and checking `content/`, the theme and the settings.
    Loading,
    /// Rendering the pages and writing the search index, side by side.
    Rendering,
    /// Swapping the new site and index into place.
    Publishing,
}

/// The counters of one build.
#[derive(Debug, Default)]
pub struct Progress {
    step: AtomicU8,
    finished: AtomicBool,
    pages_done: AtomicUsize,
    pages_total: AtomicUsize,
}

impl Progress {
    /// The step the build is at, or the last it reached once it has finished.
    pub fn step(&self) -> Step {
        match self.step.load(Ordering::Relaxed) {
            0 => Step::Loading,
            1 => Step::Rendering,
            _ => Step::Publishing,
        }
    }

    /// Whether the build has ended (done or failed).
    pub fn finished(&self) -> bool {
        self.finished.load(Ordering::Relaxed)
    }

    /// Says the build has ended.
    pub fn finish(&self) {
        self.finished.store(true, Ordering::Relaxed);
    }

    /// Pages written so far, and of how many.
    pub fn pages(&self) -> (usize, usize) {
        (
            self.pages_done.load(Ordering::Relaxed),
            self.pages_total.load(Ordering::Relaxed),
        )
    }

    /// Moves to `step` (never back).
    pub(crate) fn enter(&self, step: Step) {
        self.step.fetch_max(step as u8, Ordering::Relaxed);
    }

    /// Says how many pages the build renders.
    pub(crate) fn rendering(&self, pages: usize) {
        self.pages_total.store(pages, Ordering::Relaxed);
        self.enter(Step::Rendering);
    }

    /// Counts one page written.
    pub(crate) fn page_written(&self) {
        self.pages_done.fetch_add(1, Ordering::Relaxed);
    }
}
