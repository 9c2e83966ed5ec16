//! Targets and actual values as real tables write them (issue 8, domain.md sections 4 and 8):
//! comparators in words before or after the number, full-width digits, strict comparators,
//! deadlines and time limits, band labels, rule sets. One table of target/actual pairs with the
//! score, met flag and rule each must give, then properties over the ways to write a comparator.

use crate::score_support;

use jixiao::Severity;
use jixiao::scoring::score::{IndicatorScore, Rule};
use proptest::prelude::*;
use score_support::{assert_no_errors, dec, evaluate_text, messages_with, outcome, rendered};

/// A report with 预算 20 and one goal of 80: the indicator under test (`数量指标`, weight
/// `weight`) and a filler that takes the rest of the weight.
fn report_yaml(settings: &str, target: &str, actual: &str, weight: &str, extra: &str) -> String {
    let filler = dec("80") - dec(weight);
    let extra: String = extra
        .split(';')
        .filter(|line| !line.trim().is_empty())
        .map(|line| format!("            {}\n", line.trim()))
        .collect();
    let settings = match settings {
        "" => String::new(),
        lines => format!(
            "设置:\n{}",
            lines
                .split(';')
                .map(|line| format!("  {}\n", line.trim()))
                .collect::<String>()
        ),
    };
    format!(
        "单位名称: 测试街道办事处
年度: 2022
提交时间: 2023-06-10
{settings}预算:
  分值: 20
  调整后预算数: 100.00
  执行数: 100.00
年度目标:
  - 名称: 目标一
    分值: 80
    指标:
      产出指标:
        数量指标:
          - 三级指标: 受测指标
            年初目标值: \"{target}\"
            实际完成值: \"{actual}\"
            分值: {weight}
{extra}      效益指标:
        社会效益指标:
          - 三级指标: 其余
            年初目标值: 不断提升
            实际完成值: 不断提升
            分值: {filler}
"
    )
}

/// Scores the pair; fails on any error in the report.
fn scored(settings: &str, target: &str, actual: &str, weight: &str, extra: &str) -> IndicatorScore {
    let yaml = report_yaml(settings, target, actual, weight, extra);
    let evaluated = evaluate_text(&yaml);
    assert_no_errors(&evaluated);
    outcome(&evaluated).scores.goals[0].indicators[0].clone()
}

struct Case {
    target: &'static str,
    actual: &'static str,
    weight: &'static str,
    /// Extra indicator keys, `;`-separated (`方向: 反向`, `得分: 0.70`).
    extra: &'static str,
    /// Settings lines, `;`-separated.
    settings: &'static str,
    score: &'static str,
    met: bool,
    rule: Rule,
    /// What the JSON `rule` must say (the comparator, the convention, the band).
    says: &'static [&'static str],
}

const fn case(
    target: &'static str,
    actual: &'static str,
    weight: &'static str,
    score: &'static str,
    met: bool,
    rule: Rule,
    says: &'static [&'static str],
) -> Case {
    Case {
        target,
        actual,
        weight,
        extra: "",
        settings: "",
        score,
        met,
        rule,
        says,
    }
}

const fn with(mut base: Case, extra: &'static str, settings: &'static str) -> Case {
    base.extra = extra;
    base.settings = settings;
    base
}

use Rule::{Higher, LowerLinear, LowerRatio, NoData, Qualitative, ZeroTarget};

const AT_LEAST_80: &[&str] = &["正向", "≥ 80"];
const MORE_THAN_80: &[&str] = &["正向", "> 80"];
const AT_MOST_10: &[&str] = &["反向", "≤ 10", "比值法"];
const LESS_THAN_5: &[&str] = &["反向", "< 5", "比值法"];
const TIME_LIMIT: &[&str] = &["时限", "≤", "比值法"];
const DEADLINE: &[&str] = &["期限", "比值法"];
const REACHED: &[&str] = &["定性", "达成", "80%–100%"];

