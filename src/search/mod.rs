//! INDEX and QUERY: full-text Chinese search over every document and section.
//!
//! - [`settings`]: the user dictionary and synonyms in `search-index/` (LOAD)
//! - [`tokenizer`]: character bigrams (indexed) and jieba words (read at query time),
//!   positioned by character offset
//! - [`schema`]: every field in one struct
//! - [`index`]: the site's entries -> a tantivy index in a staging folder (INDEX)
//! - [`query`]: the lenient query language
//! - `forward_only`: a scorer wrapper working around a tantivy 0.27 seek assertion
//! - `plan`: the tantivy query of a parsed query
//! - `rank`: jieba's words rerank the best candidates at query time
//! - `results`: the request, the hits, the results page
//! - [`searcher`]: tantivy queries, hits with their best section, snippets, facets
//! - [`snippet`]: marked stretches of text
//! - [`vocabulary`]: the values filters take, their aliases, the closest to an unknown one

pub mod bundle;
pub mod entries;
mod checked;
mod forward_only;
mod gate;
pub mod index;
mod plan;
mod rank;
pub mod query;
mod results;
pub mod schema;
pub mod searcher;
mod sections;
pub mod settings;
pub mod snippet;
pub mod suggest;
pub mod tokenizer;
mod unmapped;
pub mod update;
pub mod vocabulary;

pub use searcher::{Hit, Request, Results, SearchIndex, Sort};
pub use settings::Settings;

use std::path::{Path, PathBuf};

/// Where the built index lives under a site root.
pub fn index_dir(root: &Path) -> PathBuf {
    root.join(settings::DIR).join("index")
}
