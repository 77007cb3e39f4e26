//! annals compiles an office's archive of yearly meeting documents into a static site.
//!
//! The pipeline, one module a stage, data flowing one way:
//!
//! 1. LOAD      [`config`] (`annals.yaml`), [`content`] (the walk of `content/`, decoding,
//!    front matter, the raw-text rules of [`content::rules`], git history), [`ledger`] (YAML,
//!    CSV, XLSX records), [`theme`] (templates and static files), [`search::settings`]
//! 2. PARSE     [`markdown`] (HTML, headings, section text, with the CJK line rules)
//! 3. ASSEMBLE  [`model`] (years, documents, URLs, links across years, the ledger's history
//!    and overdue records)
//! 4. RENDER    [`render`] (tera templates, one view per page kind, SVG charts) and INDEX
//!    [`search`] (tantivy over character bigrams; jieba ranks at query time)
//! 5. PUBLISH   [`output`] (staging folders, atomic swaps)
//!
//! Around it: [`check`] (every validation, no output), [`serve`] (HTTP, search, live
//! rebuilds), [`new`] (a year's skeletons), [`import`] (text, Word, ledger tables).
//! Every problem in the user's files is an [`error::Diagnostic`]; a stage collects all of
//! them, so one run reports every mistake of the archive.

// Diagnostics are large (they carry the source line) but only ever on the failure path.
#![allow(clippy::result_large_err)]

// The ground floor, which every stage may use (each module here only uses those above it).
pub mod msg;
pub mod error;
pub mod dates;
pub mod fsx;
pub mod text;
pub mod yaml;

// The pipeline in stage order: a module uses the ground floor and the modules above it, never
// one below.
pub mod config;
pub mod ledger;
pub mod content;
pub mod theme;
pub mod markdown;
pub mod model;
pub mod search;
pub mod render;
pub mod output;

// The conductor: runs the stages in order for a whole build, or again for an edit in place.
pub mod pipeline;
pub use pipeline::{BuildOptions, BuildReport, Inputs, build, build_from, load};

// The consumers: commands built on the pipeline.
pub mod check;
pub mod import;
pub mod new;
pub mod serve;
pub mod cli;
