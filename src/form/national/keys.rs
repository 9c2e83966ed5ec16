//! Reading the keys only the national tables have, and putting them together.

use serde::de::MapAccess;
use serde::{Deserialize, Deserializer};

use super::{Funds, National, OverallGoal, goal};
use crate::diagnostic::Span;
use crate::form::keys::TopKey;
use crate::located::At;
use crate::model::settings::{RuleSetName, Settings};
use crate::model::tree::{Budget, Goal, Level1, level1_groups};

/// One top-level value of these forms, typed by its key.
#[derive(Debug)]
pub enum Entry {
    ProjectName(At<String>),
    Department(At<String>),
    Implementer(At<String>),
    Funds(Box<Funds>),
    OverallGoal(OverallGoal),
    Indicators(At<Vec<Level1>>),
    Remarks(At<String>),
}

impl Entry {
    pub fn key(&self) -> TopKey {
        match self {
            Entry::ProjectName(_) => TopKey::ProjectName,
            Entry::Department(_) => TopKey::Department,
            Entry::Implementer(_) => TopKey::Implementer,
            Entry::Funds(_) => TopKey::Funds,
            Entry::OverallGoal(_) => TopKey::OverallGoal,
            Entry::Indicators(_) => TopKey::Indicators,
            Entry::Remarks(_) => TopKey::Remarks,
        }
    }
}

/// Reads the value of `key` when it is one of these forms' keys; None (and the value left
/// unread) otherwise.
pub fn read<'de, A: MapAccess<'de>>(key: &str, map: &mut A) -> Result<Option<Entry>, A::Error> {
    let entry = match TopKey::from_key(key) {
        Some(TopKey::ProjectName) => Entry::ProjectName(map.next_value()?),
        Some(TopKey::Department) => Entry::Department(map.next_value()?),
        Some(TopKey::Implementer) => Entry::Implementer(map.next_value()?),
        Some(TopKey::Funds) => Entry::Funds(Box::new(map.next_value()?)),
        Some(TopKey::OverallGoal) => Entry::OverallGoal(map.next_value()?),
        Some(TopKey::Indicators) => {
            let tree: At<IndicatorTree> = map.next_value()?;
            Entry::Indicators(At::new(tree.value.0, tree.span))
        }
        Some(TopKey::Remarks) => Entry::Remarks(map.next_value()?),
        _ => return Ok(None),
    };
    Ok(Some(entry))
}

/// The indicator tree under the national tables' `指标:` key.
struct IndicatorTree(Vec<Level1>);

impl<'de> Deserialize<'de> for IndicatorTree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        level1_groups(deserializer).map(IndicatorTree)
    }
}

/// These forms' entries of all files, before they are put together.
#[derive(Default)]
pub struct Draft {
    project_name: Option<At<String>>,
    department: Option<At<String>>,
    implementer: Option<At<String>>,
    funds: Option<Funds>,
    overall_goal: Option<OverallGoal>,
    indicators: Option<At<Vec<Level1>>>,
    remarks: Option<At<String>>,
}

impl Draft {
    pub fn take(&mut self, entry: Entry) {
        match entry {
            Entry::ProjectName(v) => self.project_name = Some(v),
            Entry::Department(v) => self.department = Some(v),
            Entry::Implementer(v) => self.implementer = Some(v),
            Entry::Funds(v) => self.funds = Some(*v),
            Entry::OverallGoal(v) => self.overall_goal = Some(v),
            Entry::Indicators(v) => self.indicators = Some(v),
            Entry::Remarks(v) => self.remarks = Some(v),
        }
    }

    /// The report's 预算执行 (from 年度资金总额), its one goal and this form's own part. A
    /// national table is scored by the national rules unless it names others.
    pub fn finish(
        self,
        form_at: Span,
        settings: &mut Settings,
    ) -> Option<(Budget, Vec<Goal>, National)> {
        let funds = self.funds?;
        let indicators = self.indicators?;
        if settings.rule_set.is_none() {
            settings.rule_set = Some(At::new(RuleSetName::National, form_at));
        }
        let budget = funds.budget(form_at);
        let indicators_at = indicators.span;
        let own = National {
            form_at,
            project_name: self.project_name,
            department: self.department,
            implementer: self.implementer,
            funds,
            overall_goal: self.overall_goal.unwrap_or_default(),
            indicators_at,
            remarks: self.remarks,
        };
        Some((budget, vec![goal(indicators)], own))
    }
}

/// What these forms write instead of a key of another form.
pub fn instead(key: TopKey) -> &'static str {
    match key {
        TopKey::Budget => "预算执行写在「资金:」下（分值和年度资金总额）；",
        TopKey::Goals => "全国表样只有一个「年度总体目标」，指标直接写在顶层的「指标:」下；",
        _ => "",
    }
}

/// How to add one of these forms' required keys.
pub fn missing_help(key: TopKey, form_name: &str) -> Option<String> {
    let help = match key {
        TopKey::ProjectName => format!("{form_name}须写明项目：在顶层加上一行，如「项目名称: 社区养老服务补助」"),
        TopKey::Funds => "在顶层加上「资金:」，其下写 分值 和「年度资金总额: {年初预算数: …, 全年预算数: …, 全年执行数: …}」（万元）".to_string(),
        TopKey::OverallGoal => "在顶层加上「年度总体目标:」，其下写「预期目标: |」和「实际完成情况: |」两段文字".to_string(),
        TopKey::Indicators => "在顶层加上「指标:」，其下按 一级指标 → 二级指标 → 列表 写绩效指标，如「产出指标: 数量指标: - 三级指标: …」".to_string(),
        _ => return None,
    };
    Some(help)
}
