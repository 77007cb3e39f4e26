//! The command line: clap's derive types, nothing else.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::IpAddr;
use std::path::PathBuf;

/// annals: an office's archive of 民主生活会 documents as a static intranet site.
#[derive(Debug, Parser)]
#[command(name = "annals", version, about)]
pub struct Cli {
    /// The site folder (holding annals.yaml and content/). Default: the current folder.
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// Judge overdue ledger records as of this date (YYYY-MM-DD) instead of today, for
    /// reproducible builds and tests.
    #[arg(long, global = true)]
    pub today: Option<chrono::NaiveDate>,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands of `annals`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ and the search index into search-index/index (all or nothing).
    Build(BuildArgs),
    /// Build, then serve the site and its search on 127.0.0.1:8080.
    Serve(ServeArgs),
    /// Search the built index from the command line.
    Search(SearchArgs),
    /// Check the archive without writing anything: every build error, plus unfilled
    /// placeholders, classification markings, broken links and overdue records.
    Check(CheckArgs),
    /// Start a year: content/YEAR/ with the usual documents' skeletons and a ledger carrying
    /// over the open records of earlier years.
    New(NewArgs),
    /// Bring a file into the archive: PDF-extracted text (.txt), Word (.docx), or a ledger
    /// table (.csv, .xlsx).
    Import(ImportArgs),
}

/// What `annals import` takes.
#[derive(Debug, Args, Clone)]
pub struct ImportArgs {
    /// The file to import.
    pub file: PathBuf,
    /// The 年度 (default: read from the title, or from the ledger's ids).
    #[arg(long)]
    pub year: Option<i32>,
    /// The document type (default: read from the title).
    #[arg(long = "type")]
    pub doc_type: Option<String>,
    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
}

/// What `annals new` takes.
#[derive(Debug, Args, Clone)]
pub struct NewArgs {
    /// The 年度. Default: the year before the current one, or the current one when that year
    /// already exists.
    pub year: Option<i32>,
}

/// How `annals check` prints.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// Diagnostics as `path:line:col: message` with the source line (the default).
    Text,
    /// Diagnostics as a JSON array with stable English codes, for tools.
    Json,
}

/// What `annals check` takes.
#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    /// `text` for people, `json` for CI.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit 2 when there are warnings but no errors.
    #[arg(long)]
    pub strict: bool,
}

/// What `annals build` takes.
#[derive(Debug, Args, Clone)]
pub struct BuildArgs {
    /// Where to write the site. Default: ROOT/public.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Also write a .gz beside every page, style sheet and script (nginx's gzip_static).
    #[arg(long)]
    pub gzip: bool,
}

/// What `annals serve` takes.
#[derive(Debug, Args, Clone)]
pub struct ServeArgs {
    /// The address to listen on. Default: loopback only; use 0.0.0.0 to serve the intranet.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// The port (0 picks a free one and prints it).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
}

/// How `annals search` prints.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SortArg {
    /// Best match first (the default for a query with words).
    Relevance,
    /// Newest first (the default for a query with filters only).
    Date,
}

/// What `annals search` takes.
#[derive(Debug, Args, Clone)]
pub struct SearchArgs {
    /// The query: words (ANDed), "phrases", -excluded, year:2024, type:整改方案 …
    /// (put `--` before a query that starts with `-`).
    pub query: Vec<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// How many hits a page (at most 100).
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Which page of hits (1-based).
    #[arg(long, default_value_t = 1)]
    pub page: usize,
    /// Order of hits. Default: relevance, or date when the query has only filters.
    #[arg(long, value_enum)]
    pub sort: Option<SortArg>,
}
