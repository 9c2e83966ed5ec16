//! What changed between two versions of a report: indicators added, removed, renamed or changed,
//! the goal scores, the total, and the indicators that became met or unmet.
//!
//! Goals are matched by number. Indicators are matched by (goal number, 三级指标); an indicator
//! left over in the new version is a rename of one left over in the old version when both sit in
//! the same goal, under the same 一级 and 二级指标, at the same place in that 二级指标's list, with
//! the same 年初目标值 and 分值.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Breakdown, Goal, exact};
use crate::scoring::Outcome;
use crate::scoring::cells::IndicatorCells;
use crate::scoring::score::{GoalScore, two_decimals};
use crate::scoring::scorecard::aligned;

/// A value before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub old: String,
    pub new: String,
}

/// A score before and after, and the difference ("+0.90", "-0.10", "0.00").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScoreChange {
    pub old: String,
    pub new: String,
    pub delta: String,
}

/// Everything that changed; every decimal is a string with two decimals.
#[derive(Clone, Debug, Serialize)]
pub struct ReportDiff {
    /// False when nothing below changed (the total and the grade are then given once each side).
    pub changed: bool,
    pub total: ScoreChange,
    pub grade: Change,
    /// None when the 预算执行 weight, score and rate are all the same.
    pub budget: Option<BudgetChange>,
    /// Goals added, removed, or with another name, weight or score.
    pub goals: Vec<GoalChange>,
    pub indicators: IndicatorChanges,
    /// Indicators in both versions, unmet in the old one and met in the new one.
    pub became_met: Vec<MetChange>,
    /// Indicators in both versions, met in the old one and unmet in the new one.
    pub became_unmet: Vec<MetChange>,
}

