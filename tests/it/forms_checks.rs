//! The checks of the national tables, each reproduced by a fixture in
//! tests/fixtures/score/forms/ and located at the value it is about.

use jixiao::diagnostic::Severity::{Error, Warning};

use crate::score_support::*;

fn fixture(name: &str) -> String {
    format!("forms/{name}")
}

#[test]
fn a_valid_national_table_has_no_message() {
    let evaluated = evaluate(&fixture("valid.yaml"));
    assert!(
        evaluated.diagnostics.0.is_empty(),
        "{}",
        rendered(&evaluated)
    );
    let outcome = outcome(&evaluated);
    // 10 × 116.2 ÷ 118.5 = 9.8059 → 9.81, and every indicator met.
    assert_eq!(outcome.scores.budget.score, dec("9.81"));
    assert_eq!(outcome.scores.total, dec("99.81"));
}

#[test]
fn the_total_row_must_be_the_sum_of_its_parts_column_by_column() {
    let name = fixture("parts_do_not_add_up.yaml");
    let evaluated = evaluate(&name);
    let line = line_of(&name, "年度资金总额");
    assert_message(
        &evaluated,
        Error,
        ("parts_do_not_add_up.yaml", line, 31),
        "年度资金总额的全年预算数 118.50 与其中各行之和 119.50 不符（本年财政拨款 99.50 + 上年结转资金 20.00）",
    );
    // The columns that do add up are not reported.
    assert_no_message(&evaluated, "年初预算数");
    assert_no_message(&evaluated, "全年执行数 116.20");
}

#[test]
fn a_zero_budget_with_money_spent_is_an_error() {
    let name = fixture("zero_budget_spent.yaml");
    let evaluated = evaluate(&name);
    assert_message(
        &evaluated,
        Error,
        ("zero_budget_spent.yaml", line_of(&name, "年度资金总额"), 29),
        "全年预算数为 0.00，却有全年执行数 5.00：执行率无法计算",
    );
}

#[test]
fn spending_above_the_budget_is_a_warning_and_scores_full() {
    let name = fixture("overspent.yaml");
    let evaluated = evaluate(&name);
    assert_message(
        &evaluated,
        Warning,
        ("overspent.yaml", line_of(&name, "年度资金总额"), 43),
        "全年执行数 104.50 超过全年预算数 100.00，预算执行按 100% 计分",
    );
    assert_eq!(outcome(&evaluated).scores.budget.score, dec("10.00"));
}

#[test]
fn level1_weights_are_checked_against_the_national_rules() {
    let name = fixture("level1_weights.yaml");
    let evaluated = evaluate(&name);
    assert_message(
        &evaluated,
        Warning,
        ("level1_weights.yaml", line_of(&name, "产出指标:"), 3),
        "产出指标的分值合计为 45.00，计分规则「全国」中一般为 50.00",
    );
    assert_message(
        &evaluated,
        Warning,
        ("level1_weights.yaml", line_of(&name, "效益指标:"), 3),
        "效益指标的分值合计为 35.00，计分规则「全国」中一般为 30.00",
    );
    assert_no_message(&evaluated, "满意度指标的分值合计为");
}

#[test]
fn funds_and_indicators_weigh_100_together() {
    let name = fixture("total_not_100.yaml");
    let evaluated = evaluate(&name);
    assert_message(
        &evaluated,
        Error,
        ("total_not_100.yaml", line_of(&name, "  分值: 10"), 7),
        "资金的分值 10.00 与各指标的分值 85.00 合计为 95.00，应为 100",
    );
}

#[test]
fn a_key_of_another_form_names_the_form_it_belongs_to() {
    let name = fixture("key_of_another_form.yaml");
    let evaluated = evaluate(&name);
    assert_message(
        &evaluated,
        Error,
        ("key_of_another_form.yaml", line_of(&name, "预算:"), 1),
        "「预算」是部门整体绩效自评表的键，本报告的表样是项目支出绩效自评表",
    );
    let help = evaluated.diagnostics.0[0].help.clone().unwrap_or_default();
    assert!(help.contains("「资金:」"), "{help}");

    let name = fixture("department_with_project_name.yaml");
    let evaluated = evaluate(&name);
    assert_message(
        &evaluated,
        Error,
        (
            "department_with_project_name.yaml",
            line_of(&name, "项目名称"),
            1,
        ),
        "「项目名称」是项目支出绩效自评表的键，本报告的表样是部门整体支出绩效自评表",
    );
}

#[test]
fn national_keys_without_a_form_say_which_form_to_write() {
    let name = fixture("funds_without_form.yaml");
    let evaluated = evaluate(&name);
    assert_message(
        &evaluated,
        Error,
        ("funds_without_form.yaml", line_of(&name, "资金:"), 1),
        "「资金」是项目支出绩效自评表和部门整体支出绩效自评表的键，本报告的表样是部门整体绩效自评表",
    );
    let help = evaluated.diagnostics.0[0].help.clone().unwrap_or_default();
    assert!(help.contains("「表样: 项目支出绩效自评表」"), "{help}");
    // Not also "缺少「预算」": the form is what is wrong.
    assert_no_message(&evaluated, "缺少");
}

#[test]
fn a_project_table_needs_its_project_name() {
    let evaluated = evaluate(&fixture("missing_project_name.yaml"));
    assert_message(
        &evaluated,
        Error,
        ("missing_project_name.yaml", 2, 1),
        "缺少「项目名称」",
    );
}

#[test]
fn the_long_texts_of_annex_1_belong_to_the_department_form() {
    let name = fixture("annex_text.yaml");
    let evaluated = evaluate(&name);
    assert_message(
        &evaluated,
        Error,
        (
            "annex_text.yaml",
            line_of(&name, "偏差大或目标未完成原因分析"),
            18,
        ),
        "「自评表」的「偏差大或目标未完成原因分析」是部门整体绩效自评表的键，本报告的表样是项目支出绩效自评表",
    );
}

#[test]
fn an_empty_target_is_a_warning_and_scores_0_unless_scored_by_hand() {
    let name = fixture("empty_target.yaml");
    let evaluated = evaluate(&name);
    for indicator in ["丁", "戊"] {
        let line = line_of(&name, &format!("三级指标: {indicator}")) + 1;
        assert_message(
            &evaluated,
            Warning,
            ("empty_target.yaml", line, 16),
            &format!("指标「{indicator}」的年初目标值是空的，按 0 分计"),
        );
    }
    let outcome = outcome(&evaluated);
    assert_eq!(score_of(outcome, "丁"), dec("0.00"));
    assert_eq!(score_of(outcome, "戊"), dec("5.00"));
    assert_no_message(&evaluated, "没有数量");
}

#[test]
fn the_checks_of_every_form_apply_to_the_national_tables() {
    let name = fixture("shared_checks.yaml");
    let evaluated = evaluate(&name);
    let line = line_of(&name, "实际完成值: 20 次");
    assert_message(
        &evaluated,
        Warning,
        ("shared_checks.yaml", line, 16),
        "目标值的单位「人次」与实际完成值的单位「次」不一致",
    );
    assert_message(
        &evaluated,
        Warning,
        ("shared_checks.yaml", line, 16),
        "指标「丁」偏差大：实际完成值「20 次」超出目标值「10 人次」100.00%，没有说明原因",
    );
}