const CASES: &[Case] = &[
    // At least, as a symbol, in words before, in words after; full-width and spaced.
    case("≥80%", "82%", "1", "1.00", true, Higher, AT_LEAST_80),
    case("≧80%", "79%", "1", "0.99", false, Higher, AT_LEAST_80),
    case(">=80%", "80%", "1", "1.00", true, Higher, AT_LEAST_80),
    case("不少于80%", "80%", "1", "1.00", true, Higher, AT_LEAST_80),
    case("不低于80%", "60%", "2", "1.50", false, Higher, AT_LEAST_80),
    case("至少80%", "90%", "1", "1.00", true, Higher, AT_LEAST_80),
    case("80%以上", "85%", "1", "1.00", true, Higher, AT_LEAST_80),
    case("80%及以上", "40%", "1", "0.50", false, Higher, AT_LEAST_80),
    case("≥８０%", "８５%", "1", "1.00", true, Higher, AT_LEAST_80),
    case("≥ 80 ％", "81％", "1", "1.00", true, Higher, AT_LEAST_80),
    case(
        "≥８０．５%",
        "80.5%",
        "1",
        "1.00",
        true,
        Higher,
        &["≥ 80.5"],
    ),
    case("不少于30个", "30个", "1", "1.00", true, Higher, &["≥ 30"]),
    case(
        "不少于 30 个",
        "15 个",
        "2",
        "1.00",
        false,
        Higher,
        &["≥ 30"],
    ),
    case("30个以上", "31个", "1", "1.00", true, Higher, &["≥ 30"]),
    // Strictly more: reaching the bound is not enough.
    case(">80%", "80%", "1", "1.00", false, Higher, MORE_THAN_80),
    case(">80%", "81%", "1", "1.00", true, Higher, MORE_THAN_80),
    case("超过80%", "80%", "1", "1.00", false, Higher, MORE_THAN_80),
    case("超过80%", "40%", "1", "0.50", false, Higher, MORE_THAN_80),
    case("＞80%", "90%", "1", "1.00", true, Higher, MORE_THAN_80),
    // At most: 10/12 = 0.833…, 10/20 = 0.5, 1.10 × 10/11 = 1.00 (rounded, still unmet).
    case(
        "≤10人次",
        "8人次",
        "1",
        "1.00",
        true,
        LowerRatio,
        AT_MOST_10,
    ),
    case(
        "≦10人次",
        "12人次",
        "1",
        "0.83",
        false,
        LowerRatio,
        AT_MOST_10,
    ),
    case(
        "<=10人次",
        "10人次",
        "1",
        "1.00",
        true,
        LowerRatio,
        AT_MOST_10,
    ),
    case(
        "不超过10人次",
        "20人次",
        "1",
        "0.50",
        false,
        LowerRatio,
        AT_MOST_10,
    ),
    case(
        "不高于10人次",
        "5人次",
        "1",
        "1.00",
        true,
        LowerRatio,
        AT_MOST_10,
    ),
    case(
        "最多10人次",
        "10人次",
        "1",
        "1.00",
        true,
        LowerRatio,
        AT_MOST_10,
    ),
    case(
        "10人次以下",
        "8人次",
        "1",
        "1.00",
        true,
        LowerRatio,
        AT_MOST_10,
    ),
    case(
        "10人次以内",
        "12人次",
        "1",
        "0.83",
        false,
        LowerRatio,
        AT_MOST_10,
    ),
    case(
        "10人次之内",
        "10人次",
        "1",
        "1.00",
        true,
        LowerRatio,
        AT_MOST_10,
    ),
    case(
        "10人次及以下",
        "11人次",
        "1.10",
        "1.00",
        false,
        LowerRatio,
        AT_MOST_10,
    ),
    // Strictly fewer.
    case("<5起", "5起", "1", "1.00", false, LowerRatio, LESS_THAN_5),
    case("<5起", "4起", "1", "1.00", true, LowerRatio, LESS_THAN_5),
    case(
        "低于5起",
        "5起",
        "1",
        "1.00",
        false,
        LowerRatio,
        LESS_THAN_5,
    ),
    case(
        "低于5起",
        "10起",
        "1",
        "0.50",
        false,
        LowerRatio,
        LESS_THAN_5,
    ),
    case("＜5起", "2起", "1", "1.00", true, LowerRatio, LESS_THAN_5),
    // Time limits: shorter is better.
    case("3天内", "2天", "1", "1.00", true, LowerRatio, TIME_LIMIT),
    case("3天内", "4天", "1", "0.75", false, LowerRatio, TIME_LIMIT),
    case("2天以内", "2天", "1", "1.00", true, LowerRatio, TIME_LIMIT),
    case("2天以内", "3天", "1", "0.67", false, LowerRatio, TIME_LIMIT),
    case(
        "30个工作日内",
        "25个工作日",
        "1",
        "1.00",
        true,
        LowerRatio,
        TIME_LIMIT,
    ),
    case(
        "30个工作日内",
        "40个工作日",
        "2",
        "1.50",
        false,
        LowerRatio,
        TIME_LIMIT,
    ),
    case(
        "2小时内",
        "1.5小时",
        "1",
        "1.00",
        true,
        LowerRatio,
        TIME_LIMIT,
    ),
    case(
        "2小时内",
        "2.5小时",
        "1",
        "0.80",
        false,
        LowerRatio,
        TIME_LIMIT,
    ),
    // Deadlines: met by that month or day or earlier; missed, 分值 × A/B on day numbers
    // (30 September is day 274 of a year without one named, a leap one; 31 October day 305).
    case("9月前", "7月", "5", "5.00", true, LowerRatio, DEADLINE),
    case("11月前", "10月", "5", "5.00", true, LowerRatio, DEADLINE),
    case("9月前", "9月", "1", "1.00", true, LowerRatio, DEADLINE),
    case(
        "9月底前",
        "10月底",
        "5",
        "4.49",
        false,
        LowerRatio,
        DEADLINE,
    ),
    case(
        "12月31日前",
        "12月",
        "2",
        "2.00",
        true,
        LowerRatio,
        DEADLINE,
    ),
    case(
        "12月31日前",
        "12月20日",
        "1",
        "1.00",
        true,
        LowerRatio,
        DEADLINE,
    ),
    case(
        "2023年10月底前",
        "2023年9月20日",
        "1",
        "1.00",
        true,
        LowerRatio,
        DEADLINE,
    ),
    // 2023: 31 October is day 304, 30 November day 334: 304/334 = 0.910…
    case(
        "2023年10月底前",
        "2023年11月30日",
        "1",
        "0.91",
        false,
        LowerRatio,
        DEADLINE,
    ),
    case(
        "6月30日前",
        "2023-06-15",
        "1",
        "1.00",
        true,
        LowerRatio,
        DEADLINE,
    ),
    case(
        "6月30日前",
        "2023年7月1日",
        "1",
        "0.99",
        false,
        LowerRatio,
        DEADLINE,
    ),
    // Done in time without a date: 达成 (with a warning, tested below).
    case(
        "9月底前",
        "按时完成",
        "1",
        "1.00",
        true,
        Qualitative,
        REACHED,
    ),
    case("3天内", "提前完成", "1", "1.00", true, Qualitative, REACHED),
    case(
        "2023年10月底前",
        "已完成",
        "1",
        "1.00",
        true,
        Qualitative,
        REACHED,
    ),
    // The linear convention: 1 − (12 − 10)/10 = 0.8; 0 from twice the target;
    // 5 × (1 − 31/274) = 4.434…
    with(
        case(
            "≤10人次",
            "12人次",
            "1",
            "0.80",
            false,
            LowerLinear,
            &["线性扣减法", "≤ 10"],
        ),
        "",
        "反向指标计分: 线性扣减法",
    ),
    with(
        case(
            "10人次以内",
            "25人次",
            "1",
            "0.00",
            false,
            LowerLinear,
            &["线性扣减法"],
        ),
        "",
        "反向指标计分: 线性扣减法",
    ),
    with(
        case(
            "9月底前",
            "10月底",
            "5",
            "4.43",
            false,
            LowerLinear,
            &["期限", "线性扣减法"],
        ),
        "",
        "反向指标计分: 线性扣减法",
    ),
    // Met means reached: 797 of 800 rounds to the full weight but is not met.
    case(
        "800个",
        "797个",
        "1",
        "1.00",
        false,
        Higher,
        &["≥ 800", "未写比较符"],
    ),
    case(
        "≥800个",
        "797个",
        "1",
        "1.00",
        false,
        Higher,
        &["≥ 800", "目标值写明"],
    ),
    case("800个", "800个", "1", "1.00", true, Higher, &["≥ 800"]),
    // Band labels as the actual value set the band.
    case(
        "不断提升",
        "达成预期指标",
        "1",
        "1.00",
        true,
        Qualitative,
        REACHED,
    ),
    case(
        "不断提升",
        "达成年度指标",
        "1",
        "1.00",
        true,
        Qualitative,
        REACHED,
    ),
    case(
        "≥80%",
        "达成年度指标",
        "1",
        "1.00",
        true,
        Qualitative,
        REACHED,
    ),
    with(
        case(
            "不断提升",
            "部分达成",
            "1",
            "0.70",
            false,
            Qualitative,
            &["部分达成", "60%–80%"],
        ),
        "得分: 0.70",
        "",
    ),
    with(
        case(
            "不断提升",
            "未达成",
            "1",
            "0.30",
            false,
            Qualitative,
            &["未达成", "0%–60%"],
        ),
        "得分: 0.30",
        "",
    ),
    // The 安徽 rule set: 部分达成 from 50 %; one setting overridden on its own.
    with(
        case(
            "不断提升",
            "部分达成",
            "1",
            "0.55",
            false,
            Qualitative,
            &["50%–80%", "安徽"],
        ),
        "得分: 0.55",
        "计分规则: 安徽",
    ),
    with(
        case(
            "不断提升",
            "部分达成年度指标并具有一定效果",
            "1",
            "0.55",
            false,
            Qualitative,
            &["50%–80%", "湖北"],
        ),
        "得分: 0.55",
        "部分达成区间: 50%-80%",
    ),
    // Zero targets, same text, no data, 方向.
    case("0起", "0起", "1", "1.00", true, ZeroTarget, &["零目标"]),
    case("0起", "1起", "1", "0.00", false, ZeroTarget, &["零目标"]),
    case(
        "通过考核",
        "通过考核",
        "1",
        "1.00",
        true,
        Qualitative,
        REACHED,
    ),
    case(
        "前三",
        "无法取得",
        "1",
        "0.00",
        false,
        NoData,
        &["无法取得"],
    ),
    with(
        case(
            "10人次",
            "12人次",
            "1",
            "0.83",
            false,
            LowerRatio,
            &["方向: 反向", "≤ 10"],
        ),
        "方向: 反向",
        "",
    ),
    with(
        case(
            "≤10次",
            "12次",
            "1",
            "1.00",
            true,
            Higher,
            &["方向: 正向", "≥ 10"],
        ),
        "方向: 正向",
        "",
    ),
];

