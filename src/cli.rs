//! The command line: clap's derive types, nothing else.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// annals: an office's archive of 民主生活会 documents as a static intranet site.
#[derive(Debug, Parser)]
#[command(name = "annals", version, about)]
pub struct Cli {
    /// The site folder (holding annals.yaml and content/). Default: the current folder.
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (all or nothing).
    Build(BuildArgs),
}

#[derive(Debug, Args, Clone)]
pub struct BuildArgs {
    /// Where to write the site. Default: ROOT/public.
    #[arg(long)]
    pub output: Option<PathBuf>,
}
