//! What loading gives for good input: the report as written, numbers exact, places remembered.

use crate::load_support;

use std::path::{Path, PathBuf};

use jixiao::source::load::load_texts;
use jixiao::{Loaded, load_path};
use load_support::{evaluate, fixture, place};

fn load(name: &str) -> Loaded {
    match load_path(&fixture(name)) {
        Ok(loaded) => loaded,
        Err(error) => panic!("{name} could not be read: {error}"),
    }
}

fn report(loaded: &Loaded) -> &jixiao::Report {
    loaded
        .report
        .as_ref()
        .unwrap_or_else(|| panic!("no report:\n{}", loaded.diagnostics.render(&loaded.files)))
}

#[test]
fn the_minimal_report_has_no_message_at_all() {
    let evaluated = evaluate("valid.yaml");
    assert!(
        evaluated.diagnostics.0.is_empty(),
        "{}",
        evaluated.diagnostics.render(&evaluated.files)
    );
    assert!(evaluated.clean_outcome().is_some());
}

#[test]
fn amounts_keep_the_decimals_as_written() {
    let loaded = load("exact_decimals.yaml");
    let budget = &report(&loaded).budget;
    assert_eq!(budget.adjusted.value.0.to_string(), "13581.20");
    assert_eq!(budget.adjusted.value.0.scale(), 2);
    assert_eq!(budget.spent.value.0.to_string(), "0.10");
    assert_eq!(budget.weight.value.0.to_string(), "20");
}

#[test]
fn a_seventeen_digit_amount_keeps_every_digit() {
    let loaded = load("exact_decimals.yaml");
    let approved = report(&loaded).budget.approved.as_ref().map(|a| a.value.0);
    assert_eq!(
        approved.map(|a| a.to_string()).as_deref(),
        Some("12345678901234567.89")
    );
}

#[test]
fn weights_and_values_are_read_as_written() {
    let loaded = load("exact_decimals.yaml");
    let goal = &report(&loaded).goals[0];
    assert_eq!(goal.weight.value.0.to_string(), "80.00");
    let indicator = goal.indicators().next().expect("one indicator");
    assert_eq!(indicator.weight.value.0.to_string(), "2.50");
    assert_eq!(&*indicator.target.value, "800");
    assert_eq!(indicator.actual.as_ref().map(|a| &*a.value), Some("210"));
}

#[test]
fn values_remember_their_place() {
    let loaded = load("exact_decimals.yaml");
    let report = report(&loaded);
    assert_eq!(
        place(&loaded.files, report.unit_name.span),
        "exact_decimals.yaml:2:7"
    );
    assert_eq!(
        place(&loaded.files, report.budget.adjusted.span),
        "exact_decimals.yaml:8:11"
    );
    let indicator = report.indicators().next().expect("one indicator");
    assert_eq!(
        place(&loaded.files, indicator.name.span),
        "exact_decimals.yaml:16:19"
    );
}

#[test]
fn unit_year_and_date_are_read() {
    let loaded = load("valid.yaml");
    let report = report(&loaded);
    assert_eq!(report.unit_name.value, "测试街道办事处");
    let jixiao::form::Own::Department(own) = &report.own else {
        panic!("a 部门整体绩效自评表")
    };
    assert_eq!(own.short_or(&report.unit_name), "测试街");
    assert_eq!(report.year.value, 2022);
    assert_eq!(report.submitted.value.to_string(), "2023-06-10");
    assert_eq!(
        own.report_title(report.year.value),
        "2022年度部门整体绩效自评结果"
    );
}

#[test]
fn indicators_keep_their_levels_in_the_written_order() {
    let loaded = load("valid.yaml");
    let goal = &report(&loaded).goals[0];
    let rows: Vec<(&str, &str, &str)> = goal
        .rows()
        .map(|(l1, l2, i)| (l1.value.as_str(), l2.value.as_str(), i.name.value.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("产出指标", "数量指标", "完成率"),
            ("效益指标", "社会效益指标", "群众获得感"),
            ("满意度指标", "服务对象满意度指标", "服务对象满意度"),
        ]
    );
}

