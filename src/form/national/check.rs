//! The checks only the national tables need: the 项目资金 block, the weights of the 一级指标 by
//! the rule set, the total of 100, the two goal texts, and keys of the 部门整体绩效自评表.

use rust_decimal::Decimal;

use super::{FundRow, Funds, National};
use crate::check::amounts::{Overspending, check_budget_weight, overspent};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::form::FormKind;
use crate::located::At;
use crate::model::taxonomy;
use crate::model::{Amount, MoneyUnit, Report, exact};
use crate::scoring::rule_set::ScoringRules;
use crate::scoring::score::two_decimals;

/// Every check of the national parts of `report`.
pub fn check(report: &Report, national: &National, diagnostics: &mut Diagnostics) {
    let funds = &national.funds;
    if funds.scored() {
        check_budget_weight(report, diagnostics);
    }
    let unit = report.settings.money_unit();
    check_cells(funds, unit, diagnostics);
    check_parts_add_up(funds, diagnostics);
    check_nature_rows(report, funds, diagnostics);
    check_budget(funds, unit, diagnostics);
    check_total_weight(report, national, diagnostics);
    check_level1_weights(report, diagnostics);
    check_goal_texts(report, national, diagnostics);
    check_department_keys(report, diagnostics);
}

/// The three money columns of a row, by name.
const COLUMNS: [&str; 3] = ["年初预算数", "全年预算数", "全年执行数"];

fn part_cells(row: &FundRow) -> [Option<&At<Amount>>; 3] {
    [
        row.initial.as_ref(),
        row.budget.as_ref(),
        row.spent.as_ref(),
    ]
}

fn total_cells(funds: &Funds) -> [Option<&At<Amount>>; 3] {
    let total = &funds.total;
    [
        total.initial.as_ref(),
        Some(&total.budget),
        Some(&total.spent),
    ]
}

/// No cell negative, none with more than two decimals.
fn check_cells(funds: &Funds, unit: MoneyUnit, diagnostics: &mut Diagnostics) {
    let name = unit.name_zh();
    let rows = std::iter::once(("年度资金总额", total_cells(funds))).chain(
        funds
            .parts()
            .into_iter()
            .filter_map(|(name, row)| Some((name, part_cells(row?)))),
    );
    let groups = funds.nature_groups();
    let natures = groups
        .iter()
        .flat_map(|group| group.rows)
        .filter_map(|(name, row)| Some((name, part_cells(row?))));
    for (row, cells) in rows.chain(natures) {
        for (column, cell) in COLUMNS.iter().zip(cells) {
            let Some(cell) = cell else { continue };
            let exact = cell.value.0.normalize();
            if exact < Decimal::ZERO {
                diagnostics.push(
                    Diagnostic::error(format!("{row}的{column}不能为负数（写的是 {exact}）"))
                        .at(cell.span)
                        .help(format!("填写 0 或正数（{name}）")),
                );
            } else if exact.scale() > 2 {
                diagnostics.push(
                    Diagnostic::error(format!("{row}的{column} {exact} {name}超过两位小数"))
                        .at(cell.span)
                        .help(format!(
                            "金额以{name}为单位、最多两位小数：请四舍五入到两位小数后填写"
                        )),
                );
            }
        }
    }
}

/// 年度资金总额 is the sum of its 其中 rows, column by column, where any of them is given; so is
/// each group of rows by nature (按收入性质分, 按支出性质分).
fn check_parts_add_up(funds: &Funds, diagnostics: &mut Diagnostics) {
    let parts: Vec<(&str, [Option<&At<Amount>>; 3])> = funds
        .parts()
        .into_iter()
        .filter_map(|(name, row)| Some((name, part_cells(row?))))
        .collect();
    let help = "年度资金总额等于本年财政拨款、上年结转资金和其他资金之和：核对各行，或补上总额";
    check_group_adds_up(funds, "其中", &parts, help, diagnostics);
    for group in funds.nature_groups() {
        let rows: Vec<(&str, [Option<&At<Amount>>; 3])> = group
            .rows
            .iter()
            .filter_map(|(name, row)| Some((*name, part_cells((*row)?))))
            .collect();
        let [(first, _), (second, _)] = group.rows;
        let help = format!(
            "年度资金总额等于{}的{first}和{second}之和：核对这两行，或补上总额",
            group.name
        );
        check_group_adds_up(funds, group.name, &rows, &help, diagnostics);
    }
}

