//! The `jixiao` command: parses arguments, runs the library, reports.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

mod cli;

// Typst's layout allocates and frees millions of small objects: mimalloc serves them faster
// than the system's malloc (measured on the 2,000-indicator report of the benches: 787 ms
// against 809 ms for the whole `jixiao build`, medians of 12 alternating runs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use cli::{BuildArgs, Command, EXIT_REPORT_ERRORS, EXIT_USAGE, Format, NewArgs};

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match cli.command {
        Command::Check { src } => check(&src),
        Command::Score { src, format } => score(&src, format),
        Command::Build(args) => build(&args),
        Command::Schema => schema(),
        Command::Watch(args) => watch(&args),
        Command::New(args) => new(&args),
        Command::Diff { old, new, format } => diff(&old, &new, format),
        Command::Export { src, output } => export(&src, output),
        Command::Import { file, output, year } => import(&file, &output, year),
        Command::Fonts { dir } => cli::fonts(&dir),
        Command::Completions { shell } => cli::completions(shell),
        Command::Help { command } => cli::help(command.as_deref()),
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
    match cli::batch::reports(src) {
        Ok(Some(reports)) => return cli::batch::check(src, &reports),
        Ok(None) => {}
        Err(code) => return code,
    }
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
    match cli::batch::reports(src) {
        Ok(Some(reports)) => return cli::batch::score(src, &reports, format),
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
    let card = jixiao::scorecard::scorecard(&outcome.report, &outcome.scores, &outcome.facts);
    print_as(format, &card.to_text(), &card)
}

fn export(src: &Path, output: Option<PathBuf>) -> ExitCode {
    if let Err(code) = cli::batch::one_report(src, "export") {
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
    let bytes = match jixiao::workflow::excel::export::workbook(&evaluated) {
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

fn import(file: &Path, dir: &Path, year: Option<u16>) -> ExitCode {
    match jixiao::workflow::excel::import::import(file, dir, year) {
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
    match cli::batch::reports(&args.src) {
        Ok(Some(reports)) => {
            return match new_typesetter(args) {
                Ok(typesetter) => {
                    cli::batch::build(args, &reports, &build_options(args), &typesetter)
                }
                Err(code) => code,
            };
        }
        Ok(None) => {}
        Err(code) => return code,
    }
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
    // First of all, so that Ctrl-C, SIGTERM or SIGHUP at any moment ends it cleanly.
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    if ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)).is_err() {
        eprintln!("错误: 无法接管 Ctrl-C 和终止信号");
        return ExitCode::from(EXIT_USAGE);
    }
    if cli::early_stop::stopped_early() {
        stop.store(true, Ordering::SeqCst);
    }
    if let Err(code) = cli::batch::one_report(&args.src, "watch") {
        return code;
    }
    if let Err(error) = std::fs::metadata(&args.src) {
        eprintln!(
            "错误: 无法监视「{}」：{}",
            args.src.display(),
            jixiao::files::reason(&error, jixiao::files::Access::Read)
        );
        return ExitCode::from(EXIT_USAGE);
    }
    if let Err(code) = check_output_paths(args) {
        return code;
    }
    let typesetter = match new_typesetter(args) {
        Ok(typesetter) => typesetter,
        Err(code) => return code,
    };
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
        limits: args.limits.limits(over_limit),
    }
}

/// A stage over its time or memory cannot be stopped from outside: say so and end the process.
fn over_limit(exceeded: &jixiao::limits::Exceeded) {
    eprintln!("错误: {exceeded}");
    eprintln!("未生成 PDF。");
    std::process::exit(i32::from(EXIT_REPORT_ERRORS));
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
    if let Some(typst_out) = &args.typst_out {
        print_typst_compile_hint(typst_out);
    }
    ExitCode::SUCCESS
}

/// The `.typ` file names fonts an installed user does not have: say where to get them.
fn print_typst_compile_hint(typst_out: &Path) {
    println!(
        "已写出 Typst 源文件 {0}。单独编译时先写出字体，再编译：\n  jixiao fonts 字体\n  typst compile --font-path 字体 {0}",
        typst_out.display()
    );
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
    if let jixiao::revision::Source::Disk(path) = &source {
        cli::batch::one_report(path, "diff")?;
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

/// Writes a new report folder: next year's from `--from`, or the example.
fn new(args: &NewArgs) -> ExitCode {
    if let Some(from) = &args.from
        && let Err(code) = cli::batch::one_report(from, "new --from")
    {
        return code;
    }
    match jixiao::scaffold::new_report(&args.dir, args.from.as_deref(), args.year, args.form) {
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
