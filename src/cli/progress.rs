//! A build's progress on the terminal: a bar on an interactive terminal, plain lines in a pipe or
//! CI log (a bar there would be carriage returns in a file), nothing for a build that ends
//! before anyone waits. It reads the build's counters ([`Progress`]) from its own thread and is
//! cleared before the build's summary is printed.

use crate::msg::commands as m;
use crate::pipeline::progress::{Progress, Step};
use clap::ValueEnum;
use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How `annals build` shows its progress.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum ProgressArg {
    /// A bar on a terminal; in a pipe, plain lines once the build has run for two seconds.
    #[default]
    Auto,
    /// Plain lines from the start, whatever standard error is.
    Lines,
    /// Nothing but the summary.
    None,
}

/// A pipe stays quiet for builds shorter than this: a small archive builds in well under a
/// second, and three lines of progress would outnumber its summary.
const QUIET_FOR: Duration = Duration::from_secs(2);
/// How often plain lines repeat the page count while pages are written.
const LINE_EVERY: Duration = Duration::from_secs(5);
/// How often the display looks at the counters. Between looks its thread is parked, and
/// [`Display::finish`] wakes it: a thread that slept its tick out made every build end on
/// the next tick, 100 ms for a 70 ms build of 100 reports (50 ms on average at any size).
const TICK: Duration = Duration::from_millis(100);

/// The thread showing one build's progress.
pub struct Display {
    stop: Arc<AtomicBool>,
    thread: JoinHandle<()>,
}

impl Display {
    /// Starts showing `progress` as `how` asks; `None` when nothing is to be shown.
    pub fn start(progress: Arc<Progress>, how: ProgressArg) -> Option<Display> {
        let terminal = std::io::stderr().is_terminal();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let thread = match (how, terminal) {
            (ProgressArg::None, _) => return None,
            (ProgressArg::Auto, true) => std::thread::spawn(move || bar(&progress, &stopped)),
            (ProgressArg::Auto, false) => {
                std::thread::spawn(move || lines(&progress, &stopped, QUIET_FOR))
            }
            (ProgressArg::Lines, _) => {
                std::thread::spawn(move || lines(&progress, &stopped, Duration::ZERO))
            }
        };
        Some(Display { stop, thread })
    }

    /// Stops the display (waking its thread) and clears the bar, so what follows starts on a
    /// clean line.
    pub fn finish(self) {
        self.stop.store(true, Ordering::Relaxed);
        self.thread.thread().unpark();
        let _ = self.thread.join();
    }
}

fn running(progress: &Progress, stop: &AtomicBool) -> bool {
    !stop.load(Ordering::Relaxed) && !progress.finished()
}

/// indicatif's bar, redrawn ten times a second: the step, and the pages while they are written.
fn bar(progress: &Progress, stop: &AtomicBool) {
    let bar = indicatif::ProgressBar::new(0);
    let spinner = indicatif::ProgressStyle::with_template("{spinner} {msg} {elapsed}")
        .expect("a valid template");
    let pages = indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {elapsed}")
        .expect("a valid template")
        .progress_chars("=> ");
    bar.set_style(spinner.clone());
    let mut shown = None;
    while running(progress, stop) {
        let step = progress.step();
        if shown != Some(step) {
            bar.set_style(if step == Step::Rendering {
                pages.clone()
            } else {
                spinner.clone()
            });
            bar.set_message(label(step));
            shown = Some(step);
        }
        let (done, total) = progress.pages();
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        bar.tick();
        std::thread::park_timeout(TICK);
    }
    bar.finish_and_clear();
}

/// Plain lines: one a step, and the page count every few seconds, once `quiet` has passed. A
/// step passed between two looks (a small site renders in less than one) still gets its line,
/// so the lines are the same however fast the build runs.
fn lines(progress: &Progress, stop: &AtomicBool, quiet: Duration) {
    let started = Instant::now();
    let mut said: Option<Step> = None;
    let mut counted = Instant::now();
    let catch_up = |said: &mut Option<Step>| {
        let now = progress.step();
        for step in [Step::Loading, Step::Rendering, Step::Publishing] {
            if step <= now && said.is_none_or(|s| step > s) {
                eprintln!("{}", line(step, progress.pages().1));
                *said = Some(step);
            }
        }
    };
    loop {
        let going = running(progress, stop);
        if started.elapsed() >= quiet {
            let before = said;
            catch_up(&mut said);
            let (done, total) = progress.pages();
            if said != before {
                counted = Instant::now();
            } else if going && said == Some(Step::Rendering) && counted.elapsed() >= LINE_EVERY {
                eprintln!("{}", m::progress_pages(done, total));
                counted = Instant::now();
            }
        }
        if !going {
            return;
        }
        std::thread::park_timeout(TICK);
    }
}

fn label(step: Step) -> String {
    match step {
        Step::Loading => m::progress_loading(),
        Step::Rendering => m::progress_rendering_label(),
        Step::Publishing => m::progress_publishing(),
    }
}

fn line(step: Step, pages: usize) -> String {
    match step {
        Step::Rendering => m::progress_rendering(pages),
        other => format!("{}…", label(other)),
    }
}
