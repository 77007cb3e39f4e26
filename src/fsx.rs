//! File-system helpers that always name the path, and the atomic folder swap.
//!
//! Every I/O error becomes a [`Diagnostic`] naming the file, so a user never sees a bare
//! "No such file or directory". Publishing builds the new output beside the old one and
//! exchanges the two in one `renameat2(RENAME_EXCHANGE)`, so a reader (or nginx) sees either
//! the old site or the new one, never a half-written or missing folder.

use crate::error::{Diagnostic, Failure};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Shows `path` relative to `root` when it lies inside it, as users type paths.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// An I/O error as a diagnostic on `shown`, with a fix for the usual causes.
pub fn io_diagnostic(shown: &Path, action: &str, err: &io::Error) -> Diagnostic {
    use crate::msg::files as m;
    let help = match err.kind() {
        io::ErrorKind::PermissionDenied => m::io_permission_help(),
        io::ErrorKind::NotFound => m::io_not_found_help(),
        io::ErrorKind::StorageFull => m::io_disk_full_help(),
        _ => m::io_other_help(),
    };
    Diagnostic::error(shown, m::io_failed(action, &io_reason(err))).help(help)
}

/// The system's reason for an I/O error in the current language: the usual kinds in the
/// catalogue's words, any other as the system put it.
pub fn io_reason(err: &io::Error) -> String {
    use crate::msg::files as m;
    match err.kind() {
        io::ErrorKind::NotFound => m::io_reason_not_found(),
        io::ErrorKind::PermissionDenied => m::io_reason_permission(),
        io::ErrorKind::StorageFull => m::io_reason_disk_full(),
        io::ErrorKind::AlreadyExists => m::io_reason_exists(),
        io::ErrorKind::ReadOnlyFilesystem => m::io_reason_read_only(),
        io::ErrorKind::NotADirectory => m::io_reason_not_a_folder(),
        io::ErrorKind::IsADirectory => m::io_reason_is_a_folder(),
        _ => m::io_reason_other(&err.to_string()),
    }
}

/// Reads a whole file; `shown` is the path printed in the diagnostic.
///
/// An editor that saves in place (truncate, then write) can be caught half-way: a file
/// modified in the last 50 ms is read once it has been quiet that long, its size and
/// modification time are compared before and after the read, and a read that raced a save is
/// done again, so a build never publishes a torn document (or calls its cut-off last character
/// an encoding error).
pub fn read(path: &Path, shown: &Path) -> Result<Vec<u8>, Diagnostic> {
    const TRIES: u32 = 5;
    let stat = |p: &Path| {
        fs::metadata(p)
            .map(|m| (m.len(), m.modified().ok()))
            .map_err(|e| io_diagnostic(shown, &crate::msg::files::act_read_file(), &e))
    };
    // A save pauses between its writes: a file written in the last moment may be half-saved
    // even when nothing changes while it is read, so it is read once it has been quiet this
    // long. As long as `serve`'s settle delay, so an edit under `serve` never waits for it.
    const QUIET: std::time::Duration = std::time::Duration::from_millis(50);
    // How long ago a file was last modified (unknown: taken as long ago).
    let age_of = |modified: Option<std::time::SystemTime>| {
        modified.and_then(|m| std::time::SystemTime::now().duration_since(m).ok())
    };
    for attempt in 1..=TRIES {
        let before = stat(path)?;
        let age = age_of(before.1).unwrap_or(QUIET);
        if age < QUIET {
            std::thread::sleep(QUIET - age);
            if stat(path)? != before {
                continue;
            }
        }
        let bytes = fs::read(path)
            .map_err(|e| io_diagnostic(shown, &crate::msg::files::act_read_file(), &e))?;
        let after = stat(path)?;
        // An editor that saves in place truncates first: a file emptied in the last second
        // is read again (a busy machine can pause the save for longer than QUIET right after
        // the truncation); still empty after every try, it is an empty file.
        let just_emptied = bytes.is_empty()
            && age_of(after.1).is_some_and(|a| a < std::time::Duration::from_secs(1));
        if before == after && bytes.len() as u64 == after.0 && (!just_emptied || attempt == TRIES) {
            return Ok(bytes);
        }
        std::thread::sleep(std::time::Duration::from_millis(25 * u64::from(attempt)));
    }
    Err(
        Diagnostic::error(shown, crate::msg::files::file_still_changing(TRIES))
            .help(crate::msg::files::file_still_changing_help())
            .code("changing-file"),
    )
}

/// Writes a file, creating its parent folders.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    // Most files go into a folder made for an earlier one: write first, and make the folders
    // only when the write finds none (a build writes some 20,000 files at 10,000 reports, and
    // making the folders first cost two more walks of each path).
    match fs::write(path, bytes) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        done => {
            return done.map_err(|e| io_diagnostic(path, &crate::msg::files::act_write_file(), &e));
        }
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| io_diagnostic(parent, &crate::msg::files::act_create_folder(), &e))?;
    }
    fs::write(path, bytes)
        .map_err(|e| io_diagnostic(path, &crate::msg::files::act_write_file(), &e))
}

/// Replaces one file in place atomically: written beside it, then renamed over it, so a
/// reader sees the old bytes or the new, never a part.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.new-{}", std::process::id()));
    write(&temp, bytes)?;
    fs::rename(&temp, path).map_err(|e| {
        let _ = fs::remove_file(&temp);
        io_diagnostic(path, &crate::msg::files::act_replace_file(), &e)
    })
}

/// Removes a folder tree if it exists.
pub fn remove_dir_all(path: &Path) -> Result<(), Diagnostic> {
    match remove_tree(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_diagnostic(
            path,
            &crate::msg::files::act_remove_folder(),
            &e,
        )),
    }
}

