//! The conductor: LOAD .. PUBLISH in order. [`build`] is `annals build`: everything loaded and
//! checked, then pages rendered and the index written side by side into staging folders and
//! swapped into place. [`in_place`] applies an edit of documents' text to the last build (what
//! `annals serve` does on a save) through the same stages.

pub mod in_place;
pub mod progress;

use crate::error::{self, Diagnostic, Failure};
use crate::{config, content, fsx, model, output, render, search, theme};
use std::path::{Path, PathBuf};

/// What `build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The output folder. Default: `root/public`.
    pub output: Option<PathBuf>,
    /// The date overdue ledger records are judged on. Default: today.
    pub today: Option<chrono::NaiveDate>,
    /// Write `.gz` siblings of the text files (for nginx's `gzip_static`).
    pub gzip: bool,
    /// Counters a progress display reads while the build runs (none: nobody watches).
    pub progress: Option<std::sync::Arc<progress::Progress>>,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// The folder the site was written to.
    pub output: PathBuf,
    /// Years built.
    pub years: usize,
    /// Documents published.
    pub documents: usize,
    /// Files written.
    pub files: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

impl std::fmt::Display for BuildReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::msg::report::built(
            self.years,
            self.documents,
            self.files,
            &self.output.display().to_string(),
        ))
    }
}

/// Everything a build reads, loaded and checked.
pub struct Inputs {
    /// The assembled archive.
    pub site: model::Site,
    /// The templates and static files.
    pub theme: theme::Theme,
    /// The search settings (user dictionary, synonyms).
    pub search: search::Settings,
    /// Problems that do not stop a build (placeholders, restricted markings).
    pub warnings: Vec<error::Diagnostic>,
}

/// Loads, checks and assembles the archive without writing anything; every problem of every
/// input is collected before failing.
pub fn load(root: &Path, today: Option<chrono::NaiveDate>) -> Result<Inputs, Failure> {
    let config = config::Config::load(root)?;
    let search_dir = root.join(search::settings::DIR);
    let ((loaded, theme), search) = rayon::join(
        || {
            rayon::join(
                || content::load(root, &config),
                || theme::load(root, &config),
            )
        },
        || {
            let settings = search::Settings::load(&search_dir, Path::new(search::settings::DIR))?;
            settings.check_dictionary()?;
            Ok(settings)
        },
    );
    let (loaded, theme, search) = match (loaded, theme, search) {
        (Ok(l), Ok(t), Ok(s)) => (l, t, s),
        (l, t, s) => {
            let diags = [l.err(), t.err(), s.err()]
                .into_iter()
                .flatten()
                .flat_map(|f| f.0)
                .collect();
            return Err(Failure(diags));
        }
    };
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let warnings = loaded.warnings.clone();
    let site = model::assemble(loaded, &config, today)?;
    Ok(Inputs {
        site,
        theme,
        search,
        warnings,
    })
}

/// Builds the site: content + theme -> the output folder and the search index, atomically.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Failure> {
    let _lock = output::lock_for_build(&opts.root)?;
    let result = load(&opts.root, opts.today).and_then(|inputs| build_from(&inputs, opts));
    if let Some(p) = &opts.progress {
        p.finish();
    }
    result
}

/// Renders and indexes loaded inputs, then swaps the index and the site into place.
pub fn build_from(inputs: &Inputs, opts: &BuildOptions) -> Result<BuildReport, Failure> {
    let default = opts.root.join("public");
    let target = output::target::resolve(
        &opts.root,
        opts.output.as_deref().unwrap_or(&default),
        opts.output.is_none(),
    )?;
    let index_dir = search::index_dir(&opts.root);
    if output::target::is_mount_point(&index_dir) {
        return Err(
            Diagnostic::error(&index_dir, crate::msg::report::index_mount_point())
                .help(crate::msg::report::index_mount_point_help())
                .into(),
        );
    }
    let index_dir = output::target::real_path(&index_dir)
        .map_err(|e| fsx::io_diagnostic(&index_dir, &crate::msg::files::act_resolve_index(), &e))?;
    // The site's staging folder exists before anything is made: pages are written into it
    // as they are rendered, and the static search bundle as its files are made.
    let site_staged = fsx::Staged::new(&target)?;
    let (rendered, index_staged) = rayon::join(
        || {
            let plan = render::Plan::new(&inputs.site, &inputs.theme)?;
            let collisions = plan.case_collisions();
            let progress = opts.progress.as_deref();
            if let Some(p) = progress {
                p.rendering(plan.len());
            }
            let page = |i| {
                let f = plan.file(i).and_then(output::gate);
                if let Some(p) = progress {
                    p.page_written();
                }
                f
            };
            output::stage(plan.len(), page, &site_staged, &target)?;
            output::stamp(&site_staged)?;
            Ok((collisions, plan.len()))
        },
        || search::index::stage(&inputs.site, &inputs.search, &index_dir, site_staged.path()),
    );
    let ((collisions, files), (index_staged, bundle)) = match (rendered, index_staged) {
        (Ok(s), Ok(i)) => (s, i),
        (s, i) => {
            let diags = [s.err(), i.err()]
                .into_iter()
                .flatten()
                .flat_map(|f| f.0)
                .collect();
            return Err(Failure(diags));
        }
    };
    if let Some(p) = &opts.progress {
        p.enter(progress::Step::Publishing);
    }
    let files = files + bundle.files;
    if opts.gzip {
        output::gzip::siblings(site_staged.path())?;
    }
    index_staged.commit()?;
    site_staged.commit().map_err(|mut f| {
        for d in &mut f.0 {
            d.message
                .push_str(&crate::msg::report::index_already_replaced());
        }
        f
    })?;
    let site = &inputs.site;
    Ok(BuildReport {
        output: target,
        years: site.years.len(),
        documents: site.years.iter().map(|y| y.documents.len()).sum(),
        files,
        warnings: inputs.warnings.iter().cloned().chain(collisions).collect(),
    })
}
