//! Properties of scoring on generated reports, built through YAML text: every score lies in
//! [0, weight], sums are sums of the rounded parts, met ⇔ score = weight, and the derived facts
//! (summary, counts, unmet list) agree with the scores.

use crate::score_support;

use std::fmt::Write as _;

use jixiao::scoring::score::{Grade, Rule, round_score};
use proptest::prelude::*;
use rust_decimal::Decimal;
use score_support::{dec, evaluate_text, outcome};

/// An amount in cents, written as the user would (`12.30`, `7`, `-0.50`).
fn cents(amount: i64) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let amount = amount.abs();
    match amount % 100 {
        0 => format!("{sign}{}", amount / 100),
        rest => format!("{sign}{}.{rest:02}", amount / 100),
    }
}

#[derive(Clone, Debug)]
enum Actual {
    Quantity {
        comparator: &'static str,
        number: i64,
        unit: &'static str,
    },
    SameText,
    OtherText {
        band: Option<&'static str>,
    },
    NoData,
    Missing,
    Blank,
}

#[derive(Clone, Debug)]
struct GenIndicator {
    weight: i64,
    /// Target as written: a quantity or a qualitative text.
    target: (Option<(&'static str, i64, &'static str)>, &'static str),
    actual: Actual,
    hand: Option<i64>,
    direction: Option<&'static str>,
}

#[derive(Clone, Debug)]
struct GenReport {
    linear: bool,
    budget: (i64, i64, i64),
    goals: Vec<Vec<GenIndicator>>,
}

fn comparator() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "≥", "≤", ">", "<", ">=", "<=", "="])
}

fn unit() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "%", "个", "次", "人次", "起", "张"])
}

/// Hundredths, often 0 (zero targets) or whole and small (counts).
fn number(max: i64) -> impl Strategy<Value = i64> {
    prop_oneof![
        1 => Just(0i64),
        2 => (0i64..20).prop_map(|n| n * 100),
        3 => 0i64..max,
    ]
}

fn actual() -> impl Strategy<Value = Actual> {
    prop_oneof![
        4 => (comparator(), number(300_000), unit())
            .prop_map(|(comparator, number, unit)| Actual::Quantity { comparator, number, unit }),
        1 => Just(Actual::SameText),
        1 => prop::option::of(prop::sample::select(vec!["达成", "部分达成", "未达成"]))
            .prop_map(|band| Actual::OtherText { band }),
        1 => Just(Actual::NoData),
        1 => Just(Actual::Missing),
        1 => Just(Actual::Blank),
    ]
}

fn indicator() -> impl Strategy<Value = GenIndicator> {
    (
        0i64..2_000,
        prop::option::of((comparator(), number(200_000), unit())),
        prop::sample::select(vec!["不断提升", "通过考核", "前三"]),
        actual(),
        prop::option::of(-200i64..2_500),
        prop::option::of(prop::sample::select(vec!["正向", "反向"])),
    )
        .prop_map(
            |(weight, quantity, text, actual, hand, direction)| GenIndicator {
                weight,
                target: (quantity, text),
                actual,
                hand,
                direction,
            },
        )
}

fn report() -> impl Strategy<Value = GenReport> {
    (
        any::<bool>(),
        (0i64..3_000, 1i64..2_000_000, 0i64..3_000_000),
        prop::collection::vec(prop::collection::vec(indicator(), 1..6), 1..5),
    )
        .prop_map(|(linear, budget, goals)| GenReport {
            linear,
            budget,
            goals,
        })
}

/// A value as written: comparator, `number` hundredths, unit (`≥80.50%`, `30个`).
fn quantity(comparator: &str, number: i64, unit: &str) -> String {
    format!("{comparator}{}{unit}", cents(number))
}

fn target_text(indicator: &GenIndicator) -> String {
    match indicator.target {
        (Some((comparator, number, unit)), _) => quantity(comparator, number, unit),
        (None, text) => text.to_string(),
    }
}

fn indicator_yaml(out: &mut String, number: usize, indicator: &GenIndicator) {
    let target = target_text(indicator);
    let _ = writeln!(out, "          - 三级指标: 指标{number}");
    let _ = writeln!(out, "            年初目标值: \"{target}\"");
    match &indicator.actual {
        Actual::Quantity {
            comparator,
            number,
            unit,
        } => {
            let _ = writeln!(
                out,
                "            实际完成值: \"{}\"",
                quantity(comparator, *number, unit)
            );
        }
        Actual::SameText => {
            let _ = writeln!(out, "            实际完成值: \"{target}\"");
        }
        Actual::OtherText { band } => {
            let _ = writeln!(out, "            实际完成值: 另有进展");
            if let Some(band) = band {
                let _ = writeln!(out, "            完成档次: {band}");
            }
        }
        Actual::NoData => {
            let _ = writeln!(out, "            实际完成值: 无法取得");
        }
        Actual::Missing => {}
        Actual::Blank => {
            let _ = writeln!(out, "            实际完成值: \"\"");
        }
    }
    let _ = writeln!(out, "            分值: {}", cents(indicator.weight));
    if let Some(hand) = indicator.hand {
        let _ = writeln!(out, "            得分: {}", cents(hand));
    }
    if let Some(direction) = indicator.direction {
        let _ = writeln!(out, "            方向: {direction}");
    }
}

