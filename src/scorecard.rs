//! The scores as a user reads them: one serializable card (JSON, templates) and an aligned text
//! table for the terminal.

use std::fmt::Write as _;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::facts::Facts;
use crate::model::Report;
use crate::score::{Rule, Scores, two_decimals};

/// Every decimal is a string with two decimals ("90.66"); the rate is a percentage ("100.00").
#[derive(Clone, Debug, Serialize)]
pub struct Scorecard {
    pub total: String,
    pub total_weight: String,
    pub grade: &'static str,
    pub budget: BudgetCard,
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
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub target: String,
    pub actual: String,
    pub weight: String,
    pub score: String,
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
    pub level1: String,
    pub level2: String,
    pub name: String,
    pub target: String,
    pub actual: String,
    pub weight: String,
    pub score: String,
    pub explanation: String,
}

pub fn scorecard(report: &Report, scores: &Scores, facts: &Facts) -> Scorecard {
    Scorecard {
        total: two_decimals(facts.total),
        total_weight: two_decimals(facts.total_weight),
        grade: facts.grade.name_zh(),
        budget: BudgetCard {
            weight: two_decimals(scores.budget.weight),
            score: two_decimals(scores.budget.score),
            rate: two_decimals(scores.budget.rate_percent),
        },
        goals: (1..)
            .zip(report.goals.iter().zip(&scores.goals))
            .map(|(number, (goal, goal_scores))| GoalCard {
                number,
                name: goal.name.value.clone(),
                weight: two_decimals(goal_scores.weight),
                score: two_decimals(goal_scores.score),
                indicators: goal
                    .rows()
                    .zip(&goal_scores.indicators)
                    .map(|((level1, level2, indicator), score)| IndicatorCard {
                        level1: level1.value.clone(),
                        level2: level2.value.clone(),
                        name: indicator.name.value.clone(),
                        target: indicator.target.0.clone(),
                        actual: indicator.actual_text(),
                        weight: two_decimals(score.weight),
                        score: two_decimals(score.score),
                        met: score.met,
                        rule: score.basis.clone(),
                        rule_kind: score.rule,
                        rule_score: two_decimals(score.rule_score),
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
                weight: two_decimals(row.weight),
                score: two_decimals(row.score),
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
                level1: u.level1.clone(),
                level2: u.level2.clone(),
                name: u.name.clone(),
                target: u.target.clone(),
                actual: u.actual.clone(),
                weight: two_decimals(u.weight),
                score: two_decimals(u.score),
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
        let mut out = aligned(&rows, &[false, false, true, true]);
        let _ = writeln!(
            out,
            "\n等级：{}　执行率：{}%　{} 个年度目标共 {} 项绩效指标，完成 {} 项，未完成 {} 项。",
            self.grade,
            self.budget.rate,
            self.counts.goals,
            self.counts.indicators,
            self.counts.met,
            self.unmet.len()
        );
        if !self.unmet.is_empty() {
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
                    u.level1.clone(),
                    u.name.clone(),
                    u.target.clone(),
                    u.actual.clone(),
                    u.weight.clone(),
                    u.score.clone(),
                ]
            }));
            out.push_str("\n未完成的绩效指标：\n");
            out.push_str(&aligned(
                &rows,
                &[true, false, false, false, false, true, true],
            ));
        }
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
