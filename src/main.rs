//! The `annals` binary: parse the command line, run the library, print diagnostics, exit
//! 0 on success, 1 when the run failed, 2 on a usage error (clap's own).

use annals::cli::progress::Display;
use annals::cli::{
    BuildArgs, CheckArgs, Cli, Command, Format, ImportArgs, NewArgs, SearchArgs, SortArg,
};
use annals::error::{self, Diagnostic, Failure};
use annals::msg::commands as m;
use annals::search::{Request, Results, SearchIndex, Sort};
use clap::FromArgMatches;
use std::process::ExitCode;

/// Prints a line to standard output. When the reader has stopped reading (`annals search … |
/// head -1`), the program ends quietly with success instead of panicking on the closed pipe.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    annals::msg::set(annals::cli::language(&args));
    let cli = match annals::cli::command()
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(e) => match annals::cli::usage_error(&e) {
            Some(text) => {
                eprintln!("{text}");
                return ExitCode::from(2);
            }
            None => e.exit(),
        },
    };
    if let Command::Check(args) = &cli.command {
        return check(&cli, args);
    }
    let result = match &cli.command {
        Command::Build(args) => build(&cli, args),
        Command::Search(args) => search(&cli, args),
        Command::Serve(args) => {
            annals::serve::run(&cli.root, (args.bind, args.port).into(), cli.today)
        }
        Command::Check(_) => Ok(()),
        Command::New(args) => new(&cli, args),
        Command::Import(args) => import(&cli, args),
    };
    // Only build and serve publish: only they can say the previous output was kept.
    let publishes = matches!(cli.command, Command::Build(_) | Command::Serve(_));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => fail(failure, publishes),
    }
}

fn build(cli: &Cli, args: &BuildArgs) -> Result<(), Failure> {
    let progress = std::sync::Arc::new(annals::pipeline::progress::Progress::default());
    let display = Display::start(progress.clone(), args.progress);
    let result = annals::build(&annals::BuildOptions {
        root: cli.root.clone(),
        output: args.output.clone(),
        today: cli.today,
        gzip: args.gzip,
        progress: Some(progress),
    });
    if let Some(d) = display {
        d.finish();
    }
    let report = result?;
    print_diagnostics(report.warnings.clone());
    eprintln!("{report}");
    Ok(())
}

fn search(cli: &Cli, args: &SearchArgs) -> Result<(), Failure> {
    let index = SearchIndex::open(&annals::search::index_dir(&cli.root))?;
    let sort = args.sort.map(|s| {
        if s == SortArg::Date {
            Sort::Date
        } else {
            Sort::Relevance
        }
    });
    let request = Request {
        q: args.query.join(" "),
        page: args.page,
        per_page: args.limit,
        sort,
    };
    let results = index.search(&request)?;
    if args.json {
        out!(
            "{}",
            serde_json::to_string_pretty(&results).expect("results serialise")
        );
    } else {
        print_results(&results);
    }
    Ok(())
}

/// Text output: one block per hit, `<mark>` shown as 【】.
fn print_results(r: &Results) {
    for note in &r.notes {
        eprintln!("{}", m::results_note(note));
    }
    out!("{}", m::results_count(r.total, r.page, r.pages.max(1)));
    if let Some(s) = &r.suggestions {
        out!("{}", m::no_results_try());
        let lines = s
            .words
            .iter()
            .map(|t| (m::try_word(), t))
            .chain(
                s.without_filters
                    .iter()
                    .map(|t| (m::try_without_filters(), t)),
            )
            .chain(s.phrases.iter().map(|t| (m::try_phrase(), t)));
        for (what, t) in lines {
            out!("{}", m::try_line(&what, &t.query, t.total));
        }
    }
    for h in &r.hits {
        let snippet = h
            .snippet
            .replace("<mark>", "【")
            .replace("</mark>", "】")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&amp;", "&");
        let date = if h.date_text.is_empty() {
            String::new()
        } else {
            format!(" · {}：{}", h.date_label, h.date_text)
        };
        out!(
            "\n{}  [{} · {}{}]\n  {}\n  {}",
            h.title,
            m::hit_year(h.year as i32),
            h.doc_type,
            date,
            h.url,
            snippet
        );
    }
}

/// `annals new`: says which year it made and what it put there.
fn new(cli: &Cli, args: &NewArgs) -> Result<(), Failure> {
    let today = cli
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let year = args
        .year
        .unwrap_or_else(|| annals::new::default_year(&cli.root, today));
    let created = annals::new::create(&cli.root, year, cli.today)?;
    eprintln!(
        "{}",
        m::created_year(created.year, &created.folder.display().to_string())
    );
    for f in &created.files {
        eprintln!("  {}", f.display());
    }
    eprintln!("{}", m::carried_over(created.carried));
    eprintln!("{}", m::new_next());
    Ok(())
}

/// `annals import FILE`: says what it wrote.
fn import(cli: &Cli, args: &ImportArgs) -> Result<(), Failure> {
    let opts = annals::import::ImportOptions {
        file: args.file.clone(),
        year: args.year,
        doc_type: args.doc_type.clone(),
        force: args.force,
    };
    let written = annals::import::import(&cli.root, &opts)?;
    eprintln!(
        "{}",
        m::imported(
            &args.file.display().to_string(),
            &written.display().to_string()
        )
    );
    eprintln!("{}", m::import_next());
    Ok(())
}

/// `annals check`: every diagnostic, as text on stderr or JSON on stdout, and the exit code.
fn check(cli: &Cli, args: &CheckArgs) -> ExitCode {
    let diags = annals::check::check(&cli.root, cli.today);
    let code = annals::check::exit_code(&diags, args.strict);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    if args.format == Format::Json {
        let report =
            serde_json::json!({ "errors": errors, "warnings": warnings, "diagnostics": diags });
        out!(
            "{}",
            serde_json::to_string_pretty(&report).expect("diagnostics serialise")
        );
    } else {
        print_diagnostics(diags);
        eprintln!("{}", annals::msg::report::checked(errors, warnings));
    }
    ExitCode::from(code)
}

fn print_diagnostics(mut diags: Vec<Diagnostic>) {
    error::sort(&mut diags);
    for d in &diags {
        eprintln!("{d}\n");
    }
}

fn fail(failure: Failure, publishes: bool) -> ExitCode {
    let errors = failure.0.iter().filter(|d| d.is_error()).count();
    let index_replaced = failure.0.iter().any(|d| {
        d.message
            .ends_with(&annals::msg::report::index_already_replaced())
    });
    print_diagnostics(failure.0);
    if publishes && !index_replaced {
        eprintln!("{}", annals::msg::report::failed_kept(errors));
    } else {
        eprintln!("{}", annals::msg::report::failed(errors));
    }
    ExitCode::from(1)
}

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
