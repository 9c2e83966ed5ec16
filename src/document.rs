//! Everything the templates print, prepared: numbers formatted, texts split into paragraphs,
//! indicators grouped for the annex table. Templates only arrange it.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::Outcome;
use crate::located::At;
use crate::model::{Amount, Report};
use crate::score::two_decimals;
use crate::scorecard::{IndicatorCard, Scorecard, scorecard};
use crate::typst_escape::paragraphs;

#[derive(Clone, Debug, Serialize)]
pub struct Document {
    pub unit: Unit,
    pub budget: BudgetFigures,
    pub card: Scorecard,
    pub goals: Vec<GoalBlock>,
    pub texts: Texts,
}

#[derive(Clone, Debug, Serialize)]
pub struct Unit {
    pub name: String,
    /// 简称, or the full name.
    pub short: String,
    pub region: String,
    pub year: u16,
    /// 2023 年 6 月 10 日
    pub submitted: String,
    /// 报告名称
    pub report_title: String,
    /// "{年度}年度{单位名称}部门整体绩效自评结果": the PDF's title.
    pub full_title: String,
    /// 提交时间, also the PDF's creation date.
    pub date: DateParts,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct DateParts {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Money in 万元 with thousands separators ("13,581.29"); "" when not given.
#[derive(Clone, Debug, Serialize)]
pub struct BudgetFigures {
    pub approved: String,
    pub adjusted: String,
    pub spent: String,
    pub basic: String,
    pub project: String,
}

/// One 年度目标 as the annex prints it: rows grouped by 一级 and 二级指标, in parts that each
/// fit on a page. Typst does not repeat a merged cell's text on the next page (typst issue
/// 4707), so each part is kept on one page and carries its own labels.
#[derive(Clone, Debug, Serialize)]
pub struct GoalBlock {
    pub number: usize,
    pub name: String,
    pub weight: String,
    pub score: String,
    pub parts: Vec<GoalPart>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GoalPart {
    /// The first part also carries the goal's name row.
    pub first: bool,
    pub rows: usize,
    pub level1s: Vec<Level1Block>,
}

/// Indicator rows per part: a part of this many rows of wrapped text still fits on an A4 page.
const ROWS_PER_PART: usize = 16;

#[derive(Clone, Debug, Serialize)]
pub struct Level1Block {
    pub name: String,
    pub rows: usize,
    pub level2s: Vec<Level2Block>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Level2Block {
    pub name: String,
    pub indicators: Vec<IndicatorCard>,
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

pub fn document(outcome: &Outcome) -> Document {
    let report = &outcome.report;
    let card = scorecard(report, &outcome.scores, &outcome.facts);
    Document {
        unit: unit(report),
        budget: budget_figures(report),
        goals: goal_blocks(&card),
        texts: texts(report),
        card,
    }
}

fn unit(report: &Report) -> Unit {
    Unit {
        name: report.unit_name.value.clone(),
        short: report.short_or_full_name().to_string(),
        region: report
            .region
            .as_ref()
            .map(|r| r.value.clone())
            .unwrap_or_default(),
        year: report.year.value,
        submitted: report.submitted.value.to_zh(),
        report_title: report.report_title(),
        full_title: format!(
            "{}年度{}部门整体绩效自评结果",
            report.year.value, report.unit_name.value
        ),
        date: DateParts {
            year: report.submitted.value.year,
            month: report.submitted.value.month,
            day: report.submitted.value.day,
        },
    }
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
    }
}

/// 13581.29 → "13,581.29"
pub fn money(amount: Decimal) -> String {
    let fixed = two_decimals(amount);
    let (sign, digits) = fixed
        .strip_prefix('-')
        .map_or(("", fixed.as_str()), |d| ("-", d));
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{fraction}")
}

fn goal_blocks(card: &Scorecard) -> Vec<GoalBlock> {
    card.goals
        .iter()
        .map(|goal| GoalBlock {
            number: goal.number,
            name: goal.name.clone(),
            weight: goal.weight.clone(),
            score: goal.score.clone(),
            parts: split_into_parts(&goal.indicators)
                .into_iter()
                .enumerate()
                .map(|(i, rows)| GoalPart {
                    first: i == 0,
                    rows: rows.len(),
                    level1s: group_rows(rows),
                })
                .collect(),
        })
        .collect()
}

/// Cuts a goal's rows into parts of at most [`ROWS_PER_PART`], at a 二级指标 boundary where one
/// falls inside the limit.
fn split_into_parts(indicators: &[IndicatorCard]) -> Vec<&[IndicatorCard]> {
    let mut parts = Vec::new();
    let mut rest = indicators;
    while rest.len() > ROWS_PER_PART {
        let boundary = (1..=ROWS_PER_PART)
            .rev()
            .find(|&i| rest[i].level1 != rest[i - 1].level1 || rest[i].level2 != rest[i - 1].level2)
            .unwrap_or(ROWS_PER_PART);
        let (part, tail) = rest.split_at(boundary);
        parts.push(part);
        rest = tail;
    }
    if !rest.is_empty() || parts.is_empty() {
        parts.push(rest);
    }
    parts
}

/// Consecutive indicators with the same 一级 (then 二级) form one merged group.
fn group_rows(indicators: &[IndicatorCard]) -> Vec<Level1Block> {
    let mut level1s: Vec<Level1Block> = Vec::new();
    for indicator in indicators {
        let same_level1 = level1s.last().is_some_and(|l1| l1.name == indicator.level1);
        if !same_level1 {
            level1s.push(Level1Block {
                name: indicator.level1.clone(),
                rows: 0,
                level2s: Vec::new(),
            });
        }
        let Some(level1) = level1s.last_mut() else {
            continue;
        };
        level1.rows += 1;
        let same_level2 = level1
            .level2s
            .last()
            .is_some_and(|l2| l2.name == indicator.level2);
        if !same_level2 {
            level1.level2s.push(Level2Block {
                name: indicator.level2.clone(),
                indicators: Vec::new(),
            });
        }
        if let Some(level2) = level1.level2s.last_mut() {
            level2.indicators.push(indicator.clone());
        }
    }
    level1s
}

fn texts(report: &Report) -> Texts {
    let split = |text: &Option<At<String>>| {
        text.as_ref()
            .map(|t| paragraphs(&t.value))
            .unwrap_or_default()
    };
    Texts {
        overview: split(&report.abridged.overview),
        last_year_results: split(&report.abridged.last_year_results),
        problems: split(&report.abridged.problems),
        next_steps: split(&report.abridged.next_steps),
        budget_link: split(&report.abridged.budget_link),
        deviation_analysis: split(&report.annex.deviation_analysis),
        improvement_plan: split(&report.annex.improvement_plan),
    }
}
