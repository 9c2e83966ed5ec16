//! Each check of issue #3 on its own fixture (`tests/fixtures/score/checks/`), asserting the
//! located message: file, line, column (in characters, as an editor counts them) and text.

use crate::score_support;

use jixiao::Severity::{Error, Warning};
use score_support::*;

const HIGHER: &str = "正向指标：达到目标得满分，否则按 实际/目标 比例得分";

// ---- errors ----

#[test]
fn weights_of_goals_and_budget_must_add_up_to_100() {
    let evaluated = evaluate("checks/total_weight.yaml");
    assert_message(
        &evaluated,
        Error,
        ("total_weight.yaml", 6, 7),
        "预算执行的分值 20.00 与各年度目标的分值 70.00 合计为 90.00，应为 100",
    );
    // The message also shows each goal's weight.
    let diagnostic = evaluated
        .diagnostics
        .errors()
        .find(|d| d.message.contains("应为 100"))
        .map(|d| d.related.iter().map(|(s, n)| (s.line, n.clone())).collect());
    assert_eq!(
        diagnostic,
        Some(vec![
            (11, "年度目标1的分值".to_string()),
            (20, "年度目标2的分值".to_string())
        ])
    );
}

#[test]
fn weights_adding_up_to_100_are_fine() {
    let text = std::fs::read_to_string(fixtures_dir().join("checks/total_weight.yaml"))
        .unwrap_or_default()
        .replace("  分值: 20\n  调整后预算数", "  分值: 30\n  调整后预算数");
    let evaluated = evaluate_text(&text);
    assert_no_errors(&evaluated);
}

#[test]
fn indicator_weights_must_add_up_to_the_goal_weight() {
    let evaluated = evaluate("checks/goal_weight.yaml");
    assert_message(
        &evaluated,
        Error,
        ("goal_weight.yaml", 11, 9),
        "年度目标「目标一」的指标分值合计为 70.00，与目标的分值 80.00 不符",
    );
}

#[test]
fn a_hand_score_above_its_weight_or_negative() {
    let evaluated = evaluate("checks/hand_score_range.yaml");
    assert_message(
        &evaluated,
        Error,
        ("hand_score_range.yaml", 19, 17),
        "指标「超出分值」的得分 1.50 超出了 0 到分值 1.00 的范围",
    );
    assert_message(
        &evaluated,
        Error,
        ("hand_score_range.yaml", 25, 17),
        "指标「负得分」的得分 -0.50 超出了 0 到分值 1.00 的范围",
    );
    // A hand score equal to the weight is fine; the scores stay possible ones meanwhile.
    assert_eq!(evaluated.diagnostics.errors().count(), 2);
    let outcome = outcome(&evaluated);
    assert_eq!(score_of(outcome, "超出分值"), dec("1.00"));
    assert_eq!(score_of(outcome, "负得分"), dec("0"));
}

#[test]
fn basic_plus_project_spending_must_equal_the_spending() {
    let evaluated = evaluate("checks/budget_split.yaml");
    assert_message(
        &evaluated,
        Error,
        ("budget_split.yaml", 9, 8),
        "基本支出 40.00 + 项目支出 50.00 = 90.00，与执行数 100.00 不符",
    );
    let fixed = std::fs::read_to_string(fixtures_dir().join("checks/budget_split.yaml"))
        .unwrap_or_default()
        .replace("项目支出: 50.00", "项目支出: 60.00");
    assert_no_errors(&evaluate_text(&fixed));
}

#[test]
fn negative_spending_and_weights() {
    let evaluated = evaluate("checks/negative.yaml");
    assert_message(
        &evaluated,
        Error,
        ("negative.yaml", 8, 8),
        "执行数不能为负数（写的是 -5.00）",
    );
    assert_message(
        &evaluated,
        Error,
        ("negative.yaml", 22, 17),
        "指标「乙」的分值不能为负数（写的是 -1）",
    );
    assert_message(
        &evaluated,
        Error,
        ("negative.yaml", 24, 9),
        "年度目标「目标二」的分值不能为负数（写的是 -10）",
    );
    // A negative budget weight too.
    let text = std::fs::read_to_string(fixtures_dir().join("checks/negative.yaml"))
        .unwrap_or_default()
        .replace("  分值: 20\n", "  分值: -20\n");
    assert_message(
        &evaluate_text(&text),
        Error,
        ("report.yaml", 6, 7),
        "预算的分值不能为负数（写的是 -20）",
    );
}

#[test]
fn a_qualitative_actual_differing_from_its_target_needs_a_band() {
    let evaluated = evaluate("checks/qualitative_band.yaml");
    assert_message(
        &evaluated,
        Error,
        ("qualitative_band.yaml", 17, 20),
        "定性指标「街道法治水平」的实际完成值与目标值不同，需要写明完成档次",
    );
    // A quantitative target reached in words is scored as qualitative too.
    assert_message(
        &evaluated,
        Error,
        ("qualitative_band.yaml", 21, 20),
        "定性指标「定量目标定性实际」的实际完成值与目标值不同，需要写明完成档次",
    );
}

