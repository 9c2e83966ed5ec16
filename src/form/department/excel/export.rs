//! The 部门整体绩效自评表 as `jixiao export` writes its 自评表 sheet: the unit, the budget, the
//! goals with their indicators, 总分 and the two texts of Annex 1.

use crate::excel::write::{Table, Written, parse, rate, text_height};
use crate::form::department::Department;
use crate::form::department::document::{DepartmentDocument, department_document};
use crate::scoring::Outcome;

/// The sheet's table, from the writer's row on.
pub fn write_table(table: &mut Table, outcome: &Outcome, own: &Department) -> Written {
    let doc = department_document(outcome, own);
    write(table, outcome, &doc)
}

fn write(table: &mut Table, outcome: &Outcome, doc: &DepartmentDocument) -> Written {
    let report = &outcome.report;
    let card = &doc.card;
    let styles = table.styles;
    table.widths(&[14.0, 12.0, 14.0, 28.0, 16.0, 16.0, 9.0, 9.0])?;
    let title: String = doc
        .unit
        .annex_title
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    table.title(7, &title)?;
    let r = table.row;
    table.text(r, 0, "单位名称")?;
    table.merged((r, r), (1, 7), &report.unit_name.value, &styles.left)?;
    let r = r + 1;
    let budget = &report.budget;
    let money = doc.unit.common.money;
    table.text(r, 0, &format!("基本支出总额（{money}）"))?;
    table.optional_money(r, (1, 3), budget.basic.as_ref())?;
    let project = format!("项目支出总额（{money}）");
    table.merged((r, r), (4, 5), &project, &styles.text)?;
    table.optional_money(r, (6, 7), budget.project.as_ref())?;
    let r = r + 1;
    let label = format!("预算执行情况（{money}）（{}分）", card.budget.weight);
    table.merged((r, r + 1), (0, 0), &label, &styles.text)?;
    table.text(r, 1, "")?;
    table.text(r, 2, "预算数（A）")?;
    table.text(r, 3, "执行数（B）")?;
    table.text(r, 4, "执行率（B/A）")?;
    let score_label = format!("得分（{}×执行率）", card.budget.weight);
    table.merged((r, r), (5, 7), &score_label, &styles.text)?;
    let r = r + 1;
    table.text(r, 1, "部门整体支出总额")?;
    table.number(r, (2, 2), budget.adjusted.value.0, &styles.money)?;
    table.number(r, (3, 3), budget.spent.value.0, &styles.money)?;
    table.number(r, (4, 4), rate(&card.budget.rate), &styles.percent)?;
    table.number(r, (5, 7), parse(&card.budget.score), &styles.number)?;
    let r = r + 1;
    table.header_row(
        r,
        &[
            "年度目标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年初目标值（A）",
            "实际完成值（B）",
            "分值",
            "得分",
        ],
    )?;
    table.row = r + 1;
    for (goal, block) in card.goals.iter().zip(&doc.goals) {
        let first = table.row;
        let last = first + goal.indicators.len() as u32;
        let label = format!("年度目标{}（{}分）", goal.number, goal.weight);
        table.merged((first, last), (0, 0), &label, &styles.text)?;
        table.merged((first, first), (1, 7), &goal.name, &styles.left)?;
        table.row = first + 1;
        let spans: Vec<(usize, usize)> = block
            .rows
            .iter()
            .map(|r| (r.level1_span, r.level2_span))
            .collect();
        let cells: Vec<_> = goal.indicators.iter().map(|i| i.cells.clone()).collect();
        table.indicator_rows(&cells, &spans, 1, None, None)?;
    }
    let r = table.row;
    table.merged((r, r), (0, 1), "总分", &styles.text)?;
    table.number(r, (2, 7), parse(&card.total), &styles.number)?;
    let texts = [
        (
            "偏差大或目标未完成原因分析",
            &report.annex.deviation_analysis,
        ),
        ("改进措施及结果应用方案", &report.annex.improvement_plan),
    ];
    for (offset, (label, text)) in (1..).zip(texts) {
        let row = r + offset;
        table.merged((row, row), (0, 1), label, &styles.text)?;
        let body = text.as_ref().map_or("", |t| t.value.trim_end());
        table.merged((row, row), (2, 7), body, &styles.long_text)?;
        table.sheet.set_row_height(row, text_height(body, 60))?;
    }
    table.row = r + 3;
    Ok(())
}
