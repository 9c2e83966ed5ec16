//! The surfaces around a single build, tried as a careless or hostile user would: folders of
//! reports with leftover links, FIFOs, deep and unreadable parts; outputs that are links or
//! FIFOs; commands that take one report given a folder of them; watch when its folder goes
//! away and comes back, or when it is stopped at once. Each asserts the exit code, the Chinese
//! message and that nothing on disk changed that should not.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::batch::{replace_line, xiangmu_as_one_file};
use crate::cli_support::collect;
use crate::pdf_support::*;

/// The project sample as one file, with its 单位名称 replaced by `unit`.
fn project_text(unit: &str) -> String {
    replace_line(
        &xiangmu_as_one_file(),
        "单位名称:",
        Some(&format!("单位名称: {unit}")),
    )
}

/// ROOT with two one-file reports, 甲.yaml and 乙.yaml.
fn two_reports(dir: &Path) -> PathBuf {
    let root = dir.join("root");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(root.join("甲.yaml"), project_text("甲单位")).unwrap();
    std::fs::write(root.join("乙.yaml"), project_text("乙单位")).unwrap();
    root
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

/// Runs jixiao in `dir`, killed after a minute: a test of something that must not hang.
fn bounded(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("jixiao {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_leftover_link_in_the_output_folder_never_replaces_a_source() {
    let dir = tempfile::tempdir().unwrap();
    let root = two_reports(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(root.join("甲.yaml"), out.join("甲.pdf")).unwrap();
    let before = bytes(&root.join("甲.yaml"));
    let output = jixiao_in(dir.path(), &["build", "root", "-o", "out"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("是一个符号链接"), "{message}");
    assert!(message.contains("甲.pdf"), "{message}");
    assert!(message.contains("未处理任何报告"), "{message}");
    assert_eq!(bytes(&root.join("甲.yaml")), before, "the source is kept");
    assert!(
        !out.join("乙.pdf").exists(),
        "refused before anything is written"
    );
    assert!(
        std::fs::symlink_metadata(out.join("甲.pdf"))
            .unwrap()
            .is_symlink()
    );
}

#[test]
fn a_linked_sub_folder_of_the_output_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    std::fs::create_dir_all(root.join("单位A")).unwrap();
    std::fs::write(root.join("单位A/项目.yaml"), project_text("甲单位")).unwrap();
    std::fs::write(root.join("乙.yaml"), project_text("乙单位")).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    std::os::unix::fs::symlink(&root, out.join("单位A")).unwrap();
    let output = jixiao_in(dir.path(), &["build", "root", "-o", "out"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("单位A」是一个符号链接"), "{message}");
    assert!(!root.join("项目.pdf").exists());
}

#[test]
fn an_output_that_is_a_link_a_fifo_or_a_folder_is_refused_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    std::fs::write(dir.path().join("target.pdf"), b"kept").unwrap();
    std::os::unix::fs::symlink("target.pdf", dir.path().join("link.pdf")).unwrap();
    mkfifo(&dir.path().join("fifo.pdf"));
    std::fs::create_dir(dir.path().join("folder.pdf")).unwrap();
    let cases: [(&[&str], &str); 5] = [
        (&["build", "report", "-o", "link.pdf"], "是一个符号链接"),
        (&["build", "report", "-o", "fifo.pdf"], "命名管道"),
        (&["build", "report", "-o", "folder.pdf"], "是一个文件夹"),
        (
            &["build", "report", "-o", "ok.pdf", "--typst-out", "link.pdf"],
            "是一个符号链接",
        ),
        (&["export", "report", "-o", "link.pdf"], "是一个符号链接"),
    ];
    for (args, needle) in cases {
        let output = bounded(dir.path(), args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(message.contains(needle), "{args:?}: {message}");
        assert!(message.contains("未写入任何文件"), "{args:?}: {message}");
    }
    assert_eq!(bytes(&dir.path().join("target.pdf")), b"kept");
    assert!(!dir.path().join("ok.pdf").exists());
    assert!(report.join("单位.yaml").exists());
}

#[test]
fn a_fifo_or_a_device_given_as_the_report_is_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("报告.yaml"));
    for src in ["报告.yaml", "/dev/zero"] {
        let output = bounded(dir.path(), &["check", src]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{src}: {message}");
        assert!(message.contains("不是普通文件"), "{src}: {message}");
        assert!(message.contains(src), "{src}: {message}");
    }
}

#[test]
fn a_folder_of_reports_stays_inside_root_and_says_what_it_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let root = two_reports(dir.path());
    let outside = dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("丙.yaml"), project_text("丙单位")).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("外面")).unwrap();
    std::os::unix::fs::symlink(outside.join("丙.yaml"), root.join("丙.yaml")).unwrap();
    std::os::unix::fs::symlink("/etc", root.join("etc")).unwrap();
    mkfifo(&root.join("管道.yaml"));
    let mut deep = root.join("深");
    for level in 0..20 {
        deep = deep.join(level.to_string());
    }
    std::fs::create_dir_all(&deep).unwrap();
    let output = bounded(dir.path(), &["build", "root", "-o", "out"]);
    let (out, err) = (stdout(&output), stderr(&output));
    assert_eq!(output.status.code(), Some(0), "{out}\n{err}");
    for needle in [
        "外面」是指向文件夹之外",
        "丙.yaml」是指向文件夹之外",
        "etc」是指向文件夹之外",
        "管道.yaml」是一个命名管道（FIFO），不是普通文件，没有打开",
        "嵌套超过 16 层",
    ] {
        assert!(err.contains("注意："), "{err}");
        assert!(err.contains(needle), "{needle}\n{err}");
    }
    assert!(out.contains("共 2 份报告：2 份已生成 PDF"), "{out}");
    assert!(dir.path().join("out/甲.pdf").exists());
    assert!(!dir.path().join("out/丙.pdf").exists());
    assert!(!dir.path().join("out/外面").exists());
}

