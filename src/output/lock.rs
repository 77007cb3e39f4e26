//! One build of a site at a time. Two builds racing each other publish in the order they
//! finish, so a slower build of older sources could win and bring back a deleted document.
//! A build takes an exclusive lock on the site folder before it reads anything; a second
//! build waits for the first, then reads the sources as they are by then.

use crate::error::Diagnostic;
use rustix::fs::{FlockOperation, flock};
use std::fs::File;
use std::path::Path;

/// Held while a build runs; the lock goes when it is dropped (or the process ends).
#[derive(Debug)]
pub struct SiteLock(#[allow(dead_code)] File);

/// Locks the site folder `root`. When another build holds it, `waiting` is called once and
/// the lock is waited for.
pub fn lock(root: &Path, waiting: impl FnOnce()) -> Result<SiteLock, Diagnostic> {
    let dir = File::open(root).map_err(|e| {
        crate::fsx::io_diagnostic(root, &crate::msg::files::act_open_site(), &e)
            .help(crate::msg::publish::pass_root_help())
    })?;
    match flock(&dir, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => return Ok(SiteLock(dir)),
        Err(rustix::io::Errno::WOULDBLOCK) => waiting(),
        // A file system without locks (some network shares): build without one.
        Err(_) => return Ok(SiteLock(dir)),
    }
    flock(&dir, FlockOperation::LockExclusive).map_err(|e| {
        Diagnostic::error(root, crate::msg::publish::lock_failed(&e.to_string()))
            .help(crate::msg::publish::lock_failed_help())
    })?;
    Ok(SiteLock(dir))
}

/// Locks the site folder for a build, saying on the terminal when it waits for another one.
pub fn lock_for_build(root: &Path) -> Result<SiteLock, Diagnostic> {
    lock(root, || {
        eprintln!("{}", crate::msg::publish::lock_waiting())
    })
}
