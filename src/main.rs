//! The `jixiao` command: parses arguments, runs the library, reports.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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
    /// 生成 PDF：校验、计分、排版
    Build(BuildArgs),
    /// 打印 YAML 源文件的 JSON Schema（编辑器据此补全键名、标出写错的地方）
    Schema,
    /// 生成 PDF，并在源文件或模板修改后自动重新生成（Ctrl-C 结束）
    Watch(BuildArgs),
    /// 新建报告：由上年度的报告生成下一年度的（--from），或写出一份带注释的示例
    New(NewArgs),
    /// 比较报告的两个版本：指标、分值、得分、总分和完成情况的变化
    Diff {
        /// 旧版本：YAML 文件、文件夹，或 git 仓库中的「版本:路径」（如 HEAD~1:data/2022-baoxie）
        old: OsString,
        /// 新版本：同上
        new: OsString,
        /// 输出格式
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(clap::Args)]
struct BuildArgs {
    /// 报告的 YAML 文件，或存放 YAML 文件的文件夹
    src: PathBuf,
    /// PDF 的输出路径（默认：报告文件夹名.pdf）
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// 同时写出生成的 Typst 源文件（样式已内嵌，可用 typst compile 单独编译）
    #[arg(long, value_name = "FILE.typ")]
    typst_out: Option<PathBuf>,
    /// 另外使用此文件夹中的字体（可多次指定）
    #[arg(long, value_name = "DIR")]
    font_path: Vec<PathBuf>,
    /// 用此文件夹中的模板替换或补充内置模板
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// 生成符合此标准的 PDF
    #[arg(long, value_enum)]
    pdf_standard: Option<PdfStandard>,
}

#[derive(clap::Args)]
struct NewArgs {
    /// 新报告的文件夹（须不存在或为空）
    dir: PathBuf,
    /// 上年度报告的 YAML 文件或文件夹：沿用其单位、目标和指标，清空实际完成值、说明和文字
    #[arg(long, value_name = "SRC")]
    from: Option<PathBuf>,
    /// 新报告的年度（默认：上年度报告的年度 + 1；示例报告为去年）
    #[arg(long, value_parser = clap::value_parser!(u16).range(1000..=9998))]
    year: Option<u16>,
}

#[derive(Clone, Copy, ValueEnum)]
enum PdfStandard {
    #[value(name = "a-2b")]
    A2b,
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
        Command::Build(args) => build(&args),
        Command::Schema => schema(),
        Command::Watch(args) => watch(&args),
        Command::New(args) => new(&args),
        Command::Diff { old, new, format } => diff(&old, &new, format),
    }
}

/// Evaluates `src` and prints its diagnostics; None when it could not be read or has errors.
fn evaluate(src: &Path) -> Result<jixiao::Evaluated, ExitCode> {
    report_evaluation(jixiao::evaluate_path(src))
}

