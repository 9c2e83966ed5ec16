//! `cargo bench --bench pipeline`: how long each stage of `jixiao build` takes, on the sample
//! report (data/2022-baoxie) and on a generated one of 2,000 indicators (40 goals × 50), and
//! how a rebuild after a one-number edit with a live typesetter compares with a cold build
//! (what `watch` relies on).
//!
//! No harness: each stage is timed with `Instant` over several iterations after one warm-up,
//! and the median and minimum are printed. Deterministic and offline: the generated report is
//! written into a temporary folder from fixed patterns.
//!
//! Options (after `--`): `--quick` (fewer iterations), `--generate DIR` (only write the
//! generated report into DIR, e.g. to run `jixiao check DIR` on it), `--stages` (only the
//! stages, no rebuilds). Environment: `JIXIAO_BENCH_ITERS` (iterations per stage),
//! `JIXIAO_BENCH_COLD_RUNS` (fresh processes for the cold build), `JIXIAO_BENCH_TEMPLATES`
//! (a template folder, as `--templates`, for the stages: to compare template variants).
//!
//! A cold build runs in a fresh process (`--cold-child DIR`, spawned from here), since Typst's
//! memoisation cache and its lazily parsed fonts live as long as the process.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use jixiao::Outcome;
use jixiao::check::glyphs::check_glyphs;
use jixiao::check::{review, validate};
use jixiao::pipeline::{BuildOptions, build, document, pdf_meta};
use jixiao::render::render;
use jixiao::render::templates::TemplateSet;
use jixiao::scoring::{facts, score};
use jixiao::source::load;
use jixiao::typeset::Typesetter;

#[path = "support/generated.rs"]
mod generated;

use generated::{EDITED_LINE, GOALS, INDICATORS_PER_GOAL, SAMPLE, generate_report};

// The allocator of the `jixiao` binary, so that the stages are timed as it runs them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(dir) = value_of(&args, "--cold-child") {
        cold_child(Path::new(&dir));
        return;
    }
    if let Some(dir) = value_of(&args, "--generate") {
        let dir = PathBuf::from(dir);
        generate_report(&dir);
        println!(
            "已生成 {}（{GOALS} 个年度目标，每个 {INDICATORS_PER_GOAL} 项指标）",
            dir.display()
        );
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let iters = env_number("JIXIAO_BENCH_ITERS").unwrap_or(if quick { 3 } else { 10 });
    let cold_runs = env_number("JIXIAO_BENCH_COLD_RUNS").unwrap_or(if quick { 1 } else { 3 });

    println!(
        "jixiao pipeline bench — profile: {}; {iters} iterations per stage (after 1 warm-up), \
         {cold_runs} fresh process(es) per cold build",
        profile()
    );

    let temp = tempfile::tempdir().expect("temporary folder");
    let sample = temp.path().join("2022-baoxie");
    copy_dir(Path::new(SAMPLE), &sample);
    let generated = temp.path().join("generated-2000");
    generate_report(&generated);

    let started = Instant::now();
    let typesetter = Typesetter::new(&[]).expect("embedded fonts");
    let fonts = started.elapsed();
    println!("Typesetter::new (embedded fonts): {}", ms(fonts));

    let reports = [
        Bench {
            label: "data/2022-baoxie",
            dir: sample,
            edit_file: "目标1-拆迁.yaml",
            edit_line: "实际完成值: 82%",
            edit_value: |i| format!("实际完成值: 82.{:02}%", i % 100),
        },
        Bench {
            label: "generated, 40 goals × 50 indicators",
            dir: generated,
            edit_file: "目标01.yaml",
            edit_line: EDITED_LINE,
            edit_value: |i| format!("实际完成值: 90.{:02}%", i % 100),
        },
    ];
    let only_stages = args.iter().any(|a| a == "--stages");
    let templates = match std::env::var_os("JIXIAO_BENCH_TEMPLATES") {
        Some(dir) => {
            let limits = jixiao::limits::Limits::default();
            TemplateSet::with_overrides(&jixiao::form::templates(), Path::new(&dir), &limits)
                .expect("template folder")
        }
        None => TemplateSet::built_in(&jixiao::form::templates()),
    };
    for bench in &reports {
        let mut table = stages(bench, &typesetter, &templates, iters);
        if !only_stages {
            rebuilds(bench, &typesetter, iters, cold_runs, &mut table);
        }
        println!("\n{}", table.render());
    }
}

