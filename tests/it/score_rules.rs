//! The scoring rules of domain.md section 4, one small fixture per rule
//! (`tests/fixtures/score/rules/`), with the rounding, band and grade edges.

use crate::score_support;

use jixiao::Severity;
use jixiao::Span;
use jixiao::located::At;
use jixiao::model::{Amount, Budget};
use jixiao::scoring::score::{Grade, Rule, round_score, score_budget};
use score_support::*;

/// Asserts the score, rule and met flag of one indicator.
fn assert_scored(outcome: &jixiao::Outcome, name: &str, score: &str, rule: Rule, met: bool) {
    let (_, scored) = indicator(outcome, name);
    assert_eq!(scored.score, dec(score), "score of {name}");
    assert_eq!(scored.rule, rule, "rule of {name}");
    assert_eq!(scored.met, met, "met of {name}");
}

#[test]
fn rounding_is_half_up_to_cents() {
    for (exact, rounded) in [
        ("0.65625", "0.66"),
        ("0.005", "0.01"),
        ("2.675", "2.68"),
        // Half up, not half to even: banker's rounding would give 2.66.
        ("2.665", "2.67"),
        ("0.004999", "0.00"),
        ("1.994", "1.99"),
        ("1.995", "2.00"),
    ] {
        assert_eq!(round_score(dec(exact)), dec(rounded), "{exact}");
    }
}

#[test]
fn rounding_edges_in_a_report() {
    let evaluated = evaluate("rules/rounding.yaml");
    assert_no_errors(&evaluated);
    let outcome = outcome(&evaluated);
    // 2.50 × 210/800 = 0.65625
    assert_scored(outcome, "新增就业岗位", "0.66", Rule::Higher, false);
    // 0.05 × 1/10 = 0.005
    assert_scored(outcome, "千分之五", "0.01", Rule::Higher, false);
    // 5.35 × 1/2 = 2.675
    assert_scored(outcome, "二点六七五", "2.68", Rule::Higher, false);
    // The goal adds the rounded scores: 0.66 + 0.01 + 2.68.
    assert_eq!(outcome.scores.goals[0].score, dec("3.35"));
    assert_eq!(outcome.scores.total, dec("95.45"));
}

#[test]
fn higher_is_better_full_when_reached_else_proportional() {
    let evaluated = evaluate("rules/higher.yaml");
    assert_no_errors(&evaluated);
    let outcome = outcome(&evaluated);
    assert_scored(outcome, "超过下限", "1.00", Rule::Higher, true);
    assert_scored(outcome, "恰好达到", "1.00", Rule::Higher, true);
    assert_scored(outcome, "完成一半", "1.00", Rule::Higher, false);
    // 1.50 × 95/100 = 1.425 → 1.43
    assert_scored(outcome, "百分比不足", "1.43", Rule::Higher, false);
    // `方向: 正向` outweighs the ≤ of the target.
    assert_scored(outcome, "声明正向", "1.00", Rule::Higher, true);
    assert_eq!(outcome.scores.goals[0].score, dec("5.43"));
}

#[test]
fn lower_is_better_by_ratio_by_default() {
    let evaluated = evaluate("rules/reverse_ratio.yaml");
    assert_no_errors(&evaluated);
    let outcome = outcome(&evaluated);
    assert_scored(outcome, "未超过", "1.00", Rule::LowerRatio, true);
    // 2.00 × 10/12 = 1.666…
    assert_scored(outcome, "超出两成", "1.67", Rule::LowerRatio, false);
    // 1.00 × 10/25
    assert_scored(outcome, "超出一倍半", "0.40", Rule::LowerRatio, false);
    assert_scored(outcome, "恰好两倍", "0.50", Rule::LowerRatio, false);
    // `方向: 反向` on a plain count: 1.20 × 5/6
    assert_scored(outcome, "声明反向", "1.00", Rule::LowerRatio, false);
    assert_scored(outcome, "严格小于", "1.00", Rule::LowerRatio, true);
    assert_eq!(outcome.scores.goals[0].score, dec("5.57"));
}

#[test]
fn lower_is_better_by_linear_deduction_when_set() {
    let evaluated = evaluate("rules/reverse_linear.yaml");
    assert_no_errors(&evaluated);
    let outcome = outcome(&evaluated);
    assert_scored(outcome, "未超过", "1.00", Rule::LowerLinear, true);
    // 2.00 × (1 − (12 − 10)/10)
    assert_scored(outcome, "超出两成", "1.60", Rule::LowerLinear, false);
    // 0 from B ≥ 2A
    assert_scored(outcome, "超出一倍半", "0.00", Rule::LowerLinear, false);
    assert_scored(outcome, "恰好两倍", "0.00", Rule::LowerLinear, false);
    // 1.20 × (1 − 1/5)
    assert_scored(outcome, "声明反向", "0.96", Rule::LowerLinear, false);
    assert_scored(outcome, "严格小于", "1.00", Rule::LowerLinear, true);
    assert_eq!(outcome.scores.goals[0].score, dec("4.56"));
}

