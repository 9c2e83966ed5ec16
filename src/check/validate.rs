//! Checks on the report as written, before anything is scored.

mod input;
mod own_framework;
mod unread;

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::diagnostic::closest;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::located::At;
use crate::model::taxonomy;
use crate::model::value::{Quantity, Value, parse_value};
use crate::model::{Band, Framework, Goal, Indicator, Level1, Report, Settings, Text, exact};
use crate::scoring::rule_set::ScoringRules;
use crate::scoring::score::{filled_actual, two_decimals};
use unread::check_words;

use super::amounts::{beyond_cents, beyond_score_places, check_weight};

/// 满意度指标 together should weigh at least this share of the total.
const MIN_SATISFACTION_SHARE: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

/// Every problem of the report that needs no score to see; `form_checks` adds those of what
/// only the report's form has, after the settings.
pub fn validate(report: &Report, form_checks: impl FnOnce(&mut Diagnostics)) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    let framework = report
        .settings
        .framework
        .as_ref()
        .map(|f| f.value.clone())
        .unwrap_or_default();
    check_settings(report, &mut diagnostics);
    form_checks(&mut diagnostics);
    for goal in &report.goals {
        diagnostics.extend(check_goal_alone(goal, &framework).0);
        check_goal_weight(goal, &mut diagnostics);
        if framework == Framework::Standard {
            check_goal_composition(goal, &mut diagnostics);
        }
    }
    if framework == Framework::Standard {
        check_satisfaction_share(report, &mut diagnostics);
    }
    check_score_places(report, &mut diagnostics);
    input::check_input(report, &mut diagnostics);
    diagnostics
}

/// The checks of one goal that need nothing else of the report: names of the levels, each
/// indicator and its values.
pub fn check_goal_alone(goal: &Goal, framework: &Framework) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    match framework {
        Framework::Standard => check_taxonomy(goal, &mut diagnostics),
        Framework::DecisionProcess => check_decision_process(goal, &mut diagnostics),
        Framework::Own(levels) => {
            own_framework::check_own_framework(goal, levels, &mut diagnostics)
        }
    }
    check_duplicate_names(goal, &mut diagnostics);
    for indicator in goal.indicators() {
        check_indicator(indicator, &mut diagnostics);
    }
    check_indicator_forms(goal, &mut diagnostics);
    diagnostics
}

/// Weights and hand scores written with more decimals than 得分小数位数 (below two: two are
/// checked with every indicator): the table prints them rounded, and its rows would not add up.
fn check_score_places(report: &Report, diagnostics: &mut Diagnostics) {
    let places = report.settings.score_places();
    if places >= 2 {
        return;
    }
    let budget = &report.budget.weight;
    diagnostics.extend(beyond_score_places("预算执行的分值", budget, places));
    for indicator in report.goals.iter().flat_map(|goal| goal.indicators()) {
        let name = &indicator.name.value;
        let weight = &indicator.weight;
        diagnostics.extend(beyond_score_places(
            &format!("指标「{name}」的分值"),
            weight,
            places,
        ));
        if let Some(score) = &indicator.score {
            let what = format!("指标「{name}」的得分");
            diagnostics.extend(beyond_score_places(&what, score, places));
        }
    }
}

fn check_settings(report: &Report, diagnostics: &mut Diagnostics) {
    check_band_ranges(&report.settings, diagnostics);
    let Some(threshold) = &report.settings.deviation_threshold else {
        return;
    };
    if threshold.value.0 <= Decimal::ZERO {
        diagnostics.push(
            Diagnostic::error(format!(
                "偏差大阈值必须大于 0（写的是 {}%）",
                threshold.value.0
            ))
            .at(threshold.span)
            .help("写成「偏差大阈值: 30%」这样的正百分数；不写时默认为 30%"),
        );
    }
}

