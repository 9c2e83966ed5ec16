//! The scores as a user reads them: one serializable card (JSON, templates) and an aligned text
//! table for the terminal.

use std::fmt::Write as _;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::located::At;
use crate::model::{Amount, BudgetRow, Report};
use crate::scoring::cells::IndicatorCells;
use crate::scoring::facts::Facts;
use crate::scoring::score::{Rule, Scores, fixed, two_decimals};

/// Every decimal is a string: weights and scores with the report's 得分小数位数 ("90.66" by
/// default, "90.7", "91"), amounts with two decimals; the rate is a percentage ("100.00").
#[derive(Clone, Debug, Serialize)]
pub struct Scorecard {
    /// 表样: the form's name.
    pub form: &'static str,
    pub total: String,
    pub total_weight: String,
    pub grade: &'static str,
    pub budget: BudgetCard,
    /// The national tables' 项目资金 block (absent from the 部门整体绩效自评表).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub funds: Option<FundsCard>,
    pub goals: Vec<GoalCard>,
    pub summary: Vec<SummaryCard>,
    pub counts: Counts,
    pub unmet: Vec<UnmetCard>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BudgetCard {
    pub weight: String,
    pub score: String,
    pub rate: String,
}

/// 项目资金: every row and column as printed (null where the table leaves a cell blank), the
/// execution rate (a percentage) and the score.
#[derive(Clone, Debug, Serialize)]
pub struct FundsCard {
    /// 金额单位 (万元 or 元), for the terminal's header; the JSON's amounts are in it too.
    #[serde(skip)]
    pub unit: &'static str,
    pub weight: String,
    pub rate: String,
    pub score: String,
    pub rows: Vec<FundRowCard>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FundRowCard {
    /// 年度资金总额, 本年财政拨款, 上年结转资金, 其他资金
    pub name: &'static str,
    /// 年初预算数
    pub initial: Option<String>,
    /// 全年预算数
    pub budget: Option<String>,
    /// 全年执行数
    pub spent: Option<String>,
}

/// 项目资金 from the rows the form prints its budget in.
fn funds_card(rows: &[BudgetRow], scores: &Scores, unit: &'static str) -> FundsCard {
    let money = |cell: &Option<At<Amount>>| cell.as_ref().map(|cell| two_decimals(cell.value.0));
    let points = |value| fixed(value, scores.rules.places);
    FundsCard {
        unit,
        weight: points(scores.budget.weight),
        rate: two_decimals(scores.budget.rate_percent),
        score: points(scores.budget.score),
        rows: rows
            .iter()
            .map(|row| FundRowCard {
                name: row.name,
                initial: money(&row.initial),
                budget: money(&row.budget),
                spent: money(&row.spent),
            })
            .collect(),
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct GoalCard {
    pub number: usize,
    pub name: String,
    pub weight: String,
    pub score: String,
    pub indicators: Vec<IndicatorCard>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndicatorCard {
    #[serde(flatten)]
    pub cells: IndicatorCells,
    pub met: bool,
    /// What gave the score, in words: the rule, the comparator, the convention or band.
    pub rule: String,
    pub rule_kind: Rule,
    pub rule_score: String,
    pub hand_scored: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct SummaryCard {
    pub label: String,
    pub weight: String,
    pub score: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Counts {
    pub goals: usize,
    pub indicators: usize,
    pub met: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct UnmetCard {
    pub goal: usize,
    #[serde(flatten)]
    pub cells: IndicatorCells,
    pub explanation: String,
}

pub fn scorecard(report: &Report, scores: &Scores, facts: &Facts) -> Scorecard {
    let places = scores.rules.places;
    let points = |value| fixed(value, places);
    Scorecard {
        form: report.form.name(),
        funds: (!report.budget.rows.is_empty()).then(|| {
            let unit = report.settings.money_unit().name_zh();
            funds_card(&report.budget.rows, scores, unit)
        }),
        total: points(facts.total),
        total_weight: points(facts.total_weight),
        grade: facts.grade.name_zh(),
        budget: BudgetCard {
            weight: points(scores.budget.weight),
            score: points(scores.budget.score),
            rate: two_decimals(scores.budget.rate_percent),
        },
        goals: (1..)
            .zip(report.goals.iter().zip(&scores.goals))
            .map(|(number, (goal, goal_scores))| GoalCard {
                number,
                name: goal.name.value.clone(),
                weight: points(goal_scores.weight),
                score: points(goal_scores.score),
                indicators: goal
                    .rows()
                    .zip(&goal_scores.indicators)
                    .map(|((level1, level2, indicator), score)| IndicatorCard {
                        cells: IndicatorCells::scored(level1, level2, indicator, score)
                            .with_places(places),
                        met: score.met,
                        rule: score.basis.clone(),
                        rule_kind: score.rule,
                        rule_score: points(score.rule_score),
                        hand_scored: score.hand_scored,
                    })
                    .collect(),
            })
            .collect(),
        summary: facts
            .summary
            .iter()
            .map(|row| SummaryCard {
                label: row.label.clone(),
                weight: points(row.weight),
                score: points(row.score),
            })
            .collect(),
        counts: Counts {
            goals: facts.goal_count,
            indicators: facts.indicator_count,
            met: facts.met_count,
        },
        unmet: facts
            .unmet
            .iter()
            .map(|u| UnmetCard {
                goal: u.goal,
                cells: u.cells.with_places(places),
                explanation: u.explanation.clone(),
            })
            .collect(),
    }
}

impl Scorecard {
    /// The summary table and the unmet list as aligned text.
    pub fn to_text(&self) -> String {
        let mut rows = vec![vec![
            "序号".into(),
            "类别".into(),
            "分值".into(),
            "得分".into(),
        ]];
        for (number, row) in (1..).zip(&self.summary) {
            rows.push(vec![
                number.to_string(),
                row.label.clone(),
                row.weight.clone(),
                row.score.clone(),
            ]);
        }
        rows.push(vec![
            String::new(),
            "合计".into(),
            self.total_weight.clone(),
            self.total.clone(),
        ]);
        let mut out = String::new();
        if let Some(funds) = &self.funds {
            let _ = writeln!(out, "{}\n", self.form);
            out.push_str(&funds.to_text());
            out.push('\n');
        }
        out.push_str(&aligned(&rows, &[false, false, true, true]));
        let goals = match self.funds {
            Some(_) => String::new(),
            None => format!("{} 个年度目标", self.counts.goals),
        };
        let _ = writeln!(
            out,
            "\n等级：{}　执行率：{}%　{goals}共 {} 项绩效指标，完成 {} 项，未完成 {} 项。",
            self.grade,
            self.budget.rate,
            self.counts.indicators,
            self.counts.met,
            self.unmet.len()
        );
        if !self.unmet.is_empty() {
            out.push_str("\n未完成的绩效指标：\n");
            out.push_str(&self.unmet_text());
        }
        out
    }

    /// The unmet indicators as a table; the goal column only where there are several goals.
    fn unmet_text(&self) -> String {
        let with_goal = self.funds.is_none();
        let mut rows = vec![vec![
            "目标".into(),
            "一级指标".into(),
            "三级指标".into(),
            "目标值".into(),
            "实际完成值".into(),
            "分值".into(),
            "得分".into(),
        ]];
        rows.extend(self.unmet.iter().map(|u| {
            vec![
                u.goal.to_string(),
                u.cells.level1.clone(),
                u.cells.name.clone(),
                u.cells.target.clone(),
                u.cells.actual.clone(),
                u.cells.weight.clone(),
                u.cells.score.clone(),
            ]
        }));
        let mut right = vec![true, false, false, false, false, true, true];
        if !with_goal {
            rows.iter_mut().for_each(|row| drop(row.remove(0)));
            right.remove(0);
        }
        aligned(&rows, &right)
    }
}

impl FundsCard {
    /// 项目资金 as the table prints it.
    fn to_text(&self) -> String {
        let blank = |cell: &Option<String>| cell.clone().unwrap_or_else(|| "—".into());
        let mut rows = vec![vec![
            format!("项目资金（{}）", self.unit),
            "年初预算数".into(),
            "全年预算数".into(),
            "全年执行数".into(),
        ]];
        rows.extend(self.rows.iter().enumerate().map(|(i, row)| {
            // As the table prints it: the first part row says it is part of the total (a row by
            // nature names its group instead).
            let name = if i == 1 && !row.name.contains('：') {
                format!("其中：{}", row.name)
            } else {
                row.name.to_string()
            };
            vec![
                name,
                blank(&row.initial),
                blank(&row.budget),
                blank(&row.spent),
            ]
        }));
        let mut out = aligned(&rows, &[false, true, true, true]);
        let _ = writeln!(
            out,
            "执行率 {}%，分值 {}，得分 {}",
            self.rate, self.weight, self.score
        );
        out
    }
}

/// Columns padded to the display width of their widest cell (CJK characters count two).
pub(crate) fn aligned(rows: &[Vec<String>], right: &[bool]) -> String {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |cell| cell.width()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .zip(right)
            .map(|((cell, width), right)| {
                let pad = " ".repeat(width.saturating_sub(cell.width()));
                if *right {
                    format!("{pad}{cell}")
                } else {
                    format!("{cell}{pad}")
                }
            })
            .collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    out
}