/// One report to measure, and the one number a rebuild changes: `edit_line` in `edit_file`
/// becomes `edit_value(i)`, a new value each time.
struct Bench {
    label: &'static str,
    dir: PathBuf,
    edit_file: &'static str,
    edit_line: &'static str,
    edit_value: fn(usize) -> String,
}

/// Each stage on its own, as `build::build` runs them, each iteration from the files on disk.
fn stages(bench: &Bench, typesetter: &Typesetter, templates: &TemplateSet, iters: usize) -> Table {
    let names = [
        "load",
        "check (validate + review)",
        "score (score + facts)",
        "glyphs",
        "render (document + render)",
        "typeset (Typst compile)",
        "PDF export",
    ];
    let mut samples: Vec<Vec<Duration>> = vec![Vec::new(); names.len()];
    let mut typeset_cpu = Vec::new();
    let mut totals = Vec::new();
    let mut summary = String::new();
    let mut passes = Vec::new();
    for iteration in 0..=iters {
        let mut times = [Duration::ZERO; 7];
        let mut time = |stage: usize, started: Instant| times[stage] += started.elapsed();

        let t = Instant::now();
        let loaded = load::load_path(&bench.dir).expect("report readable");
        time(0, t);
        let mut diagnostics = loaded.diagnostics;
        let report = loaded.report.expect("report loads");
        let files = loaded.files;

        let t = Instant::now();
        let form = report.own.form();
        let form_checks = |d: &mut jixiao::Diagnostics| form.check(&report, d);
        diagnostics.extend(validate::validate(&report, form_checks).0);
        time(1, t);
        let t = Instant::now();
        let scores = score::score_report(&report);
        time(2, t);
        let t = Instant::now();
        diagnostics.extend(review::review(&report, &scores).0);
        time(1, t);
        let t = Instant::now();
        let facts = facts::derive_facts(&report, &scores);
        time(2, t);

        let t = Instant::now();
        let form_texts = report.own.form().printed_texts();
        diagnostics.extend(check_glyphs(&report, form_texts, &files, typesetter));
        time(3, t);
        assert!(
            !diagnostics.has_errors(),
            "{} has errors:\n{}",
            bench.label,
            diagnostics.render(&files)
        );

        let outcome = Outcome {
            report,
            scores,
            facts,
        };
        let t = Instant::now();
        let document = document(&outcome);
        let source = render(&document, templates).expect("templates render");
        time(4, t);
        let meta = pdf_meta(&document, false);

        // Each layout from scratch (fonts stay parsed): repeating the same source would
        // otherwise only measure Typst's memoisation cache.
        typst::comemo::evict(0);
        // The warm-up also records Typst's own timing scopes: how many layout passes the
        // document needs to converge, and how long each takes (with the recording's overhead).
        if iteration == 0 {
            typst_timing::clear();
            typst_timing::enable();
        }
        let t = Instant::now();
        let cpu = cpu_time();
        let laid_out = typesetter
            .compile_document(&source, &templates.files, &meta)
            .expect("typesets");
        time(5, t);
        let cpu = cpu_time().saturating_sub(cpu);
        if iteration == 0 {
            typst_timing::disable();
            passes = layout_passes();
        }
        let t = Instant::now();
        let compiled = laid_out.export_pdf().expect("exports");
        time(6, t);

        if iteration == 0 {
            let indicators = outcome.facts.indicator_count;
            summary = format!(
                "{}: {} goals, {indicators} indicators, {} warnings; {} bytes of Typst, \
                 {} pages, {} KiB of PDF, 总分 {}",
                bench.label,
                outcome.facts.goal_count,
                diagnostics.warnings().count(),
                source.len(),
                compiled.pages,
                compiled.pdf.len() / 1024,
                document.card.total,
            );
            continue; // warm-up
        }
        for (stage, elapsed) in times.iter().enumerate() {
            samples[stage].push(*elapsed);
        }
        typeset_cpu.push(cpu);
        totals.push(times.iter().sum());
    }
    let mut table = Table::new(summary);
    for (name, samples) in names.iter().zip(samples) {
        table.row(name, samples);
    }
    table.row("sum of the stages", totals);
    table.row("typeset, CPU time (all threads)", typeset_cpu);
    table.note(format!(
        "layout passes until convergence (warm-up, timed by typst-timing): {} — {}",
        passes.len(),
        passes.iter().map(|d| ms(*d)).collect::<Vec<_>>().join(", ")
    ));
    table
}

