//! `check`, `score` and `build` on a folder of reports: a line per report as each finishes
//! (above a progress bar on a terminal), its diagnostics, a last summary line, the 汇总表.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jixiao::commands::batch::{self, Finished, Layout, ReportSource, Summary, Task};
use jixiao::pipeline::BuildOptions;
use jixiao::typeset::Typesetter;

use super::{BuildArgs, EXIT_REPORT_ERRORS, EXIT_USAGE, Format};

/// More reports than this get a progress bar (on a terminal).
const FEW: usize = 3;

/// The reports of `src` when it is a folder of reports; None when it is one report (the
/// commands then do what they always did).
pub fn reports(src: &Path) -> Result<Option<Vec<ReportSource>>, ExitCode> {
    match batch::discover(src) {
        Ok(discovery) => {
            for note in &discovery.notes {
                eprintln!("注意：{note}");
            }
            match discovery.layout {
                Layout::Single => Ok(None),
                Layout::Many(reports) => Ok(Some(reports)),
            }
        }
        Err(error) => {
            eprintln!("错误: {error}");
            Err(ExitCode::from(EXIT_USAGE))
        }
    }
}

/// For the commands that take one report (`export`, `diff`, `new --from`, `watch`): a folder of
/// reports is refused, naming a few of them, instead of silently taking one.
pub fn one_report(src: &Path, command: &str) -> Result<(), ExitCode> {
    let discovery = match batch::discover(src) {
        Ok(discovery) => discovery,
        Err(error) => {
            eprintln!("错误: {error}");
            return Err(ExitCode::from(EXIT_USAGE));
        }
    };
    let Layout::Many(reports) = discovery.layout else {
        return Ok(());
    };
    let shown: Vec<String> = reports
        .iter()
        .take(3)
        .map(|r| r.path.display().to_string())
        .collect();
    eprintln!(
        "错误: {command} 只处理一份报告，而「{}」里有 {} 份报告（{}{}）：请指定其中一份的文件夹或文件，如 jixiao {command} {}",
        src.display(),
        reports.len(),
        shown.join("、"),
        if reports.len() > shown.len() {
            " 等"
        } else {
            ""
        },
        shown[0]
    );
    Err(ExitCode::from(EXIT_USAGE))
}

/// `jixiao check ROOT`.
pub fn check(root: &Path, reports: &[ReportSource]) -> ExitCode {
    let Some(typesetter) = typesetter(&[]) else {
        return ExitCode::from(EXIT_USAGE);
    };
    let progress = Progress::new(reports.len());
    let finished = batch::run(reports, &Task::Evaluate, &typesetter, jobs(), &|done| {
        progress.report(|n| {
            print_diagnostics(done, reports);
            let line = if done.has_errors() {
                errors_line(done, reports, "")
            } else {
                format!(
                    "检查通过 {}{}",
                    reports[done.index].name,
                    warnings_note(done.row.warnings)
                )
            };
            eprintln!("{} {line}", progress.counter(n));
        });
    });
    progress.finish();
    let summary = Summary::new(finished.into_iter().map(|f| f.row).collect());
    let t = &summary.totals;
    eprintln!(
        "共 {} 份报告（{}）：{} 份检查通过，{} 份有错误；共 {} 个错误，{} 个警告。",
        t.reports,
        root.display(),
        t.passed,
        t.failed,
        t.errors,
        t.warnings
    );
    exit_code(t.failed)
}

