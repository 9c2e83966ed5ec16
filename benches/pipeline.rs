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
use jixiao::build::{BuildOptions, build};
use jixiao::document::document;
use jixiao::glyphs::check_glyphs;
use jixiao::render::render;
use jixiao::templates::TemplateSet;
use jixiao::typeset::{PdfMeta, Typesetter};
use jixiao::{facts, load, review, score, validate};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-baoxie");
const GOALS: usize = 40;
const INDICATORS_PER_GOAL: usize = 50;

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
            TemplateSet::with_overrides(Path::new(&dir), &jixiao::limits::Limits::default())
                .expect("template folder")
        }
        None => TemplateSet::built_in(),
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
        diagnostics.extend(validate::validate(&report).0);
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
        diagnostics.extend(check_glyphs(&report, &files, typesetter));
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
        let meta = PdfMeta {
            title: document.unit.full_title.clone(),
            author: document.unit.name.clone(),
            date: (
                document.unit.date.year,
                document.unit.date.month,
                document.unit.date.day,
            ),
            pdf_a: false,
        };

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
// The generated report.

/// (一级指标, 二级指标, how many of a goal's 50 indicators).
const LAYOUT: &[(&str, &str, usize)] = &[
    ("产出指标", "数量指标", 12),
    ("产出指标", "质量指标", 8),
    ("产出指标", "时效指标", 6),
    ("产出指标", "成本指标", 4),
    ("效益指标", "经济效益指标", 4),
    ("效益指标", "社会效益指标", 4),
    ("效益指标", "生态效益指标", 2),
    ("效益指标", "可持续影响指标", 4),
    ("满意度指标", "服务对象满意度指标", 4),
    ("成本指标", "经济成本指标", 2),
];

/// A name for each kind of value in [`indicator_yaml`]'s cycle.
const NAMES: [&str; 10] = [
    "拆迁房屋目标完成率",
    "协调保障新开工项目个数",
    "拆迁工作上访人次",
    "违法建设查处率",
    "各类安全生产事故",
    "街道法治水平",
    "社会综合治理考核结果",
    "普法宣传培训",
    "就业综合指数",
    "保障重点项目开工建设",
];

const THEMES: &[&str] = &[
    "加大拆迁工作力度，协调保障各项目建设",
    "推进社会综合治理、信访维稳及安全生产工作",
    "优化市容市貌，提升城市品质",
    "聚焦民情民意，增进民生福祉",
    "加强河湖保护，改善辖区水体质量",
];

/// The line of goal 1's first indicator that the rebuild edits.
const EDITED_LINE: &str = "实际完成值: 90%";

/// Writes a report of 40 goals × 50 indicators into `dir`: 单位 and 预算 (分值 20), one file per
/// goal (分值 2.00, indicators of 0.03 and 0.05 adding up to it), and the sample's texts.
/// Quantitative and qualitative values are mixed; two indicators per goal fall short, with 说明.
fn generate_report(dir: &Path) {
    std::fs::create_dir_all(dir).expect("generated report folder");
    std::fs::write(
        dir.join("单位.yaml"),
        "单位名称: 基准测试街道办事处\n简称: 基准街\n地区: 武汉东湖新技术开发区\n年度: 2022\n\
         提交时间: 2023-06-10\n\n预算:\n  分值: 20\n  批复数: 13786.00\n  调整后预算数: 13581.29\n  \
         执行数: 13000.00\n  基本支出: 4000.00\n  项目支出: 9000.00\n",
    )
    .expect("单位.yaml");
    for texts in ["摘要.yaml", "自评表.yaml"] {
        std::fs::copy(Path::new(SAMPLE).join(texts), dir.join(texts)).expect("sample texts");
    }
    assert_eq!(
        LAYOUT.iter().map(|(_, _, n)| n).sum::<usize>(),
        INDICATORS_PER_GOAL
    );
    for goal in 1..=GOALS {
        std::fs::write(dir.join(format!("目标{goal:02}.yaml")), goal_yaml(goal)).expect("goal");
    }
}

