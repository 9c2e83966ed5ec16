//! Rule sets and their overrides, the variant terms of the taxonomy, and the warnings a reviewer
//! would raise (issue 8): each checked by the message a user reads and where it points.

use crate::score_support;

use jixiao::Severity;
use score_support::{assert_no_errors, dec, evaluate_text, messages_with, outcome, rendered};

/// A report: `settings` lines under 设置 (none when empty), the budget's 分值 and 执行数, and
/// one indicator (weight 80) under `level1` / `level2`.
fn report(
    settings: &[&str],
    budget: (&str, &str),
    groups: (&str, &str),
    indicator: &str,
) -> String {
    let settings = if settings.is_empty() {
        String::new()
    } else {
        let lines: String = settings.iter().map(|l| format!("  {l}\n")).collect();
        format!("设置:\n{lines}")
    };
    let (weight, spent) = budget;
    let goal_weight = dec("100") - dec(weight);
    let (level1, level2) = groups;
    format!(
        "单位名称: 测试街道办事处
年度: 2022
提交时间: 2023-06-10
{settings}预算:
  分值: {weight}
  调整后预算数: 100.00
  执行数: {spent}
年度目标:
  - 名称: 目标一
    分值: {goal_weight}
    指标:
      {level1}:
        {level2}:
          - 三级指标: {indicator}
            分值: {goal_weight}
"
    )
}

fn indicator(name: &str, target: &str, actual: &str) -> String {
    format!("{name}\n            年初目标值: \"{target}\"\n            实际完成值: \"{actual}\"")
}

fn plain() -> String {
    indicator("甲", "30 个", "30 个")
}

const OUTPUT: (&str, &str) = ("产出指标", "数量指标");

/// The messages containing `needle`, as (severity, line).
fn found(yaml: &str, needle: &str) -> Vec<(Severity, usize)> {
    let evaluated = evaluate_text(yaml);
    messages_with(&evaluated, needle)
        .into_iter()
        .map(|m| (m.severity, m.line))
        .collect()
}

#[test]
fn the_sample_settings_give_no_warning_of_their_own() {
    let evaluated = evaluate_text(&report(&[], ("20", "100.00"), OUTPUT, &plain()));
    assert_no_errors(&evaluated);
    assert!(
        messages_with(&evaluated, "计分规则").is_empty(),
        "{}",
        rendered(&evaluated)
    );
}

#[test]
fn the_budget_weight_is_checked_against_the_rule_set() {
    let hubei = report(&[], ("10", "100.00"), OUTPUT, &plain());
    assert_eq!(
        found(&hubei, "计分规则「湖北」中一般为 20.00"),
        [(Severity::Warning, 5)]
    );
    let national = report(&["计分规则: 全国"], ("10", "100.00"), OUTPUT, &plain());
    assert!(found(&national, "一般为").is_empty());
    let overridden = report(&["预算执行分值: 10"], ("10", "100.00"), OUTPUT, &plain());
    assert!(found(&overridden, "一般为").is_empty());
}

#[test]
fn a_percentage_setting_without_percent_is_an_error_that_says_so() {
    let yaml = report(&["偏差大阈值: 0.3"], ("20", "100.00"), OUTPUT, &plain());
    let evaluated = evaluate_text(&yaml);
    assert!(evaluated.diagnostics.has_errors());
    let text = rendered(&evaluated);
    assert!(text.contains("「0.3」没有写 %"), "{text}");
    assert!(text.contains("0.3% 还是 30%"), "{text}");
    let range = report(&["部分达成区间: 50-80"], ("20", "100.00"), OUTPUT, &plain());
    let evaluated = evaluate_text(&range);
    assert!(
        rendered(&evaluated).contains("没有写 %"),
        "{}",
        rendered(&evaluated)
    );
}

#[test]
fn band_ranges_that_do_not_join_are_an_error() {
    let yaml = report(
        &["部分达成区间: 50%-80%", "未达成区间: 0%-60%"],
        ("20", "100.00"),
        OUTPUT,
        &plain(),
    );
    assert_eq!(found(&yaml, "未达成区间「0%-60%」"), [(Severity::Error, 6)]);
    let joined = report(
        &["部分达成区间: 50%-80%", "未达成区间: 0%-50%"],
        ("20", "100.00"),
        OUTPUT,
        &plain(),
    );
    assert!(found(&joined, "不衔接").is_empty());
}