fn report_yaml(report: &GenReport) -> String {
    let mut out = String::from("单位名称: 生成的单位\n年度: 2022\n提交时间: 2023-06-10\n");
    if report.linear {
        out.push_str("设置:\n  反向指标计分: 线性扣减法\n");
    }
    let (weight, adjusted, spent) = report.budget;
    let _ = write!(
        out,
        "预算:\n  分值: {}\n  调整后预算数: {}\n  执行数: {}\n年度目标:\n",
        cents(weight),
        cents(adjusted),
        cents(spent)
    );
    let mut number = 0;
    for (index, goal) in report.goals.iter().enumerate() {
        let weight: i64 = goal.iter().map(|i| i.weight).sum();
        let _ = writeln!(out, "  - 名称: 目标{}", index + 1);
        let _ = writeln!(out, "    分值: {}", cents(weight));
        out.push_str("    指标:\n      产出指标:\n        数量指标:\n");
        for indicator in goal {
            number += 1;
            indicator_yaml(&mut out, number, indicator);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn scores_are_bounded_rounded_summed_and_met_means_full(generated in report()) {
        let yaml = report_yaml(&generated);
        let evaluated = evaluate_text(&yaml);
        let outcome = outcome(&evaluated);
        let scores = &outcome.scores;
        let budget = &scores.budget;
        prop_assert!(budget.score >= Decimal::ZERO && budget.score <= budget.weight, "{yaml}");
        prop_assert_eq!(round_score(budget.score), budget.score);
        let mut goals_total = Decimal::ZERO;
        for (goal, gen_goal) in scores.goals.iter().zip(&generated.goals) {
            let mut sum = Decimal::ZERO;
            for (scored, generated) in goal.indicators.iter().zip(gen_goal) {
                prop_assert_eq!(scored.weight, dec(&cents(generated.weight)));
                prop_assert!(scored.score >= Decimal::ZERO, "{:?}\n{}", scored, yaml);
                prop_assert!(scored.score <= scored.weight, "{:?}\n{}", scored, yaml);
                prop_assert!(scored.rule_score >= Decimal::ZERO && scored.rule_score <= scored.weight);
                prop_assert_eq!(round_score(scored.score), scored.score);
                prop_assert_eq!(scored.met, scored.reached && scored.score == scored.weight, "{:?}", scored);
                prop_assert_eq!(scored.hand_scored, generated.hand.is_some());
                if generated.hand.is_none() {
                    prop_assert_eq!(scored.score, scored.rule_score);
                }
                if matches!(generated.actual, Actual::NoData | Actual::Missing | Actual::Blank) {
                    prop_assert_eq!(scored.rule, Rule::NoData);
                    prop_assert_eq!(scored.rule_score, Decimal::ZERO);
                    if generated.hand.is_none() && generated.weight > 0 {
                        prop_assert!(!scored.met);
                    }
                }
                sum += scored.score;
            }
            prop_assert_eq!(goal.score, sum);
            goals_total += goal.score;
        }
        prop_assert_eq!(scores.total, budget.score + goals_total);
        prop_assert_eq!(scores.grade, Grade::of(scores.total));
    }

    #[test]
    fn facts_agree_with_the_scores(generated in report()) {
        let evaluated = evaluate_text(&report_yaml(&generated));
        let outcome = outcome(&evaluated);
        let (scores, facts) = (&outcome.scores, &outcome.facts);
        // The summary: 预算执行 and every goal, adding up to the 合计.
        let labels: Vec<String> = facts.summary.iter().map(|r| r.label.clone()).collect();
        let mut expected = vec!["预算执行".to_string()];
        expected.extend((1..=generated.goals.len()).map(|n| format!("年度目标{n}")));
        prop_assert_eq!(labels, expected);
        prop_assert_eq!(facts.summary.iter().map(|r| r.score).sum::<Decimal>(), facts.total);
        prop_assert_eq!(facts.summary.iter().map(|r| r.weight).sum::<Decimal>(), facts.total_weight);
        prop_assert_eq!(facts.total, scores.total);
        // The counts: met + unmet = all, and the unmet list is the unmet indicators in order.
        let all: Vec<_> = scores.goals.iter().flat_map(|g| &g.indicators).collect();
        prop_assert_eq!(facts.indicator_count, all.len());
        prop_assert_eq!(facts.met_count + facts.unmet.len(), facts.indicator_count);
        prop_assert_eq!(facts.met_count, all.iter().filter(|s| s.met).count());
        let unmet_scores: Vec<Decimal> = all.iter().filter(|s| !s.met).map(|s| s.score).collect();
        let listed: Vec<Decimal> = facts.unmet.iter().map(|u| u.cells.score).collect();
        prop_assert_eq!(listed, unmet_scores);
        prop_assert_eq!(facts.goal_count, generated.goals.len());
    }
}

#[test]
fn generated_yaml_loads() {
    let indicator = GenIndicator {
        weight: 250,
        target: (Some(("", 80_000, "个")), "前三"),
        actual: Actual::Quantity {
            comparator: "",
            number: 21_000,
            unit: "个",
        },
        hand: None,
        direction: None,
    };
    let report = GenReport {
        linear: false,
        budget: (9_750, 100, 100),
        goals: vec![vec![indicator]],
    };
    let evaluated = evaluate_text(&report_yaml(&report));
    score_support::assert_no_errors(&evaluated);
    let outcome = outcome(&evaluated);
    assert_eq!(outcome.scores.goals[0].indicators[0].score, dec("0.66"));
    assert_eq!(outcome.scores.total, dec("98.16"));
}