/// CPU time of this process so far, all threads (Linux: the first field of each thread's
/// schedstat), zero elsewhere. Less disturbed than wall time by other work on the machine.
fn cpu_time() -> Duration {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Duration::ZERO;
    };
    let nanos: u64 = tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("schedstat")).ok())
        .filter_map(|stat| stat.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    Duration::from_nanos(nanos)
}

/// The durations of Typst's layout passes ("iter (1)", "iter (2)", …) recorded since the
/// last `typst_timing::clear`.
fn layout_passes() -> Vec<Duration> {
    let mut json = Vec::new();
    typst_timing::export_json(&mut json, |span| {
        (String::new(), (span.get() & 0xffff_ffff) as u32)
    })
    .expect("timing export");
    if let Some(path) = std::env::var_os("JIXIAO_BENCH_TRACE") {
        std::fs::write(path, &json).expect("trace written");
    }
    let events: Vec<serde_json::Value> = serde_json::from_slice(&json).expect("timing JSON");
    let mut started = Vec::new();
    let mut passes = Vec::new();
    for event in &events {
        let name = event["name"].as_str().unwrap_or_default();
        if !name.starts_with("iter (") {
            continue;
        }
        let micros = event["ts"].as_f64().unwrap_or_default();
        match event["ph"].as_str() {
            Some("B") => started.push(micros),
            Some("E") => {
                let start = started.pop().unwrap_or(micros);
                passes.push(Duration::from_secs_f64((micros - start) / 1e6));
            }
            _ => {}
        }
    }
    passes
}

/// `build::build` as a whole: cold in a fresh process, then with this process's typesetter
/// kept alive, unchanged and after a one-number edit.
fn rebuilds(bench: &Bench, typesetter: &Typesetter, iters: usize, runs: usize, table: &mut Table) {
    table.separator();
    let cold: Vec<(Duration, Duration)> = (0..runs).map(|_| spawn_cold(&bench.dir)).collect();
    table.row(
        "cold: fonts + first build (new process)",
        cold.iter().map(|(fonts, build)| *fonts + *build).collect(),
    );
    table.row(
        "  of which the first build",
        cold.iter().map(|(_, build)| *build).collect(),
    );

    let options = BuildOptions::default();
    let path = bench.dir.join(bench.edit_file);
    let original = std::fs::read_to_string(&path).expect("edited file");
    assert!(
        original.contains(bench.edit_line),
        "{} has no line {:?}",
        path.display(),
        bench.edit_line
    );
    let build_now = || {
        let t = Instant::now();
        let built = build(&bench.dir, &options, typesetter).expect("builds");
        (t.elapsed(), built)
    };
    // Warm: the cache holds the last compilation of this report.
    let mut previous = build_now().1.typst_source;
    let unchanged: Vec<Duration> = (0..iters).map(|_| build_now().0).collect();
    table.row("warm rebuild, nothing changed", unchanged);

    let mut edited = Vec::new();
    let mut last_total = String::new();
    for i in 1..=iters {
        let text = original.replacen(bench.edit_line, &(bench.edit_value)(i), 1);
        std::fs::write(&path, text).expect("write the edit");
        let (elapsed, built) = build_now();
        assert_ne!(
            built.typst_source, previous,
            "the edit reaches the document"
        );
        previous = built.typst_source;
        last_total = built.total;
        edited.push(elapsed);
    }
    std::fs::write(&path, &original).expect("undo the edit");
    table.row("warm rebuild, one number edited", edited);
    table.note(format!(
        "edit: {} in {} (总分 after the last edit: {last_total})",
        bench.edit_line, bench.edit_file
    ));
}

