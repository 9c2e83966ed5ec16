//! `jixiao build` and `jixiao watch` of one report (a folder of reports goes to [`super::batch`]).

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::report::default_output;
use super::{BuildArgs, EXIT_REPORT_ERRORS, EXIT_USAGE};

pub fn build(args: &BuildArgs) -> ExitCode {
    match super::batch::reports(&args.src) {
        Ok(Some(reports)) => {
            return match new_typesetter(args) {
                Ok(typesetter) => {
                    super::batch::build(args, &reports, &build_options(args), &typesetter)
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
            jixiao::pipeline::build(&args.src, &build_options(args), &typesetter),
        ),
        Err(code) => code,
    }
}

/// Builds, then rebuilds on every change until Ctrl-C; a failed attempt keeps the last PDF.
pub fn watch(args: &BuildArgs) -> ExitCode {
    // First of all, so that Ctrl-C, SIGTERM or SIGHUP at any moment ends it cleanly.
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    if ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)).is_err() {
        eprintln!("错误: 无法接管 Ctrl-C 和终止信号");
        return ExitCode::from(EXIT_USAGE);
    }
    if super::early_stop::stopped_early() {
        stop.store(true, Ordering::SeqCst);
    }
    if let Err(code) = super::batch::one_report(&args.src, "watch") {
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
    let result = jixiao::commands::watch::watch(
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

fn build_options(args: &BuildArgs) -> jixiao::pipeline::BuildOptions {
    jixiao::pipeline::BuildOptions {
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
    attempt: Result<jixiao::pipeline::Built, jixiao::pipeline::BuildError>,
) -> ExitCode {
    let built = match attempt {
        Ok(built) => built,
        Err(jixiao::pipeline::BuildError::Report(evaluated)) => {
            eprint!("{}", evaluated.diagnostics.render(&evaluated.files));
            eprintln!("未生成 PDF：请先改正上面的错误。");
            return ExitCode::from(EXIT_REPORT_ERRORS);
        }
        Err(error @ jixiao::pipeline::BuildError::Load(_)) => {
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
