//! What the `serve` benches share: a real `annals serve` child on 127.0.0.1, and the document
//! they edit.

use std::io::{BufRead, BufReader, Lines};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Command, Stdio};

/// Starts `annals serve --port 0` on `root` (it builds first) and waits for its address: the
/// child, its port, and the rest of what it prints.
pub(crate) fn serve(root: &Path) -> (Child, u16, Lines<BufReader<ChildStderr>>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stderr(Stdio::piped())
        .spawn()
        .expect("start annals serve");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let port = loop {
        let line = lines.next().expect("serve exited").expect("stderr line");
        if let Some(rest) = line.strip_prefix("serving http://127.0.0.1:") {
            break rest
                .split('/')
                .next()
                .and_then(|p| p.parse().ok())
                .expect("port");
        }
    };
    (child, port, lines)
}

/// The first document (not an `_index.md`) of the newest year folder.
pub(crate) fn newest_document(root: &Path) -> PathBuf {
    let mut years: Vec<_> = std::fs::read_dir(root.join("content"))
        .expect("content/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    years.sort();
    let year = years.pop().expect("a year folder");
    let mut docs: Vec<_> = std::fs::read_dir(&year)
        .expect("year folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .collect();
    docs.sort();
    docs.into_iter().next().expect("a document")
}
