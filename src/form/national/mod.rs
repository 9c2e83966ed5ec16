//! What the two national tables (项目支出绩效自评表, 部门整体支出绩效自评表) add to a report: the
//! header cells, the 项目资金 block, the 年度总体目标 texts and the 备注 under the table. Their
//! indicators are one tree of 一级 → 二级 → 三级, scored as one goal. Their 自评表 sheet in a
//! workbook is laid out in [`excel`].

pub mod check;
pub mod document;
pub mod example;
pub mod excel;
mod form;
pub mod keys;
pub mod next_year;
pub mod schema;
pub mod templates;
pub mod widths;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::diagnostic::Span;
use crate::located::At;
use crate::model::exact;
use crate::model::scalars::Amount;
use crate::model::tree::{Budget, BudgetRow, Goal, Level1};

/// The parts of a report that only the national tables have.
#[derive(Clone, Debug)]
pub struct National {
    /// Where `表样` is written.
    pub form_at: Span,
    /// 项目名称 (项目支出 only).
    pub project_name: Option<At<String>>,
    /// 主管部门.
    pub department: Option<At<String>>,
    /// 实施单位 (the unit itself when not given).
    pub implementer: Option<At<String>>,
    pub funds: Funds,
    pub overall_goal: OverallGoal,
    /// Where `指标:` is written; the indicators themselves are the report's one goal.
    pub indicators_at: Span,
    /// 备注: the 注 lines under the table.
    pub remarks: Option<At<String>>,
}

/// 项目资金（万元）: the total and its three 其中 rows, the 部门整体支出 table's rows by nature, and
/// the weight of 预算执行.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "项目资金（万元；「设置: 金额单位: 元」时为元）：年度资金总额及其中的本年财政拨款、上年结转资金、其他资金"
)]
pub struct Funds {
    #[serde(rename = "名称")]
    #[schemars(
        description = "资金一栏的名称，照表中所印，如「预算资金」「年度预算申请」（可选；不写时为「项目资金」，表中印作「名称（万元）」）"
    )]
    pub label: Option<At<String>>,
    #[serde(rename = "分值")]
    #[schemars(
        description = "预算执行的分值（全国模板为 10）；不写或写 0 表示资金不计分：表中资金各行不印分值和得分，指标的分值合计为 100"
    )]
    pub weight: Option<At<Amount>>,
    #[serde(rename = "年度资金总额")]
    #[schemars(description = "年度资金总额：执行率和得分由这一行计算；等于其中各行之和")]
    pub total: FundTotal,
    #[serde(rename = "本年财政拨款")]
    #[schemars(description = "其中：本年财政拨款（可选；不写时表中留空）")]
    pub fiscal: Option<FundRow>,
    #[serde(rename = "上年结转资金")]
    #[schemars(description = "其中：上年结转资金（可选；不写时表中留空）")]
    pub carried_over: Option<FundRow>,
    #[serde(rename = "其他资金")]
    #[schemars(description = "其中：其他资金（可选；不写时表中留空）")]
    pub other: Option<FundRow>,
    #[serde(rename = "按收入性质分")]
    #[schemars(
        description = "部门整体支出绩效自评表的资金按收入性质分：财政拨款、其他资金两行（可选；写了时各行之和应等于年度资金总额）"
    )]
    pub by_income: Option<At<ByIncome>>,
    #[serde(rename = "按支出性质分")]
    #[schemars(
        description = "部门整体支出绩效自评表的资金按支出性质分：基本支出、项目支出两行（可选；写了时各行之和应等于年度资金总额）"
    )]
    pub by_spending: Option<At<BySpending>>,
}

/// 按收入性质分: the funds by where the money comes from.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "按收入性质分（万元）：财政拨款和其他资金；不写的行表中留空")]
pub struct ByIncome {
    #[serde(rename = "财政拨款")]
    #[schemars(description = "财政拨款（可选）")]
    pub fiscal: Option<FundRow>,
    #[serde(rename = "其他资金")]
    #[schemars(description = "其他资金（可选）")]
    pub other: Option<FundRow>,
}

/// 按支出性质分: the funds by what the money is spent on.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "按支出性质分（万元）：基本支出和项目支出；不写的行表中留空")]
pub struct BySpending {
    #[serde(rename = "基本支出")]
    #[schemars(description = "基本支出（可选）")]
    pub basic: Option<FundRow>,
    #[serde(rename = "项目支出")]
    #[schemars(description = "项目支出（可选）")]
    pub project: Option<FundRow>,
}

/// A group of funds rows by nature: its name, where it is written and its two rows.
pub struct NatureGroup<'a> {
    pub name: &'static str,
    pub at: Span,
    pub rows: [(&'static str, Option<&'a FundRow>); 2],
}

/// 年度资金总额: the row the execution rate and score come from.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "年度资金总额（万元）：执行率 = 全年执行数 ÷ 全年预算数")]
pub struct FundTotal {
    #[serde(rename = "年初预算数")]
    #[schemars(description = "年初预算数（万元，可选）")]
    pub initial: Option<At<Amount>>,
    #[serde(rename = "全年预算数")]
    #[schemars(description = "全年预算数 A（万元）")]
    pub budget: At<Amount>,
    #[serde(rename = "全年执行数")]
    #[schemars(description = "全年执行数 B（万元）")]
    pub spent: At<Amount>,
}

