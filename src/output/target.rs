//! Where a build may publish. Publishing replaces the output folder as a whole, so a wrong
//! `--output` would replace whatever is there: the sources (`--output content`), the site
//! itself, a folder of someone else's files. The output must be an earlier annals output
//! (it carries [`STAMP`], or, written before the stamp existed, the theme's
//! `assets/annals.css` and `404.html`), empty, missing, or the site's own `public/`; never the
//! site root, one of its source folders, or a folder holding them.

use crate::error::Diagnostic;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file every build puts in its output, marking the folder as one annals may replace.
pub const STAMP: &str = ".annals-output";

/// What the stamp says to someone who finds it.
pub const STAMP_TEXT: &str =
    "annals output: this folder is replaced as a whole by every `annals build`.\n";

/// The site's folders a build reads and must never replace.
const SOURCES: &[&str] = &["content", "templates", "static", "themes", "search-index"];

/// The real folder a build publishes `output` into, checked against everything above.
/// A symbolic link is published through (its target is replaced, the link stays).
pub fn resolve(root: &Path, output: &Path, is_default: bool) -> Result<PathBuf, Diagnostic> {
    let shown = output.to_path_buf();
    let root_real = fs::canonicalize(root).map_err(|e| {
        crate::fsx::io_diagnostic(root, &crate::msg::files::act_open_site(), &e)
            .help(crate::msg::publish::pass_root_help())
    })?;
    let out = real_path(output).map_err(|e| {
        crate::fsx::io_diagnostic(&shown, &crate::msg::files::act_resolve_output(), &e)
            .help(crate::msg::publish::output_parent_help())
    })?;
    let refuse = |why: String| {
        Diagnostic::error(&shown, crate::msg::publish::output_refused(&why))
            .help(crate::msg::publish::output_refused_help())
            .code("output-refused")
    };
    if out == root_real || root_real.starts_with(&out) {
        return Err(refuse(crate::msg::publish::output_is_site()));
    }
    for name in SOURCES {
        let source = root.join(name);
        let real = fs::canonicalize(&source).unwrap_or_else(|_| root_real.join(name));
        if out == real || out.starts_with(&real) || real.starts_with(&out) {
            return Err(refuse(crate::msg::publish::output_holds_source(name)));
        }
    }
    match fs::symlink_metadata(&out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(out),
        Err(e) => {
            return Err(crate::fsx::io_diagnostic(
                &shown,
                &crate::msg::publish::act_read_output(),
                &e,
            ));
        }
        Ok(m) if !m.is_dir() => {
            return Err(refuse(crate::msg::publish::output_is_file()));
        }
        Ok(_) => {}
    }
    if is_mount_point(&out) {
        return Err(
            Diagnostic::error(&shown, crate::msg::publish::output_mount_point())
                .help(crate::msg::publish::output_mount_point_help())
                .code("output-refused"),
        );
    }
    // Outputs of annals before the stamp existed are known by the theme's own files.
    let stamped = out.join(STAMP).is_file()
        || (out.join("assets/annals.css").is_file() && out.join("404.html").is_file());
    let empty = fs::read_dir(&out)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false);
    if !(stamped || empty || is_default) {
        return Err(refuse(crate::msg::publish::output_not_ours()));
    }
    Ok(out)
}

/// The real path of `path`: symbolic links resolved, and for a path that does not exist yet,
/// its nearest existing folder resolved and the rest appended.
pub fn real_path(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut missing = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        match fs::canonicalize(existing) {
            Ok(mut real) => {
                for part in missing.iter().rev() {
                    real.push(part);
                }
                return Ok(real);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let name = existing.file_name().ok_or(e)?;
                if matches!(
                    Path::new(name).components().next(),
                    Some(Component::ParentDir)
                ) {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidInput,
                        "`..` after a missing folder",
                    ));
                }
                missing.push(name.to_os_string());
                existing = existing.parent().unwrap_or(Path::new("/"));
            }
            Err(e) => return Err(e),
        }
    }
}

/// A folder on another file system than its parent: it cannot be renamed or swapped.
pub fn is_mount_point(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let parent = path.parent().unwrap_or(Path::new("/"));
    match (fs::metadata(path), fs::metadata(parent)) {
        (Ok(a), Ok(b)) => a.dev() != b.dev() || a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_and_foreign_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content/2025")).unwrap();
        fs::create_dir_all(dir.path().join("theirs")).unwrap();
        fs::write(dir.path().join("theirs/a.txt"), "a").unwrap();
        fs::write(dir.path().join("file"), "a").unwrap();
        for bad in [
            root.clone(),
            root.join("content"),
            root.join("content/2025/out"),
            root.join("search-index"),
            dir.path().to_path_buf(),
            dir.path().join("theirs"),
            dir.path().join("file"),
            root.join("content/../content"),
        ] {
            let e = resolve(&root, &bad, false).expect_err(&bad.display().to_string());
            assert!(e.message.starts_with("拒绝发布到这里"), "{}", e.message);
        }
        for good in [
            root.join("public"),
            dir.path().join("new/www"),
            root.join("out"),
        ] {
            resolve(&root, &good, false)
                .unwrap_or_else(|_| panic!("{}", good.display().to_string()));
        }
        fs::create_dir_all(dir.path().join("stamped")).unwrap();
        fs::write(dir.path().join("stamped/x.html"), "x").unwrap();
        fs::write(dir.path().join("stamped").join(STAMP), STAMP_TEXT).unwrap();
        resolve(&root, &dir.path().join("stamped"), false).unwrap();
        // An output of an annals from before the stamp.
        fs::create_dir_all(dir.path().join("older/assets")).unwrap();
        fs::write(dir.path().join("older/assets/annals.css"), "").unwrap();
        fs::write(dir.path().join("older/404.html"), "").unwrap();
        resolve(&root, &dir.path().join("older"), false).unwrap();
    }
}
