//! 设置: the rule set a report is scored by and its overrides.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::diagnostic::with_help;
use crate::located::At;

use super::scalars::{Amount, Percent, PercentRange, ScorePlaces};

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "设置（可选）")]
pub struct Settings {
    #[serde(rename = "计分规则")]
    #[schemars(
        description = "计分规则：湖北（默认）、全国（财预〔2020〕10号）或安徽；下面各项可逐项改写规则的默认值"
    )]
    pub rule_set: Option<At<RuleSetName>>,
    #[serde(rename = "反向指标计分")]
    #[schemars(description = "反向指标未达到目标时的计分方法，默认为比值法")]
    pub reverse_rule: Option<At<ReverseRule>>,
    #[serde(rename = "偏差大阈值")]
    #[schemars(
        description = "已达到目标的指标超出目标值（反向指标低于目标值）达到这个比例时算偏差大，须写「说明」；默认 30%"
    )]
    pub deviation_threshold: Option<At<Percent>>,
    #[serde(rename = "达成区间")]
    #[schemars(description = "定性指标「达成」的得分区间（占分值的百分比），如 80%-100%")]
    pub reached_range: Option<At<PercentRange>>,
    #[serde(rename = "部分达成区间")]
    #[schemars(
        description = "定性指标「部分达成」的得分区间（占分值的百分比），如 60%-80%（安徽部分表格为 50%-80%）"
    )]
    pub partly_range: Option<At<PercentRange>>,
    #[serde(rename = "未达成区间")]
    #[schemars(description = "定性指标「未达成」的得分区间（占分值的百分比），如 0%-60%")]
    pub missed_range: Option<At<PercentRange>>,
    #[serde(rename = "预算执行分值")]
    #[schemars(
        description = "预算执行应有的分值（湖北、安徽为 20，全国为 10），与预算的分值不符时提示"
    )]
    pub budget_weight: Option<At<Amount>>,
    #[serde(rename = "指标体系")]
    #[schemars(
        description = "指标体系：产出效益满意度（默认：产出、效益、满意度、成本指标）、决策过程产出效益（部分省份部门整体评价表的决策、过程、产出、效益），或本报告自己的一级指标及其二级指标，如「管理: [制度建设, 资金管理]」"
    )]
    pub framework: Option<At<Framework>>,
    #[serde(rename = "标题断行")]
    #[schemars(
        description = "标题在这些文字之后换行（可选），如 [武汉东湖新技术开发区]；不写时标题只在年度、地区、单位名称和文件名称之间换行"
    )]
    pub title_breaks: Option<Vec<At<String>>>,
    #[serde(rename = "金额单位")]
    #[schemars(
        description = "报告中金额的单位：万元（默认）或 元；预算数、执行数等都按这个单位填写，报告和工作簿的表头也这样打印。执行率是比值，计分不受影响"
    )]
    pub money_unit: Option<At<MoneyUnit>>,
    #[serde(rename = "得分小数位数")]
    #[schemars(
        description = "得分保留的小数位数：2（默认）、1 或 0（整数）；每个指标和预算执行的得分按这个位数四舍五入，总分是各行四舍五入后的得分之和"
    )]
    pub score_places: Option<At<ScorePlaces>>,
}

impl Settings {
    /// 金额单位, 万元 unless the report says 元.
    pub fn money_unit(&self) -> MoneyUnit {
        self.money_unit
            .as_ref()
            .map(|unit| unit.value)
            .unwrap_or_default()
    }

    /// 得分小数位数, 2 unless the report says otherwise.
    pub fn score_places(&self) -> u32 {
        self.score_places
            .as_ref()
            .map_or(ScorePlaces::default().0, |places| places.value.0)
    }
}

/// 金额单位: the unit every amount of a report is written and printed in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "金额单位")]
pub enum MoneyUnit {
    #[default]
    #[serde(rename = "万元")]
    #[schemars(description = "万元（默认）")]
    TenThousandYuan,
    #[serde(rename = "元")]
    #[schemars(description = "元")]
    Yuan,
}

impl MoneyUnit {
    /// 万元 or 元, as the headers print it.
    pub fn name_zh(self) -> &'static str {
        match self {
            MoneyUnit::TenThousandYuan => "万元",
            MoneyUnit::Yuan => "元",
        }
    }

    /// What two decimals of the unit are exact to: 百元 for 万元, 分 for 元.
    pub fn cents_zh(self) -> &'static str {
        match self {
            MoneyUnit::TenThousandYuan => "百元",
            MoneyUnit::Yuan => "分",
        }
    }

    /// The unit named in a header such as 项目资金（元） or 全年预算数（万元）, if any.
    pub fn in_header(header: &str) -> Option<MoneyUnit> {
        if header.contains("（万元）") || header.contains("(万元)") {
            Some(MoneyUnit::TenThousandYuan)
        } else if header.contains("（元）") || header.contains("(元)") {
            Some(MoneyUnit::Yuan)
        } else {
            None
        }
    }
}

/// The named rule sets of domain.md section 8.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "计分规则")]
pub enum RuleSetName {
    #[default]
    #[serde(rename = "湖北")]
    #[schemars(description = "湖北（默认）：预算执行 20 分，档次 80–100 / 60–80 / 0–60%")]
    Hubei,
    #[serde(rename = "全国")]
    #[schemars(
        description = "全国（财预〔2020〕10号）：预算执行 10 分，档次 80–100 / 60–80 / 0–60%"
    )]
    National,
    #[serde(rename = "安徽")]
    #[schemars(description = "安徽：预算执行 20 分，档次 80–100 / 50–80 / 0–50%")]
    Anhui,
}

