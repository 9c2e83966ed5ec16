//! The `jixiao` command: parses arguments, runs the library, reports.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "jixiao",
    version,
    about = "部门整体绩效自评结果：YAML → 校验 → 计分 → PDF"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 读取并校验报告，列出错误和警告
    Check {
        /// 报告的 YAML 文件，或存放 YAML 文件的文件夹
        src: PathBuf,
    },
    /// 计分：打印得分情况表和未完成的指标
    Score {
        /// 报告的 YAML 文件，或存放 YAML 文件的文件夹
        src: PathBuf,
        /// 输出格式
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Exit codes: 0 fine, 1 the report has errors, 2 usage or I/O problems.
const EXIT_REPORT_ERRORS: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { src } => check(&src),
        Command::Score { src, format } => score(&src, format),
    }
}

/// Evaluates `src` and prints its diagnostics; None when it could not be read or has errors.
fn evaluate(src: &Path) -> Result<jixiao::Evaluated, ExitCode> {
    let evaluated = jixiao::evaluate_path(src).map_err(|error| {
        eprintln!("错误: {error}");
        ExitCode::from(EXIT_USAGE)
    })?;
    eprint!("{}", evaluated.diagnostics.render(&evaluated.files));
    if evaluated.diagnostics.has_errors() {
        return Err(ExitCode::from(EXIT_REPORT_ERRORS));
    }
    Ok(evaluated)
}

fn check(src: &Path) -> ExitCode {
    match evaluate(src) {
        Ok(_) => {
            eprintln!("检查通过：{}", src.display());
            ExitCode::SUCCESS
        }
        Err(code) => code,
    }
}

fn score(src: &Path, format: Format) -> ExitCode {
    let evaluated = match evaluate(src) {
        Ok(evaluated) => evaluated,
        Err(code) => return code,
    };
    let Some(outcome) = evaluated.clean_outcome() else {
        return ExitCode::from(EXIT_REPORT_ERRORS);
    };
    let card = jixiao::scorecard::scorecard(&outcome.report, &outcome.scores, &outcome.facts);
    match format {
        Format::Text => print!("{}", card.to_text()),
        Format::Json => match serde_json::to_string_pretty(&card) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!("错误: 无法生成 JSON：{error}");
                return ExitCode::from(EXIT_USAGE);
            }
        },
    }
    ExitCode::SUCCESS
}
