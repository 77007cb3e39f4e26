//! The command line: clap's derive types, with their help in the user's language.

pub mod progress;

use crate::msg::Lang;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
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
    /// The language of messages (`zh` or `en`); default from `LANG`/`LC_ALL`.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
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
    /// How to show progress: a bar on a terminal, lines in a pipe after two seconds (`auto`),
    /// `lines` from the start, or `none`.
    #[arg(long, value_enum, default_value_t)]
    pub progress: progress::ProgressArg,
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

/// The language of messages, as `--lang` takes it.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LangArg {
    /// Simplified Chinese.
    Zh,
    /// English.
    En,
}

/// The language a command line asks for: `--lang` (read before clap parses, so that clap's
/// help and usage errors already speak it), else the environment.
pub fn language(args: &[std::ffi::OsString]) -> Lang {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    // Options end at `--` (a search for `--lang` is a query, not an option).
    let options = args.iter().position(|a| a == "--").unwrap_or(args.len());
    let given =
        args[..options]
            .iter()
            .enumerate()
            .find_map(|(i, a)| match a.strip_prefix("--lang=") {
                Some(value) => Some(value.to_string()),
                None => (a == "--lang").then(|| args.get(i + 1).cloned().unwrap_or_default()),
            });
    given
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_else(Lang::from_env)
}

/// The command line's definition in the current language: every help text from the catalogue
/// (`msg::cli`), and clap's own headings and flags in the same language.
pub fn command() -> clap::Command {
    use crate::msg::cli as m;
    let zh = crate::msg::current() == Lang::Zh;
    let help = |a: clap::Arg, text: String| {
        let a = a.help(text);
        if zh {
            let heading = if a.is_positional() {
                m::arguments_heading()
            } else {
                m::options_heading()
            };
            let a = a.help_heading(heading);
            // The catalogue's texts say the defaults and choices themselves, in words; clap
            // refuses the settings on a flag that takes no value.
            if a.get_action().takes_values() {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            }
        } else {
            a
        }
    };
    let frame = |c: clap::Command| {
        let c = c.disable_help_flag(true).arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(m::help_flag()),
        );
        if zh {
            c.help_template(format!(
                "{{about-with-newline}}\n{}：{{usage}}\n\n{{all-args}}{{after-help}}",
                m::usage_heading()
            ))
            .subcommand_help_heading(m::commands_heading())
            .mut_arg("help", |a| a.help_heading(m::options_heading()))
        } else {
            c
        }
    };
    let sub = |c: clap::Command, about: String, args: &[(&str, crate::msg::Message)]| {
        let mut c = frame(c.about(about));
        for (id, text) in args {
            c = c.mut_arg(*id, |a| help(a, text()));
        }
        c
    };
    let mut top = frame(Cli::command().about(m::about()))
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(m::version_flag()),
        )
        .mut_arg("root", |a| help(a, m::arg_root()))
        .mut_arg("today", |a| help(a, m::arg_today()))
        .mut_arg("lang", |a| help(a, m::arg_lang()));
    if zh {
        top = top.mut_arg("version", |a| a.help_heading(m::options_heading()));
    }
    top.mut_subcommand("build", |c| {
        sub(
            c,
            m::cmd_build(),
            &[
                ("output", m::arg_output),
                ("gzip", m::arg_gzip),
                ("progress", m::arg_progress),
            ],
        )
    })
    .mut_subcommand("serve", |c| {
        sub(
            c,
            m::cmd_serve(),
            &[("bind", m::arg_bind), ("port", m::arg_port)],
        )
    })
    .mut_subcommand("search", |c| {
        sub(
            c,
            m::cmd_search(),
            &[
                ("query", m::arg_query),
                ("json", m::arg_json),
                ("limit", m::arg_limit),
                ("page", m::arg_page),
                ("sort", m::arg_sort),
            ],
        )
    })
    .mut_subcommand("check", |c| {
        sub(
            c,
            m::cmd_check(),
            &[("format", m::arg_format), ("strict", m::arg_strict)],
        )
    })
    .mut_subcommand("new", |c| {
        sub(c, m::cmd_new(), &[("year", m::arg_new_year)])
    })
    .mut_subcommand("import", |c| {
        sub(
            c,
            m::cmd_import(),
            &[
                ("file", m::arg_file),
                ("year", m::arg_import_year),
                ("doc_type", m::arg_type),
                ("force", m::arg_force),
            ],
        )
    })
}

/// A usage error of clap's in the current language: clap writes English only, so in Chinese
/// the usual kinds are said again from the catalogue with the values clap found; help and
/// version requests are printed as they are.
pub fn usage_error(err: &clap::Error) -> Option<String> {
    use crate::msg::cli as m;
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if crate::msg::current() == Lang::En
        || matches!(
            err.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        return None;
    }
    let text = |kind: ContextKind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let message = match err.kind() {
        ErrorKind::UnknownArgument => m::clap_unknown_argument(&text(ContextKind::InvalidArg)),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let mut s = m::clap_invalid_value(
                &text(ContextKind::InvalidValue),
                &text(ContextKind::InvalidArg),
            );
            let valid = text(ContextKind::ValidValue);
            if !valid.is_empty() {
                s = format!("{s}；{}", m::clap_possible_values(&valid));
            }
            s
        }
        ErrorKind::MissingRequiredArgument => {
            m::clap_missing_argument(&text(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand => m::clap_missing_command(),
        ErrorKind::InvalidSubcommand => {
            m::clap_unknown_command(&text(ContextKind::InvalidSubcommand))
        }
        ErrorKind::NoEquals | ErrorKind::TooFewValues => {
            m::clap_value_missing(&text(ContextKind::InvalidArg))
        }
        ErrorKind::ArgumentConflict => m::clap_repeated(&text(ContextKind::InvalidArg)),
        _ => m::clap_other(&err.render().to_string()),
    };
    let mut out = format!("{}：{message}", crate::msg::report::label_error());
    let suggestion = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .map(text)
        .find(|s| !s.is_empty());
    if let Some(s) = suggestion {
        out.push_str(&format!("\n  {}", m::clap_did_you_mean(&s)));
    }
    let usage = text(ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    if !usage.is_empty() {
        out.push_str(&format!("\n\n{}", m::clap_usage(usage)));
    }
    out.push_str(&format!("\n\n{}", m::clap_more()));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// clap checks a definition only when it is parsed: both languages' definitions, with
    /// every subcommand, are checked here rather than by a user's first typo.
    #[test]
    fn both_languages_define_a_valid_command_line() {
        command().debug_assert();
        for sub in command().get_subcommands() {
            sub.clone().debug_assert();
        }
    }
}
