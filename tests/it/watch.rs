//! `jixiao watch`: an edit rebuilds the PDF; a broken edit leaves the last good one in place.

use crate::pdf_support;

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pdf_support::*;

/// Everything a child prints on one stream, collected as it comes.
fn collect(mut stream: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&text);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(n) = stream.read(&mut buffer) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    });
    text
}

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

fn interrupt(child: &mut Child) {
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn an_edit_rebuilds_and_a_broken_edit_keeps_the_last_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    let pdf = dir.path().join("watched.pdf");
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args([
            "watch",
            report.to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = collect(child.stdout.take().unwrap());
    let stderr = collect(child.stderr.take().unwrap());
    let builds = || stdout.lock().unwrap().matches("已生成").count();

    wait_for(&mut child, &stderr, "the first build", || builds() == 1);
    assert_eq!(total_in(&pdf), "90.66");

    // 新增就业岗位 210 → 500: 2.50 × 500/800 = 1.5625 → 1.56, total 90.66 − 0.66 + 1.56.
    edit(
        &report.join("目标4-民生.yaml"),
        "实际完成值: 210 个",
        "实际完成值: 500 个",
    );
    wait_for(&mut child, &stderr, "the rebuild after an edit", || {
        builds() == 2
    });
    assert_eq!(total_in(&pdf), "91.56");
    let good = std::fs::read(&pdf).unwrap();

    edit(
        &report.join("单位.yaml"),
        "执行数: 13581.29",
        "执行数: 一万三千",
    );
    wait_for(
        &mut child,
        &stderr,
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
    assert_eq!(builds(), 2);

    interrupt(&mut child);
    let status = child.wait().unwrap();
    assert!(
        status.success(),
        "Ctrl-C ends watch cleanly: {status:?}\n{}",
        stderr.lock().unwrap()
    );
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0, "no temporary files left");
}
