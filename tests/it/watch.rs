//! `jixiao watch`: an edit rebuilds the PDF; a broken edit leaves the last good one in place.

use crate::pdf_support;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pdf_support::*;

use crate::cli_support::collect;

/// Polls `done` until it holds; fails early, with what it printed, if `watch` exits meanwhile.
fn wait_for(child: &mut Child, errors: &Mutex<String>, what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "watch exited ({status}) while waiting for {what}:\n{}",
                errors.lock().unwrap()
            );
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn total_in(pdf: &Path) -> String {
    let text = squeezed(&pdf_text(pdf));
    let at = text.find("合计100.00").expect("summary total row");
    text[at + "合计100.00".len()..].chars().take(5).collect()
}

fn signal(child: &mut Child, signal: &str) {
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn an_edit_rebuilds_and_a_broken_edit_keeps_the_last_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    let pdf = dir.path().join("watched.pdf");
    let mut watching = Watching::start(&[report.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);

    watching.wait_for_builds(1, "the first build");
    assert_eq!(watching.builds(), 1);
    assert_eq!(total_in(&pdf), "90.66");

    // 新增就业岗位 210 → 500: 2.50 × 500/800 = 1.5625 → 1.56, total 90.66 − 0.66 + 1.56.
    edit(
        &report.join("目标4-民生.yaml"),
        "实际完成值: 210 个",
        "实际完成值: 500 个",
    );
    watching.wait_for_builds(2, "the rebuild after an edit");
    assert_eq!(watching.builds(), 2);
    assert_eq!(total_in(&pdf), "91.56");
    let good = std::fs::read(&pdf).unwrap();

    edit(
        &report.join("单位.yaml"),
        "执行数: 13581.29",
        "执行数: 一万三千",
    );
    let stderr = Arc::clone(&watching.stderr);
    wait_for(
        &mut watching.child,
        &watching.stderr,
        "the broken edit to be reported",
        || {
            stderr
                .lock()
                .unwrap()
                .contains("「一万三千」不是有效的数字")
        },
    );
    assert!(
        std::fs::read(&pdf).unwrap() == good,
        "the last good PDF stays"
    );
    assert_eq!(watching.builds(), 2);

    watching.end_with("-INT");
    assert!(
        temporary_files(dir.path()).is_empty(),
        "no temporary files left"
    );
}

/// `jixiao watch args…` with its output collected.
struct Watching {
    child: Child,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Watching {
    fn start(args: &[&str]) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .arg("watch")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = collect(child.stdout.take().unwrap());
        let stderr = collect(child.stderr.take().unwrap());
        Watching {
            child,
            stdout,
            stderr,
        }
    }

    fn builds(&self) -> usize {
        self.stdout.lock().unwrap().matches("已生成").count()
    }

    fn wait_for_builds(&mut self, count: usize, what: &str) {
        let stdout = Arc::clone(&self.stdout);
        wait_for(&mut self.child, &self.stderr, what, || {
            stdout.lock().unwrap().matches("已生成").count() >= count
        });
    }

    /// Sends `signal` and asserts watch ended as after Ctrl-C.
    fn end_with(mut self, name: &str) {
        signal(&mut self.child, name);
        let status = self.child.wait().unwrap();
        let stderr = self.stderr.lock().unwrap().clone();
        assert!(
            status.success(),
            "{name} ends watch cleanly: {status:?}\n{stderr}"
        );
        assert!(stderr.contains("已停止监视"), "{stderr}");
    }
}

/// Saves as vim and most IDEs do: a new file renamed over the old one.
fn save_by_rename(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{from}");
    let temporary = file.with_extension("yaml.new");
    std::fs::write(&temporary, text.replacen(from, to, 1)).unwrap();
    std::fs::rename(&temporary, file).unwrap();
}

fn temporary_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect()
}

#[test]
fn a_single_watched_file_survives_saves_by_rename() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    let file = report.join("单位.yaml");
    std::fs::write(&file, merged_sample(&report)).unwrap();
    let pdf = dir.path().join("one.pdf");
    let mut watching = Watching::start(&[file.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    watching.wait_for_builds(1, "the first build");
    for (round, name) in [(2, "甲街道办事处"), (3, "乙街道办事处")] {
        let from = std::fs::read_to_string(&file).unwrap();
        let current = from
            .lines()
            .find_map(|line| line.strip_prefix("单位名称: "))
            .unwrap()
            .to_string();
        save_by_rename(
            &file,
            &format!("单位名称: {current}"),
            &format!("单位名称: {name}"),
        );
        watching.wait_for_builds(round, "a rebuild after a save by rename");
        assert!(squeezed(&pdf_text(&pdf)).contains(name), "round {round}");
    }
    watching.end_with("-TERM");
}

/// The sample's files as one file (its top-level keys do not repeat).
fn merged_sample(report: &Path) -> String {
    let mut names: Vec<_> = std::fs::read_dir(report)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let parts: Vec<String> = names
        .iter()
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect();
    parts.join("\n")
}

#[test]
fn sigterm_and_sighup_end_watch_as_ctrl_c_does() {
    for signal in ["-TERM", "-HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let report = sample_copy(dir.path());
        let pdf = dir.path().join("w.pdf");
        let mut watching =
            Watching::start(&[report.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
        watching.wait_for_builds(1, "the first build");
        // A signal in the middle of a rebuild still lets it finish writing.
        edit(
            &report.join("目标4-民生.yaml"),
            "实际完成值: 210 个",
            "实际完成值: 500 个",
        );
        std::thread::sleep(Duration::from_millis(30));
        watching.end_with(signal);
        assert!(temporary_files(dir.path()).is_empty(), "{signal}");
        assert!(qpdf_check(&pdf).status.success(), "{signal}: a whole PDF");
    }
}

#[test]
fn an_output_beside_the_sources_never_triggers_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    let pdf = report.join("报告.pdf");
    let typ = report.join("报告.typ");
    let mut watching = Watching::start(&[
        report.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
        "--typst-out",
        typ.to_str().unwrap(),
    ]);
    watching.wait_for_builds(1, "the first build");
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(watching.builds(), 1, "{}", watching.stderr.lock().unwrap());
    watching.end_with("-INT");
}

#[test]
fn a_project_table_is_rebuilt_after_an_edit() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("xiangmu");
    std::fs::create_dir(&report).unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/2022-xiangmu");
    for entry in std::fs::read_dir(sample).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, report.join(path.file_name().unwrap())).unwrap();
    }
    let pdf = dir.path().join("watched.pdf");
    let mut watching = Watching::start(&[report.to_str().unwrap(), "-o", pdf.to_str().unwrap()]);
    watching.wait_for_builds(1, "the first build");
    assert!(squeezed(&pdf_text(&pdf)).contains("总分100.0096.65"));

    // 助餐服务覆盖老人 587 → 610 of ≥600: met, 6.85 → 7.00.
    edit(
        &report.join("指标.yaml"),
        "实际完成值: 587人",
        "实际完成值: 610人",
    );
    watching.wait_for_builds(2, "the rebuild after an edit");
    assert!(squeezed(&pdf_text(&pdf)).contains("总分100.0096.80"));
    watching.end_with("-INT");
}