#[test]
fn the_same_indicator_twice_in_one_goal() {
    let evaluated = evaluate("checks/duplicate.yaml");
    assert_message(
        &evaluated,
        Error,
        ("duplicate.yaml", 20, 19),
        "三级指标「普法宣传培训」在同一年度目标中出现了两次",
    );
    // The same name in another goal is no error.
    assert_eq!(evaluated.diagnostics.errors().count(), 1);
    let related: Vec<usize> = evaluated
        .diagnostics
        .errors()
        .flat_map(|d| d.related.iter().map(|(s, _)| s.line))
        .collect();
    assert_eq!(related, [15]);
}

#[test]
fn qualitative_hand_scores_stay_inside_their_band() {
    let evaluated = evaluate("checks/band_edges.yaml");
    // 80 % belongs to 达成, not to 部分达成.
    assert_message(
        &evaluated,
        Error,
        ("band_edges.yaml", 20, 17),
        "指标「部分达成却给八成」为「部分达成」，得分 0.80 不在该档次的 0.60 分（含）到 0.80 分（不含）之内",
    );
    // 60 % belongs to 部分达成, not to 未达成.
    assert_message(
        &evaluated,
        Error,
        ("band_edges.yaml", 27, 17),
        "指标「未达成却给六成」为「未达成」，得分 0.60 不在该档次的 0.00 分（含）到 0.60 分（不含）之内",
    );
    assert_message(
        &evaluated,
        Error,
        ("band_edges.yaml", 34, 17),
        "指标「达成却不到八成」为「达成」，得分 0.79 不在该档次的 0.80 到 1.00 分之内",
    );
    assert_message(
        &evaluated,
        Error,
        ("band_edges.yaml", 40, 19),
        "指标「部分达成没有得分」为「部分达成」，需要填写得分（0.60 分（含）到 0.80 分（不含））",
    );
    // An actual equal to its target is 达成 even without saying so.
    assert_message(
        &evaluated,
        Error,
        ("band_edges.yaml", 46, 17),
        "指标「与目标相同却给一半」的实际完成值与目标值相同，为「达成」，得分 0.50 不在该档次的 0.80 到 1.00 分之内",
    );
    assert_eq!(evaluated.diagnostics.errors().count(), 5);
}

#[test]
fn a_hand_score_differing_from_the_rule_needs_a_reason() {
    let evaluated = evaluate("checks/hand_score.yaml");
    // Without 得分说明: an error stating the rule's figure.
    assert_message(
        &evaluated,
        Error,
        ("hand_score.yaml", 19, 17),
        &format!(
            "指标「没有得分说明」的手工得分与规则不符：按规则（{HIGHER}）应得 0.20 分，手工得分为 0.50 分，但没有写得分说明"
        ),
    );
    // With 得分说明: a warning stating the rule's figure, pointing at the reason too.
    assert_message(
        &evaluated,
        Warning,
        ("hand_score.yaml", 25, 17),
        &format!(
            "指标「有得分说明」采用手工得分：按规则（{HIGHER}）应得 0.20 分，手工得分为 0.50 分"
        ),
    );
    // A hand score on 无法取得 departs from the rule's 0.
    assert_message(
        &evaluated,
        Error,
        ("hand_score.yaml", 39, 17),
        "指标「无法取得却给分」的手工得分与规则不符：按规则（没有数据（无法取得或未填写）：不得分）应得 0.00 分，手工得分为 0.60 分，但没有写得分说明",
    );
    // A hand score equal to the rule's says nothing.
    assert_no_message(&evaluated, "「与规则相同」");
    let outcome = outcome(&evaluated);
    let (_, hand) = indicator(outcome, "有得分说明");
    assert!(hand.hand_scored);
    assert_eq!((hand.score, hand.rule_score), (dec("0.50"), dec("0.20")));
}

#[test]
fn weights_and_scores_have_at_most_two_decimals() {
    let evaluated = evaluate("checks/weights.yaml");
    assert_message(
        &evaluated,
        Error,
        ("weights.yaml", 18, 17),
        "指标「三位小数的分值」的分值 1.125 超过两位小数",
    );
    assert_message(
        &evaluated,
        Error,
        ("weights.yaml", 23, 17),
        "指标「三位小数的得分」的得分 1.555 超过两位小数",
    );
    // 0.000 is 0: trailing zeros are not decimals; a weight of 0 is a warning.
    assert_no_message(&evaluated, "0.000");
    assert_message(
        &evaluated,
        Warning,
        ("weights.yaml", 33, 17),
        "指标「末尾的零不算」的分值为 0，不论完成与否都不影响得分",
    );
    // Meanwhile the reached target still counts as met.
    let (_, scored) = indicator(outcome(&evaluated), "三位小数的分值");
    assert!(scored.met);
}