/// The rows of one group (`group`: 其中, 按收入性质分, …) add up to 年度资金总额, column by column.
fn check_group_adds_up(
    funds: &Funds,
    group: &str,
    parts: &[(&str, [Option<&At<Amount>>; 3])],
    help: &str,
    diagnostics: &mut Diagnostics,
) {
    for (index, column) in COLUMNS.iter().enumerate() {
        let given: Vec<(&str, &At<Amount>)> = parts
            .iter()
            .filter_map(|(name, cells)| Some((*name, cells[index]?)))
            .collect();
        if given.is_empty() {
            continue;
        }
        let sum = exact::sum(given.iter().map(|(_, cell)| cell.value.0));
        let total = total_cells(funds)[index];
        if total.is_some_and(|total| total.value.0 == sum) {
            continue;
        }
        let listed: Vec<String> = given
            .iter()
            .map(|(name, cell)| format!("{name} {}", two_decimals(cell.value.0)))
            .collect();
        let mut diagnostic = match total {
            Some(total) => Diagnostic::error(format!(
                "年度资金总额的{column} {} 与{group}各行之和 {} 不符（{}）",
                two_decimals(total.value.0),
                two_decimals(sum),
                listed.join(" + ")
            ))
            .at(total.span),
            None => Diagnostic::error(format!(
                "年度资金总额没有写{column}，{group}各行之和为 {}（{}）",
                two_decimals(sum),
                listed.join(" + ")
            ))
            .at(funds.total.budget.span),
        };
        for (name, cell) in &given {
            diagnostic = diagnostic.related(cell.span, format!("{name}的{column}"));
        }
        diagnostics.push(diagnostic.help(help));
    }
}

/// The funds rows by nature belong to the 部门整体支出 table.
fn check_nature_rows(report: &Report, funds: &Funds, diagnostics: &mut Diagnostics) {
    if report.form != FormKind::Project {
        return;
    }
    for group in funds.nature_groups() {
        diagnostics.push(
            Diagnostic::error(format!(
                "资金的「{}」是部门整体支出绩效自评表的行，本报告的表样是{}",
                group.name,
                report.form.name()
            ))
            .at(group.at)
            .help("项目支出绩效自评表的资金只分本年财政拨款、上年结转资金和其他资金：删去这一组，或改写为这三行"),
        );
    }
}

/// The execution rate needs a 全年预算数; spending above it is capped, but a reviewer asks why.
fn check_budget(funds: &Funds, unit: MoneyUnit, diagnostics: &mut Diagnostics) {
    let total = &funds.total;
    let (budget, spent) = (total.budget.value.0, total.spent.value.0);
    if budget <= Decimal::ZERO {
        let message = if spent > Decimal::ZERO {
            format!(
                "全年预算数为 {}，却有全年执行数 {}：执行率无法计算",
                two_decimals(budget),
                two_decimals(spent)
            )
        } else {
            format!(
                "全年预算数为 {}：执行率 = 全年执行数 ÷ 全年预算数 无法计算",
                two_decimals(budget)
            )
        };
        diagnostics.push(
            Diagnostic::error(message)
                .at(total.budget.span)
                .related(total.spent.span, "全年执行数")
                .help(format!(
                    "填写调整后的全年预算数（{}）；全年预算数为 0 的资金无法评价执行率",
                    unit.name_zh()
                )),
        );
        return;
    }
    diagnostics.extend(overspent(&Overspending {
        spent: ("全年执行数", &total.spent),
        budget: ("全年预算数", &total.budget),
        with_rate: false,
        explain_in: "年度总体目标」的「实际完成情况",
    }));
}