/// Overridden band ranges must join up: 未达成 from 0 %, 达成 up to 100 %, each band starting
/// where the one below ends.
fn check_band_ranges(settings: &Settings, diagnostics: &mut Diagnostics) {
    let bands = ScoringRules::of(settings).bands;
    let ranges = [
        ("未达成区间", Band::Missed, &settings.missed_range),
        ("部分达成区间", Band::Partly, &settings.partly_range),
        ("达成区间", Band::Reached, &settings.reached_range),
    ];
    for (key, band, range) in ranges {
        let Some(range) = range else { continue };
        let (low, high) = bands.range(band);
        if (range.value.low, range.value.high) != (low, high) || low >= high {
            diagnostics.push(
                Diagnostic::error(format!(
                    "{key}「{}%-{}%」与其他档次的区间不衔接（按现在的设置应为 {}%-{}%）",
                    range.value.low.normalize(),
                    range.value.high.normalize(),
                    low.normalize(),
                    high.normalize()
                ))
                .at(range.span)
                .help("三个档次应首尾相接：未达成从 0% 起，达成到 100% 止，如 0%-60%、60%-80%、80%-100%；只改一个档次时，其余档次会随之调整，不必都写"),
            );
        }
    }
}

fn check_goal_weight(goal: &Goal, diagnostics: &mut Diagnostics) {
    check_weight(
        &format!("年度目标「{}」的分值", goal.name.value),
        &goal.weight,
        diagnostics,
    );
    let sum = exact::sum(goal.indicators().map(|i| i.weight.value.0));
    if sum != goal.weight.value.0 {
        diagnostics.push(
            Diagnostic::error(format!(
                "年度目标「{}」的指标分值合计为 {}，与目标的分值 {} 不符",
                goal.name.value,
                two_decimals(sum),
                two_decimals(goal.weight.value.0)
            ))
            .at(goal.weight.span)
            .help("调整指标的分值或目标的分值，使两者相等"),
        );
    }
}

/// A goal should have both 产出指标 and 效益指标.
fn check_goal_composition(goal: &Goal, diagnostics: &mut Diagnostics) {
    for required in [taxonomy::OUTPUT, taxonomy::BENEFIT] {
        if !goal
            .groups
            .iter()
            .any(|l1| taxonomy::standard_level1(&l1.name) == Some(required))
        {
            diagnostics.push(
                Diagnostic::warning(format!("年度目标「{}」没有{required}", goal.name.value))
                    .at(goal.name.span)
                    .help(format!(
                        "部门整体绩效目标一般应同时设置产出指标和效益指标：请补充{required}"
                    )),
            );
        }
    }
}

fn check_duplicate_names(goal: &Goal, diagnostics: &mut Diagnostics) {
    let mut first: HashMap<&str, &At<String>> = HashMap::new();
    for indicator in goal.indicators() {
        let name = &indicator.name;
        if let Some(earlier) = first.get(name.value.as_str()) {
            diagnostics.push(
                Diagnostic::error(format!(
                    "三级指标「{}」在同一年度目标中出现了两次",
                    name.value
                ))
                .at(name.span)
                .related(earlier.span, "第一次出现在这里")
                .help("删除重复的指标，或改用能区分两者的名称"),
            );
        } else {
            first.insert(&name.value, name);
        }
    }
}

fn check_indicator(indicator: &Indicator, diagnostics: &mut Diagnostics) {
    let name = &indicator.name.value;
    check_weight(
        &format!("指标「{name}」的分值"),
        &indicator.weight,
        diagnostics,
    );
    if indicator.weight.value.0.is_zero() {
        diagnostics.push(
            Diagnostic::warning(format!(
                "指标「{name}」的分值为 0，不论完成与否都不影响得分"
            ))
            .at(indicator.weight.span)
            .help("给指标分配分值，或删去这一指标"),
        );
    }
    if let Some(score) = &indicator.score {
        diagnostics.extend(beyond_cents(&format!("指标「{name}」的得分"), score));
    }
    check_values(indicator, diagnostics);
}

/// Whether a qualitative indicator must say which band it reached: its actual differs from its
/// target in words and says no band itself.
pub fn needs_band(indicator: &Indicator, target: &Value, actual: &Value) -> bool {
    match (target, actual) {
        (Value::Quantity(_), Value::Quantity(_)) | (_, Value::NoData) => false,
        (Value::Deadline(_) | Value::Moment(_), Value::Moment(_) | Value::Deadline(_)) => false,
        (_, actual) => crate::scoring::score::band_reached(indicator, target, actual).is_none(),
    }
}

