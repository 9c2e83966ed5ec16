//! The report as typed data: what the YAML sources say, with where they say it.

pub mod exact;
pub mod numerals;
pub mod taxonomy;
pub mod value;

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::form::FormKind;
use crate::form::national::National;
use crate::source::located::At;
use crate::source::yaml_error::with_help;

/// A whole report, merged from its source files.
#[derive(Clone, Debug)]
pub struct Report {
    /// 表样: which table the report is.
    pub form: FormKind,
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
    /// What the national tables add (None in the 部门整体绩效自评表).
    pub national: Option<National>,
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
    #[serde(rename = "标题断行")]
    #[schemars(
        description = "标题在这些文字之后换行（可选），如 [武汉东湖新技术开发区]；不写时标题只在年度、地区、单位名称和文件名称之间换行"
    )]
    pub title_breaks: Option<Vec<At<String>>>,
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
    let trimmed = text.trim();
    if is_plain_number(trimmed) {
        return with_help(
            &format!("「{text}」位数太多，超出了可以计算的范围"),
            &bounds_help(),
        );
    }
    if let Some(ascii) = numerals::half_width(trimmed) {
        return full_width(text, &ascii);
    }
    let help = match comma_help(trimmed) {
        Some(help) => help,
        None => "只写阿拉伯数字和小数点，如 13581.29（不要写单位、千分位逗号或汉字）".to_string(),
    };
    with_help(&format!("「{text}」不是有效的数字"), &help)
}

/// A number typed with the input method in full-width mode: its half-width form.
fn full_width(text: &str, ascii: &str) -> String {
    let number = ascii.strip_suffix('%').unwrap_or(ascii);
    let help = match (parse_amount(number), comma_help(number)) {
        (Some(_), _) => format!("改成半角：{ascii}（可关掉输入法的全角模式再输入）"),
        (None, Some(commas)) => format!("改成半角，并且{commas}"),
        (None, None) => format!(
            "改成半角（{ascii}），并只写阿拉伯数字和小数点，如 13581.29（可关掉输入法的全角模式再输入）"
        ),
    };
    with_help(&format!("「{text}」用了全角的数字或符号"), &help)
}

/// What to do about a number with commas: drop thousands separators; a comma that may be a
/// decimal comma (`1,5`) is asked about, never read as one reading or the other.
fn comma_help(text: &str) -> Option<String> {
    if !text.contains(',') || !is_plain_number(&text.replace(',', "")) {
        return None;
    }
    let without = text.replace(',', "");
    if numerals::is_thousands_grouped(text.trim_start_matches('-')) {
        return Some(format!("去掉千分位逗号，写成 {without}"));
    }
    Some(comma_question(text))
}

/// `1,5`: is it 1.5 or 15? Both readings, for the user to choose.
fn comma_question(number: &str) -> String {
    match numerals::comma_readings(number) {
        (Some(decimal), whole) => format!(
            "「{number}」中的逗号是小数点还是千分位？是 {decimal} 就写成 {decimal}（小数点用半角句点），是 {whole} 就写成 {whole}（不写千分位逗号）"
        ),
        (None, whole) => format!(
            "「{number}」中的逗号不是按千分位写的：是 {whole} 就写成 {whole}（不写逗号），有小数时用半角句点「.」"
        ),
    }
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

/// The most integer digits a number may have: 10¹⁷ 万元 is far beyond any budget, and
/// 17 digits are what a float would already have lost.
pub const MAX_INTEGER_DIGITS: usize = 17;
/// The most decimals a number may have (money and weights are further limited to two).
pub const MAX_DECIMALS: usize = 6;

/// With these bounds no ratio, difference or product the scoring computes can overflow:
/// 10¹⁷ ÷ 10⁻⁶ × 100 = 10²⁵ is well inside a decimal's 7.9 × 10²⁸.
pub fn bounds_help() -> String {
    format!(
        "数字的整数部分最多 {MAX_INTEGER_DIGITS} 位、小数最多 {MAX_DECIMALS} 位（金额单位是万元）：检查是否多写了数字"
    )
}

/// Whether a plain decimal as written lies inside [`MAX_INTEGER_DIGITS`] and [`MAX_DECIMALS`].
pub fn within_bounds(text: &str) -> bool {
    let digits = text.trim().trim_start_matches('-');
    let (integer, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let integer = integer.trim_start_matches('0');
    integer.len() <= MAX_INTEGER_DIGITS && fraction.len() <= MAX_DECIMALS
}

/// Reads a plain decimal number exactly; `+`, `,` and exponents are not accepted, nor numbers
/// beyond [`within_bounds`].
pub fn parse_amount(text: &str) -> Option<Decimal> {
    let text = text.trim();
    if !is_plain_number(text) || !within_bounds(text) {
        return None;
    }
    Decimal::from_str(text).ok()
}

/// A percentage written with its sign: `30%` (`％` too). `0.3` or `30` is an error: it is not
/// clear whether 30 % or 0.3 % is meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Percent(pub Decimal);

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(ScalarText("百分数（如 30%）"))?;
        parse_percent(&text).map(Percent).map_err(de::Error::custom)
    }
}

