//! What import must decide, and says it did: values the workbook lacks (a 分值 column, the
//! 年度, the 提交时间), and for each indicator whether its 得分 is the rule's or the evaluator's
//! (then imported as `得分` with an `得分说明` naming its cell), and which band a qualitative
//! indicator reached.

use rust_decimal::Decimal;

use crate::check::validate::needs_band;
use crate::diagnostic::Span;
use crate::excel::read::table::{Row, Table};
use crate::excel::sources::{Decided, Extra};
use crate::form::boundary::OwnCells;
use crate::located::At;
use crate::model::value::parse_value;
use crate::model::{Amount, Band, Indicator, RuleSetName, Settings, Text};
use crate::scoring::rule_set::ScoringRules;
use crate::scoring::score::{score_indicator, two_decimals};

/// Fills what the workbook does not say (of the form's own values, as `own` says), with a note
/// for each.
pub fn fill_gaps(table: &mut Table, own: &mut dyn OwnCells, sheet: &str) {
    if table.unit_name.is_none() {
        table.unit_name = Some("（工作簿中没有单位名称）".to_string());
        table.notes.push(format!(
            "{sheet}：没有找到「单位名称」，写了占位文字，请改为单位的全称"
        ));
    }
    if table.has_weights {
        note_blank_weights(table);
    } else {
        own.assume_weights(table, sheet);
    }
    own.fill_gaps(sheet, &mut table.notes);
}

/// A 分值 cell left blank (or holding no number) is written as 0, and said so.
fn note_blank_weights(table: &mut Table) {
    let mut notes = Vec::new();
    for row in table.goals.iter().flat_map(|goal| &goal.indicators) {
        if row.weight.is_none() {
            notes.push(format!(
                "{}：「{}」的分值为空（或不是数字），按 0 写入：请在导入的 YAML 中填写",
                row.weight_at.as_deref().unwrap_or(&row.score_at),
                row.name
            ));
        }
    }
    table.notes.extend(notes);
}

/// The rules of the rule set `rule_set` (None: the default), scores kept to `places` decimals.
fn rules(rule_set: Option<RuleSetName>, places: u32) -> ScoringRules {
    let settings = Settings {
        rule_set: rule_set.map(|name| At::new(name, Span::default())),
        ..Settings::default()
    };
    ScoringRules {
        places,
        ..ScoringRules::of(&settings)
    }
}

/// 得分小数位数 when the sheet rounds its scores to fewer than two decimals: no 得分 has more,
/// and some row's 得分 is the rule's rounded so (8.6 where two decimals give 8.57) — a sheet
/// whose scores merely happen to be whole keeps two.
pub fn score_places(table: &Table, rule_set: Option<RuleSetName>) -> Option<u32> {
    let rows: Vec<(&Row, Decimal)> = table
        .goals
        .iter()
        .flat_map(|goal| &goal.indicators)
        .filter_map(|row| Some((row, row.score?)))
        .collect();
    let rule_score = |row: &Row, places| {
        score_indicator(&indicator(row, &Extra::default()), &rules(rule_set, places)).rule_score
    };
    [0, 1].into_iter().find(|&places| {
        rows.iter()
            .all(|(_, score)| score.normalize().scale() <= places)
            && rows.iter().any(|(row, score)| {
                rule_score(row, places) == *score && rule_score(row, 2) != *score
            })
    })
}

/// The model's indicator for a row, to score it by the rule.
pub fn indicator(row: &Row, extra: &Extra) -> Indicator {
    let at = |value| At::new(value, Span::default());
    Indicator {
        name: at(row.name.clone()),
        target: At::new(Text(row.target.clone()), Span::default()),
        actual: row
            .actual
            .clone()
            .map(|a| At::new(Text(a), Span::default())),
        weight: At::new(Amount(row.weight.unwrap_or_default()), Span::default()),
        score: extra.score.map(|s| At::new(Amount(s), Span::default())),
        score_reason: None,
        band: extra.band.map(|b| At::new(b, Span::default())),
        explanation: None,
        direction: None,
        nature: None,
        value: None,
        unit: None,
    }
}

/// For every row: its band when the rule needs one, and its 得分 when it is not the rule's.
pub fn scores(table: &Table, rule_set: Option<RuleSetName>) -> Decided {
    let rules = rules(rule_set, table.score_places.unwrap_or(2));
    let mut decided = Decided::default();
    for goal in &table.goals {
        let rows = goal
            .indicators
            .iter()
            .map(|row| decide_row(row, &rules, &mut decided.notes))
            .collect();
        decided.rows.push(rows);
    }
    decided
}

