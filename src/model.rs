//! The report as typed data: what the YAML sources say, with where they say it.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::located::At;
use crate::yaml_error::with_help;

/// A whole report, merged from its source files.
#[derive(Clone, Debug)]
pub struct Report {
    pub unit_name: At<String>,
    pub short_name: Option<At<String>>,
    pub region: Option<At<String>>,
    pub year: At<u16>,
    pub submitted: At<Date>,
    pub title: Option<At<String>>,
    pub settings: Settings,
    pub budget: Budget,
    pub goals: Vec<Goal>,
    pub abridged: AbridgedTexts,
    pub annex: AnnexTexts,
}

impl Report {
    /// The name used in generated sentences: 简称 when given.
    pub fn short_or_full_name(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.unit_name)
    }

    /// 报告名称, by default "{年度}年度部门整体绩效自评结果".
    pub fn report_title(&self) -> String {
        match &self.title {
            Some(title) => title.value.clone(),
            None => format!("{}年度部门整体绩效自评结果", self.year.value),
        }
    }

    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.goals.iter().flat_map(Goal::indicators)
    }
}

#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "设置（可选）")]
pub struct Settings {
    #[serde(rename = "反向指标计分")]
    #[schemars(description = "反向指标未达到目标时的计分方法，默认为比值法")]
    pub reverse_rule: Option<At<ReverseRule>>,
    #[serde(rename = "偏差大阈值")]
    #[schemars(
        description = "已达到目标的指标超出目标值（反向指标低于目标值）达到这个比例时算偏差大，须写「说明」；默认 30%"
    )]
    pub deviation_threshold: Option<At<Percent>>,
    #[serde(rename = "标题断行")]
    #[schemars(
        description = "标题在这些文字之后换行（可选），如 [武汉东湖新技术开发区]；不写时标题只在年度、地区、单位名称和文件名称之间换行"
    )]
    pub title_breaks: Option<Vec<At<String>>>,
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

#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "预算执行情况（金额单位：万元）")]
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
    #[schemars(schema_with = "crate::schema::indicator_groups")]
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
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "绩效指标，以三级指标命名")]
pub struct Indicator {
    #[serde(rename = "三级指标")]
    #[schemars(description = "三级指标的名称")]
    pub name: At<String>,
    #[serde(rename = "年初目标值")]
    #[schemars(
        description = "年初目标值 A：如 ≥80%、30 个、≤10 人次、0起，或「不断提升」这样的定性文字"
    )]
    pub target: At<Text>,
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

/// The narrative slots of the abridged report (摘要版).
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "摘要版的文字；得分句、汇总表和完成情况由工具生成")]
pub struct AbridgedTexts {
    /// 一、（一）: the opening paragraphs, before the generated score sentence.
    #[serde(rename = "自评得分概述")]
    #[schemars(description = "一、（一）开头的概述段落，写在生成的得分句之前")]
    pub overview: Option<At<String>>,
    /// （三）1.
    #[serde(rename = "上年度结果应用情况")]
    #[schemars(description = "（三）1. 上年度结果应用情况")]
    pub last_year_results: Option<At<String>>,
    /// （三）2.
    #[serde(rename = "本年存在的问题及原因")]
    #[schemars(description = "（三）2. 本年存在的问题及原因")]
    pub problems: Option<At<String>>,
    /// （四）1.
    #[serde(rename = "下一步拟改进措施")]
    #[schemars(description = "（四）1. 下一步拟改进措施")]
    pub next_steps: Option<At<String>>,
    /// （四）2.
    #[serde(rename = "拟与预算安排相结合情况")]
    #[schemars(description = "（四）2. 拟与预算安排相结合情况")]
    pub budget_link: Option<At<String>>,
}

/// The two long text cells of Annex 1.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "附件1 自评表末尾的两个长文字单元格")]
pub struct AnnexTexts {
    #[serde(rename = "偏差大或目标未完成原因分析")]
    #[schemars(description = "附件1 的长文字单元格：偏差大或目标未完成原因分析")]
    pub deviation_analysis: Option<At<String>>,
    #[serde(rename = "改进措施及结果应用方案")]
    #[schemars(description = "附件1 的长文字单元格：改进措施及结果应用方案")]
    pub improvement_plan: Option<At<String>>,
    /// The sign-off block under the table: who filled it in, who answers for it, when.
    #[serde(rename = "填报人")]
    #[schemars(description = "附件1 表下的填报人姓名（可选；不写时留出签名横线）")]
    pub filled_by: Option<At<String>>,
    #[serde(rename = "联系电话")]
    #[schemars(description = "填报人的联系电话（可选；不写时留出横线）")]
    pub phone: Option<At<Text>>,
    #[serde(rename = "单位负责人")]
    #[schemars(description = "单位负责人姓名（可选；不写时留出签字横线）")]
    pub head: Option<At<String>>,
    #[serde(rename = "填报日期")]
    #[schemars(description = "填报日期，写成 2023-06-10（可选；默认为提交时间）")]
    pub filled_on: Option<At<Date>>,
    #[serde(rename = "盖章")]
    #[schemars(description = "写 true 时在表下为单位公章留出位置")]
    pub seal: Option<At<bool>>,
}

