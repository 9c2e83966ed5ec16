//! `jixiao diff`: what changed between two versions of a report.

use std::ffi::OsStr;
use std::process::ExitCode;

use super::report::print_as;
use super::{EXIT_REPORT_ERRORS, EXIT_USAGE, Format};

/// Exit 0 whether or not anything changed (as `git diff`); 1 when a version has errors.
pub fn diff(old: &OsStr, new: &OsStr, format: Format) -> ExitCode {
    let old = match evaluate_version(old) {
        Ok(evaluated) => evaluated,
        Err(code) => return code,
    };
    let new = match evaluate_version(new) {
        Ok(evaluated) => evaluated,
        Err(code) => return code,
    };
    let (Some(old), Some(new)) = (old.clean_outcome(), new.clean_outcome()) else {
        return ExitCode::from(EXIT_REPORT_ERRORS);
    };
    let diff = jixiao::commands::diff::compare::compare(old, new);
    print_as(format, &diff.to_text(), &diff)
}

/// Reads and evaluates one version of `diff`; its diagnostics are printed only when in error.
fn evaluate_version(arg: &OsStr) -> Result<jixiao::Evaluated, ExitCode> {
    let source = jixiao::commands::diff::revision::Source::parse(arg);
    if let jixiao::commands::diff::revision::Source::Disk(path) = &source {
        super::batch::one_report(path, "diff")?;
    }
    let loaded = source.load().map_err(|error| {
        eprintln!("错误: {error}");
        ExitCode::from(EXIT_USAGE)
    })?;
    let evaluated = jixiao::evaluate(loaded);
    if evaluated.diagnostics.has_errors() {
        eprint!("{}", evaluated.diagnostics.render(&evaluated.files));
        eprintln!("「{source}」有错误，无法比较：请先改正上面的错误。\n");
    }
    Ok(evaluated)
}