#[test]
fn a_deviation_threshold_must_be_positive() {
    let evaluated = evaluate("checks/threshold_setting.yaml");
    assert_message(
        &evaluated,
        Error,
        ("threshold_setting.yaml", 6, 10),
        "偏差大阈值必须大于 0（写的是 0%）",
    );
    // The default threshold stands in: a reached target is no deviation.
    assert_no_message(&evaluated, "偏差大：");
}

// ---- warnings ----

#[test]
fn large_deviation_without_explanation() {
    let evaluated = evaluate("checks/deviation.yaml");
    assert_message(
        &evaluated,
        Warning,
        ("deviation.yaml", 17, 20),
        "指标「超出很多」偏差大：实际完成值「56 个」超出目标值「30 个」86.67%，没有说明原因",
    );
    // Exactly 30 % is a large deviation; 26.67 % is not.
    assert_message(
        &evaluated,
        Warning,
        ("deviation.yaml", 21, 20),
        "指标「恰好三成」偏差大：实际完成值「39 个」超出目标值「30 个」30.00%，没有说明原因",
    );
    assert_no_message(&evaluated, "「不到三成」");
    // Explained: nothing to say.
    assert_no_message(&evaluated, "「超出但有说明」");
    // A 反向 target undercut by far is a large deviation as well.
    assert_message(
        &evaluated,
        Warning,
        ("deviation.yaml", 36, 20),
        "指标「远低于上限」偏差大：实际完成值「5 人次」低于目标值「≤10 人次」50.00%，没有说明原因",
    );
}

#[test]
fn the_deviation_threshold_is_a_setting() {
    let evaluated = evaluate("checks/deviation_threshold.yaml");
    assert_no_message(&evaluated, "「超出四成多」");
    assert_message(
        &evaluated,
        Warning,
        ("deviation_threshold.yaml", 23, 20),
        "指标「恰好五成」偏差大：实际完成值「45 个」超出目标值「30 个」50.00%，没有说明原因",
    );
}

#[test]
fn a_range_written_as_an_actual() {
    let evaluated = evaluate("checks/range_actual.yaml");
    assert_message(
        &evaluated,
        Warning,
        ("range_actual.yaml", 17, 20),
        "实际完成值「≥90%」写成了范围，无法精确计分，按 90 计",
    );
    assert_eq!(messages_with(&evaluated, "写成了范围").len(), 1);
}

#[test]
fn target_and_actual_in_different_units() {
    let evaluated = evaluate("checks/units.yaml");
    assert_message(
        &evaluated,
        Warning,
        ("units.yaml", 17, 20),
        "目标值的单位「人次」与实际完成值的单位「次」不一致",
    );
    // ％ and % are the same unit.
    assert_eq!(messages_with(&evaluated, "单位").len(), 1);
}

#[test]
fn an_unmet_indicator_without_explanation() {
    let evaluated = evaluate("checks/unmet.yaml");
    assert_message(
        &evaluated,
        Warning,
        ("unmet.yaml", 15, 19),
        "指标「新增就业岗位」未完成（得分 0.26 / 分值 1.00），没有说明原因",
    );
    assert_no_message(&evaluated, "「有说明」");
}

#[test]
fn a_goal_without_output_or_benefit_indicators() {
    let evaluated = evaluate("checks/composition.yaml");
    assert_message(
        &evaluated,
        Warning,
        ("composition.yaml", 10, 9),
        "年度目标「只有产出」没有效益指标",
    );
    assert_message(
        &evaluated,
        Warning,
        ("composition.yaml", 19, 9),
        "年度目标「只有效益」没有产出指标",
    );
}

#[test]
fn satisfaction_weighing_less_than_5_percent() {
    let evaluated = evaluate("checks/satisfaction.yaml");
    assert_message(
        &evaluated,
        Warning,
        ("satisfaction.yaml", 19, 7),
        "满意度指标的分值合计 4.99，不到总分 100.00 的 5%（5.00）",
    );
    // Exactly 5 % is enough.
    let text = std::fs::read_to_string(fixtures_dir().join("checks/satisfaction.yaml"))
        .unwrap_or_default()
        .replace("分值: 37.51", "分值: 37.50")
        .replace("分值: 2.49", "分值: 2.50");
    let enough = evaluate_text(&text);
    assert_no_errors(&enough);
    assert_no_message(&enough, "满意度指标的分值合计");
}

#[test]
fn a_band_on_a_quantitative_indicator_is_ignored_and_said() {
    let evaluated = evaluate("checks/band_unused.yaml");
    assert_message(
        &evaluated,
        Warning,
        ("band_unused.yaml", 19, 19),
        &format!(
            "指标「定量指标写了档次」不是定性指标，完成档次「部分达成」不参与计分（{HIGHER}）"
        ),
    );
    assert_eq!(
        score_of(outcome(&evaluated), "定量指标写了档次"),
        dec("1.00")
    );
}