/// The target and actual value: filled in, comparable, a band where they differ in words.
fn check_values(indicator: &Indicator, diagnostics: &mut Diagnostics) {
    if indicator.target.trim().is_empty() {
        // Published tables leave it blank on some rows: allowed, but the rule cannot score it.
        diagnostics.push(
            Diagnostic::warning(format!(
                "指标「{}」的年初目标值是空的，按 0 分计",
                indicator.name.value
            ))
            .at(indicator.target.span)
            .help("填写年初设定的目标值，如「≥80%」「30 个」「0起」或「不断提升」；确实没有目标值时，写「得分」和「得分说明」给出评定的得分"),
        );
        return;
    }
    let target = parse_value(&indicator.target);
    let Some(actual_text) = filled_actual(indicator) else {
        check_words(indicator, &target, None, diagnostics);
        diagnostics.push(
            Diagnostic::warning(format!(
                "指标「{}」还没有填写实际完成值，按 0 分计",
                indicator.name.value
            ))
            .at(indicator
                .actual
                .as_ref()
                .map_or(indicator.name.span, |blank| blank.span))
            .help("填写「实际完成值」；确实取不到数据时写「实际完成值: 无法取得」"),
        );
        return;
    };
    let actual = parse_value(actual_text);
    match (&target, &actual) {
        (Value::Quantity(a), Value::Quantity(b)) => {
            check_quantities(indicator, (a, b), actual_text, diagnostics);
        }
        _ => check_words(
            indicator,
            &target,
            Some((actual_text, &actual)),
            diagnostics,
        ),
    }
}

/// Two quantities: the actual one is a value, not a range; both in the same unit.
fn check_quantities(
    indicator: &Indicator,
    (a, b): (&Quantity, &Quantity),
    actual_text: &At<Text>,
    diagnostics: &mut Diagnostics,
) {
    if b.comparator.is_some() {
        diagnostics.push(
            Diagnostic::warning(format!(
                "实际完成值「{}」写成了范围，无法精确计分，按 {} 计",
                actual_text.0, b.number
            ))
            .at(actual_text.span)
            .help("实际完成值应是实际达到的数值，如「92%」，不带 ≥ ≤ 等符号"),
        );
    }
    if a.normalized_unit() != b.normalized_unit() {
        diagnostics.push(
            Diagnostic::warning(format!(
                "目标值的单位「{}」与实际完成值的单位「{}」不一致",
                a.unit, b.unit
            ))
            .at(actual_text.span)
            .related(indicator.target.span, "目标值")
            .help("目标值和实际完成值使用同一单位，才能比较"),
        );
    }
}

/// Names that read as lower-is-better: a target without a comparator is then read the wrong way.
const LOWER_IS_BETTER_ENDINGS: &[&str] =
    &["控制率", "发生率", "投诉率", "超支率", "差错率", "事故率"];
const LOWER_IS_BETTER_PARTS: &[&str] = &["结转结余率", "事故"];

/// Chinese numerals count as a number: `每周一次` says how many.
const CHINESE_DIGITS: &str = "零一二两三四五六七八九十百千万";

/// What a reviewer would ask about a target's form: a lower-is-better name with a target that
/// has no comparator; a 数量指标 whose target has no number and no comparator.
fn check_indicator_forms(goal: &Goal, diagnostics: &mut Diagnostics) {
    for (level1, level2, indicator) in goal.rows() {
        if indicator.target.trim().is_empty() {
            continue;
        }
        let target = parse_value(&indicator.target);
        if let Value::Quantity(quantity) = &target {
            check_lower_name(indicator, quantity, diagnostics);
        }
        let quantity_group = taxonomy::standard_level1(level1)
            .and_then(|l1| taxonomy::standard_level2(l1, level2))
            == Some("数量指标");
        if quantity_group
            && matches!(target, Value::Qualitative(_))
            && !indicator
                .target
                .chars()
                .any(|c| c.is_numeric() || CHINESE_DIGITS.contains(c))
        {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "数量指标「{}」的目标值「{}」没有数量，无法按完成数量计分",
                    indicator.name.value, indicator.target.0
                ))
                .at(indicator.target.span)
                .help("数量指标的目标值应写明数量，如「30 个」「≥80%」「不少于 5 次」"),
            );
        }
    }
}