/// 预算执行 both sides.
#[derive(Clone, Debug, Serialize)]
pub struct BudgetChange {
    pub weight: Change,
    pub score: ScoreChange,
    /// 执行率 as a percentage.
    pub rate: Change,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum GoalStatus {
    Added,
    Removed,
    Changed,
}

#[derive(Clone, Debug, Serialize)]
pub struct GoalChange {
    pub number: usize,
    pub status: GoalStatus,
    /// None for an added goal.
    pub old: Option<GoalState>,
    /// None for a removed goal.
    pub new: Option<GoalState>,
    /// New score minus old score (a missing side counts 0).
    pub delta: String,
    /// Whether the goal is a numbered 年度目标, as in a report that breaks its total down by
    /// goal; otherwise it goes by its name (a form whose indicators are one table).
    #[serde(skip)]
    pub numbered: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GoalState {
    pub name: String,
    pub weight: String,
    pub score: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct IndicatorChanges {
    /// In the order of the new version.
    pub changed: Vec<IndicatorChange>,
    /// In the order of the new version.
    pub added: Vec<IndicatorState>,
    /// In the order of the old version.
    pub removed: Vec<IndicatorState>,
}

/// An indicator in both versions, with what changed (None: the same).
#[derive(Clone, Debug, Serialize)]
pub struct IndicatorChange {
    pub goal: usize,
    /// The new version's names.
    pub level1: String,
    pub level2: String,
    pub name: String,
    /// The old name, when the indicator was renamed.
    pub renamed_from: Option<String>,
    /// 一级指标/二级指标, when the indicator moved.
    pub group: Option<Change>,
    pub target: Option<Change>,
    /// An actual value not filled in is the empty string.
    pub actual: Option<Change>,
    pub weight: Option<Change>,
    pub score: Option<ScoreChange>,
}

/// An indicator as one version has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IndicatorState {
    pub goal: usize,
    #[serde(flatten)]
    pub cells: IndicatorCells,
    pub met: bool,
}

/// An indicator that became met or unmet: its new name and weight, and its score each side.
#[derive(Clone, Debug, Serialize)]
pub struct MetChange {
    pub goal: usize,
    pub name: String,
    pub weight: String,
    pub score: ScoreChange,
}

/// One indicator of a clean outcome, with what matching and comparing need.
struct Row {
    goal: usize,
    /// Place in its 二级指标's list.
    slot: usize,
    cells: IndicatorCells<Decimal>,
    met: bool,
}

/// Compares two evaluated versions of a report.
pub fn compare(old: &Outcome, new: &Outcome) -> ReportDiff {
    let (old_rows, new_rows) = (rows(old), rows(new));
    let pairs = match_rows(&old_rows, &new_rows);
    let indicators = indicator_changes(&old_rows, &new_rows, &pairs);
    let (became_met, became_unmet) = met_changes(&old_rows, &new_rows, &pairs);
    let budget = budget_change(old, new);
    let goals = goal_changes(old, new);
    let changed = budget.is_some()
        || !goals.is_empty()
        || !indicators.changed.is_empty()
        || !indicators.added.is_empty()
        || !indicators.removed.is_empty();
    ReportDiff {
        changed,
        total: score_change(old.facts.total, new.facts.total),
        grade: Change {
            old: old.facts.grade.name_zh().to_string(),
            new: new.facts.grade.name_zh().to_string(),
        },
        budget,
        goals,
        indicators,
        became_met,
        became_unmet,
    }
}

fn rows(outcome: &Outcome) -> Vec<Row> {
    let goals = outcome.report.goals.iter().zip(&outcome.scores.goals);
    (1..)
        .zip(goals)
        .flat_map(|(number, (goal, scores))| goal_rows(number, goal, scores))
        .collect()
}

fn goal_rows(number: usize, goal: &Goal, scores: &GoalScore) -> Vec<Row> {
    let placed = goal.groups.iter().flat_map(|level1| {
        level1.groups.iter().flat_map(move |level2| {
            let indicators = level2.indicators.iter().enumerate();
            indicators.map(move |(slot, indicator)| (level1, level2, slot, indicator))
        })
    });
    placed
        .zip(&scores.indicators)
        .map(|((level1, level2, slot, indicator), score)| Row {
            goal: number,
            slot,
            cells: IndicatorCells::scored(&level1.name, &level2.name, indicator, score),
            met: score.met,
        })
        .collect()
}

/// For each new row, the old row it continues, if any: by goal and name, then by the rename rule.
fn match_rows(old: &[Row], new: &[Row]) -> Vec<Option<usize>> {
    let mut used = vec![false; old.len()];
    let mut pairs: Vec<Option<usize>> = new
        .iter()
        .map(|n| {
            let found = old
                .iter()
                .position(|o| o.goal == n.goal && o.cells.name == n.cells.name);
            if let Some(i) = found {
                used[i] = true;
            }
            found
        })
        .collect();
    for (n, pair) in new.iter().zip(pairs.iter_mut()) {
        if pair.is_some() {
            continue;
        }
        let renamed = (0..old.len()).find(|&i| !used[i] && is_rename(&old[i], n));
        if let Some(i) = renamed {
            used[i] = true;
            *pair = Some(i);
        }
    }
    pairs
}

fn is_rename(old: &Row, new: &Row) -> bool {
    let (o, n) = (&old.cells, &new.cells);
    old.goal == new.goal
        && o.level1 == n.level1
        && o.level2 == n.level2
        && old.slot == new.slot
        && o.target == n.target
        && o.weight == n.weight
}

fn indicator_changes(old: &[Row], new: &[Row], pairs: &[Option<usize>]) -> IndicatorChanges {
    let mut changes = IndicatorChanges::default();
    for (n, pair) in new.iter().zip(pairs) {
        match pair {
            Some(i) => changes.changed.extend(indicator_change(&old[*i], n)),
            None => changes.added.push(state(n)),
        }
    }
    changes.removed = (0..old.len())
        .filter(|i| !pairs.contains(&Some(*i)))
        .map(|i| state(&old[i]))
        .collect();
    changes
}

/// What changed in one indicator; None when nothing did.
fn indicator_change(old: &Row, new: &Row) -> Option<IndicatorChange> {
    let (o, n) = (&old.cells, &new.cells);
    let change = IndicatorChange {
        goal: new.goal,
        level1: n.level1.clone(),
        level2: n.level2.clone(),
        name: n.name.clone(),
        renamed_from: (o.name != n.name).then(|| o.name.clone()),
        group: changed(&group(o), &group(n)),
        target: changed(&o.target, &n.target),
        actual: changed(&o.actual, &n.actual),
        weight: changed(&two_decimals(o.weight), &two_decimals(n.weight)),
        score: (o.score != n.score).then(|| score_change(o.score, n.score)),
    };
    let any = change.renamed_from.is_some()
        || change.group.is_some()
        || change.target.is_some()
        || change.actual.is_some()
        || change.weight.is_some()
        || change.score.is_some();
    any.then_some(change)
}

fn group(cells: &IndicatorCells<Decimal>) -> String {
    format!("{}/{}", cells.level1, cells.level2)
}

fn state(row: &Row) -> IndicatorState {
    IndicatorState {
        goal: row.goal,
        cells: row.cells.with_two_decimals(),
        met: row.met,
    }
}

fn met_changes(
    old: &[Row],
    new: &[Row],
    pairs: &[Option<usize>],
) -> (Vec<MetChange>, Vec<MetChange>) {
    let mut became_met = Vec::new();
    let mut became_unmet = Vec::new();
    for (n, pair) in new.iter().zip(pairs) {
        let Some(o) = pair.map(|i| &old[i]) else {
            continue;
        };
        let change = MetChange {
            goal: n.goal,
            name: n.cells.name.clone(),
            weight: two_decimals(n.cells.weight),
            score: score_change(o.cells.score, n.cells.score),
        };
        match (o.met, n.met) {
            (false, true) => became_met.push(change),
            (true, false) => became_unmet.push(change),
            _ => {}
        }
    }
    (became_met, became_unmet)
}

fn budget_change(old: &Outcome, new: &Outcome) -> Option<BudgetChange> {
    let (o, n) = (&old.scores.budget, &new.scores.budget);
    let change = BudgetChange {
        weight: both(two_decimals(o.weight), two_decimals(n.weight)),
        score: score_change(o.score, n.score),
        rate: both(two_decimals(o.rate_percent), two_decimals(n.rate_percent)),
    };
    let any = change.weight.old != change.weight.new
        || change.score.old != change.score.new
        || change.rate.old != change.rate.new;
    any.then_some(change)
}

fn goal_changes(old: &Outcome, new: &Outcome) -> Vec<GoalChange> {
    let count = old.report.goals.len().max(new.report.goals.len());
    (0..count)
        .filter_map(|i| {
            let (o, n) = (goal_state(old, i), goal_state(new, i));
            let status = match (&o, &n) {
                (None, _) => GoalStatus::Added,
                (_, None) => GoalStatus::Removed,
                (Some(o), Some(n)) if o == n => return None,
                _ => GoalStatus::Changed,
            };
            let score = |i: usize, outcome: &Outcome| {
                outcome
                    .scores
                    .goals
                    .get(i)
                    .map_or(Decimal::ZERO, |g| g.score)
            };
            let named_by = if n.is_some() { new } else { old };
            Some(GoalChange {
                number: i + 1,
                status,
                old: o,
                new: n,
                delta: signed(exact::sub(score(i, new), score(i, old))),
                numbered: named_by.report.breakdown == Breakdown::Goals,
            })
        })
        .collect()
}

fn goal_state(outcome: &Outcome, index: usize) -> Option<GoalState> {
    let goal = outcome.report.goals.get(index)?;
    let scores = outcome.scores.goals.get(index)?;
    Some(GoalState {
        name: goal.name.value.clone(),
        weight: two_decimals(scores.weight),
        score: two_decimals(scores.score),
    })
}

fn both(old: String, new: String) -> Change {
    Change { old, new }
}

fn changed(old: &str, new: &str) -> Option<Change> {
    (old != new).then(|| Change {
        old: old.to_string(),
        new: new.to_string(),
    })
}

fn score_change(old: Decimal, new: Decimal) -> ScoreChange {
    ScoreChange {
        old: two_decimals(old),
        new: two_decimals(new),
        delta: signed(exact::sub(new, old)),
    }
}

/// "+0.90", "-0.10", "0.00".
fn signed(value: Decimal) -> String {
    if value > Decimal::ZERO {
        format!("+{}", two_decimals(value))
    } else {
        two_decimals(value)
    }
}

impl ReportDiff {
    /// The changes as aligned text tables for the terminal.
    pub fn to_text(&self) -> String {
        if !self.changed {
            return format!(
                "没有变化：两个版本的绩效指标、分值和得分都相同（总分 {}，等级 {}）。\n",
                self.total.new, self.grade.new
            );
        }
        let mut out = self.headline();
        let sections = [
            self.score_table(),
            self.goal_names(),
            self.changed_table(),
            states_table("新增的绩效指标", &self.indicators.added),
            states_table("删除的绩效指标", &self.indicators.removed),
            met_table("由未完成变为完成的绩效指标", &self.became_met),
            met_table("由完成变为未完成的绩效指标", &self.became_unmet),
        ];
        for section in sections.into_iter().flatten() {
            out.push('\n');
            out.push_str(&section);
        }
        out
    }

