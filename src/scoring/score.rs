//! Scores by the official rules (domain.md section 4), exact decimal throughout.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::located::At;
use crate::model::exact;
use crate::model::value::{Comparator, DONE_IN_TIME, Moment, Quantity, Value, parse_value};
use crate::model::{Band, Budget, Direction, Goal, Indicator, Report, ReverseRule, Text};
use crate::scoring::rule_set::{Bands, ScoringRules};

/// 偏差大 by default: a met indicator 30 % or more above its target.
pub const DEFAULT_DEVIATION_THRESHOLD: Decimal = Decimal::from_parts(30, 0, 0, false, 0);

/// The scores of a whole report.
#[derive(Clone, Debug)]
pub struct Scores {
    pub rules: ScoringRules,
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
    /// What gave the score, in words: the rule, the comparator and where it came from, the
    /// convention or the band (the JSON `rule`).
    pub basis: String,
    /// What the rule gives, rounded.
    pub rule_score: Decimal,
    /// The score that counts: a hand-given 得分 if any, else the rule's.
    pub score: Decimal,
    pub hand_scored: bool,
    /// The actual value satisfies the target (by its comparator and direction; a qualitative
    /// one at 达成).
    pub reached: bool,
    /// 完成: the target is reached and the score is the full weight.
    pub met: bool,
    /// How far a met quantity is beyond its target in the better direction (above it for 正向,
    /// below it for 反向), as a fraction of the target (0.30 = 30 %).
    pub excess: Option<Decimal>,
}

/// The rule that gave an indicator's score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// 正向: full when B reaches A (B ≥ A, or B > A for `>`), else 分值 × B/A.
    Higher,
    /// 反向 by the ratio convention: full when B ≤ A (B < A for `<`), else 分值 × A/B.
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
            Rule::NoData => "没有数据（无法取得或未填写）：不得分",
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
    round_to(value, 2)
}

/// 四舍五入 to `places` decimals (得分小数位数: 2, 1 or 0).
pub fn round_to(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

/// The share of the weight each band allows: (lowest, highest) as fractions. Each band includes
/// its lowest share and, except 达成, not its highest (财预〔2020〕10号: 100–80 %（含 80 %）,
/// 80–60 %（含 60 %）, 60–0 %): 80 % is 达成, 60 % is 部分达成.
pub fn band_range(band: Band, bands: Bands) -> (Decimal, Decimal) {
    let (low, high) = bands.range(band);
    (low / Decimal::ONE_HUNDRED, high / Decimal::ONE_HUNDRED)
}

/// Whether `score` (of `weight`) lies inside `band`, by [`band_range`]'s edges.
pub fn in_band(band: Band, bands: Bands, score: Decimal, weight: Decimal) -> bool {
    let (low, high) = band_range(band, bands);
    let (low, high) = (exact::mul(weight, low), exact::mul(weight, high));
    let below_top = if band == Band::Reached {
        score <= high
    } else {
        score < high
    };
    score >= low && below_top
}

/// The band's scores in words: "1.60 到 2.00 分" or "1.20 分（含）到 1.60 分（不含）".
pub fn band_range_text(band: Band, bands: Bands, weight: Decimal) -> String {
    let (low, high) = band_range(band, bands);
    let (low, high) = (
        two_decimals(exact::mul(weight, low)),
        two_decimals(exact::mul(weight, high)),
    );
    match band {
        Band::Reached => format!("{low} 到 {high} 分"),
        _ => format!("{low} 分（含）到 {high} 分（不含）"),
    }
}

/// Where a qualitative indicator's band comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BandSource {
    /// `完成档次: …`
    Stated,
    /// The actual value is the target as written.
    SameAsTarget,
    /// The actual value is a band label (`达成年度指标`, `部分达成` …).
    Label,
    /// `按时完成`, `提前完成`, `已完成` against a deadline or time limit.
    DoneInTime,
}

/// The band a qualitative indicator reached and why; None when nothing says (the indicator
/// must state its band).
pub fn band_reached(
    indicator: &Indicator,
    target: &Value,
    actual: &Value,
) -> Option<(Band, BandSource)> {
    if let Some(band) = &indicator.band {
        return Some((band.value, BandSource::Stated));
    }
    match actual {
        Value::Band(band) => Some((*band, BandSource::Label)),
        _ if same_text(target, actual) => Some((Band::Reached, BandSource::SameAsTarget)),
        Value::Qualitative(text) if is_time_target(target) && is_done_in_time(text) => {
            Some((Band::Reached, BandSource::DoneInTime))
        }
        _ => None,
    }
}

