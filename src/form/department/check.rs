//! The checks only the 部门整体绩效自评表 needs: its 预算 block, the weights of 预算执行 and the
//! 年度目标 adding up to 100, and its narrative slots.

use rust_decimal::Decimal;

use super::Department;
use crate::check::amounts::{Overspending, check_budget_weight, check_weight, negative, overspent};
use crate::check::texts::empty_text;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::located::At;
use crate::model::{Amount, MoneyUnit, Report, exact};
use crate::scoring::score::two_decimals;

/// Every check of the 部门整体绩效自评表's own parts.
pub fn check(report: &Report, own: &Department, diagnostics: &mut Diagnostics) {
    check_budget(report, diagnostics);
    check_total_weight(report, diagnostics);
    check_texts(report, own, diagnostics);
    check_names(own, diagnostics);
    check_money(report, diagnostics);
    check_national_keys(report, diagnostics);
    check_empty_level2(report, diagnostics);
}

/// 其他需要说明事项 and 项目负责人及电话 are cells of the national tables only.
fn check_national_keys(report: &Report, diagnostics: &mut Diagnostics) {
    let keys = [
        ("其他需要说明事项", &report.annex.other_matters),
        ("项目负责人及电话", &report.annex.project_lead),
    ];
    for (key, value) in keys {
        if let Some(value) = value {
            diagnostics.push(
                Diagnostic::error(format!(
                    "「自评表」的「{key}」是全国表样（项目支出、部门整体支出绩效自评表）的键，本报告的表样是{}",
                    report.form.name()
                ))
                .at(value.span)
                .help("部门整体绩效自评表没有这一格：删去这一行，或把内容写进「偏差大或目标未完成原因分析」等文字"),
            );
        }
    }
}

/// 简称, 地区 and 报告名称 may be left out, but not written empty.
fn check_names(own: &Department, diagnostics: &mut Diagnostics) {
    let optional = [
        ("简称", &own.short_name, "豹澥街"),
        ("地区", &own.region, "武汉东湖新技术开发区"),
        ("报告名称", &own.title, "2022年度部门整体绩效自评结果"),
    ];
    for (key, text, example) in optional {
        if let Some(text) = text {
            let what = format!("{key}（写了这个键就要填写；不需要时删去这一行）");
            diagnostics.extend(empty_text(&what, text, example));
        }
    }
}

/// Money is printed with two decimals: a third would be rounded away, and the printed 基本支出 +
/// 项目支出 would no longer add up to the printed 执行数. So more than two is an error.
/// The budget's amounts in cents.
fn check_money(report: &Report, diagnostics: &mut Diagnostics) {
    let budget = &report.budget;
    let amounts = [
        ("批复数", budget.approved.as_ref()),
        ("调整后预算数", Some(&budget.adjusted)),
        ("执行数", Some(&budget.spent)),
        ("基本支出", budget.basic.as_ref()),
        ("项目支出", budget.project.as_ref()),
    ];
    for (what, amount) in amounts {
        let Some(amount) = amount else { continue };
        if let Some(diagnostic) = money_beyond_cents(what, amount, report.settings.money_unit()) {
            diagnostics.push(diagnostic);
        }
    }
}

fn money_beyond_cents(what: &str, amount: &At<Amount>, unit: MoneyUnit) -> Option<Diagnostic> {
    let exact = amount.value.0.normalize();
    let (name, precision) = (unit.name_zh(), unit.cents_zh());
    (exact.scale() > 2).then(|| {
        Diagnostic::error(format!("{what} {exact} {name}超过两位小数"))
            .at(amount.span)
            .help(format!("金额以{name}为单位、最多两位小数（即精确到{precision}），报告中也这样打印：请按决算数四舍五入到两位小数后填写"))
    })
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
                .help(format!(
                    "填写调整后的部门预算支出（{}）",
                    report.settings.money_unit().name_zh()
                )),
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

pub fn check_texts(report: &Report, own: &Department, diagnostics: &mut Diagnostics) {
    let slots = [
        ("摘要", "自评得分概述", &own.abridged.overview),
        (
            "摘要",
            "上年度结果应用情况",
            &own.abridged.last_year_results,
        ),
        ("摘要", "本年存在的问题及原因", &own.abridged.problems),
        ("摘要", "下一步拟改进措施", &own.abridged.next_steps),
        ("摘要", "拟与预算安排相结合情况", &own.abridged.budget_link),
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

/// An 二级指标 written with no indicators has no row in Annex 1 (whose rows are indicators):
/// say so rather than leave it out of the table unseen.
fn check_empty_level2(report: &Report, diagnostics: &mut Diagnostics) {
    for level1 in report.goals.iter().flat_map(|goal| &goal.groups) {
        for level2 in level1.groups.iter().filter(|l2| l2.indicators.is_empty()) {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "二级指标「{}」下没有指标，表中不会印出这一行",
                    level2.name.value
                ))
                .at(level2.name.span)
                .help("在它下面写上指标（- 三级指标: …），或删去这个二级指标"),
            );
        }
    }
}
