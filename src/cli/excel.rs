//! `jixiao export` and `jixiao import`: the 自评表 workbook out of a report, and a workbook into
//! YAML sources.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::report::{default_output, evaluate};
use super::{EXIT_REPORT_ERRORS, EXIT_USAGE};

pub fn export(src: &Path, output: Option<PathBuf>) -> ExitCode {
    if let Err(code) = super::batch::one_report(src, "export") {
        return code;
    }
    let output = output.unwrap_or_else(|| default_output(src).with_extension("xlsx"));
    let protected = jixiao::output::Protected {
        src: src.to_path_buf(),
        templates: None,
    };
    if let Err(error) = jixiao::output::check_outputs(&[&output], &protected) {
        eprintln!("错误: {error}");
        return ExitCode::from(EXIT_USAGE);
    }
    let evaluated = match evaluate(src) {
        Ok(evaluated) => evaluated,
        Err(code) => return code,
    };
    let bytes = match jixiao::commands::excel::export::workbook(&evaluated) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("错误: {error}");
            return ExitCode::from(EXIT_REPORT_ERRORS);
        }
    };
    if let Err(error) = jixiao::output::write_outputs(&[(&output, &bytes)], &protected) {
        eprintln!("错误: {error}");
        return ExitCode::from(EXIT_USAGE);
    }
    println!(
        "已导出 {}：自评表、指标明细、检查结果三张工作表。",
        output.display()
    );
    ExitCode::SUCCESS
}

pub fn import(file: &Path, dir: &Path, year: Option<u16>) -> ExitCode {
    match jixiao::commands::excel::import::import(file, dir, year) {
        Ok(imported) => {
            eprint!("{}", imported.notes());
            println!("{imported}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("错误: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}
