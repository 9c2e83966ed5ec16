//! Checks on the report as written, before anything is scored.

mod input;

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::located::At;
use crate::model::{Amount, Goal, Indicator, Level1, Report};
use crate::score::{filled_actual, two_decimals};
use crate::taxonomy;
use crate::value::{Value, parse_value};
use crate::yaml_error::closest;

/// 满意度指标 together should weigh at least this share of the total.
const MIN_SATISFACTION_SHARE: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

/// Every problem of the report that needs no score to see.
pub fn validate(report: &Report) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    check_settings(report, &mut diagnostics);
    check_budget(report, &mut diagnostics);
    check_total_weight(report, &mut diagnostics);
    for goal in &report.goals {
        check_taxonomy(goal, &mut diagnostics);
        check_goal_weight(goal, &mut diagnostics);
        check_goal_composition(goal, &mut diagnostics);
        check_duplicate_names(goal, &mut diagnostics);
        for indicator in goal.indicators() {
            check_indicator(indicator, &mut diagnostics);
        }
    }
    check_satisfaction_share(report, &mut diagnostics);
    check_texts(report, &mut diagnostics);
    input::check_input(report, &mut diagnostics);
    diagnostics
}

fn negative(what: &str, amount: &At<Amount>) -> Option<Diagnostic> {
    (amount.value.0 < Decimal::ZERO).then(|| {
        Diagnostic::error(format!("{what}不能为负数（写的是 {}）", amount.value.0))
            .at(amount.span)
            .help("填写 0 或正数")
    })
}

/// Weights and scores are printed and added with two decimals: more would not add up.
fn beyond_cents(what: &str, amount: &At<Amount>) -> Option<Diagnostic> {
    (amount.value.0.normalize().scale() > 2).then(|| {
        Diagnostic::error(format!(
            "{what} {} 超过两位小数",
            amount.value.0.normalize()
        ))
        .at(amount.span)
        .help(format!(
            "分值和得分最多保留两位小数（如 {}），否则打印出的数字加起来与合计不符",
            two_decimals(amount.value.0)
        ))
    })
}

/// A weight is not negative and has at most two decimals.
fn check_weight(what: &str, weight: &At<Amount>, diagnostics: &mut Diagnostics) {
    diagnostics.extend(negative(what, weight));
    diagnostics.extend(beyond_cents(what, weight));
}

fn check_settings(report: &Report, diagnostics: &mut Diagnostics) {
    let Some(threshold) = &report.settings.deviation_threshold else {
        return;
    };
    if threshold.value.0 <= Decimal::ZERO {
        diagnostics.push(
            Diagnostic::error(format!(
                "偏差大阈值必须大于 0（写的是 {}%）",
                threshold.value.0
            ))
            .at(threshold.span)
            .help("写成「偏差大阈值: 30%」这样的正百分数；不写时默认为 30%"),
        );
    }
}

fn check_budget(report: &Report, diagnostics: &mut Diagnostics) {
    let budget = &report.budget;
    check_weight("预算的分值", &budget.weight, diagnostics);
    diagnostics.extend(negative("执行数", &budget.spent));
    for amount in [&budget.approved, &budget.basic, &budget.project]
        .into_iter()
        .flatten()
    {
        diagnostics.extend(negative("预算金额", amount));
    }
    if budget.adjusted.value.0 <= Decimal::ZERO {
        diagnostics.push(
            Diagnostic::error("调整后预算数必须大于 0，执行率 = 执行数 ÷ 调整后预算数")
                .at(budget.adjusted.span)
                .help("填写调整后的部门预算支出（万元）"),
        );
    }
    if let (Some(basic), Some(project)) = (&budget.basic, &budget.project) {
        let sum = basic.value.0 + project.value.0;
        if sum != budget.spent.value.0 {
            diagnostics.push(
                Diagnostic::error(format!(
                    "基本支出 {} + 项目支出 {} = {}，与执行数 {} 不符",
                    basic.value.0, project.value.0, sum, budget.spent.value.0
                ))
                .at(budget.spent.span)
                .related(basic.span, "基本支出")
                .related(project.span, "项目支出")
                .help("核对决算：基本支出与项目支出之和应等于部门整体执行数"),
            );
        }
    }
}

/// 预算执行 and all goals weigh 100 together.
fn check_total_weight(report: &Report, diagnostics: &mut Diagnostics) {
    let goals: Decimal = report.goals.iter().map(|g| g.weight.value.0).sum();
    let total = report.budget.weight.value.0 + goals;
    if total != Decimal::ONE_HUNDRED {
        // Exact, not rounded: a total of 100.001 rounds to 100.00 and would read as right.
        let exact = |value: Decimal| match value.normalize() {
            precise if precise.scale() > 2 => precise.to_string(),
            _ => two_decimals(value),
        };
        let mut diagnostic = Diagnostic::error(format!(
            "预算执行的分值 {} 与各年度目标的分值 {} 合计为 {}，应为 100",
            exact(report.budget.weight.value.0),
            exact(goals),
            exact(total)
        ))
        .at(report.budget.weight.span)
        .help("调整预算执行或年度目标的分值，使合计为 100");
        for (number, goal) in (1..).zip(&report.goals) {
            diagnostic = diagnostic.related(goal.weight.span, format!("年度目标{number}的分值"));
        }
        diagnostics.push(diagnostic);
    }
}

