//! Any text as a query against a real index (the `search` test fixture, built once per
//! process): the whole answer path, facets, snippets, section outlines and `kind:section`
//! never panic, and every hit's snippet is whole characters.
#![no_main]
use annals::search::{Request, SearchIndex};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read fixture") {
        let e = e.expect("entry");
        let dest = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).expect("copy");
        }
    }
}

fn index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let root: PathBuf = std::env::temp_dir().join(format!("annals-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/search"), &root);
        annals::build(&annals::BuildOptions {
            root: root.clone(),
            output: None,
            today: None,
            gzip: false,
            progress: None,
        })
        .expect("the fixture builds");
        SearchIndex::open(&annals::search::index_dir(&root)).expect("index opens")
    })
}

fuzz_target!(|data: &[u8]| {
    let q = String::from_utf8_lossy(data);
    for text in [q.to_string(), format!("kind:section {q}")] {
        let mut req = Request::new(&text);
        req.page = 1 + data.first().copied().unwrap_or(0) as usize % 3;
        let r = index().search(&req).expect("a query never fails");
        assert!(r.hits.len() <= req.per_page);
        for h in &r.hits {
            assert!(!h.url.is_empty());
        }
    }
});