#[test]
fn every_written_form_scores_as_the_table_means_it() {
    assert!(CASES.len() >= 60, "{} cases", CASES.len());
    for case in CASES {
        let got = scored(
            case.settings,
            case.target,
            case.actual,
            case.weight,
            case.extra,
        );
        let what = format!("{} / {} ({})", case.target, case.actual, got.basis);
        assert_eq!(got.score, dec(case.score), "score of {what}");
        assert_eq!(got.met, case.met, "met of {what}");
        assert_eq!(got.rule, case.rule, "rule of {what}");
        for words in case.says {
            assert!(got.basis.contains(words), "{what} should say {words}");
        }
    }
}

#[test]
fn an_unmet_indicator_rounded_to_full_is_listed_as_unmet() {
    let yaml = report_yaml("", "800 个", "797 个", "1", "说明: 差 3 个。");
    let evaluated = evaluate_text(&yaml);
    let outcome = outcome(&evaluated);
    let unmet: Vec<&str> = outcome
        .facts
        .unmet
        .iter()
        .map(|u| u.cells.name.as_str())
        .collect();
    assert_eq!(unmet, ["受测指标"]);
    assert_eq!(outcome.facts.met_count, 1);
    assert_eq!(outcome.scores.total, dec("100.00"));
}

#[test]
fn done_in_time_without_a_date_is_reached_with_a_warning() {
    let evaluated = evaluate_text(&report_yaml("", "9月底前", "按时完成", "1", ""));
    assert_no_errors(&evaluated);
    let found = messages_with(&evaluated, "没有写日期或时长");
    assert_eq!(found.len(), 1, "{}", rendered(&evaluated));
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(found[0].line, 16, "at the actual value");
}

