//! The 部门整体绩效自评表 as `jixiao import` reads it: the goals started by their labels
//! (年度目标1（11分）), the budget above the indicator table; written as 单位.yaml (with 预算),
//! one file per goal and 自评表.yaml (with the two texts of Annex 1).

use rust_decimal::Decimal;

use crate::excel::read::grid::{Grid, squeeze};
use crate::excel::read::table::{Goal, Table, value_right, weight_in};
use crate::excel::sources::{self, Decided, Extra, YamlFile, file, number};
use crate::excel::weights::{assume_weights, share};
use crate::form::boundary::{FormWorkbook, OwnCells};
use crate::form::department::excel::Workbook;
use crate::model::RuleSetName;
use crate::yaml_text::YamlText;

impl FormWorkbook for Workbook {
    /// Nothing: a sheet is this form when it is no other.
    fn recognises(&self, _above: &dyn Fn(&str) -> bool) -> bool {
        false
    }

    fn labelled_goals(&self) -> bool {
        true
    }

    fn read_own(&self, grid: &Grid, header: u32) -> Box<dyn OwnCells> {
        Box::new(budget(grid, header))
    }
}

/// 预算 as the sheet gives it.
#[derive(Debug, Default)]
struct Budget {
    weight: Option<Decimal>,
    adjusted: Option<Decimal>,
    spent: Option<Decimal>,
    basic: Option<Decimal>,
    project: Option<Decimal>,
}

/// 基本支出总额, 项目支出总额, and the row under 预算数（A） and 执行数（B）.
fn budget(grid: &Grid, header: u32) -> Budget {
    let mut budget = Budget::default();
    for row in 0..header {
        for column in 0..grid.columns() {
            if grid.origin(row, column) != (row, column) {
                continue;
            }
            let label = squeeze(grid.text(row, column));
            if label.starts_with("预算执行") {
                budget.weight = weight_in(&label);
                grid.use_cell(row, column);
            }
            let slot = if label.starts_with("基本支出") {
                &mut budget.basic
            } else if label.starts_with("项目支出") {
                &mut budget.project
            } else {
                continue;
            };
            grid.use_cell(row, column);
            if let Some((r, c, _)) = value_right(grid, row, column) {
                grid.use_cell(r, c);
                *slot = grid.number(r, c);
            }
        }
        let columns: Vec<(u32, String)> = (0..grid.columns())
            .map(|column| (column, squeeze(grid.text(row, column))))
            .collect();
        let adjusted = columns
            .iter()
            .find(|(_, t)| t.starts_with("预算数"))
            .map(|(c, _)| *c);
        let spent = columns
            .iter()
            .find(|(_, t)| t.starts_with("执行数"))
            .map(|(c, _)| *c);
        if let (Some(adjusted), Some(spent)) = (adjusted, spent) {
            for (column, text) in &columns {
                if text.starts_with("预算数")
                    || text.starts_with("执行数")
                    || text.starts_with("执行率")
                    || text.starts_with("得分")
                {
                    grid.use_cell(row, *column);
                }
            }
            let below = row + 1;
            let number = |column: u32| grid.number(below, column);
            budget.adjusted = number(adjusted);
            budget.spent = number(spent);
            for column in 0..grid.columns() {
                grid.use_cell(below, column);
            }
        }
    }
    budget
}

impl OwnCells for Budget {
    /// Each goal's weight shared equally by its indicators.
    fn assume_weights(&self, table: &mut Table, sheet: &str) {
        assume_weights(table, sheet, "年度目标的分值", |goal| {
            let total = goal.weight.unwrap_or_default();
            share(goal.indicators.iter_mut().collect(), total);
        });
    }

    fn fill_gaps(&mut self, sheet: &str, notes: &mut Vec<String>) {
        if self.weight.is_none() {
            self.weight = Some(Decimal::from(20));
            notes.push(format!(
                "{sheet}：预算执行的分值没有写（如「预算执行情况（20分）」），按湖北的 20 分写入"
            ));
        }
    }

    /// The default (湖北).
    fn rule_set(&self) -> Option<RuleSetName> {
        None
    }

    fn files(&self, table: &Table, decided: &Decided) -> Vec<YamlFile> {
        let mut files = vec![file("单位.yaml", |yaml| {
            sources::unit(yaml, table, &[]);
            self.write(yaml);
        })];
        let width = table.goals.len().to_string().len();
        for (goal, extras) in table.goals.iter().zip(&decided.rows) {
            let name = format!("目标{:0width$}.yaml", goal.number);
            files.push(file(&name, |yaml| goal_section(yaml, goal, extras)));
        }
        let texts = [
            ("偏差大或目标未完成原因分析", &table.deviation),
            ("改进措施及结果应用方案", &table.improvement),
        ];
        files.push(sources::annex(table, &texts));
        files
    }
}

impl Budget {
    /// `预算:` with the amounts the sheet gives.
    fn write(&self, yaml: &mut YamlText) {
        yaml.open(0, "预算");
        let amounts = [
            ("分值", self.weight),
            ("调整后预算数", self.adjusted),
            ("执行数", self.spent),
            ("基本支出", self.basic),
            ("项目支出", self.project),
        ];
        for (key, amount) in amounts {
            if let Some(amount) = amount {
                yaml.raw(2, key, &number(amount), None);
            }
        }
    }
}

/// `年度目标N:` with its 名称, 分值 and indicators.
fn goal_section(yaml: &mut YamlText, goal: &Goal, extras: &[Extra]) {
    let key = format!("年度目标{}", goal.number);
    yaml.open(0, &key);
    let name = if goal.name.is_empty() {
        format!("年度目标{}", goal.number)
    } else {
        goal.name.clone()
    };
    yaml.text(2, "名称", &name);
    let weight = goal.weight.unwrap_or_else(|| {
        // Each weight is below 10¹⁵ (import's limit on numbers): the sum cannot overflow.
        goal.indicators
            .iter()
            .filter_map(|r| r.weight)
            .fold(Decimal::ZERO, Decimal::saturating_add)
    });
    yaml.raw(2, "分值", &number(weight), None);
    sources::indicator_tree(yaml, 2, goal, extras);
}