/// Removes a folder and everything in it, the files of each folder in parallel: a previous
/// site of 10,000 reports is 20,000 files, and removing them one after the other was the
/// last 2% of a build. A symbolic link is removed, never followed.
fn remove_tree(path: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    if !fs::symlink_metadata(path)?.is_dir() {
        return fs::remove_file(path);
    }
    let entries = fs::read_dir(path)?.collect::<io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|e| {
        let result = if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            fs::remove_file(e.path())
        };
        match result {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            r => r,
        }
    })?;
    fs::remove_dir(path)
}

/// A fresh staging folder beside `target` (same file system, so the swap is a rename).
/// Stale staging folders of builds that were killed are removed first.
pub fn staging_dir(target: &Path) -> Result<PathBuf, Diagnostic> {
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    fs::create_dir_all(parent)
        .map_err(|e| io_diagnostic(parent, &crate::msg::files::act_create_folder(), &e))?;
    remove_stale(parent, &name);
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    remove_dir_all(&staging)?;
    fs::create_dir(&staging)
        .map_err(|e| io_diagnostic(&staging, &crate::msg::files::act_create_staging(), &e))?;
    Ok(staging)
}

/// Deletes `.NAME.staging-PID` and `.NAME.old-PID` folders whose process is gone.
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = [".staging-", ".old-"].iter().find_map(|kind| {
            file.strip_prefix(&format!(".{name}{kind}"))
                .and_then(|p| p.parse::<u32>().ok())
        });
        if let Some(pid) = pid
            && pid != std::process::id()
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Puts the finished `staging` folder in place of `target` and removes the old contents.
///
/// Exchanges the two folders atomically where the kernel and file system allow it; elsewhere
/// falls back to two renames (a window of a few microseconds where `target` is absent).
pub fn swap_into(staging: &Path, target: &Path) -> Result<(), Diagnostic> {
    if target.exists() {
        let exchanged = rustix::fs::renameat_with(
            rustix::fs::CWD,
            staging,
            rustix::fs::CWD,
            target,
            rustix::fs::RenameFlags::EXCHANGE,
        );
        if exchanged.is_ok() {
            // `staging` now holds the previous output.
            return remove_dir_all(staging);
        }
        let old = staging.with_file_name(
            staging
                .file_name()
                .map(|n| n.to_string_lossy().replace(".staging-", ".old-"))
                .unwrap_or_default(),
        );
        fs::rename(target, &old)
            .map_err(|e| io_diagnostic(target, &crate::msg::files::act_move_aside(), &e))?;
        if let Err(e) = fs::rename(staging, target) {
            let _ = fs::rename(&old, target);
            return Err(io_diagnostic(
                target,
                &crate::msg::files::act_move_into_place(),
                &e,
            ));
        }
        return remove_dir_all(&old);
    }
    fs::rename(staging, target)
        .map_err(|e| io_diagnostic(target, &crate::msg::files::act_move_into_place(), &e))
}

/// A folder written beside its target, waiting to be swapped in. Dropped without
/// [`Staged::commit`], it is removed.
#[derive(Debug)]
pub struct Staged {
    staging: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staged {
    /// A fresh, empty staging folder for `target`.
    pub fn new(target: &Path) -> Result<Staged, Failure> {
        Ok(Staged {
            staging: staging_dir(target)?,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// The folder to write into.
    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Swaps the staged folder into place.
    pub fn commit(mut self) -> Result<(), Failure> {
        self.committed = true;
        swap_into(&self.staging, &self.target).map_err(|d| {
            let _ = remove_dir_all(&self.staging);
            Failure::from(d)
        })
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_dir_all(&self.staging);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_replaces_contents_and_cleans_up() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("public");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();
        let staging = staging_dir(&target).unwrap();
        fs::write(staging.join("new.html"), "new").unwrap();
        swap_into(&staging, &target).unwrap();
        assert!(target.join("new.html").exists());
        assert!(!target.join("old.html").exists());
        let left: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("public")]);
    }

    #[cfg(unix)]
    #[test]
    fn removing_a_tree_removes_links_not_what_they_point_to() {
        let dir = tempfile::tempdir().expect("temp dir");
        let kept = dir.path().join("kept");
        fs::create_dir_all(kept.join("inner")).unwrap();
        fs::write(kept.join("inner/a.txt"), "a").unwrap();
        let tree = dir.path().join("tree");
        for d in ["x/y/z", "w"] {
            fs::create_dir_all(tree.join(d)).unwrap();
        }
        for (i, f) in ["x/1", "x/y/2", "x/y/z/3", "w/4", "5"].iter().enumerate() {
            fs::write(tree.join(f), i.to_string()).unwrap();
        }
        std::os::unix::fs::symlink(&kept, tree.join("x/link")).unwrap();
        std::os::unix::fs::symlink(&kept, dir.path().join("top-link")).unwrap();
        remove_dir_all(&tree).unwrap();
        remove_dir_all(&dir.path().join("top-link")).unwrap();
        remove_dir_all(&dir.path().join("absent")).unwrap();
        assert!(!tree.exists() && !dir.path().join("top-link").exists());
        assert_eq!(fs::read_to_string(kept.join("inner/a.txt")).unwrap(), "a");
    }

    #[test]
    fn swap_into_missing_target_renames() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("out");
        let staging = staging_dir(&target).unwrap();
        fs::write(staging.join("a"), "a").unwrap();
        swap_into(&staging, &target).unwrap();
        assert_eq!(fs::read_to_string(target.join("a")).unwrap(), "a");
    }
}