/// Runs this bench again as `--cold-child DIR` and reads back its two durations.
fn spawn_cold(dir: &Path) -> (Duration, Duration) {
    let exe = std::env::current_exe().expect("own executable");
    let output = Command::new(exe)
        .arg("--cold-child")
        .arg(dir)
        .output()
        .expect("cold child runs");
    assert!(
        output.status.success(),
        "cold child failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8(output.stdout).expect("utf-8");
    let mut nanos = stdout
        .split_whitespace()
        .map(|n| Duration::from_nanos(n.parse().expect("nanoseconds")));
    (nanos.next().expect("fonts"), nanos.next().expect("build"))
}

/// In a fresh process: load the fonts and build once, as `jixiao build` does; print both times.
fn cold_child(dir: &Path) {
    let t = Instant::now();
    let typesetter = Typesetter::new(&[]).expect("embedded fonts");
    let fonts = t.elapsed();
    let t = Instant::now();
    let built = build(dir, &BuildOptions::default(), &typesetter).expect("builds");
    let build = t.elapsed();
    std::hint::black_box(built);
    println!("{} {}", fonts.as_nanos(), build.as_nanos());
}

// ---------------------------------------------------------------------------------------------
// Timing table and small helpers.

struct Table {
    title: String,
    rows: Vec<Option<(String, Vec<Duration>)>>,
    notes: Vec<String>,
}

impl Table {
    fn new(title: String) -> Table {
        Table {
            title,
            rows: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn row(&mut self, name: &str, samples: Vec<Duration>) {
        self.rows.push(Some((name.to_string(), samples)));
    }

    fn separator(&mut self) {
        self.rows.push(None);
    }

    fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    fn render(&self) -> String {
        let width = self
            .rows
            .iter()
            .flatten()
            .map(|(name, _)| name.chars().count())
            .max()
            .unwrap_or(0);
        let mut out = format!("{}\n", self.title);
        let _ = writeln!(
            out,
            "{:<width$}  {:>11}  {:>11}  {:>3}",
            "stage", "median", "min", "n"
        );
        let rule = "-".repeat(width + 31);
        let _ = writeln!(out, "{rule}");
        for row in &self.rows {
            match row {
                None => {
                    let _ = writeln!(out, "{rule}");
                }
                Some((name, samples)) => {
                    let pad = width - name.chars().count() + name.len();
                    let _ = writeln!(
                        out,
                        "{name:<pad$}  {:>11}  {:>11}  {:>3}",
                        ms(median(samples)),
                        ms(samples.iter().copied().min().unwrap_or_default()),
                        samples.len()
                    );
                }
            }
        }
        for note in &self.notes {
            let _ = writeln!(out, "{note}");
        }
        out
    }
}

fn median(samples: &[Duration]) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    match sorted.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn profile() -> &'static str {
    if cfg!(debug_assertions) {
        "dev (debug assertions; jixiao unoptimised, dependencies at opt-level 2)"
    } else {
        "release"
    }
}

fn value_of(args: &[String], flag: &str) -> Option<String> {
    let at = args.iter().position(|a| a == flag)?;
    args.get(at + 1).cloned()
}

fn env_number(name: &str) -> Option<usize> {
    std::env::var(name).ok()?.parse().ok()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("copy folder");
    for entry in std::fs::read_dir(from).expect("sample folder") {
        let entry = entry.expect("sample entry");
        if entry.file_type().expect("file type").is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy file");
        }
    }
}
