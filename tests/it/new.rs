//! `jixiao new`: next year's sources from this year's, the example report, the refusal to write
//! into a folder that is not empty, and values that YAML would misread if written carelessly.

use crate::cli_support;
use cli_support::*;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use jixiao::Report;
use proptest::prelude::*;

fn path_str(path: &Path) -> &str {
    match path.to_str() {
        Some(text) => text,
        None => panic!("not UTF-8: {}", path.display()),
    }
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/2022-baoxie")
}

fn temp_dir() -> tempfile::TempDir {
    match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(error) => panic!("no temporary folder: {error}"),
    }
}

fn run_new(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["new", path_str(dir)];
    args.extend_from_slice(extra);
    jixiao(&args)
}

fn assert_ok(output: &Output) {
    assert_eq!(
        output.status.code(),
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
}

fn check_passes(dir: &Path) {
    let output = jixiao(&["check", path_str(dir)]);
    assert_ok(&output);
    let err = stderr(&output);
    assert!(err.contains("检查通过"), "{err}");
    assert!(!err.lines().any(|line| line.starts_with("错误")), "{err}");
}

/// Loads a report that must load without errors of loading.
fn load(src: &Path) -> Report {
    let loaded = match jixiao::load_path(src) {
        Ok(loaded) => loaded,
        Err(error) => panic!("{} cannot be read: {error}", src.display()),
    };
    let rendered = loaded.diagnostics.render(&loaded.files);
    match loaded.report {
        Some(report) if !loaded.diagnostics.has_errors() => report,
        _ => panic!("{} has errors:\n{rendered}", src.display()),
    }
}

/// What carries over: goal (number, name, weight), 一级, 二级, 三级, target, weight and 方向,
/// in order, numbers as written.
fn plan_rows(report: &Report) -> Vec<String> {
    let mut rows = Vec::new();
    for (number, goal) in (1..).zip(&report.goals) {
        rows.push(format!(
            "年度目标{number} {:?} {}",
            goal.name.value, goal.weight.value.0
        ));
        for (level1, level2, indicator) in goal.rows() {
            rows.push(format!(
                "  {:?} {:?} {:?} {:?} {} {:?}",
                level1.value,
                level2.value,
                indicator.name.value,
                indicator.target.value.0,
                indicator.weight.value.0,
                indicator.direction.as_ref().map(|d| d.value)
            ));
        }
    }
    rows
}

fn unit_rows(report: &Report) -> Vec<String> {
    vec![
        report.unit_name.value.clone(),
        format!("{:?}", own(report).short_name.as_ref().map(|v| &v.value)),
        format!("{:?}", own(report).region.as_ref().map(|v| &v.value)),
        format!("{:?}", report.settings),
        report.budget.weight.value.0.to_string(),
    ]
}

/// Nothing of last year's results is left.
fn assert_cleared(report: &Report) {
    for indicator in report.indicators() {
        let name = &indicator.name.value;
        assert!(indicator.actual.is_none(), "{name}: 实际完成值 left");
        assert!(indicator.score.is_none(), "{name}: 得分 left");
        assert!(indicator.score_reason.is_none(), "{name}: 得分说明 left");
        assert!(indicator.band.is_none(), "{name}: 完成档次 left");
        assert!(indicator.explanation.is_none(), "{name}: 说明 left");
    }
    let abridged = &own(report).abridged;
    let annex = &report.annex;
    let texts = [
        &abridged.overview,
        &abridged.last_year_results,
        &abridged.problems,
        &abridged.next_steps,
        &abridged.budget_link,
        &annex.deviation_analysis,
        &annex.improvement_plan,
    ];
    for text in texts.into_iter().flatten() {
        assert!(text.value.trim().is_empty(), "text left: {}", text.value);
    }
    let budget = &report.budget;
    assert!(budget.approved.is_none(), "批复数 left");
    assert!(budget.basic.is_none(), "基本支出 left");
    assert!(budget.project.is_none(), "项目支出 left");
}

fn file_names(dir: &Path) -> Vec<String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => panic!("cannot list {}: {error}", dir.display()),
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The YAML files of a folder, sorted.
fn yaml_names(dir: &Path) -> Vec<String> {
    file_names(dir)
        .into_iter()
        .filter(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
        .collect()
}

/// Every YAML file points editors to the schema written beside it, and the schema accepts it.
fn assert_schema_beside(dir: &Path) {
    let schema: serde_json::Value =
        match serde_json::from_str(&read(&dir.join("jixiao.schema.json"))) {
            Ok(schema) => schema,
            Err(error) => panic!("jixiao.schema.json is not JSON: {error}"),
        };
    let validator = match jixiao_schema_validator(&schema) {
        Ok(validator) => validator,
        Err(error) => panic!("jixiao.schema.json does not compile: {error}"),
    };
    for name in yaml_names(dir) {
        let text = read(&dir.join(&name));
        assert!(
            text.starts_with("# yaml-language-server: $schema=jixiao.schema.json\n"),
            "{name}:\n{text}"
        );
        let value: serde_json::Value = match serde_saphyr::from_str(&text) {
            Ok(value) => value,
            Err(error) => panic!("{name} is not YAML: {error}"),
        };
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|error| format!("{}: {error}", error.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

fn jixiao_schema_validator(
    schema: &serde_json::Value,
) -> Result<jsonschema::Validator, jsonschema::ValidationError<'static>> {
    jsonschema::validator_for(schema)
}

fn read(path: &Path) -> String {
    match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => panic!("cannot read {}: {error}", path.display()),
    }
}

fn write(path: &Path, text: &str) {
    if let Err(error) = std::fs::write(path, text) {
        panic!("cannot write {}: {error}", path.display());
    }
}

/// A copy of the sample's YAML files in a new temporary folder.
fn sample_copy() -> tempfile::TempDir {
    let dir = temp_dir();
    for name in yaml_names(&sample()) {
        write(&dir.path().join(&name), &read(&sample().join(&name)));
    }
    dir
}

#[test]
fn next_year_from_the_sample_keeps_the_plan_and_clears_the_results() {
    let dir = temp_dir();
    let new = dir.path().join("2023-baoxie");
    let output = run_new(&new, &["--from", "data/2022-baoxie", "--year", "2023"]);
    assert_ok(&output);
    assert!(stdout(&output).contains("已生成 2023 年度的报告"));
    check_passes(&new);

    let old = load(&sample());
    let next = load(&new);
    assert_eq!(plan_rows(&next), plan_rows(&old));
    assert_eq!(unit_rows(&next), unit_rows(&old));
    assert_eq!(next.year.value, 2023);
    assert_eq!(next.submitted.value.to_string(), "2024-06-30");
    assert_cleared(&next);
    assert_eq!(yaml_names(&new), yaml_names(&sample()), "same file split");
    assert_schema_beside(&new);
}

#[test]
fn the_generated_files_carry_hints_on_the_cleared_slots() {
    let dir = temp_dir();
    let new = dir.path().join("next");
    assert_ok(&run_new(&new, &["--from", "data/2022-baoxie"]));
    let goal4 = read(&new.join("目标4-民生.yaml"));
    for hint in [
        "# 实际完成值: （年底填写；取不到数据时写 无法取得）",
        "# 得分: ",
        "# 得分说明: ",
        "# 说明: ",
    ] {
        assert!(goal4.contains(hint), "no 「{hint}」 in:\n{goal4}");
    }
    let unit = read(&new.join("单位.yaml"));
    for line in [
        "年度: 2023",
        "提交时间: 2024-06-30  # 占位日期",
        "# 批复数: ",
        "调整后预算数: 13581.29  # 2022 年的数字，仅作占位",
        "# 基本支出: ",
    ] {
        assert!(unit.contains(line), "no 「{line}」 in:\n{unit}");
    }
    let abridged = read(&new.join("摘要.yaml"));
    assert!(abridged.contains("自评得分概述: \"\""), "{abridged}");
    assert!(
        abridged.contains("# （三）2. 本年存在的问题及原因"),
        "{abridged}"
    );
}

#[test]
fn a_folder_that_is_not_empty_is_left_alone() {
    let dir = temp_dir();
    let keep = dir.path().join("留着.yaml");
    write(&keep, "单位名称: 已有的文件\n");
    for extra in [&["--from", "data/2022-baoxie"][..], &[][..]] {
        let output = run_new(dir.path(), extra);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(stderr(&output).contains("不是空的"), "{}", stderr(&output));
        assert_eq!(file_names(dir.path()), ["留着.yaml"]);
        assert_eq!(read(&keep), "单位名称: 已有的文件\n");
    }
    let output = run_new(&keep, &[]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("不是文件夹"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_empty_folder_is_filled() {
    let dir = temp_dir();
    assert_ok(&run_new(dir.path(), &["--from", "data/2022-baoxie"]));
    assert_eq!(yaml_names(dir.path()), yaml_names(&sample()));
    assert_schema_beside(dir.path());
}

#[test]
fn a_source_with_errors_writes_nothing() {
    let dir = temp_dir();
    let source = dir.path().join("坏的.yaml");
    write(&source, "单位名称: 测试\n年度: 二〇二二\n");
    let new = dir.path().join("new");
    let output = run_new(&new, &["--from", path_str(&source)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("上年度的报告有错误"));
    assert!(!new.exists());
    let missing = dir.path().join("没有这个文件夹");
    let output = run_new(&new, &["--from", path_str(&missing)]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(!new.exists());
}

#[test]
fn a_single_file_source_is_split_into_unit_goals_and_texts() {
    let dir = temp_dir();
    let single = dir.path().join("2022.yaml");
    let whole: String = yaml_names(&sample())
        .iter()
        .map(|name| read(&sample().join(name)) + "\n")
        .collect();
    write(&single, &whole);
    let new = dir.path().join("2023");
    assert_ok(&run_new(&new, &["--from", path_str(&single)]));
    assert_eq!(
        yaml_names(&new),
        [
            "单位.yaml",
            "摘要.yaml",
            "目标1.yaml",
            "目标2.yaml",
            "目标3.yaml",
            "目标4.yaml",
            "自评表.yaml"
        ]
    );
    check_passes(&new);
    let next = load(&new);
    assert_eq!(plan_rows(&next), plan_rows(&load(&sample())));
    assert_eq!(next.year.value, 2023);
}

/// Replaces `from` in `file` of the folder `dir`, which must contain it.
fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = read(&path);
    assert!(text.contains(from), "no 「{from}」 in {file}");
    write(&path, &text.replacen(from, to, 1));
}

#[test]
fn hostile_values_survive_the_round_trip() {
    let copy = sample_copy();
    let src = copy.path();
    edit(
        src,
        "目标1-拆迁.yaml",
        "三级指标: 拆迁房屋目标完成率",
        "三级指标: \"- 列表: #注释\"",
    );
    edit(
        src,
        "目标1-拆迁.yaml",
        "三级指标: 推进重点项目拆迁点位",
        "三级指标: \"\\\"引号\\\" 与 \\\\反斜杠 制表\"",
    );
    edit(
        src,
        "目标2-社会治理.yaml",
        "三级指标: 信访接待",
        "三级指标: \"yes\"",
    );
    for key in ["年初目标值", "实际完成值"] {
        edit(
            src,
            "目标2-社会治理.yaml",
            &format!("{key}: 每周一次"),
            &format!("{key}: \"| 每周一次 #1\""),
        );
    }
    edit(
        src,
        "目标3-市容市貌.yaml",
        "三级指标: 新建公厕",
        "三级指标: \"2022\"",
    );
    edit(
        src,
        "目标3-市容市貌.yaml",
        "名称: 优化市容市貌，提升城市品质，推动文明创建和卫生城市复审工作",
        "名称: \"&锚 *别名 !标签 {优化市容市貌} [提升城市品质]\"",
    );
    edit(src, "单位.yaml", "简称: 豹澥街", "简称: \"@豹澥街: \"");
    check_passes(src);
    let dir = temp_dir();
    let new = dir.path().join("new");
    assert_ok(&run_new(&new, &["--from", path_str(src)]));
    check_passes(&new);
    assert_schema_beside(&new);
    let (old, next) = (load(src), load(&new));
    assert_eq!(plan_rows(&next), plan_rows(&old));
    assert_eq!(unit_rows(&next), unit_rows(&old));
    let names: Vec<&str> = next.indicators().map(|i| i.name.value.as_str()).collect();
    assert!(names.contains(&"- 列表: #注释"), "{names:?}");
}

#[test]
fn the_example_passes_check_and_builds() {
    let dir = temp_dir();
    let new = dir.path().join("示例");
    let output = run_new(&new, &["--year", "2024"]);
    assert_ok(&output);
    check_passes(&new);
    assert_schema_beside(&new);
    let report = load(&new);
    assert_eq!(report.year.value, 2024);
    assert_eq!(report.submitted.value.to_string(), "2025-06-30");
    let targets: Vec<&str> = report
        .indicators()
        .map(|i| i.target.value.0.as_str())
        .collect();
    for kind in ["500 个", "≤20 件", "0起", "不断提升"] {
        assert!(targets.contains(&kind), "no target {kind}: {targets:?}");
    }
    let pdf = dir.path().join("示例.pdf");
    let output = jixiao(&["build", path_str(&new), "-o", path_str(&pdf)]);
    assert_ok(&output);
    assert!(pdf.is_file());
}

#[test]
fn a_year_out_of_range_is_a_usage_error() {
    let dir = temp_dir();
    let new = dir.path().join("new");
    let output = run_new(&new, &["--year", "99"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(!new.exists());
}

proptest! {
    /// Whatever the text, `key: <scalar>` reads back as exactly that text.
    #[test]
    fn any_text_reads_back_as_written(text in any::<String>()) {
        let yaml = format!("键: {}\n", jixiao::yaml_text::scalar(&text));
        let read: BTreeMap<String, String> = match serde_saphyr::from_str(&yaml) {
            Ok(read) => read,
            Err(error) => panic!("{yaml:?} does not parse: {error}"),
        };
        prop_assert_eq!(read.get("键"), Some(&text), "{}", yaml);
    }

    /// Text made of YAML's special characters, which plain scalars trip over most.
    #[test]
    fn special_characters_read_back_as_written(text in r"[-?:,\[\]{}#&*!|>'%@` \t.0-9a-zA-Z一\n]{0,12}") {
        let yaml = format!("键: {}\n", jixiao::yaml_text::scalar(&text));
        let read: BTreeMap<String, String> = match serde_saphyr::from_str(&yaml) {
            Ok(read) => read,
            Err(error) => panic!("{yaml:?} does not parse: {error}"),
        };
        prop_assert_eq!(read.get("键"), Some(&text), "{}", yaml);
    }
}

/// The 部门整体绩效自评表's own part of `report`.
fn own(report: &Report) -> &jixiao::form::department::Department {
    match &report.own {
        jixiao::form::Own::Department(own) => own,
        _ => panic!("a 部门整体绩效自评表"),
    }
}