#[test]
fn zero_targets_full_only_at_zero() {
    let evaluated = evaluate("rules/zero.yaml");
    assert_no_errors(&evaluated);
    let outcome = outcome(&evaluated);
    assert_scored(outcome, "零起事故", "1.50", Rule::ZeroTarget, true);
    assert_scored(outcome, "发生两起", "0.00", Rule::ZeroTarget, false);
    assert_scored(outcome, "零次", "1.00", Rule::ZeroTarget, true);
    assert_scored(outcome, "不超过零", "0.00", Rule::ZeroTarget, false);
    // A target of at least 0 is met by anything.
    assert_scored(outcome, "不少于零", "1.00", Rule::Higher, true);
    assert_scored(outcome, "声明正向的零", "1.00", Rule::Higher, true);
}

#[test]
fn no_data_scores_zero_and_is_unmet() {
    let evaluated = evaluate("rules/no_data.yaml");
    assert_no_errors(&evaluated);
    let outcome = outcome(&evaluated);
    for name in ["全区排名", "定量无法取得", "没有填写", "空白"] {
        assert_scored(outcome, name, "0.00", Rule::NoData, false);
    }
    let unmet: Vec<&str> = outcome
        .facts
        .unmet
        .iter()
        .map(|u| u.cells.name.as_str())
        .collect();
    assert_eq!(unmet, ["全区排名", "定量无法取得", "没有填写", "空白"]);
    // Not filled in (left out, or blank) is a warning at the indicator, or at the blank value.
    for (name, line, column) in [("没有填写", 25, 19), ("空白", 30, 20)] {
        assert_message(
            &evaluated,
            Severity::Warning,
            ("no_data.yaml", line, column),
            &format!("指标「{name}」还没有填写实际完成值，按 0 分计"),
        );
    }
}

#[test]
fn qualitative_by_band() {
    let evaluated = evaluate("rules/qualitative.yaml");
    assert_no_errors(&evaluated);
    let outcome = outcome(&evaluated);
    assert_scored(outcome, "与目标相同", "1.00", Rule::Qualitative, true);
    assert_scored(outcome, "写明达成", "1.00", Rule::Qualitative, true);
    // The lowest edges belong to their band: 80 % is 达成, 60 % is 部分达成.
    assert_scored(outcome, "达成的下沿", "0.80", Rule::Qualitative, false);
    assert_scored(outcome, "部分达成的下沿", "1.20", Rule::Qualitative, false);
    assert_scored(outcome, "未达成", "0.00", Rule::Qualitative, false);
    // A hand score inside its band is the band's judgement, not a departure from a rule.
    assert_no_message(&evaluated, "手工得分");
}

#[test]
fn budget_execution_is_weight_times_capped_rate() {
    let budget = |adjusted: &str, spent: &str| Budget {
        weight: at(Amount(dec("20"))),
        approved: None,
        adjusted: at(Amount(dec(adjusted))),
        spent: at(Amount(dec(spent))),
        basic: None,
        project: None,
        rows: Vec::new(),
    };
    let full = score_budget(&budget("13581.29", "13581.29"));
    assert_eq!(
        (full.score, full.rate_percent),
        (dec("20.00"), dec("100.00"))
    );
    // 20 × 9000/12000 = 15; the rate is printed with two decimals.
    let part = score_budget(&budget("12000", "9000"));
    assert_eq!(
        (part.score, part.rate_percent),
        (dec("15.00"), dec("75.00"))
    );
    // 20 × 2/3 = 13.333…, 66.666… %
    let third = score_budget(&budget("3", "2"));
    assert_eq!(
        (third.score, third.rate_percent),
        (dec("13.33"), dec("66.67"))
    );
    // Spending more than the adjusted budget scores no more than the weight.
    let over = score_budget(&budget("100", "110"));
    assert_eq!(
        (over.score, over.rate_percent),
        (dec("20.00"), dec("110.00"))
    );
    // An adjusted budget of 0 is an error of its own; it scores 0 instead of dividing by 0.
    assert_eq!(score_budget(&budget("0", "5")).score, dec("0"));
}

fn at<T>(value: T) -> At<T> {
    At::new(
        value,
        Span {
            file: 0,
            line: 1,
            column: 1,
            start: 0,
            len: 0,
        },
    )
}

#[test]
fn grades_at_their_edges() {
    for (total, grade) in [
        ("100", Grade::Excellent),
        ("90.00", Grade::Excellent),
        ("89.99", Grade::Good),
        ("80.00", Grade::Good),
        ("79.99", Grade::Fair),
        ("60.00", Grade::Fair),
        ("59.99", Grade::Poor),
        ("0", Grade::Poor),
    ] {
        assert_eq!(Grade::of(dec(total)), grade, "{total}");
    }
    assert_eq!(
        [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor].map(Grade::name_zh),
        ["优", "良", "中", "差"]
    );
}

#[test]
fn grade_of_a_report_comes_from_its_total() {
    // 95.45 in the rounding fixture.
    let evaluated = evaluate("rules/rounding.yaml");
    assert_eq!(outcome(&evaluated).facts.grade, Grade::Excellent);
    // 92.80 + 4.56 = 97.36; with the budget halved the grade falls.
    let text = std::fs::read_to_string(fixtures_dir().join("rules/reverse_linear.yaml"))
        .unwrap_or_default()
        .replace("执行数: 100.00", "执行数: 0.00");
    let evaluated = evaluate_text(&text);
    let outcome = outcome(&evaluated);
    assert_eq!(outcome.scores.total, dec("4.56"));
    assert_eq!(outcome.facts.grade, Grade::Poor);
}