#[test]
fn json_rule_names_the_comparator_and_the_convention() {
    let yaml = report_yaml(
        "反向指标计分: 线性扣减法",
        "10人次以内",
        "12人次",
        "1",
        "说明: 超出。",
    );
    let evaluated = evaluate_text(&yaml);
    let outcome = outcome(&evaluated);
    let card =
        jixiao::scoring::scorecard::scorecard(&outcome.report, &outcome.scores, &outcome.facts);
    let json = serde_json::to_value(&card).unwrap_or_default();
    let indicator = &json["goals"][0]["indicators"][0];
    assert_eq!(indicator["rule_kind"], "lower-linear");
    let rule = indicator["rule"].as_str().unwrap_or_default();
    assert!(
        rule.contains("≤ 10") && rule.contains("线性扣减法"),
        "{rule}"
    );
}

/// The comparator written three ways: a symbol, words before, words after (where Chinese has
/// a word after: 以上 for ≥, 以下 / 以内 for ≤).
fn spellings(
    kind: usize,
) -> (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
) {
    match kind {
        0 => (
            "≥",
            &["不少于", "不低于", "至少", ">=", "≧"],
            &["以上", "及以上"],
        ),
        1 => (
            "≤",
            &["不超过", "不高于", "最多", "<=", "≦"],
            &["以下", "及以下", "以内", "之内", "内"],
        ),
        2 => (">", &["超过", "＞"], &[]),
        _ => ("<", &["低于", "＜"], &[]),
    }
}

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
            '.' => '．',
            '%' => '％',
            other => other,
        })
        .collect()
}

