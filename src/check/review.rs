//! Checks that need the scores: hand scores against the rules, large deviations, unmet
//! indicators left unexplained.

use rust_decimal::Decimal;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::value::Value;
use crate::model::{Band, Indicator, Report, exact};
use crate::scoring::rule_set::Bands;
use crate::scoring::score::{
    DEFAULT_DEVIATION_THRESHOLD, IndicatorScore, Rule, Scores, band_range_text, effective_band,
    filled_actual, fixed, in_band, is_done_in_time, is_time_target, two_decimals,
};

pub fn review(report: &Report, scores: &Scores) -> Diagnostics {
    let mut diagnostics = Diagnostics::default();
    // A threshold that is not positive is an error of its own (validate); the default stands in.
    let threshold = report
        .settings
        .deviation_threshold
        .as_ref()
        .map(|t| t.value.0)
        .filter(|t| *t > Decimal::ZERO)
        .unwrap_or(DEFAULT_DEVIATION_THRESHOLD);
    for (goal, goal_scores) in report.goals.iter().zip(&scores.goals) {
        for (indicator, score) in goal.indicators().zip(&goal_scores.indicators) {
            check_hand_score(indicator, score, scores.rules.places, &mut diagnostics);
            check_band_score(indicator, score, scores, &mut diagnostics);
            check_done_in_time(indicator, score, &mut diagnostics);
            check_band_unused(indicator, score, &mut diagnostics);
            check_deviation(indicator, score, threshold, &mut diagnostics);
            check_unmet_explained(indicator, score, scores.rules.places, &mut diagnostics);
        }
    }
    diagnostics
}

/// A hand score lies in [0, 分值]; when it differs from the rule it needs a written reason.
/// Scores are named with the report's 得分小数位数 (`places`).
fn check_hand_score(
    indicator: &Indicator,
    score: &IndicatorScore,
    places: u32,
    diagnostics: &mut Diagnostics,
) {
    let Some(hand) = &indicator.score else {
        return;
    };
    let name = &indicator.name.value;
    if hand.value.0 < Decimal::ZERO || hand.value.0 > score.weight {
        diagnostics.push(
            Diagnostic::error(format!(
                "指标「{name}」的得分 {} 超出了 0 到分值 {} 的范围",
                hand.value.0,
                two_decimals(score.weight)
            ))
            .at(hand.span)
            .help("得分不能为负，也不能超过该指标的分值"),
        );
        return;
    }
    if score.rule == Rule::Qualitative || hand.value.0 == score.rule_score {
        return;
    }
    let rule = format!(
        "按规则（{}）应得 {} 分，手工得分为 {} 分",
        score.rule.name_zh(),
        fixed(score.rule_score, places),
        fixed(
            hand.value.0,
            places.max(hand.value.0.normalize().scale().min(2))
        )
    );
    match &indicator.score_reason {
        Some(reason) if !reason.value.trim().is_empty() => diagnostics.push(
            Diagnostic::warning(format!("指标「{name}」采用手工得分：{rule}"))
                .at(hand.span)
                .related(reason.span, "得分说明")
                .help("请确认这是评价人的判断，并已在得分说明中写明理由"),
        ),
        _ => diagnostics.push(
            Diagnostic::error(format!(
                "指标「{name}」的手工得分与规则不符：{rule}，但没有写得分说明"
            ))
            .at(hand.span)
            .help(format!(
                "加上「得分说明: …」写明理由，或删去「得分」改用规则得分 {}",
                fixed(score.rule_score, places)
            )),
        ),
    }
}

/// A qualitative indicator's score must lie inside the band it reached (stated, or 达成 when the
/// actual value is the target); 部分达成 and 未达成 need a hand score.
fn check_band_score(
    indicator: &Indicator,
    score: &IndicatorScore,
    scores: &Scores,
    diagnostics: &mut Diagnostics,
) {
    let bands = scores.rules.bands;
    let Some(actual) = &score.actual else {
        return;
    };
    if score.rule != Rule::Qualitative {
        return;
    }
    let Some(band) = effective_band(indicator, &score.target, actual) else {
        return;
    };
    let name = &indicator.name.value;
    let range = band_range_text(band, bands, score.weight);
    match &indicator.score {
        None if band != Band::Reached => diagnostics.push(
            Diagnostic::error(format!(
                "指标「{name}」{}，需要填写得分（{range}）",
                band_label(indicator, band)
            ))
            .at_opt(indicator.band.as_ref().map(|b| b.span))
            .help(format!("加上「得分: …」，取值在 {range}")),
        ),
        Some(hand) if !in_band(band, bands, hand.value.0, score.weight) => diagnostics.push(
            Diagnostic::error(format!(
                "指标「{name}」{}，得分 {} 不在该档次的 {range}之内",
                band_label(indicator, band),
                two_decimals(hand.value.0)
            ))
            .at(hand.span)
            .help(band_help(indicator, bands)),
        ),
        _ => {}
    }
}