#[test]
fn numbered_goals_from_several_files_are_merged_in_number_order() {
    let loaded = load("numbered_goals");
    let report = report(&loaded);
    let names: Vec<&str> = report.goals.iter().map(|g| g.name.value.as_str()).collect();
    assert_eq!(names, ["拆迁", "治理"]);
    assert_eq!(
        place(&loaded.files, report.goals[1].name.span),
        "numbered_goals/目标2.yaml:2:7"
    );
    assert_eq!(
        place(&loaded.files, report.unit_name.span),
        "numbered_goals/单位.yaml:2:7"
    );
}

#[test]
fn a_folder_report_checks_clean() {
    let evaluated = evaluate("numbered_goals");
    assert!(
        !evaluated.diagnostics.has_errors(),
        "{}",
        evaluated.diagnostics.render(&evaluated.files)
    );
}

#[test]
fn numbered_goals_are_ordered_by_number_not_by_file() {
    let goal = |number: u32, name: &str| {
        format!(
            "年度目标{number}:\n  名称: {name}\n  分值: 1\n  指标:\n    产出指标:\n      数量指标:\n        - 三级指标: 甲\n          年初目标值: 1\n          分值: 1\n"
        )
    };
    let head = "单位名称: 甲\n年度: 2022\n提交时间: 2023-06-10\n预算:\n  分值: 98\n  调整后预算数: 1\n  执行数: 1\n";
    let loaded = load_texts(vec![
        (PathBuf::from("a.yaml"), head.to_string()),
        (PathBuf::from("b.yaml"), goal(2, "第二")),
        (PathBuf::from("c.yaml"), goal(1, "第一")),
    ]);
    let names: Vec<&str> = report(&loaded)
        .goals
        .iter()
        .map(|g| g.name.value.as_str())
        .collect();
    assert_eq!(names, ["第一", "第二"]);
}

#[test]
fn an_empty_file_in_a_folder_is_no_error() {
    let head = "单位名称: 甲\n年度: 2022\n提交时间: 2023-06-10\n预算:\n  分值: 100\n  调整后预算数: 1\n  执行数: 1\n年度目标: []\n";
    let loaded = load_texts(vec![
        (PathBuf::from("a.yaml"), head.to_string()),
        (PathBuf::from("b.yaml"), "# 只有注释\n".to_string()),
    ]);
    assert!(loaded.report.is_some());
    assert!(loaded.diagnostics.0.is_empty());
}

#[test]
fn a_byte_order_mark_and_windows_line_ends_are_accepted() {
    let text = std::fs::read_to_string(fixture("valid.yaml")).expect("fixture");
    let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    let loaded = load_texts(vec![(PathBuf::from("valid.yaml"), windows)]);
    let report = report(&loaded);
    assert_eq!(report.unit_name.value, "测试街道办事处");
    assert_eq!(report.budget.adjusted.value.0.to_string(), "13581.20");
}

#[test]
fn the_sample_report_loads_as_published() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/2022-baoxie");
    let loaded = load_path(&sample).expect("sample report");
    let report = report(&loaded);
    assert_eq!(report.goals.len(), 4);
    assert_eq!(report.indicators().count(), 54);
    let weights: Vec<String> = report
        .goals
        .iter()
        .map(|g| g.weight.value.0.to_string())
        .collect();
    assert_eq!(weights, ["11", "20", "23", "26"]);
    assert_eq!(report.budget.adjusted.value.0.to_string(), "13581.29");
    assert_eq!(report.budget.spent.value.0.to_string(), "13581.29");
    assert_eq!(report.year.value, 2022);
    assert_eq!(report.submitted.value.to_string(), "2023-06-10");
}

#[test]
fn a_missing_path_is_an_io_error_in_chinese() {
    let error = load_path(&fixture("no-such-report")).expect_err("missing path");
    let text = error.to_string();
    assert!(
        text.contains("无法读取") && text.contains("不存在"),
        "{text}"
    );
}

#[test]
fn a_folder_without_yaml_files_says_so() {
    let empty = tempfile::tempdir().expect("temporary folder");
    let error = load_path(empty.path()).expect_err("empty folder");
    assert!(error.to_string().contains("没有 .yaml"), "{error}");
}