fn decide_row(row: &Row, rules: &ScoringRules, notes: &mut Vec<String>) -> Extra {
    let weight = row.weight.unwrap_or_default();
    let mut extra = Extra::default();
    let plain = indicator(row, &extra);
    let target = parse_value(&row.target);
    if let Some(actual) = row.actual.as_deref().map(parse_value)
        && needs_band(&plain, &target, &actual)
    {
        let band = band_of(row, weight, rules, notes);
        extra.band = Some(band);
        if band != Band::Reached && row.score.is_none() {
            extra.score = Some(Decimal::ZERO);
            notes.push(format!(
                "{}：定性指标「{}」的实际完成值与目标值不同、得分为空，按「未达成」0 分写入，请核对",
                row.score_at, row.name
            ));
        }
    }
    let rule_score = score_indicator(
        &indicator(
            row,
            &Extra {
                score: None,
                ..extra.clone()
            },
        ),
        rules,
    )
    .rule_score;
    let below_reached = extra.band.is_some_and(|band| band != Band::Reached);
    match row.score {
        // A band below 达成 is scored inside the band by the evaluator: its score is needed.
        Some(score) if below_reached => extra.score = Some(score),
        Some(score) if score != rule_score => {
            extra.score = Some(score);
            extra.score_reason = Some(row.score_reason.clone().unwrap_or_else(|| {
                format!(
                    "取自工作簿 {} 的得分；按规则应得 {} 分",
                    row.score_at,
                    two_decimals(rule_score)
                )
            }));
        }
        Some(_) => extra.score = None,
        None if rule_score < weight && extra.score.is_none() => notes.push(format!(
            "{}：「{}」的得分为空，按规则计为 {} 分",
            row.score_at,
            row.name,
            two_decimals(rule_score)
        )),
        None => {}
    }
    extra
}

/// The band a workbook score lies in (the rule set's bands); a blank one did not reach its
/// target. Compared as score × 100 against weight × the band's edge, every step checked: a
/// score too large for the comparison (1e20 of a weight of 1e-20) is noted, never a panic.
fn band_of(row: &Row, weight: Decimal, rules: &ScoringRules, notes: &mut Vec<String>) -> Band {
    let Some(score) = row.score else {
        return Band::Missed;
    };
    if weight <= Decimal::ZERO {
        return Band::Reached;
    }
    let at_least = |edge: Decimal| -> Option<bool> {
        Some(score.checked_mul(Decimal::ONE_HUNDRED)? >= weight.checked_mul(edge)?)
    };
    match (
        at_least(rules.bands.reached_low),
        at_least(rules.bands.partly_low),
    ) {
        (Some(true), _) => Band::Reached,
        (Some(false), Some(true)) => Band::Partly,
        (Some(false), Some(false)) => Band::Missed,
        _ => {
            let band = if score > Decimal::ZERO {
                Band::Reached
            } else {
                Band::Missed
            };
            notes.push(format!(
                "{}：「{}」的得分 {} 与分值 {} 相差太大，无法计算得分率，按「{}」处理：请核对这一格",
                row.score_at,
                row.name,
                score.normalize(),
                weight.normalize(),
                if band == Band::Reached { "达成" } else { "未达成" }
            ));
            band
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::excel::weights::share;

    fn row(score: &str, weight: &str) -> Row {
        Row {
            level1: "产出指标".to_string(),
            level1_weight: None,
            level2: "数量指标".to_string(),
            name: "甲".to_string(),
            target: "好".to_string(),
            actual: Some("较好".to_string()),
            weight: weight.parse().ok(),
            score: score.parse().ok(),
            explanation: None,
            score_reason: None,
            score_at: "S!H8".to_string(),
            weight_at: Some("S!G8".to_string()),
        }
    }

    #[test]
    fn a_score_too_large_for_its_weight_is_a_note_not_a_panic() {
        let rules = rules(None, 2);
        let mut notes = Vec::new();
        let huge = row(
            "79228162514264337593543950335",
            "0.0000000000000000000000000001",
        );
        let band = band_of(&huge, huge.weight.unwrap(), &rules, &mut notes);
        assert_eq!(band, Band::Reached);
        assert!(notes[0].starts_with("S!H8：「甲」的得分"), "{notes:?}");
        let extra = decide_row(&huge, &rules, &mut notes);
        assert_eq!(extra.band, Some(Band::Reached));
    }

    #[test]
    fn bands_are_the_rule_set_s() {
        let rules = rules(None, 2);
        let mut notes = Vec::new();
        for (score, band) in [
            ("8", Band::Reached),
            ("7", Band::Partly),
            ("5", Band::Missed),
        ] {
            assert_eq!(
                band_of(&row(score, "10"), Decimal::TEN, &rules, &mut notes),
                band
            );
        }
        assert!(notes.is_empty());
    }

    #[test]
    fn shares_of_a_weight_never_overflow() {
        let mut rows = [row("1", "1"), row("1", "1"), row("1", "1")];
        share(rows.iter_mut().collect(), Decimal::MAX);
        let total = rows
            .iter()
            .map(|r| r.weight.unwrap())
            .try_fold(Decimal::ZERO, |a, b| a.checked_add(b));
        assert_eq!(total, Some(Decimal::MAX));
    }
}