/// The band a qualitative indicator reached, without why.
pub fn effective_band(indicator: &Indicator, target: &Value, actual: &Value) -> Option<Band> {
    band_reached(indicator, target, actual).map(|(band, _)| band)
}

/// A deadline (`9月前`) or a time limit (`3天内`).
pub fn is_time_target(target: &Value) -> bool {
    match target {
        Value::Deadline(_) | Value::Moment(_) => true,
        Value::Quantity(q) => q.is_duration() && q.comparator.is_some_and(|c| c.is_upper_bound()),
        _ => false,
    }
}

pub fn is_done_in_time(text: &str) -> bool {
    let text = text.trim();
    DONE_IN_TIME.contains(&text)
}

pub fn score_report(report: &Report) -> Scores {
    let rules = ScoringRules::of(&report.settings);
    let budget = score_budget_to(&report.budget, rules.places);
    let goals: Vec<GoalScore> = report
        .goals
        .iter()
        .map(|goal| score_goal(goal, &rules))
        .collect();
    let total = exact::add(budget.score, exact::sum(goals.iter().map(|g| g.score)));
    Scores {
        rules,
        budget,
        goals,
        total,
        grade: Grade::of(total),
    }
}

/// 得分 = 分值 × min(B/A, 1), A the adjusted budget, rounded to 0.01.
pub fn score_budget(budget: &Budget) -> BudgetScore {
    score_budget_to(budget, 2)
}

/// [`score_budget`] with the score rounded to `places` decimals (得分小数位数); the rate keeps
/// two.
pub fn score_budget_to(budget: &Budget, places: u32) -> BudgetScore {
    let adjusted = budget.adjusted.value.0;
    let spent = budget.spent.value.0;
    let weight = budget.weight.value.0;
    let rate = if adjusted > Decimal::ZERO {
        exact::ratio(spent, adjusted).unwrap_or(Decimal::ZERO)
    } else {
        Decimal::ZERO
    };
    BudgetScore {
        weight,
        rate_percent: round_score(exact::percent(rate)),
        score: round_to(
            exact::mul(weight, rate.clamp(Decimal::ZERO, Decimal::ONE)),
            places,
        ),
    }
}

