//! What the report states about its own numbers, derived here and nowhere else: the summary
//! table, the counts, the list of unmet indicators.

use rust_decimal::Decimal;

use crate::model::{Breakdown, Report, exact};
use crate::scoring::cells::IndicatorCells;
use crate::scoring::score::{Grade, Scores};

#[derive(Clone, Debug)]
pub struct Facts {
    /// 预算执行, then every 年度目标, in order; 合计 is [`Facts::total_weight`] / [`Facts::total`].
    pub summary: Vec<SummaryRow>,
    pub total_weight: Decimal,
    pub total: Decimal,
    pub grade: Grade,
    pub budget_rate_percent: Decimal,
    pub goal_count: usize,
    pub indicator_count: usize,
    pub met_count: usize,
    pub unmet: Vec<UnmetIndicator>,
}

#[derive(Clone, Debug)]
pub struct SummaryRow {
    /// 预算执行, then 年度目标 N (national tables: each 一级指标)
    pub label: String,
    pub weight: Decimal,
    pub score: Decimal,
}

/// One indicator that was not met, as the abridged report lists it.
#[derive(Clone, Debug)]
pub struct UnmetIndicator {
    /// 1-based goal number.
    pub goal: usize,
    pub cells: IndicatorCells<Decimal>,
    /// The indicator's 说明, empty when missing.
    pub explanation: String,
}

pub fn derive_facts(report: &Report, scores: &Scores) -> Facts {
    // A table that scores only the indicators has no 预算执行 row in its summary.
    let budget = SummaryRow {
        label: "预算执行".to_string(),
        weight: scores.budget.weight,
        score: scores.budget.score,
    };
    let mut summary: Vec<SummaryRow> = report
        .budget
        .scored()
        .then_some(budget)
        .into_iter()
        .collect();
    if report.breakdown == Breakdown::Level1 {
        summary.extend(level1_rows(report, scores));
    } else {
        summary.extend(scores.goals.iter().enumerate().map(|(i, goal)| SummaryRow {
            label: format!("年度目标{}", i + 1),
            weight: goal.weight,
            score: goal.score,
        }));
    }
    let all_scores = || scores.goals.iter().flat_map(|g| g.indicators.iter());
    Facts {
        total_weight: exact::sum(summary.iter().map(|row| row.weight)),
        total: scores.total,
        grade: scores.grade,
        budget_rate_percent: scores.budget.rate_percent,
        goal_count: report.goals.len(),
        indicator_count: all_scores().count(),
        met_count: all_scores().filter(|s| s.met).count(),
        unmet: unmet_indicators(report, scores),
        summary,
    }
}

/// The national tables' one goal, a row per 一级指标 (in the order written; a 一级 written twice
/// is one row).
fn level1_rows(report: &Report, scores: &Scores) -> Vec<SummaryRow> {
    let mut rows: Vec<SummaryRow> = Vec::new();
    for (goal, goal_scores) in report.goals.iter().zip(&scores.goals) {
        for ((level1, _, _), score) in goal.rows().zip(&goal_scores.indicators) {
            let label = level1.value.clone();
            match rows.iter_mut().find(|row| row.label == label) {
                Some(row) => {
                    row.weight = exact::add(row.weight, score.weight);
                    row.score = exact::add(row.score, score.score);
                }
                None => rows.push(SummaryRow {
                    label,
                    weight: score.weight,
                    score: score.score,
                }),
            }
        }
    }
    rows
}

fn unmet_indicators(report: &Report, scores: &Scores) -> Vec<UnmetIndicator> {
    let mut unmet = Vec::new();
    for (number, (goal, goal_scores)) in (1..).zip(report.goals.iter().zip(&scores.goals)) {
        for ((level1, level2, indicator), score) in goal.rows().zip(&goal_scores.indicators) {
            if score.met {
                continue;
            }
            unmet.push(UnmetIndicator {
                goal: number,
                cells: IndicatorCells::scored(level1, level2, indicator, score),
                explanation: indicator.explanation_text(),
            });
        }
    }
    unmet
}