/// `30%` → 30; the message says what is wrong otherwise.
fn parse_percent(text: &str) -> Result<Decimal, String> {
    let trimmed = text.trim();
    let Some(number) = trimmed.strip_suffix(['%', '％']).map(str::trim) else {
        let help = match parse_amount(trimmed) {
            Some(number) => format!(
                "要写百分号：{}% 还是 {}%？如 30% 写成「30%」",
                number.normalize(),
                exact::percent(number).normalize()
            ),
            None => "写成 30% 这样的形式".to_string(),
        };
        return Err(with_help(
            &format!("「{text}」没有写 %，这里要的是百分数"),
            &help,
        ));
    };
    parse_amount(number).ok_or_else(|| match numerals::half_width(trimmed) {
        Some(ascii) => full_width(text, &ascii),
        None => with_help(
            &format!("「{text}」不是有效的百分数"),
            "写成 30% 这样的形式",
        ),
    })
}

/// A range of percentages `50%-80%` (also `50%~80%`, `50%至80%`), both ends with `%`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PercentRange {
    pub low: Decimal,
    pub high: Decimal,
}

const RANGE_SEPARATORS: &[char] = &['-', '–', '—', '~', '～', '至', '到'];

impl<'de> Deserialize<'de> for PercentRange {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(ScalarText("百分数区间（如 60%-80%）"))?;
        parse_percent_range(&text).map_err(de::Error::custom)
    }
}

fn parse_percent_range(text: &str) -> Result<PercentRange, String> {
    let Some((low, high)) = text.split_once(RANGE_SEPARATORS) else {
        return Err(with_help(
            &format!("「{text}」不是百分数区间"),
            "写成「60%-80%」这样的「下限%-上限%」",
        ));
    };
    let (low, high) = (parse_percent(low)?, parse_percent(high)?);
    let hundred = Decimal::ONE_HUNDRED;
    if low < Decimal::ZERO || high > hundred || low >= high {
        return Err(with_help(
            &format!("「{text}」不是有效的区间"),
            "下限要小于上限，且都在 0% 到 100% 之间，如「60%-80%」",
        ));
    }
    Ok(PercentRange { low, high })
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

/// The years a report can be about, for `check` (年度) and `new --year` alike: performance
/// budgeting began in the 2000s; a year outside is a typing mistake (`0000`, `2202`).
pub const YEARS: std::ops::RangeInclusive<u16> = 1990..=2100;

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
                let help = match numerals::half_width(trimmed) {
                    Some(ascii) if digits(&ascii, 4..=4).is_some() => {
                        format!("年份用了全角数字：改成半角的 {ascii}")
                    }
                    _ => "用四位阿拉伯数字写年份，如 2022（半角数字，不要写「年」字或汉字数字）"
                        .into(),
                };
                de::Error::custom(with_help(&format!("「{text}」不是有效的年度"), &help))
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
    /// `2023-06-10` (month and day may have one digit). Only digits: Rust's number parsing
    /// would also take `+1`, so `2023-06-+1` would be the first of June.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i32 = digits(parts.next()?, 4..=4)?.parse().ok()?;
        let month: u8 = digits(parts.next()?, 1..=2)?.parse().ok()?;
        let day: u8 = digits(parts.next()?, 1..=2)?.parse().ok()?;
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

/// `text` when it is `count` ASCII digits and nothing else.
fn digits(text: &str, count: std::ops::RangeInclusive<usize>) -> Option<&str> {
    (count.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())).then_some(text)
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = deserializer.deserialize_str(ScalarText("日期（如 2023-06-10）"))?;
        Date::parse(&text).ok_or_else(|| {
            let help = match numerals::half_width(text.trim()) {
                Some(ascii) if Date::parse(&ascii).is_some() => {
                    format!("日期用了全角的数字或符号：改成半角的 {ascii}")
                }
                _ => {
                    "写成 2023-06-10 这样的「年-月-日」（只写数字和半角减号），并检查这一天是否存在"
                        .into()
                }
            };
            de::Error::custom(with_help(&format!("「{text}」不是有效的日期"), &help))
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
