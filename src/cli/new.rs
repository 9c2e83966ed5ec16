//! `jixiao new`: a new report folder, next year's from last year's or the example.

use std::process::ExitCode;

use super::NewArgs;

/// Writes a new report folder: next year's from `--from`, or the example.
pub fn new(args: &NewArgs) -> ExitCode {
    if let Some(from) = &args.from
        && let Err(code) = super::batch::one_report(from, "new --from")
    {
        return code;
    }
    match jixiao::commands::new::new_report(&args.dir, args.from.as_deref(), args.year, args.form) {
        Ok(created) => {
            println!("{created}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(error.exit_code())
        }
    }
}
