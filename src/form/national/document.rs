//! The national table as its template (national.typ.j2) prints it: header cells, the 项目资金
//! block, the two goal texts, one row per indicator with its 说明, 总分 and 备注.

use serde::Serialize;

use super::widths::{indicator_columns, label_column, label_words};
use super::{FundRow, National, templates};
use crate::document::cells::{
    GroupNumbers, breakable, breakable_cells, breakable_paragraphs, fits_a_few_lines, group_spans,
    money,
};
use crate::document::{self, Document, SignOff, Unit};
use crate::form::FormKind;
use crate::located::At;
use crate::model::{Amount, Goal, Level1, Level2, Report};
use crate::scoring::Outcome;
use crate::scoring::cells::IndicatorCells;
use crate::scoring::scorecard::Scorecard;

/// Everything templates/national/ prints, as `doc`.
#[derive(Clone, Debug, Serialize)]
pub struct NationalTableDocument {
    pub unit: Unit,
    pub card: Scorecard,
    pub sign_off: SignOff,
    pub national: NationalDocument,
}

pub fn document(outcome: &Outcome, national: &National) -> Document {
    let doc = table_document(outcome, national);
    Document::new(
        templates::MAIN_TEMPLATE,
        doc.unit.clone(),
        doc.card.clone(),
        &doc,
    )
}