/// `jixiao score ROOT`: the 汇总表 on standard output, as a table or a JSON array of rows.
pub fn score(root: &Path, reports: &[ReportSource], format: Format) -> ExitCode {
    let Some(typesetter) = typesetter(&[]) else {
        return ExitCode::from(EXIT_USAGE);
    };
    let progress = Progress::new(reports.len());
    let finished = batch::run(reports, &Task::Evaluate, &typesetter, jobs(), &|done| {
        progress.report(|n| {
            if done.has_errors() {
                print_diagnostics(done, reports);
                eprintln!("{} {}", progress.counter(n), errors_line(done, reports, ""));
            }
        });
    });
    progress.finish();
    let summary = Summary::new(finished.into_iter().map(|f| f.row).collect());
    match format {
        Format::Text => print!("{}", summary.to_text()),
        Format::Json => match serde_json::to_string_pretty(&summary.rows) {
            Ok(json) => println!("{json}"),
            Err(error) => {
                eprintln!("错误: 无法生成 JSON：{error}");
                return ExitCode::from(EXIT_USAGE);
            }
        },
    }
    if summary.totals.failed > 0 {
        eprintln!(
            "「{}」中 {} 份报告有错误，未计分（见上面的提示）。",
            root.display(),
            summary.totals.failed
        );
    }
    exit_code(summary.totals.failed)
}