/// What must be the same for every spelling: the score, met, the rule.
fn outcome_of(target: &str, actual: &str) -> (String, bool, Rule) {
    let got = scored("", target, actual, "2", "说明: 测试。");
    (got.score.to_string(), got.met, got.rule)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_comparator_as_symbol_or_words_before_or_after_scores_the_same(
        kind in 0usize..4,
        target in 1u32..500,
        actual in 0u32..1000,
        unit in prop::sample::select(vec!["", "%", "个", "人次", "起", "天"]),
        word in 0usize..5,
        spaced in any::<bool>(),
    ) {
        let (symbol, before, after) = spellings(kind);
        let gap = if spaced { " " } else { "" };
        let actual = format!("{actual}{unit}");
        let expected = outcome_of(&format!("{symbol}{target}{unit}"), &actual);
        let before = before[word % before.len()];
        prop_assert_eq!(&outcome_of(&format!("{before}{gap}{target}{gap}{unit}"), &actual), &expected);
        if !after.is_empty() {
            let after = after[word % after.len()];
            prop_assert_eq!(&outcome_of(&format!("{target}{gap}{unit}{after}"), &actual), &expected);
        }
        let wide_target = full_width(&format!("{symbol}{target}{unit}"));
        prop_assert_eq!(&outcome_of(&wide_target, &full_width(&actual)), &expected);
    }
}
