//! The test harness: copy a fixture site into a temporary folder, run the real `annals`
//! binary on it, and read what it wrote.
#![allow(dead_code)]

pub(crate) mod http;
pub(crate) mod webdriver;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use walkdir::WalkDir;

/// Whether `git` can run here. Without it the git tests skip on a developer's machine and
/// fail under CI (`CI` set), where git is always present.
pub(crate) fn have_git() -> bool {
    let ok = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(std::env::var_os("CI").is_none(), "the git tests need git");
        eprintln!("SKIPPED: git is not installed");
    }
    ok
}

/// A site in a temporary folder (or, for [`built`], in the target's).
pub(crate) struct Site {
    pub dir: Option<tempfile::TempDir>,
    root: PathBuf,
}

pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies every file below `from` into `to`.
pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for e in WalkDir::new(from).sort_by_file_name() {
        let e = e.expect("fixture walk");
        let rel = e.path().strip_prefix(from).expect("below fixture");
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).expect("create fixture dir");
        } else {
            fs::copy(e.path(), &dest).expect("copy fixture file");
        }
    }
}

impl Site {
    /// A copy of `tests/fixtures/<name>`.
    pub(crate) fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_tree(&fixtures().join(name), dir.path());
        let root = dir.path().to_path_buf();
        Site {
            dir: Some(dir),
            root,
        }
    }

    /// A copy of `tests/fixtures/<name>` at `TEMP/site`, so the folder holding the site is the
    /// test's too (`holder()`): a test may put files beside the site, or point at its parent.
    pub(crate) fn nested(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        copy_tree(&fixtures().join(name), &root);
        Site {
            dir: Some(dir),
            root,
        }
    }

    /// The folder holding the site.
    pub(crate) fn holder(&self) -> &Path {
        self.root.parent().expect("a site folder has a parent")
    }

    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    pub(crate) fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes a file of the site (creating folders).
    pub(crate) fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        fs::write(path, bytes).expect("write");
    }

    /// Runs `annals ARGS --root ROOT`.
    pub(crate) fn annals(&self, args: &[&str]) -> Output {
        annals()
            .args(args)
            .arg("--root")
            .arg(self.root())
            .output()
            .expect("run annals")
    }

    /// Builds and asserts success.
    pub(crate) fn build(&self) -> Output {
        self.build_with(|_| {})
    }

    /// Builds with the command changed by `adjust` first (an environment variable, say) and
    /// asserts success.
    pub(crate) fn build_with(&self, adjust: impl FnOnce(&mut Command)) -> Output {
        let mut cmd = annals();
        cmd.arg("build").arg("--root").arg(self.root());
        adjust(&mut cmd);
        let out = cmd.output().expect("run annals");
        assert!(out.status.success(), "build failed:\n{}", stderr(&out));
        out
    }

    /// Builds and asserts failure with exit code 1; returns stderr.
    pub(crate) fn build_fails(&self) -> String {
        let out = self.annals(&["build"]);
        assert_eq!(
            out.status.code(),
            Some(1),
            "expected exit 1, stderr:\n{}",
            stderr(&out)
        );
        stderr(&out)
    }

    /// A built page's text.
    pub(crate) fn page(&self, rel: &str) -> String {
        fs::read_to_string(self.public().join(rel))
            .unwrap_or_else(|e| panic!("read public/{rel}: {e}"))
    }
}

