//! Outputs never destroy sources, never leave one file written and another not, keep the modes a
//! user expects and never write through a symbolic link.

use std::path::Path;

use crate::pdf_support::*;

/// Runs `jixiao build` in `dir` and asserts it was refused (exit 2) naming `needle`.
fn refused(dir: &Path, args: &[&str], needle: &str) -> String {
    let output = jixiao_in(dir, args);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains(needle), "{message}");
    assert!(!stdout(&output).contains("已生成"), "{}", stdout(&output));
    message
}

#[test]
fn an_output_on_a_source_file_is_refused_and_the_source_kept() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    let unit = report.join("单位.yaml");
    let summary = report.join("摘要.yaml");
    let (unit_before, summary_before) = (bytes(&unit), bytes(&summary));

    refused(
        dir.path(),
        &["build", "report", "-o", "report/单位.yaml"],
        "源文件",
    );
    let args = [
        "build",
        "report",
        "-o",
        "r.pdf",
        "--typst-out",
        "report/摘要.yaml",
    ];
    refused(dir.path(), &args, "源文件");
    // A source named in another case, or the single file given as the report, is a source too.
    refused(
        dir.path(),
        &["build", "report", "-o", "report/新.YML"],
        "源文件",
    );
    let args = ["build", "report/单位.yaml", "-o", "report/单位.yaml"];
    refused(dir.path(), &args, "源文件");

    assert_eq!(bytes(&unit), unit_before);
    assert_eq!(bytes(&summary), summary_before);
    assert!(!dir.path().join("r.pdf").exists(), "nothing written");
    assert!(!report.join("新.YML").exists());
    assert!(leftovers(&report).is_empty());
}

#[test]
fn a_symlink_output_pointing_at_a_source_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    let before = bytes(&report.join("单位.yaml"));
    std::os::unix::fs::symlink(report.join("单位.yaml"), dir.path().join("out.pdf")).unwrap();
    let message = refused(
        dir.path(),
        &["build", "report", "-o", "out.pdf"],
        "符号链接",
    );
    assert!(message.contains("单位.yaml"), "{message}");
    assert_eq!(bytes(&report.join("单位.yaml")), before);
}

#[test]
fn the_same_file_for_both_outputs_is_refused_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    sample_copy(dir.path());
    std::fs::write(dir.path().join("a.pdf"), b"old").unwrap();
    let args = ["build", "report", "-o", "a.pdf", "--typst-out", "./a.pdf"];
    refused(dir.path(), &args, "同一个文件");
    assert_eq!(bytes(&dir.path().join("a.pdf")), b"old");
}

#[test]
fn an_output_inside_the_templates_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    sample_copy(dir.path());
    std::fs::create_dir(dir.path().join("tpl")).unwrap();
    let args = ["build", "report", "--templates", "tpl", "-o", "tpl/r.pdf"];
    refused(dir.path(), &args, "模板文件夹");
    assert!(!dir.path().join("tpl/r.pdf").exists());
}

#[test]
fn when_one_output_cannot_be_written_no_output_changes() {
    let dir = tempfile::tempdir().unwrap();
    sample_copy(dir.path());
    std::fs::write(dir.path().join("a.pdf"), b"old").unwrap();
    let args = [
        "build",
        "report",
        "-o",
        "a.pdf",
        "--typst-out",
        "missing/a.typ",
    ];
    let message = refused(dir.path(), &args, "missing/a.typ");
    assert!(message.contains("文件夹不存在"), "{message}");
    assert!(
        !message.contains("os error") && !message.contains(".tmp"),
        "{message}"
    );
    assert_eq!(
        bytes(&dir.path().join("a.pdf")),
        b"old",
        "the PDF was not replaced"
    );
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn new_outputs_get_the_umask_mode_and_overwriting_keeps_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    sample_copy(dir.path());
    // The test binary's umask is inherited by the command: 022 gives 0644.
    let output = std::process::Command::new("sh")
        .current_dir(dir.path())
        .args([
            "-c",
            "umask 022 && \"$0\" build report -o new.pdf --typst-out new.typ",
        ])
        .arg(env!("CARGO_BIN_EXE_jixiao"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(mode(&dir.path().join("new.pdf")), 0o644);
    assert_eq!(mode(&dir.path().join("new.typ")), 0o644);

    let kept = dir.path().join("kept.pdf");
    std::fs::write(&kept, b"old").unwrap();
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
    let report = dir.path().join("report");
    build_ok(report.to_str().unwrap(), dir.path(), "kept.pdf", &[]);
    assert!(bytes(&kept).starts_with(b"%PDF"));
    assert_eq!(mode(&kept), 0o640);
}

#[test]
fn an_output_symlink_is_refused_and_its_target_untouched() {
    let dir = tempfile::tempdir().unwrap();
    sample_copy(dir.path());
    std::fs::create_dir(dir.path().join("pdfs")).unwrap();
    std::fs::write(dir.path().join("pdfs/2022.pdf"), b"old").unwrap();
    let link = dir.path().join("latest.pdf");
    std::os::unix::fs::symlink("pdfs/2022.pdf", &link).unwrap();
    refused(
        dir.path(),
        &["build", "report", "-o", "latest.pdf"],
        "符号链接",
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(bytes(&dir.path().join("pdfs/2022.pdf")), b"old");
    assert!(leftovers(dir.path()).is_empty() && leftovers(&dir.path().join("pdfs")).is_empty());
}
