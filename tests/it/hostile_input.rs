//! Careless or hostile values: numbers that would overflow, empty texts, impossible years and
//! dates, money with more than two decimals, invisible characters. Each is a located error from
//! `check`, never a panic and never a PDF.

use std::path::{Path, PathBuf};

use crate::pdf_support::*;

const UNIT: &str = "单位.yaml";
const GOAL1: &str = "目标1-拆迁.yaml";

/// A sample copy with `edits` (file, from, to) applied.
fn edited(dir: &Path, edits: &[(&str, &str, &str)]) -> PathBuf {
    let report = sample_copy(dir);
    for (file, from, to) in edits {
        edit(&report.join(file), from, to);
    }
    report
}

/// `jixiao check` on the edited sample: it must fail with exit 1 (not panic with 101) and print
/// every needle.
fn check_fails(edits: &[(&str, &str, &str)], needles: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let report = edited(dir.path(), edits);
    let output = jixiao(&["check", report.to_str().unwrap()]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    for needle in needles {
        assert!(
            message.contains(needle),
            "missing {needle:?} in:\n{message}"
        );
    }
    assert!(!message.contains("panicked"), "{message}");
    message
}

#[test]
fn a_tiny_budget_against_a_huge_spending_is_an_error_not_a_panic() {
    let huge = "9999999999999999999999999999";
    check_fails(
        &[
            (UNIT, "调整后预算数: 13581.29", "调整后预算数: 0.01"),
            (UNIT, "执行数: 13581.29", &format!("执行数: {huge}")),
        ],
        &[
            "单位.yaml:13:8",
            "超出了可以计算的范围",
            "整数部分最多 17 位",
        ],
    );
}

#[test]
fn a_tiny_target_against_a_huge_actual_is_an_error_not_a_panic() {
    check_fails(
        &[
            (GOAL1, "年初目标值: ≥80%", "年初目标值: 0.001"),
            (
                GOAL1,
                "实际完成值: 82%",
                "实际完成值: 999999999999999999999999",
            ),
        ],
        &["目标1-拆迁.yaml:11:18", "超出了可以计算的范围"],
    );
    check_fails(
        &[
            (
                GOAL1,
                "年初目标值: ≥80%",
                "年初目标值: ≤0.0000000000000000000000000001",
            ),
            (
                GOAL1,
                "实际完成值: 82%",
                "实际完成值: 9999999999999999999999999999",
            ),
        ],
        &[
            "目标1-拆迁.yaml:10:18",
            "目标1-拆迁.yaml:11:18",
            "小数最多 6 位",
        ],
    );
}

#[test]
fn money_with_more_than_two_decimals_is_an_error() {
    // Printed with two decimals, 4763.505 + 8817.785 would show 4763.51 + 8817.79 ≠ 13581.29.
    check_fails(
        &[
            (UNIT, "基本支出: 4763.51", "基本支出: 4763.505"),
            (UNIT, "项目支出: 8817.78", "项目支出: 8817.785"),
        ],
        &[
            "基本支出 4763.505 万元超过两位小数",
            "单位.yaml:14:9",
            "单位.yaml:15:9",
        ],
    );
}

#[test]
fn empty_required_texts_are_errors() {
    check_fails(
        &[
            (
                UNIT,
                "单位名称: 武汉东湖新技术开发区豹澥街道办事处",
                "单位名称: ''",
            ),
            (
                GOAL1,
                "名称: 加大拆迁工作力度，协调保障各项目建设",
                "名称: ' '",
            ),
            (GOAL1, "三级指标: 拆迁房屋目标完成率", "三级指标: \"\""),
        ],
        &[
            "单位名称是空的",
            "单位.yaml:3:7",
            "年度目标1的名称是空的",
            "目标1-拆迁.yaml:4:7",
            "年度目标1的三级指标是空的",
            "目标1-拆迁.yaml:9:17",
        ],
    );
}

#[test]
fn a_goal_without_indicators_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    std::fs::write(
        report.join("目标5-空.yaml"),
        "年度目标5:\n  名称: 空目标\n  分值: 0\n  指标: {}\n",
    )
    .unwrap();
    let output = jixiao(&["check", report.to_str().unwrap()]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{message}");
    assert!(message.contains("年度目标5「空目标」没有指标"), "{message}");
    assert!(message.contains("目标5-空.yaml:2:7"), "{message}");
}

#[test]
fn a_year_out_of_range_and_a_submission_before_the_year_are_errors() {
    check_fails(
        &[(UNIT, "年度: 2022", "年度: 0000")],
        &["年度 0000 不在合理的范围内", "单位.yaml:6:5"],
    );
    check_fails(
        &[(UNIT, "提交时间: 2023-06-10", "提交时间: 2021-06-10")],
        &[
            "提交时间 2021-06-10 在被评价的 2022 年度开始之前",
            "单位.yaml:7:7",
        ],
    );
}

#[test]
fn control_characters_are_errors_at_their_place() {
    check_fails(
        &[
            (
                GOAL1,
                "三级指标: 拆迁房屋目标完成率",
                "三级指标: \"拆迁房屋\\u2028目标完成率\"",
            ),
            (
                "摘要.yaml",
                "已完成 2022 年度各项工作",
                "已完成\u{2029}2022 年度各项工作",
            ),
        ],
        &[
            "行分隔符（U+2028）",
            "目标1-拆迁.yaml:9:17",
            "段分隔符（U+2029）",
            "摘要.yaml:5:",
        ],
    );
}

#[test]
fn check_refuses_a_character_no_font_has_as_build_does() {
    check_fails(
        &[(
            GOAL1,
            "三级指标: 推进重点项目拆迁点位",
            "三级指标: 推进重点项目😀拆迁点位",
        )],
        &["字符「😀」", "目标1-拆迁.yaml:13:23"],
    );
}

#[test]
fn a_control_character_never_reaches_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let report = edited(
        dir.path(),
        &[(
            GOAL1,
            "三级指标: 拆迁房屋目标完成率",
            "三级指标: \"拆迁\\u2028房屋\"",
        )],
    );
    let pdf = dir.path().join("r.pdf");
    let output = jixiao(&[
        "build",
        report.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!pdf.exists());
}

#[test]
fn yaml_files_in_any_case_are_read_and_others_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    std::fs::rename(report.join("摘要.yaml"), report.join("摘要.YAML")).unwrap();
    std::fs::rename(report.join("自评表.yaml"), report.join("自评表.yaml.txt")).unwrap();
    std::fs::create_dir(report.join("旧版")).unwrap();
    let output = jixiao(&["check", report.to_str().unwrap()]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{message}");
    assert!(
        message.contains("不是报告的一部分，没有读取：旧版/、自评表.yaml.txt"),
        "{message}"
    );
    assert!(
        !message.contains("「摘要」的「自评得分概述」还没有填写"),
        "摘要.YAML is read: {message}"
    );
    assert!(
        message.contains("「自评表」的「偏差大或目标未完成原因分析」还没有填写"),
        "自评表.yaml.txt is not: {message}"
    );
}

#[test]
fn hidden_and_editor_files_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let report = sample_copy(dir.path());
    std::fs::write(
        report.join("._目标1-拆迁.yaml"),
        [0u8, 5, 22, 7, 0, 2, 0, 0],
    )
    .unwrap();
    std::fs::write(report.join(".目标1-拆迁.yaml.swp"), [0u8, 1, 2]).unwrap();
    std::fs::write(report.join("目标1-拆迁.yaml~"), "旧: 内容").unwrap();
    let output = jixiao(&["check", report.to_str().unwrap()]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{message}");
    assert!(!message.contains("没有读取"), "{message}");
}
