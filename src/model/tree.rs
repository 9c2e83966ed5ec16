//! What every form scores: 预算执行 and the 年度目标 with their indicator tree.

use std::fmt;

use schemars::JsonSchema;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::located::At;

use super::scalars::{Amount, Text};

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "预算执行情况（金额单位：万元；「设置: 金额单位: 元」时为元）")]
pub struct Budget {
    #[serde(rename = "分值")]
    #[schemars(description = "预算执行的分值（湖北为 20，全国模板为 10）")]
    pub weight: At<Amount>,
    #[serde(rename = "批复数")]
    #[schemars(description = "年初批复的预算数（万元，可选）")]
    pub approved: Option<At<Amount>>,
    /// 预算数 (A)
    #[serde(rename = "调整后预算数")]
    #[schemars(description = "调整后预算数，即预算数 A（万元）")]
    pub adjusted: At<Amount>,
    /// 执行数 (B)
    #[serde(rename = "执行数")]
    #[schemars(description = "执行数 B（万元）")]
    pub spent: At<Amount>,
    #[serde(rename = "基本支出")]
    #[schemars(description = "执行数中的基本支出（万元，可选；与项目支出之和应等于执行数）")]
    pub basic: Option<At<Amount>>,
    #[serde(rename = "项目支出")]
    #[schemars(description = "执行数中的项目支出（万元，可选；与基本支出之和应等于执行数）")]
    pub project: Option<At<Amount>>,
    /// The rows a form prints its budget in (年度资金总额 and its 其中 rows), when it does.
    #[serde(skip)]
    #[schemars(skip)]
    pub rows: Vec<BudgetRow>,
}

/// 年度目标: a sentence, a weight and its indicators grouped by 一级 and 二级指标.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "年度目标：目标的表述、分值，以及按一级、二级指标分组的绩效指标")]
pub struct Goal {
    #[serde(rename = "名称")]
    #[schemars(description = "年度目标的表述")]
    pub name: At<String>,
    #[serde(rename = "分值")]
    #[schemars(description = "本目标的分值，等于其下各指标分值之和")]
    pub weight: At<Amount>,
    #[serde(rename = "指标", deserialize_with = "level1_groups")]
    #[schemars(schema_with = "super::tree_schema::indicator_groups")]
    pub groups: Vec<Level1>,
}

impl Goal {
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.groups
            .iter()
            .flat_map(|l1| l1.groups.iter().flat_map(|l2| l2.indicators.iter()))
    }

    /// Every indicator with the names of its 一级 and 二级指标.
    pub fn rows(&self) -> impl Iterator<Item = (&At<String>, &At<String>, &Indicator)> {
        self.groups.iter().flat_map(|l1| {
            l1.groups
                .iter()
                .flat_map(move |l2| l2.indicators.iter().map(move |i| (&l1.name, &l2.name, i)))
        })
    }
}

/// The indicators of one 一级指标.
#[derive(Clone, Debug)]
pub struct Level1 {
    pub name: At<String>,
    pub groups: Vec<Level2>,
}

/// The indicators of one 二级指标.
#[derive(Clone, Debug)]
pub struct Level2 {
    pub name: At<String>,
    pub indicators: Vec<Indicator>,
}

/// 绩效指标, named by its 三级指标.
/// 年初目标值 is required in the schema, so that an editor's indicator skeleton has it: 指标值
/// instead is the rarer way, and `check` accepts it.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[schemars(transform = target_required)]
#[serde(deny_unknown_fields)]
#[schemars(description = "绩效指标，以三级指标命名")]
pub struct Indicator {
    #[serde(rename = "三级指标")]
    #[schemars(description = "三级指标的名称")]
    pub name: At<String>,
    #[serde(rename = "年初目标值", default = "unwritten_target")]
    #[schemars(
        description = "年初目标值 A：如 ≥80%、30 个、≤10 人次、0起，或「不断提升」这样的定性文字；也可分写为指标性质、指标值和度量单位"
    )]
    pub target: At<Text>,
    #[serde(rename = "指标性质")]
    #[schemars(
        description = "预算管理一体化的写法：正向指标、反向指标、定性指标或等于；与「指标值」「度量单位」一起代替「年初目标值」，并作为计分的方向"
    )]
    pub nature: Option<At<Nature>>,
    #[serde(rename = "指标值")]
    #[schemars(
        description = "预算管理一体化的写法：目标的数值（如 95）或定性文字，单位写在「度量单位」"
    )]
    pub value: Option<At<Text>>,
    #[serde(rename = "度量单位")]
    #[schemars(description = "预算管理一体化的写法：指标值的单位，如 %、个、人次")]
    pub unit: Option<At<String>>,
    #[serde(rename = "实际完成值")]
    #[schemars(
        description = "实际完成值 B，写法同年初目标值；取不到数据时写「无法取得」；尚未知道时不写"
    )]
    pub actual: Option<At<Text>>,
    #[serde(rename = "分值")]
    #[schemars(description = "指标的分值")]
    pub weight: At<Amount>,
    #[serde(rename = "得分")]
    #[schemars(
        description = "手工给出的得分（评价人的判断）；与按规则的得分不同时须写「得分说明」"
    )]
    pub score: Option<At<Amount>>,
    #[serde(rename = "得分说明")]
    #[schemars(description = "手工得分与按规则的得分不同的理由")]
    pub score_reason: Option<At<String>>,
    #[serde(rename = "完成档次")]
    #[schemars(
        description = "定性指标的完成档次：达成、部分达成或未达成；实际完成值与目标值不同时必填"
    )]
    pub band: Option<At<Band>>,
    #[serde(rename = "说明")]
    #[schemars(description = "未完成或偏差大的原因，列入未完成指标的说明")]
    pub explanation: Option<At<String>>,
    #[serde(rename = "方向")]
    #[schemars(description = "正向或反向；不写时由目标值判断（≤、< 为反向）")]
    pub direction: Option<At<Direction>>,
}

