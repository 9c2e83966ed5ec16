//! Many reports at once: `jixiao check|score|build ROOT` where ROOT holds several reports
//! ([`discover`] tells which). Each report is read, checked and (for `build`) typeset on its
//! own, in parallel on every core with one shared [`Typesetter`] (fonts loaded once); a report
//! with errors is listed with them and does not stop the others. The [`summary`] of all of
//! them is the 汇总表 ([`summary_pdf`], [`summary_xlsx`]).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};

use crate::Evaluated;
use crate::output::{OutputError, Protected, check_folders_below, check_outputs, write_outputs};
use crate::pipeline::{BuildError, BuildOptions, build, evaluate_printable};
use crate::typeset::Typesetter;

pub mod discover;
pub mod summary;
pub mod summary_pdf;
pub mod summary_xlsx;

pub use discover::{Layout, LayoutError, ReportSource, discover, output_paths};
pub use summary::{Summary, SummaryRow};

/// The 汇总表's files in OUTDIR (their names without extension are reserved: no report's PDF
/// may take them).
pub const SUMMARY_NAME: &str = "汇总表";

// The workers share one typesetter (its fonts are loaded once and each face parsed on first use,
// behind a `OnceLock`): it must be `Sync`.
const _: fn() = || {
    fn shared<T: Sync + Send>() {}
    shared::<Typesetter>();
};

/// What to do with each report.
pub enum Task<'a> {
    /// Read, check (glyphs too) and score: `check` and `score`.
    Evaluate,
    /// Also typeset and write `pdfs[i]` for report i.
    Build {
        options: &'a BuildOptions,
        pdfs: &'a [PathBuf],
    },
}

/// One report done.
#[derive(Debug)]
pub struct Finished {
    /// Its place in the list given to [`run`].
    pub index: usize,
    pub row: SummaryRow,
    /// Its diagnostics as `check` prints them (with the totals line), empty when none.
    pub diagnostics: String,
    /// What went wrong outside the report's own checks (unreadable, typesetting, writing).
    pub failure: Option<String>,
    /// The PDF written and its pages (`build` only, and only without errors).
    pub pdf: Option<(PathBuf, usize)>,
}

impl Finished {
    pub fn has_errors(&self) -> bool {
        self.row.errors > 0
    }
}

/// Runs `task` on every report, `threads` at a time (0: one per core), calling `done` as each
/// finishes (from the worker threads, in the order they finish). Returns them in the order
/// given. A built PDF is written by a writer thread of its own, so that the workers go on
/// typesetting while the disk syncs the last one.
pub fn run(
    reports: &[ReportSource],
    task: &Task,
    typesetter: &Typesetter,
    threads: usize,
    done: &(dyn Fn(&Finished) + Sync),
) -> Vec<Finished> {
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    }
    .clamp(1, reports.len().max(1));
    let next = AtomicUsize::new(0);
    let finished = Mutex::new(Vec::with_capacity(reports.len()));
    let finish = |result: Finished| {
        done(&result);
        if let Ok(mut all) = finished.lock() {
            all.push(result);
        }
    };
    let finish = &finish;
    let next = &next;
    std::thread::scope(|scope| {
        let (to_writer, writes) = mpsc::sync_channel::<Box<Pending>>(threads * 2);
        scope.spawn(move || {
            for write in writes {
                finish(write.write());
            }
        });
        for _ in 0..threads {
            let to_writer = to_writer.clone();
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(report) = reports.get(index) else {
                        break;
                    };
                    match process(index, report, task, typesetter) {
                        Step::Done(result) => finish(*result),
                        Step::Write(write) => {
                            if let Err(mpsc::SendError(write)) = to_writer.send(write) {
                                finish(write.write());
                            }
                        }
                    }
                }
            });
        }
    });
    let mut finished = finished.into_inner().unwrap_or_else(|e| e.into_inner());
    finished.sort_by_key(|f| f.index);
    finished
}

/// A report processed: done, or built and waiting for its PDF to be written.
enum Step {
    Done(Box<Finished>),
    Write(Box<Pending>),
}

struct Pending {
    finished: Finished,
    name: String,
    path: String,
    pdf: PathBuf,
    bytes: Vec<u8>,
    pages: usize,
    evaluated: Evaluated,
    protected: Protected,
}

impl Pending {
    /// Writes the PDF (atomically, into its folder made if missing) and completes the row.
    fn write(self: Box<Self>) -> Finished {
        let Pending {
            mut finished,
            name,
            path,
            pdf,
            bytes,
            pages,
            evaluated,
            protected,
        } = *self;
        let written = pdf
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(|error| {
                format!(
                    "无法建立文件夹「{}」：{}",
                    pdf.parent().unwrap_or(&pdf).display(),
                    crate::files::reason(&error, crate::files::Access::Write)
                )
            })
            .and_then(|()| {
                write_outputs(&[(pdf.as_path(), bytes.as_slice())], &protected)
                    .map_err(|error| error.to_string())
            });
        match written {
            Ok(()) => {
                finished.row = SummaryRow::of(&name, &path, &evaluated, 0);
                finished.pdf = Some((pdf, pages));
            }
            Err(message) => {
                finished.row = SummaryRow::of(&name, &path, &evaluated, 1);
                finished.failure = Some(message);
            }
        }
        finished
    }
}

