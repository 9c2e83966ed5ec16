//! What the commands on one report share: reading and checking it with its diagnostics
//! printed, printing a result as text or JSON, and the default name of an output.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{EXIT_REPORT_ERRORS, EXIT_USAGE, Format};

/// Evaluates `src` and prints its diagnostics; None when it could not be read or has errors.
pub fn evaluate(src: &Path) -> Result<jixiao::Evaluated, ExitCode> {
    report_evaluation(jixiao::evaluate_path(src))
}

pub fn report_evaluation(
    evaluated: Result<jixiao::Evaluated, jixiao::LoadError>,
) -> Result<jixiao::Evaluated, ExitCode> {
    let evaluated = evaluated.map_err(|error| {
        eprintln!("错误: {error}");
        ExitCode::from(EXIT_USAGE)
    })?;
    eprint!("{}", evaluated.diagnostics.render(&evaluated.files));
    if evaluated.diagnostics.has_errors() {
        return Err(ExitCode::from(EXIT_REPORT_ERRORS));
    }
    Ok(evaluated)
}

/// Prints `text`, or `value` as JSON.
pub fn print_as(format: Format, text: &str, value: &impl serde::Serialize) -> ExitCode {
    match format {
        Format::Text => print!("{text}"),
        Format::Json => match serde_json::to_string_pretty(value) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!("错误: 无法生成 JSON：{error}");
                return ExitCode::from(EXIT_USAGE);
            }
        },
    }
    ExitCode::SUCCESS
}

/// `data/2022-baoxie` → `2022-baoxie.pdf` in the current folder.
pub fn default_output(src: &Path) -> PathBuf {
    let stem = src
        .file_stem()
        .map_or_else(|| "report".into(), |s| s.to_string_lossy().into_owned());
    PathBuf::from(format!("{stem}.pdf"))
}
