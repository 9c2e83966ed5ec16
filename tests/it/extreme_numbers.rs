//! Extreme decimals in every number a report holds (weights, hand scores, amounts, targets,
//! actual values, the 设置 thresholds), through load → check → score → facts → document →
//! Typst source, and the diff against the sample: nothing panics (rust_decimal's operators
//! would, on overflow), and every error says where it is.

use std::fmt::Write as _;
use std::path::PathBuf;

use jixiao::render::templates::TemplateSet;
use proptest::prelude::*;

/// Numbers at the edges of what the model reads (17 integer digits, 6 decimals): each loads,
/// and scoring meets them.
const EDGES: &[&str] = &[
    "0",
    "0.000001",
    "-0.000001",
    "99999999999999999",
    "99999999999999999.999999",
    "-99999999999999999.999999",
    "00000000000000000000000000000001",
    "100",
    "1",
];

/// Numbers beyond the edges and mistyped ones: rust_decimal's range
/// (79228162514264337593543950335), tiny and huge values, exponents, commas, full-width digits.
const BEYOND: &[&str] = &[
    "0.0000001",
    "1e-20",
    "1e20",
    "0.00000000000000000001",
    "100000000000000000000",
    "100000000000000000",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "79228162514264337593543950336",
    "1.1234567890123456789012345678901",
    "1,5",
    "１２３．５",
    ".5",
    "+5",
    "NaN",
    ".inf",
];

/// A number the model reads, often at its edges.
fn readable() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::sample::select(EDGES).prop_map(str::to_string),
        3 => "-?[1-9][0-9]{0,16}(\\.[0-9]{1,6})?",
        1 => "0\\.[0-9]{0,5}[1-9]",
    ]
}

/// Any number a user might type, the readable ones included.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => readable(),
        1 => prop::sample::select(BEYOND).prop_map(str::to_string),
        1 => "[0-9]{1,32}(\\.[0-9]{1,32})?",
    ]
}

fn comparator() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "≥", "≤", ">", "<", "不少于", "不超过"])
}

fn unit() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", "%", "个", "人次", "天"])
}

#[derive(Clone, Debug)]
struct Indicator {
    target: Written,
    actual: Option<Written>,
    weight: String,
    hand: Option<String>,
    lower: Option<bool>,
}

type Written = (&'static str, String, &'static str);

fn value(number: impl Strategy<Value = String>) -> impl Strategy<Value = Written> {
    (comparator(), number, unit())
}

fn indicator(number: fn() -> BoxedStrategy<String>) -> impl Strategy<Value = Indicator> {
    (
        value(number()),
        prop::option::of(value(number())),
        number(),
        prop::option::of(number()),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(target, actual, weight, hand, lower)| Indicator {
            target,
            actual,
            weight,
            hand,
            lower,
        })
}

#[derive(Clone, Debug)]
struct Report {
    national: bool,
    linear: bool,
    /// 分值, 批复数, 调整后预算数, 执行数, 基本支出, 项目支出.
    budget: [String; 6],
    threshold: Option<String>,
    budget_weight: Option<String>,
    goals: Vec<(String, Vec<Indicator>)>,
}

/// A report whose every number comes from `number`.
fn report(number: fn() -> BoxedStrategy<String>) -> impl Strategy<Value = Report> {
    (
        (any::<bool>(), any::<bool>()),
        prop::array::uniform6(number()),
        (prop::option::of(number()), prop::option::of(number())),
        prop::collection::vec(
            (number(), prop::collection::vec(indicator(number), 1..4)),
            1..3,
        ),
    )
        .prop_map(
            |((national, linear), budget, (threshold, budget_weight), goals)| Report {
                national,
                linear,
                budget,
                threshold,
                budget_weight,
                goals,
            },
        )
}

fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}

fn indicators_yaml(out: &mut String, indent: &str, indicators: &[Indicator], first: usize) {
    let _ = writeln!(out, "{indent}产出指标:\n{indent}  数量指标:");
    for (number, indicator) in (first..).zip(indicators) {
        let (c, n, u) = &indicator.target;
        let _ = writeln!(out, "{indent}    - 三级指标: 指标{number}");
        let _ = writeln!(
            out,
            "{indent}      年初目标值: {}",
            quoted(&format!("{c}{n}{u}"))
        );
        if let Some((c, n, u)) = &indicator.actual {
            let _ = writeln!(
                out,
                "{indent}      实际完成值: {}",
                quoted(&format!("{c}{n}{u}"))
            );
        }
        let _ = writeln!(out, "{indent}      分值: {}", indicator.weight);
        if let Some(hand) = &indicator.hand {
            let _ = writeln!(out, "{indent}      得分: {hand}");
            let _ = writeln!(out, "{indent}      得分说明: 评价人的判断");
        }
        if let Some(lower) = indicator.lower {
            let direction = if lower { "反向" } else { "正向" };
            let _ = writeln!(out, "{indent}      方向: {direction}");
        }
    }
}

fn settings_yaml(out: &mut String, report: &Report) {
    if !report.linear && report.threshold.is_none() && report.budget_weight.is_none() {
        return;
    }
    out.push_str("设置:\n");
    if report.linear {
        out.push_str("  反向指标计分: 线性扣减法\n");
    }
    if let Some(threshold) = &report.threshold {
        let _ = writeln!(out, "  偏差大阈值: {threshold}%");
    }
    if let Some(weight) = &report.budget_weight {
        let _ = writeln!(out, "  预算执行分值: {weight}");
    }
}

