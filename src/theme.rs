//! LOAD: the theme -> [`Theme`]: its templates and static files, with the site's own
//! `templates/` and `static/` overriding them by name.
//!
//! The default theme is also compiled into the binary, so `annals` alone (one file on an
//! intranet server) builds a site; a `themes/default/` folder on disk takes precedence.

use crate::config::Config;
use crate::error::{Diagnostic, Failure};
use crate::fsx;
use crate::text::decode;
use include_dir::{Dir, include_dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A template source and where it came from.
#[derive(Debug, Clone)]
pub struct Template {
    /// The name templates use to refer to it, e.g. `document.html`.
    pub name: String,
    /// The file it was read from, relative to the site root (for diagnostics).
    pub shown: PathBuf,
    /// The template's text.
    pub source: String,
}

/// The templates and static files a build uses.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// By name; a site template replaces the theme's template of the same name.
    pub templates: BTreeMap<String, Template>,
    /// Static files by output path; the site's `static/` replaces the theme's.
    pub statics: BTreeMap<PathBuf, Vec<u8>>,
}

/// Loads the theme named in the config, then the site's overrides.
pub fn load(root: &Path, config: &Config) -> Result<Theme, Failure> {
    let mut theme = Theme::default();
    let mut diags = Vec::new();
    let dir = root.join("themes").join(&config.theme);
    if dir.is_dir() {
        read_layer(root, &dir, &mut theme, &mut diags);
    } else if config.theme == "default" {
        for (rel, bytes) in embedded(&DEFAULT_THEME) {
            if let Ok(rel) = rel.strip_prefix("templates") {
                let shown = Path::new("themes/default/templates").join(rel);
                add_template(&mut theme, rel, &shown, bytes).map_err(|d| Failure(vec![d]))?;
            } else if let Ok(rel) = rel.strip_prefix("static") {
                add_static(&mut theme, rel, bytes).map_err(|d| Failure(vec![d]))?;
            }
        }
    } else {
        return Err(Diagnostic::error(
            crate::config::FILE_NAME,
            crate::msg::content::theme_missing(&config.theme),
        )
        .help(crate::msg::content::theme_missing_help())
        .into());
    }
    // The site's own templates/ and static/ replace the theme's files of the same name.
    read_layer(root, root, &mut theme, &mut diags);
    if diags.is_empty() {
        Ok(theme)
    } else {
        Err(Failure(diags))
    }
}

/// Reads `dir/templates` and `dir/static` into `theme`, replacing files of the same name.
fn read_layer(root: &Path, dir: &Path, theme: &mut Theme, diags: &mut Vec<Diagnostic>) {
    read_folder(root, &dir.join("templates"), diags, |rel, shown, bytes| {
        add_template(theme, rel, shown, bytes)
    });
    read_folder(root, &dir.join("static"), diags, |rel, _, bytes| {
        add_static(theme, rel, bytes)
    });
}

fn add_template(
    theme: &mut Theme,
    rel: &Path,
    shown: &Path,
    bytes: &[u8],
) -> Result<(), Diagnostic> {
    let source = decode::decode(shown, bytes, true)?;
    let name = rel.to_string_lossy().replace('\\', "/");
    theme.templates.insert(
        name.clone(),
        Template {
            name,
            shown: shown.to_path_buf(),
            source,
        },
    );
    Ok(())
}

fn add_static(theme: &mut Theme, rel: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    theme.statics.insert(rel.to_path_buf(), bytes.to_vec());
    Ok(())
}

/// Reads every file below `dir` in name order and hands it to `add`; a missing folder is empty.
fn read_folder(
    root: &Path,
    dir: &Path,
    diags: &mut Vec<Diagnostic>,
    mut add: impl FnMut(&Path, &Path, &[u8]) -> Result<(), Diagnostic>,
) {
    if !dir.is_dir() {
        return;
    }
    for item in WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let item = match item {
            Ok(i) if i.file_type().is_file() => i,
            Ok(_) => continue,
            Err(e) => {
                let shown = e
                    .path()
                    .map(|p| fsx::relative(root, p))
                    .unwrap_or_else(|| fsx::relative(root, dir));
                diags.push(
                    Diagnostic::error(shown, e.to_string())
                        .help(crate::msg::content::theme_entry_help()),
                );
                continue;
            }
        };
        let rel = item.path().strip_prefix(dir).unwrap_or(item.path());
        if rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        {
            continue;
        }
        let shown = fsx::relative(root, item.path());
        let result = fsx::read(item.path(), &shown).and_then(|bytes| add(rel, &shown, &bytes));
        if let Err(d) = result {
            diags.push(d);
        }
    }
}

/// Every file of an embedded folder, with its path inside it, in name order.
fn embedded(dir: &'static Dir<'static>) -> Vec<(&'static Path, &'static [u8])> {
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        files.extend(d.files().map(|f| (f.path(), f.contents())));
        stack.extend(d.dirs());
    }
    files.sort();
    files
}