#[test]
fn an_unreadable_report_is_a_failed_row_and_the_others_still_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = two_reports(dir.path());
    // Over the size a source may have: it cannot be read, even by root.
    let huge = std::fs::File::create(root.join("大.yaml")).unwrap();
    huge.set_len(33 * 1024 * 1024).unwrap();
    let output = bounded(dir.path(), &["build", "root", "-o", "out"]);
    let (out, err) = (stdout(&output), stderr(&output));
    assert_eq!(output.status.code(), Some(1), "{out}\n{err}");
    assert!(err.contains("大.yaml"), "{err}");
    assert!(err.contains("超过了 32 MB 的上限"), "{err}");
    assert!(
        out.contains("共 3 份报告：2 份已生成 PDF，1 份有错误"),
        "{out}"
    );
    assert!(dir.path().join("out/甲.pdf").exists());
    assert!(dir.path().join("out/汇总表.xlsx").exists());
}

#[test]
fn a_report_written_as_json_is_a_report_of_the_folder_too() {
    let dir = tempfile::tempdir().unwrap();
    let root = two_reports(dir.path());
    // JSON is YAML: the report reader takes it as it is.
    std::fs::write(
        root.join("丁.json"),
        "{\n  \"单位名称\": \"丁单位\",\n  \"年度\": 2022\n}\n",
    )
    .unwrap();
    std::fs::write(root.join("package.json"), "{\"name\": \"not-a-report\"}\n").unwrap();
    let output = bounded(dir.path(), &["check", "root"]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("共 3 份报告"), "{err}");
    assert!(err.contains("丁.json"), "{err}");
    assert!(!err.contains("package"), "{err}");
}

#[test]
fn commands_that_take_one_report_refuse_a_folder_of_reports() {
    let dir = tempfile::tempdir().unwrap();
    two_reports(dir.path());
    let cases: [&[&str]; 4] = [
        &["export", "root"],
        &["diff", "root", "root/甲.yaml"],
        &["new", "next", "--from", "root"],
        &["watch", "root"],
    ];
    for args in cases {
        let output = bounded(dir.path(), args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(message.contains("只处理一份报告"), "{args:?}: {message}");
        assert!(message.contains("有 2 份报告"), "{args:?}: {message}");
    }
    assert!(!dir.path().join("next").exists());
    assert!(!dir.path().join("root.xlsx").exists());
}

fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn watch_builds_again_when_its_folder_is_removed_and_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    let pdf = dir.path().join("w.pdf");
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["watch", "report", "-o", "w.pdf"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = collect(child.stdout.take().unwrap());
    let err = collect(child.stderr.take().unwrap());
    let builds = || out.lock().unwrap().matches("已生成").count();
    wait_until("the first build", || builds() >= 1);
    let saved = dir.path().join("saved");
    std::fs::rename(&report, &saved).unwrap();
    wait_until("a message that the folder is gone", || {
        err.lock().unwrap().contains("不存在")
    });
    std::fs::create_dir(&report).unwrap();
    for entry in std::fs::read_dir(&saved).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, report.join(path.file_name().unwrap())).unwrap();
    }
    edit(
        &report.join("单位.yaml"),
        "豹澥街道办事处",
        "豹澥新街道办事处",
    );
    wait_until("a build from the folder put back", || {
        builds() >= 2 && squeezed(&pdf_text(&pdf)).contains("豹澥新街道办事处")
    });
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}\n{}", err.lock().unwrap());
}