/// The band a qualitative indicator reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "定性指标的完成档次")]
pub enum Band {
    /// 80–100 % of the weight
    #[serde(rename = "达成")]
    #[schemars(description = "达成：得分为分值的 80%–100%")]
    Reached,
    /// 60–80 %
    #[serde(rename = "部分达成")]
    #[schemars(description = "部分达成：得分为分值的 60%–80%，须手工写「得分」")]
    Partly,
    /// 0–60 %
    #[serde(rename = "未达成")]
    #[schemars(description = "未达成：得分为分值的 0–60%，须手工写「得分」")]
    Missed,
}

impl Indicator {
    /// 实际完成值 as written; empty while not filled in.
    pub fn actual_text(&self) -> String {
        self.actual
            .as_ref()
            .map(|a| a.0.clone())
            .unwrap_or_default()
    }

    /// 说明 without the blank lines around it; empty when not written.
    pub fn explanation_text(&self) -> String {
        self.explanation
            .as_ref()
            .map(|e| e.value.trim().to_string())
            .unwrap_or_default()
    }
}

impl Band {
    pub fn name_zh(self) -> &'static str {
        match self {
            Band::Reached => "达成",
            Band::Partly => "部分达成",
            Band::Missed => "未达成",
        }
    }
}

/// 年初目标值 not written (the indicator may give 指标值 instead): no text, no place.
fn unwritten_target() -> At<Text> {
    At::new(Text(String::new()), crate::diagnostic::Span::default())
}

/// 指标性质 as the 预算管理一体化 system writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "指标性质")]
pub enum Nature {
    /// higher is better: the value is a lower bound
    #[serde(rename = "正向指标", alias = "正向")]
    #[schemars(description = "正向指标：实际达到指标值及以上为完成")]
    Higher,
    /// lower is better: the value is an upper bound
    #[serde(rename = "反向指标", alias = "反向")]
    #[schemars(description = "反向指标：实际不超过指标值为完成")]
    Lower,
    /// a text target
    #[serde(rename = "定性指标", alias = "定性")]
    #[schemars(description = "定性指标：指标值是文字，如「不断提升」")]
    Qualitative,
    /// the value itself
    #[serde(rename = "等于", alias = "等于指标")]
    #[schemars(description = "等于：实际等于指标值为完成（按未写比较符的目标值计分）")]
    Equal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "指标的方向")]
pub enum Direction {
    /// higher is better
    #[serde(rename = "正向")]
    #[schemars(description = "正向：越高越好")]
    Higher,
    /// lower is better
    #[serde(rename = "反向")]
    #[schemars(description = "反向：越低越好")]
    Lower,
}

/// A mapping read in the order it was written, keys located.
struct OrderedMap<V>(Vec<(At<String>, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("以指标名称为键的映射")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<At<String>>()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(OrderedMap(entries))
            }
        }
        deserializer.deserialize_map(MapVisitor(std::marker::PhantomData))
    }
}

/// The indicator tree under `指标:`: 一级 → 二级 → list of indicators, in the order written.
pub fn level1_groups<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Level1>, D::Error> {
    let map = OrderedMap::<OrderedMap<Vec<Indicator>>>::deserialize(deserializer)?;
    Ok(map
        .0
        .into_iter()
        .map(|(name, level2)| Level1 {
            name,
            groups: level2
                .0
                .into_iter()
                .map(|(name, indicators)| Level2 { name, indicators })
                .collect(),
        })
        .collect())
}

impl Budget {
    /// Whether 预算执行 is scored: tables that score only the indicators give it no weight.
    pub fn scored(&self) -> bool {
        !self.weight.value.0.is_zero()
    }
}

/// One row of a budget table: its name and the three amounts, each of which may be left blank.
#[derive(Clone, Debug)]
pub struct BudgetRow {
    pub name: &'static str,
    /// 年初预算数
    pub initial: Option<At<Amount>>,
    /// 全年预算数
    pub budget: Option<At<Amount>>,
    /// 全年执行数
    pub spent: Option<At<Amount>>,
}

/// How the summary of scores breaks the total down after 预算执行.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breakdown {
    /// A row per 年度目标.
    Goals,
    /// A row per 一级指标 (a form whose indicators are one table).
    Level1,
}

fn target_required(schema: &mut schemars::Schema) {
    if let Some(serde_json::Value::Array(required)) = schema.get_mut("required") {
        let target = serde_json::Value::from("年初目标值");
        if !required.contains(&target) {
            required.insert(1, target);
        }
    }
}
