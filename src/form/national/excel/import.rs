//! 项目支出 / 部门整体支出绩效自评表 as `jixiao import` reads them: one tree of indicators, the
//! 项目资金 block and the 年度总体目标 texts above it; written as 单位.yaml (with 表样, the
//! header cells and 资金), 总体目标.yaml, 指标.yaml and 自评表.yaml.

use rust_decimal::Decimal;

use crate::excel::read::grid::{Grid, squeeze};
use crate::excel::read::table::{Row, Table};
use crate::excel::sources::{self, Decided, YamlFile, file, number, with_newline};
use crate::excel::weights::{assume_weights, share, unique};
use crate::form::FormKind;
use crate::form::boundary::{FormWorkbook, OwnCells};
use crate::form::national::DEFAULT_LABEL;
use crate::form::national::excel::Workbook;
use crate::model::RuleSetName;
use crate::yaml_text::YamlText;

impl FormWorkbook for Workbook {
    /// The table's name, or the cell that marks it: 项目名称 the project table, 年度资金总额
    /// the department's (asked after the project table, which has it too).
    fn recognises(&self, above: &dyn Fn(&str) -> bool) -> bool {
        let only = match self.0 {
            FormKind::Project => "项目名称",
            _ => "年度资金总额",
        };
        above(self.0.name()) || above(only)
    }

    fn labelled_goals(&self) -> bool {
        false
    }

    fn read_own(&self, grid: &Grid, header: u32) -> Box<dyn OwnCells> {
        let mut own = NationalCells {
            form: self.0,
            ..NationalCells::default()
        };
        own.funds(grid, header);
        own.goal_texts(grid, header);
        Box::new(own)
    }
}

/// What the sheet gives of the national table's own parts.
#[derive(Debug, Default)]
struct NationalCells {
    form: FormKind,
    /// Each row of 项目资金 by its name: 年初预算数, 全年预算数, 全年执行数.
    funds: Vec<(String, [Option<Decimal>; 3])>,
    /// The rows by nature (部门整体支出): group (按收入性质分, 按支出性质分), row name and cells.
    natures: Vec<(&'static str, &'static str, [Option<Decimal>; 3])>,
    funds_weight: Option<Decimal>,
    /// The funds block's name when the table prints another than 项目资金.
    funds_label: Option<String>,
    expected: Option<String>,
    achieved: Option<String>,
}

impl NationalCells {
    /// The funds block: the row with 年初预算数, 全年预算数, 全年执行数 and the rows named
    /// 年度资金总额 and its 其中 rows below it.
    fn funds(&mut self, grid: &Grid, header: u32) {
        let Some((row, _)) = grid.find(|t| t.starts_with("全年预算数")) else {
            return;
        };
        if row >= header {
            return;
        }
        let column_of = |needle: &str| {
            (0..grid.columns()).find(|c| squeeze(grid.text(row, *c)).starts_with(needle))
        };
        let cells = [
            column_of("年初预算数"),
            column_of("全年预算数"),
            column_of("全年执行数"),
        ];
        let weight = column_of("分值");
        let (label_row, label_column) = grid.origin(row, 0);
        let label = squeeze(grid.text(label_row, label_column));
        let label = label.strip_suffix("（万元）").unwrap_or(&label);
        if !label.is_empty() && label != DEFAULT_LABEL && !label.contains("预算数") {
            self.funds_label = Some(label.to_string());
        }
        for column in 0..grid.columns() {
            grid.use_cell(row, column);
        }
        let mut group = None;
        for below in row + 1..header {
            let texts: Vec<String> = (0..grid.columns())
                .map(|c| squeeze(grid.text(below, c)))
                .collect();
            if texts.iter().any(|t| t.starts_with("按收入性质分")) {
                group = Some("按收入性质分");
            } else if texts.iter().any(|t| t.starts_with("按支出性质分")) {
                group = Some("按支出性质分");
            } else if texts.iter().any(|t| t == "年度总体目标") {
                group = None;
            }
            let values = || cells.map(|column| column.and_then(|c| grid.number(below, c)));
            let nature = texts.iter().find_map(|t| match group {
                Some("按收入性质分") if t.ends_with("财政拨款") => Some("财政拨款"),
                Some("按收入性质分") if t.ends_with("其他资金") => Some("其他资金"),
                Some(_) if t.ends_with("基本支出") => Some("基本支出"),
                Some(_) if t.ends_with("项目支出") => Some("项目支出"),
                _ => None,
            });
            if let (Some(group), Some(name)) = (group, nature) {
                let group = if matches!(name, "基本支出" | "项目支出") {
                    "按支出性质分"
                } else {
                    group
                };
                self.use_row(grid, below);
                self.natures.push((group, name, values()));
                continue;
            }
            let name = texts.iter().find(|t| {
                t.contains("资金总额")
                    || t.contains("财政拨款")
                    || t.contains("结转")
                    || t.contains("其他资金")
            });
            let Some(name) = name else { continue };
            let name = if name.contains("资金总额") {
                "年度资金总额"
            } else if name.contains("财政拨款") {
                "本年财政拨款"
            } else if name.contains("结转") {
                "上年结转资金"
            } else {
                "其他资金"
            };
            if name == "年度资金总额" {
                self.funds_weight = weight.and_then(|c| grid.number(below, c));
            }
            self.use_row(grid, below);
            self.funds.push((name.to_string(), values()));
        }
    }