    fn headline(&self) -> String {
        let total = if self.total.old == self.total.new {
            format!("总分：{}（不变）", self.total.new)
        } else {
            format!(
                "总分：{} → {}（{}）",
                self.total.old, self.total.new, self.total.delta
            )
        };
        let grade = if self.grade.old == self.grade.new {
            format!("等级：{}（不变）", self.grade.new)
        } else {
            format!("等级：{} → {}", self.grade.old, self.grade.new)
        };
        format!("{total}　{grade}\n")
    }

    /// 预算执行 and the goals that changed, then 合计.
    fn score_table(&self) -> Option<String> {
        if self.budget.is_none() && self.goals.is_empty() {
            return None;
        }
        let mut rows = vec![cells(&["类别", "分值", "原得分", "新得分", "增减"])];
        rows.extend(self.budget.as_ref().map(budget_row));
        rows.extend(self.goals.iter().map(goal_row));
        rows.push(vec![
            "合计".into(),
            String::new(),
            self.total.old.clone(),
            self.total.new.clone(),
            self.total.delta.clone(),
        ]);
        let mut out = format!(
            "得分的变化：\n{}",
            aligned(&rows, &[false, true, true, true, true])
        );
        if let Some(rate) = self.budget.as_ref().map(|b| &b.rate)
            && rate.old != rate.new
        {
            let _ = writeln!(out, "执行率：{}% → {}%", rate.old, rate.new);
        }
        Some(out)
    }

