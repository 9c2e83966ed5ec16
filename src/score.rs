//! Scores by the official rules (domain.md section 4), exact decimal throughout.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::located::At;
use crate::model::{Band, Budget, Direction, Goal, Indicator, Report, ReverseRule, Text};
use crate::value::{Comparator, Quantity, Value, parse_value};

/// 偏差大 by default: a met indicator 30 % or more above its target.
pub const DEFAULT_DEVIATION_THRESHOLD: Decimal = Decimal::from_parts(30, 0, 0, false, 0);

/// The scores of a whole report.
#[derive(Clone, Debug)]
pub struct Scores {
    pub budget: BudgetScore,
    pub goals: Vec<GoalScore>,
    pub total: Decimal,
    pub grade: Grade,
}

#[derive(Clone, Debug)]
pub struct BudgetScore {
    pub weight: Decimal,
    /// 执行率 as a percentage rounded to 0.01 (100.00 for 100 %).
    pub rate_percent: Decimal,
    pub score: Decimal,
}

#[derive(Clone, Debug)]
pub struct GoalScore {
    pub weight: Decimal,
    /// The sum of the rounded indicator scores.
    pub score: Decimal,
    pub indicators: Vec<IndicatorScore>,
}

/// One indicator's score and how it came about.
#[derive(Clone, Debug)]
pub struct IndicatorScore {
    pub target: Value,
    /// None while 实际完成值 is not filled in.
    pub actual: Option<Value>,
    pub weight: Decimal,
    pub rule: Rule,
    /// What the rule gives, rounded.
    pub rule_score: Decimal,
    /// The score that counts: a hand-given 得分 if any, else the rule's.
    pub score: Decimal,
    pub hand_scored: bool,
    /// 完成: the score equals the weight.
    pub met: bool,
    /// How far a met quantity is beyond its target in the better direction (above it for 正向,
    /// below it for 反向), as a fraction of the target (0.30 = 30 %).
    pub excess: Option<Decimal>,
}

/// The rule that gave an indicator's score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// 正向: full when B ≥ A, else 分值 × B/A.
    Higher,
    /// 反向 by the ratio convention: full when B ≤ A, else 分值 × A/B.
    LowerRatio,
    /// 反向 by linear deduction: 分值 × (1 − (B − A)/A), 0 from B ≥ 2A.
    LowerLinear,
    /// Target 0: full when B = 0, else 0.
    ZeroTarget,
    /// Qualitative, by the band reached.
    Qualitative,
    /// 无法取得 or not filled in: 0.
    NoData,
}