fn check_goal_weight(goal: &Goal, diagnostics: &mut Diagnostics) {
    check_weight(
        &format!("年度目标「{}」的分值", goal.name.value),
        &goal.weight,
        diagnostics,
    );
    let sum: Decimal = goal.indicators().map(|i| i.weight.value.0).sum();
    if sum != goal.weight.value.0 {
        diagnostics.push(
            Diagnostic::error(format!(
                "年度目标「{}」的指标分值合计为 {}，与目标的分值 {} 不符",
                goal.name.value,
                two_decimals(sum),
                two_decimals(goal.weight.value.0)
            ))
            .at(goal.weight.span)
            .help("调整指标的分值或目标的分值，使两者相等"),
        );
    }
}

/// A goal should have both 产出指标 and 效益指标.
fn check_goal_composition(goal: &Goal, diagnostics: &mut Diagnostics) {
    for required in [taxonomy::OUTPUT, taxonomy::BENEFIT] {
        if !goal.groups.iter().any(|l1| l1.name.value == required) {
            diagnostics.push(
                Diagnostic::warning(format!("年度目标「{}」没有{required}", goal.name.value))
                    .at(goal.name.span)
                    .help(format!(
                        "部门整体绩效目标一般应同时设置产出指标和效益指标：请补充{required}"
                    )),
            );
        }
    }
}

fn check_duplicate_names(goal: &Goal, diagnostics: &mut Diagnostics) {
    let mut first: HashMap<&str, &At<String>> = HashMap::new();
    for indicator in goal.indicators() {
        let name = &indicator.name;
        if let Some(earlier) = first.get(name.value.as_str()) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "三级指标「{}」在同一年度目标中出现了两次",
                    name.value
                ))
                .at(name.span)
                .related(earlier.span, "第一次出现在这里")
                .help("删除重复的指标，或改用能区分两者的名称"),
            );
        } else {
            first.insert(&name.value, name);
        }
    }
}

fn check_indicator(indicator: &Indicator, diagnostics: &mut Diagnostics) {
    let name = &indicator.name.value;
    check_weight(
        &format!("指标「{name}」的分值"),
        &indicator.weight,
        diagnostics,
    );
    if indicator.weight.value.0.is_zero() {
        diagnostics.push(
            Diagnostic::warning(format!(
                "指标「{name}」的分值为 0，不论完成与否都不影响得分"
            ))
            .at(indicator.weight.span)
            .help("给指标分配分值，或删去这一指标"),
        );
    }
    if let Some(score) = &indicator.score {
        diagnostics.extend(beyond_cents(&format!("指标「{name}」的得分"), score));
    }
    check_values(indicator, diagnostics);
}

/// The target and actual value: filled in, comparable, a band where they differ in words.
fn check_values(indicator: &Indicator, diagnostics: &mut Diagnostics) {
    if indicator.target.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error(format!(
                "指标「{}」的年初目标值是空的",
                indicator.name.value
            ))
            .at(indicator.target.span)
            .help("填写年初设定的目标值，如「≥80%」「30 个」「0起」或「不断提升」"),
        );
        return;
    }
    let target = parse_value(&indicator.target);
    let Some(actual_text) = filled_actual(indicator) else {
        diagnostics.push(
            Diagnostic::warning(format!(
                "指标「{}」还没有填写实际完成值，按 0 分计",
                indicator.name.value
            ))
            .at(indicator
                .actual
                .as_ref()
                .map_or(indicator.name.span, |blank| blank.span))
            .help("填写「实际完成值」；确实取不到数据时写「实际完成值: 无法取得」"),
        );
        return;
    };
    let actual = parse_value(actual_text);
    match (&target, &actual) {
        (Value::Quantity(a), Value::Quantity(b)) => {
            if b.comparator.is_some() {
                diagnostics.push(
                    Diagnostic::warning(format!(
                        "实际完成值「{}」写成了范围，无法精确计分，按 {} 计",
                        actual_text.0, b.number
                    ))
                    .at(actual_text.span)
                    .help("实际完成值应是实际达到的数值，如「92%」，不带 ≥ ≤ 等符号"),
                );
            }
            if a.normalized_unit() != b.normalized_unit() {
                diagnostics.push(
                    Diagnostic::warning(format!(
                        "目标值的单位「{}」与实际完成值的单位「{}」不一致",
                        a.unit, b.unit
                    ))
                    .at(actual_text.span)
                    .related(indicator.target.span, "目标值")
                    .help("目标值和实际完成值使用同一单位，才能比较"),
                );
            }
        }
        (_, Value::NoData) => {}
        (_, actual) => {
            let same = crate::score::same_text(&target, actual);
            if !same && indicator.band.is_none() {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "定性指标「{}」的实际完成值与目标值不同，需要写明完成档次",
                        indicator.name.value
                    ))
                    .at(actual_text.span)
                    .help("加上「完成档次: 达成」「完成档次: 部分达成」或「完成档次: 未达成」；后两者还需填写「得分」"),
                );
            }
        }
    }
}