pub fn table_document(outcome: &Outcome, national: &National) -> NationalTableDocument {
    let report = &outcome.report;
    let card = document::printed_card(outcome);
    NationalTableDocument {
        unit: Unit::new(report, full_title(report, national)),
        national: national_document(report, national, &card),
        sign_off: document::sign_off(report),
        card,
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct NationalDocument {
    /// 项目支出绩效自评表 or 部门整体支出绩效自评表.
    pub title: &'static str,
    /// （2022年度）
    pub year_line: String,
    /// The rows above the funds: (label, value) pairs, one or two to a row; a label in words
    /// it may break between.
    pub header: Vec<Vec<(Vec<String>, String)>>,
    /// 年度资金总额, the three 其中 rows (unless only rows by nature are written) and the rows by
    /// nature (按收入性质分, 按支出性质分): name and money cells ("" where blank).
    pub funds: Vec<FundLine>,
    /// The funds block's name in the words it may break between: 项目资金 / （万元）.
    pub funds_label: Vec<String>,
    /// The width of the label column of the header and funds table, wide enough for its words.
    pub label_column: String,
    /// Whether the funds rows print 分值, 执行率 and 得分 (the table scores them).
    pub funds_scored: bool,
    pub funds_weight: String,
    pub rate: String,
    pub funds_score: String,
    pub expected: Vec<String>,
    pub achieved: Vec<String>,
    pub rows: Vec<IndicatorLine>,
    /// The indicator table's column widths (Typst lengths), wide enough for their words.
    pub columns: String,
    pub total_weight: String,
    pub total: String,
    /// 优, 良, 中 or 差 when the report asks for the 自评等级 row (`自评等级: true`).
    pub grade: Option<&'static str>,
    pub remarks: Vec<String>,
    /// 其他需要说明事项 in paragraphs, when written (a row under 总分).
    pub other_matters: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FundLine {
    pub name: String,
    pub initial: String,
    pub budget: String,
    pub spent: String,
    /// Whether it is 年度资金总额 (the row with the weight, rate and score).
    pub total: bool,
}

/// One indicator row. Rows with the same `level1_group` (`level2_group`) share a merged cell.
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorLine {
    pub level1_group: usize,
    pub level2_group: usize,
    /// Rows the merged 一级 (二级) cell starting on this row spans; 0 when none starts here.
    pub level1_span: usize,
    pub level2_span: usize,
    /// The 一级指标 with its weight: 产出指标（50.00分）.
    #[serde(flatten)]
    pub cells: IndicatorCells,
    /// The 一级 and 二级 cells in the words they may break between.
    pub level1_words: Vec<String>,
    pub level2_words: Vec<String>,
    /// 偏差原因分析及改进措施: the indicator's 说明.
    pub explanation: String,
    /// Whether the row is surely shorter than a page, so that it moves to the next page whole
    /// rather than leave a line or two behind.
    pub whole: bool,
}

pub fn national_document(
    report: &Report,
    national: &National,
    card: &Scorecard,
) -> NationalDocument {
    let rows = indicator_lines(report, card);
    let level1: Vec<Vec<String>> = rows.iter().map(|r| r.level1_words.clone()).collect();
    let level2: Vec<Vec<String>> = rows.iter().map(|r| r.level2_words.clone()).collect();
    let funds_label = funds_label(report, national);
    NationalDocument {
        columns: indicator_columns(&level1, &level2),
        title: report.form.name(),
        year_line: format!("（{}年度）", report.year.value),
        header: header(report, national),
        funds: fund_lines(national),
        label_column: label_column(&funds_label, 22),
        funds_label,
        funds_scored: national.funds.scored(),
        funds_weight: card.budget.weight.clone(),
        rate: format!("{}%", card.budget.rate),
        funds_score: card.budget.score.clone(),
        expected: texts(&national.overall_goal.expected),
        achieved: texts(&national.overall_goal.achieved),
        rows,
        total_weight: card.total_weight.clone(),
        total: card.total.clone(),
        grade: report
            .annex
            .grade
            .as_ref()
            .is_some_and(|g| g.value)
            .then_some(card.grade),
        remarks: lines(&national.remarks),
        other_matters: texts(&report.annex.other_matters),
    }
}

/// The PDF's title: "2022年度社区居家养老服务项目项目支出绩效自评表".
pub fn full_title(report: &Report, national: &National) -> String {
    let subject = match (&national.project_name, report.form) {
        (Some(project), FormKind::Project) => project.value.clone(),
        _ => report.unit_name.value.clone(),
    };
    format!("{}年度{subject}{}", report.year.value, report.form.name())
}

fn header(report: &Report, national: &National) -> Vec<Vec<(Vec<String>, String)>> {
    let words = |label: &[&str]| label.iter().map(|w| w.to_string()).collect::<Vec<_>>();
    let text = |value: &Option<At<String>>| value.as_ref().map(|v| breakable(&v.value));
    let unit = breakable(&report.unit_name.value);
    let mut rows = Vec::new();
    match report.form {
        FormKind::Project => {
            rows.push(vec![(
                words(&["项目名称"]),
                text(&national.project_name).unwrap_or_default(),
            )]);
        }
        _ => rows.push(vec![(words(&["部门", "（单位）", "名称"]), unit.clone())]),
    }
    let department = text(&national.department);
    let implementer = text(&national.implementer);
    if report.form == FormKind::Project || department.is_some() || implementer.is_some() {
        rows.push(vec![
            (words(&["主管部门"]), department.unwrap_or_default()),
            (words(&["实施单位"]), implementer.unwrap_or(unit)),
        ]);
    }
    if let Some(lead) = text(&report.annex.project_lead) {
        rows.push(vec![(words(&["项目", "负责人", "及电话"]), lead)]);
    }
    rows
}

fn funds_label(report: &Report, national: &National) -> Vec<String> {
    let mut words = label_words(national.funds.label());
    words.push(format!("（{}）", report.settings.money_unit().name_zh()));
    words
}

fn fund_lines(national: &National) -> Vec<FundLine> {
    let cell = |amount: Option<&At<Amount>>| amount.map(|a| money(a.value.0)).unwrap_or_default();
    let total = &national.funds.total;
    let mut lines = vec![FundLine {
        name: "年度资金总额".to_string(),
        initial: cell(total.initial.as_ref()),
        budget: cell(Some(&total.budget)),
        spent: cell(Some(&total.spent)),
        total: true,
    }];
    let funds = &national.funds;
    let line = |name: String, row: Option<&FundRow>| FundLine {
        name,
        initial: cell(row.and_then(|r| r.initial.as_ref())),
        budget: cell(row.and_then(|r| r.budget.as_ref())),
        spent: cell(row.and_then(|r| r.spent.as_ref())),
        total: false,
    };
    if funds.prints_parts() {
        lines.extend(
            funds
                .parts()
                .into_iter()
                .enumerate()
                .map(|(i, (name, row))| {
                    let name = if i == 0 {
                        format!("其中：{name}")
                    } else {
                        name.to_string()
                    };
                    line(name, row)
                }),
        );
    }
    // A group by nature: 按收入性质分：财政拨款, then 其他资金.
    for group in funds.nature_groups() {
        lines.extend(group.rows.into_iter().enumerate().map(|(i, (name, row))| {
            let name = if i == 0 {
                format!("{}：{name}", group.name)
            } else {
                name.to_string()
            };
            line(name, row)
        }));
    }
    lines
}

fn indicator_lines(report: &Report, card: &Scorecard) -> Vec<IndicatorLine> {
    let weights = level1_weights(card);
    let mut groups = GroupNumbers::default();
    let mut lines: Vec<IndicatorLine> = table_rows(report, card)
        .into_iter()
        .map(|(cells, explanation)| line(&cells, &explanation, &weights, &mut groups))
        .collect();
    let groups: Vec<(usize, usize)> = lines
        .iter()
        .map(|line| (line.level1_group, line.level2_group))
        .collect();
    for (line, (level1, level2)) in lines.iter_mut().zip(group_spans(&groups)) {
        line.level1_span = level1;
        line.level2_span = level2;
    }
    lines
}

/// The rows of the indicator table as the table prints them, each with its 说明: every
/// indicator, and the empty row of an 二级指标 written with none (the row the table's template
/// prints). The cells are as scored, before the document makes them breakable.
pub fn table_rows(report: &Report, card: &Scorecard) -> Vec<(IndicatorCells, String)> {
    let mut cards = card.goals.iter().flat_map(|goal| &goal.indicators);
    let mut rows = Vec::new();
    for (level1, level2) in report.goals.iter().flat_map(level2_groups) {
        if level2.indicators.is_empty() {
            rows.push((empty_row(level1, level2), String::new()));
        }
        for (indicator, scored) in level2.indicators.iter().zip(cards.by_ref()) {
            rows.push((scored.cells.clone(), indicator.explanation_text()));
        }
    }
    rows
}

/// One row of the indicator table: an indicator's cells and its 说明, or an empty row.
fn line(
    cells: &IndicatorCells,
    explanation: &str,
    weights: &[(String, String)],
    groups: &mut GroupNumbers,
) -> IndicatorLine {
    let (level1_group, level2_group) = groups.next(cells);
    let weight = weights
        .iter()
        .find(|(name, _)| *name == cells.level1)
        .map_or_else(String::new, |(_, weight)| format!("（{weight}分）"));
    // The weight breaks before 分）at most: （50.00 / 分）.
    let mut level1_words = label_words(&cells.level1);
    if let Some(number) = weight.strip_suffix("分）") {
        level1_words.extend([number.to_string(), "分）".to_string()]);
    }
    IndicatorLine {
        level1_words,
        level2_words: label_words(&cells.level2),
        level1_group,
        level2_group,
        level1_span: 0,
        level2_span: 0,
        cells: IndicatorCells {
            level1: format!("{}{weight}", cells.level1),
            ..breakable_cells(cells)
        },
        whole: fits_a_few_lines(cells) && explanation.chars().count() <= 200,
        explanation: breakable(explanation),
    }
}

/// The cells of the empty row of an 二级指标 written with no indicators.
fn empty_row(level1: &Level1, level2: &Level2) -> IndicatorCells {
    IndicatorCells {
        level1: level1.name.value.clone(),
        level2: level2.name.value.clone(),
        ..IndicatorCells::default()
    }
}

/// Every 二级指标 of a goal with its 一级指标, in the order written.
fn level2_groups(goal: &Goal) -> impl Iterator<Item = (&Level1, &Level2)> {
    goal.groups
        .iter()
        .flat_map(|level1| level1.groups.iter().map(move |level2| (level1, level2)))
}

/// The weight of each 一级指标 as the summary has it (a row per 一级 in the national tables,
/// after 预算执行 when it is scored), by label.
fn level1_weights(card: &Scorecard) -> Vec<(String, String)> {
    card.summary
        .iter()
        .map(|row| (row.label.clone(), row.weight.clone()))
        .collect()
}

/// 备注 line by line: its notes are numbered lines, not paragraphs of prose.
fn lines(text: &Option<At<String>>) -> Vec<String> {
    let text = text.as_ref().map_or("", |t| t.value.as_str());
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .flat_map(breakable_paragraphs)
        .collect()
}

fn texts(text: &Option<At<String>>) -> Vec<String> {
    text.as_ref()
        .map(|t| breakable_paragraphs(&t.value))
        .unwrap_or_default()
}
