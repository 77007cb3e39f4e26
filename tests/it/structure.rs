//! The code map holds: `src/lib.rs` lists the modules in stage order (the ground floor, the
//! pipeline from LOAD to PUBLISH, the conductor, the commands), and a module only uses the
//! modules listed above it. An import that runs back up the stages, or a loop between two
//! stages, fails here with the file and line.

use std::fs;
use std::path::Path;
use walkdir::WalkDir;

/// The top-level modules of the library, in the order `src/lib.rs` declares them.
fn stage_order(src: &Path) -> Vec<String> {
    fs::read_to_string(src.join("lib.rs"))
        .expect("src/lib.rs")
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod ")?.strip_suffix(';'))
        .map(str::to_string)
        .collect()
}

/// The top-level modules a line of code names as `crate::NAME` or `crate::{A, B::C}`.
fn named_modules(line: &str) -> Vec<&str> {
    let ident_end = |s: &str| {
        s.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(s.len())
    };
    let mut out = Vec::new();
    for (i, _) in line.match_indices("crate::") {
        let rest = &line[i + "crate::".len()..];
        let Some(group) = rest.strip_prefix('{') else {
            out.push(&rest[..ident_end(rest)]);
            continue;
        };
        // The first name of each item at the group's own depth.
        let (mut depth, mut start) = (0, true);
        for (j, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => start = true,
                c if start && (c.is_ascii_alphanumeric() || c == '_') => {
                    out.push(&group[j..j + ident_end(&group[j..])]);
                    start = false;
                }
                _ => {}
            }
        }
    }
    out
}

#[test]
fn no_import_runs_back_up_the_stages() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let order = stage_order(&src);
    assert!(order.len() >= 15, "lib.rs lists {order:?}");
    let rank = |m: &str| order.iter().position(|o| o == m);
    let mut wrong = Vec::new();
    let mut seen = 0;
    for entry in WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.expect("walk src");
        let rel = entry.path().strip_prefix(&src).expect("below src");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let top = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .expect("a name")
            .trim_end_matches(".rs");
        // lib.rs and main.rs stand above every module.
        let Some(own) = rank(top) else { continue };
        let text = fs::read_to_string(entry.path()).expect("read a source file");
        for (n, line) in text.lines().enumerate() {
            if line.starts_with("#[cfg(test)]") {
                break; // unit tests may reach anything
            }
            if line.trim_start().starts_with("//") {
                continue;
            }
            for used in named_modules(line) {
                seen += 1;
                match rank(used) {
                    Some(r) if r > own => wrong.push(format!(
                        "src/{}:{}: {top} uses {used}, a later stage",
                        rel.display(),
                        n + 1
                    )),
                    Some(_) => {}
                    // `crate::Inputs`, `crate::load`: the conductor's items, re-exported.
                    None if order.iter().position(|o| o == "pipeline") < Some(own) => {}
                    None if top == "pipeline" => {}
                    None => wrong.push(format!(
                        "src/{}:{}: {top} uses crate::{used}",
                        rel.display(),
                        n + 1
                    )),
                }
            }
        }
    }
    assert!(seen > 100, "only {seen} crate:: paths found");
    assert!(
        wrong.is_empty(),
        "imports running back up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn named_modules_are_read_from_paths_and_groups() {
    assert_eq!(
        named_modules("use crate::text::{decode, html}; crate::model::Site"),
        ["text", "model"]
    );
    assert_eq!(
        named_modules("use crate::{fsx, text::{decode, html}, yaml};"),
        ["fsx", "text", "yaml"]
    );
}
