//! `cargo bench --bench vs_typst`: `jixiao build` of a report against `typst compile` of the
//! Typst source that build writes (`--typst-out`), with the same fonts (`jixiao fonts`), each
//! a fresh process as a user runs them. On the sample (data/2022-baoxie) and on the generated
//! report of 2,000 indicators. jixiao reads the YAML, checks, scores and renders before it
//! lays out the same source, so a ratio under 1 means its whole build takes less time than the
//! Typst CLI takes for the layout and PDF alone.
//!
//! Needs a `typst` executable of Typst 0.15: `JIXIAO_BENCH_TYPST=/path/to/typst`, else `typst`
//! on PATH (e.g. `cargo install --locked typst-cli@0.15.1`); without one it says so and stops.
//! `typst compile` is given `--ignore-system-fonts`, so that it has the fonts jixiao has (plus
//! the few it embeds itself). The runs alternate between the two commands; the median of each
//! and the median of the ratios of the runs taken side by side are printed, with peak memory
//! where `/usr/bin/time` exists. `JIXIAO_BENCH_RUNS` sets the runs (default 10, 3 with
//! `--quick`).

#[path = "support/generated.rs"]
mod generated;
#[path = "support/peak.rs"]
mod peak;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use generated::{SAMPLE, generate_report};

const JIXIAO: &str = env!("CARGO_BIN_EXE_jixiao");

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let runs = std::env::var("JIXIAO_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(if quick { 3 } else { 10 })
        .max(1);
    let Some(typst) = typst_executable() else {
        println!(
            "vs_typst: no `typst` found (set JIXIAO_BENCH_TYPST, or `cargo install --locked \
             typst-cli@0.15.1`); nothing measured"
        );
        return;
    };
    let version = output_of(Command::new(&typst).arg("--version"));
    println!(
        "jixiao vs typst compile — {JIXIAO}\n  against {} ({})",
        typst.display(),
        version.trim()
    );
    println!("  median of {runs} runs each, alternating, after one warm-up run of each\n");

    let work = tempfile::tempdir().expect("temporary folder");
    let fonts = work.path().join("fonts");
    run(Command::new(JIXIAO).arg("fonts").arg(&fonts));
    let generated = work.path().join("generated-2000");
    generate_report(&generated);

    println!(
        "{:<36} {:>10} {:>10} {:>8}   {:>10} {:>10}",
        "report", "jixiao", "typst", "ratio", "peak jx", "peak typst"
    );
    for (label, src) in [
        ("data/2022-baoxie", PathBuf::from(SAMPLE)),
        ("generated, 2,000 indicators", generated),
    ] {
        let pair = Pair::new(work.path(), &src, &typst, &fonts);
        let measured = pair.measure(runs);
        println!(
            "{label:<36} {:>10} {:>10} {:>8.3}   {:>10} {:>10}",
            millis(median(&measured.jixiao)),
            millis(median(&measured.typst)),
            median(&measured.ratios),
            megabytes(measured.jixiao_peak),
            megabytes(measured.typst_peak),
        );
    }
}

/// The two commands of one report: `jixiao build SRC` and `typst compile` of its source.
struct Pair {
    jixiao: Command,
    typst: Command,
}

struct Measured {
    jixiao: Vec<Duration>,
    typst: Vec<Duration>,
    ratios: Vec<f64>,
    jixiao_peak: Option<u64>,
    typst_peak: Option<u64>,
}

impl Pair {
    fn new(work: &Path, src: &Path, typst: &Path, fonts: &Path) -> Pair {
        let stem = src.file_name().expect("report folder name");
        let source = work.join(stem).with_extension("typ");
        let jixiao_pdf = work.join(stem).with_extension("jixiao.pdf");
        run(Command::new(JIXIAO)
            .arg("build")
            .arg(src)
            .arg("-o")
            .arg(&jixiao_pdf)
            .arg("--typst-out")
            .arg(&source));
        let mut jixiao = peak::timed(JIXIAO);
        jixiao.arg("build").arg(src).arg("-o").arg(&jixiao_pdf);
        let mut compile = peak::timed(typst.as_os_str());
        compile
            .arg("compile")
            .arg("--ignore-system-fonts")
            .arg("--font-path")
            .arg(fonts)
            .arg(&source)
            .arg(work.join(stem).with_extension("typst.pdf"));
        Pair {
            jixiao,
            typst: compile,
        }
    }

    fn measure(mut self, runs: usize) -> Measured {
        peak::run_timed(&mut self.jixiao);
        peak::run_timed(&mut self.typst);
        let mut measured = Measured {
            jixiao: Vec::new(),
            typst: Vec::new(),
            ratios: Vec::new(),
            jixiao_peak: None,
            typst_peak: None,
        };
        for i in 0..runs {
            // Alternate which goes first, so that neither always follows the other.
            let (j, t) = if i % 2 == 0 {
                let j = peak::run_timed(&mut self.jixiao);
                (j, peak::run_timed(&mut self.typst))
            } else {
                let t = peak::run_timed(&mut self.typst);
                (peak::run_timed(&mut self.jixiao), t)
            };
            measured.ratios.push(j.0.as_secs_f64() / t.0.as_secs_f64());
            measured.jixiao.push(j.0);
            measured.typst.push(t.0);
            measured.jixiao_peak = measured.jixiao_peak.max(j.1);
            measured.typst_peak = measured.typst_peak.max(t.1);
        }
        measured
    }
}

fn typst_executable() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("JIXIAO_BENCH_TYPST") {
        return Some(PathBuf::from(path));
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("typst"))
        .find(|path| path.is_file())
}

fn run(command: &mut Command) {
    output_of(command);
}

fn output_of(command: &mut Command) -> String {
    let output = command.output().expect("command runs");
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The middle sample (the upper one of an even count); `runs` is at least 1.
fn median<T: Copy + PartialOrd>(samples: &[T]) -> T {
    let mut sorted = samples.to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).expect("comparable samples"));
    sorted[sorted.len() / 2]
}

fn millis(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

fn megabytes(kib: Option<u64>) -> String {
    kib.map_or_else(|| "—".to_string(), |kib| format!("{} MB", kib / 1024))
}
