//! The 部门整体绩效自评表's document: the cover, the abridged report's figures and texts, and the
//! rows of Annex 1, as templates/department/ prints them.

use serde::Serialize;

use super::{Department, struts, templates, titles};
use crate::document::cells::{
    GroupNumbers, breakable, breakable_cells, breakable_paragraphs, fits_a_few_lines, group_spans,
    money,
};
use crate::document::{self, Document, SignOff, Unit};
use crate::located::At;
use crate::model::{Amount, Report};
use crate::scoring::Outcome;
use crate::scoring::cells::IndicatorCells;
use crate::scoring::scorecard::Scorecard;

/// Everything templates/department/ prints, as `doc`.
#[derive(Clone, Debug, Serialize)]
pub struct DepartmentDocument {
    pub unit: DepartmentUnit,
    pub budget: BudgetFigures,
    pub card: Scorecard,
    pub goals: Vec<GoalBlock>,
    pub texts: Texts,
    pub sign_off: SignOff,
}

/// The unit as the titles of this form print it.
#[derive(Clone, Debug, Serialize)]
pub struct DepartmentUnit {
    #[serde(flatten)]
    pub common: Unit,
    /// 简称, or the full name.
    pub short: String,
    pub region: String,
    /// 报告名称
    pub report_title: String,
    /// 报告名称 as written, line by line.
    pub report_title_lines: Vec<String>,
    /// The titles of the cover, the abridged report and the annex, as forced lines (a line
    /// break in 报告名称) of parts between which a title line may break.
    pub cover_title: Vec<Vec<String>>,
    pub abridged_title: Vec<Vec<String>>,
    pub annex_title: Vec<Vec<String>>,
}

pub fn document(outcome: &Outcome, own: &Department) -> Document {
    let doc = department_document(outcome, own);
    Document::new(
        templates::MAIN_TEMPLATE,
        doc.unit.common.clone(),
        doc.card.clone(),
        &doc,
    )
}

pub fn department_document(outcome: &Outcome, own: &Department) -> DepartmentDocument {
    let report = &outcome.report;
    let card = document::printed_card(outcome);
    DepartmentDocument {
        unit: unit(report, own),
        budget: budget_figures(report),
        goals: goal_blocks(&card),
        texts: texts(report, own),
        sign_off: document::sign_off(report),
        card,
    }
}

fn unit(report: &Report, own: &Department) -> DepartmentUnit {
    let full_title = format!(
        "{}年度{}部门整体绩效自评结果",
        report.year.value, report.unit_name.value
    );
    let report_title = own.report_title(report.year.value);
    DepartmentUnit {
        common: Unit::new(report, full_title),
        short: own.short_or(&report.unit_name).to_string(),
        region: own
            .region
            .as_ref()
            .map(|r| r.value.clone())
            .unwrap_or_default(),
        report_title_lines: titles::report_title_lines(&report_title),
        report_title,
        cover_title: titles::cover(report, own),
        abridged_title: titles::abridged(report, own),
        annex_title: titles::annex(report, own),
    }
}

/// Money in 万元 with thousands separators ("13,581.29"); "" when not given.
#[derive(Clone, Debug, Serialize)]
pub struct BudgetFigures {
    pub approved: String,
    pub adjusted: String,
    pub spent: String,
    pub basic: String,
    pub project: String,
    /// Whether 预算执行 has a weight: a table that scores only the indicators prints no 得分.
    pub scored: bool,
}

/// One 年度目标 as the annex prints it: its name row, then one row per indicator. The table
/// merges the goal, 一级 and 二级 cells itself, page by page (see annex.typ.j2), from the group
/// numbers of each row.
#[derive(Clone, Debug, Serialize)]
pub struct GoalBlock {
    pub number: usize,
    pub name: String,
    pub weight: String,
    pub score: String,
    pub rows: Vec<AnnexRow>,
    /// Whether the name row may be held to the first indicator row: not when that row alone
    /// might fill a page (an unbreakable pair taller than a page would be cut off).
    pub keep_name_with_first_row: bool,
    /// How tall the name row and the first indicator row, when held together, must be for
    /// the goal label and the first row's 一级 and 二级 labels: a Typst length.
    pub kept_strut: String,
    /// Rows of the merged goal cell: the name row and the indicator rows.
    pub span: usize,
}

/// One indicator row of the annex. Rows with the same `level1_group` (`level2_group`) share a
/// merged 一级 (二级) cell; the numbers run through the whole document.
#[derive(Clone, Debug, Serialize)]
pub struct AnnexRow {
    pub level1_group: usize,
    pub level2_group: usize,
    #[serde(flatten)]
    pub cells: IndicatorCells,
    /// Whether the row may break across pages: only a row that might not fit on a page does,
    /// so that short rows move whole (no one-line widows) and the page of each row is stable.
    pub breakable: bool,
    /// How many rows the merged 一级 (二级) cell starting on this row spans; 0 when the row
    /// continues the cell of the row above.
    pub level1_span: usize,
    pub level2_span: usize,
    /// How tall the row must be for the labels that start on it (its 一级 and 二级 labels,
    /// and the goal label on a goal's first row, less the name row above it): a Typst
    /// length, or "" when the row's own text is enough.
    pub strut: String,
}