    /// Goals whose name changed, added or removed, with their names.
    fn goal_names(&self) -> Option<String> {
        let lines: Vec<String> = self.goals.iter().filter_map(goal_name_line).collect();
        (!lines.is_empty()).then(|| format!("年度目标的变化：\n{}\n", lines.join("\n")))
    }

    fn changed_table(&self) -> Option<String> {
        if self.indicators.changed.is_empty() {
            return None;
        }
        let mut rows = vec![cells(&["目标", "三级指标", "项目", "原来", "现在"])];
        for change in &self.indicators.changed {
            rows.extend(change_rows(change));
        }
        Some(format!(
            "变化的绩效指标：\n{}",
            aligned(&rows, &[true, false, false, false, false])
        ))
    }
}

fn budget_row(budget: &BudgetChange) -> Vec<String> {
    vec![
        "预算执行".into(),
        arrow_if_changed(&budget.weight),
        budget.score.old.clone(),
        budget.score.new.clone(),
        budget.score.delta.clone(),
    ]
}

fn goal_row(goal: &GoalChange) -> Vec<String> {
    let side = goal.new.as_ref().or(goal.old.as_ref());
    let label = match (goal.status, side) {
        (_, Some(side)) if !goal.numbered => side.name.clone(),
        (GoalStatus::Added, _) => format!("年度目标{}（新增）", goal.number),
        (GoalStatus::Removed, _) => format!("年度目标{}（删除）", goal.number),
        (GoalStatus::Changed, _) => format!("年度目标{}", goal.number),
    };
    let weight = match (&goal.old, &goal.new) {
        (Some(o), Some(n)) if o.weight != n.weight => format!("{} → {}", o.weight, n.weight),
        (_, Some(side)) | (Some(side), None) => side.weight.clone(),
        (None, None) => String::new(),
    };
    let score = |side: &Option<GoalState>| side.as_ref().map_or("—".into(), |s| s.score.clone());
    vec![
        label,
        weight,
        score(&goal.old),
        score(&goal.new),
        goal.delta.clone(),
    ]
}

fn goal_name_line(goal: &GoalChange) -> Option<String> {
    match (&goal.old, &goal.new) {
        (None, Some(n)) => Some(format!("年度目标{}（新增）：{}", goal.number, n.name)),
        (Some(o), None) => Some(format!("年度目标{}（删除）：{}", goal.number, o.name)),
        (Some(o), Some(n)) if o.name != n.name => Some(format!(
            "年度目标{}改名：{} → {}",
            goal.number, o.name, n.name
        )),
        _ => None,
    }
}

/// One line per changed field; the goal and name only on the first.
fn change_rows(change: &IndicatorChange) -> Vec<Vec<String>> {
    let score = change.score.as_ref().map(|s| Change {
        old: s.old.clone(),
        new: s.new.clone(),
    });
    let renamed = change.renamed_from.as_ref().map(|old| Change {
        old: old.clone(),
        new: change.name.clone(),
    });
    let fields = [
        ("三级指标", renamed.as_ref()),
        ("一级/二级指标", change.group.as_ref()),
        ("年初目标值", change.target.as_ref()),
        ("实际完成值", change.actual.as_ref()),
        ("分值", change.weight.as_ref()),
        ("得分", score.as_ref()),
    ];
    let mut rows = Vec::new();
    for (label, field) in fields {
        let Some(field) = field else { continue };
        let (goal, name) = if rows.is_empty() {
            (change.goal.to_string(), change.name.clone())
        } else {
            (String::new(), String::new())
        };
        rows.push(vec![
            goal,
            name,
            label.into(),
            shown(&field.old),
            shown(&field.new),
        ]);
    }
    rows
}

fn states_table(title: &str, states: &[IndicatorState]) -> Option<String> {
    if states.is_empty() {
        return None;
    }
    let mut rows = vec![cells(&[
        "目标",
        "一级指标",
        "二级指标",
        "三级指标",
        "目标值",
        "实际完成值",
        "分值",
        "得分",
    ])];
    rows.extend(states.iter().map(|s| {
        let cells = &s.cells;
        vec![
            s.goal.to_string(),
            cells.level1.clone(),
            cells.level2.clone(),
            cells.name.clone(),
            cells.target.clone(),
            shown(&cells.actual),
            cells.weight.clone(),
            cells.score.clone(),
        ]
    }));
    let right = [true, false, false, false, false, false, true, true];
    Some(format!("{title}：\n{}", aligned(&rows, &right)))
}

fn met_table(title: &str, changes: &[MetChange]) -> Option<String> {
    if changes.is_empty() {
        return None;
    }
    let mut rows = vec![cells(&["目标", "三级指标", "分值", "原得分", "新得分"])];
    rows.extend(changes.iter().map(|c| {
        vec![
            c.goal.to_string(),
            c.name.clone(),
            c.weight.clone(),
            c.score.old.clone(),
            c.score.new.clone(),
        ]
    }));
    Some(format!(
        "{title}：\n{}",
        aligned(&rows, &[true, false, true, true, true])
    ))
}

fn cells(labels: &[&str]) -> Vec<String> {
    labels.iter().map(|label| (*label).to_string()).collect()
}

/// "11.00", or "11.00 → 12.00" when it changed.
fn arrow_if_changed(change: &Change) -> String {
    if change.old == change.new {
        change.new.clone()
    } else {
        format!("{} → {}", change.old, change.new)
    }
}

/// An empty actual value is one not filled in.
fn shown(value: &str) -> String {
    if value.is_empty() {
        "（未填）".into()
    } else {
        value.to_string()
    }
}
