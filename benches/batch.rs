//! `cargo bench --bench batch`: `jixiao build ROOT -o OUT` on folders of 1, 10, 40 and 200
//! copies of the sample (data/2022-baoxie), against `jixiao build` of the sample alone, each in
//! a fresh process (fonts loaded, Typst's caches empty), as a user runs them. Prints the wall
//! time, the time per report, the ratio to one build and, where `/usr/bin/time` exists, the
//! peak memory (maximum resident set size).
//!
//! Two kinds of copies: `same` (identical copies, as the issue asks: Typst's memoisation can
//! reuse much of one copy's layout for the next) and `distinct` (each copy's 单位名称 numbered,
//! so every title, header and PDF differs).
//!
//! Options (after `--`): `--quick` (1, 10 and 40 only, one run each). Environment:
//! `JIXIAO_BENCH_RUNS` (runs of each measurement; the median is printed), `JIXIAO_BENCH_SIZES`
//! (e.g. `1,40`). Offline and deterministic: the folders are written into a temporary folder.

#[path = "support/peak.rs"]
mod peak;

use std::path::{Path, PathBuf};
use std::time::Duration;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-baoxie");
const JIXIAO: &str = env!("CARGO_BIN_EXE_jixiao");

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let runs = env_number("JIXIAO_BENCH_RUNS").unwrap_or(if quick { 1 } else { 3 });
    let sizes: Vec<usize> = std::env::var("JIXIAO_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| {
            if quick {
                vec![1, 10, 40]
            } else {
                vec![1, 10, 40, 200]
            }
        });
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!(
        "jixiao batch bench — {JIXIAO}; {cores} core(s); median of {runs} run(s), each a fresh process"
    );
    let work = tempfile::tempdir().expect("temporary folder");

    let single_out = work.path().join("single.pdf");
    let single = measure(runs, &["build", SAMPLE, "-o", path_str(&single_out)]);
    println!(
        "one build (jixiao build data/2022-baoxie): {}  peak {}",
        seconds(single.time),
        memory(single.peak_kib)
    );

    for kind in [Kind::Same, Kind::Distinct] {
        println!("\n{} copies:", kind.name());
        println!(
            "  reports      wall    per report   × one build   peak memory   (× one build: median of the ratios to a build of the sample alone run just before)"
        );
        for &n in &sizes {
            let root = work.path().join(format!("{}-{n}", kind.name()));
            write_copies(&root, n, kind);
            let out = work.path().join(format!("out-{}-{n}", kind.name()));
            let batch_args = ["build", path_str(&root), "-o", path_str(&out)];
            let single_args = ["build", SAMPLE, "-o", path_str(&single_out)];
            // Each run of the folder right after a run of the sample alone: the ratio of each
            // pair, so that a load from other work on the machine weighs on both alike.
            let mut ratios = Vec::new();
            let mut times = Vec::new();
            let mut peak = None;
            for _ in 0..runs.max(1) {
                let (alone, _) = run_once(&single_args);
                let (time, kib) = run_once(&batch_args);
                ratios.push(time.as_secs_f64() / alone.as_secs_f64());
                times.push(time);
                peak = peak.max(kib);
            }
            times.sort();
            ratios.sort_by(f64::total_cmp);
            let result = Measured {
                time: times[times.len() / 2],
                peak_kib: peak,
            };
            let ratio = ratios[ratios.len() / 2];
            println!(
                "  {n:>7}  {:>9}  {:>11}  {:>12}  {:>12}",
                seconds(result.time),
                seconds(result.time / u32::try_from(n).unwrap_or(1)),
                format!("{ratio:.1}"),
                memory(result.peak_kib)
            );
            if n == 40 {
                let verdict = if ratio <= 20.0 { "within" } else { "OVER" };
                println!(
                    "           40 reports take {ratio:.1} × one build: {verdict} the limit of 20 ×"
                );
            }
            let _ = std::fs::remove_dir_all(&out);
            let _ = std::fs::remove_dir_all(&root);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Same,
    Distinct,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Same => "same",
            Kind::Distinct => "distinct",
        }
    }
}

/// `root/r001/` … `root/r{n}/`, each the sample's files; `distinct` numbers the 单位名称.
fn write_copies(root: &Path, n: usize, kind: Kind) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(SAMPLE)
        .expect("the sample")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    for i in 1..=n {
        let dir = root.join(format!("r{i:03}"));
        std::fs::create_dir_all(&dir).expect("create folder");
        for file in &files {
            let mut text = std::fs::read_to_string(file).expect("read sample");
            if kind == Kind::Distinct {
                text = text.replace(
                    "单位名称: 武汉东湖新技术开发区豹澥街道办事处",
                    &format!("单位名称: 武汉东湖新技术开发区豹澥街道办事处第{i}分部"),
                );
            }
            std::fs::write(dir.join(file.file_name().expect("name")), text).expect("write");
        }
    }
}

struct Measured {
    time: Duration,
    peak_kib: Option<u64>,
}

/// The median wall time of `runs` runs of `jixiao args…`, and the largest peak memory.
fn measure(runs: usize, args: &[&str]) -> Measured {
    let mut times = Vec::new();
    let mut peak = None;
    for _ in 0..runs.max(1) {
        let (time, kib) = run_once(args);
        times.push(time);
        peak = peak.max(kib);
    }
    times.sort();
    Measured {
        time: times[times.len() / 2],
        peak_kib: peak,
    }
}

fn run_once(args: &[&str]) -> (Duration, Option<u64>) {
    peak::run_timed(peak::timed(JIXIAO).args(args))
}

fn seconds(time: Duration) -> String {
    format!("{:.3} s", time.as_secs_f64())
}

fn memory(kib: Option<u64>) -> String {
    kib.map_or_else(|| "—".to_string(), |kib| format!("{} MB", kib / 1024))
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn env_number(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.parse().ok()
}