/// 预算执行 and the indicators weigh 100 together; the indicators alone when the funds are not
/// scored. A table whose printed weights add to more (or less) than its 总分 is at fault.
fn check_total_weight(report: &Report, national: &National, diagnostics: &mut Diagnostics) {
    let indicators = exact::sum(report.indicators().map(|i| i.weight.value.0));
    let weight = national
        .funds
        .weight
        .as_ref()
        .filter(|_| national.funds.scored());
    let funds = weight.map_or(Decimal::ZERO, |w| w.value.0);
    let total = exact::add(funds, indicators);
    if total == Decimal::ONE_HUNDRED {
        return;
    }
    let diagnostic = match weight {
        Some(weight) => Diagnostic::error(format!(
            "资金的分值 {} 与各指标的分值 {} 合计为 {}，应为 100",
            two_decimals(funds),
            two_decimals(indicators),
            two_decimals(total)
        ))
        .at(weight.span)
        .related(national.indicators_at, "指标")
        .help("调整资金或指标的分值，使合计为 100"),
        None => Diagnostic::error(format!(
            "资金不计分（没有写分值或分值为 0），各指标的分值合计为 {}，应为 100",
            two_decimals(indicators)
        ))
        .at(national.indicators_at)
        .help("资金不计分时指标的分值合计应为 100：调整指标的分值；如资金计分，在「资金:」下写「分值: 10」"),
    };
    diagnostics.push(diagnostic);
}

/// The weight of each 一级指标 against the rule set's (全国: 产出 50, 效益 30, 满意度 10).
fn check_level1_weights(report: &Report, diagnostics: &mut Diagnostics) {
    let rules = ScoringRules::of(&report.settings);
    let Some(expected) = rules.level1_weights else {
        return;
    };
    for goal in &report.goals {
        for level1 in &goal.groups {
            let Some(standard) = taxonomy::standard_level1(&level1.name) else {
                continue;
            };
            let Some((_, weight)) = expected.iter().find(|(name, _)| *name == standard) else {
                continue;
            };
            let sum = exact::sum(
                level1
                    .groups
                    .iter()
                    .flat_map(|l2| &l2.indicators)
                    .map(|i| i.weight.value.0),
            );
            if sum != *weight {
                diagnostics.push(
                    Diagnostic::warning(format!(
                        "{}的分值合计为 {}，计分规则「{}」中一般为 {}",
                        level1.name.value,
                        two_decimals(sum),
                        rules.name.name_zh(),
                        two_decimals(*weight)
                    ))
                    .at(level1.name.span)
                    .help("核对这一级指标下各指标的分值；本地规则不同时，在「设置:」下选用相应的「计分规则」"),
                );
            }
        }
    }
}

fn check_goal_texts(report: &Report, national: &National, diagnostics: &mut Diagnostics) {
    let goal = &national.overall_goal;
    for (slot, text) in [
        ("预期目标", &goal.expected),
        ("实际完成情况", &goal.achieved),
    ] {
        if text.as_ref().is_none_or(|t| t.value.trim().is_empty()) {
            diagnostics.push(
                Diagnostic::warning(format!("「年度总体目标」的「{slot}」还没有填写"))
                    .at(text.as_ref().map_or(report.unit_name.span, |t| t.span))
                    .help(format!("在「年度总体目标:」下填写「{slot}: |」及其段落")),
            );
        }
    }
}

/// The two long text cells under 自评表 belong to the 部门整体绩效自评表.
fn check_department_keys(report: &Report, diagnostics: &mut Diagnostics) {
    let texts = [
        (
            "偏差大或目标未完成原因分析",
            &report.annex.deviation_analysis,
        ),
        ("改进措施及结果应用方案", &report.annex.improvement_plan),
    ];
    for (key, text) in texts {
        if let Some(text) = text {
            diagnostics.push(
                Diagnostic::error(format!(
                    "「自评表」的「{key}」是部门整体绩效自评表的键，本报告的表样是{}",
                    report.form.name()
                ))
                .at(text.span)
                .help("全国表样的偏差原因写在各指标的「说明」里（印在「偏差原因分析及改进措施」一栏），总的情况写在「年度总体目标」的「实际完成情况」里"),
            );
        }
    }
}