fn goal_yaml(goal: usize) -> String {
    let theme = THEMES[(goal - 1) % THEMES.len()];
    let mut out =
        format!("年度目标{goal}:\n  名称: {theme}（第{goal}项）\n  分值: 2.00\n  指标:\n");
    let mut level1_open = "";
    let mut j = 0; // the indicator's place in the goal
    for (level1, level2, count) in LAYOUT {
        if *level1 != level1_open {
            let _ = writeln!(out, "    {level1}:");
            level1_open = level1;
        }
        let _ = writeln!(out, "      {level2}:");
        for _ in 0..*count {
            indicator_yaml(&mut out, goal, j, *level1 == "满意度指标");
            j += 1;
        }
    }
    out
}

/// Weights alternate 0.05 and 0.03 (25 of each: 2.00 a goal); the values follow a fixed cycle.
fn indicator_yaml(out: &mut String, goal: usize, j: usize, satisfaction: bool) {
    let k = (goal - 1) * INDICATORS_PER_GOAL + j;
    let weight = if j.is_multiple_of(2) { "0.05" } else { "0.03" };
    let name = if satisfaction {
        format!("居民满意度（{goal}-{}）", j + 1)
    } else {
        format!("{}（{goal}-{}）", NAMES[k % 10], j + 1)
    };
    let _ = writeln!(out, "        - 三级指标: {name}");
    let mut lines: Vec<String> = match (satisfaction, k % 10) {
        // Each goal opens with the same line: the one edited in 目标01.yaml.
        _ if j == 0 => vec!["年初目标值: ≥80%".into(), "实际完成值: 90%".into()],
        (true, _) | (false, 0) => vec![
            "年初目标值: ≥80%".into(),
            format!("实际完成值: {}%", 80 + (k * 7) % 20),
        ],
        (false, 1) => {
            let n = 10 + k % 20;
            vec![
                format!("年初目标值: {n} 个"),
                format!("实际完成值: {} 个", n + k % 3),
            ]
        }
        (false, 2) => {
            let m = 5 + k % 10;
            vec![
                format!("年初目标值: ≤{m} 人次"),
                format!("实际完成值: {} 人次", m - k % 2),
            ]
        }
        (false, 3) => vec!["年初目标值: 100%".into(), "实际完成值: 100%".into()],
        (false, 4) => vec!["年初目标值: 0起".into(), "实际完成值: 0起".into()],
        (false, 5) => vec!["年初目标值: 不断提升".into(), "实际完成值: 不断提升".into()],
        (false, 6) if j == 6 => {
            let score = if weight == "0.05" { "0.03" } else { "0.02" };
            vec![
                "年初目标值: 通过考核".into(),
                "实际完成值: 基本通过".into(),
                "完成档次: 部分达成".into(),
                format!("得分: {score}"),
                "说明: 年终考核基本通过，个别事项仍需整改。".into(),
            ]
        }
        (false, 6) => vec!["年初目标值: 通过考核".into(), "实际完成值: 通过考核".into()],
        (false, 7) if j == 17 => vec![
            "年初目标值: 10 次".into(),
            "实际完成值: 8 次".into(),
            "说明: 受天气影响，两次活动未能如期举办。".into(),
        ],
        (false, 7) => vec!["年初目标值: 10 次".into(), "实际完成值: 11 次".into()],
        (false, 8) => vec!["年初目标值: ≥85分".into(), "实际完成值: 90分".into()],
        (false, _) => vec![
            "年初目标值: 效果良好".into(),
            "实际完成值: 较好".into(),
            "完成档次: 达成".into(),
        ],
    };
    lines.push(format!("分值: {weight}"));
    for line in lines {
        let _ = writeln!(out, "          {line}");
    }
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