/// 满意度指标 together should weigh at least 5 % of the total.
fn check_satisfaction_share(report: &Report, diagnostics: &mut Diagnostics) {
    let total = report.budget.weight.value.0
        + report
            .goals
            .iter()
            .map(|g| g.weight.value.0)
            .sum::<Decimal>();
    let groups = satisfaction_groups(report);
    let satisfaction: Decimal = groups
        .iter()
        .flat_map(|l1| l1.groups.iter().flat_map(|l2| &l2.indicators))
        .map(|i| i.weight.value.0)
        .sum();
    if total <= Decimal::ZERO || satisfaction >= total * MIN_SATISFACTION_SHARE {
        return;
    }
    let diagnostic = Diagnostic::warning(format!(
        "满意度指标的分值合计 {}，不到总分 {} 的 5%（{}）",
        two_decimals(satisfaction),
        two_decimals(total),
        two_decimals(total * MIN_SATISFACTION_SHARE)
    ))
    .help(
        "服务对象满意度指标的分值合计一般不低于总分的 5%：提高其分值，或为年度目标增设满意度指标",
    );
    diagnostics.push(at_satisfaction_groups(diagnostic, report, &groups));
}

fn satisfaction_groups(report: &Report) -> Vec<&Level1> {
    report
        .goals
        .iter()
        .flat_map(|g| &g.groups)
        .filter(|l1| l1.name.value == taxonomy::SATISFACTION)
        .collect()
}

/// Points at the first 满意度指标 and shows the others; without any, at the first goal.
fn at_satisfaction_groups(
    diagnostic: Diagnostic,
    report: &Report,
    groups: &[&Level1],
) -> Diagnostic {
    let Some((first, others)) = groups.split_first() else {
        return diagnostic.at_opt(report.goals.first().map(|g| g.name.span));
    };
    others
        .iter()
        .fold(diagnostic.at(first.name.span), |diagnostic, other| {
            diagnostic.related(other.name.span, "满意度指标")
        })
}

fn check_texts(report: &Report, diagnostics: &mut Diagnostics) {
    let slots = [
        ("摘要", "自评得分概述", &report.abridged.overview),
        (
            "摘要",
            "上年度结果应用情况",
            &report.abridged.last_year_results,
        ),
        ("摘要", "本年存在的问题及原因", &report.abridged.problems),
        ("摘要", "下一步拟改进措施", &report.abridged.next_steps),
        (
            "摘要",
            "拟与预算安排相结合情况",
            &report.abridged.budget_link,
        ),
        (
            "自评表",
            "偏差大或目标未完成原因分析",
            &report.annex.deviation_analysis,
        ),
        (
            "自评表",
            "改进措施及结果应用方案",
            &report.annex.improvement_plan,
        ),
    ];
    for (section, slot, text) in slots {
        let empty = text.as_ref().is_none_or(|t| t.value.trim().is_empty());
        if empty {
            diagnostics.push(
                Diagnostic::warning(format!("「{section}」的「{slot}」还没有填写"))
                    .at_opt(
                        text.as_ref()
                            .map(|t| t.span)
                            .or(Some(report.unit_name.span)),
                    )
                    .help(format!("在「{section}:」下填写「{slot}: |」及其段落")),
            );
        }
    }
}

/// Each 一级指标 must be one we know, each 二级指标 must belong to its 一级指标.
fn check_taxonomy(goal: &Goal, diagnostics: &mut Diagnostics) {
    for level1 in &goal.groups {
        let Some(allowed) = taxonomy::level2_names(&level1.name) else {
            diagnostics.push(unknown_level1(&level1.name));
            continue;
        };
        for level2 in &level1.groups {
            if !allowed.contains(&level2.name.value.as_str()) {
                diagnostics.push(misplaced_level2(&level1.name, &level2.name, allowed));
            }
        }
    }
}

fn unknown_level1(name: &At<String>) -> Diagnostic {
    let known = taxonomy::level1_names();
    let diagnostic = Diagnostic::error(format!("「{}」不是一级指标", name.value)).at(name.span);
    match closest(&name.value, &known) {
        Some(close) => diagnostic.help(format!("是不是想写「{close}」？")),
        None => diagnostic.help(format!("一级指标只能是：{}", known.join("、"))),
    }
}

fn misplaced_level2(level1: &At<String>, level2: &At<String>, allowed: &[&str]) -> Diagnostic {
    let diagnostic = Diagnostic::error(format!(
        "二级指标「{}」不属于一级指标「{}」",
        level2.value, level1.value
    ))
    .at(level2.span);
    let choices = format!(
        "「{}」下可用的二级指标有：{}",
        level1.value,
        allowed.join("、")
    );
    match taxonomy::home_of(&level2.value) {
        Some(home) => diagnostic.help(format!("「{}」应放在「{home}」下；{choices}", level2.value)),
        None => diagnostic.help(choices),
    }
}
