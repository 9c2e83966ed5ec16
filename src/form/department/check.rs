//! The checks only the 部门整体绩效自评表 needs: its 预算 block, the weights of 预算执行 and the
//! 年度目标 adding up to 100, and its narrative slots.

use rust_decimal::Decimal;

use crate::check::amounts::{Overspending, check_budget_weight, check_weight, negative, overspent};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Report, exact};
use crate::scoring::score::two_decimals;

/// Every check of the 部门整体绩效自评表's own parts.
pub fn check(report: &Report, diagnostics: &mut Diagnostics) {
    check_budget(report, diagnostics);
    check_total_weight(report, diagnostics);
    check_texts(report, diagnostics);
}

pub fn check_budget(report: &Report, diagnostics: &mut Diagnostics) {
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
    check_overspent(report, diagnostics);
    check_budget_weight(report, diagnostics);
    if let (Some(basic), Some(project)) = (&budget.basic, &budget.project) {
        let sum = exact::add(basic.value.0, project.value.0);
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

/// Spending above the adjusted budget: the rate is capped at 100 %, but a reviewer asks why.
fn check_overspent(report: &Report, diagnostics: &mut Diagnostics) {
    let budget = &report.budget;
    diagnostics.extend(overspent(&Overspending {
        spent: ("执行数", &budget.spent),
        budget: ("调整后预算数", &budget.adjusted),
        with_rate: true,
        explain_in: "本年存在的问题及原因",
    }));
}

/// 预算执行 and all goals weigh 100 together.
pub fn check_total_weight(report: &Report, diagnostics: &mut Diagnostics) {
    let goals = exact::sum(report.goals.iter().map(|g| g.weight.value.0));
    let total = exact::add(report.budget.weight.value.0, goals);
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

pub fn check_texts(report: &Report, diagnostics: &mut Diagnostics) {
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