fn report_evaluation(
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

fn check(src: &Path) -> ExitCode {
    let checked = jixiao::typeset::Typesetter::new(&[])
        .map_err(|error| {
            eprintln!("错误: {error}");
            ExitCode::from(EXIT_USAGE)
        })
        .and_then(|typesetter| {
            report_evaluation(jixiao::build::evaluate_printable(src, &typesetter))
        });
    match checked {
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
    print_as(format, &card.to_text(), &card)
}

fn schema() -> ExitCode {
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

fn build(args: &BuildArgs) -> ExitCode {
    if let Err(code) = check_output_paths(args) {
        return code;
    }
    match new_typesetter(args) {
        Ok(typesetter) => finish_build(
            args,
            jixiao::build::build(&args.src, &build_options(args), &typesetter),
        ),
        Err(code) => code,
    }
}

/// Builds, then rebuilds on every change until Ctrl-C; a failed attempt keeps the last PDF.
fn watch(args: &BuildArgs) -> ExitCode {
    if let Err(code) = check_output_paths(args) {
        return code;
    }
    let typesetter = match new_typesetter(args) {
        Ok(typesetter) => typesetter,
        Err(code) => return code,
    };
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    if let Err(error) = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)) {
        eprintln!("错误: 无法接管 Ctrl-C：{error}");
        return ExitCode::from(EXIT_USAGE);
    }
    let result = jixiao::watch::watch(
        &args.src,
        &build_options(args),
        &typesetter,
        &stop,
        |attempt| {
            finish_build(args, attempt);
            eprintln!("正在监视 {} 的修改（按 Ctrl-C 结束）……", args.src.display());
        },
    );
    match result {
        Ok(()) => {
            eprintln!("已停止监视。");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("错误: {error}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn new_typesetter(args: &BuildArgs) -> Result<jixiao::typeset::Typesetter, ExitCode> {
    jixiao::typeset::Typesetter::new(&args.font_path).map_err(|error| {
        eprintln!("错误: {error}");
        ExitCode::from(EXIT_USAGE)
    })
}

fn build_options(args: &BuildArgs) -> jixiao::build::BuildOptions {
    jixiao::build::BuildOptions {
        templates: args.templates.clone(),
        pdf_a: args.pdf_standard.is_some(),
    }
}

/// Reports one build attempt and, when it succeeded, writes its files.
fn finish_build(
    args: &BuildArgs,
    attempt: Result<jixiao::build::Built, jixiao::build::BuildError>,
) -> ExitCode {
    let built = match attempt {
        Ok(built) => built,
        Err(jixiao::build::BuildError::Report(evaluated)) => {
            eprint!("{}", evaluated.diagnostics.render(&evaluated.files));
            eprintln!("未生成 PDF：请先改正上面的错误。");
            return ExitCode::from(EXIT_REPORT_ERRORS);
        }
        Err(error @ jixiao::build::BuildError::Load(_)) => {
            eprintln!("错误: {error}");
            return ExitCode::from(EXIT_USAGE);
        }
        Err(error) => {
            eprintln!("错误: {error}");
            return ExitCode::from(EXIT_REPORT_ERRORS);
        }
    };
    eprint!(
        "{}",
        built.evaluated.diagnostics.render(&built.evaluated.files)
    );
    for warning in &built.typst_warnings {
        eprintln!("排版警告: {warning}");
    }
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&args.src));
    let mut files = vec![(output.as_path(), built.pdf.as_slice())];
    if let Some(typst_out) = &args.typst_out {
        files.push((typst_out.as_path(), built.typst_source.as_bytes()));
    }
    if let Err(error) = jixiao::output::write_outputs(&files, &protected(args)) {
        eprintln!("错误: {error}");
        return ExitCode::from(EXIT_USAGE);
    }
    println!(
        "已生成 {}：共 {} 页，总分 {} 分。",
        output.display(),
        built.pages,
        built.total
    );
    ExitCode::SUCCESS
}

/// What the outputs must not overwrite.
fn protected(args: &BuildArgs) -> jixiao::output::Protected {
    jixiao::output::Protected {
        src: args.src.clone(),
        templates: args.templates.clone(),
    }
}

/// Refuses outputs that would overwrite a source, a template or each other, before building.
fn check_output_paths(args: &BuildArgs) -> Result<(), ExitCode> {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&args.src));
    let paths: Vec<&Path> = std::iter::once(output.as_path())
        .chain(args.typst_out.as_deref())
        .collect();
    jixiao::output::check_outputs(&paths, &protected(args))
        .map(drop)
        .map_err(|error| {
            eprintln!("错误: {error}");
            ExitCode::from(EXIT_USAGE)
        })
}

/// Prints `text`, or `value` as JSON.
fn print_as(format: Format, text: &str, value: &impl serde::Serialize) -> ExitCode {
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
fn default_output(src: &Path) -> PathBuf {
    let stem = src
        .file_stem()
        .map_or_else(|| "report".into(), |s| s.to_string_lossy().into_owned());
    PathBuf::from(format!("{stem}.pdf"))
}

/// Exit 0 whether or not anything changed (as `git diff`); 1 when a version has errors.
fn diff(old: &OsStr, new: &OsStr, format: Format) -> ExitCode {
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
    let diff = jixiao::compare::compare(old, new);
    print_as(format, &diff.to_text(), &diff)
}

/// Reads and evaluates one version of `diff`; its diagnostics are printed only when in error.
fn evaluate_version(arg: &OsStr) -> Result<jixiao::Evaluated, ExitCode> {
    let source = jixiao::revision::Source::parse(arg);
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

/// Writes a new report folder: next year's from `--from`, or the example.
fn new(args: &NewArgs) -> ExitCode {
    match jixiao::scaffold::new_report(&args.dir, args.from.as_deref(), args.year) {
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