#[test]
fn an_anhui_partly_reached_band_starts_at_half() {
    let target = indicator("乙", "不断提升", "部分达成");
    let scored = format!("{target}\n            得分: 40.00");
    let hubei = report(&[], ("20", "100.00"), ("产出指标", "质量指标"), &scored);
    // 40 of 80 is 50 %: below 部分达成 in 湖北 …
    assert_eq!(
        found(&hubei, "不在该档次的 48.00 分（含）到 64.00 分（不含）之内"),
        [(Severity::Error, 17)]
    );
    // … inside it in 安徽.
    let anhui = report(
        &["计分规则: 安徽"],
        ("20", "100.00"),
        ("产出指标", "质量指标"),
        &scored,
    );
    let evaluated = evaluate_text(&anhui);
    assert_no_errors(&evaluated);
    assert_eq!(outcome(&evaluated).scores.total, dec("60.00"));
}

#[test]
fn spending_above_the_adjusted_budget_is_capped_and_warned() {
    let yaml = report(&[], ("20", "102.59"), OUTPUT, &plain());
    let evaluated = evaluate_text(&yaml);
    assert_eq!(outcome(&evaluated).scores.budget.score, dec("20.00"));
    assert_eq!(
        found(
            &yaml,
            "执行数 102.59 超过调整后预算数 100.00（执行率 102.59%）"
        ),
        [(Severity::Warning, 7)]
    );
    assert!(
        found(
            &report(&[], ("20", "100.00"), OUTPUT, &plain()),
            "超过调整后预算数"
        )
        .is_empty()
    );
}

#[test]
fn variant_terms_are_accepted_with_a_warning_naming_the_standard_one() {
    for (level1, level2, standard) in [
        ("产出指标", "时效性指标", "时效指标"),
        ("满意度指标", "群众满意度指标", "服务对象满意度指标"),
        ("满意度指标", "满意度指标", "服务对象满意度指标"),
        ("效益指标", "社会效益", "社会效益指标"),
        ("效益指标", "经济效益", "经济效益指标"),
        ("效益指标", "生态效益", "生态效益指标"),
    ] {
        let yaml = report(&[], ("20", "100.00"), (level1, level2), &plain());
        let evaluated = evaluate_text(&yaml);
        assert_no_errors(&evaluated);
        let warning = format!("二级指标「{level2}」是「{standard}」的常见写法");
        assert_eq!(
            found(&yaml, &warning),
            [(Severity::Warning, 13)],
            "{level2}"
        );
    }
    // The synonyms of the official table itself say nothing.
    for (level1, level2) in [("产出指标", "进度指标"), ("效益指标", "环境效益指标")]
    {
        let yaml = report(&[], ("20", "100.00"), (level1, level2), &plain());
        assert!(found(&yaml, "常见写法").is_empty(), "{level2}");
    }
}

#[test]
fn a_misprinted_term_is_an_error_with_a_suggestion() {
    let yaml = report(&[], ("20", "100.00"), ("产出指标", "日效性指标"), &plain());
    let evaluated = evaluate_text(&yaml);
    let text = rendered(&evaluated);
    assert_eq!(
        found(&yaml, "「日效性指标」不是一级指标「产出指标」下的二级指标"),
        [(Severity::Error, 13)]
    );
    assert!(text.contains("是不是想写「时效指标」？"), "{text}");
}

#[test]
fn a_lower_is_better_name_without_comparator_is_warned() {
    for name in [
        "成本控制率",
        "事故发生率",
        "群众投诉率",
        "结转结余率",
        "安全事故",
    ] {
        let yaml = report(&[], ("20", "100.00"), OUTPUT, &indicator(name, "5%", "4%"));
        assert_eq!(
            found(&yaml, "读来是越低越好"),
            [(Severity::Warning, 15)],
            "{name}"
        );
        let written = report(&[], ("20", "100.00"), OUTPUT, &indicator(name, "≤5%", "4%"));
        assert!(found(&written, "读来是越低越好").is_empty(), "{name}");
    }
    // A zero target needs no direction.
    let zero = report(
        &[],
        ("20", "100.00"),
        OUTPUT,
        &indicator("安全事故", "0起", "0起"),
    );
    assert!(found(&zero, "读来是越低越好").is_empty());
}

#[test]
fn a_quantity_target_without_a_number_is_warned() {
    let yaml = report(
        &[],
        ("20", "100.00"),
        OUTPUT,
        &indicator("丙", "按计划完成", "按计划完成"),
    );
    assert_eq!(found(&yaml, "没有数量"), [(Severity::Warning, 15)]);
    // A number in Chinese numerals is a number.
    let weekly = report(
        &[],
        ("20", "100.00"),
        OUTPUT,
        &indicator("丁", "每周一次", "每周一次"),
    );
    assert!(found(&weekly, "没有数量").is_empty());
    // Elsewhere than 数量指标 a qualitative target is normal.
    let quality = report(
        &[],
        ("20", "100.00"),
        ("产出指标", "质量指标"),
        &indicator("戊", "按计划完成", "按计划完成"),
    );
    assert!(found(&quality, "没有数量").is_empty());
}