fn score_goal(goal: &Goal, rules: &ScoringRules) -> GoalScore {
    let indicators: Vec<IndicatorScore> = goal
        .indicators()
        .map(|indicator| score_indicator(indicator, rules))
        .collect();
    GoalScore {
        weight: goal.weight.value.0,
        score: exact::sum(indicators.iter().map(|i| i.score)),
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

/// What the rule gives: which rule, the share of the weight (before rounding), whether the
/// target is reached, and the rule in words.
struct Verdict {
    rule: Rule,
    fraction: Decimal,
    reached: bool,
    basis: String,
}

pub fn score_indicator(indicator: &Indicator, rules: &ScoringRules) -> IndicatorScore {
    let weight = indicator.weight.value.0;
    let target = parse_value(&indicator.target);
    let actual = filled_actual(indicator).map(|a| parse_value(a));
    let direction = indicator.direction.as_ref().map(|d| d.value);
    let verdict = judge(&target, actual.as_ref(), direction, indicator, rules);
    let rule_score = rule_share(weight, verdict.fraction, rules.places);
    let hand_score = indicator.score.as_ref().map(|s| s.value.0);
    let score = hand_score.map_or(rule_score, |hand| {
        bounded_hand_score(hand, weight, rules.places)
    });
    let met = verdict.reached && score == weight;
    IndicatorScore {
        excess: excess(verdict.rule, &target, actual.as_ref()).filter(|_| met),
        target,
        actual,
        weight,
        rule: verdict.rule,
        basis: verdict.basis,
        rule_score,
        score,
        hand_scored: hand_score.is_some(),
        reached: verdict.reached,
        met,
    }
}

/// The rule's score: 分值 × the share, rounded to `places` decimals, never above 分值 (a weight
/// with more decimals, itself an error, stays met when the target is reached).
fn rule_share(weight: Decimal, fraction: Decimal, places: u32) -> Decimal {
    round_to(
        exact::mul(weight, fraction.clamp(Decimal::ZERO, Decimal::ONE)),
        places,
    )
    .min(weight)
}

/// A hand score as it counts: rounded to `places` decimals and kept inside [0, 分值] (one
/// outside is an error the review reports; the score stays a possible one meanwhile).
fn bounded_hand_score(hand: Decimal, weight: Decimal, places: u32) -> Decimal {
    round_to(hand, places).max(Decimal::ZERO).min(weight)
}

fn judge(
    target: &Value,
    actual: Option<&Value>,
    direction: Option<Direction>,
    indicator: &Indicator,
    rules: &ScoringRules,
) -> Verdict {
    if indicator.target.trim().is_empty() {
        return no_data("未填写年初目标值：不得分");
    }
    match (target, actual) {
        (_, None) => no_data("未填写实际完成值：不得分"),
        (_, Some(Value::NoData)) => no_data("实际完成值为「无法取得」：不得分"),
        (Value::Quantity(a), Some(Value::Quantity(b))) => judge_quantity(a, b, direction, rules),
        (
            Value::Deadline(deadline) | Value::Moment(deadline),
            Some(Value::Moment(when) | Value::Deadline(when)),
        ) => judge_deadline(*deadline, *when, rules.reverse),
        (_, Some(actual)) => judge_qualitative(target, actual, indicator, rules),
    }
}

fn no_data(basis: &str) -> Verdict {
    Verdict {
        rule: Rule::NoData,
        fraction: Decimal::ZERO,
        reached: false,
        basis: basis.to_string(),
    }
}

/// The comparator that decides, and in words where it comes from.
fn deciding_comparator(
    target: &Quantity,
    direction: Option<Direction>,
) -> (Comparator, &'static str) {
    let lower = direction.map(|d| d == Direction::Lower);
    match (target.comparator, lower) {
        (Some(written), None) => (written, "目标值写明"),
        (Some(written), Some(lower))
            if written != Comparator::Equal && written.is_upper_bound() == lower =>
        {
            (written, "目标值写明")
        }
        (_, Some(true)) => (Comparator::AtMost, "方向: 反向"),
        (_, Some(false)) => (Comparator::AtLeast, "方向: 正向"),
        (None, None) => (Comparator::AtLeast, "未写比较符，按正向"),
    }
}

fn judge_quantity(
    target: &Quantity,
    actual: &Quantity,
    direction: Option<Direction>,
    rules: &ScoringRules,
) -> Verdict {
    let (a, b) = (target.number, actual.number);
    let (comparator, source) = deciding_comparator(target, direction);
    let condition = format!("{source} {} {}", comparator.symbol(), a.normalize());
    let reached = comparator.holds(b, a);
    let explicitly_higher = matches!(comparator, Comparator::AtLeast | Comparator::MoreThan)
        && (target.comparator.is_some() || direction.is_some());
    if a.is_zero() && !explicitly_higher {
        return Verdict {
            rule: Rule::ZeroTarget,
            fraction: if b.is_zero() {
                Decimal::ONE
            } else {
                Decimal::ZERO
            },
            reached: b.is_zero(),
            basis: "零目标（目标值为 0）：实际为 0 得满分，否则不得分".to_string(),
        };
    }
    if !comparator.is_upper_bound() {
        return Verdict {
            rule: Rule::Higher,
            fraction: if reached { Decimal::ONE } else { share(b, a) },
            reached,
            basis: format!("正向（{condition}）：达到目标得满分，否则 分值 × 实际/目标"),
        };
    }
    let kind = if target.is_duration() {
        "时限"
    } else {
        "反向"
    };
    lower_verdict(kind, &condition, a, b, reached, rules.reverse)
}

/// 反向: full when reached, else by the report's convention.
fn lower_verdict(
    kind: &str,
    condition: &str,
    a: Decimal,
    b: Decimal,
    reached: bool,
    reverse: ReverseRule,
) -> Verdict {
    let (rule, missed, formula) = match reverse {
        ReverseRule::Ratio => (Rule::LowerRatio, share(a, b), "比值法：分值 × 目标/实际"),
        ReverseRule::Linear => (
            Rule::LowerLinear,
            linear_share(a, b),
            "线性扣减法：分值 × (1 − (实际 − 目标)/目标)",
        ),
    };
    Verdict {
        rule,
        fraction: if reached { Decimal::ONE } else { missed },
        reached,
        basis: format!("{kind}（{condition}）：达到目标得满分，否则按{formula}"),
    }
}

/// A deadline is met by its own month or day or earlier; missed, it is scored as a 反向
/// quantity on day numbers counted from 1 January of the deadline's year.
fn judge_deadline(deadline: Moment, when: Moment, reverse: ReverseRule) -> Verdict {
    let (a, b) = Moment::day_numbers(deadline, when);
    let reached = match (deadline.day, when.day) {
        // At the coarser grain: `12月31日前` is met by `12月`, `10月底前` by `10月20日`.
        (Some(_), Some(_)) => b <= a,
        _ => {
            let month_number =
                |m: Moment, base: i32| i64::from(m.year.unwrap_or(base)) * 12 + i64::from(m.month);
            let base = deadline.year.or(when.year).unwrap_or(2000);
            month_number(when, base) <= month_number(deadline, base)
        }
    };
    let condition = format!("期限为第 {a} 天，实际为第 {b} 天");
    lower_verdict(
        "期限",
        &condition,
        Decimal::from(a),
        Decimal::from(b.max(1)),
        reached,
        reverse,
    )
}

fn judge_qualitative(
    target: &Value,
    actual: &Value,
    indicator: &Indicator,
    rules: &ScoringRules,
) -> Verdict {
    let found = band_reached(indicator, target, actual);
    let (band, source) = found.unwrap_or((Band::Missed, BandSource::Stated));
    let (low, high) = rules.bands.range(band);
    let source_text = match (found, source) {
        (None, _) => "未写完成档次，暂按未达成",
        (_, BandSource::Stated) => "完成档次",
        (_, BandSource::SameAsTarget) => "实际完成值与目标值相同",
        (_, BandSource::Label) => "实际完成值写明档次",
        (_, BandSource::DoneInTime) => "实际完成值写按期完成，未写日期",
    };
    // 达成 is full; the other bands need a hand score (their lowest share stands in).
    let fraction = if band == Band::Reached {
        Decimal::ONE
    } else {
        low / Decimal::ONE_HUNDRED
    };
    Verdict {
        rule: Rule::Qualitative,
        fraction,
        reached: band == Band::Reached,
        basis: format!(
            "定性（{}，{source_text}）：{}区间 {}%–{}%（计分规则 {}）",
            band.name_zh(),
            band.name_zh(),
            low.normalize(),
            high.normalize(),
            rules.name.name_zh()
        ),
    }
}

/// `part / whole` as a share; 0 when it cannot be computed (whole 0, or beyond a decimal).
fn share(part: Decimal, whole: Decimal) -> Decimal {
    exact::ratio(part, whole).unwrap_or(Decimal::ZERO)
}

/// 1 − (B − A)/A, 0 from B ≥ 2A (and when it cannot be computed).
fn linear_share(a: Decimal, b: Decimal) -> Decimal {
    exact::ratio(exact::sub(b, a), a)
        .map_or(Decimal::ZERO, |over| exact::sub(Decimal::ONE, over))
        .max(Decimal::ZERO)
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
        Value::Deadline(m) => format!("{m:?}前"),
        Value::Moment(m) => format!("{m:?}"),
        Value::Band(band) => band.name_zh().to_string(),
        Value::NoData => crate::model::value::NO_DATA.to_string(),
        Value::Qualitative(text) => text.clone(),
    }
}

/// How far the actual value lies beyond the target in the better direction, as a fraction of the
/// target: above it for 正向, below it for 反向 (zero targets and deadlines have none).
fn excess(rule: Rule, target: &Value, actual: Option<&Value>) -> Option<Decimal> {
    let (Value::Quantity(a), Some(Value::Quantity(b))) = (target, actual) else {
        return None;
    };
    if a.number <= Decimal::ZERO {
        return None;
    }
    match rule {
        Rule::Higher => exact::ratio(exact::sub(b.number, a.number), a.number),
        Rule::LowerRatio | Rule::LowerLinear => {
            exact::ratio(exact::sub(a.number, b.number), a.number)
        }
        _ => None,
    }
}

/// A weight, score or amount as printed: two decimals, rounded half up.
pub fn two_decimals(value: Decimal) -> String {
    fixed(value, 2)
}

/// A weight or score as a table printing `places` decimals prints it, rounded half up
/// ("90.66", "90.7", "91").
pub fn fixed(value: Decimal, places: u32) -> String {
    format!("{:.*}", places as usize, round_to(value, places))
}