impl RuleSetName {
    pub fn name_zh(self) -> &'static str {
        match self {
            RuleSetName::Hubei => "湖北",
            RuleSetName::National => "全国",
            RuleSetName::Anhui => "安徽",
        }
    }
}

/// How a 反向 (lower-is-better) indicator that missed its target is scored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[schemars(description = "反向指标未达到目标时的计分方法")]
pub enum ReverseRule {
    /// 分值 × A/B
    #[default]
    #[serde(rename = "比值法")]
    #[schemars(description = "比值法（默认）：分值 × A/B")]
    Ratio,
    /// 分值 × (1 − (B − A)/A), 0 from B ≥ 2A
    #[serde(rename = "线性扣减法")]
    #[schemars(description = "线性扣减法：分值 × (1 − (B − A)/A)，B ≥ 2A 时得 0 分")]
    Linear,
}

/// The 一级 and 二级指标 a report's tables use (domain.md section 3 and the provinces' 部门整体
/// tables): one of the presets, or the report's own list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Framework {
    /// 产出指标, 效益指标, 满意度指标, 成本指标 and their 二级.
    #[default]
    Standard,
    /// 决策, 过程, 产出, 效益 (效果).
    DecisionProcess,
    /// The report's own 一级指标, each with its 二级指标, in the order written.
    Own(Vec<OwnLevel1>),
}

/// A 一级指标 of a report's own framework and the 二级指标 under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnLevel1 {
    pub name: String,
    pub level2: Vec<String>,
}

/// The presets by the names written after `指标体系:`.
const PRESETS: &[(&str, Framework)] = &[
    ("产出效益满意度", Framework::Standard),
    ("决策过程产出效益", Framework::DecisionProcess),
];

const STANDARD_DESCRIPTION: &str =
    "产出效益满意度（默认）：一级指标为产出指标、效益指标、满意度指标、成本指标";
const DECISION_PROCESS_DESCRIPTION: &str = "决策过程产出效益：一级指标为决策（项目立项、绩效目标、资金投入）、过程（资金管理、组织实施）、产出（产出数量、产出质量、产出时效、产出成本）、效益（经济效益、社会效益、生态效益、可持续影响、满意度），效益也可写作效果";
const OWN_DESCRIPTION: &str = "本报告自己的指标体系：一级指标 → 其下二级指标的列表，如「管理: [制度建设, 资金管理]」；指标只能用这里写的一级、二级指标，不检查产出、效益指标和满意度指标的占比";

impl Framework {
    /// The name a preset is written with; a report's own list has none and reads 自定指标体系.
    pub fn name_zh(&self) -> &'static str {
        match self {
            Framework::Standard => "产出效益满意度",
            Framework::DecisionProcess => "决策过程产出效益",
            Framework::Own(_) => "自定指标体系",
        }
    }
}

impl<'de> Deserialize<'de> for Framework {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FrameworkVisitor)
    }
}

struct FrameworkVisitor;

impl<'de> Visitor<'de> for FrameworkVisitor {
    type Value = Framework;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(
            "指标体系的名称（产出效益满意度 或 决策过程产出效益），或 一级指标 → 二级指标列表",
        )
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Framework, E> {
        PRESETS
            .iter()
            .find(|(name, _)| *name == text.trim())
            .map(|(_, framework)| framework.clone())
            .ok_or_else(|| E::custom(not_a_framework(text)))
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Framework, M::Error> {
        let mut levels: Vec<OwnLevel1> = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            let level2: Vec<String> = map.next_value()?;
            if level2.is_empty() {
                return Err(de::Error::custom(with_help(
                    &format!("指标体系中一级指标「{name}」下没有二级指标"),
                    &format!(
                        "写成「{name}: [二级指标, 二级指标]」，列出表格中「{name}」下的二级指标"
                    ),
                )));
            }
            if levels.iter().any(|level| level.name == name) {
                return Err(de::Error::custom(format!(
                    "指标体系中一级指标「{name}」写了两次"
                )));
            }
            levels.push(OwnLevel1 { name, level2 });
        }
        if levels.is_empty() {
            return Err(de::Error::custom(not_a_framework("")));
        }
        Ok(Framework::Own(levels))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Framework, A::Error> {
        Err(de::Error::custom(not_a_framework("一个列表")))
    }
}

fn not_a_framework(text: &str) -> String {
    let typed: Vec<&str> = PRESETS.iter().map(|(name, _)| *name).collect();
    let hint = match crate::diagnostic::closest(text.trim(), &typed) {
        Some(close) if !text.trim().is_empty() => format!("是不是想写「{close}」？"),
        _ => String::new(),
    };
    with_help(
        &format!("「{text}」不是可用的指标体系"),
        &format!(
            "{hint}写 产出效益满意度（默认）、决策过程产出效益，或者按表格列出一级指标和其下的二级指标，如：\n    指标体系:\n      管理: [制度建设, 资金管理]\n      效果: [社会效益, 满意度]"
        ),
    )
}

impl JsonSchema for Framework {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Framework".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "指标体系",
            "oneOf": [
                { "description": STANDARD_DESCRIPTION, "type": "string", "const": "产出效益满意度" },
                { "description": DECISION_PROCESS_DESCRIPTION, "type": "string", "const": "决策过程产出效益" },
                {
                    "description": OWN_DESCRIPTION,
                    "type": "object",
                    "minProperties": 1,
                    "additionalProperties": {
                        "description": "这个一级指标下的二级指标",
                        "type": "array",
                        "items": { "type": "string" },
                        "minItems": 1,
                    },
                },
            ],
        })
    }
}