/// A fixture site built once for the whole test run, with the build's stderr, for tests that
/// only read what it wrote. It lives in the target's temporary folder (a static is never
/// dropped, so a temporary folder would outlive the run) and is rebuilt by every run.
pub(crate) fn built(name: &'static str) -> &'static (Site, String) {
    use std::sync::{Mutex, OnceLock};
    static BUILT: OnceLock<Mutex<BTreeMap<&'static str, &'static (Site, String)>>> =
        OnceLock::new();
    let mut built = BUILT
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    built.entry(name).or_insert_with(|| {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("built")
            .join(name);
        if root.exists() {
            fs::remove_dir_all(&root).expect("remove the last run's site");
        }
        copy_tree(&fixtures().join(name), &root);
        let site = Site { dir: None, root };
        let out = site.build();
        Box::leak(Box::new((site, stderr(&out))))
    })
}

/// Runs `script` with `sh` in a mount namespace of its own (as root: a private one; otherwise
/// a user namespace mapped to root), with `envs` set, so a tmpfs it mounts is gone afterwards.
/// `None`, after saying why, where the kernel or the machine has no such namespaces; a script
/// that exits 90 says it could not mount.
pub(crate) fn in_mount_namespace(script: &str, envs: &[(&str, &Path)]) -> Option<Output> {
    let unshare_args: &[&str] = if rustix::process::geteuid().is_root() {
        &["--mount", "--propagation", "private"]
    } else {
        &["--mount", "--map-root-user"]
    };
    let mut cmd = Command::new("unshare");
    chinese(&mut cmd);
    cmd.args(unshare_args).args(["sh", "-c", script]);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.env("ANNALS", env!("CARGO_BIN_EXE_annals"));
    match cmd.output() {
        Ok(r) if r.status.success() => Some(r),
        Ok(r) if r.status.code() == Some(90) || stderr(&r).starts_with("unshare:") => {
            eprintln!("SKIPPED: cannot mount a tmpfs here: {}", stderr(&r));
            None
        }
        Ok(r) => panic!("the scenario failed early ({:?}): {}", r.status, stderr(&r)),
        Err(e) => {
            eprintln!("SKIPPED: unshare is not available: {e}");
            None
        }
    }
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file below `dir` with its bytes, by relative path.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("below")
                .to_string_lossy()
                .into_owned();
            (rel, fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// The `<main>` region of a page.
pub(crate) fn main_region(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>") + "</main>".len();
    &html[start..end]
}

/// Values of every `href` and `src` attribute, entities decoded.
pub(crate) fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let end = rest.find('"').expect("closing quote");
            out.push(
                rest[..end]
                    .replace("&amp;", "&")
                    .replace("&#39;", "'")
                    .replace("&quot;", "\""),
            );
            rest = &rest[end..];
        }
    }
    out
}

/// The `id` attributes of a page.
pub(crate) fn ids(html: &str) -> Vec<String> {
    html.split(" id=\"")
        .skip(1)
        .map(|s| s[..s.find('"').expect("quote")].to_string())
        .collect()
}

/// Resolves a relative link of the page at `page` (site-relative) to a site-relative path
/// and fragment; `None` for a link that leaves the site.
pub(crate) fn resolve(page: &str, link: &str) -> Option<(String, Option<String>)> {
    if link.contains("://")
        || link.starts_with("//")
        || link.starts_with('/')
        || link.starts_with("mailto:")
    {
        return None;
    }
    let (path, frag) = match link.split_once('#') {
        Some((p, f)) => (
            p,
            Some(
                percent_encoding::percent_decode_str(f)
                    .decode_utf8()
                    .expect("utf8 fragment")
                    .into_owned(),
            ),
        ),
        None => (link, None),
    };
    // A query (`search.html?q=…`, a hit's `?hl=…`) asks the file at the path.
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .expect("utf8 link")
        .into_owned();
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    if path.is_empty() {
        return Some((page.to_string(), frag));
    }
    for seg in path.split('/') {
        match seg {
            ".." => {
                parts.pop().expect("link climbs above the site root");
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    Some((parts.join("/"), frag))
}

/// Whether a character is Chinese text (ideographs, CJK and full-width punctuation).
pub(crate) fn is_cjk(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c)
        || ('\u{3000}'..='\u{303f}').contains(&c)
        || ('\u{ff00}'..='\u{ffef}').contains(&c)
        || "“”".contains(c)
}

/// Markdown source as its page reads: a line break between two Chinese characters joins them.
pub(crate) fn joined_lines(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|(i, c)| {
            !(**c == '\n'
                && *i > 0
                && is_cjk(chars[i - 1])
                && chars.get(i + 1).is_some_and(|n| is_cjk(*n)))
        })
        .map(|(_, c)| *c)
        .collect()
}

/// Phrases of the search fixture (the shared report) whose documents both search engines
/// must find exactly.
pub(crate) const FIXTURE_PHRASES: [&str; 9] = [
    "谈心谈话",
    "批评与自我批评",
    "文稿起草不深入",
    "自我批评",
    "民主生活会",
    "整改方案",
    "教育局",
    "三会一课",
    "第一议题",
];

/// The `annals` binary, speaking the default language whatever this machine's locale says
/// (the tests assert its Chinese messages).
pub(crate) fn annals() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_annals"));
    chinese(&mut cmd);
    cmd
}

/// Sets a locale that asks for no language (`C.UTF-8`, installed everywhere), so `annals`
/// started by this command, or by a script it runs, speaks Chinese.
pub(crate) fn chinese(cmd: &mut Command) -> &mut Command {
    cmd.env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
}