/// Whether the process has a handler for SIGTERM: from then on the signal is its to take.
fn catches_sigterm(pid: u32) -> bool {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("SigCgt:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (15 - 1)) != 0)
}

#[test]
fn sigterm_at_once_ends_watch_cleanly_and_writes_nothing() {
    // The first signal comes as soon as the program can take one (before its fonts are loaded
    // or anything is read), the others while it loads and builds.
    for delay_ms in [0, 5, 30, 100] {
        let dir = tempfile::tempdir().unwrap();
        sample_copy(dir.path());
        let child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(["watch", "report", "-o", "w.pdf"])
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_until("a SIGTERM handler", || catches_sigterm(child.id()));
        std::thread::sleep(Duration::from_millis(delay_ms));
        Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        let output = child.wait_with_output().unwrap();
        let message = stderr(&output);
        assert!(
            output.status.success(),
            "after {delay_ms} ms: {:?}\n{message}",
            output.status
        );
        assert!(
            message.contains("已停止监视"),
            "after {delay_ms} ms: {message}"
        );
        let left = leftovers(dir.path());
        assert!(left.is_empty(), "{left:?}");
    }
}

#[test]
fn system_errors_are_said_in_chinese_and_name_the_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-file"), "x").unwrap();
    let cases: [&[&str]; 3] = [
        &["new", "a-file/报告"],
        &["build", "data/2022-baoxie", "-o", "a-file/x.pdf"],
        &["check", "a-file/报告.yaml"],
    ];
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    std::os::unix::fs::symlink(sample, dir.path().join("data")).unwrap();
    for args in cases {
        let output = bounded(dir.path(), args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(message.contains("a-file"), "{args:?}: {message}");
        assert!(
            message.contains("路径中有一段是文件"),
            "{args:?}: {message}"
        );
        assert!(!message.contains("os error"), "{args:?}: {message}");
        assert!(!message.contains("Not a directory"), "{args:?}: {message}");
    }
    assert_eq!(bytes(&dir.path().join("a-file")), b"x");
}

#[test]
fn a_link_loop_in_the_font_folder_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let fonts = dir.path().join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    std::os::unix::fs::symlink(".", fonts.join("self")).unwrap();
    mkfifo(&fonts.join("管道.ttf"));
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-baoxie");
    let output = bounded(dir.path(), &["check", sample]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = bounded(
        dir.path(),
        &["build", sample, "-o", "r.pdf", "--font-path", "fonts"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(dir.path().join("r.pdf").exists());
}

#[test]
fn a_very_wide_tree_is_searched_within_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let root = two_reports(dir.path());
    let wide = root.join("宽");
    std::fs::create_dir(&wide).unwrap();
    for n in 0..100_500 {
        std::fs::File::create(wide.join(format!("{n}.txt"))).unwrap();
    }
    // Under a memory limit: the search must neither hold the whole tree nor take long.
    let output = Command::new("prlimit")
        .args(["--as=4000000000", "--"])
        .arg(env!("CARGO_BIN_EXE_jixiao"))
        .args(["check", "root"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let err = stderr(&output);
    assert!(err.contains("超过 100000 项"), "{err}");
    assert!(err.contains("共 2 份报告"), "{err}");
    assert_eq!(output.status.code(), Some(0), "{err}");
}

#[test]
fn watch_of_a_report_that_does_not_exist_says_so_and_ends() {
    let dir = tempfile::tempdir().unwrap();
    let output = bounded(dir.path(), &["watch", "没有这个文件夹"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains("无法监视「没有这个文件夹」：文件或文件夹不存在"),
        "{message}"
    );
    assert!(!message.contains("正在监视"), "{message}");
}