    /// Marks the cells of a funds row read (and the block's label merged over it).
    fn use_row(&self, grid: &Grid, below: u32) {
        for column in 0..grid.columns() {
            let (r, c) = grid.origin(below, column);
            if r == below || grid.text(r, c).contains("资金") {
                grid.use_cell(r, c);
            }
        }
    }

    /// 年度总体目标: the texts under 预期目标 and 实际完成情况.
    fn goal_texts(&mut self, grid: &Grid, header: u32) {
        let Some((row, expected)) = grid.find(|t| t == "预期目标") else {
            return;
        };
        let achieved =
            (0..grid.columns()).find(|c| squeeze(grid.text(row, *c)).starts_with("实际完成情况"));
        grid.use_cell(row, expected);
        if let Some((label_row, label_column)) = grid.find(|t| t == "年度总体目标") {
            grid.use_cell(label_row, label_column);
        }
        let below = grid.region_end(row, expected).0 + 1;
        if below >= header {
            return;
        }
        let text = |column: u32| {
            grid.use_cell(below, column);
            Some(grid.text(below, column).to_string()).filter(|t| !t.trim().is_empty())
        };
        self.expected = text(expected);
        if let Some(achieved) = achieved {
            grid.use_cell(row, achieved);
            self.achieved = text(achieved);
        }
    }
}

impl OwnCells for NationalCells {
    /// Each 一级指标's weight (in its label, 产出指标（50分）) shared equally by its indicators;
    /// when not every label has one, what 资金 leaves of 100 shared by all.
    fn assume_weights(&self, table: &mut Table, sheet: &str) {
        let funds = self.funds_weight.unwrap_or(Decimal::TEN);
        let by = "一级指标的分值（未标分值时按 100 减资金分值）";
        assume_weights(table, sheet, by, |goal| {
            let level1s: Vec<String> = unique(goal.indicators.iter().map(|r| r.level1.clone()));
            let labelled = goal.indicators.iter().all(|r| r.level1_weight.is_some());
            if labelled {
                for level1 in level1s {
                    let rows: Vec<&mut Row> = goal
                        .indicators
                        .iter_mut()
                        .filter(|r| r.level1 == level1)
                        .collect();
                    let total = rows[0].level1_weight.unwrap_or_default();
                    share(rows, total);
                }
            } else {
                share(
                    goal.indicators.iter_mut().collect(),
                    Decimal::ONE_HUNDRED - funds,
                );
            }
        });
    }

    fn fill_gaps(&mut self, sheet: &str, notes: &mut Vec<String>) {
        if self.funds_weight.is_none() {
            self.funds_weight = Some(Decimal::TEN);
            notes.push(format!("{sheet}：资金的分值没有写，按全国模板的 10 分写入"));
        }
    }

    fn rule_set(&self) -> Option<RuleSetName> {
        Some(RuleSetName::National)
    }

    fn files(&self, table: &Table, decided: &Decided) -> Vec<YamlFile> {
        vec![
            file("单位.yaml", |yaml| {
                yaml.text(0, "表样", self.form.name());
                let names = [
                    ("项目名称", &table.project_name),
                    ("主管部门", &table.department),
                    ("实施单位", &table.implementer),
                ];
                sources::unit(yaml, table, &names);
                self.write_funds(yaml);
            }),
            file("总体目标.yaml", |yaml| self.write_goal(yaml)),
            file("指标.yaml", |yaml| {
                if let (Some(goal), Some(extras)) = (table.goals.first(), decided.rows.first()) {
                    sources::indicator_tree(yaml, 0, goal, extras);
                }
            }),
            sources::annex(table, &[]),
        ]
    }
}

impl NationalCells {
    /// `资金:` with its 分值 and a row per row of the sheet.
    fn write_funds(&self, yaml: &mut YamlText) {
        yaml.open(0, "资金");
        if let Some(label) = &self.funds_label {
            yaml.text(2, "名称", label);
        }
        yaml.raw(
            2,
            "分值",
            &number(self.funds_weight.unwrap_or(Decimal::TEN)),
            None,
        );
        let row = |cells: &[Option<Decimal>; 3]| {
            let written: Vec<String> = ["年初预算数", "全年预算数", "全年执行数"]
                .iter()
                .zip(cells)
                .filter_map(|(key, cell)| cell.map(|c| format!("{key}: {}", number(c))))
                .collect();
            format!("{{{}}}", written.join(", "))
        };
        for (name, cells) in &self.funds {
            yaml.raw(2, name, &row(cells), None);
        }
        let mut open = None;
        for (group, name, cells) in &self.natures {
            if open != Some(*group) {
                yaml.open(2, group);
                open = Some(*group);
            }
            yaml.raw(4, name, &row(cells), None);
        }
    }

    /// `年度总体目标:` with 预期目标 and 实际完成情况.
    fn write_goal(&self, yaml: &mut YamlText) {
        yaml.open(0, "年度总体目标");
        for (key, text) in [
            ("预期目标", &self.expected),
            ("实际完成情况", &self.achieved),
        ] {
            match text {
                Some(text) => yaml.block(2, key, &with_newline(text)),
                None => yaml.raw(2, key, "\"\"", None),
            }
        }
    }
}
