//! `jixiao check`, `jixiao score` and `jixiao schema`.

use std::path::Path;
use std::process::ExitCode;

use super::report::{evaluate, print_as, report_evaluation};
use super::{EXIT_REPORT_ERRORS, EXIT_USAGE, Format};

pub fn check(src: &Path) -> ExitCode {
    match super::batch::reports(src) {
        Ok(Some(reports)) => return super::batch::check(src, &reports),
        Ok(None) => {}
        Err(code) => return code,
    }
    let checked = jixiao::typeset::Typesetter::new(&[])
        .map_err(|error| {
            eprintln!("错误: {error}");
            ExitCode::from(EXIT_USAGE)
        })
        .and_then(|typesetter| {
            report_evaluation(jixiao::pipeline::evaluate_printable(src, &typesetter))
        });
    match checked {
        Ok(_) => {
            eprintln!("检查通过：{}", src.display());
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

pub fn score(src: &Path, format: Format) -> ExitCode {
    match super::batch::reports(src) {
        Ok(Some(reports)) => return super::batch::score(src, &reports, format),
        Ok(None) => {}
        Err(code) => return code,
    }
    let evaluated = match evaluate(src) {
        Ok(evaluated) => evaluated,
        Err(code) => return code,
    };
    let Some(outcome) = evaluated.clean_outcome() else {
        return ExitCode::from(EXIT_REPORT_ERRORS);
    };
    let card =
        jixiao::scoring::scorecard::scorecard(&outcome.report, &outcome.scores, &outcome.facts);
    print_as(format, &card.to_text(), &card)
}

pub fn schema() -> ExitCode {
    match jixiao::schema::schema_json() {
        Ok(json) => {
            print!("{json}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("错误: 无法生成 JSON Schema：{error}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}
