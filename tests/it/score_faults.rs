//! The faults of the model document (domain.md section 7) that data can express, each reproduced
//! by a fixture (`tests/fixtures/score/faults/`) and caught with a located message, or made
//! impossible because the tool derives the figure.
//!
//! Not here: fault 8 (the text cites an indicator in no table) and fault 9 (the annex's long
//! texts drifting from the abridged report's) live in free text, not in the scored data.

use crate::score_support;

use jixiao::Severity::{Error, Warning};
use score_support::*;

fn sample() -> jixiao::Evaluated {
    match jixiao::evaluate_path(&sample_dir()) {
        Ok(evaluated) => evaluated,
        Err(error) => panic!("cannot load the sample report: {error}"),
    }
}

/// Fault 1: the summary table listed 预算执行 and goals 1–3 only, its rows adding up to 74.00 and
/// 67.50 under a 合计 of 100.00 and 90.66.
#[test]
fn fault_1_the_summary_lists_budget_and_every_goal_and_adds_up() {
    let evaluated = sample();
    let facts = &outcome(&evaluated).facts;
    let labels: Vec<&str> = facts.summary.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "预算执行",
            "年度目标1",
            "年度目标2",
            "年度目标3",
            "年度目标4"
        ]
    );
    let weights: Vec<_> = facts.summary.iter().map(|r| r.weight).collect();
    let scores: Vec<_> = facts.summary.iter().map(|r| r.score).collect();
    assert_eq!(
        weights,
        ["20", "11", "20", "23", "26"].map(dec).to_vec(),
        "weights"
    );
    assert_eq!(
        scores,
        ["20.00", "9.00", "20.00", "18.50", "23.16"]
            .map(dec)
            .to_vec(),
        "scores"
    );
    assert_eq!(
        weights.iter().sum::<rust_decimal::Decimal>(),
        facts.total_weight
    );
    assert_eq!(facts.total_weight, dec("100"));
    assert_eq!(scores.iter().sum::<rust_decimal::Decimal>(), facts.total);
    assert_eq!(facts.total, dec("90.66"));
}

/// Fault 2: 各项绩效目标均已完成, then 47 of 54 met. The counts come from the same scores.
#[test]
fn fault_2_the_counts_cannot_contradict_each_other() {
    let evaluated = sample();
    let outcome = outcome(&evaluated);
    let facts = &outcome.facts;
    assert_eq!(
        (facts.goal_count, facts.indicator_count, facts.met_count),
        (4, 54, 47)
    );
    assert_eq!(facts.met_count + facts.unmet.len(), facts.indicator_count);
    let scored = outcome
        .scores
        .goals
        .iter()
        .flat_map(|g| &g.indicators)
        .count();
    assert_eq!(scored, facts.indicator_count);
    let card = jixiao::scoring::scorecard::scorecard(&outcome.report, &outcome.scores, facts);
    assert!(
        card.to_text()
            .contains("4 个年度目标共 54 项绩效指标，完成 47 项，未完成 7 项。"),
        "{}",
        card.to_text()
    );
}

/// Fault 3: 新增养老床位, 10 of 50 added, scored 1.00 of 2.00: no rule gives that (the rule gives
/// 0.40). Without a reason it is an error saying so.
#[test]
fn fault_3_a_hand_score_with_no_rule_and_no_reason() {
    let evaluated = evaluate("faults/bed_places.yaml");
    assert_message(
        &evaluated,
        Error,
        ("bed_places.yaml", 19, 15),
        "指标「新增养老床位」的手工得分与规则不符：按规则（正向指标：达到目标得满分，否则按 实际/目标 比例得分）应得 0.40 分，手工得分为 1.00 分，但没有写得分说明",
    );
    let help = evaluated
        .diagnostics
        .errors()
        .find_map(|d| d.help.clone())
        .unwrap_or_default();
    assert!(help.contains("得分说明") && help.contains("0.40"), "{help}");
    // With a reason it is the evaluator's judgement: a warning that still states the rule's 0.40.
    let text = std::fs::read_to_string(fixtures_dir().join("faults/bed_places.yaml"))
        .unwrap_or_default()
        .replace(
            "          得分: 1.00\n",
            "          得分: 1.00\n          得分说明: 保留公布的得分，作为评价人的判断。\n",
        );
    let explained = evaluate_text(&text);
    assert_no_errors(&explained);
    assert_message(
        &explained,
        Warning,
        ("report.yaml", 19, 15),
        "指标「新增养老床位」采用手工得分：按规则（正向指标：达到目标得满分，否则按 实际/目标 比例得分）应得 0.40 分，手工得分为 1.00 分",
    );
}