fn check_lower_name(indicator: &Indicator, target: &Quantity, diagnostics: &mut Diagnostics) {
    let name = indicator.name.value.as_str();
    let reads_lower = LOWER_IS_BETTER_ENDINGS.iter().any(|e| name.ends_with(e))
        || LOWER_IS_BETTER_PARTS.iter().any(|p| name.contains(p));
    if !reads_lower
        || target.comparator.is_some()
        || target.number.is_zero()
        || indicator.direction.is_some()
    {
        return;
    }
    diagnostics.push(
        Diagnostic::warning(format!(
            "指标「{name}」读来是越低越好，但目标值「{}」没有写比较符，按正向（越高越好）计分",
            indicator.target.0
        ))
        .at(indicator.target.span)
        .help(format!(
            "越低越好时写成「≤{}」，或加上「方向: 反向」；确是越高越好时写「≥{}」或「方向: 正向」",
            indicator.target.0, indicator.target.0
        )),
    );
}

/// 满意度指标 together should weigh at least 5 % of the total.
fn check_satisfaction_share(report: &Report, diagnostics: &mut Diagnostics) {
    let total = exact::add(
        report.budget.weight.value.0,
        exact::sum(report.goals.iter().map(|g| g.weight.value.0)),
    );
    let groups = satisfaction_groups(report);
    let satisfaction = exact::sum(
        groups
            .iter()
            .flat_map(|l1| l1.groups.iter().flat_map(|l2| &l2.indicators))
            .map(|i| i.weight.value.0),
    );
    let least = exact::mul(total, MIN_SATISFACTION_SHARE);
    if total <= Decimal::ZERO || satisfaction >= least {
        return;
    }
    let diagnostic = Diagnostic::warning(format!(
        "满意度指标的分值合计 {}，不到总分 {} 的 5%（{}）",
        two_decimals(satisfaction),
        two_decimals(total),
        two_decimals(least)
    ))
    .help(
        "服务对象满意度指标的分值合计一般不低于总分的 5%：提高其分值，或为年度目标增设满意度指标",
    );
    diagnostics.push(at_satisfaction_groups(diagnostic, report, &groups));
}

fn satisfaction_groups(report: &Report) -> Vec<&Level1> {
    report
        .goals
        .iter()
        .flat_map(|g| &g.groups)
        .filter(|l1| taxonomy::standard_level1(&l1.name) == Some(taxonomy::SATISFACTION))
        .collect()
}

/// Points at the first 满意度指标 and shows the others; without any, at the first goal.
fn at_satisfaction_groups(
    diagnostic: Diagnostic,
    report: &Report,
    groups: &[&Level1],
) -> Diagnostic {
    let Some((first, others)) = groups.split_first() else {
        return diagnostic.at_opt(report.goals.first().map(|g| g.name.span));
    };
    others
        .iter()
        .fold(diagnostic.at(first.name.span), |diagnostic, other| {
            diagnostic.related(other.name.span, "满意度指标")
        })
}

/// Each 一级指标 must be one we know, each 二级指标 must belong to its 一级指标; a variant name
/// real tables use is accepted with a warning naming the standard term.
fn check_taxonomy(goal: &Goal, diagnostics: &mut Diagnostics) {
    for level1 in &goal.groups {
        let Some(standard) = taxonomy::standard_level1(&level1.name) else {
            diagnostics.push(unknown_level1(&level1.name));
            continue;
        };
        diagnostics.extend(variant_warning("一级指标", &level1.name, standard));
        for level2 in &level1.groups {
            match taxonomy::standard_level2(standard, &level2.name) {
                Some(standard2) => {
                    diagnostics.extend(variant_warning("二级指标", &level2.name, standard2));
                }
                None => diagnostics.push(misplaced_level2(&level1.name, standard, &level2.name)),
            }
        }
    }
}