fn report_yaml(report: &Report) -> String {
    let mut out = String::from("单位名称: 生成的单位\n年度: 2022\n提交时间: 2023-06-10\n");
    settings_yaml(&mut out, report);
    let [weight, approved, adjusted, spent, basic, project] = &report.budget;
    if report.national {
        out.push_str("表样: 项目支出绩效自评表\n项目名称: 生成的项目\n");
        let _ = write!(
            out,
            "资金:\n  分值: {weight}\n  年度资金总额: {{年初预算数: {approved}, 全年预算数: {adjusted}, 全年执行数: {spent}}}\n  本年财政拨款: {{全年预算数: {basic}, 全年执行数: {project}}}\n"
        );
        out.push_str("年度总体目标:\n  预期目标: 甲\n  实际完成情况: 乙\n指标:\n");
        let all: Vec<Indicator> = report.goals.iter().flat_map(|(_, i)| i.clone()).collect();
        indicators_yaml(&mut out, "  ", &all, 1);
        return out;
    }
    let _ = write!(
        out,
        "预算:\n  分值: {weight}\n  批复数: {approved}\n  调整后预算数: {adjusted}\n  执行数: {spent}\n  基本支出: {basic}\n  项目支出: {project}\n年度目标:\n"
    );
    let mut first = 1;
    for (index, (weight, indicators)) in report.goals.iter().enumerate() {
        let _ = write!(
            out,
            "  - 名称: 目标{}\n    分值: {weight}\n    指标:\n",
            index + 1
        );
        indicators_yaml(&mut out, "      ", indicators, first);
        first += indicators.len();
    }
    out
}

fn sample_outcome() -> jixiao::Outcome {
    let path = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/data/2022-baoxie"));
    let evaluated = jixiao::evaluate_path(&path).expect("the sample loads");
    evaluated.outcome.expect("the sample is a report")
}

/// Loads, checks and scores `yaml`, and everything that uses the scores: no panic on the way.
fn evaluate_all_the_way(yaml: &str) -> Result<jixiao::Evaluated, TestCaseError> {
    let loaded =
        jixiao::source::load::load_texts(vec![(PathBuf::from("r.yaml"), yaml.to_string())]);
    let evaluated = jixiao::evaluate(loaded);
    let rendered = evaluated.diagnostics.render(&evaluated.files);
    prop_assert!(!rendered.contains("overflow"), "{rendered}");
    let Some(outcome) = &evaluated.outcome else {
        prop_assert!(evaluated.diagnostics.has_errors(), "{yaml}");
        return Ok(evaluated);
    };
    let _ = jixiao::commands::diff::compare::compare(&sample_outcome(), outcome).to_text();
    let _ = jixiao::commands::diff::compare::compare(outcome, outcome).to_text();
    let document = jixiao::pipeline::document(outcome);
    prop_assert!(serde_json::to_string(&document.card).is_ok());
    // `build` renders only reports without errors; rendering any is a harder test.
    let source = jixiao::render::render(
        &document,
        &TemplateSet::built_in(&jixiao::form::templates()),
    );
    prop_assert!(source.is_ok(), "{source:?}");
    Ok(evaluated)
}

fn readable_boxed() -> BoxedStrategy<String> {
    readable().boxed()
}

fn typed_boxed() -> BoxedStrategy<String> {
    typed().boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// Numbers the model reads, at its edges: every one is scored, each score within its weight
    /// where the report has no errors.
    #[test]
    fn numbers_at_the_edges_are_scored_without_a_panic(report in report(readable_boxed)) {
        let evaluated = evaluate_all_the_way(&report_yaml(&report))?;
        let outcome = evaluated.outcome.as_ref().expect("readable numbers load");
        let clean = !evaluated.diagnostics.has_errors();
        for score in outcome.scores.goals.iter().flat_map(|g| &g.indicators).filter(|_| clean) {
            prop_assert!(score.score >= 0.into() && score.score <= score.weight, "{score:?}");
        }
    }

    /// Any number typed: an error at its place where it cannot be read or computed with.
    #[test]
    fn numbers_beyond_the_edges_are_located_errors(report in report(typed_boxed)) {
        let yaml = report_yaml(&report);
        let evaluated = evaluate_all_the_way(&yaml)?;
        for error in evaluated.diagnostics.errors() {
            prop_assert!(error.span.is_some(), "{error:?}\n{yaml}");
        }
    }
}

#[test]
fn a_score_of_1e20_over_a_weight_of_1e_minus_20_is_an_error_with_its_place() {
    let yaml = report_yaml(&Report {
        national: false,
        linear: false,
        budget: ["20", "100", "100", "100", "50", "50"].map(String::from),
        threshold: None,
        budget_weight: None,
        goals: vec![(
            "80".into(),
            vec![Indicator {
                target: ("≥", "0.00000000000000000001".into(), "%"),
                actual: Some(("", "100000000000000000000".into(), "%")),
                weight: "0.00000000000000000001".into(),
                hand: Some("100000000000000000000".into()),
                lower: None,
            }],
        )],
    });
    let loaded = jixiao::source::load::load_texts(vec![(PathBuf::from("r.yaml"), yaml)]);
    let evaluated = jixiao::evaluate(loaded);
    let rendered = evaluated.diagnostics.render(&evaluated.files);
    assert!(rendered.contains("r.yaml:20:17"), "{rendered}");
    assert!(rendered.contains("r.yaml:21:17"), "{rendered}");
    assert!(
        rendered.contains("位数太多，超出了可以计算的范围"),
        "{rendered}"
    );
    assert!(rendered.contains("小数最多 6 位"), "{rendered}");
}