fn process(index: usize, report: &ReportSource, task: &Task, typesetter: &Typesetter) -> Step {
    let path = report.path.display().to_string();
    let mut finished = Finished {
        index,
        row: SummaryRow::failed(&report.name, &path, 1),
        diagnostics: String::new(),
        failure: None,
        pdf: None,
    };
    match task {
        Task::Evaluate => match evaluate_printable(&report.path, typesetter) {
            Ok(evaluated) => {
                finished.diagnostics = evaluated.diagnostics.render(&evaluated.files);
                finished.row = SummaryRow::of(&report.name, &path, &evaluated, 0);
            }
            Err(error) => finished.failure = Some(error.to_string()),
        },
        Task::Build { options, pdfs } => {
            let Some(pdf) = pdfs.get(index) else {
                finished.failure = Some("没有这份报告的输出路径".to_string());
                return Step::Done(Box::new(finished));
            };
            match build(&report.path, options, typesetter) {
                Ok(built) => {
                    let evaluated = built.evaluated;
                    finished.diagnostics = evaluated.diagnostics.render(&evaluated.files);
                    return Step::Write(Box::new(Pending {
                        finished,
                        name: report.name.clone(),
                        path,
                        pdf: pdf.clone(),
                        bytes: built.pdf,
                        pages: built.pages,
                        evaluated,
                        protected: Protected {
                            src: report.path.clone(),
                            templates: options.templates.clone(),
                        },
                    }));
                }
                Err(BuildError::Report(evaluated)) => {
                    finished.diagnostics = evaluated.diagnostics.render(&evaluated.files);
                    finished.row = SummaryRow::of(&report.name, &path, &evaluated, 0);
                }
                Err(error) => finished.failure = Some(error.to_string()),
            }
        }
    }
    Step::Done(Box::new(finished))
}

/// Refuses, before anything is built, every output of a folder build that would land on a
/// link, a folder, a FIFO or a source of the run, or below a link inside OUTDIR.
pub fn check_output_paths(
    pdfs: &[PathBuf],
    outdir: &Path,
    root: &Path,
    options: &BuildOptions,
) -> Result<(), String> {
    let protected = Protected {
        src: root.to_path_buf(),
        templates: options.templates.clone(),
    };
    let (summary_pdf, summary_xlsx) = summary_paths(outdir);
    let mut problems = Vec::new();
    for path in pdfs.iter().chain([&summary_pdf, &summary_xlsx]) {
        let checked = check_folders_below(outdir, path)
            .and_then(|()| check_outputs(&[path.as_path()], &protected).map(drop));
        if let Err(error) = checked {
            problems.push(error.to_string());
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let mut message = "这些输出路径不能写，未处理任何报告：".to_string();
    for problem in &problems {
        message.push_str("\n  - ");
        message.push_str(problem);
    }
    Err(message)
}

/// The 汇总表's two files, `OUTDIR/汇总表.pdf` and `OUTDIR/汇总表.xlsx`.
pub fn summary_paths(outdir: &Path) -> (PathBuf, PathBuf) {
    (
        outdir.join(format!("{SUMMARY_NAME}.pdf")),
        outdir.join(format!("{SUMMARY_NAME}.xlsx")),
    )
}

/// Writes the 汇总表 into `outdir`, its PDF first and then its workbook; the pages of its PDF.
/// A workbook that cannot be made or written does not take the PDF with it: the error says
/// why, and that the PDF was written.
pub fn write_summary(
    summary: &Summary,
    outdir: &Path,
    root: &Path,
    options: &BuildOptions,
    typesetter: &Typesetter,
) -> Result<usize, String> {
    let (_, compiled) = summary_pdf::summary_pdf(summary, options, typesetter)
        .map_err(|error| format!("无法生成汇总表.pdf：{error}"))?;
    let (pdf, xlsx) = summary_paths(outdir);
    let protected = Protected {
        src: root.to_path_buf(),
        templates: options.templates.clone(),
    };
    write_outputs(&[(pdf.as_path(), compiled.pdf.as_slice())], &protected)
        .map_err(|error| error.to_string())?;
    summary_xlsx::summary_xlsx(summary)
        .map_err(|error| error.to_string())
        .and_then(|workbook| {
            write_outputs(&[(xlsx.as_path(), workbook.as_slice())], &protected).map_err(|error| {
                match error {
                    OutputError::Folder(path) => format!(
                        "无法写出汇总表.xlsx：「{}」是一个文件夹：请把它改名或移走",
                        path.display()
                    ),
                    OutputError::Write { path, reason } => {
                        format!("无法写入「{}」：{reason}", path.display())
                    }
                    other => other.to_string(),
                }
            })
        })
        .map_err(|reason| format!("{reason}（汇总表.pdf 已写出：{}）", pdf.display()))?;
    Ok(compiled.pages)
}
