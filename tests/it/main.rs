//! The integration tests, one binary (one link, one process that shares its fixtures), one
//! module a feature. Each runs the real binary or the library on a fixture site copied into a
//! temporary folder; `common` is the harness.

mod common;
mod bad_input;
mod browser;
mod booklet;
mod build;
mod check;
mod deploy;
mod dist;
mod export;
mod files;
mod golden;
mod faults;
mod hardening;
mod history;
mod import;
mod language;
mod ledger;
mod new;
mod pdf;
mod search;
mod serve;
mod static_search;
mod structure;
mod theme;