/// An exact decimal read from the written text (`13581.20` keeps its scale), never via a float.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(pub Decimal);

impl std::ops::Deref for Amount {
    type Target = Decimal;
    fn deref(&self) -> &Decimal {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(ScalarText("数字（如 13581.29）"))?;
        parse_amount(&text)
            .map(Amount)
            .ok_or_else(|| de::Error::custom(not_a_number(&text)))
    }
}

fn not_a_number(text: &str) -> String {
    if is_plain_number(text.trim()) {
        return with_help(
            &format!("「{text}」的位数太多，无法精确计算"),
            "数字最多 28 位（整数和小数合计）：检查是否多写了数字",
        );
    }
    let without_commas = text.replace([',', '，'], "");
    let help = if parse_amount(&without_commas).is_some() {
        format!("去掉千分位逗号，写成 {}", without_commas.trim())
    } else {
        "只写阿拉伯数字和小数点，如 13581.29（不要写单位、千分位逗号或汉字）".to_string()
    };
    with_help(&format!("「{text}」不是有效的数字"), &help)
}

/// Whether `text` is written as a plain decimal: digits with at most one inner point, maybe `-`.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && !digits.starts_with('.')
        && !digits.ends_with('.')
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
}

/// Reads a plain decimal number exactly; `+`, `,` and exponents are not accepted, nor numbers
/// with more digits than a decimal holds (which the decimal type would silently round).
pub fn parse_amount(text: &str) -> Option<Decimal> {
    let text = text.trim();
    if !is_plain_number(text) {
        return None;
    }
    let written_scale = text
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len());
    Decimal::from_str(text)
        .ok()
        .filter(|number| usize::try_from(number.scale()).is_ok_and(|scale| scale == written_scale))
}

/// A percentage written `30%` or `30`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Percent(pub Decimal);

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(ScalarText("百分数（如 30%）"))?;
        let number = text.trim().trim_end_matches(['%', '％']);
        parse_amount(number).map(Percent).ok_or_else(|| {
            de::Error::custom(with_help(
                &format!("「{text}」不是有效的百分数"),
                "写成 30% 这样的形式",
            ))
        })
    }
}

/// Any scalar kept as written: `800`, `≥80%`, `不断提升`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text(pub String);

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(ScalarText("文字或数字"))?;
        Ok(Text(text.trim().to_string()))
    }
}

/// A budget year written as four digits: `2022`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Year(pub u16);

impl<'de> Deserialize<'de> for Year {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(ScalarText("年份（如 2022）"))?;
        let trimmed = text.trim();
        let four_digits = trimmed.len() == 4 && trimmed.chars().all(|c| c.is_ascii_digit());
        trimmed
            .parse()
            .ok()
            .filter(|_| four_digits)
            .map(Year)
            .ok_or_else(|| {
                de::Error::custom(with_help(
                    &format!("「{text}」不是有效的年度"),
                    "用四位阿拉伯数字写年份，如 2022（不要写「年」字或汉字数字）",
                ))
            })
    }
}

/// A calendar date written `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..=9999).contains(&year) && (1..=days).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// 2023 年 6 月 10 日
    pub fn to_zh(self) -> String {
        format!("{} 年 {} 月 {} 日", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(ScalarText("日期（如 2023-06-10）"))?;
        Date::parse(&text).ok_or_else(|| {
            de::Error::custom(with_help(
                &format!("「{text}」不是有效的日期"),
                "写成 2023-06-10 这样的「年-月-日」，并检查这一天是否存在",
            ))
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Takes any scalar as its source text; `expecting` says in Chinese what was wanted.
struct ScalarText(&'static str);

impl<'de> Visitor<'de> for ScalarText {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
        Ok(text.to_string())
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<String, E> {
        Ok(text)
    }
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

fn level1_groups<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Level1>, D::Error> {
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
