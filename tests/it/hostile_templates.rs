//! The template folder is a sandbox: nothing outside it is read, a wrong folder fails at once,
//! and a runaway template ends with a message.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::pdf_support::*;

/// `jixiao build` of the sample with `--templates dir`, expected to fail: its message.
fn build_fails(dir: &Path, templates: &Path) -> String {
    build_fails_with(dir, templates, &[])
}

/// [`build_fails`] with more arguments.
fn build_fails_with(dir: &Path, templates: &Path, extra: &[&str]) -> String {
    let report = sample_copy(dir);
    let pdf = dir.join("r.pdf");
    let mut args = vec![
        "build",
        report.to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ];
    args.extend(extra);
    let output = jixiao(&args);
    let message = stderr(&output);
    assert!(matches!(output.status.code(), Some(1 | 2)), "{message}");
    assert!(!pdf.exists(), "no PDF");
    message
}

#[test]
fn a_symlink_leading_out_of_the_template_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("tpl");
    std::fs::create_dir(&templates).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", templates.join("passwd.txt")).unwrap();
    let message = build_fails(dir.path(), &templates);
    assert!(message.contains("指向模板文件夹之外的链接"), "{message}");
    assert!(!message.contains("root:"), "{message}");
}

#[test]
fn a_symlink_loop_inside_the_folder_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("tpl");
    std::fs::create_dir(&templates).unwrap();
    std::os::unix::fs::symlink(".", templates.join("self")).unwrap();
    let report = sample_copy(dir.path());
    let pdf = build_ok(
        report.to_str().unwrap(),
        dir.path(),
        "r.pdf",
        &["--templates", templates.to_str().unwrap()],
    );
    assert!(pdf.exists());
}

#[test]
fn a_folder_of_too_many_files_fails_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("home");
    std::fs::create_dir(&templates).unwrap();
    for i in 0..=jixiao::limits::Limits::default().template_files {
        std::fs::write(templates.join(format!("f{i}.txt")), b"").unwrap();
    }
    let start = Instant::now();
    let message = build_fails(dir.path(), &templates);
    assert!(message.contains("超过了 500 个文件"), "{message}");
    assert!(start.elapsed() < Duration::from_secs(20));
}

/// A template folder `tpl` in `dir` holding `files` (name, text).
fn template_folder(dir: &Path, files: &[(&str, &str)]) -> std::path::PathBuf {
    let templates = dir.join("tpl");
    std::fs::create_dir(&templates).unwrap();
    for (name, text) in files {
        std::fs::write(templates.join(name), text).unwrap();
    }
    templates
}

#[test]
fn a_runaway_template_loop_ends_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let templates = template_folder(
        dir.path(),
        &[(
            "report.typ.j2",
            "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
        )],
    );
    let message = build_fails(dir.path(), &templates);
    assert!(message.contains("步的上限"), "{message}");
    assert!(message.contains("report.typ.j2 第 1 行"), "{message}");
}

#[test]
fn an_error_inside_an_included_template_names_that_file_and_line_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let templates = template_folder(
        dir.path(),
        &[
            ("report.typ.j2", "第一行\n{% include \"part.typ.j2\" %}\n"),
            (
                "part.typ.j2",
                "一\n二\n{% for i in range(100000000) %}x{% endfor %}\n",
            ),
        ],
    );
    let message = build_fails(dir.path(), &templates);
    assert!(message.contains("part.typ.j2 第 3 行"), "{message}");
    assert!(message.contains("模板中的操作无法执行"), "{message}");
    assert!(!message.contains("error in"), "{message}");
}

#[test]
fn a_typst_error_in_a_template_names_the_template_and_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let part =
        "{% for g in doc.goals %}{{ g.name }}\n{% endfor %}\n#let x = 1\n#undefined-thing(x)\n";
    let templates = template_folder(
        dir.path(),
        &[
            (
                "report.typ.j2",
                "{% include \"style.typ.j2\" %}\n{% include \"part.typ.j2\" %}\n",
            ),
            ("part.typ.j2", part),
        ],
    );
    let message = build_fails(dir.path(), &templates);
    let file = templates.join("part.typ.j2");
    assert!(
        message.contains(&format!(
            "出自模板 part.typ.j2 第 4 行（{}:4）：#undefined-thing(x)",
            file.display()
        )),
        "{message}"
    );
    assert!(
        message.contains("unknown variable: undefined-thing"),
        "{message}"
    );
}

#[test]
fn typesetting_that_grows_past_the_memory_limit_ends_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let templates = template_folder(
        dir.path(),
        &[("report.typ.j2", "#for i in range(1000000000) {}\n")],
    );
    let start = Instant::now();
    let message = build_fails_with(dir.path(), &templates, &["--max-memory", "300"]);
    assert!(message.contains("排版占用的内存"), "{message}");
    assert!(message.contains("超过了 300 MB 的上限"), "{message}");
    assert!(message.contains("--max-memory"), "{message}");
    assert!(start.elapsed() < Duration::from_secs(30));
}

#[test]
fn typesetting_that_runs_past_the_time_limit_ends_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let templates = template_folder(
        dir.path(),
        &[(
            "report.typ.j2",
            "#for i in range(100000) { for j in range(100000) {} }\n",
        )],
    );
    let start = Instant::now();
    let message = build_fails_with(dir.path(), &templates, &["--max-seconds", "1"]);
    assert!(message.contains("排版超过了 1 秒的时间上限"), "{message}");
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn the_template_limits_are_set_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let templates = template_folder(
        dir.path(),
        &[("a.txt", ""), ("b.txt", ""), ("c.txt", ""), ("d.txt", "")],
    );
    let message = build_fails_with(dir.path(), &templates, &["--max-template-files", "3"]);
    assert!(message.contains("超过了 3 个文件"), "{message}");

    let dir = tempfile::tempdir().unwrap();
    let templates = template_folder(
        dir.path(),
        &[("report.typ.j2", "{% for i in range(10000) %}x{% endfor %}")],
    );
    let message = build_fails_with(dir.path(), &templates, &["--max-template-steps", "1000"]);
    assert!(message.contains("超过了 1000 步的上限"), "{message}");
}
