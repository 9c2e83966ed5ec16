//! 项目支出 / 部门整体支出绩效自评表 as `jixiao export` writes its 自评表 sheet: the header cells,
//! 项目资金, 年度总体目标, the indicators, 总分 and 备注.

use rust_xlsxwriter::FormatAlign;

use crate::excel::write::{ExportError, Table, Written, parse, rate, text_height};
use crate::form::FormKind;
use crate::form::national::document::{NationalTableDocument, table_document, table_rows};
use crate::form::national::{FundRow, National};
use crate::located::At;
use crate::model::{Amount, Report};
use crate::scoring::Outcome;

/// The sheet's table, from the writer's row on.
pub fn write_table(table: &mut Table, outcome: &Outcome, national: &National) -> Written {
    let doc = table_document(outcome, national);
    write(table, &outcome.report, national, &doc)
}

fn write(
    table: &mut Table,
    report: &Report,
    national: &National,
    doc: &NationalTableDocument,
) -> Written {
    let styles = table.styles;
    table.widths(&[8.0, 12.0, 12.0, 26.0, 14.0, 14.0, 9.0, 9.0, 24.0])?;
    table.title(8, report.form.name())?;
    let year = format!("（{}年度）", report.year.value);
    let r = table.row;
    table.merged(
        (r, r),
        (0, 8),
        &year,
        &styles.plain.clone().set_align(FormatAlign::Center),
    )?;
    let r = header_cells(table, report, national, r + 1)?;
    let r = funds(table, national, doc, r)?;
    let r = overall_goal(table, national, r)?;
    indicators(table, report, doc, r)?;
    let r = table.row;
    let card = &doc.card;
    table.merged((r, r), (0, 5), "总分", &styles.text)?;
    table.number(r, (6, 6), parse(&card.total_weight), &styles.number)?;
    table.number(r, (7, 7), parse(&card.total), &styles.number)?;
    table.text(r, 8, "")?;
    table.row = r + 1;
    if let Some(other) = &report.annex.other_matters {
        let r = table.row;
        table.merged((r, r), (0, 1), "其他需要说明事项", &styles.text)?;
        let body = other.value.trim_end();
        table.merged((r, r), (2, 8), body, &styles.long_text)?;
        table.sheet.set_row_height(r, text_height(body, 70))?;
        table.row = r + 1;
    }
    if let Some(remarks) = &national.remarks {
        let r = table.row;
        table.text(r, 0, "备注")?;
        let body = remarks.value.trim_end();
        table.merged((r, r), (1, 8), body, &styles.long_text)?;
        table.sheet.set_row_height(r, text_height(body, 80))?;
        table.row = r + 1;
    }
    Ok(())
}

/// 项目名称 (or 部门（单位）名称), 主管部门 and 实施单位 from row `r`; the row after them.
fn header_cells(
    table: &mut Table,
    report: &Report,
    national: &National,
    mut r: u32,
) -> Result<u32, ExportError> {
    let styles = table.styles;
    match &national.project_name {
        Some(project) if report.form == FormKind::Project => {
            table.merged((r, r), (0, 1), "项目名称", &styles.text)?;
            table.merged((r, r), (2, 8), &project.value, &styles.left)?;
        }
        _ => {
            table.merged((r, r), (0, 1), "部门（单位）名称", &styles.text)?;
            table.merged((r, r), (2, 8), &report.unit_name.value, &styles.left)?;
        }
    }
    r += 1;
    let text = |v: &Option<At<String>>| v.as_ref().map_or(String::new(), |v| v.value.clone());
    let implementer = national
        .implementer
        .as_ref()
        .map_or(report.unit_name.value.clone(), |v| v.value.clone());
    table.merged((r, r), (0, 1), "主管部门", &styles.text)?;
    table.merged((r, r), (2, 4), &text(&national.department), &styles.left)?;
    table.text(r, 5, "实施单位")?;
    table.merged((r, r), (6, 8), &implementer, &styles.left)?;
    r += 1;
    if let Some(lead) = &report.annex.project_lead {
        table.merged((r, r), (0, 1), "项目负责人及电话", &styles.text)?;
        table.merged((r, r), (2, 8), &lead.value, &styles.left)?;
        r += 1;
    }
    Ok(r)
}

