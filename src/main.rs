//! The `annals` binary: parse the command line, run the library, print diagnostics, exit
//! 0 on success, 1 when the build failed, 2 on a usage error (clap's own).

use annals::cli::{Cli, Command};
use annals::error::{self, Diagnostic};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let opts = annals::BuildOptions { root: cli.root.clone(), output: args.output };
            match annals::build(&opts) {
                Ok(report) => {
                    print_diagnostics(report.warnings);
                    eprintln!(
                        "built {} years, {} documents, {} files into {}",
                        report.years,
                        report.documents,
                        report.files,
                        report.output.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(failure) => fail(failure.0),
            }
        }
    }
}

fn print_diagnostics(mut diags: Vec<Diagnostic>) {
    error::sort(&mut diags);
    for d in &diags {
        eprintln!("{d}\n");
    }
}

fn fail(diags: Vec<Diagnostic>) -> ExitCode {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    print_diagnostics(diags);
    eprintln!("build failed: {errors} error(s); the previous output was left unchanged");
    ExitCode::from(1)
}
