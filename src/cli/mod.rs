//! The command line: its arguments ([`args`]) in Chinese ([`zh`], [`errors`]), and the
//! commands that are about the program rather than a report (help, completions, fonts).

pub mod args;
pub mod batch;
pub mod build;
pub mod check;
pub mod diff;
pub mod early_stop;
mod errors;
pub mod excel;
mod fonts;
pub mod new;
mod report;
mod values;
mod zh;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::FromArgMatches;
use clap::error::ErrorKind;

pub use args::{BuildArgs, Cli, Command, Format, NewArgs};

/// Exit codes: 0 fine, 1 the report has errors, 2 usage or I/O problems.
pub const EXIT_REPORT_ERRORS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// The parsed command line; or, when help or the version was asked for or the arguments are
/// wrong, what to exit with after printing that.
pub fn parse() -> Result<Cli, ExitCode> {
    let parsed = zh::command()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches));
    parsed.map_err(|error| match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            // Best effort, as clap itself does: a closed stdout (`| head`) is no error here.
            let _ = error.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            ExitCode::from(EXIT_USAGE)
        }
        _ => {
            eprint!("{}", errors::message(&error, subcommand_written()));
            ExitCode::from(EXIT_USAGE)
        }
    })
}

/// The first argument when it names a subcommand: whose `--help` an error points to.
fn subcommand_written() -> Option<&'static str> {
    let first = std::env::args_os().nth(1)?;
    values::SUBCOMMAND_NAMES
        .into_iter()
        .find(|name| first == std::ffi::OsStr::new(name))
}

/// `jixiao help [COMMAND]`: the same screen as `jixiao COMMAND --help`.
pub fn help(name: Option<&str>) -> ExitCode {
    let mut command = zh::command();
    let screen = match name.and_then(|name| command.find_subcommand_mut(name)) {
        Some(sub) => sub.render_help(),
        None => command.render_help(),
    };
    print!("{screen}");
    ExitCode::SUCCESS
}

/// `jixiao completions SHELL`: the completion script on stdout.
pub fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut command = zh::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "jixiao", &mut script);
    match std::io::stdout().write_all(&script) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("错误: 无法输出补全脚本：{error}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// `jixiao fonts DIR`: the embedded fonts and their licences, written into DIR.
pub fn fonts(dir: &Path) -> ExitCode {
    match fonts::write_fonts(dir) {
        Ok(written) => {
            println!("{written}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("错误: {error}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
