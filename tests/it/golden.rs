//! Golden pages: the `<main>` region of every page of the fixture sites, compared with the
//! files under `tests/expected/<fixture>/`. A change of what a page shows fails here until it
//! is looked at and accepted with `ANNALS_BLESS=1 cargo test golden`, which rewrites the
//! files; a golden file no page produces any more fails too (and is removed by a bless).

use crate::common::*;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn expected_dir(fixture: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expected")
        .join(fixture)
}

/// The golden files under `dir`, by path relative to it.
fn goldens(dir: &Path) -> BTreeMap<String, String> {
    if !dir.exists() {
        return BTreeMap::new();
    }
    tree(dir)
        .into_iter()
        .map(|(rel, bytes)| {
            (
                rel,
                String::from_utf8(bytes).expect("golden files are UTF-8"),
            )
        })
        .collect()
}

/// The first line where `want` and `got` differ, for the failure message.
fn first_difference(want: &str, got: &str) -> String {
    let (mut w, mut g) = (want.lines(), got.lines());
    for n in 1.. {
        match (w.next(), g.next()) {
            (None, None) => break,
            (a, b) if a == b => continue,
            (a, b) => {
                return format!(
                    "line {n}:\n  expected: {}\n  got:      {}",
                    a.unwrap_or("(end)"),
                    b.unwrap_or("(end)")
                );
            }
        }
    }
    "only in line endings".into()
}

fn check_fixture(fixture: &'static str) {
    let (site, _) = built(fixture);
    let pages: BTreeMap<String, String> = tree(&site.public())
        .into_iter()
        .filter(|(rel, _)| rel.ends_with(".html"))
        .map(|(rel, bytes)| {
            let html = String::from_utf8(bytes).expect("pages are UTF-8");
            (rel, format!("{}\n", main_region(&html)))
        })
        .collect();
    assert!(
        pages.len() >= 5,
        "{fixture}: too few pages: {:?}",
        pages.keys()
    );
    let dir = expected_dir(fixture);
    if std::env::var_os("ANNALS_BLESS").is_some_and(|v| v == "1") {
        if dir.exists() {
            fs::remove_dir_all(&dir).expect("remove the old goldens");
        }
        for (rel, main) in &pages {
            let path = dir.join(rel);
            fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
            fs::write(path, main).expect("write a golden");
        }
        eprintln!("{fixture}: wrote {} golden pages", pages.len());
        return;
    }
    let want = goldens(&dir);
    let mut problems = Vec::new();
    for (rel, main) in &pages {
        match want.get(rel) {
            None => problems.push(format!("{rel}: no golden file")),
            Some(w) if w != main => {
                problems.push(format!("{rel}: differs at {}", first_difference(w, main)))
            }
            Some(_) => {}
        }
    }
    for rel in want.keys().filter(|rel| !pages.contains_key(*rel)) {
        problems.push(format!(
            "{rel}: golden file of a page the build no longer writes"
        ));
    }
    assert!(
        problems.is_empty(),
        "{fixture}: the pages' <main> differ from tests/expected/{fixture}/ (look, then accept \
         with ANNALS_BLESS=1 cargo test golden):\n{}",
        problems.join("\n")
    );
}

#[test]
fn pages_of_the_basic_fixture_match_their_goldens() {
    check_fixture("basic");
}

#[test]
fn pages_of_the_search_fixture_match_their_goldens() {
    check_fixture("search");
}