/// 项目资金（万元 or 元）from row `r`: the header, 年度资金总额 (with 分值, 执行率 and 得分) and its
/// 其中 rows; the row after them.
fn funds(
    table: &mut Table,
    national: &National,
    doc: &NationalTableDocument,
    r: u32,
) -> Result<u32, ExportError> {
    let card = &doc.card;
    let styles = table.styles;
    let label = format!("{}（{}）", national.funds.label(), doc.unit.money);
    table.merged(
        (r, r + doc.national.funds.len() as u32),
        (0, 0),
        &label,
        &styles.text,
    )?;
    table.merged((r, r), (1, 2), "", &styles.text)?;
    for (column, header) in (3u16..).zip([
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率",
        "得分",
    ]) {
        table.text(r, column, header)?;
    }
    let funds = &national.funds;
    let total = &funds.total;
    fn cells(row: Option<&FundRow>) -> [Option<&At<Amount>>; 3] {
        [
            row.and_then(|r| r.initial.as_ref()),
            row.and_then(|r| r.budget.as_ref()),
            row.and_then(|r| r.spent.as_ref()),
        ]
    }
    let mut rows = vec![(
        "年度资金总额".to_string(),
        [
            total.initial.as_ref(),
            Some(&total.budget),
            Some(&total.spent),
        ],
    )];
    // The rows in the words the PDF prints them (其中：本年财政拨款, 按收入性质分：财政拨款, …).
    let names = doc
        .national
        .funds
        .iter()
        .skip(1)
        .map(|line| line.name.clone());
    let parts = funds
        .prints_parts()
        .then(|| funds.parts().map(|(_, row)| row))
        .into_iter()
        .flatten();
    let natures = funds
        .nature_groups()
        .into_iter()
        .flat_map(|group| group.rows.map(|(_, row)| row));
    rows.extend(names.zip(parts.chain(natures).map(cells)));
    let count = rows.len() as u32;
    for (offset, (name, cells)) in (1..).zip(rows) {
        let row = r + offset;
        table.merged((row, row), (1, 2), &name, &styles.left)?;
        for (column, cell) in (3u16..).zip(cells) {
            table.optional_money(row, (column, column), cell)?;
        }
        if offset == 1 {
            table.number(row, (6, 6), parse(&card.budget.weight), &styles.number)?;
            table.number(row, (7, 7), rate(&card.budget.rate), &styles.percent)?;
            table.number(row, (8, 8), parse(&card.budget.score), &styles.number)?;
        } else {
            for column in 6..=8 {
                table.text(row, column, "—")?;
            }
        }
    }
    Ok(r + count + 1)
}

/// 年度总体目标 from row `r`: 预期目标 and 实际完成情况 over their texts; the row after them.
fn overall_goal(table: &mut Table, national: &National, r: u32) -> Result<u32, ExportError> {
    let styles = table.styles;
    table.merged((r, r + 1), (0, 0), "年度总体目标", &styles.text)?;
    table.merged((r, r), (1, 4), "预期目标", &styles.text)?;
    table.merged((r, r), (5, 8), "实际完成情况", &styles.text)?;
    let goal = &national.overall_goal;
    let expected = goal.expected.as_ref().map_or("", |t| t.value.trim_end());
    let achieved = goal.achieved.as_ref().map_or("", |t| t.value.trim_end());
    table.merged((r + 1, r + 1), (1, 4), expected, &styles.long_text)?;
    table.merged((r + 1, r + 1), (5, 8), achieved, &styles.long_text)?;
    let height = text_height(expected, 30).max(text_height(achieved, 30));
    table.sheet.set_row_height(r + 1, height)?;
    Ok(r + 2)
}

/// The indicator table from row `r`: its header, then the rows of the one tree under 绩效指标,
/// each with its 偏差原因分析及改进措施.
fn indicators(table: &mut Table, report: &Report, doc: &NationalTableDocument, r: u32) -> Written {
    let styles = table.styles;
    table.header_row(
        r,
        &[
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
    )?;
    let lines = doc.national.rows.as_slice();
    let spans: Vec<(usize, usize)> = lines
        .iter()
        .map(|l| (l.level1_span, l.level2_span))
        .collect();
    let labels: Vec<String> = lines.iter().map(|l| l.cells.level1.clone()).collect();
    let (indicators, explanations): (Vec<_>, Vec<_>) =
        table_rows(report, &doc.card).into_iter().unzip();
    table.row = r + 1;
    if !indicators.is_empty() {
        let last = table.row + indicators.len() as u32 - 1;
        table.merged((table.row, last), (0, 0), "", &styles.text)?;
    }
    table.indicator_rows(&indicators, &spans, 1, Some(&labels), Some(&explanations))
}