/// "为「部分达成」", or why 达成 when the band is not stated.
fn band_label(indicator: &Indicator, band: Band) -> String {
    if indicator.band.is_some() {
        format!("为「{}」", band.name_zh())
    } else {
        format!("的实际完成值与目标值相同，为「{}」", band.name_zh())
    }
}

fn band_help(indicator: &Indicator, bands: Bands) -> String {
    if indicator.band.is_some() {
        format!(
            "调整得分，或改为与得分相符的完成档次（{}）",
            bands.describe()
        )
    } else {
        let (low, high) = bands.range(Band::Reached);
        format!(
            "实际完成值与目标值相同即为「达成」（得分在分值的 {}%–{}%）；否则加上「完成档次: 部分达成」或「完成档次: 未达成」",
            low.normalize(),
            high.normalize()
        )
    }
}

/// `按时完成` against a deadline counts as 达成, but the date is what a reader checks.
fn check_done_in_time(
    indicator: &Indicator,
    score: &IndicatorScore,
    diagnostics: &mut Diagnostics,
) {
    let (Some(actual), Some(Value::Qualitative(text))) = (filled_actual(indicator), &score.actual)
    else {
        return;
    };
    if indicator.band.is_some() || !is_time_target(&score.target) || !is_done_in_time(text) {
        return;
    }
    diagnostics.push(
        Diagnostic::warning(format!(
            "指标「{}」的实际完成值「{text}」没有写日期或时长，按「达成」计",
            indicator.name.value
        ))
        .at(actual.span)
        .related(indicator.target.span, "目标值")
        .help("写明实际完成的月份、日期或用时，如「2023年9月20日」「8月底」「2天」，以便核对是否在期限内"),
    );
}

/// 完成档次 only applies to qualitative indicators; elsewhere it is ignored, which should be said.
fn check_band_unused(indicator: &Indicator, score: &IndicatorScore, diagnostics: &mut Diagnostics) {
    let Some(band) = &indicator.band else {
        return;
    };
    if score.rule == Rule::Qualitative {
        return;
    }
    diagnostics.push(
        Diagnostic::warning(format!(
            "指标「{}」不是定性指标，完成档次「{}」不参与计分（{}）",
            indicator.name.value,
            band.value.name_zh(),
            score.rule.name_zh()
        ))
        .at(band.span)
        .help("删去「完成档次」；要按评价人的判断给分，请写「得分」和「得分说明」"),
    );
}

fn check_deviation(
    indicator: &Indicator,
    score: &IndicatorScore,
    threshold_percent: Decimal,
    diagnostics: &mut Diagnostics,
) {
    let Some(excess) = score.excess else {
        return;
    };
    let excess_percent = exact::percent(excess);
    if excess_percent < threshold_percent || has_explanation(indicator) {
        return;
    }
    let actual = filled_actual(indicator);
    let at = actual.map_or(indicator.name.span, |a| a.span);
    let beyond = if score.rule == Rule::Higher {
        "超出"
    } else {
        "低于"
    };
    diagnostics.push(
        Diagnostic::warning(format!(
            "指标「{}」偏差大：实际完成值「{}」{beyond}目标值「{}」{}%，没有说明原因",
            indicator.name.value,
            actual.map_or("", |a| &a.0),
            indicator.target.0,
            two_decimals(excess_percent)
        ))
        .at(at)
        .help(format!(
            "实际完成值偏离目标 {}% 及以上须说明原因：加上「说明: …」，或检查目标值是否定得合理",
            threshold_percent.normalize()
        )),
    );
}

fn check_unmet_explained(
    indicator: &Indicator,
    score: &IndicatorScore,
    places: u32,
    diagnostics: &mut Diagnostics,
) {
    if score.met || has_explanation(indicator) || filled_actual(indicator).is_none() {
        return;
    }
    diagnostics.push(
        Diagnostic::warning(format!(
            "指标「{}」未完成（得分 {} / 分值 {}），没有说明原因",
            indicator.name.value,
            fixed(score.score, places),
            fixed(score.weight, places)
        ))
        .at(indicator.name.span)
        .help("加上「说明: …」写明未完成的原因；它会列入报告的「未完成的绩效目标」"),
    );
}

fn has_explanation(indicator: &Indicator) -> bool {
    indicator
        .explanation
        .as_ref()
        .is_some_and(|e| !e.value.trim().is_empty())
}