/// Fault 4: unmet indicators with a blank 实际完成值. Blank or 无法取得 scores 0 and is unmet; blank
/// is reported where it is.
#[test]
fn fault_4_blank_or_unobtainable_actual_values() {
    let evaluated = evaluate("faults/blank_actual.yaml");
    assert_no_errors(&evaluated);
    assert_message(
        &evaluated,
        Warning,
        ("blank_actual.yaml", 22, 19),
        "指标「违法建设案件」还没有填写实际完成值，按 0 分计",
    );
    assert_message(
        &evaluated,
        Warning,
        ("blank_actual.yaml", 33, 20),
        "指标「辖区水体质量」还没有填写实际完成值，按 0 分计",
    );
    let outcome = outcome(&evaluated);
    for name in [
        "拆迁工作整体完成情况全区排名",
        "违法建设案件",
        "辖区水体质量",
        "大城管考核排名",
    ] {
        let (_, scored) = indicator(outcome, name);
        assert_eq!((scored.score, scored.met), (dec("0"), false), "{name}");
    }
    let unmet: Vec<(usize, &str, &str)> = outcome
        .facts
        .unmet
        .iter()
        .map(|u| (u.goal, u.cells.name.as_str(), u.cells.actual.as_str()))
        .collect();
    assert_eq!(
        unmet,
        [
            (1, "拆迁工作整体完成情况全区排名", "无法取得"),
            (1, "违法建设案件", ""),
            (2, "辖区水体质量", ""),
            (2, "大城管考核排名", "未达前三"),
        ]
    );
}

/// Fault 5: 30 → 56, 4 → 7 and 2 → 10 exceed their targets by far, unexplained.
#[test]
fn fault_5_large_deviations_unexplained() {
    let evaluated = evaluate("faults/deviation.yaml");
    for (line, name, actual, target, percent) in [
        (17, "推进重点项目拆迁点位", "56 个", "30 个", "86.67"),
        (30, "普法宣传培训", "7 次", "4 次", "75.00"),
        (39, "八叠山公墓维护", "10 次", "2 次", "400.00"),
    ] {
        assert_message(
            &evaluated,
            Warning,
            ("deviation.yaml", line, 20),
            &format!(
                "指标「{name}」偏差大：实际完成值「{actual}」超出目标值「{target}」{percent}%，没有说明原因"
            ),
        );
    }
    // 80 % → 88 % is 10 % above: no large deviation.
    assert_eq!(messages_with(&evaluated, "偏差大：").len(), 3);
}

/// Fault 6: ranges written as actual values cannot be scored as numbers.
#[test]
fn fault_6_ranges_written_as_actuals() {
    let evaluated = evaluate("faults/ranges.yaml");
    assert_message(
        &evaluated,
        Warning,
        ("ranges.yaml", 17, 20),
        "实际完成值「≥85分」写成了范围，无法精确计分，按 85 计",
    );
    assert_message(
        &evaluated,
        Warning,
        ("ranges.yaml", 23, 20),
        "实际完成值「≥90%」写成了范围，无法精确计分，按 90 计",
    );
}

/// Fault 7: 拆迁工作上访人次, target in 人次, actual in 次.
#[test]
fn fault_7_target_and_actual_in_different_units() {
    let evaluated = evaluate("faults/units.yaml");
    assert_message(
        &evaluated,
        Warning,
        ("units.yaml", 17, 20),
        "目标值的单位「人次」与实际完成值的单位「次」不一致",
    );
    let related: Vec<(usize, usize, String)> = evaluated
        .diagnostics
        .warnings()
        .filter(|d| d.message.contains("单位"))
        .flat_map(|d| d.related.iter().map(|(s, n)| (s.line, s.column, n.clone())))
        .collect();
    assert_eq!(related, [(16, 20, "目标值".to_string())]);
}