/// One 其中 row: every cell may be left blank.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "「其中」的一行（万元）；不写的格留空")]
pub struct FundRow {
    #[serde(rename = "年初预算数")]
    #[schemars(description = "年初预算数（万元，可选）")]
    pub initial: Option<At<Amount>>,
    #[serde(rename = "全年预算数")]
    #[schemars(description = "全年预算数（万元，可选）")]
    pub budget: Option<At<Amount>>,
    #[serde(rename = "全年执行数")]
    #[schemars(description = "全年执行数（万元，可选）")]
    pub spent: Option<At<Amount>>,
}

/// A row by nature with its group, as the scores name it: 按收入性质分：财政拨款.
fn qualified(name: &str) -> &'static str {
    match name {
        "财政拨款" => "按收入性质分：财政拨款",
        "其他资金" => "按收入性质分：其他资金",
        "基本支出" => "按支出性质分：基本支出",
        _ => "按支出性质分：项目支出",
    }
}

/// The funds block's name in the official tables.
pub const DEFAULT_LABEL: &str = "项目资金";

/// The 其中 rows as the table prints them, given or not.
pub const PART_NAMES: [&str; 3] = ["本年财政拨款", "上年结转资金", "其他资金"];

impl Funds {
    /// The 其中 rows in table order, with their names.
    pub fn parts(&self) -> [(&'static str, Option<&FundRow>); 3] {
        [
            (PART_NAMES[0], self.fiscal.as_ref()),
            (PART_NAMES[1], self.carried_over.as_ref()),
            (PART_NAMES[2], self.other.as_ref()),
        ]
    }

    /// 按收入性质分 and 按支出性质分, those written, in table order.
    pub fn nature_groups(&self) -> Vec<NatureGroup<'_>> {
        let mut groups = Vec::new();
        if let Some(income) = &self.by_income {
            groups.push(NatureGroup {
                name: "按收入性质分",
                at: income.span,
                rows: [
                    ("财政拨款", income.value.fiscal.as_ref()),
                    ("其他资金", income.value.other.as_ref()),
                ],
            });
        }
        if let Some(spending) = &self.by_spending {
            groups.push(NatureGroup {
                name: "按支出性质分",
                at: spending.span,
                rows: [
                    ("基本支出", spending.value.basic.as_ref()),
                    ("项目支出", spending.value.project.as_ref()),
                ],
            });
        }
        groups
    }

    /// Whether the table prints the three 其中 rows: unless only rows by nature are written.
    pub fn prints_parts(&self) -> bool {
        self.nature_groups().is_empty() || self.parts().iter().any(|(_, row)| row.is_some())
    }

    /// 年度资金总额, the 其中 rows and the rows by nature, as the table prints them.
    fn rows(&self) -> Vec<BudgetRow> {
        let total = &self.total;
        let mut rows = vec![BudgetRow {
            name: "年度资金总额",
            initial: total.initial.clone(),
            budget: Some(total.budget.clone()),
            spent: Some(total.spent.clone()),
        }];
        let row = |name, row: Option<&FundRow>| BudgetRow {
            name,
            initial: row.and_then(|r| r.initial.clone()),
            budget: row.and_then(|r| r.budget.clone()),
            spent: row.and_then(|r| r.spent.clone()),
        };
        if self.prints_parts() {
            rows.extend(self.parts().into_iter().map(|(name, r)| row(name, r)));
        }
        for group in self.nature_groups() {
            rows.extend(
                group
                    .rows
                    .into_iter()
                    .map(|(name, r)| row(qualified(name), r)),
            );
        }
        rows
    }

    /// The block's name as the table prints it before （万元）: 项目资金 unless written.
    pub fn label(&self) -> &str {
        self.label
            .as_ref()
            .map_or(DEFAULT_LABEL, |l| l.value.trim())
    }

    /// Whether the funds are scored: a 分值 above 0 is written (else the indicators weigh 100).
    pub fn scored(&self) -> bool {
        self.weight
            .as_ref()
            .is_some_and(|w| w.value.0 > Decimal::ZERO)
    }

    /// 预算执行 as every form scores it: A = 全年预算数, B = 全年执行数; weighing 0 (placed at
    /// `at`) when the table does not score the funds.
    pub fn budget(&self, at: Span) -> Budget {
        let weight = self.weight.clone();
        Budget {
            weight: weight.unwrap_or_else(|| At::new(Amount(Decimal::ZERO), at)),
            approved: self.total.initial.clone(),
            adjusted: self.total.budget.clone(),
            spent: self.total.spent.clone(),
            basic: None,
            project: None,
            rows: self.rows(),
        }
    }
}

/// 年度总体目标: what was planned and what was done, two text cells side by side.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "年度总体目标：预期目标和实际完成情况两段文字")]
pub struct OverallGoal {
    #[serde(rename = "预期目标")]
    #[schemars(description = "年初设定的总体目标")]
    pub expected: Option<At<String>>,
    #[serde(rename = "实际完成情况")]
    #[schemars(description = "全年实际完成的情况")]
    pub achieved: Option<At<String>>,
}

/// The indicators written under `指标:` as the one goal every form's scoring reads; its weight
/// is theirs.
pub fn goal(indicators: At<Vec<Level1>>) -> Goal {
    let weight = exact::sum(
        indicators
            .value
            .iter()
            .flat_map(|l1| l1.groups.iter().flat_map(|l2| l2.indicators.iter()))
            .map(|indicator| indicator.weight.value.0),
    );
    let span = indicators.span;
    Goal {
        name: At::new(GOAL_NAME.to_string(), span),
        weight: At::new(Amount(weight), span),
        groups: indicators.value,
    }
}

/// What the national tables call their indicators, in messages about the one goal.
pub const GOAL_NAME: &str = "绩效指标";
