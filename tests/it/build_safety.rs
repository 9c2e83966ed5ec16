//! What users type can never run as Typst code, break the layout, or cost them a good PDF.

use crate::pdf_support;

use pdf_support::*;

const GOAL1: &str = "目标1-拆迁.yaml";

#[test]
fn typst_special_characters_print_verbatim() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    let hostile = r#"#read("/etc/passwd") $x$ *粗* _斜_ <tag> [link] \ @ref = - + / ~ `raw` // 注释 http://a.b"#;
    edit(
        &report.join(GOAL1),
        "三级指标: 拆迁房屋目标完成率",
        &format!("三级指标: '{hostile}'"),
    );
    edit(
        &report.join(GOAL1),
        "名称: 加大拆迁工作力度，协调保障各项目建设",
        "名称: '= 标题 - 列表 + 编号 1. 不是列表'",
    );
    let pdf = build_ok(report.to_str().unwrap(), dir.path(), "r.pdf", &[]);
    let text = squeezed(&pdf_text(&pdf));
    assert!(
        text.contains(&squeezed(hostile)),
        "printed verbatim:\n{text}"
    );
    assert!(text.contains(&squeezed("= 标题 - 列表 + 编号 1. 不是列表")));
    assert!(!text.contains("root:"), "no file was read");
}

#[test]
fn a_character_outside_every_font_fails_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    // U+2A6A5 (𪚥) is a CJK Extension B ideograph outside GBK and outside the shipped fonts.
    edit(
        &report.join(GOAL1),
        "三级指标: 推进重点项目拆迁点位",
        "三级指标: 推进重点项目𪚥拆迁点位",
    );
    let pdf = dir.path().join("r.pdf");
    let output = jixiao(&[
        "build",
        report.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("字符「𪚥」（U+2A6A5）"), "{message}");
    assert!(
        message.contains("目标1-拆迁.yaml:13:23"),
        "file:line:column of the character: {message}"
    );
    assert!(!pdf.exists(), "nothing written");
}

#[test]
fn a_failed_build_leaves_the_previous_pdf_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    let pdf = build_ok(report.to_str().unwrap(), dir.path(), "r.pdf", &[]);
    let before = std::fs::read(&pdf).unwrap();
    edit(
        &report.join("单位.yaml"),
        "执行数: 13581.29",
        "执行数: 13581.29.1",
    );
    let output = jixiao(&[
        "build",
        report.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("单位.yaml:13:8"),
        "{}",
        stderr(&output)
    );
    assert!(
        std::fs::read(&pdf).unwrap() == before,
        "the previous PDF is byte-for-byte the same"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
}

/// Builds the sample with a user template folder holding only `report.typ.j2` = `main`.
fn build_with_main_template(dir: &std::path::Path, main: &str, pdf: &str) -> std::process::Output {
    let templates = dir.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("report.typ.j2"), main).unwrap();
    let pdf = dir.join(pdf);
    jixiao(&[
        "build",
        SAMPLE,
        "-o",
        pdf.to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
    ])
}

#[test]
fn user_templates_override_the_built_in_ones() {
    let dir = tempfile::tempdir().unwrap();
    let main = "{% include \"style.typ.j2\" %}\n自定义模板：{{ doc.unit.name }}，总分 {{ doc.card.total }}\n";
    let output = build_with_main_template(dir.path(), main, "r.pdf");
    assert!(output.status.success(), "{}", stderr(&output));
    let text = squeezed(&pdf_text(&dir.path().join("r.pdf")));
    assert!(text.contains("自定义模板：武汉东湖新技术开发区豹澥街道办事处，总分90.66"));
}

#[test]
fn templates_cannot_read_files_or_fetch_packages() {
    let dir = tempfile::tempdir().unwrap();
    let output = build_with_main_template(dir.path(), "#read(\"/etc/passwd\")\n", "x.pdf");
    assert_eq!(output.status.code(), Some(1));
    assert!(!dir.path().join("x.pdf").exists());

    let output = build_with_main_template(dir.path(), "#import \"@preview/cetz:0.3.0\"\n", "y.pdf");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("@preview/cetz"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_undefined_template_variable_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = build_with_main_template(dir.path(), "{{ doc.unit.nmae }}\n", "x.pdf");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("report.typ.j2 第 1 行"),
        "{}",
        stderr(&output)
    );
}