/// `jixiao build ROOT -o OUTDIR`: a PDF per report, then 汇总表.pdf and 汇总表.xlsx.
pub fn build(
    args: &BuildArgs,
    reports: &[ReportSource],
    options: &BuildOptions,
    typesetter: &Typesetter,
) -> ExitCode {
    let root = &args.src;
    if args.typst_out.is_some() {
        eprintln!(
            "错误: --typst-out 只能用于一份报告，而「{}」里有 {} 份报告：请对其中一份单独运行 jixiao build 报告 --typst-out 文件.typ",
            root.display(),
            reports.len()
        );
        return ExitCode::from(EXIT_USAGE);
    }
    let outdir = match output_folder(root, args.output.as_deref()) {
        Ok(outdir) => outdir,
        Err(code) => return code,
    };
    let pdfs = match batch::output_paths(reports, &outdir, &[batch::SUMMARY_NAME])
        .map_err(|error| error.to_string())
        .and_then(|pdfs| batch::check_output_paths(&pdfs, &outdir, root, options).map(|()| pdfs))
    {
        Ok(pdfs) => pdfs,
        Err(error) => {
            eprintln!("错误: {error}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let task = Task::Build {
        options,
        pdfs: &pdfs,
    };
    let progress = Progress::new(reports.len());
    let finished = batch::run(reports, &task, typesetter, jobs(), &|done| {
        progress.report(|n| {
            print_diagnostics(done, reports);
            let counter = progress.counter(n);
            match &done.pdf {
                Some((pdf, pages)) if !done.has_errors() => println!(
                    "{counter} 已生成 {}：{}，总分 {} 分（{}），共 {pages} 页{}。",
                    pdf.display(),
                    done.row.form.unwrap_or_default(),
                    done.row.total.as_deref().unwrap_or_default(),
                    done.row.grade.unwrap_or_default(),
                    warnings_note(done.row.warnings),
                ),
                _ => println!("{counter} {}", errors_line(done, reports, "，未生成 PDF")),
            }
        });
    });
    progress.finish();
    let summary = Summary::new(finished.into_iter().map(|f| f.row).collect());
    let t = &summary.totals;
    let written = batch::write_summary(&summary, &outdir, root, options, typesetter);
    let (summary_pdf, summary_xlsx) = batch::summary_paths(&outdir);
    let tail = match &written {
        Ok(_) => format!(
            "汇总表：{}、{}",
            summary_pdf.display(),
            summary_xlsx.display()
        ),
        Err(_) => "汇总表未能全部生成（见下面的错误）".to_string(),
    };
    println!(
        "共 {} 份报告：{} 份已生成 PDF，{} 份有错误；{}。{}",
        t.reports,
        t.passed,
        t.failed,
        tail,
        summary.grade_line()
    );
    if let Err(message) = written {
        eprintln!("错误: {message}");
        return ExitCode::from(EXIT_USAGE);
    }
    exit_code(t.failed)
}

/// `-o`, or `ROOT名-pdf` in the current folder; made when missing. A `-o` that names a file
/// is refused: many PDFs need a folder.
fn output_folder(root: &Path, output: Option<&Path>) -> Result<PathBuf, ExitCode> {
    let outdir = match output {
        Some(path) => path.to_path_buf(),
        None => {
            let name = std::path::absolute(root)
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "报告".to_string());
            PathBuf::from(format!("{name}-pdf"))
        }
    };
    let looks_like_file = outdir
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if outdir.exists() && !outdir.is_dir() || looks_like_file && !outdir.is_dir() {
        eprintln!(
            "错误: 「{}」里有多份报告，-o 要指定一个文件夹（每份报告一个 PDF，另加汇总表），而「{}」是一个文件名：请改为文件夹，如 -o 自评PDF",
            root.display(),
            outdir.display()
        );
        return Err(ExitCode::from(EXIT_USAGE));
    }
    if let Err(error) = std::fs::create_dir_all(&outdir) {
        eprintln!(
            "错误: 无法建立输出文件夹「{}」：{}",
            outdir.display(),
            jixiao::files::reason(&error, jixiao::files::Access::Write)
        );
        return Err(ExitCode::from(EXIT_USAGE));
    }
    Ok(outdir)
}

/// `JIXIAO_JOBS`: how many reports at once (default: one per core), for a machine shared with
/// other work.
fn jobs() -> usize {
    std::env::var("JIXIAO_JOBS")
        .ok()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

fn typesetter(font_path: &[PathBuf]) -> Option<Typesetter> {
    Typesetter::new(font_path)
        .map_err(|error| eprintln!("错误: {error}"))
        .ok()
}

fn exit_code(failed: usize) -> ExitCode {
    if failed > 0 {
        ExitCode::from(EXIT_REPORT_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}

/// The report's diagnostics under its name, and what failed outside its checks.
fn print_diagnostics(done: &Finished, reports: &[ReportSource]) {
    if done.diagnostics.is_empty() && done.failure.is_none() {
        return;
    }
    let report = &reports[done.index];
    eprintln!("—— {}（{}）——", report.name, report.path.display());
    eprint!("{}", done.diagnostics);
    if let Some(failure) = &done.failure {
        eprintln!("错误: {failure}");
    }
}

fn errors_line(done: &Finished, reports: &[ReportSource], then: &str) -> String {
    format!(
        "有错误 {}（{}）：{} 个错误，{} 个警告{then}，请先改正上面列出的错误。",
        reports[done.index].name,
        reports[done.index].path.display(),
        done.row.errors,
        done.row.warnings
    )
}

fn warnings_note(warnings: usize) -> String {
    if warnings == 0 {
        String::new()
    } else {
        format!("，{warnings} 个警告")
    }
}

/// A bar on standard error when it is a terminal and there are more than a few reports;
/// otherwise each report's line is the progress (`[3/40] …`).
struct Progress {
    bar: Option<ProgressBar>,
    total: usize,
    /// How many are done; held while one report's lines are printed, so they never mix.
    done: Mutex<usize>,
}

impl Progress {
    fn new(total: usize) -> Progress {
        let bar = (total > FEW && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(
                Some(u64::try_from(total).unwrap_or(u64::MAX)),
                ProgressDrawTarget::stderr(),
            );
            let style = ProgressStyle::with_template(
                "{bar:32.cyan/blue} {pos}/{len} 份报告  已用 {elapsed}  约剩 {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress {
            bar,
            total,
            done: Mutex::new(0),
        }
    }

    /// Prints one finished report's lines (`print` gets how many are done) without tearing
    /// the bar.
    fn report(&self, print: impl FnOnce(usize)) {
        let mut done = self.done.lock().unwrap_or_else(|e| e.into_inner());
        *done += 1;
        let n = *done;
        match &self.bar {
            Some(bar) => {
                bar.suspend(|| print(n));
                bar.inc(1);
            }
            None => print(n),
        }
    }

    fn counter(&self, n: usize) -> String {
        format!("[{n}/{}]", self.total)
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