/// Each 一级 and 二级指标 must be one of the framework 决策过程产出效益.
fn check_decision_process(goal: &Goal, diagnostics: &mut Diagnostics) {
    let framework = Framework::DecisionProcess.name_zh();
    for level1 in &goal.groups {
        let Some((_, allowed)) = taxonomy::decision_process_level1(&level1.name) else {
            let names: Vec<&str> = taxonomy::DECISION_PROCESS_LEVELS
                .iter()
                .map(|(name, _)| *name)
                .collect();
            diagnostics.push(
                Diagnostic::error(format!(
                    "「{}」不是指标体系「{framework}」的一级指标",
                    level1.name.value
                ))
                .at(level1.name.span)
                .help(format!(
                    "一级指标只能是：{}（效益也可写作效果）；用产出指标、效益指标、满意度指标时删去「设置」中的「指标体系: {framework}」",
                    names.join("、")
                )),
            );
            continue;
        };
        for level2 in &level1.groups {
            if !allowed.contains(&level2.name.value.as_str()) {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "「{}」不是一级指标「{}」下的二级指标",
                        level2.name.value, level1.name.value
                    ))
                    .at(level2.name.span)
                    .help(format!(
                        "指标体系「{framework}」中「{}」下可用的二级指标有：{}",
                        level1.name.value,
                        allowed.join("、")
                    )),
                );
            }
        }
    }
}

fn variant_warning(level: &str, name: &At<String>, standard: &str) -> Option<Diagnostic> {
    (name.value != standard).then(|| {
        Diagnostic::warning(format!(
            "{level}「{}」是「{standard}」的常见写法，按「{standard}」归类，照原样打印",
            name.value
        ))
        .at(name.span)
        .help(format!(
            "规范的名称是「{standard}」；如无特别需要，请改为「{standard}」"
        ))
    })
}

fn unknown_level1(name: &At<String>) -> Diagnostic {
    let mut known = taxonomy::level1_names();
    known.extend(
        taxonomy::LEVEL1_VARIANTS
            .iter()
            .map(|(variant, _)| *variant),
    );
    let diagnostic = Diagnostic::error(format!("「{}」不是一级指标", name.value)).at(name.span);
    let close = closest(&name.value, &known).and_then(taxonomy::standard_level1);
    if close.is_none() && taxonomy::decision_process_level1(&name.value).is_some() {
        return diagnostic.help(format!(
            "决策、过程、产出、效益（效果）是另一种指标体系的一级指标：使用时在「设置」下写「指标体系: {}」；否则一级指标只能是：{}",
            Framework::DecisionProcess.name_zh(),
            taxonomy::level1_names().join("、")
        ));
    }
    match close {
        Some(close) => diagnostic.help(format!("是不是想写「{close}」？")),
        None => diagnostic.help(format!(
            "一级指标只能是：{}",
            taxonomy::level1_names().join("、")
        )),
    }
}

fn misplaced_level2(level1: &At<String>, standard1: &str, level2: &At<String>) -> Diagnostic {
    let allowed = taxonomy::level2_names(standard1).unwrap_or_default();
    let choices = format!(
        "「{}」下可用的二级指标有：{}",
        level1.value,
        allowed.join("、")
    );
    if let Some(home) = taxonomy::home_of_any(&level2.value) {
        return Diagnostic::error(format!(
            "二级指标「{}」不属于一级指标「{}」",
            level2.value, level1.value
        ))
        .at(level2.span)
        .help(format!("「{}」应放在「{home}」下；{choices}", level2.value));
    }
    let accepted = taxonomy::accepted_level2(standard1);
    let diagnostic = Diagnostic::error(format!(
        "「{}」不是一级指标「{}」下的二级指标",
        level2.value, level1.value
    ))
    .at(level2.span);
    match closest(&level2.value, &accepted)
        .and_then(|close| taxonomy::standard_level2(standard1, close))
    {
        Some(close) => diagnostic.help(format!("是不是想写「{close}」？{choices}")),
        None => diagnostic.help(choices),
    }
}