impl Rule {
    pub fn name_zh(self) -> &'static str {
        match self {
            Rule::Higher => "正向指标：达到目标得满分，否则按 实际/目标 比例得分",
            Rule::LowerRatio => "反向指标（比值法）：不超过目标得满分，否则按 目标/实际 比例得分",
            Rule::LowerLinear => "反向指标（线性扣减法）：不超过目标得满分，否则按超出比例扣分",
            Rule::ZeroTarget => "零目标：实际为 0 得满分，否则不得分",
            Rule::Qualitative => "定性指标：按达成档次得分",
            Rule::NoData => "无法取得数据：不得分",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Grade {
    #[serde(rename = "优")]
    Excellent,
    #[serde(rename = "良")]
    Good,
    #[serde(rename = "中")]
    Fair,
    #[serde(rename = "差")]
    Poor,
}

impl Grade {
    /// 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60.
    pub fn of(total: Decimal) -> Grade {
        match total {
            t if t >= Decimal::from(90) => Grade::Excellent,
            t if t >= Decimal::from(80) => Grade::Good,
            t if t >= Decimal::from(60) => Grade::Fair,
            _ => Grade::Poor,
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Grade::Excellent => "优",
            Grade::Good => "良",
            Grade::Fair => "中",
            Grade::Poor => "差",
        }
    }
}

/// 四舍五入 to 0.01.
pub fn round_score(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The share of the weight each band allows: (lowest, highest) as fractions. Each band includes
/// its lowest share and, except 达成, not its highest (财预〔2020〕10号: 100–80 %（含 80 %）,
/// 80–60 %（含 60 %）, 60–0 %): 80 % is 达成, 60 % is 部分达成.
pub fn band_range(band: Band) -> (Decimal, Decimal) {
    let percent = |n: i64| Decimal::new(n, 2);
    match band {
        Band::Reached => (percent(80), percent(100)),
        Band::Partly => (percent(60), percent(80)),
        Band::Missed => (percent(0), percent(60)),
    }
}

/// Whether `score` (of `weight`) lies inside `band`, by [`band_range`]'s edges.
pub fn in_band(band: Band, score: Decimal, weight: Decimal) -> bool {
    let (low, high) = band_range(band);
    let (low, high) = (weight * low, weight * high);
    let below_top = if band == Band::Reached {
        score <= high
    } else {
        score < high
    };
    score >= low && below_top
}

/// The band's scores in words: "1.60 到 2.00 分" or "1.20 分（含）到 1.60 分（不含）".
pub fn band_range_text(band: Band, weight: Decimal) -> String {
    let (low, high) = band_range(band);
    let (low, high) = (two_decimals(weight * low), two_decimals(weight * high));
    match band {
        Band::Reached => format!("{low} 到 {high} 分"),
        _ => format!("{low} 分（含）到 {high} 分（不含）"),
    }
}

/// The band a qualitative indicator reached: the stated 完成档次, or 达成 when the actual value
/// is the target as written; None when neither (the indicator must state its band).
pub fn effective_band(indicator: &Indicator, target: &Value, actual: &Value) -> Option<Band> {
    match indicator.band.as_ref().map(|b| b.value) {
        Some(band) => Some(band),
        None if same_text(target, actual) => Some(Band::Reached),
        None => None,
    }
}

pub fn score_report(report: &Report) -> Scores {
    let reverse = report
        .settings
        .reverse_rule
        .as_ref()
        .map(|rule| rule.value)
        .unwrap_or_default();
    let budget = score_budget(&report.budget);
    let goals: Vec<GoalScore> = report
        .goals
        .iter()
        .map(|goal| score_goal(goal, reverse))
        .collect();
    let total = budget.score + goals.iter().map(|g| g.score).sum::<Decimal>();
    Scores {
        budget,
        goals,
        total,
        grade: Grade::of(total),
    }
}

/// 得分 = 分值 × min(B/A, 1), A the adjusted budget.
pub fn score_budget(budget: &Budget) -> BudgetScore {
    let adjusted = budget.adjusted.value.0;
    let spent = budget.spent.value.0;
    let weight = budget.weight.value.0;
    let rate = if adjusted > Decimal::ZERO {
        spent / adjusted
    } else {
        Decimal::ZERO
    };
    BudgetScore {
        weight,
        rate_percent: round_score(rate * Decimal::ONE_HUNDRED),
        score: round_score(weight * rate.clamp(Decimal::ZERO, Decimal::ONE)),
    }
}

fn score_goal(goal: &Goal, reverse: ReverseRule) -> GoalScore {
    let indicators: Vec<IndicatorScore> = goal
        .indicators()
        .map(|indicator| score_indicator(indicator, reverse))
        .collect();
    GoalScore {
        weight: goal.weight.value.0,
        score: indicators.iter().map(|i| i.score).sum(),
        indicators,
    }
}

/// The 实际完成值 when it says something: a blank one (`实际完成值: ""`) is not filled in.
pub fn filled_actual(indicator: &Indicator) -> Option<&At<Text>> {
    indicator
        .actual
        .as_ref()
        .filter(|actual| !actual.value.0.trim().is_empty())
}

pub fn score_indicator(indicator: &Indicator, reverse: ReverseRule) -> IndicatorScore {
    let weight = indicator.weight.value.0;
    let target = parse_value(&indicator.target);
    let actual = filled_actual(indicator).map(|a| parse_value(a));
    let direction = indicator.direction.as_ref().map(|d| d.value);
    let (rule, fraction) = rule_fraction(&target, actual.as_ref(), direction, indicator, reverse);
    let rule_score = rule_share(weight, fraction);
    let hand_score = indicator.score.as_ref().map(|s| s.value.0);
    let score = hand_score.map_or(rule_score, |hand| bounded_hand_score(hand, weight));
    let met = score == weight;
    IndicatorScore {
        excess: excess(rule, &target, actual.as_ref()).filter(|_| met),
        target,
        actual,
        weight,
        rule,
        rule_score,
        score,
        hand_scored: hand_score.is_some(),
        met,
    }
}

/// The rule's score: 分值 × the share, rounded, never above 分值 (a weight with more than two
/// decimals, itself an error, stays met when the target is reached).
fn rule_share(weight: Decimal, fraction: Decimal) -> Decimal {
    round_score(weight * fraction.clamp(Decimal::ZERO, Decimal::ONE)).min(weight)
}

/// A hand score as it counts: rounded to 0.01 and kept inside [0, 分值] (one outside is an error
/// the review reports; the score stays a possible one meanwhile).
fn bounded_hand_score(hand: Decimal, weight: Decimal) -> Decimal {
    round_score(hand).max(Decimal::ZERO).min(weight)
}

/// Which rule applies and the share of the weight it gives (before rounding).
fn rule_fraction(
    target: &Value,
    actual: Option<&Value>,
    direction: Option<Direction>,
    indicator: &Indicator,
    reverse: ReverseRule,
) -> (Rule, Decimal) {
    match (target, actual) {
        (_, None | Some(Value::NoData)) => (Rule::NoData, Decimal::ZERO),
        (Value::Quantity(a), Some(Value::Quantity(b))) => {
            quantity_fraction(a, b, direction, reverse)
        }
        (_, Some(actual)) => (
            Rule::Qualitative,
            qualitative_fraction(target, actual, indicator),
        ),
    }
}

fn quantity_fraction(
    target: &Quantity,
    actual: &Quantity,
    direction: Option<Direction>,
    reverse: ReverseRule,
) -> (Rule, Decimal) {
    let (a, b) = (target.number, actual.number);
    let lower_is_better = match direction {
        Some(direction) => direction == Direction::Lower,
        None => target.comparator.is_some_and(|c| c.is_upper_bound()),
    };
    if a.is_zero() && !explicitly_higher(target, direction) {
        let full = if b.is_zero() {
            Decimal::ONE
        } else {
            Decimal::ZERO
        };
        return (Rule::ZeroTarget, full);
    }
    if !lower_is_better {
        let met = b >= a;
        return (Rule::Higher, if met { Decimal::ONE } else { b / a });
    }
    let met = b <= a;
    match reverse {
        ReverseRule::Ratio => (Rule::LowerRatio, if met { Decimal::ONE } else { a / b }),
        ReverseRule::Linear => {
            let fraction = if met {
                Decimal::ONE
            } else {
                Decimal::ONE - (b - a) / a
            };
            (Rule::LowerLinear, fraction)
        }
    }
}

/// Higher is better by the target's `≥`/`>` or by `方向: 正向`: then a target of 0 is met by any
/// actual value (a plain `0起` is a zero target).
fn explicitly_higher(target: &Quantity, direction: Option<Direction>) -> bool {
    match direction {
        Some(direction) => direction == Direction::Higher,
        None => matches!(
            target.comparator,
            Some(Comparator::AtLeast | Comparator::MoreThan)
        ),
    }
}

/// An actual equal to its target is 达成; otherwise the stated band decides: 达成 is full, the
/// other bands need a hand score (their lowest share stands in until one is given).
fn qualitative_fraction(target: &Value, actual: &Value, indicator: &Indicator) -> Decimal {
    match effective_band(indicator, target, actual).unwrap_or(Band::Missed) {
        Band::Reached => Decimal::ONE,
        other => band_range(other).0,
    }
}

pub fn same_text(target: &Value, actual: &Value) -> bool {
    value_text(target) == value_text(actual)
}

fn value_text(value: &Value) -> String {
    match value {
        Value::Quantity(q) => format!(
            "{:?}{}{}",
            q.comparator,
            q.number.normalize(),
            q.normalized_unit()
        ),
        Value::NoData => crate::value::NO_DATA.to_string(),
        Value::Qualitative(text) => text.clone(),
    }
}

/// How far the actual value lies beyond the target in the better direction, as a fraction of the
/// target: above it for 正向, below it for 反向 (zero targets have none).
fn excess(rule: Rule, target: &Value, actual: Option<&Value>) -> Option<Decimal> {
    let (Value::Quantity(a), Some(Value::Quantity(b))) = (target, actual) else {
        return None;
    };
    if a.number <= Decimal::ZERO {
        return None;
    }
    match rule {
        Rule::Higher => Some((b.number - a.number) / a.number),
        Rule::LowerRatio | Rule::LowerLinear => Some((a.number - b.number) / a.number),
        _ => None,
    }
}

/// A weight, score or amount as printed: two decimals, rounded half up.
pub fn two_decimals(value: Decimal) -> String {
    format!("{:.2}", round_score(value))
}