/// The narrative slots, each a list of paragraphs (empty when not written).
#[derive(Clone, Debug, Serialize)]
pub struct Texts {
    pub overview: Vec<String>,
    pub last_year_results: Vec<String>,
    pub problems: Vec<String>,
    pub next_steps: Vec<String>,
    pub budget_link: Vec<String>,
    pub deviation_analysis: Vec<String>,
    pub improvement_plan: Vec<String>,
}

fn budget_figures(report: &Report) -> BudgetFigures {
    let budget = &report.budget;
    let optional = |amount: &Option<At<Amount>>| {
        amount
            .as_ref()
            .map(|a| money(a.value.0))
            .unwrap_or_default()
    };
    BudgetFigures {
        approved: optional(&budget.approved),
        adjusted: money(budget.adjusted.value.0),
        spent: money(budget.spent.value.0),
        basic: optional(&budget.basic),
        project: optional(&budget.project),
        scored: budget.scored(),
    }
}

fn goal_blocks(card: &Scorecard) -> Vec<GoalBlock> {
    let mut groups = GroupNumbers::default();
    let mut blocks = Vec::with_capacity(card.goals.len());
    for goal in &card.goals {
        groups.new_goal();
        let keep = goal
            .indicators
            .first()
            .is_some_and(|first| fits_a_few_lines(&first.cells));
        let label = struts::cell_height(
            &format!("年度目标{}（{}分）", goal.number, goal.weight),
            struts::GOAL_COLUMN,
        );
        let name = struts::cell_height(&goal.name, struts::NAME_ROW);
        let mut first_labels = 0.0;
        let mut previous: Option<(usize, usize)> = None;
        let mut rows = Vec::with_capacity(goal.indicators.len());
        for (j, indicator) in goal.indicators.iter().enumerate() {
            let cells = &indicator.cells;
            let (level1, level2) = groups.next(cells);
            let mut strut: f64 = 0.0;
            if previous.is_none_or(|(l1, _)| l1 != level1) {
                strut = strut.max(struts::cell_height(&cells.level1, struts::LEVEL1_COLUMN));
            }
            if previous.is_none_or(|(_, l2)| l2 != level2) {
                strut = strut.max(struts::cell_height(&cells.level2, struts::LEVEL2_COLUMN));
            }
            previous = Some((level1, level2));
            if j == 0 {
                first_labels = strut;
                if !keep {
                    strut = strut.max(label - name);
                }
            }
            let mut row = annex_row(cells, (level1, level2));
            if strut > 0.0 {
                row.strut = struts::points(strut);
            }
            rows.push(row);
        }
        spans(&mut rows);
        blocks.push(GoalBlock {
            number: goal.number,
            name: breakable(&goal.name),
            weight: goal.weight.clone(),
            score: goal.score.clone(),
            keep_name_with_first_row: keep,
            kept_strut: struts::points(label.max(name + first_labels)),
            span: rows.len() + 1,
            rows,
        });
    }
    blocks
}

fn annex_row(cells: &IndicatorCells, (level1_group, level2_group): (usize, usize)) -> AnnexRow {
    AnnexRow {
        level1_group,
        level2_group,
        cells: breakable_cells(cells),
        breakable: !fits_a_few_lines(cells),
        level1_span: 0,
        level2_span: 0,
        strut: String::new(),
    }
}

/// Sets the spans of the merged 一级 and 二级 cells on the first row of each group.
fn spans(rows: &mut [AnnexRow]) {
    let groups: Vec<(usize, usize)> = rows
        .iter()
        .map(|row| (row.level1_group, row.level2_group))
        .collect();
    for (row, (level1, level2)) in rows.iter_mut().zip(group_spans(&groups)) {
        row.level1_span = level1;
        row.level2_span = level2;
    }
}

fn texts(report: &Report, own: &Department) -> Texts {
    let split = |text: &Option<At<String>>| {
        text.as_ref()
            .map(|t| breakable_paragraphs(&t.value))
            .unwrap_or_default()
    };
    Texts {
        overview: split(&own.abridged.overview),
        last_year_results: split(&own.abridged.last_year_results),
        problems: split(&own.abridged.problems),
        next_steps: split(&own.abridged.next_steps),
        budget_link: split(&own.abridged.budget_link),
        deviation_analysis: split(&report.annex.deviation_analysis),
        improvement_plan: split(&report.annex.improvement_plan),
    }
}
